"""Review round trip through XLIFF 2.0: schema-valid, lossless with no edits, edits land, bad input refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import etree

from statementkit.adapters.exchange.xliff import SK_NS, XLIFF_NS, read_review_xliff
from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.model.translation import Origin, Status
from tests.acceptance.review.conftest import SHARED

NS = {"x": XLIFF_NS}
SCHEMA = SHARED / "schemas" / "xliff_core_2.0.xsd"


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas is absent (XLIFF schema)")
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def export(run, spec: Path, lang: str, out: Path) -> None:  # type: ignore[no-untyped-def]
    res = run("review", "export", spec, "--lang", lang, "-o", out)
    assert res.exit_code == 0, res.output


def unit(root, uid: str):  # type: ignore[no-untyped-def]
    got = root.find(f".//x:unit[@id='{uid}']", NS)
    assert got is not None
    return got


def set_unit_target(u, text: str, state: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """As a CAT tool does when a translator rewrites a whole unit: first segment gets the text."""
    segs = u.findall("x:segment", NS)
    for k, seg in enumerate(segs):
        seg.find("x:target", NS).text = text if k == 0 else ""
        if state:
            seg.set("state", state)
    for ign in u.findall("x:ignorable", NS):
        t = ign.find("x:target", NS)
        if t is not None:
            t.text = ""


@pytest.mark.parametrize("lang", ["zh", "ru"])
def test_export_is_schema_valid_with_units_segments_state_notes(run, spec, tmp_path, schema, lang):
    out = tmp_path / f"r-{lang}.xlf"
    export(run, spec, lang, out)
    schema.validate(str(out))
    root = etree.parse(str(out)).getroot()
    assert root.get("srcLang") == "en" and root.get("trgLang") == lang
    units = root.findall(".//x:unit", NS)
    assert len(units) == 16
    atm = unit(root, "atmosphere")
    segs = atm.findall("x:segment", NS)
    assert len(segs) == 2  # two sentences in en and in the translation
    assert segs[0].find("x:source", NS).text == "The meeting was held in a warm, friendly and practical atmosphere."
    assert {s.get("state") for s in segs} == {"final"}
    assert [(n.get("category"), n.text) for n in atm.findall("x:notes/x:note", NS)][:2] == [
        ("origin", "template"), ("status", "approved")]
    ign = atm.find("x:ignorable", NS)
    assert ign.find("x:source", NS).text == " "
    assert ign.find("x:target", NS).text == ("" if lang == "zh" else " ") or ign.find("x:target", NS).text is None


def test_round_trip_without_edits_changes_nothing(run, spec, tmp_path):
    tpath = translations_path(spec)
    tpath.write_text("statementkit-translations: 1\nsource: en\nunits: {}\n", encoding="utf-8")
    before = tpath.read_bytes()
    for lang in ("zh", "ru"):
        out = tmp_path / f"r-{lang}.xlf"
        export(run, spec, lang, out)
        manifest, rows = read_review_xliff(out)
        # every text comes back exactly
        assert [r.unit_id for r in rows] == [m.unit_id for m in manifest.rows]
        res = run("review", "import", out, spec)
        assert res.exit_code == 0, res.output
        assert "16 unchanged; nothing written" in res.output
    assert tpath.read_bytes() == before


def test_xliff_edits_land_and_validate(run, spec, tmp_path, schema):
    out = tmp_path / "r.xlf"
    export(run, spec, "zh", out)
    tree = etree.parse(str(out))
    root = tree.getroot()
    set_unit_target(unit(root, "ip-role"), "各方认识到知识产权的重要作用。\n第二行🙂")
    set_unit_target(unit(root, "wipo"), "各方认识到WIPO的重要性。", state="final")
    for seg in unit(root, "conclusion").findall("x:segment", NS):
        seg.set("state", "reviewed")
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    schema.validate(str(out))
    res = run("review", "import", out, spec, "--json")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert sorted((r["kind"], r["unit"]) for r in report["rows"]) == [
        ("edited", "ip-role"), ("edited", "wipo"), ("status", "conclusion")]
    tr = load_translations(translations_path(spec), "en")
    ip = tr.get("ip-role", "zh")
    assert ip is not None and ip.text == "各方认识到知识产权的重要作用。\n第二行🙂"
    assert (ip.origin, ip.status) == (Origin.HUMAN, Status.REVIEWED)
    wipo = tr.get("wipo", "zh")
    # the template text was exported as final; keeping "final" on a rewritten text is no approval of it
    assert wipo is not None and wipo.status is Status.REVIEWED
    closing = tr.get("conclusion", "zh")
    assert closing is not None and closing.status is Status.REVIEWED


def test_multi_segment_edit_is_joined_in_order(run, spec, tmp_path):
    out = tmp_path / "r.xlf"
    export(run, spec, "ru", out)
    tree = etree.parse(str(out))
    u = unit(tree.getroot(), "atmosphere")
    segs = u.findall("x:segment", NS)
    segs[1].find("x:target", NS).text = "Стороны заявили следующее:"
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    assert run("review", "import", out, spec).exit_code == 0
    e = load_translations(translations_path(spec), "en").get("atmosphere", "ru")
    assert e is not None
    assert e.text == "Совещание прошло в теплой, дружественной и деловой атмосфере. Стороны заявили следующее:"


@pytest.mark.parametrize("case", ["malformed", "xxe", "billion-laughs", "xliff1", "other-language", "no-identity",
                                  "other-statement"])
def test_bad_xliff_fails_in_one_line_and_touches_nothing(run, spec, tmp_path, case):
    tpath = translations_path(spec)
    tpath.write_text("statementkit-translations: 1\nsource: en\nunits: {}\n", encoding="utf-8")
    before = tpath.read_bytes()
    out = tmp_path / "r.xlf"
    export(run, spec, "zh", out)
    data = out.read_bytes()
    args: list[str | Path] = ["review", "import", out, spec]
    if case == "malformed":
        out.write_bytes(data[: len(data) // 2])
        expected = "malformed XML"
    elif case == "xxe":
        out.write_bytes(data.replace(b"?>", b'?>\n<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>', 1)
                        .replace(b"<source>The meeting", b"<source>&e;The meeting", 1))
        expected = "internal DTD subset (entity declarations) is refused"
    elif case == "billion-laughs":
        bomb = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        out.write_bytes(data.replace(b"?>", b"?>" + bomb, 1))
        expected = "refused"
    elif case == "xliff1":
        out.write_bytes(b'<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                        b'<file original="x" source-language="en" datatype="plaintext"><body/></file></xliff>')
        expected = "not an XLIFF 2.0 document"
    elif case == "other-language":
        args.append("--lang=ru")
        expected = "is for language 'zh', not 'ru'"
    elif case == "no-identity":
        out.write_bytes(data.replace(f'xmlns:sk="{SK_NS}"'.encode(), b'xmlns:sk="urn:other"'))
        expected = "not a statementkit review file"
    else:
        spec.write_text(spec.read_text(encoding="utf-8").replace("venue: urumqi", "venue: xian"), encoding="utf-8")
        expected = "belongs to another statement"
    spec_before = spec.read_bytes()
    res = run(*args)
    assert res.exit_code == 1, res.output
    assert res.stderr.startswith("statementkit: ") and res.stderr.count("\n") == 1, res.stderr
    assert expected in res.stderr
    assert tpath.read_bytes() == before
    assert spec.read_bytes() == spec_before
