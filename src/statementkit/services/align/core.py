"""Align two language versions of one document: paragraphs, then sentences inside paired paragraphs.

Paragraphs (:func:`pair_paragraphs`): paragraphs whose anchor sets (at least two anchors) are equal and
unique in both versions are paired first; those in order cut the rest into stretches, those out of order
are moved paragraphs.  Each stretch is a dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2, 3-1, 1-3 whose
cost is
Gale and Church's length cost (Gale & Church 1993, "A program for aligning sentences in bilingual
corpora": δ = (l₂ − c·l₁) / √(l₁·s²), cost −log 2(1 − Φ(|δ|)) plus the bead's prior, priors from the
``galechurch`` package's defaults) plus an anchor cost (registry names, dates, numbers, quotes: see
:mod:`.anchors`) and a list-label cost (typed or automatic numbers, ``1.``/``一、``/``（一）``).  ``c`` is
the document's own length ratio, and s² is scaled by c² (:func:`variance`).  The programme is banded
around the diagonal.  Then: two 1-1 beads that fit better crossed are crossed (two paragraphs swapped); a
paragraph left unpaired whose counterpart sits in a 2-1 bead is taken out of it; paragraphs left unpaired
on both sides are paired when their anchors and lengths agree (moved); the rest are reported unpaired.

Sentences (:func:`align_sentences`): inside a paragraph bead, sentences whose anchor sets are equal,
non-empty and unique on both sides are fixed 1-1 pairs (kept in order); between them the ``galechurch``
package aligns by length; a 2-1 bead loses a sentence whose anchors the other side lacks entirely.  Every
sentence bead gets a confidence in [0, 1] from its length probability, its anchor agreement and its kind
(1-1 beads above 2-1, insertions and deletions get 0).

Hand-written here rather than in a library: the paragraph programme (``galechurch`` aligns on lengths
only, with no anchors or labels) and the anchor steps around it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from galechurch import _core as _gc  # the package's aligner on lengths (its align() measures strings)
from galechurch.defaults import DEFAULT_BEAD_COSTS, DEFAULT_MAX_BLOCK_SIZE, DEFAULT_VARIANCE_XY

from statementkit.services.align.anchors import anchor_similarity, label_key
from statementkit.services.diff.align import longest_increasing

Anchors = Callable[[str], frozenset[str]]

_PRIOR = {k: v / 100.0 for k, v in DEFAULT_BEAD_COSTS.items()}  # −log p(bead)/p(1:1), natural log units
_PRIOR[(3, 1)] = _PRIOR[(1, 3)] = 2 * _PRIOR[(2, 1)]  # a merge next to a split (not in the original table)
# Weights tuned on the reference corpus (corpora/README.md; bench/align.py prints the result):
_SKIP = 4.0  # a paragraph with no counterpart (below a 1-1 pair 2σ off in length plus a 2-1 prior)
LABEL_WEIGHT = 1.0  # same list label: −1; different: +1 (labels shift after a merge, so they only nudge)
ANCHOR_WEIGHT = 8.0  # anchors all different: +8; all shared: −2 (Jaccard in between)
TERM_WEIGHT = 4.0  # clause-library terms (lexicon.py) all different: +4; all shared: 0 (tuned: bench/align.py)
_BAND = 8  # paragraphs either side of the diagonal the programme looks at
_STEPS = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (3, 1), (1, 3))
_KIND_WEIGHT = {(1, 1): 1.0, (2, 1): 0.9, (1, 2): 0.9, (2, 2): 0.8}


@dataclass(frozen=True)
class Para:
    """One paragraph of one language version: its text (without its list label) and the label."""

    text: str
    label: str | None = None


@dataclass(frozen=True)
class Bead:
    """Paragraphs (or sentences) ``a`` of version A matched with ``b`` of version B; either may be empty
    (unpaired).  ``moved``: paired out of order (a paragraph moved in one version)."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    confidence: float = 1.0
    moved: bool = False

    @property
    def paired(self) -> bool:
        return bool(self.a) and bool(self.b)


def length_of(text: str) -> int:
    """Characters, spaces not counted (as ``galechurch`` counts)."""
    return len(text.replace(" ", ""))


