"""`statementkit score`: parity with the sacrebleu command line, clause-id matching, DOCX input, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from statementkit.adapters.docx.writer import write_docx
from statementkit.adapters.translations_file import save_translations
from statementkit.app.workspace import load_workspace
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations
from statementkit.services.assemble.render import Renderer, assemble
from statementkit.testing.synthetic import degrade
from tests.conftest import SEED_SPEC, TEMPLATES


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, dict[str, str]]:
    ws = load_workspace(SEED_SPEC, TEMPLATES)
    r = Renderer(ws.statement, ws.registry, ws.library)
    return {lang: {u.id: r.unit_text(u, lang)[0] for u in ws.statement.units()} for lang in ("en", "zh", "ru")}


def sacrebleu_cli(ref: Path, hyp: Path, lang: str) -> dict[str, float]:
    args = [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter", "-w", "4",
            "--format", "json"]
    if lang == "zh":
        args += ["-tok", "zh", "--ter-normalized", "--ter-asian-support"]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return {d["name"]: d["score"] for d in json.loads(out)}


@pytest.mark.parametrize("lang", ["zh", "ru", "en"])
def test_same_corpus_figures_as_sacrebleu_cli(run, tmp_path, seed_texts, lang):
    ref_lines = list(seed_texts[lang].values())
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("\n".join(ref_lines) + "\n", encoding="utf-8")
    hyp.write_text("\n".join(degrade(ref_lines, 5)) + "\n", encoding="utf-8")
    res = run("score", str(hyp), str(ref), "--lang", lang, "--json")
    assert res.exit_code == 0, res.output
    ours = {c["metric"]: c for c in json.loads(res.stdout)["corpus"]}
    cli = sacrebleu_cli(ref, hyp, lang)
    assert round(ours["bleu"]["score"], 4) == cli["BLEU"]
    assert round(ours["chrf"]["score"], 4) == cli["chrF2"]
    assert round(ours["ter"]["score"], 4) == cli["TER"]
    assert ours["bleu"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:" + ("zh" if lang == "zh" else "13a"))
    assert 0 < ours["bleu"]["score"] < 100


def test_translations_matched_by_clause_id_with_table_and_compare(run, tmp_path, seed_texts):
    ids = list(seed_texts["zh"])
    ref = Translations("en", {(i, "zh"): TranslationEntry(i, "zh", "0" * 16, t, Origin.HUMAN, Status.APPROVED)
                              for i, t in seed_texts["zh"].items()})
    # the hypothesis lists its clauses in another order and lacks one
    hyp_texts = dict(zip(ids, degrade(list(seed_texts["zh"].values()), 4), strict=True))
    hyp = Translations("en", {(i, "zh"): TranslationEntry(i, "zh", "0" * 16, hyp_texts[i], Origin.MACHINE)
                              for i in reversed(ids) if i != "wipo"})
    hyp2 = Translations("en", {(i, "zh"): TranslationEntry(i, "zh", "0" * 16, t, Origin.MACHINE)
                               for i, t in zip(ids, degrade(list(seed_texts["zh"].values()), 2), strict=True)})
    paths = {}
    for name, tr in (("ref", ref), ("hyp", hyp), ("hyp2", hyp2)):
        paths[name] = tmp_path / f"{name}.translations.yaml"
        save_translations(paths[name], tr, ids if name == "ref" else list(reversed(ids)))
    res = run("score", str(paths["hyp"]), str(paths["ref"]), "--lang", "zh", "--json", "--compare",
              str(paths["hyp2"]))
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["missing"] == ["wipo"] and data["left_out"] == 1  # left out, not scored as empty
    assert [s["id"] for s in data["per_segment"]] == [i for i in ids if i != "wipo"]  # reference order
    comp = {c["metric"]: c for c in data["comparison"]}
    assert set(comp) == {"bleu", "chrf", "ter"}
    assert comp["chrf"]["system"] < comp["chrf"]["baseline"]  # dropping every other character is worse
    assert 0 <= comp["chrf"]["p_value"] <= 1
    text = run("score", str(paths["hyp"]), str(paths["ref"]), "--lang", "zh", "--metrics", "chrf")
    assert text.exit_code == 0
    lines = text.stdout.splitlines()
    assert lines[0].split() == ["clause", "chrF"] and lines[1].split()[0] == "opening"
    assert any(line.startswith("chrF2 = ") for line in lines)
    assert "left out 1 (only in REF: 1, only in HYP: 0)" in text.stderr


def test_built_docx_against_built_docx(run, tmp_path):
    ws = load_workspace(SEED_SPEC, TEMPLATES)
    doc = assemble(ws.statement, ws.registry, ws.library, "ru")
    write_docx(doc, tmp_path / "a.docx")
    write_docx(doc, tmp_path / "b.docx")
    res = run("score", str(tmp_path / "a.docx"), str(tmp_path / "b.docx"), "--lang", "ru", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["segments"] == len(doc.blocks)  # the title too
    assert {c["metric"]: c["score"] for c in data["corpus"]} == {"bleu": 100.0, "chrf": 100.0, "ter": 0.0}


def test_bad_score_input(run, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one\ntwo\n", encoding="utf-8")
    b.write_text("one\n", encoding="utf-8")
    res = run("score", str(a), str(b), "--lang", "en")
    assert res.exit_code == 1 and res.stderr.startswith("statementkit: the hypothesis has 2 segments")
    res = run("score", str(a), str(a), "--lang", "en", "--metrics", "bleu,meteor")
    assert res.exit_code == 2 and "unknown metric meteor" in res.stderr
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    res = run("score", str(bad), str(a), "--lang", "en")
    assert res.exit_code == 1 and res.stderr.count("\n") == 1 and "not a DOCX" in res.stderr


@pytest.mark.parametrize("content", ["", "\n\n", "   \n"])
def test_an_empty_file_is_refused_not_scored(run, tmp_path, content):
    """An empty hypothesis or reference scores nothing: one line, exit 1 (0.00 would look like a result)."""
    empty, one = tmp_path / "empty.txt", tmp_path / "one.txt"
    empty.write_text(content, encoding="utf-8")
    one.write_text("Стороны встретились.\n", encoding="utf-8")
    for hyp, ref in ((empty, empty), (empty, one), (one, empty)):
        res = run("score", str(hyp), str(ref), "--lang", "ru")
        assert res.exit_code == 1 and res.stderr.count("\n") == 1, res.output
        assert "no text in this file" in res.stderr and res.stdout == ""
