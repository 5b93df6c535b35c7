"""Align the language versions of one document into sentence pairs (translation units).

:func:`align_document` takes the paragraphs of two or three language versions of one statement and
returns, per language pair, the sentence pairs with a confidence.  Three languages are aligned
consistently: each other language is aligned with a pivot (English when present), and the pairs between
the other two are derived through the pivot (a zh–ru pair is the zh and ru sentences that the en–zh and
en–ru pairs connect), so that zh–ru agrees with en–zh and en–ru wherever all three exist.  The direct zh–ru
alignment referees: a derived pair across paragraphs that zh and ru do not pair directly (one of its pivot
pairs is wrong) is replaced by the direct pairs, which also cover the sentences the pivot leaves
unconnected (a sentence dropped in the pivot version).

Sentences come from :func:`statementkit.services.translate.segment.split_sentences` (pysbd, razdel).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from statementkit.services.align.anchors import AnchorFinder, anchor_similarity, label_key
from statementkit.services.align.core import (
    Bead,
    Para,
    align_sentences,
    confidence,
    length_of,
    pair_paragraphs,
)
from statementkit.services.translate.segment import join_sentences, split_sentences

PIVOTS = ("en", "zh", "ru")


@dataclass(frozen=True)
class Sentence:
    """A sentence of one version: its text, paragraph index and index among the version's sentences."""

    text: str
    para: int
    index: int


@dataclass(frozen=True)
class SentencePair:
    """Sentences ``a`` (language ``lang_a``) matched with ``b`` (``lang_b``): indexes into the versions'
    sentence lists; the texts joined by each language's rule."""

    lang_a: str
    lang_b: str
    a: tuple[int, ...]
    b: tuple[int, ...]
    source: str
    target: str
    confidence: float


@dataclass
class DocumentAlignment:
    """The alignment of one document: sentences per language, paragraph beads and sentence pairs per
    language pair, and the paragraphs each pair left unpaired."""

    sentences: dict[str, list[Sentence]]
    paragraphs: dict[tuple[str, str], list[Bead]] = field(default_factory=dict)
    pairs: dict[tuple[str, str], list[SentencePair]] = field(default_factory=dict)

    def unpaired(self, lang_a: str, lang_b: str) -> tuple[list[int], list[int]]:
        beads = self.paragraphs.get((lang_a, lang_b), [])
        return ([i for bd in beads if not bd.b for i in bd.a], [j for bd in beads if not bd.a for j in bd.b])


def segment_version(paras: Sequence[Para], lang: str) -> list[Sentence]:
    out: list[Sentence] = []
    for k, p in enumerate(paras):
        for line in p.text.split("\n"):
            for s in split_sentences(line, lang):
                out.append(Sentence(s, k, len(out)))
    return out


def _by_para(sentences: list[Sentence]) -> dict[int, list[Sentence]]:
    out: dict[int, list[Sentence]] = {}
    for s in sentences:
        out.setdefault(s.para, []).append(s)
    return out


def _pair(la: str, lb: str, sa: list[Sentence], sb: list[Sentence], a: tuple[int, ...], b: tuple[int, ...],
          conf: float) -> SentencePair:
    return SentencePair(la, lb, a, b, join_sentences([sa[i].text for i in a], la),
                        join_sentences([sb[j].text for j in b], lb), conf)


def align_pair(la: str, lb: str, pa: Sequence[Para], pb: Sequence[Para], sa: list[Sentence], sb: list[Sentence],
               finders: Mapping[str, AnchorFinder]) -> tuple[list[Bead], list[SentencePair]]:
    """Paragraph beads and sentence pairs between two versions."""
    fa, fb = finders[la].anchors, finders[lb].anchors
    beads = pair_paragraphs(pa, pb, fa, fb, finders[la].terms, finders[lb].terms)
    ratio = (sum(length_of(s.text) for s in sb) / max(1, sum(length_of(s.text) for s in sa))) or 1.0
    ba, bb = _by_para(sa), _by_para(sb)
    out: list[SentencePair] = []
    for bd in beads:
        if not bd.paired:
            continue
        xa = [s for i in bd.a for s in ba.get(i, [])]
        xb = [s for j in bd.b for s in bb.get(j, [])]
        for sbd in align_sentences([s.text for s in xa], [s.text for s in xb], fa, fb, ratio):
            if sbd.paired:
                out.append(_pair(la, lb, sa, sb, tuple(xa[i].index for i in sbd.a),
                                 tuple(xb[j].index for j in sbd.b), sbd.confidence))
    return beads, out


