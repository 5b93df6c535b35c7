"""What a translation memory adds to the review round trip: fuzzy suggestions in the notes of exported rows,
and the reviewed pairs stored on import.  Works against the :class:`~statementkit.services.translate.base.Memory`
interface; the SQLite memory (or any other backend) is passed in by the caller."""

from __future__ import annotations

from collections.abc import Mapping

from statementkit.model.translation import MemoryPair, Origin, Status, TranslationEntry
from statementkit.services.review.importing import Decision
from statementkit.services.review.rows import ReviewRow
from statementkit.services.translate.base import Memory
from statementkit.services.translate.pipeline import sentence_memory_pairs


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
                   sources: dict[str, str],
                   parallel: Mapping[str, Mapping[str, TranslationEntry]] | None = None) -> int:
    """Store the (source, target) pairs of applied decisions in the memory, all in one transaction or none;
    return how many clause pairs.  With them go the pairs of their sentences when a clause has several and
    they pair up one to one (sentence memory), and, with ``parallel`` (other target language -> unit id -> its
    current reviewed or approved entry), the pairs between the two target languages (zh <-> ru) of the same
    clause and their sentences, both ways: human only when both sides are, approved only when both are."""
    clauses = [MemoryPair(src_lang, lang, sources[d.unit_id], d.entry.text, d.entry.origin, d.entry.status)
               for d in decisions if d.entry is not None and d.unit_id in sources]
    extra: list[MemoryPair] = []
    for p in clauses:
        extra += sentence_memory_pairs(p.src_lang, p.tgt_lang, p.source, p.target, p.origin, p.status)
    for d in decisions:
        if d.entry is None or d.unit_id not in sources:
            continue
        for other, entries in (parallel or {}).items():
            e = entries.get(d.unit_id)
            if e is None or other == lang:
                continue
            origin = Origin.HUMAN if Origin.HUMAN is e.origin is d.entry.origin else Origin.MEMORY
            status = Status.APPROVED if Status.APPROVED is e.status is d.entry.status else Status.REVIEWED
            for a, la, b, lb in ((d.entry.text, lang, e.text, other), (e.text, other, d.entry.text, lang)):
                extra.append(MemoryPair(la, lb, a, b, origin, status))
                extra += sentence_memory_pairs(la, lb, a, b, origin, status)
    written = memory.add_many([*clauses, *extra])
    return min(written, sum(1 for p in clauses if p.source.strip() and p.target.strip()))
