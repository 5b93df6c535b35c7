"""Every DOCX part the statement builder writes validates against the ECMA-376 schemas (../shared/schemas/ooxml).

Kinds: a language version with the Chinese paragraph numbering (一、) and the signature page (a borderless
table, side by side for two parties, one under the other for more), and the parallel table.  Markup
compatibility is processed first as ECMA-376 Part 3 says: ``mc:Ignorable`` and the elements and attributes of
the namespaces it names are dropped (python-docx's template declares w14/wp14).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.conftest import realdoc

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / ".." / "shared" / "schemas" / "ooxml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PARTS = ("word/document.xml", "word/numbering.xml", "word/styles.xml")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (SCHEMAS / "wml.xsd").is_file(), reason="../shared/schemas/ooxml is not here")]


def _mce(data: bytes):  # type: ignore[no-untyped-def]
    from lxml import etree

    root = etree.fromstring(data)
    # mc:AlternateContent: a consumer that does not understand the Choice's namespaces (Word 2010's wps
    # shapes are not in ECMA-376) takes the Fallback; a text box's own content is validated apart
    # (_text_boxes)
    for alt in list(root.iter(f"{{{MC}}}AlternateContent")):
        fallback = alt.find(f"{{{MC}}}Fallback")
        parent = alt.getparent()
        at = parent.index(alt)
        for k, child in enumerate(list(fallback) if fallback is not None else []):
            parent.insert(at + k, child)
        parent.remove(alt)
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    ignorable = {root.nsmap[p] for p in prefixes if p in root.nsmap}
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        for name in list(el.attrib):
            ns = name[1:].split("}")[0] if name.startswith("{") else ""
            if ns == MC or ns in ignorable:
                del el.attrib[name]
        if el.tag.startswith("{") and el.tag[1:].split("}")[0] in ignorable and el.getparent() is not None:
            el.getparent().remove(el)
    return root


@pytest.fixture(scope="module")
def schema():  # type: ignore[no-untyped-def]
    xmlschema = pytest.importorskip("xmlschema")
    return xmlschema.XMLSchema(str(SCHEMAS / "wml.xsd"))


@pytest.mark.parametrize(("example", "args", "name"), [
    ("china-kazakhstan-ip-2026", ["--lang", "zh"], "statement.zh.docx"),  # 一、 and a two-column signature page
    ("regional-ip-heads-bishkek-2026", ["--lang", "ru"], "statement.ru.docx"),  # four blocks one under another
    ("china-kazakhstan-ip-2026", ["--lang", "en", "--copy-for", "kz-ip-department"],
     "statement.kz-ip-department.en.docx"),  # the alternat copy
    ("heads-meeting-communique-2026", ["--parallel"], "statement.parallel.docx"),
])
def test_built_docx_parts_validate(schema, tmp_path: Path, example: str, args: list[str],  # type: ignore[no-untyped-def]
                                   name: str) -> None:
    from click.testing import CliRunner

    from statementkit.cli import cli

    spec = REPO / "examples" / example / "statement.yaml"
    res = CliRunner().invoke(cli, ["build", str(spec), *args, "-o", str(tmp_path)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(tmp_path / name) as z:
        for part in PARTS:
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(z.read(part)))]
            assert errors == [], (part, errors[:3])


def test_consolidated_docx_validates(schema, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The consolidated DOCX of the five-party example (tracked changes of three parties, a conflict, a
    moved clause, an added and a dropped paragraph, a comment carried over)."""
    from click.testing import CliRunner

    from statementkit.cli import cli
    from statementkit.testing.negotiation import make_example

    ex = make_example(REPO / "examples", tmp_path / "ex")
    out = tmp_path / "consolidated.docx"
    res = CliRunner().invoke(cli, ["consolidate", str(ex["base.en"]), f"kg={ex['kg']}", f"tj={ex['tj']}",
                                   f"uz={ex['uz']}", "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(out) as z:
        for part in (*PARTS, "word/comments.xml"):  # kg's comment carried over
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(z.read(part)))]
            assert errors == [], (part, errors[:3])


def _text_boxes(data: bytes):  # type: ignore[no-untyped-def]
    """Every w:txbxContent of a part (in the wps Choice and in the VML Fallback), each as its own tree."""
    from lxml import etree

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    return [_mce(etree.tostring(t)) for t in etree.fromstring(data).iter(f"{{{W}}}txbxContent")]


