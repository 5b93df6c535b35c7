"""Sentence pairs inside one translation unit (a TMX ``tu`` of several sentences): the same aligner as whole
documents (:func:`~statementkit.services.align.core.align_sentences`: anchors, then Gale and Church on
lengths, with a confidence per bead), on the unit's two texts as one paragraph each.

Only one-to-one beads of at least :data:`UNIT_SENTENCE_CONFIDENCE` become sentence pairs: a merged sentence
(2-1) is no sentence pair, and a sentence the other side lacks pairs with nothing; the unit itself is kept
as it is by the caller.  The length ratio is the unit's own (its translation's length per source character).
"""

from __future__ import annotations

from collections.abc import Mapping

from statementkit.services.align.anchors import AnchorFinder
from statementkit.services.align.core import align_sentences, length_of
from statementkit.services.translate.segment import split_sentences

# A 1-1 sentence bead this confident or more is stored as a sentence pair.  Unit texts are short, so the ratio
# (the unit's own) fits them closely: a true pair of similar length scores over 0.8, a pair whose lengths
# disagree by half scores under 0.4 (tests/unit/test_tmx_sentences.py).
UNIT_SENTENCE_CONFIDENCE = 0.6


def unit_sentence_pairs(source: str, target: str, src_lang: str, tgt_lang: str,
                        finders: Mapping[str, AnchorFinder],
                        min_confidence: float = UNIT_SENTENCE_CONFIDENCE) -> list[tuple[str, str, float]]:
    """The confident one-to-one sentence pairs ``(source sentence, target sentence, confidence)`` of a unit
    whose source or target has more than one sentence, in order; empty when both sides are one sentence
    (the unit is the pair) or nothing pairs confidently.  A line break is no sentence boundary (a TMX
    segment's ``<ph>`` line break, or a soft break inside a sentence): the texts are split as one line each,
    white space runs read as one space."""
    sa = split_sentences(_one_line(source), src_lang)
    sb = split_sentences(_one_line(target), tgt_lang)
    if len(sa) < 2 and len(sb) < 2:
        return []
    ratio = (sum(length_of(s) for s in sb) / max(1, sum(length_of(s) for s in sa))) or 1.0
    beads = align_sentences(sa, sb, finders[src_lang].anchors, finders[tgt_lang].anchors, ratio)
    return [(sa[bd.a[0]], sb[bd.b[0]], bd.confidence) for bd in beads
            if len(bd.a) == 1 and len(bd.b) == 1 and bd.confidence >= min_confidence]


def _one_line(text: str) -> str:
    return " ".join(text.split())
