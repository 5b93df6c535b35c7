"""The DOCX reader on real Word files (../shared/realdocs) and on small hand-built ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from statementkit.adapters.docx.list_labels import format_number
from statementkit.adapters.docx.reader import read_docx, split_number
from statementkit.errors import DocxError

REALDOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdocs"
needs_realdocs = pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs not present")


def texts(path: Path, mode: str = "accept") -> list[str]:
    return read_docx(path, mode).texts()  # type: ignore[arg-type]


@needs_realdocs
def test_every_realdoc_reads() -> None:
    files = sorted(REALDOCS.glob("*.docx"))
    assert len(files) == 39
    for f in files:
        for mode in ("accept", "reject"):
            doc = read_docx(f, mode)  # type: ignore[arg-type]
            assert doc.paragraphs, f.name


@needs_realdocs
@pytest.mark.parametrize("base", ["RP015-MoveFrom-MoveTo", "RP042-Deleted-Para-Mark-at-End", "RP001-Tracked-Revisions-01",
                                  "RP051-Arabic"])
def test_tracked_changes_accepted_like_word(base: str) -> None:
    assert texts(REALDOCS / f"{base}.docx") == texts(REALDOCS / f"{base}-Accepted.docx")


@needs_realdocs
@pytest.mark.parametrize("base", ["RP015-MoveFrom-MoveTo", "RP042-Deleted-Para-Mark-at-End"])
def test_tracked_changes_rejected_like_word(base: str) -> None:
    assert texts(REALDOCS / f"{base}.docx", "reject") == texts(REALDOCS / f"{base}-Rejected.docx")


@needs_realdocs
def test_changes_error_mode_refuses() -> None:
    with pytest.raises(DocxError, match="10 tracked changes"):
        read_docx(REALDOCS / "002-DeletedNumberedParagraphs.docx", "error")


@needs_realdocs
def test_deleted_numbered_paragraphs() -> None:
    rejected = read_docx(REALDOCS / "002-DeletedNumberedParagraphs.docx", "reject").paragraphs
    assert [p.number for p in rejected if p.number] == ["1.", "2.", "3.", "4.", "5."]
    assert len(texts(REALDOCS / "002-DeletedNumberedParagraphs.docx")) == 2


@needs_realdocs
def test_numbering_restarts_per_list() -> None:
    paras = [p for p in read_docx(REALDOCS / "DB012-Lists-With-Different-Numberings.docx").paragraphs if p.text]
    assert [(p.number, p.text) for p in paras][:4] == [("1.", "a"), ("2.", "b"), ("3.", "c"), ("1.", "d")]


@needs_realdocs
def test_chinese_counting_labels() -> None:
    paras = read_docx(REALDOCS / "LIR009-zh-CN-chineseCounting.docx").paragraphs
    labels = {p.text: p.number for p in paras if p.text}
    assert labels["1"] == "一|" and labels["11"] == "十一|" and labels["101"] == "一○一|"  # Word: digits from 100


@needs_realdocs
def test_tables_and_merged_cells() -> None:
    assert texts(REALDOCS / "WC006-Table.docx") == ["111", "222", "333", "444", "555", "666"]
    assert len(texts(REALDOCS / "WC033-Merged-Cells-Before.docx")) == 9


def test_typed_numbers() -> None:
    assert split_number("1. The Parties") == ("1.", "The Parties")
    assert split_number("12) text") == ("12)", "text")
    assert split_number("(a) text") == ("(a)", "text")
    assert split_number("一、各方") == ("一、", "各方")
    assert split_number("（二）各方") == ("（二）", "各方")
    assert split_number("4\ta que") == ("4", "a que")
    assert split_number("2023 was a year") == (None, "2023 was a year")
    assert split_number("1.5 million") == (None, "1.5 million")


def test_number_formats() -> None:
    assert [format_number(n, "lowerRoman") for n in (1, 4, 9, 14)] == ["i", "iv", "ix", "xiv"]
    assert format_number(28, "upperLetter") == "BB"
    assert [format_number(n, "chineseCounting") for n in (10, 20, 105, 1010)] == ["十", "二十", "一○五", "一○一○"]


def test_bookmark_ids_round_trip(tmp_path: Path) -> None:
    from statementkit.adapters.docx import oxml

    for ident in ("area-human-resources", "a_b-c", "x"):
        name = oxml.clause_bookmark_name(ident)
        assert name is not None and oxml.clause_id_of_bookmark(name) == ident
    assert oxml.clause_bookmark_name("área") is None
