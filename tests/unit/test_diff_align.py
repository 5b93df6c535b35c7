"""Clause alignment: ids, content, moves, renumbering, thresholds."""

from __future__ import annotations

from statementkit.services.diff import AlignOptions, ClauseText, Kind, compare


def clauses(*texts: str, ids: bool = False) -> list[ClauseText]:
    return [ClauseText(f"c{k}" if ids else None, t, f"{k + 1}.") for k, t in enumerate(texts)]


BASE = ["The Parties met in Urumqi.", "They reviewed cooperation.", "They agreed to share data.",
        "They will meet every two years.", "Done in three languages."]


def kinds(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.kind.value for c in result.changes]


def test_self_diff_has_no_change() -> None:
    r = compare(clauses(*BASE), clauses(*BASE), "en")
    assert not r.has_changes
    assert r.summary() == "0 added, 0 deleted, 0 modified, 0 moved, 5 unchanged"


def test_one_clause_moved_is_one_move() -> None:
    new = [BASE[3], BASE[0], BASE[1], BASE[2], BASE[4]]
    r = compare(clauses(*BASE), clauses(*new), "en")
    assert r.counts() == {"added": 0, "deleted": 0, "modified": 0, "moved": 1, "unchanged": 4}
    moved = next(c for c in r.changes if c.kind is Kind.MOVED)
    assert (moved.old_index, moved.new_index) == (3, 0)


def test_renumbering_is_no_change() -> None:
    old = [ClauseText(None, t, f"{k + 1}.") for k, t in enumerate(BASE)]
    new = [ClauseText(None, t, f"({chr(97 + k)})") for k, t in enumerate(BASE)]
    assert not compare(old, new, "en").has_changes


def test_ids_win_over_content() -> None:
    old = [ClauseText("a", "Alpha text here."), ClauseText("b", "Beta text here.")]
    new = [ClauseText("a", "Completely rewritten."), ClauseText("b", "Beta text here.")]
    r = compare(old, new, "en")
    assert kinds(r) == ["modified", "unchanged"]
    assert r.changes[0].id == "a"


def test_added_deleted_modified() -> None:
    new = [BASE[0], "They reviewed their cooperation.", BASE[3], "A brand new clause on training.", BASE[4]]
    r = compare(clauses(*BASE), clauses(*new), "en")
    assert r.counts() == {"added": 1, "deleted": 1, "modified": 1, "moved": 0, "unchanged": 3}
    mod = next(c for c in r.changes if c.kind is Kind.MODIFIED)
    assert [o.text for o in mod.ops if o.op == "insert"] == ["their "]


def test_threshold_is_configurable() -> None:
    old, new = clauses("They agreed to share data."), clauses("They declined all data sharing.")
    assert compare(old, new, "en", AlignOptions(match_threshold=95)).counts()["modified"] == 0
    assert compare(old, new, "en", AlignOptions(match_threshold=30)).counts()["modified"] == 1


def test_moved_and_edited_clause() -> None:
    long = "The Parties will hold the meeting every two years to guide cooperation in the region."
    old = [long, *BASE]
    new = [*BASE, long.replace("two", "three")]
    r = compare(clauses(*old), clauses(*new), "en")
    assert r.counts()["moved"] == 1 and r.counts()["deleted"] == 0
    moved = next(c for c in r.changes if c.kind is Kind.MOVED)
    assert moved.text_changed


def test_repeated_paragraphs_align_minimally() -> None:
    old = ["Heading", "Boilerplate.", "Text one.", "Boilerplate.", "Text two.", "Boilerplate."]
    new = ["Heading", "Boilerplate.", "Text one.", "Boilerplate.", "Text 2.", "Boilerplate."]
    r = compare(clauses(*old), clauses(*new), "en")
    assert r.counts() == {"added": 0, "deleted": 0, "modified": 1, "moved": 0, "unchanged": 5}


def test_json_schema_shape() -> None:
    r = compare(clauses(*BASE[:2]), clauses(BASE[0], "They reviewed cooperation closely."), "en")
    j = r.to_json()
    assert j["schema"] == "statementkit-diff" and j["version"] == 1
    assert set(j["clauses"][1]) == {"id", "kind", "old", "new", "text_changed", "similarity", "ops"}
    assert j["clauses"][1]["ops"][-2:] == [{"op": "insert", "text": " closely"}, {"op": "equal", "text": "."}]
