"""Issue 16: the model's alternatives as XLIFF 2.0 translation candidates (<mtc:matches>), validated against
the core and matches schemas, and kept as advice only when the file comes back."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from statementkit.adapters.exchange.xliff import MTC_NS, SK_NS, XLIFF_NS
from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.model.translation import Origin, Status
from tests.acceptance.review.conftest import SHARED
from tests.acceptance.test_sentences import _spec

NS = {"x": XLIFF_NS, "mtc": MTC_NS}
HERE = Path(__file__).parent / "schemas"
TWO = "The Parties agree to strengthen cooperation on patents. Both sides support small enterprises."


@pytest.fixture(scope="module")
def matches_schema(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    core = SHARED / "schemas" / "xliff_core_2.0.xsd"
    if not core.is_file():
        pytest.skip("../shared/schemas is absent (XLIFF core schema)")
    import xmlschema

    d = tmp_path_factory.mktemp("xsd")
    for f in (core, SHARED / "schemas" / "xml.xsd", HERE / "matches.xsd", HERE / "metadata.xsd"):
        shutil.copy(f, d / f.name)
    return xmlschema.XMLSchema([str(d / "xliff_core_2.0.xsd"), str(d / "matches.xsd")])


def test_alternatives_are_translation_candidates_and_stay_advice(run: Callable, tmp_path: Path, models_dir: Path,
                                                                 matches_schema) -> None:  # type: ignore[no-untyped-def]
    spec = _spec(tmp_path, {"two": TWO, "one": "The offices will hold joint seminars."})
    r = run("translate", spec, "--to", "ru", "--models", models_dir, "--no-memory", "--alternatives", "3")
    assert r.exit_code == 0, r.output
    entry = load_translations(translations_path(spec), "en").get("two", "ru")
    assert entry is not None
    alts = [n for n in entry.notes if n.startswith("alternative ")]
    assert len(alts) == 4  # 2 per sentence
    out = tmp_path / "review.xlf"
    assert run("review", "export", spec, "--lang", "ru", "-o", out).exit_code == 0
    matches_schema.validate(str(out))  # core + Translation Candidates module
    root = etree.parse(str(out)).getroot()
    unit = root.find(".//x:unit[@id='two']", NS)
    assert unit is not None and unit[0].tag == f"{{{MTC_NS}}}matches"  # extension elements come first
    segs = unit.findall("x:segment", NS)
    assert len(segs) == 2
    got = [(m.get("ref"), m.get("type"), m.get(f"{{{SK_NS}}}rank"), m.find("x:source", NS).text,
            m.find("x:target", NS).text) for m in unit[0]]
    for ref, kind, rank, source, target in got:
        seg = unit.find(f"x:segment[@id='{ref.lstrip('#')}']", NS)
        assert kind == "mt" and rank in ("2", "3") and seg is not None and source == seg.find("x:source", NS).text
        k = ref.lstrip("#s")
        assert any(n.startswith(f"alternative {rank} of sentence {k} ") and n.endswith(f": {target}") for n in alts)
    assert sorted(ref for ref, *_ in got) == ["#s1", "#s1", "#s2", "#s2"]
    # the schemas do check the candidates: one without its required ref is refused
    import xmlschema

    broken = etree.fromstring(etree.tostring(root))
    del broken.find(".//mtc:match", NS).attrib["ref"]
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        matches_schema.validate(broken)
    one = root.find(".//x:unit[@id='one']", NS)
    assert one is not None and [m.get("ref") for m in one.iterfind("mtc:matches/mtc:match", NS)] == ["#s1", "#s1"]
    # the DOCX keeps the notes as they are
    docx_out = tmp_path / "review.docx"
    assert run("review", "export", spec, "--lang", "ru", "-o", docx_out).exit_code == 0
    from docx import Document

    cells = "\n".join(c.text for row in Document(str(docx_out)).tables[0].rows for c in row.cells)
    assert all(a in cells for a in alts)

    # the file comes back: a translator approves the first unit (targets untouched) and edits the second;
    # a CAT tool added a candidate of its own; none becomes a target, all stay in the notes
    first_alt = unit[0][0].find("x:target", NS).text
    for seg in segs:
        seg.set("state", "final")
    seg1 = one.find("x:segment", NS)
    seg1.find("x:target", NS).text = "Ведомства проведут совместные семинары."
    tool = etree.SubElement(one.find("mtc:matches", NS), f"{{{MTC_NS}}}match", ref="#s1", type="tm",
                            similarity="88", origin="memoQ")
    etree.SubElement(tool, f"{{{XLIFF_NS}}}source").text = "The offices will hold seminars."
    etree.SubElement(tool, f"{{{XLIFF_NS}}}target").text = "Ведомства проведут семинары."
    back = tmp_path / "back.xlf"
    etree.ElementTree(root).write(str(back), xml_declaration=True, encoding="UTF-8")
    matches_schema.validate(str(back))
    r = run("review", "import", back, spec)
    assert r.exit_code == 0, r.output
    tr = load_translations(translations_path(spec), "en")
    two, one_e = tr.get("two", "ru"), tr.get("one", "ru")
    assert two is not None and one_e is not None
    assert two.status is Status.APPROVED and two.text == entry.text and first_alt not in two.text
    assert [n for n in two.notes if n.startswith("alternative ")] == alts
    assert one_e.origin is Origin.HUMAN and one_e.text == "Ведомства проведут совместные семинары."
    assert "candidate (tm, 88%, memoQ; advice only): Ведомства проведут семинары." in one_e.notes
    assert sum(n.startswith("alternative ") for n in one_e.notes) == 2  # its own, once each


def test_a_damaged_candidate_is_advice_at_most(tmp_path: Path) -> None:
    """A candidate without a target, or with a bad rank/score, never breaks the import nor becomes a target."""
    from statementkit.adapters.exchange.xliff import _returned_advice

    unit = etree.fromstring(
        f'<unit xmlns="{XLIFF_NS}" xmlns:mtc="{MTC_NS}" xmlns:sk="{SK_NS}" id="u"><mtc:matches>'
        '<mtc:match ref="#s1"><source>A.</source></mtc:match>'
        '<mtc:match ref="#s9" sk:rank="x" sk:score="-1.5"><source>A.</source><target>Б.</target></mtc:match>'
        '<mtc:match ref="#s1" sk:rank="2" sk:score="-0.25"><source>A.</source><target>В.</target></mtc:match>'
        '</mtc:matches><segment id="s1"><source>A.</source><target>А.</target></segment></unit>')
    assert _returned_advice(unit, {}) == ("candidate (tm; advice only): Б.",
                                          "alternative 2 (model score -0.25; advice only): В.")
