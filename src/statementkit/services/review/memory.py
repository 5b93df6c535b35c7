"""What a translation memory adds to the review round trip: fuzzy suggestions in the notes of exported rows,
and the reviewed pairs stored on import.  Works against the :class:`~statementkit.services.translate.base.Memory`
interface; the SQLite memory (or any other backend) is passed in by the caller."""

from __future__ import annotations

from statementkit.model.translation import MemoryPair
from statementkit.services.review.importing import Decision
from statementkit.services.review.rows import ReviewRow
from statementkit.services.translate.base import Memory


def memory_suggestions(memory: Memory, src_lang: str, lang: str, rows: list[ReviewRow],
                       threshold: float = 75.0) -> list[list[str]]:
    """Per row, notes with the memory's fuzzy matches ("memory 92%: …"), leaving out the row's own target."""
    out: list[list[str]] = []
    for row in rows:
        matches = memory.lookup_fuzzy(src_lang, lang, row.source, threshold=threshold, limit=3)
        out.append([f"memory {m.score:.0f}% ({m.origin.value}, {m.status.value}): {m.target}"
                    for m in matches if m.target != row.target])
    return out


def remember_pairs(memory: Memory, src_lang: str, lang: str, decisions: list[Decision],
                   sources: dict[str, str]) -> int:
    """Store the (source, target) pairs of applied decisions in the memory, all in one transaction or none;
    return how many."""
    pairs = [MemoryPair(src_lang, lang, sources[d.unit_id], d.entry.text, d.entry.origin, d.entry.status)
             for d in decisions if d.entry is not None and d.unit_id in sources]
    return memory.add_many(pairs)
