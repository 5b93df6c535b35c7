"""Issue 16 acceptance: translation at sentence level on tiny real Argos models (sentence memory, change
propagation, repaired matches, alternatives, segmentation before locking)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from statementkit.adapters.translations_file import load_translations, save_translations, translations_path
from statementkit.model.translation import Origin, Status, Translations
from statementkit.services.translate.base import Hypothesis, Translator
from statementkit.services.translate.pipeline import Summary
from statementkit.testing.synthetic import synthetic_statement

FIVE = ("The Parties agree to strengthen cooperation on patents. They will exchange information on trademarks. "
        "The offices will hold 4 joint seminars every year. Both sides support small and medium-sized "
        "enterprises. The heads of the offices will report in July 2026.")
APPROVED_RU = ("Стороны договорились укреплять сотрудничество в области патентов. Они будут обмениваться информацией "
               "о товарных знаках. Ведомства будут ежегодно проводить 4 совместных семинара. Обе стороны "
               "поддерживают малые и средние предприятия. Руководители ведомств доложат в июле 2026 года.")


class _Counting:
    """Wraps a translator and records every segment it is sent."""

    def __init__(self, inner: Translator, sink: list[str]) -> None:
        self.inner, self.sink = inner, sink
        self.source, self.target, self.label = inner.source, inner.target, inner.label

    def translate(self, segments: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        self.sink.extend(segments)
        return self.inner.translate(segments, progress)


def _spec(tmp_path: Path, clauses: dict[str, str]) -> Path:
    head = synthetic_statement(1).split("  - id: free-001")[0]
    body = "".join(f'  - id: {cid}\n    text: "{text}"\n' for cid, text in clauses.items())
    spec = tmp_path / "statement.yaml"
    spec.write_text(head + body + "closing: {form: none}\n", encoding="utf-8")
    return spec


def _translate(spec: Path, models_dir: Path, tm: Path | None, langs: Sequence[str], sent: list[str],
               summaries: list[Summary] | None = None, **options: object) -> Translations:
    """Translate through tiny real models; ``sent`` gets every segment the models were sent (sentences, and
    Russian sentences with their registry names unlocked, for their case); ``summaries`` the run's summary."""
    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.app.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import translate_statement
    from tests.conftest import TEMPLATES

    ws = load_workspace(spec, TEMPLATES)
    tr = load_translations(translations_path(spec), "en")
    engines = Engines(models_dir, **options)
    memory = TranslationMemory(tm) if tm is not None else None
    try:
        result = translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, tr), tr, langs,
                                     lambda a, b: _Counting(engines(a, b), sent), memory)
    finally:
        if memory is not None:
            memory.close()
    save_translations(translations_path(spec), result.translations, [u.id for u in ws.statement.units()])
    if summaries is not None:
        summaries.append(result.summary)
    return result.translations


def test_edit_one_sentence_of_an_approved_clause_sends_only_it(tmp_path: Path, models_dir: Path) -> None:
    spec = _spec(tmp_path, {"five": FIVE})
    sent: list[str] = []
    runs: list[Summary] = []
    tr = _translate(spec, models_dir, None, ["ru"], sent, runs)
    assert runs[-1].segments == 5 and len(sent) == 5 + runs[-1].case_readings
    e = tr.get("five", "ru")
    assert e is not None and e.sentences == ("machine",) * 5
    # the reviewer approves a human translation of the five sentences
    save_translations(translations_path(spec), tr.put(e.with_(text=APPROVED_RU, origin=Origin.HUMAN,
                                                               status=Status.APPROVED, flags=(), notes=())))
    edited = FIVE.replace("4 joint seminars every year", "6 joint seminars every two years")
    spec.write_text(spec.read_text(encoding="utf-8").replace(FIVE, edited), encoding="utf-8")

    sent.clear()
    tr = _translate(spec, models_dir, None, ["ru"], sent, runs)
    # exactly the edited sentence goes to the model (and, when it holds a Russian name, once more with the name
    # unlocked, to read its case)
    assert runs[-1].segments == 1 and "joint seminars every two years" in sent[0]
    assert sent[1:] == [FIVE.split(". ")[2].replace("4 joint seminars every year", "6 joint seminars every two years")
                        + "."] * runs[-1].case_readings
    e = tr.get("five", "ru")
    assert e is not None
    assert e.sentences == ("kept", "kept", "machine", "kept", "kept")
    assert e.origin is Origin.MACHINE and e.status is Status.DRAFT
    approved = APPROVED_RU.split(". ")
    for i in (0, 1, 3):
        assert approved[i] in e.text
    assert e.text.endswith(approved[4]) and "4 совместных" not in e.text
    assert "source sentences changed: 3 of 5; the others kept" in e.notes