def _compose(pivot: str, lx: str, ly: str, px: list[SentencePair], py: list[SentencePair],
             sx: list[Sentence], sy: list[Sentence], finders: Mapping[str, AnchorFinder]) -> list[SentencePair]:
    """x–y pairs through the pivot: the connected groups of pivot–x and pivot–y pairs."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(k: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(k, k)
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    def union(a: tuple[str, int], b: tuple[str, int]) -> None:
        parent[find(a)] = find(b)

    conf: dict[tuple[str, int], float] = {}
    for lang, pairs in ((lx, px), (ly, py)):
        for p in pairs:
            first = (pivot, p.a[0])
            for i in p.a:
                union(first, (pivot, i))
            for j in p.b:
                union(first, (lang, j))
            for k in [(pivot, i) for i in p.a] + [(lang, j) for j in p.b]:
                conf[k] = min(conf.get(k, 1.0), p.confidence)
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for k in list(parent):
        groups.setdefault(find(k), []).append(k)
    out: list[SentencePair] = []
    for members in groups.values():
        xs = tuple(sorted(i for lang, i in members if lang == lx))
        ys = tuple(sorted(j for lang, j in members if lang == ly))
        if xs and ys:
            c = min(conf[k] for k in members)
            out.append(_pair(lx, ly, sx, sy, xs, ys, c))
    out.sort(key=lambda p: p.a)
    return out


def align_document(versions: Mapping[str, Sequence[Para]], finders: Mapping[str, AnchorFinder]) -> DocumentAlignment:
    """Align two or three language versions of one document (see the module docstring).

    ``versions``: language → paragraphs; ``finders``: an :class:`AnchorFinder` per language.  Pairs are
    keyed (lang_a, lang_b) in the order en, zh, ru (en–zh, en–ru, zh–ru)."""
    langs = [lg for lg in PIVOTS if lg in versions]
    sentences = {lg: segment_version(versions[lg], lg) for lg in langs}
    doc = DocumentAlignment(sentences)
    if len(langs) < 2:
        return doc
    pivot, others = langs[0], langs[1:]
    for lg in others:
        beads, pairs = align_pair(pivot, lg, versions[pivot], versions[lg], sentences[pivot], sentences[lg], finders)
        doc.paragraphs[(pivot, lg)] = beads
        doc.pairs[(pivot, lg)] = pairs
    if len(others) == 2:
        lx, ly = others
        composed = _compose(pivot, lx, ly, doc.pairs[(pivot, lx)], doc.pairs[(pivot, ly)], sentences[lx],
                            sentences[ly], finders)
        # the direct x–y alignment referees: a pair the pivot composes across paragraphs that x and y do not
        # pair directly comes from a pivot pair that is wrong (a paragraph moved in the pivot version, detected
        # on one side only), and is replaced by the direct pairs of its sentences
        beads, direct = align_pair(lx, ly, versions[lx], versions[ly], sentences[lx], sentences[ly], finders)
        doc.paragraphs[(lx, ly)] = beads
        para_pairs = {(i, j) for bd in beads for i in bd.a for j in bd.b}
        sx, sy = sentences[lx], sentences[ly]
        kept = [p for p in composed if all((sx[i].para, sy[j].para) in para_pairs for i in p.a for j in p.b)]
        used_x = {i for p in kept for i in p.a}
        used_y = {j for p in kept for j in p.b}
        extra = [p for p in direct if not (set(p.a) & used_x or set(p.b) & used_y)]
        doc.pairs[(lx, ly)] = sorted(kept + extra, key=lambda p: p.a)
    return doc


__all__ = [
    "AnchorFinder",
    "Bead",
    "DocumentAlignment",
    "Para",
    "Sentence",
    "SentencePair",
    "align_document",
    "align_pair",
    "anchor_similarity",
    "confidence",
    "label_key",
    "pair_paragraphs",
    "segment_version",
]
