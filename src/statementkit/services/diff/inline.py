"""Changes inside one clause: token diff, then a cleanup that reads like a lawyer's redline.

The raw token diff (rapidfuzz's Indel opcodes, an LCS over tokens) is exact but fussy: "the big red" →
"a small blue" comes out as three separate replacements with spaces kept in between, and a character
diff of Chinese text leaves one-character islands.  The cleanup folds an equal stretch into the edits
around it when it carries no meaning (white space, punctuation) or is no longer than the edits on both
sides (the "semantic cleanup" rule of diff-match-patch), and for Chinese when it is at most two characters.
Each remaining edit is one deletion followed by one insertion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from statementkit.services.diff.tokens import is_word, tokenize

OpKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True)
class InlineOp:
    """One piece of an inline diff: ``equal`` text is in both, ``delete`` only in the old, ``insert`` only in
    the new version.  Old text = equal + delete pieces in order; new text = equal + insert pieces."""

    op: OpKind
    text: str

    def to_json(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


# a group is ("equal", text, "") or ("change", deleted, inserted)
_Group = tuple[str, str, str]


def _groups(old: list[str], new: list[str]) -> list[_Group]:
    from rapidfuzz.distance import Indel

    groups: list[_Group] = []
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            groups.append(("equal", "".join(old[op.src_start:op.src_end]), ""))
            continue
        d = "".join(old[op.src_start:op.src_end])
        i = "".join(new[op.dest_start:op.dest_end])
        if groups and groups[-1][0] == "change":
            _, pd, pi = groups[-1]
            groups[-1] = ("change", pd + d, pi + i)
        else:
            groups.append(("change", d, i))
    return groups


def _fold(text: str, before: _Group, after: _Group, lang: str) -> bool:
    """Should the equal ``text`` between two edits become part of one edit?"""
    tokens = tokenize(text, lang)
    if not any(is_word(t) for t in tokens):
        return True
    size = len(text)
    if lang.startswith("zh") and size <= 2:
        return True
    left = max(len(before[1]), len(before[2]))
    right = max(len(after[1]), len(after[2]))
    return size <= left and size <= right


def cleanup(groups: list[_Group], lang: str) -> list[_Group]:
    out = list(groups)
    changed = True
    while changed:
        changed = False
        k = 1
        while k < len(out) - 1:
            g = out[k]
            if g[0] == "equal" and out[k - 1][0] == "change" and out[k + 1][0] == "change" \
                    and _fold(g[1], out[k - 1], out[k + 1], lang):
                b, a = out[k - 1], out[k + 1]
                out[k - 1:k + 2] = [("change", b[1] + g[1] + a[1], b[2] + g[1] + a[2])]
                changed = True
            else:
                k += 1
    return out


def inline_diff(old: str, new: str, lang: str, *, clean: bool = True) -> list[InlineOp]:
    """The inline operations turning ``old`` into ``new`` (empty list when they are equal)."""
    if old == new:
        return []
    groups = _groups(tokenize(old, lang), tokenize(new, lang))
    if clean:
        groups = cleanup(groups, lang)
    ops: list[InlineOp] = []
    for kind, a, b in groups:
        if kind == "equal":
            if a:
                ops.append(InlineOp("equal", a))
            continue
        if a:
            ops.append(InlineOp("delete", a))
        if b:
            ops.append(InlineOp("insert", b))
    return ops


def old_text(ops: list[InlineOp]) -> str:
    return "".join(o.text for o in ops if o.op != "insert")


def new_text(ops: list[InlineOp]) -> str:
    return "".join(o.text for o in ops if o.op != "delete")


def map_offset(ops: list[InlineOp], pos: int, *, to_old: bool = False) -> int:
    """Where character offset ``pos`` of the old text falls in the new one, through ``ops`` (old → new); with
    ``to_old``, an offset of the new text in the old one.  An offset inside text only one side has maps to
    where that text stands on the other side."""
    here = there = 0
    only_here = "insert" if to_old else "delete"
    for op in ops:
        n = len(op.text)
        if op.op == "equal":
            if here + n >= pos:
                return there + (pos - here)
            here += n
            there += n
        elif op.op == only_here:
            if here + n >= pos:
                return there
            here += n
        else:
            there += n
    return there + (pos - here)