def _phi(z: float) -> float:
    return 0.5 * (1.0 + math.erf(z / math.sqrt(2.0)))


def length_probability(la: int, lb: int, ratio: float) -> float:
    """Gale and Church's probability that lengths ``la`` and ``lb`` are translations (two-tailed)."""
    if la == 0 and lb == 0:
        return 1.0
    mean = (la + lb / ratio) / 2.0  # as the original program: the mean length in A's characters
    delta = (lb - la * ratio) / math.sqrt(max(mean, 1.0) * variance(ratio))
    return max(2.0 * (1.0 - _phi(abs(delta))), 1e-12)


def variance(ratio: float) -> float:
    """Gale and Church's s² in B's characters: their 6.8 is per character of like-length languages, so a
    language that writes a sentence in a third of the characters (Chinese) varies a third as much."""
    return DEFAULT_VARIANCE_XY * ratio * ratio


def _ratio(a: Sequence[str], b: Sequence[str]) -> float:
    la, lb = sum(length_of(t) for t in a), sum(length_of(t) for t in b)
    return (lb / la) if la and lb else 1.0


@dataclass
class _Side:
    lengths: list[int]
    anchors: list[frozenset[str]]
    labels: list[tuple[str, int] | None]
    terms: list[frozenset[str]]


def _side(paras: Sequence[Para], anchors: Anchors, terms: Anchors | None) -> _Side:
    return _Side([length_of(p.text) for p in paras], [anchors(p.text) for p in paras],
                 [label_key(p.label) for p in paras], [terms(p.text) if terms else frozenset() for p in paras])


def _pair_cost(sa: _Side, ia: Sequence[int], sb: _Side, ib: Sequence[int], ratio: float) -> float:
    la = sum(sa.lengths[i] for i in ia)
    lb = sum(sb.lengths[j] for j in ib)
    cost = -math.log(length_probability(la, lb, ratio)) + _PRIOR[(len(ia), len(ib))]
    aa = frozenset().union(*(sa.anchors[i] for i in ia))
    ab = frozenset().union(*(sb.anchors[j] for j in ib))
    sim = anchor_similarity(aa, ab)
    if sim is not None:
        cost += ANCHOR_WEIGHT * (1.0 - sim) - 2.0 * sim
    ka, kb = sa.labels[ia[0]], sb.labels[ib[0]]
    if ka is not None and kb is not None:
        cost += -LABEL_WEIGHT if ka == kb else LABEL_WEIGHT
    terms = anchor_similarity(frozenset().union(*(sa.terms[i] for i in ia)), frozenset().union(*(sb.terms[j] for j in ib)))
    if terms is not None:
        cost += TERM_WEIGHT * (1.0 - terms)
    return cost


def pair_paragraphs(a: Sequence[Para], b: Sequence[Para], anchors_a: Anchors, anchors_b: Anchors,
                    terms_a: Anchors | None = None, terms_b: Anchors | None = None) -> list[Bead]:
    """Beads covering every paragraph of ``a`` and ``b`` once, in the order of ``a`` (unpaired paragraphs of
    ``b`` where they stand).  Confidence of a paragraph bead: its length probability and anchor agreement.
    ``terms_a``/``terms_b``: the clause-library term keys of a text (:mod:`.lexicon`), a cost of their own
    (:data:`TERM_WEIGHT`) beside the anchors; without them paragraphs pair on anchors, labels and length.

    Paragraphs with the same anchors, found once in each version, are paired first: those in order split
    the programme into short stretches, the others are moved paragraphs."""
    sa, sb = _side(a, anchors_a, terms_a), _side(b, anchors_b, terms_b)
    ratio = _ratio([p.text for p in a], [p.text for p in b])
    in_order, crossing = _anchor_pairs(sa.anchors, sb.anchors, min_anchors=2)
    good = [p for p in in_order + crossing
            if length_probability(sa.lengths[p[0]], sb.lengths[p[1]], ratio) >= 0.05]
    in_order, crossing = [p for p in in_order if p in good], [p for p in crossing if p in good]
    moved_a = {i: j for i, j in crossing}
    moved_b = set(moved_a.values())
    beads: list[Bead] = []
    pi = pj = 0
    for i, j in [*in_order, (len(a), len(b))]:
        ia = [k for k in range(pi, i) if k not in moved_a]
        ib = [k for k in range(pj, j) if k not in moved_b]
        beads += _programme(sa, sb, ia, ib, ratio)
        if i < len(a):
            beads.append(Bead((i,), (j,)))
        pi, pj = i + 1, j + 1
    for i, j in crossing:  # put each moved pair where its paragraph of ``a`` stands
        k = next((x for x, bd in enumerate(beads) if bd.a and bd.a[0] > i), len(beads))
        beads.insert(k, Bead((i,), (j,), moved=True))
    beads = _swap_crossed(beads, sa, sb, ratio)
    beads = _unabsorb(beads, sa, sb, ratio)
    beads = _pair_moved(beads, sa, sb, ratio)
    return [_with_confidence(bd, sa, sb, ratio) for bd in beads]


