"""Align the clauses of two versions: by id, then by content and order; find moves.

1. Clauses with the same id on both sides are paired (statement files, DOCX with clause bookmarks).
2. The rest are aligned by content: an LCS over exact (normalised) texts gives in-order anchors;
   between two anchors, clauses are paired by similarity (rapidfuzz ``fuzz.ratio`` ≥ ``match_threshold``),
   keeping their order (a small dynamic programme); then clauses still unpaired anywhere are paired when
   their texts are equal, or similar ≥ ``move_threshold`` (these become moves when out of order).
3. A longest increasing subsequence over all pairs keeps the largest set of pairs in order; every other
   pair is a *move*.  One clause moved is one move, however far.

Numbers ("1.", "12)") are never part of the compared text, so renumbering alone is no change.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

StepKind = Literal["equal", "modify", "delete", "insert", "move_from", "move_to"]


class Alignable(Protocol):
    @property
    def id(self) -> str | None: ...

    @property
    def key(self) -> str: ...


@dataclass(frozen=True)
class AlignOptions:
    """Thresholds (0–100, rapidfuzz ratio).  ``match_threshold``: least similarity for two clauses at the
    same place to count as one clause modified (else deleted + added).  ``move_threshold``: least
    similarity for a clause found elsewhere to count as moved (equal text always does).
    ``max_move_pairs`` caps the cross-comparison of leftover clauses (old × new) for speed."""

    match_threshold: float = 60.0
    move_threshold: float = 75.0
    max_move_pairs: int = 4_000_000
    max_dp_cells: int = 250_000


@dataclass(frozen=True)
class Step:
    """One step of the merged redline order: old index ``i`` and/or new index ``j``."""

    kind: StepKind
    i: int | None
    j: int | None


@dataclass
class Alignment:
    pairs: dict[int, int]  # old index -> new index
    moved: set[int]  # old indexes of pairs out of order
    n_old: int
    n_new: int
    similarity: dict[int, float] = field(default_factory=dict)  # old index -> score of its pair

    def steps(self) -> list[Step]:
        """Old and new clauses merged into one sequence, in the order a redline shows them.

        In-order pairs are anchors.  Between two anchors the old clauses (deleted, or the origin of a move)
        come first, then the new ones (added, or the destination of a move)."""
        anchors = sorted((i, j) for i, j in self.pairs.items() if i not in self.moved)
        rev = {j: i for i, j in self.pairs.items()}
        out: list[Step] = []
        i = 0
        j = 0
        for ai, aj in [*anchors, (self.n_old, self.n_new)]:
            while i < ai:
                out.append(Step("move_from" if i in self.moved else "delete", i, self.pairs.get(i)))
                i += 1
            while j < aj:
                oi = rev.get(j)
                out.append(Step("move_to", oi, j) if oi is not None else Step("insert", None, j))
                j += 1
            if ai < self.n_old:
                out.append(Step("equal", ai, aj))
                i, j = ai + 1, aj + 1
        return out


def longest_increasing(seq: Sequence[int]) -> set[int]:
    """Positions (into ``seq``) of one longest strictly increasing subsequence."""
    tails: list[int] = []
    tail_pos: list[int] = []
    prev = [-1] * len(seq)
    for pos, v in enumerate(seq):
        k = bisect.bisect_left(tails, v)
        if k == len(tails):
            tails.append(v)
            tail_pos.append(pos)
        else:
            tails[k] = v
            tail_pos[k] = pos
        prev[pos] = tail_pos[k - 1] if k else -1
    keep: set[int] = set()
    pos = tail_pos[-1] if tail_pos else -1
    while pos >= 0:
        keep.add(pos)
        pos = prev[pos]
    return keep


def _gap_pairs(old: Sequence[str], new: Sequence[str], oi: list[int], nj: list[int],
               opts: AlignOptions) -> list[tuple[int, int, float]]:
    """Pair the clauses of one gap by similarity, keeping their order."""
    if not oi or not nj:
        return []
    from rapidfuzz import fuzz, process

    scores = process.cdist([old[i] for i in oi], [new[j] for j in nj], scorer=fuzz.ratio, processor=str.casefold,
                           score_cutoff=opts.match_threshold)
    n, m = len(oi), len(nj)
    if n * m > opts.max_dp_cells:  # very large gap: greedy best-first (crossings become moves later)
        cand = sorted(((float(scores[a][b]), a, b) for a in range(n) for b in range(m) if scores[a][b] > 0),
                      reverse=True)
        used_a: set[int] = set()
        used_b: set[int] = set()
        got = []
        for s, a, b in cand:
            if a not in used_a and b not in used_b:
                used_a.add(a)
                used_b.add(b)
                got.append((oi[a], nj[b], s))
        return got
    # order-keeping maximum-weight matching (Needleman-Wunsch without gap costs)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, nxt = best[a], best[a + 1]
        srow = scores[a]
        for b in range(m - 1, -1, -1):
            v = max(nxt[b], row[b + 1])
            s = float(srow[b])
            if s > 0 and nxt[b + 1] + s > v:
                v = nxt[b + 1] + s
            row[b] = v
    got = []
    a = b = 0
    while a < n and b < m:
        s = float(scores[a][b])
        if s > 0 and best[a][b] == best[a + 1][b + 1] + s:
            got.append((oi[a], nj[b], s))
            a += 1
            b += 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return got


def align(old: Sequence[Alignable], new: Sequence[Alignable], opts: AlignOptions | None = None) -> Alignment:
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Indel

    opts = opts or AlignOptions()
    pairs: dict[int, int] = {}
    sim: dict[int, float] = {}
    new_by_id = {c.id: j for j, c in enumerate(new) if c.id}
    for i, c in enumerate(old):
        if c.id and c.id in new_by_id:
            j = new_by_id[c.id]
            pairs[i] = j
            sim[i] = 100.0 if c.key == new[j].key else float(fuzz.ratio(c.key, new[j].key))
    used_new = set(pairs.values())
    ro = [i for i in range(len(old)) if i not in pairs]
    rn = [j for j in range(len(new)) if j not in used_new]
    okeys = [old[i].key for i in ro]
    nkeys = [new[j].key for j in rn]

    # in-order anchors on exactly equal text
    anchors: list[tuple[int, int]] = []
    for op in Indel.opcodes(okeys, nkeys):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                anchors.append((op.src_start + k, op.dest_start + k))
    for a, b in anchors:
        pairs[ro[a]] = rn[b]
        sim[ro[a]] = 100.0
    # equal text found elsewhere (a move) wins over a merely similar clause nearby
    used_new = set(pairs.values())
    by_text: dict[str, list[int]] = defaultdict(list)
    for j in range(len(new)):
        if j not in used_new:
            by_text[new[j].key].append(j)
    for i in range(len(old)):
        if i not in pairs:
            cands = by_text.get(old[i].key)
            if cands:
                pairs[i] = cands.pop(0)
                sim[i] = 100.0
    # similar clauses inside each gap between anchors
    used_new = set(pairs.values())
    prev_a = prev_b = -1
    okey_all = [c.key for c in old]
    nkey_all = [c.key for c in new]
    for a, b in [*anchors, (len(ro), len(rn))]:
        gap_o = [i for i in ro[prev_a + 1:a] if i not in pairs]
        gap_n = [j for j in rn[prev_b + 1:b] if j not in used_new]
        for i, j, s in _gap_pairs(okey_all, nkey_all, gap_o, gap_n, opts):
            pairs[i] = j
            sim[i] = s
        prev_a, prev_b = a, b
    # leftovers anywhere: similar enough to count as moved
    used_new = set(pairs.values())
    lo = [i for i in range(len(old)) if i not in pairs]
    ln = [j for j in range(len(new)) if j not in used_new]
    if lo and ln and len(lo) * len(ln) <= opts.max_move_pairs:
        scores = process.cdist([old[i].key for i in lo], [new[j].key for j in ln], scorer=fuzz.ratio, processor=str.casefold,
                               score_cutoff=opts.move_threshold)
        cand = sorted(((float(scores[a][b]), a, b) for a in range(len(lo)) for b in range(len(ln))
                       if scores[a][b] > 0), reverse=True)
        ua: set[int] = set()
        ub: set[int] = set()
        for s, a, b in cand:
            if a not in ua and b not in ub:
                ua.add(a)
                ub.add(b)
                pairs[lo[a]] = ln[b]
                sim[lo[a]] = s
    # moves: pairs outside one longest in-order chain
    order = sorted(pairs)
    keep = longest_increasing([pairs[i] for i in order])
    moved = {order[p] for p in range(len(order)) if p not in keep}
    return Alignment(pairs, moved, len(old), len(new), sim)
