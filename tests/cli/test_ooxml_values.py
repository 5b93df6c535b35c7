"""Issue 10, item 8: numeric OOXML values read from a DOCX (w:ilvl, w:start, w:startOverride, w:numId,
w:abstractNumId, w:gridSpan, w:id, w:sym/@w:char) are validated with bounds — a bad value is one line and a
non-zero exit (or is ignored where it cannot matter), never a traceback, and never memory that grows with a
number in the file.  The resource test (tests/unit/test_resource_bounds.py) reads such files in a subprocess
limited to 1 GiB of address space.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HUGE = "100000000000"


def numbered_docx(path: Path, *, start: str = "1", fmt: str = "lowerLetter", ilvl: str = "0", num_id: str = "7",
                  abstract_id: str = "90", p_ilvl: str | None = None, override: str | None = None,
                  bookmark_id: str | None = None) -> Path:
    """Two numbered paragraphs on a list definition of our making, with the values given as written."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    ov = f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{override}"/></w:lvlOverride>' if override else ""
    abstract, num = etree.fromstring(
        f'<x xmlns:w="{W}"><w:abstractNum w:abstractNumId="{abstract_id}"><w:lvl w:ilvl="{ilvl}">'
        f'<w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{ov}</w:num></x>')
    numbering.insert(0, abstract)
    numbering.append(num)
    for text in ("The Parties agree to cooperate closely.", "The Parties will meet again next year."):
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(etree.fromstring(
            f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{p_ilvl or ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
        if bookmark_id is not None:
            p._p.append(etree.fromstring(f'<w:bookmarkStart xmlns:w="{W}" w:id="{bookmark_id}" w:name="b"/>'))
    d.save(str(path))
    return path


BAD = {
    "start-huge-letters": ({"start": HUGE}, "w:start"),
    "start-huge-roman": ({"start": HUGE, "fmt": "upperRoman"}, "w:start"),
    "start-negative": ({"start": "-7"}, "w:start"),
    "start-not-a-number": ({"start": "abc"}, "w:start"),
    "override-huge": ({"override": HUGE}, "w:startOverride"),
    "ilvl-not-a-number": ({"ilvl": "abc"}, "w:ilvl"),
    "ilvl-huge": ({"ilvl": "9" * 5000}, "w:ilvl"),
    "ilvl-out-of-range": ({"ilvl": "9"}, "w:ilvl"),
    "paragraph-ilvl": ({"p_ilvl": "x"}, "w:ilvl"),
    "num-id-not-a-number": ({"num_id": "abc"}, "w:numId"),
    "num-id-huge": ({"num_id": "9" * 30}, "w:numId"),
    "abstract-id": ({"abstract_id": "zz"}, "w:abstractNumId"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_bad_numeric_values_give_one_line(run, tmp_path, case, fmt):
    values, attr = BAD[case]
    ok = numbered_docx(tmp_path / "ok.docx")
    bad = numbered_docx(tmp_path / "bad.docx", **values)
    args = ["diff", ok, bad] + (["--format", "docx", "-o", tmp_path / "red.docx"] if fmt == "docx" else [])
    res = run(*args)
    assert res.exit_code == 1, res.output
    assert res.stderr.startswith("statementkit: ") and res.stderr.count("\n") == 1, res.stderr
    assert attr in res.stderr and "bad.docx" in res.stderr
    assert len(res.stderr) < 300
    assert not (tmp_path / "red.docx").exists()


@pytest.mark.parametrize("span", ["9" * 20, "0", "x"])
def test_bad_grid_span_in_a_review_file_gives_one_line(run, tmp_path, monkeypatch, span):
    import shutil

    from tests.conftest import EXAMPLES, TEMPLATES

    monkeypatch.setenv("STATEMENTKIT_LIBRARY", str(TEMPLATES))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    shutil.copytree(EXAMPLES / "china-central-asia-ip-2023", tmp_path / "st")
    spec, review = tmp_path / "st" / "statement.yaml", tmp_path / "r.docx"
    assert run("review", "export", spec, "--lang", "zh", "-o", review).exit_code == 0
    d = docx.Document(str(review))
    d.tables[0].rows[2].cells[5]._tc.get_or_add_tcPr().append(
        etree.fromstring(f'<w:gridSpan xmlns:w="{W}" w:val="{span}"/>'))
    d.save(str(review))
    res = run("review", "import", review, spec)
    assert res.exit_code == 1 and res.stderr.count("\n") == 1, res.output
    assert "w:gridSpan" in res.stderr and "r.docx" in res.stderr


def test_ids_that_cannot_collide_are_ignored(run, tmp_path):
    """A bookmark or revision w:id beyond any number the redline hands out is no reason to refuse a file."""
    ok = numbered_docx(tmp_path / "ok.docx")
    odd = numbered_docx(tmp_path / "odd.docx", bookmark_id="9" * 5000)
    res = run("diff", ok, odd, "--format", "docx", "-o", tmp_path / "red.docx")
    assert res.exit_code == 0, res.output
    from statementkit.adapters.docx import oxml

    with __import__("zipfile").ZipFile(tmp_path / "red.docx") as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    ids = [int(v) for el in root.iter() if el.tag in oxml.REVISION_TAGS and (v := el.get(oxml.w("id")))]
    assert all(0 <= i < 2**31 for i in ids)


def test_good_values_still_number_the_paragraphs(tmp_path):
    from statementkit.adapters.docx.reader import read_docx

    doc = read_docx(numbered_docx(tmp_path / "ok.docx", start="27", fmt="lowerLetter"))
    assert [p.number for p in doc.paragraphs if p.text.startswith("The Parties")] == ["aa)", "bb)"]
    doc = read_docx(numbered_docx(tmp_path / "max.docx", start="32767", fmt="upperRoman"))
    assert next(p.number for p in doc.paragraphs if p.text.startswith("The Parties")) == "M" * 32 + "DCCLXVII)"
