"""Acceptance: the redline's tracked changes in a footnote, a header and a text box, read by headless
LibreOffice (the reference renderer): it sees the revisions, accept-all gives NEW's text of every story and
reject-all OLD's.  Pairs: a generated pair with every story edited (a footnote edited and one added, the
header and a text box edited; the same consolidated as one party's draft), Word's own WC035 (a footnote added, body unchanged) and Word's kitchen-sink
HC031 with its footnote, endnote and a text box edited.  Only the other stories are compared for HC031:
LibreOffice 7.4 leaves some of the deletions already in that file unaccepted (../shared/realdocs/MANIFEST.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statementkit.adapters import libreoffice
from statementkit.adapters.docx.reader import read_docx
from statementkit.adapters.docx.redline import write_redline
from statementkit.testing.stories import NEW, OLD, write_story_docx
from tests.conftest import realdoc
from tests.unit.test_docx_stories import edited_hc031

pytestmark = [pytest.mark.slow, pytest.mark.libreoffice,
              pytest.mark.skipif(not libreoffice.available(), reason="soffice / python3-uno not installed")]


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, object, object]]:
    import dataclasses

    tmp = tmp_path_factory.mktemp("stories")
    pairs = {"generated": (write_story_docx(tmp / "old.docx", OLD), write_story_docx(tmp / "new.docx", NEW)),
             "WC035": (realdoc("WC035-Footnote-Before.docx"), realdoc("WC035-Footnote-After.docx")),
             "WC035-reversed": (realdoc("WC035-Footnote-After.docx"), realdoc("WC035-Footnote-Before.docx")),
             "first-note-dropped": (write_story_docx(tmp / "old2.docx", OLD),
                                    write_story_docx(tmp / "new2.docx", dataclasses.replace(
                                        OLD, footnotes=OLD.footnotes[1:]))),
             "HC031": (realdoc("HC031-Complicated-Document.docx"), edited_hc031(tmp))}
    files: list[Path] = []
    redlines = {}
    for name, (a, b) in pairs.items():
        out = tmp / f"{name}-redline.docx"
        stats = write_redline(read_docx(a), read_docx(b), out, author="Kazakhstan", date="2024-05-01T00:00:00Z",
                              lang="en")
        assert stats.warnings == []
        redlines[name] = (out, a, b)
        files += [out, a, b]
    # consolidate, one party: a draft with a footnote edited and one added, the header and the text box edited
    from statementkit.adapters.docx.consolidate import Party, write_consolidated

    draft = write_story_docx(tmp / "kz.docx", dataclasses.replace(NEW, comments=OLD.comments))
    base = pairs["generated"][0]
    out = tmp / "consolidated.docx"
    stats = write_consolidated(read_docx(base), [Party("kz", "Kazakhstan", read_docx(draft))], out,
                               date="2024-05-01T00:00:00Z", lang="en")
    assert stats.warnings == []
    redlines["consolidated"] = (out, base, draft)
    files += [out, draft]
    res = libreoffice.accept_reject(list(dict.fromkeys(files)), stories=True)
    return {name: (res[r], res[a], res[b]) for name, (r, a, b) in redlines.items()}


def test_every_story_accepts_to_new_and_rejects_to_old(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    red, old, new = seen["generated"]
    assert red.accepted == new.accepted and red.rejected == old.accepted
    assert red.accepted_stories == new.accepted_stories
    assert red.rejected_stories == old.accepted_stories
    # each story changed, so this is no vacuous equality
    for key in ("footnotes", "headers", "text boxes"):
        assert old.accepted_stories[key] != new.accepted_stories[key], key
    assert red.accepted_stories["text boxes"] == ["Box: first line stays.\nBox: the second line as agreed."]
    assert red.accepted_stories["headers"] == ["Joint Statement (final)"]
    assert len(red.accepted_stories["footnotes"]) == 3 and len(red.rejected_stories["footnotes"]) == 2
    # body (1 edit = 2), footnote 1 (2), the added note and its reference (2), header (2), text box (2)
    assert red.redlines >= 9


def test_word_footnote_added_is_a_tracked_change(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    red, old, new = seen["WC035"]
    assert red.redlines == 2  # the reference and the note's text, as Word's own comparison expects
    assert red.accepted == new.accepted and red.rejected == old.accepted
    assert red.accepted_stories["footnotes"] == [" This is a test."]
    assert red.rejected_stories["footnotes"] == []


def test_word_footnote_deleted_is_a_tracked_change(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    """WC035 the other way: NEW has no footnotes part at all; the redline adds one holding the deleted note."""
    red, old, new = seen["WC035-reversed"]
    assert red.redlines == 2
    assert red.accepted == new.accepted and red.rejected == old.accepted
    assert red.accepted_stories["footnotes"] == []
    assert red.rejected_stories["footnotes"] == [" This is a test."]


def test_first_of_two_notes_dropped(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    """The deleted note is renumbered into reference order, so LibreOffice shows each note at its reference."""
    red, old, new = seen["first-note-dropped"]
    assert red.accepted_stories["footnotes"] == new.accepted_stories["footnotes"] == [
        " In the Kazakh, Chinese and Russian languages."]
    assert red.rejected_stories["footnotes"] == old.accepted_stories["footnotes"]
    assert len(old.accepted_stories["footnotes"]) == 2


def test_word_kitchen_sink_footnote_endnote_and_text_box(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    """HC031 with its footnote, endnote and a text box (a wps shape with a VML fallback) edited."""
    red, old, new = seen["HC031"]

    def plain(texts: list[str]) -> list[str]:
        # LibreOffice ends each paragraph of a block-level content control with "\r"; the redline is written
        # with content controls unwrapped (as for the body: LibreOffice drops tracked changes inside them)
        return [t.replace("\r", "") for t in texts]

    for key in ("footnotes", "endnotes", "text boxes"):
        assert old.accepted_stories[key] != new.accepted_stories[key], key
        assert plain(red.accepted_stories[key]) == plain(new.accepted_stories[key]), key
        assert plain(red.rejected_stories[key]) == plain(old.accepted_stories[key]), key
    assert "Here is an edited text box." in red.accepted_stories["text boxes"]


def test_consolidated_story_edits_accept_to_the_draft(seen: dict[str, tuple]) -> None:  # type: ignore[type-arg]
    """One party's footnote (edited and added), header and text-box edits consolidated: accept-all gives its
    draft's stories, reject-all the base's."""
    red, base, draft = seen["consolidated"]
    assert red.accepted == draft.accepted and red.rejected == base.accepted
    assert red.accepted_stories == draft.accepted_stories
    assert red.rejected_stories == base.accepted_stories
    for key in ("footnotes", "headers", "text boxes"):
        assert base.accepted_stories[key] != draft.accepted_stories[key], key
