"""services.diff.inline.map_offset: offsets through an inline diff, both ways."""

from __future__ import annotations

from statementkit.services.diff.inline import inline_diff, map_offset


def test_offsets_map_through_the_diff_both_ways() -> None:
    old, new = "The Parties reaffirm their commitment.", "The Parties confirm their firm commitment."
    ops = inline_diff(old, new, "en")
    for word in ("The", "Parties", "their", "commitment."):  # words both texts have land on each other
        assert map_offset(ops, old.index(word)) == new.index(word)
        assert map_offset(ops, new.index(word), to_old=True) == old.index(word)
    # inside words only one side has: where those words stand on the other side
    assert map_offset(ops, old.index("reaffirm") + 3) == new.index("confirm")
    assert map_offset(ops, new.index(" firm") + 2, to_old=True) == old.index(" commitment")
    assert map_offset(ops, len(old)) == len(new) and map_offset(ops, len(new), to_old=True) == len(old)
