"""What changed between two versions of a source text, as runs of kept, deleted and inserted text.

Words (and the spaces and punctuation between them) are the unit of change, as a lawyer's redline shows
it; Chinese text, which has no spaces, is compared character by character (every Han character is a
``\\w`` run of its own in the token pattern below).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

import regex

_TOKEN = regex.compile(r"\p{Han}|[\w'’-]+|\s+|[^\w\s]")


class Change(StrEnum):
    SAME = "same"
    DELETED = "deleted"
    INSERTED = "inserted"


@dataclass(frozen=True)
class Piece:
    change: Change
    text: str


def redline(old: str, new: str) -> list[Piece]:
    """Pieces that read as ``new`` when deletions are skipped and as ``old`` when insertions are skipped."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    if "".join(a) != old or "".join(b) != new:  # pragma: no cover - the pattern matches every character
        raise ValueError("tokeniser lost text")
    pieces: list[Piece] = []

    def add(change: Change, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if pieces and pieces[-1].change is change:
            pieces[-1] = Piece(change, pieces[-1].text + text)
        else:
            pieces.append(Piece(change, text))

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            add(Change.SAME, a[i1:i2])
        else:
            add(Change.DELETED, a[i1:i2])
            add(Change.INSERTED, b[j1:j2])
    return pieces
