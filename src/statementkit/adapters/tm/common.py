"""What the translation-memory backends (SQLite, PostgreSQL) share: the match type, ranking, text
normalisation, the fuzzy length bounds and the rapidfuzz re-ranking of index candidates.

Ranking: an approved human translation always wins; then higher origin (human > template > memory >
machine), then higher status (approved > reviewed > draft), then the most recent.  Fuzzy matches
(rapidfuzz ``fuzz.ratio``, 0-100) are suggestions only: callers must never apply them silently.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from statementkit.model.translation import MemoryPair as MemoryPair
from statementkit.model.translation import Origin, Status

_ORIGIN_RANK = {Origin.MACHINE: 0, Origin.MEMORY: 1, Origin.TEMPLATE: 2, Origin.HUMAN: 3}
_STATUS_RANK = {Status.DRAFT: 0, Status.REVIEWED: 1, Status.APPROVED: 2}

# Texts shorter than this (in characters; spaced scripts, Chinese) are fuzzy-matched by reading the sources of
# comparable length: in a short text one edit can break every trigram (双方均同意 and 双方同意 share none),
# and short sources are few.
SHORT_TEXT = {"spaced": 12, "unspaced": 6}


# Han ideographs (CJK Unified Ideographs and Extension A, compatibility ideographs): a text holding one is
# matched by the rules of an unspaced script, whether or not it has a space; an English or Russian text of
# one word has no space but is spaced ("Preamble" is short, not 8 Chinese characters).
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def unspaced(text: str) -> bool:
    """Whether ``text`` is in an unspaced script (Chinese): it holds a Han character."""
    return _HAN.search(text) is not None


def is_short(text: str) -> bool:
    """Under :data:`SHORT_TEXT` characters (12, or 6 in Chinese): matched by reading the sources of
    comparable length, not through the index."""
    return len(text) < SHORT_TEXT["unspaced" if unspaced(text) else "spaced"]


# How many index candidates (best trigram overlap first) are re-ranked with rapidfuzz per look-up.
CANDIDATES = 200

# A piece of a fuzzy query found in more segments than this is too common to choose candidates by (its
# postings are not read beyond this many).
POSTINGS_CAP = 500


def chunk_width(text: str) -> int:
    """Characters per piece of a fuzzy query: 9 for spaced scripts (en, ru), 6 for unspaced (zh)."""
    return 6 if unspaced(text) else 9


def pieces(text: str) -> list[str]:
    """The pieces of a fuzzy query that vote for candidates (both backends): overlapping runs of
    :func:`chunk_width` characters of the case-folded text, one every 5 characters (2 in Chinese), and the
    text's end; the whole text when it is shorter than one piece.  (Every 3 characters read 30 pieces for an
    English sentence of 95 characters: 41.5 ms CPU p95 at a million pairs against 29.8 ms every 5, with the
    same matches for 80 queries.)"""
    folded = text.lower()
    width = chunk_width(folded)
    stride = 5 if width == 9 else 2
    last = max(len(folded) - width, 0)
    return [folded[start:start + width] for start in sorted({*range(0, last + 1, stride), last})]


def needs_trigram_votes(text: str) -> bool:
    """Whether single trigrams vote too: a text shorter than two pieces (one edit may break every piece)."""
    return len(text) < 2 * chunk_width(text)


def most_voted(postings: Iterable[Sequence[int]]) -> list[int]:
    """Segment ids found by the most pieces, most first (ties: first found first), at most four times
    :data:`CANDIDATES`; a piece with more than :data:`POSTINGS_CAP` postings does not vote."""
    from collections import Counter

    counts: Counter[int] = Counter()
    for ids in postings:
        if len(ids) <= POSTINGS_CAP:
            counts.update(ids)
    return [i for i, _ in counts.most_common(4 * CANDIDATES)]


@dataclass(frozen=True)
class TMMatch:
    source: str
    target: str
    score: float  # 100.0 for an exact match
    origin: Origin
    status: Status


@dataclass(frozen=True)
class ImportProgress:
    """What :meth:`import_batches` did: ``resumed_from`` items had been committed by an
    earlier, interrupted run of the same import (and were skipped), ``items`` were read in all, ``pairs``
    written by this run."""

    resumed_from: int
    items: int
    pairs: int


def write_batches(items: Iterable[Sequence[MemoryPair]], done_before: int, batch: int,
                  commit: Callable[[list[MemoryPair], int, bool], int],
                  progress: Callable[[int], None] | None = None) -> ImportProgress:
    """The resumable batch loop both memories share: skip the ``done_before`` items an interrupted run of the
    same import committed, then ``commit(pairs, items counted so far, finished)`` every ``batch`` items and once
    at the end (``finished=True``; it returns the pairs written).  Returns the import's progress."""
    it = iter(items)
    count = 0
    while count < done_before and next(it, None) is not None:
        count += 1
    written, pending = 0, list[MemoryPair]()
    for item in it:
        pending.extend(item)
        count += 1
        if count % batch == 0:
            written += commit(pending, count, False)
            pending = []
            if progress:
                progress(count)
    written += commit(pending, count, True)
    return ImportProgress(min(done_before, count), count, written)


