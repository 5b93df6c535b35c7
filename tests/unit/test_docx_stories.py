"""Every story of a DOCX in reading, diffing and redlining: footnotes, endnotes, headers, footers, comments
(read, listed, not diffed) and text boxes; the safety net's warnings; bad story parts.

Inputs: generated files (statementkit.testing.stories) and third-party Word files in
../shared/realdocs, read in place (MIT; see the MANIFEST there)."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from statementkit.adapters.docx.reader import read_docx
from statementkit.cli import cli
from statementkit.testing.stories import NEW, OLD, StoryDoc, write_story_docx
from tests.conftest import realdoc


def _texts(doc: object) -> dict[str, str]:
    return {st.label: st.text() for st in doc.stories}  # type: ignore[attr-defined]


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return write_story_docx(tmp_path / "old.docx", OLD), write_story_docx(tmp_path / "new.docx", NEW)


def test_reader_returns_every_story_of_a_word_document() -> None:
    doc = read_docx(realdoc("HC031-Complicated-Document.docx"))
    kinds = [st.kind for st in doc.stories]
    assert kinds.count("footnote") == 1 and kinds.count("endnote") == 1
    assert kinds.count("header") == 3 and kinds.count("footer") == 3
    texts = _texts(doc)
    assert texts["footnote 1"] == " This is a footnote."
    assert texts["endnote 1"] == " This is an endnote."
    comment = next(st for st in doc.stories if st.kind == "comment")
    assert (comment.author, comment.text()) == ("Eric White", "This is a comment.")
    box = [st for st in doc.stories if st.kind == "text box" and st.text() == "Here is a text box."]
    assert len(box) == 1 and box[0].part == "word/document.xml" and "paragraph" in box[0].label
    # each paragraph knows its story; the body's paragraphs stay the body's
    assert all(p.story == "body" for p in doc.paragraphs)
    assert box[0].paragraphs[0].story == box[0].label
    assert {st.part for st in doc.stories if st.kind == "header"} == {"word/header1.xml", "word/header2.xml",
                                                                      "word/header3.xml"}


def test_generated_stories_are_read_with_their_labels(pair: tuple[Path, Path]) -> None:
    texts = _texts(read_docx(pair[1]))
    assert texts["footnote 1"] == " As set out in the 2020 memorandum."
    assert texts["footnote 2"] == " At the level of ministers."  # numbered by reference order
    assert texts["header default, section 1"] == "Joint Statement (final)"
    assert texts["text box 1 in the body, paragraph 2"] == "Box: first line stays.\nBox: the second line as agreed."
    # the mc:Fallback copy of the text box is not a second story
    assert sum(1 for k in texts if k.startswith("text box")) == 1


def test_diff_compares_each_story_and_lists_comments(pair: tuple[Path, Path]) -> None:
    res = CliRunner().invoke(cli, ["diff", str(pair[0]), str(pair[1]), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    stories = {s["label"]: s for s in data["stories"]}
    assert set(stories) == {"footnote 1", "footnote 2", "header default, section 1",
                            "text box 1 in the body, paragraph 2"}
    assert stories["footnote 2"]["status"] == "added"
    ops = stories["footnote 1"]["clauses"][0]["ops"]
    assert {"op": "delete", "text": "2019"} in ops and {"op": "insert", "text": "2020"} in ops
    box = stories["text box 1 in the body, paragraph 2"]
    assert box["status"] == "modified" and box["summary"]["modified"] == 1
    assert data["comments"] == ["comment added (Uzbekistan): 'We propose three years.'"]
    assert data["warnings"] == []
    text = CliRunner().invoke(cli, ["diff", str(pair[0]), str(pair[1])]).stdout
    assert "header default, section 1: modified  #1: Joint Statement ([-draft-]{+final+})" in text
    assert text.splitlines()[-1] == "0 added, 0 deleted, 1 modified, 0 moved, 2 unchanged"


def test_an_edited_text_box_alone_is_a_change(tmp_path: Path) -> None:
    """Before stories were read, this pair was "no change"."""
    a = write_story_docx(tmp_path / "a.docx", StoryDoc(["Body stays."], text_box=(0, ["Old box text."])))
    b = write_story_docx(tmp_path / "b.docx", StoryDoc(["Body stays."], text_box=(0, ["New box text."])))
    res = CliRunner().invoke(cli, ["diff", str(a), str(b), "--exit-code"])
    assert res.exit_code == 1
    assert "text box 1 in the body, paragraph 1: modified  #1: [-Old-]{+New+} box text." in res.stdout


def test_footnote_added_in_word_document() -> None:
    """WC035: a footnote added, the body's text unchanged."""
    res = CliRunner().invoke(cli, ["diff", str(realdoc("WC035-Footnote-Before.docx")),
                                   str(realdoc("WC035-Footnote-After.docx")), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["summary"]["modified"] == data["summary"]["added"] == data["summary"]["deleted"] == 0
    assert [(s["label"], s["status"]) for s in data["stories"]] == [("footnote 1", "added")]
    assert data["stories"][0]["clauses"][0]["new"]["text"] == " This is a test."


def _redline(old: Path, new: Path, out: Path) -> None:
    res = CliRunner().invoke(cli, ["diff", str(old), str(new), "-o", str(out), "--author", "Kazakhstan",
                                   "--date", "2024-05-01"])
    assert res.exit_code == 0, res.output


def test_redline_writes_tracked_changes_inside_each_part(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "redline.docx"
    _redline(*pair, out)
    with zipfile.ZipFile(out) as z:
        foot = z.read("word/footnotes.xml").decode()
        head = z.read("word/header1.xml").decode()
        body = z.read("word/document.xml").decode()
    assert ">2019</w:delText>" in foot and 'w:author="Kazakhstan"' in foot
    assert ">draft</w:delText>" in head
    # the text box, in the wps shape and in its VML fallback alike
    assert body.count(">drafted</w:delText>") == 2
    # the added note's reference is an inserted run
    assert '<w:footnoteReference w:id="2"/></w:r></w:ins>' in body
    # ids are unique across the parts
    ids = [int(x) for part in (foot, head) for x in re.findall(r'<w:(?:ins|del) w:id="(\d+)"', part)]
    body_ids = [int(x) for x in re.findall(r'<w:(?:ins|del) w:id="(\d+)"', body)]
    assert ids and body_ids
    assert not set(ids) & set(body_ids)


def test_redline_accept_gives_new_and_reject_gives_old_story_by_story(pair: tuple[Path, Path],
                                                                      tmp_path: Path) -> None:
    """At the XML level, with statementkit's own reader (which resolves revisions in every part)."""
    out = tmp_path / "redline.docx"
    _redline(*pair, out)
    old, new = (_texts(read_docx(p)) for p in pair)
    accepted, rejected = _texts(read_docx(out, "accept")), _texts(read_docx(out, "reject"))
    drop = {k for k in accepted if k.startswith("comment")}
    assert {k: v for k, v in accepted.items() if k not in drop} == {k: v for k, v in new.items() if k not in drop}
    # after reject-all the added note has lost its reference and its text (an empty note nothing references
    # is not a story)
    assert {k: v for k, v in rejected.items() if k not in drop} == \
        {k: v for k, v in old.items() if not k.startswith("comment")}


def test_safety_net_warns_of_changes_the_comparison_does_not_show(tmp_path: Path) -> None:
    chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:v>{}</c:v></c:chartSpace>'
    a = write_story_docx(tmp_path / "a.docx", StoryDoc(["Body stays.", "Second."], fields={0: " DATE "},
                                                       equations={1: "x+1"},
                                                       extra_parts={"word/charts/chart1.xml": chart.format(10)}))
    b = write_story_docx(tmp_path / "b.docx", StoryDoc(["Body stays.", "Second."], fields={0: " TIME "},
                                                       equations={1: "x+2"},
                                                       extra_parts={"word/charts/chart1.xml": chart.format(12)}))
    res = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "json", "--exit-code"])
    assert res.exit_code == 1
    warnings = json.loads(res.stdout)["warnings"]
    assert len(warnings) == 2
    assert warnings[0].startswith("the body: content the comparison does not show changed")
    assert "DATE" in warnings[0] and "TIME" in warnings[0] and "x+2" in warnings[0]
    assert warnings[1] == "word/charts/chart1.xml: its text changed (a part statementkit does not compare)"
    assert "warning: word/charts/chart1.xml" in res.stderr
    same = CliRunner().invoke(cli, ["diff", str(a), str(a), "--format", "json", "--exit-code"])
    assert same.exit_code == 0 and json.loads(same.stdout)["warnings"] == []


def test_comments_are_listed_not_diffed() -> None:
    res = CliRunner().invoke(cli, ["diff", str(realdoc("comments-rich-para.docx")),
                                   str(realdoc("comments-rich-para.docx")), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["comments"] == [] and data["stories"] == []
    comments = [st for st in read_docx(realdoc("comments-rich-para.docx")).stories if st.kind == "comment"]
    assert len(comments) == 4 and comments[0].author == "Steve Canny"


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> Path:
    with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
        for info in zi.infolist():
            if info.filename in change:
                data = change[info.filename]
                if data is not None:
                    zo.writestr(info.filename, data)
            else:
                zo.writestr(info, zi.read(info.filename))
    return dst


@pytest.mark.parametrize("case", ["broken-footnotes", "missing-part", "huge-story"])
def test_bad_story_parts_are_one_line_and_nothing_written(pair: tuple[Path, Path], tmp_path: Path,
                                                          case: str) -> None:
    if case == "broken-footnotes":
        change: dict[str, bytes | None] = {"word/footnotes.xml": b"<w:footnotes xmlns:w='x'><w:footnote>"}
        expect = "footnotes.xml"
    elif case == "missing-part":
        change, expect = {"word/header1.xml": None}, "points to word/header1.xml, which is not in the package"
    else:
        filler = "<w:p><w:r><w:t>" + "x" * 1000 + "</w:t></w:r></w:p>"
        big = ('<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:footnote w:id="1">' + filler * 70_000 + "</w:footnote></w:footnotes>")
        change, expect = {"word/footnotes.xml": big.encode()}, "footnotes.xml"
    bad = _rewrite(pair[1], tmp_path / "bad.docx", change)
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["diff", str(pair[0]), str(bad), "-o", str(out)])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: ") and expect in lines[0], res.stderr
    assert "Traceback" not in res.output and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.docx", "new.docx", "old.docx"]


def test_consolidate_carries_each_partys_story_edits_as_its_tracked_changes(tmp_path: Path) -> None:
    """kz edits a footnote, the header and the text box and adds a note; uz changes the header otherwise and
    the footer: the footnotes (the added one with its reference), text box and footer are tracked changes of
    their party; the header both changed differently is a warning, never dropped silently."""
    import dataclasses

    from statementkit.adapters.docx import oxml
    from statementkit.adapters.xmlsafe import parse_xml

    base = write_story_docx(tmp_path / "base.docx", OLD)
    kz = write_story_docx(tmp_path / "kz.docx", NEW)
    uz = write_story_docx(tmp_path / "uz.docx", dataclasses.replace(OLD, header="Joint Statement (second draft)",
                                                                    footer="Not for release"))
    out = tmp_path / "out.docx"
    res = CliRunner().invoke(cli, ["consolidate", str(base), f"kz={kz}", f"uz={uz}", "-o", str(out), "--json"])
    assert res.exit_code == 0, res.output
    warnings = json.loads(res.stdout)["warnings"]
    authors = json.loads(res.stdout)["authors"]
    assert warnings == ["header default, section 1: changed differently by kz, uz; not consolidated (compare it "
                        "by hand)"]
    accepted, rejected = _texts(read_docx(out, "accept")), _texts(read_docx(out, "reject"))
    assert [accepted[f"footnote {n}"] for n in (1, 2, 3)] == [" As set out in the 2020 memorandum.",
                                                               " At the level of ministers.",
                                                               " In the Kazakh, Chinese and Russian languages."]
    assert accepted["text box 1 in the body, paragraph 2"].endswith("as agreed.")
    assert accepted["footer default, section 1"] == "Not for release"
    assert {k: v for k, v in rejected.items() if k != "comment 101 (Uzbekistan)"} == _texts(read_docx(base))
    # comments: the base's own (also in both drafts) is not repeated, the one kz's draft adds is carried
    assert sorted(k for k in accepted if k.startswith("comment")) == ["comment 100 (Kazakhstan)",
                                                                      "comment 101 (Uzbekistan)"]
    # one party's changes alone: kz's footnote edit, not uz's footer
    with zipfile.ZipFile(out) as z:
        foot = parse_xml(z.read("word/footnotes.xml"), "footnotes")
        footer = parse_xml(z.read("word/footer1.xml"), "footer")
        body = z.read("word/document.xml").decode()
    # notes renumbered in reference order, the part in that order too (as Word writes them)
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', body) == ["1", "2", "3"]
    assert [n.get(oxml.w("id")) for n in foot] == ["-1", "0", "1", "2", "3"]
    oxml.resolve_for_author(foot, authors["kz"])
    oxml.resolve_for_author(footer, authors["kz"])
    assert "2020" in "".join(foot.itertext()) and "2019" not in "".join(foot.itertext())
    assert "".join(footer.itertext()) == "Restricted until release"


def edited_hc031(tmp_path: Path) -> Path:
    """Word's kitchen-sink document with its footnote, endnote, a text box (both copies), a content control's
    text and an equation edited."""
    src = realdoc("HC031-Complicated-Document.docx")
    with zipfile.ZipFile(src) as z:
        doc = z.read("word/document.xml").decode()
        foot = z.read("word/footnotes.xml").decode()
        end = z.read("word/endnotes.xml").decode()
    doc = doc.replace("Here is a text box.", "Here is an edited text box.")
    doc = doc.replace("Lorem ipsum dolor sit amet", "Lorem ipsum dolor sit amet, consectetur", 1)
    doc = doc.replace("<m:t>x+a</m:t>", "<m:t>x+b</m:t>", 1)
    return _rewrite(src, tmp_path / "HC031-edited.docx", {
        "word/document.xml": doc.encode(),
        "word/footnotes.xml": foot.replace("This is a footnote.", "This is an edited footnote.").encode(),
        "word/endnotes.xml": end.replace("This is an endnote.", "This is the endnote.").encode()})


def test_word_kitchen_sink_every_story_reported_and_redlined(tmp_path: Path) -> None:
    old = realdoc("HC031-Complicated-Document.docx")
    new = edited_hc031(tmp_path)
    res = CliRunner().invoke(cli, ["diff", str(old), str(new), "--format", "json"])
    data = json.loads(res.stdout)
    assert data["summary"]["modified"] == 1  # the content control's text (read through)
    modified = next(c for c in data["clauses"] if c["kind"] == "modified")
    assert {"op": "insert", "text": ", consectetur"} in modified["ops"]
    assert {s["label"]: s["status"] for s in data["stories"]} == {
        "footnote 1": "modified", "endnote 1": "modified", "text box 3 in the body, paragraph 113": "modified"}
    assert len(data["warnings"]) == 1 and "x+a" in data["warnings"][0] and "x+b" in data["warnings"][0]
    assert data["warnings"][0].startswith("the body: ")
    out = tmp_path / "redline.docx"
    _redline(old, new, out)
    assert _texts(read_docx(out, "accept")) == _texts(read_docx(new))
    assert _texts(read_docx(out, "reject")) == _texts(read_docx(old))
    with zipfile.ZipFile(out) as z:
        assert b">footnote.</w:delText>" not in z.read("word/footnotes.xml")  # word-level, not the whole note
        assert z.read("word/endnotes.xml").count(b"<w:del ") >= 1
        assert z.read("word/document.xml").count(b">an edited</w:t></w:r></w:ins>") == 2  # wps and its fallback


@pytest.mark.parametrize("case", ["generated", "WC035-reversed"])
def test_a_dropped_note_is_a_deleted_note_and_reference(tmp_path: Path, case: str) -> None:
    """A note OLD had and NEW dropped: its reference a deleted run where it stood, its text a deleted copy in
    NEW's notes part (added to the package, with its relationship and content type, when NEW has none)."""
    import dataclasses

    if case == "generated":
        old = write_story_docx(tmp_path / "old.docx", OLD)
        new = write_story_docx(tmp_path / "new.docx", dataclasses.replace(
            OLD, footnotes=OLD.footnotes[:1], body=[*OLD.body[:2], "Done in Astana on 2 May 2024."]))
        note = " In the Kazakh, Chinese and Russian languages."
    else:
        old, new = realdoc("WC035-Footnote-After.docx"), realdoc("WC035-Footnote-Before.docx")
        note = " This is a test."
    out = tmp_path / "redline.docx"
    res = CliRunner().invoke(cli, ["diff", str(old), str(new), "-o", str(out)])
    assert res.exit_code == 0 and "warning:" not in res.output, res.output
    accepted, rejected = _texts(read_docx(out, "accept")), _texts(read_docx(out, "reject"))
    assert [v for k, v in accepted.items() if k.startswith("footnote")] == \
        [v for k, v in _texts(read_docx(new)).items() if k.startswith("footnote")]
    assert [v for k, v in rejected.items() if k.startswith("footnote")] == \
        [v for k, v in _texts(read_docx(old)).items() if k.startswith("footnote")]
    assert note in rejected.values() and note not in accepted.values()
    assert read_docx(out, "reject").texts() == read_docx(old).texts()
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
        assert re.search(r"<w:del [^>]*><w:r[^>]*>(<w:rPr>.*?</w:rPr>)?<w:footnoteReference w:id=\"\d+\"/></w:r></w:del>", body)
        if case == "WC035-reversed":
            assert "word/footnotes.xml" in z.namelist()
            assert b"/word/footnotes.xml" in z.read("[Content_Types].xml")
            assert b'Target="footnotes.xml"' in z.read("word/_rels/document.xml.rels")


def test_a_text_box_added_to_a_paragraph_is_inserted_with_its_shape(tmp_path: Path) -> None:
    a = write_story_docx(tmp_path / "a.docx", StoryDoc(["Body stays.", "Second stays."]))
    b = write_story_docx(tmp_path / "b.docx", StoryDoc(["Body stays.", "Second stays."], text_box=(1, ["New box."])))
    out = tmp_path / "redline.docx"
    _redline(a, b, out)
    assert _texts(read_docx(out, "accept")) == {"text box 1 in the body, paragraph 2": "New box."}
    assert _texts(read_docx(out, "reject")) == {}  # the shape went with its text
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode()
    assert re.search(r"<w:ins [^>]*><w:r><mc:AlternateContent>", body)


def test_a_watermark_changed_in_a_header_is_a_warning(tmp_path: Path) -> None:
    src = realdoc("HC031-Complicated-Document.docx")
    with zipfile.ZipFile(src) as z:
        name = next(n for n in z.namelist() if n.startswith("word/header") and b"CONFIDENTIAL" in z.read(n))
        xml = z.read(name)
    new = _rewrite(src, tmp_path / "draft.docx", {name: xml.replace(b'string="CONFIDENTIAL"', b'string="DRAFT"')})
    data = json.loads(CliRunner().invoke(cli, ["diff", str(src), str(new), "--format", "json"]).stdout)
    assert data["stories"] == []
    assert len(data["warnings"]) == 1
    assert data["warnings"][0].startswith("header default, section 1: content the comparison does not show changed")
    assert "'CONFIDENTIAL' -> 'DRAFT'" in data["warnings"][0]


def test_a_part_nobody_reads_that_does_not_parse_is_compared_by_its_bytes(tmp_path: Path) -> None:
    a = write_story_docx(tmp_path / "a.docx", StoryDoc(["Body."], extra_parts={"word/charts/chart1.xml": "<c/>"}))
    b = write_story_docx(tmp_path / "b.docx", StoryDoc(["Body."], extra_parts={
        "word/charts/chart1.xml": '<!DOCTYPE c [<!ENTITY x "y">]><c>&x;</c>'}))
    res = CliRunner().invoke(cli, ["diff", str(a), str(b), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["warnings"] == [
        "word/charts/chart1.xml: its content changed (a part statementkit does not compare)"]


def test_stories_of_a_docx_read_from_standard_input(pair: tuple[Path, Path]) -> None:
    res = CliRunner().invoke(cli, ["diff", "-", str(pair[1]), "--format", "json"], input=pair[0].read_bytes())
    assert res.exit_code == 0, res.output
    assert len(json.loads(res.stdout)["stories"]) == 4


def test_html_and_summary_name_the_stories(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "changes.html"
    res = CliRunner().invoke(cli, ["diff", str(pair[0]), str(pair[1]), "-o", str(out)])
    assert res.exit_code == 0, res.output
    page = out.read_text(encoding="utf-8")
    assert '<tr class="story"><th colspan="5">footnote 2 (added)</th></tr>' in page
    assert "comment added (Uzbekistan)" in page and "<ins>2020</ins>" in page
    lines = res.stderr.splitlines()
    assert lines[-2] == (
        "4 other stories changed (footnote 1; footnote 2; header default, section 1; text box 1 in the body, "
        "paragraph 2), 1 comment added or removed, 0 warnings")
    assert lines[-1].endswith(" unchanged")  # the summary line stays last


def test_tracked_changes_in_a_header_count_for_changes_error(tmp_path: Path) -> None:
    import dataclasses

    a = write_story_docx(tmp_path / "a.docx", OLD)
    b = write_story_docx(tmp_path / "b.docx", dataclasses.replace(OLD, header="Joint Statement (final)"))
    red = tmp_path / "red.docx"
    _redline(a, b, red)
    res = CliRunner().invoke(cli, ["diff", str(a), str(red), "--changes", "error"])
    assert res.exit_code == 1
    assert res.stderr.strip().endswith("word/header1.xml: has 2 tracked changes (accept or reject them, or use "
                                       "--changes accept|reject)")
    rejected = CliRunner().invoke(cli, ["diff", str(a), str(red), "--changes", "reject", "--exit-code"])
    assert rejected.exit_code == 0, rejected.output


def test_a_docx_compared_with_a_statement_names_the_stories_left_out(tmp_path: Path) -> None:
    from statementkit.testing.stories import write_story_docx as write

    spec = Path(__file__).resolve().parents[2] / "examples" / "china-central-asia-ip-2023" / "statement.yaml"
    docx = write(tmp_path / "draft.docx", StoryDoc(["The Parties agreed."], footnotes=[(0, "A note.")],
                                                   header="Draft"))
    res = CliRunner().invoke(cli, ["diff", str(spec), str(docx), "--lang", "en", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["warnings"] == [
        "draft.docx: 2 other stories not compared, a statement file has none (footnote 1; header default, "
        "section 1)"]
