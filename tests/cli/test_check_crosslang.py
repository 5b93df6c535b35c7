"""`statementkit check` compares the language versions: findings name clause, language and check."""

from __future__ import annotations

import json
from pathlib import Path

from statementkit.adapters.translations_file import save_translations, translations_path
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations, source_hash

EXTRA = "The Parties will hold the next meeting in 2025."


def _add_free_clause(spec: Path) -> None:
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace("\nclosing:\n", f"\n  - id: next-meeting\n    text: {EXTRA}\nclosing:\n", 1),
                    encoding="utf-8")


def test_missing_russian_clause_is_found(run, seed_copy):
    _add_free_clause(seed_copy)
    entry = TranslationEntry("next-meeting", "zh", source_hash(EXTRA), "各方将于2025年举行下一次会议。",
                             Origin.HUMAN, Status.REVIEWED)
    save_translations(translations_path(seed_copy), Translations("en", {("next-meeting", "zh"): entry}))
    res = run("check", str(seed_copy), "--json")
    assert res.exit_code == 1
    data = json.loads(res.stdout)
    message = "the clause is missing in this version (free text: 'statementkit translate SPEC --to LANG')"
    assert data["findings"] == [{"clause": "next-meeting", "lang": "ru", "check": "missing", "severity": "error",
                                 "message": message, "languages": ["ru"], "spans": []}]
    # reported once: the statement itself is valid, only the ru version lacks the clause
    assert data["problems"] == []
    res = run("check", str(seed_copy))
    assert res.exit_code == 1
    assert res.stdout == f"next-meeting [ru] missing: {message}\n"


def test_changed_number_in_zh_is_found(run, seed_copy):
    _add_free_clause(seed_copy)
    tr = Translations("en", {
        ("next-meeting", "zh"): TranslationEntry("next-meeting", "zh", source_hash(EXTRA),
                                                 "各方将于2026年举行下一次会议。", Origin.HUMAN, Status.REVIEWED),
        ("next-meeting", "ru"): TranslationEntry("next-meeting", "ru", source_hash(EXTRA),
                                                 "Стороны проведут следующее совещание в 2025 году.", Origin.HUMAN,
                                                 Status.REVIEWED)})
    save_translations(translations_path(seed_copy), tr)
    res = run("check", str(seed_copy), "--json")
    assert res.exit_code == 1
    findings = json.loads(res.stdout)["findings"]
    assert [(f["clause"], f["lang"], f["check"], f["message"]) for f in findings] == [
        ("next-meeting", "zh", "numbers", "number 2025 of the source missing"),
        ("next-meeting", "zh", "numbers", "number 2026 not in the source")]
    assert res.stderr == "statementkit: 2 problems found\n"


def test_seed_is_clean(run, seed_copy):
    res = run("check", str(seed_copy))
    assert res.exit_code == 0, res.output
    assert res.stdout.endswith(": ok (16 clauses, zh, ru, en)\n")


def test_findings_carry_languages_and_spans(run, seed_copy):
    _add_free_clause(seed_copy)
    tr = Translations("en", {
        ("next-meeting", "zh"): TranslationEntry("next-meeting", "zh", source_hash(EXTRA),
                                                 "各方将于2026年举行下一次会议。", Origin.HUMAN, Status.REVIEWED),
        ("next-meeting", "ru"): TranslationEntry("next-meeting", "ru", source_hash(EXTRA),
                                                 "Стороны проведут следующее совещание в 2025 году.", Origin.HUMAN,
                                                 Status.REVIEWED)})
    save_translations(translations_path(seed_copy), tr)
    findings = json.loads(run("check", str(seed_copy), "--json").stdout)["findings"]
    assert [(f["languages"], f["spans"]) for f in findings] == [
        (["en", "zh"], [{"lang": "en", "start": 42, "end": 46, "text": "2025"}]),
        (["en", "zh"], [{"lang": "zh", "start": 4, "end": 8, "text": "2026"}])]


def test_accepted_finding_in_the_statement_file(run, seed_copy):
    _add_free_clause(seed_copy)
    tr = Translations("en", {
        ("next-meeting", "zh"): TranslationEntry("next-meeting", "zh", source_hash(EXTRA),
                                                 "各方将于2025年举行下一次会议。", Origin.HUMAN, Status.REVIEWED)})
    save_translations(translations_path(seed_copy), tr)
    assert run("check", str(seed_copy)).exit_code == 1
    text = seed_copy.read_text(encoding="utf-8")
    seed_copy.write_text(text + "accepted:\n  - {clause: next-meeting, check: missing, lang: ru, "
                                "note: the ru text follows in the next round}\n", encoding="utf-8")
    res = run("check", str(seed_copy))
    assert res.exit_code == 0, res.output
    assert res.stdout.endswith("(17 clauses, zh, ru, en; 1 accepted)\n")
    data = json.loads(run("check", str(seed_copy), "--json").stdout)
    assert [(f["clause"], f["check"]) for f in data["accepted"]] == [("next-meeting", "missing")]
    assert data["findings"] == [] and data["stale_accepted"] == []
    # once the text is there, the exception is stale: the check says so (and stays clean)
    tr2 = Translations("en", {**tr.entries, ("next-meeting", "ru"): TranslationEntry(
        "next-meeting", "ru", source_hash(EXTRA), "Стороны проведут следующее совещание в 2025 году.",
        Origin.HUMAN, Status.REVIEWED)})
    save_translations(translations_path(seed_copy), tr2)
    res = run("check", str(seed_copy))
    assert res.exit_code == 0, res.output
    assert "note: accepted finding next-meeting [ru] missing matches nothing now" in res.stderr


def test_bad_accepted_entries_are_one_line(run, seed_copy):
    text = seed_copy.read_text(encoding="utf-8")
    for bad, what in [("accepted: yes\n", "expected a list"), ("accepted:\n  - {clause: x}\n", "check: missing"),
                      ("accepted:\n  - {clause: x, check: y, lang: fr}\n", "unsupported language"),
                      ("accepted:\n  - {clause: x, check: y, who: me}\n", "unknown field")]:
        seed_copy.write_text(text + bad, encoding="utf-8")
        res = run("check", str(seed_copy))
        assert res.exit_code == 1 and what in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.output