def _programme(sa: _Side, sb: _Side, ia: list[int], ib: list[int], ratio: float) -> list[Bead]:
    """The banded dynamic programme over paragraphs ``ia`` of A and ``ib`` of B (indexes, in order)."""
    n, m = len(ia), len(ib)
    if not n or not m:
        return [Bead((i,), ()) for i in ia] + [Bead((), (j,)) for j in ib]
    if n == 1 and m == 1:
        return [Bead((ia[0],), (ib[0],))]
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int]]] = [[(0, 0)] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    band = _BAND + abs(n - m)
    for i in range(n + 1):
        centre = i * m // n
        lo, hi = max(0, centre - band), min(m, centre + band + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                continue
            best, step = inf, (0, 0)
            for di, dj in _STEPS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                prev = cost[pi][pj]
                if prev == inf:
                    continue
                total = prev + (_pair_cost(sa, ia[pi:i], sb, ib[pj:j], ratio) if di and dj else _SKIP)
                if total < best:
                    best, step = total, (di, dj)
            cost[i][j], back[i][j] = best, step
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = back[i][j]
        if (di, dj) == (0, 0):  # outside the band (cannot happen with band ≥ |n − m|); keep every paragraph
            di, dj = (1, 0) if i else (0, 1)
        beads.append(Bead(tuple(ia[i - di:i]), tuple(ib[j - dj:j])))
        i, j = i - di, j - dj
    beads.reverse()
    return beads


def _swap_crossed(beads: list[Bead], sa: _Side, sb: _Side, ratio: float) -> list[Bead]:
    """Two 1-1 beads whose paragraphs fit better crossed (two paragraphs swapped in one version) are
    crossed, and marked moved."""
    out = list(beads)
    ones = [k for k, bd in enumerate(out) if len(bd.a) == 1 and len(bd.b) == 1]
    cost = {k: _pair_cost(sa, out[k].a, sb, out[k].b, ratio) for k in ones}
    for x, k in enumerate(ones):
        for q in ones[x + 1:x + 1 + _BAND]:
            if out[k].moved or out[q].moved:
                continue
            crossed = _pair_cost(sa, out[k].a, sb, out[q].b, ratio) + _pair_cost(sa, out[q].a, sb, out[k].b, ratio)
            if crossed + 4.0 < cost[k] + cost[q]:
                out[k], out[q] = Bead(out[k].a, out[q].b, moved=True), Bead(out[q].a, out[k].b, moved=True)
                break
    return out


def _unabsorb(beads: list[Bead], sa: _Side, sb: _Side, ratio: float) -> list[Bead]:
    """A paragraph left unpaired whose counterpart the programme put into a 2-1 bead (a merge that is
    really a moved paragraph): take the counterpart out and pair the two, when that costs less."""
    out = list(beads)
    for k, lone in enumerate(out):
        if lone.paired:
            continue
        for q, bd in enumerate(out):
            if not bd.paired or len(bd.a) + len(bd.b) < 3:
                continue
            side_a = bool(lone.b)  # the lone paragraph is in B: its counterpart would be among bd.a
            members = bd.a if side_a else bd.b
            if len(members) < 2:
                continue
            before = _pair_cost(sa, bd.a, sb, bd.b, ratio) + _SKIP
            for y in members:
                rest = tuple(m for m in members if m != y)
                if len(rest) > 1 and (len(rest), len(bd.b if side_a else bd.a)) not in _PRIOR:
                    continue
                shrunk = Bead(rest, bd.b) if side_a else Bead(bd.a, rest)
                pair = Bead((y,), lone.b) if side_a else Bead(lone.a, (y,))
                after = _pair_cost(sa, shrunk.a, sb, shrunk.b, ratio) + _pair_cost(sa, pair.a, sb, pair.b, ratio)
                if after + 1.0 < before:
                    out[q] = shrunk
                    out[k] = Bead(pair.a, pair.b, moved=True)
                    break
            if out[k].paired:
                break
    return out


def _pair_moved(beads: list[Bead], sa: _Side, sb: _Side, ratio: float) -> list[Bead]:
    """Pair paragraphs left unpaired on both sides when they look like translations (moved paragraphs)."""
    lone_a = [bd.a[0] for bd in beads if bd.a and not bd.b]
    lone_b = [bd.b[0] for bd in beads if bd.b and not bd.a]
    if not lone_a or not lone_b:
        return beads
    candidates = sorted((_pair_cost(sa, (i,), sb, (j,), ratio), i, j) for i in lone_a for j in lone_b)
    used_a: set[int] = set()
    used_b: set[int] = set()
    moved: dict[int, int] = {}
    for c, i, j in candidates:
        if c >= 2 * _SKIP:  # cheaper as two unpaired paragraphs
            break
        if i in used_a or j in used_b:
            continue
        if not sa.anchors[i] and not sb.anchors[j] and c > _SKIP:
            continue  # nothing but length speaks for it
        used_a.add(i)
        used_b.add(j)
        moved[i] = j
    out = []
    for bd in beads:
        if bd.a and not bd.b and bd.a[0] in moved:
            out.append(Bead(bd.a, (moved[bd.a[0]],), moved=True))
        elif bd.b and not bd.a and bd.b[0] in used_b:
            continue
        else:
            out.append(bd)
    return out


def _with_confidence(bd: Bead, sa: _Side, sb: _Side, ratio: float) -> Bead:
    if not bd.paired:
        return Bead(bd.a, bd.b, 0.0, bd.moved)
    la = sum(sa.lengths[i] for i in bd.a)
    lb = sum(sb.lengths[j] for j in bd.b)
    aa = frozenset().union(*(sa.anchors[i] for i in bd.a))
    ab = frozenset().union(*(sb.anchors[j] for j in bd.b))
    return Bead(bd.a, bd.b, confidence(la, lb, ratio, anchor_similarity(aa, ab), (len(bd.a), len(bd.b))),
                bd.moved)


def confidence(la: int, lb: int, ratio: float, anchor_sim: float | None, kind: tuple[int, int]) -> float:
    """Confidence of a bead in [0, 1]: the mean of its length probability and anchor agreement (the length
    probability alone when neither side has anchors), scaled by its kind (1-1 1.0, 2-1 0.9, 2-2 0.8,
    insertions and deletions 0)."""
    p = length_probability(la, lb, ratio)
    score = p if anchor_sim is None else (p + anchor_sim) / 2.0
    return round(_KIND_WEIGHT.get(kind, 0.0) * score, 4)


def align_sentences(sa: Sequence[str], sb: Sequence[str], anchors_a: Anchors, anchors_b: Anchors,
                    ratio: float) -> list[Bead]:
    """Sentence beads covering ``sa`` and ``sb`` in order (see the module docstring); ``ratio``: expected
    length of B per character of A (the document's)."""
    if not sa or not sb:
        return [Bead((i,), ()) for i in range(len(sa))] + [Bead((), (j,)) for j in range(len(sb))]
    aa = [anchors_a(s) for s in sa]
    ab = [anchors_b(s) for s in sb]
    fixed, _crossing = _anchor_pairs(aa, ab)  # sentences do not move inside a paragraph
    beads: list[Bead] = []
    pi = pj = 0
    for i, j in [*fixed, (len(sa), len(sb))]:
        beads += _gale_church(sa, sb, pi, i, pj, j, ratio)
        if i < len(sa):
            beads.append(Bead((i,), (j,)))
        pi, pj = i + 1, j + 1
    out = []
    for bd in _anchor_split(beads, aa, ab):
        if not bd.paired:
            out.append(Bead(bd.a, bd.b, 0.0))
            continue
        la = sum(length_of(sa[i]) for i in bd.a)
        lb = sum(length_of(sb[j]) for j in bd.b)
        sim = anchor_similarity(frozenset().union(*(aa[i] for i in bd.a)),
                                frozenset().union(*(ab[j] for j in bd.b)))
        out.append(Bead(bd.a, bd.b, confidence(la, lb, ratio, sim, (len(bd.a), len(bd.b)))))
    return out


def _anchor_split(beads: list[Bead], aa: list[frozenset[str]], ab: list[frozenset[str]]) -> list[Bead]:
    """Gale–Church combined with anchors: in a 2-1 bead, a sentence whose anchors (numbers, dates, names)
    the other side lacks entirely, while its partner's anchors agree, is no part of the pair (a sentence
    dropped in one version)."""
    out: list[Bead] = []
    for bd in beads:
        if len(bd.a) + len(bd.b) != 3 or not bd.paired:
            out.append(bd)
            continue
        many, one, sets_many, sets_one = (bd.a, bd.b, aa, ab) if len(bd.a) == 2 else (bd.b, bd.a, ab, aa)
        other = sets_one[one[0]]
        strays = [m for m in many if sets_many[m] - {"quote"} and not (sets_many[m] & other)]
        if len(strays) != 1:
            out.append(bd)
            continue
        keep = next(m for m in many if m != strays[0])
        pair = Bead((keep,), one) if len(bd.a) == 2 else Bead(one, (keep,))
        stray = Bead((strays[0],), ()) if len(bd.a) == 2 else Bead((), (strays[0],))
        out += [pair, stray] if strays[0] > keep else [stray, pair]
    return out


def _gale_church(sa: Sequence[str], sb: Sequence[str], a0: int, a1: int, b0: int, b1: int,
                 ratio: float) -> list[Bead]:
    if a0 >= a1 or b0 >= b1:
        return [Bead((i,), ()) for i in range(a0, a1)] + [Bead((), (j,)) for j in range(b0, b1)]
    if a1 - a0 == 1 and b1 - b0 == 1:
        return [Bead((a0,), (b0,))]
    # B's lengths in A's characters (mean 1, Gale and Church's variance): with a ratio far from 1 (zh/en
    # about 0.3) the package's probabilities underflow to an empty alignment of infinite cost
    la = [length_of(t) for t in sa[a0:a1]]
    lb = [round(length_of(t) / ratio) for t in sb[b0:b1]]
    raw, score = _gc.align_pair(la, lb, dict(DEFAULT_BEAD_COSTS), 1.0, DEFAULT_VARIANCE_XY, DEFAULT_MAX_BLOCK_SIZE)
    if not raw or score == float("inf"):
        return [Bead(tuple(range(a0, a1)), tuple(range(b0, b1)))]
    return [Bead(tuple(range(a0 + s0, a0 + s1)), tuple(range(b0 + t0, b0 + t1))) for s0, s1, t0, t1 in raw]


def _anchor_pairs(aa: Sequence[frozenset[str]], ab: Sequence[frozenset[str]], min_anchors: int = 1
                  ) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Pairs with equal, non-empty anchor sets unique on both sides: the longest in-order subset, and the
    pairs that cross it."""
    def unique(sets: Sequence[frozenset[str]]) -> dict[frozenset[str], int]:
        seen: dict[frozenset[str], int] = {}
        dup: set[frozenset[str]] = set()
        for k, s in enumerate(sets):
            if len(s - {"quote"}) < min_anchors:
                continue
            if s in seen:
                dup.add(s)
            seen[s] = k
        return {s: k for s, k in seen.items() if s not in dup}
    ua, ub = unique(aa), unique(ab)
    pairs = sorted((i, ub[s]) for s, i in ua.items() if s in ub)
    keep = longest_increasing([j for _i, j in pairs])
    return [p for k, p in enumerate(pairs) if k in keep], [p for k, p in enumerate(pairs) if k not in keep]
