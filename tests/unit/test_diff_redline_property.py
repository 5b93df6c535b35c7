"""Property: for any edit script on a clause list, the redline accepts to NEW and rejects to OLD
(checked at the XML level with the reader's own accept/reject; LibreOffice checks the same in
tests/acceptance)."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.reader import collect_paragraphs, read_docx
from statementkit.adapters.docx.redline import redline_tree

WORDS = ["the", "Parties", "agreed", "to", "strengthen", "cooperation", "in", "patents", "trademarks",
         "training", "data", "annual", "meeting", ",", "各方", "合作", "Стороны"]


def make_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> None:
    import docx

    d = docx.Document()
    for k, text in enumerate(paragraphs):
        p = d.add_paragraph(style="List Number" if k % 3 == 1 else None)
        # split text over two runs, the second bold, so runs must be split and formatting kept
        half = len(text) // 2
        p.add_run(text[:half])
        p.add_run(text[half:]).bold = True
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
        d.add_paragraph("after the table")
    d.save(str(path))


def all_texts(root: object, mode: str | None = None) -> list[str]:
    r = copy.deepcopy(root)
    if mode:
        oxml.resolve_revisions(r, mode)
    body = r.find(oxml.w("body"))  # type: ignore[attr-defined]
    return [oxml.paragraph_text(p.element) for p in collect_paragraphs(body, None)]


sentence = st.lists(st.sampled_from(WORDS), min_size=1, max_size=7).map(" ".join)


@st.composite
def edit_scripts(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    old = draw(st.lists(sentence, min_size=1, max_size=8))
    new: list[str] = []
    for text in old:
        action = draw(st.sampled_from(["keep", "keep", "delete", "modify", "insert"]))
        if action == "keep":
            new.append(text)
        elif action == "modify":
            words = text.split(" ")
            k = draw(st.integers(0, len(words) - 1))
            words[k] = draw(st.sampled_from(WORDS))
            if draw(st.booleans()):
                words.insert(k, draw(st.sampled_from(WORDS)))
            new.append(" ".join(words))
        elif action == "insert":
            new.append(draw(sentence))
            new.append(text)
    if new and draw(st.booleans()):  # move one clause
        a = draw(st.integers(0, len(new) - 1))
        b = draw(st.integers(0, len(new) - 1))
        new.insert(b, new.pop(a))
    if draw(st.booleans()):  # a long clause moved and edited (similar enough to count as a move)
        words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=14))
        edited = list(words)
        for _ in range(draw(st.integers(1, 2))):
            k = draw(st.integers(0, len(edited) - 1))
            how = draw(st.sampled_from(["replace", "insert", "delete"]))
            if how == "replace":
                edited[k] = draw(st.sampled_from(WORDS))
            elif how == "insert":
                edited.insert(k, draw(st.sampled_from(WORDS)))
            elif len(edited) > 1:
                del edited[k]
        # from the front to the back or back to front, so that it crosses the other clauses
        forward = draw(st.booleans())
        old.insert(0 if forward else len(old), " ".join(words))
        new.insert(len(new) if forward else 0, " ".join(edited))
    if draw(st.booleans()):
        new.append(draw(sentence))
    if not new:
        new.append(draw(sentence))
    return old, new


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit_scripts(), st.booleans())
def test_redline_accepts_to_new_and_rejects_to_old(script: tuple[list[str], list[str]], with_table: bool) -> None:
    old_p, new_p = script
    table_old = [["111", "222"], ["333", "444"], ["555", "666"]] if with_table else None
    table_new = [["111", "222"], ["555", "six hundred"]] if with_table else None
    with tempfile.TemporaryDirectory() as tmp:
        a, b = Path(tmp) / "old.docx", Path(tmp) / "new.docx"
        make_docx(a, old_p, table_old)
        make_docx(b, new_p, table_new)
        old, new = read_docx(a), read_docx(b)
        root, stats = redline_tree(old, new, author="KZ", date="2024-05-01T00:00:00Z", lang="en")
    def nonempty(texts: list[str]) -> list[str]:
        return [t for t in texts if t.strip()]

    assert nonempty(all_texts(root, "accept")) == nonempty(all_texts(new.root))
    assert nonempty(all_texts(root, "reject")) == nonempty(all_texts(old.root))
    assert all_texts(root, "accept") == all_texts(new.root)
    assert all_texts(root, "reject") == all_texts(old.root)
    if old_p != new_p or with_table:
        assert stats.revisions > 0
    assert not nested_revisions(root)


def nested_revisions(root: object) -> list[str]:
    """Run-level revisions inside another one (LibreOffice 7.4 does not resolve those exactly)."""
    tags = (oxml.INS, oxml.DEL, oxml.MOVE_FROM, oxml.MOVE_TO)
    out = []
    for el in root.iter(*tags):  # type: ignore[attr-defined]
        if oxml.is_mark(el):
            continue
        up = el.getparent()
        while up is not None and up.tag != oxml.P:
            if up.tag in tags:
                out.append(f"{oxml.local(el)} in {oxml.local(up)}")
            up = up.getparent()
    return out


def test_moved_and_edited_clause_shows_its_edits(tmp_path: Path) -> None:
    """A clause moved and edited: the old place has the shared words as w:moveFrom and the removed ones
    as w:del; the new place the shared words as w:moveTo and the added ones as w:ins; one named move."""
    a, b = tmp_path / "old.docx", tmp_path / "new.docx"
    clause = "The Parties agreed to hold the annual meeting in Astana every two years."
    make_docx(a, ["Alpha stays.", clause, "Beta stays.", "Gamma stays."])
    make_docx(b, ["Alpha stays.", "Beta stays.",
                  "The Parties decided to hold the joint meeting in Astana every two years.", "Gamma stays."])
    old, new = read_docx(a), read_docx(b)
    root, stats = redline_tree(old, new, author="KZ", date="2024-05-01T00:00:00Z", lang="en")
    assert (stats.moves, stats.moves_edited, stats.paragraphs_modified) == (1, 1, 0)
    body = root.find(oxml.w("body"))
    src, dst = (next(p for p in body.iter(oxml.P) if p.find(f"{oxml.w(k)}RangeStart") is not None)
                for k in ("moveFrom", "moveTo"))

    def pieces(p: object, tag: str) -> list[str]:
        return ["".join(t for r in x.iter(oxml.R) for _, t in oxml.run_pieces(r))
                for x in p.iter(tag) if not oxml.is_mark(x)]  # type: ignore[attr-defined]

    assert "".join(pieces(src, oxml.MOVE_FROM)) == "The Parties  to hold the  meeting in Astana every two years."
    assert pieces(src, oxml.DEL) == ["agreed", "annual"]
    assert pieces(src, oxml.INS) == pieces(src, oxml.MOVE_TO) == []
    assert "".join(pieces(dst, oxml.MOVE_TO)) == "The Parties  to hold the  meeting in Astana every two years."
    assert pieces(dst, oxml.INS) == ["decided", "joint"]
    assert pieces(dst, oxml.DEL) == pieces(dst, oxml.MOVE_FROM) == []
    names = {el.get(oxml.w("name")) for el in body.iter(oxml.w("moveFromRangeStart"), oxml.w("moveToRangeStart"))}
    assert len(names) == 1
    # the bold second half of each version keeps its formatting on both sides
    assert any(r.find(f"{oxml.RPR}/{oxml.w('b')}") is not None for r in src.iter(oxml.R))
    assert all_texts(root, "accept") == all_texts(new.root)
    assert all_texts(root, "reject") == all_texts(old.root)
    assert not nested_revisions(root)


def test_moved_unchanged_clause_is_a_whole_move(tmp_path: Path) -> None:
    a, b = tmp_path / "old.docx", tmp_path / "new.docx"
    make_docx(a, ["Alpha stays.", "The Parties agreed to meet.", "Beta stays.", "Gamma stays."])
    make_docx(b, ["Alpha stays.", "Beta stays.", "The Parties agreed to meet.", "Gamma stays."])
    root, stats = redline_tree(read_docx(a), read_docx(b), author="KZ", date="2024-05-01T00:00:00Z", lang="en")
    assert (stats.moves, stats.moves_edited) == (1, 0)
    body = root.find(oxml.w("body"))
    assert body.find(f".//{oxml.INS}") is None and body.find(f".//{oxml.DEL}") is None


def test_untouched_formatting_is_kept(tmp_path: Path) -> None:
    a, b = tmp_path / "old.docx", tmp_path / "new.docx"
    make_docx(a, ["The Parties agreed to cooperate.", "Unchanged clause text."])
    make_docx(b, ["The Parties decided to cooperate.", "Unchanged clause text."])
    root, _ = redline_tree(read_docx(a), read_docx(b), author="KZ", date="2024-05-01T00:00:00Z", lang="en")
    body = root.find(oxml.w("body"))
    first, second = body.findall(oxml.w("p"))[:2]
    ins = first.findall(f".//{oxml.w('ins')}")
    dels = first.findall(f".//{oxml.w('del')}")
    assert [oxml.paragraph_text(x) for x in ins] == ["decided"]
    assert "".join(t.text for t in first.iter(oxml.w("delText"))) == "agreed"
    assert {x.get(oxml.w("author")) for x in ins + dels} == {"KZ"}
    # the bold second half is still bold, and the untouched paragraph is byte-identical
    bold = [r for r in first.iter(oxml.w("r"))
            if r.find(f"{oxml.w('rPr')}/{oxml.w('b')}") is not None and r.getparent().tag != oxml.w("del")]
    assert "".join(t for r in bold for _, t in oxml.run_pieces(r)) == "ded to cooperate."
    assert second.find(f".//{oxml.w('ins')}") is None and second.find(f".//{oxml.w('del')}") is None


REALDOCS = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdocs"


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="../shared/realdocs not present")
def test_arabic_framed_document_at_xml_level() -> None:
    """RP051 (frames, tables, RTL): LibreOffice 7.4 drops every revision of such a file, so its redline
    is checked here with the reader's own accept/reject."""
    old = read_docx(REALDOCS / "RP051-Arabic-Rejected.docx")
    new = read_docx(REALDOCS / "RP051-Arabic-Accepted.docx")
    root, stats = redline_tree(old, new, author="KZ", date="2024-05-01T00:00:00Z", lang="ar")
    assert stats.revisions > 0
    assert all_texts(root, "accept") == all_texts(new.root)
    assert all_texts(root, "reject") == all_texts(old.root)
