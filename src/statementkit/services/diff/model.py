"""The result of a comparison: one :class:`ClauseChange` per clause, in redline order, and the summary.

The JSON form (``DiffResult.to_json``) is a documented, stable schema: docs/diff-json.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import regex

from statementkit.services.diff.align import Alignment, AlignOptions, align
from statementkit.services.diff.inline import InlineOp, inline_diff

SCHEMA_VERSION = 1


class Kind(StrEnum):
    ADDED = "added"
    DELETED = "deleted"
    MODIFIED = "modified"
    MOVED = "moved"
    UNCHANGED = "unchanged"


_SPACE = regex.compile(r"[ \t\r\n\f\v]+")


def normalize(text: str) -> str:
    """NFC with ordinary white space collapsed: what two clauses are compared on.  No-break and other
    special spaces are kept (they are a real difference a redline must show)."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


@dataclass(frozen=True)
class ClauseText:
    """One clause (or paragraph) of one version: its id if known, its number label, and its text without
    the number."""

    id: str | None
    text: str
    number: str | None = None
    style: str | None = None

    @property
    def key(self) -> str:
        return normalize(self.text)


@dataclass(frozen=True)
class ClauseChange:
    kind: Kind
    id: str | None
    old_index: int | None
    new_index: int | None
    old_number: str | None
    new_number: str | None
    old_text: str | None
    new_text: str | None
    ops: tuple[InlineOp, ...] = ()
    similarity: float | None = None

    @property
    def text_changed(self) -> bool:
        return bool(self.ops)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "old": None if self.old_index is None else {
                "index": self.old_index, "number": self.old_number, "text": self.old_text},
            "new": None if self.new_index is None else {
                "index": self.new_index, "number": self.new_number, "text": self.new_text},
            "text_changed": self.text_changed,
            "similarity": None if self.similarity is None else round(self.similarity, 1),
            "ops": [op.to_json() for op in self.ops],
        }


@dataclass
class DiffResult:
    lang: str
    changes: list[ClauseChange]
    alignment: Alignment | None = None
    old_label: str = ""
    new_label: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    # the other stories of two DOCX versions (footnotes, headers, text boxes, comments, warnings):
    # statementkit.services.diff.stories.StoriesDiff, or None
    stories: Any = None

    def counts(self) -> dict[str, int]:
        out = {k.value: 0 for k in Kind}
        for c in self.changes:
            out[c.kind.value] += 1
        return out

    @property
    def has_changes(self) -> bool:
        if self.stories is not None and (self.stories.changes or self.stories.warnings):
            return True
        return any(c.kind is not Kind.UNCHANGED for c in self.changes)

    def summary(self) -> str:
        n = self.counts()
        return (f"{n['added']} added, {n['deleted']} deleted, {n['modified']} modified, "
                f"{n['moved']} moved, {n['unchanged']} unchanged")

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": "statementkit-diff",
            "version": SCHEMA_VERSION,
            "lang": self.lang,
            "old": self.old_label,
            "new": self.new_label,
            "summary": self.counts(),
            "clauses": [c.to_json() for c in self.changes],
            **({"meta": self.meta} if self.meta else {}),
            **(self.stories.to_json() if self.stories is not None else {}),
        }


def compare(old: Sequence[ClauseText], new: Sequence[ClauseText], lang: str,
            opts: AlignOptions | None = None, *, old_label: str = "", new_label: str = "") -> DiffResult:
    """Align ``old`` and ``new`` and diff every aligned pair; changes come in redline order."""
    al = align(old, new, opts)
    changes: list[ClauseChange] = []
    for step in al.steps():
        if step.kind in ("delete", "move_from"):
            if step.kind == "move_from":
                continue  # a move is reported once, where the clause now stands
            assert step.i is not None
            o = old[step.i]
            changes.append(ClauseChange(Kind.DELETED, o.id, step.i, None, o.number, None, o.text, None))
            continue
        if step.kind == "insert":
            assert step.j is not None
            n = new[step.j]
            changes.append(ClauseChange(Kind.ADDED, n.id, None, step.j, None, n.number, None, n.text))
            continue
        assert step.i is not None and step.j is not None
        o, n = old[step.i], new[step.j]
        ops = tuple(inline_diff(o.key, n.key, lang)) if o.key != n.key else ()
        kind = Kind.MOVED if step.kind == "move_to" else Kind.MODIFIED if ops else Kind.UNCHANGED
        changes.append(ClauseChange(kind, n.id or o.id, step.i, step.j, o.number, n.number, o.text, n.text,
                                    ops, al.similarity.get(step.i)))
    return DiffResult(lang, changes, al, old_label, new_label)