@pytest.mark.parametrize("case", ["generated", "WC035", "WC035-reversed"])
def test_story_redline_docx_validates(schema, tmp_path: Path, case: str) -> None:  # type: ignore[no-untyped-def]
    """``diff -o X.docx`` of versions whose footnotes, header and text box differ, a footnote added (WC035) and
    deleted (WC035 reversed): every part that got tracked changes (document, footnotes, header) and the
    redlined text box content validate."""
    from click.testing import CliRunner

    from statementkit.cli import cli
    from statementkit.testing.stories import NEW, OLD, write_story_docx

    if case == "generated":
        old, new = write_story_docx(tmp_path / "old.docx", OLD), write_story_docx(tmp_path / "new.docx", NEW)
        parts = ("word/document.xml", "word/footnotes.xml", "word/header1.xml")
    else:
        old, new = realdoc("WC035-Footnote-Before.docx"), realdoc("WC035-Footnote-After.docx")
        if case == "WC035-reversed":  # a footnote deleted: the redline adds a footnotes part for it
            old, new = new, old
        parts = ("word/document.xml", "word/footnotes.xml")
    out = tmp_path / "redline.docx"
    res = CliRunner().invoke(cli, ["diff", str(old), str(new), "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(out) as z:
        for part in parts:
            xml = z.read(part)
            assert b"<w:ins " in xml or b"<w:del " in xml, part
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(xml))]
            assert errors == [], (part, errors[:3])
        boxes = _text_boxes(z.read("word/document.xml"))
    assert len(boxes) == (2 if case == "generated" else 0)
    for box in boxes:
        assert any(el.tag.endswith("}del") for el in box.iter())
        errors = [str(e).splitlines()[0] for e in schema.iter_errors(box)]
        assert errors == [], ("w:txbxContent", errors[:3])


def test_consolidated_stories_validate(schema, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``consolidate`` of drafts that edit a footnote, the footer and a text box: the parts that got a party's
    tracked changes and the text box content validate."""
    import dataclasses

    from click.testing import CliRunner

    from statementkit.cli import cli
    from statementkit.testing.stories import NEW, OLD, write_story_docx

    base = write_story_docx(tmp_path / "base.docx", OLD)
    kz = write_story_docx(tmp_path / "kz.docx", NEW)
    uz = write_story_docx(tmp_path / "uz.docx", dataclasses.replace(OLD, footer="Not for release"))
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["consolidate", str(base), f"kz={kz}", f"uz={uz}", "-o", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(out) as z:
        for part in ("word/document.xml", "word/footnotes.xml", "word/footer1.xml", "word/header1.xml",
                     "word/comments.xml"):
            xml = z.read(part)
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(xml))]
            assert errors == [], (part, errors[:3])
        boxes = _text_boxes(z.read("word/document.xml"))
    assert len(boxes) == 2
    for box in boxes:
        assert any(el.tag.endswith("}ins") for el in box.iter())
        assert [str(e).splitlines()[0] for e in schema.iter_errors(box)] == []


def test_bracketed_history_docx_validates(schema, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``history --format docx``: the bracketed consolidated text of the example (en)."""
    from click.testing import CliRunner

    from statementkit.cli import cli
    from statementkit.testing.negotiation import make_example

    ex = make_example(REPO / "examples", tmp_path / "ex")
    run = CliRunner().invoke
    folder = tmp_path / "nego"
    assert run(cli, ["round", "add", str(ex["base.en"]), "--party", "kz", "--base", "--dir", str(folder)]).exit_code == 0
    for party in ("kg", "tj", "uz"):
        assert run(cli, ["round", "add", str(ex[party]), "--party", party, "--dir", str(folder)]).exit_code == 0
    out = tmp_path / "bracketed.docx"
    res = run(cli, ["history", "--dir", str(folder), "--format", "docx", "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(out) as z:
        for part in ("word/document.xml", "word/styles.xml"):
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(z.read(part)))]
            assert errors == [], (part, errors[:3])


def test_table_clause_docx_validates(schema, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A statement with table cells (``cell: [table, row, column]``, as `import` writes them): the table
    `build` lays out validates."""
    from click.testing import CliRunner

    from statementkit.cli import cli

    spec = tmp_path / "statement.yaml"
    rows = [["Action", "Year"], ["Training", "2026"]]
    cells = "".join(f"  - id: t1-r{r}c{c}\n    text: {text!r}\n    cell: [t1, {r}, {c}]\n"
                    for r, row in enumerate(rows, 1) for c, text in enumerate(row, 1))
    spec.write_text("statementkit: 1\nlanguages: [en]\nclauses:\n  - id: p1\n    text: The plan.\n" + cells
                    + "  - id: p2\n    text: The end.\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["build", str(spec), "-o", f"{tmp_path}/"], catch_exceptions=False)
    assert res.exit_code == 0, res.output
    with zipfile.ZipFile(tmp_path / "statement.en.docx") as z:
        assert z.read("word/document.xml").count(b"<w:tbl>") == 1
        for part in PARTS:
            errors = [str(e).splitlines()[0] for e in schema.iter_errors(_mce(z.read(part)))]
            assert errors == [], (part, errors[:3])