def rank_of(origin: Origin, status: Status) -> int:
    """One sortable number: approved human first, then origin, then status."""
    approved_human = origin is Origin.HUMAN and status is Status.APPROVED
    return (100 if approved_human else 0) + _ORIGIN_RANK[origin] * 10 + _STATUS_RANK[status]


def nfc(text: str) -> str:
    """The form texts are stored and looked up in: Unicode NFC, outer white space removed."""
    return unicodedata.normalize("NFC", text).strip()


def length_bounds(length: int, threshold: float) -> tuple[int, int]:
    """The source lengths (in characters) that can reach ``fuzz.ratio >= threshold`` against a text of
    ``length``: ratio = 200 * LCS / (n + m) <= 200 * min(n, m) / (n + m), so m lies within
    [n * t / (200 - t), n * (200 - t) / t].  Never narrower than today's [n / 2, 2n + 1] is wider: the
    bounds below are exact for the ratio, so no match is lost by them."""
    t = max(min(threshold, 100.0), 1.0)
    lo = math.floor(length * t / (200.0 - t))
    hi = math.ceil(length * (200.0 - t) / t)
    return max(lo - 1, 0), hi + 1


@dataclass(frozen=True)
class Candidate:
    """A stored source with its best translation into the wanted language, and that translation's
    ordering key (rank, updated, id: larger is better)."""

    source: str
    target: str
    origin: Origin
    status: Status
    order: tuple[int, float, int]


def rerank(text: str, candidates: Iterable[Candidate], threshold: float, limit: int) -> list[TMMatch]:
    """The ``limit`` candidates most similar to ``text`` (rapidfuzz ratio >= ``threshold``), best first;
    equal scores keep the order of the best translation (rank, then most recent), exactly as a full scan
    ordered that way would."""
    from rapidfuzz import fuzz, process

    ordered: Sequence[Candidate] = sorted(candidates, key=lambda c: c.order, reverse=True)
    best: dict[str, Candidate] = {}
    for c in ordered:
        best.setdefault(c.source, c)
    found = process.extract(text, list(best), scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
    return [TMMatch(choice, best[choice].target, float(score), best[choice].origin, best[choice].status)
            for choice, score, _ in found]


def trigrams(text: str) -> list[str]:
    """The distinct character trigrams of ``text`` (case-folded as SQLite's trigram tokenizer folds), in
    order of first occurrence."""
    folded = text.lower()
    seen: dict[str, None] = {}
    for i in range(len(folded) - 2):
        seen.setdefault(folded[i:i + 3], None)
    return list(seen)


def scan(text: str, rows: Iterable[tuple[int, str]], threshold: float, limit: int,
         fetch: Callable[[list[int]], list[Candidate]]) -> list[TMMatch]:
    """The full scan: every ``(segment id, source)`` of ``rows`` scored with rapidfuzz (in C, over plain
    strings), then the best translations fetched (``fetch(ids)``) for the best-scoring sources only, in
    groups of :data:`CANDIDATES` (a group never splits equal scores), until ``limit`` of them have a
    translation: the same result as re-ranking every source with its best translation."""
    from rapidfuzz import fuzz, process

    by_id = dict(rows)
    hits = process.extract(text, by_id, scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
    hits.sort(key=lambda h: -h[1])
    found: list[Candidate] = []
    start = 0
    while start < len(hits):
        end = min(start + CANDIDATES, len(hits))
        while end < len(hits) and hits[end][1] == hits[end - 1][1]:
            end += 1
        found.extend(fetch([int(h[2]) for h in hits[start:end]]))
        start = end
        if len({c.source for c in found}) >= limit and (start >= len(hits) or hits[start][1] < hits[start - 1][1]):
            break
    return rerank(text, found, threshold, limit)