def test_status_and_review_name_the_changed_sentences(run: Callable, tmp_path: Path, models_dir: Path) -> None:
    spec = _spec(tmp_path, {"five": FIVE})
    _translate(spec, models_dir, None, ["ru", "zh"], [])
    spec.write_text(spec.read_text(encoding="utf-8").replace("on trademarks", "on trademarks and designs"),
                    encoding="utf-8")
    r = run("status", spec, "--json")
    assert r.exit_code == 0, r.output
    import json

    assert [lang["changed_sentences"] for lang in json.loads(r.stdout)] == [{"five": [2]}, {"five": [2]}]
    r = run("status", spec)
    assert "five (sentence 2 of 5 changed)" in r.stdout
    out = tmp_path / "review.docx"
    r = run("review", "export", spec, "--lang", "ru", "-o", out)
    assert r.exit_code == 0, r.output
    from docx import Document

    cells = [c.text for row in Document(str(out)).tables[0].rows for c in row.cells]
    assert any("changed sentences: 2 of 5" in c for c in cells)


def test_repaired_match_date_and_number_without_the_model(tmp_path: Path, models_dir: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    tm = tmp_path / "tm.sqlite"
    with TranslationMemory(tm) as memory:
        memory.add("en", "zh", "The offices will hold 4 joint seminars from 12 March 2024.",
                   "各局将自2024年3月12日起举办4次联合研讨会。", origin=Origin.HUMAN, status=Status.APPROVED)
        memory.add("en", "ru", "The offices will hold 4 joint seminars from 12 March 2024.",
                   "Ведомства проведут 4 совместных семинара с 12 марта 2024 года.", origin=Origin.HUMAN,
                   status=Status.APPROVED)
    spec = _spec(tmp_path, {"seminars": "The offices will hold 9 joint seminars from 3 May 2025."})
    sent: list[str] = []
    tr = _translate(spec, models_dir, tm, ["zh", "ru"], sent)
    assert sent == []
    zh, ru = tr.get("seminars", "zh"), tr.get("seminars", "ru")
    assert zh is not None and ru is not None
    assert zh.text == "各局将自2025年5月3日起举办9次联合研讨会。"
    assert ru.text == "Ведомства проведут 9 совместных семинара с 3 мая 2025 года."
    for e in (zh, ru):
        assert e.origin is Origin.MEMORY and e.status is Status.DRAFT and e.flags == ("memory-repaired",)
        assert e.sentences == ("memory-repaired",)
        assert any("repaired" in n for n in e.notes)


def test_a_match_differing_in_words_is_only_a_note(tmp_path: Path, models_dir: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    tm = tmp_path / "tm.sqlite"
    with TranslationMemory(tm) as memory:
        memory.add("en", "zh", "The offices will hold 4 joint seminars from 12 March 2024.",
                   "各局将自2024年3月12日起举办4次联合研讨会。", origin=Origin.HUMAN, status=Status.APPROVED)
        # the locked span is not in the target: cannot be repaired safely
        memory.add("en", "ru", "The offices will hold 4 joint seminars from 12 March 2024.",
                   "Ведомства проведут четыре совместных семинара.", origin=Origin.HUMAN, status=Status.APPROVED)
    spec = _spec(tmp_path, {"seminars": "The offices will hold 9 regional seminars from 3 May 2025."})
    sent: list[str] = []
    tr = _translate(spec, models_dir, tm, ["zh", "ru"], sent)
    assert len(sent) == 2
    for lang in ("zh", "ru"):
        e = tr.get("seminars", lang)
        assert e is not None and e.origin is Origin.MACHINE and "memory-repaired" not in e.flags
        assert e.sentences == ("machine",)
        assert any(n.startswith("memory ") for n in e.notes)


def test_sentences_are_split_before_locking(tmp_path: Path, models_dir: Path) -> None:
    text = "The Parties recall Decision No. 12 and Art. 5 of the Agreement, see p. 3. They will meet again."
    spec = _spec(tmp_path, {"recall": text})
    sent: list[str] = []
    _translate(spec, models_dir, None, ["ru"], sent)
    assert len(sent) == 2
    assert sent[0].startswith("The Parties recall Decision No. Z1 and Art. Z2") and sent[0].endswith("p. Z3.")


def test_bad_sentence_origin_in_the_translations_file_is_one_line(run: Callable, tmp_path: Path,
                                                                  models_dir: Path) -> None:
    spec = _spec(tmp_path, {"five": FIVE})
    _translate(spec, models_dir, None, ["ru"], [])
    path = translations_path(spec)
    path.write_text(path.read_text(encoding="utf-8").replace("- machine", "- guessed", 1), encoding="utf-8")
    r = run("status", spec)
    assert r.exit_code != 0
    assert "unknown sentence origin 'guessed'" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_alternatives_reach_the_review_docx_and_xliff(run: Callable, tmp_path: Path, models_dir: Path) -> None:
    spec = _spec(tmp_path, {"one": "The Parties agree to strengthen cooperation on patents."})
    r = run("translate", spec, "--to", "ru", "--models", models_dir, "--no-memory", "--alternatives", "3")
    assert r.exit_code == 0, r.output
    e = load_translations(translations_path(spec), "en").get("one", "ru")
    assert e is not None
    alts = [n for n in e.notes if n.startswith("alternative ")]
    assert [a.split(" ")[1] for a in alts] == ["2", "3"]
    assert all("model score -" in a or "model score 0" in a for a in alts)
    # three hypotheses in all: the text and two alternatives
    docx_out, xliff_out = tmp_path / "review.docx", tmp_path / "review.xlf"
    assert run("review", "export", spec, "--lang", "ru", "-o", docx_out).exit_code == 0
    assert run("review", "export", spec, "--lang", "ru", "-o", xliff_out).exit_code == 0
    from docx import Document

    cells = "\n".join(c.text for row in Document(str(docx_out)).tables[0].rows for c in row.cells)
    assert e.text in cells and all(a in cells for a in alts)
    xliff = xliff_out.read_text(encoding="utf-8")
    assert sum(xliff.count(a.split(": ", 1)[1].replace('"', "&quot;")) >= 1 for a in alts) == 2


def test_sentence_memory_serves_a_sentence_of_another_clause(tmp_path: Path, models_dir: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.services.translate.pipeline import remember_sentences

    tm = tmp_path / "tm.sqlite"
    first = "The Parties agree to strengthen cooperation on patents."
    with TranslationMemory(tm) as memory:  # an approved two-sentence clause of an earlier statement
        n = remember_sentences(memory, "en", "ru", f"{first} They will exchange information on trademarks.",
                               "Стороны договорились укреплять сотрудничество в области патентов. Они будут "
                               "обмениваться информацией о товарных знаках.", Origin.HUMAN, Status.APPROVED)
        assert n == 2
    spec = _spec(tmp_path, {"two": f"{first} The heads of the offices will meet every year."})
    sent: list[str] = []
    tr = _translate(spec, models_dir, tm, ["ru"], sent)
    assert sent == ["The heads of the offices will meet every year."]
    e = tr.get("two", "ru")
    assert e is not None and e.sentences == ("memory", "machine")
    assert e.text.startswith("Стороны договорились укреплять сотрудничество в области патентов. ")


def test_memory_records_scope_and_prefers_the_same_mechanism(tmp_path: Path, models_dir: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.services.translate.base import Scope

    tm = tmp_path / "tm.sqlite"
    text = "The offices will hold joint seminars on patents."
    with TranslationMemory(tm) as memory:
        memory.add_scoped("en", "ru", text, "Ведомства проведут совместные семинары по патентам.",
                          origin=Origin.HUMAN, status=Status.APPROVED,
                          scope=Scope("c-ca-heads-ip", "c-ca-heads-ip#1", "seminars"))
        # more recent, equally ranked, from another mechanism: would win on recency alone
        memory.add_scoped("en", "ru", text, "Ведомства организуют совместные семинары по патентам.",
                          origin=Origin.HUMAN, status=Status.APPROVED,
                          scope=Scope("cn-uz-ip", "cn-uz-ip#3", "x"))
        got = memory.lookup_exact("en", "ru", text)
        assert got is not None and "организуют" in got.target
    spec = _spec(tmp_path, {"seminars": text, "other": "Both sides support public awareness of trademarks."})
    sent: list[str] = []
    tr = _translate(spec, models_dir, tm, ["ru"], sent)
    e = tr.get("seminars", "ru")
    assert e is not None and e.text == "Ведомства проведут совместные семинары по патентам."
    # the other clause to the model; with its registry name unlocked too, to read the name's case
    assert sent == ["Both sides support public awareness of Z1.", "Both sides support public awareness of trademarks."]
    with TranslationMemory(tm) as memory:
        assert [s[1:] for s in memory.scopes("en", "ru", text)] == [("c-ca-heads-ip", "c-ca-heads-ip#1", "seminars"),
                                                                    ("cn-uz-ip", "cn-uz-ip#3", "x")]
        assert memory.delete(origin=Origin.HUMAN) == 2 and memory.scopes("en", "ru", text) == []
