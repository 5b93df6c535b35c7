"""Sentence segmentation that loses nothing: sentences plus the white space between them.

pysbd (English, Chinese) and razdel (Russian, which knows "т.е." and initials) find the sentences; the
text between two sentences is kept as a gap so that joining everything gives the input back exactly —
what an XLIFF round trip with no edits needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Piece:
    text: str
    is_gap: bool  # white space between sentences (XLIFF <ignorable>)


@cache
def _pysbd(lang: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False, char_span=True)


def _spans(text: str, lang: str) -> list[tuple[int, int]]:
    if lang == "ru":
        import razdel

        return [(s.start, s.stop) for s in razdel.sentenize(text)]
    return [(s.start, s.end) for s in _pysbd(lang).segment(text)]


def split_sentences(text: str, lang: str) -> list[Piece]:
    """Sentences and gaps in order; ``"".join(p.text for p in pieces) == text`` always holds."""
    if not text.strip():
        return [Piece(text, False)] if text else []
    bounds: list[tuple[int, int]] = []
    for start, end in _spans(text, lang):
        # trim white space into the gaps; keep spans in order and inside the text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if bounds and start < bounds[-1][1]:
            start = bounds[-1][1]
            if end <= start:
                continue
        bounds.append((start, end))
    if not bounds:
        return [Piece(text, False)]
    # attach leading/trailing white space and any non-space text between spans to sentences, not gaps
    pieces: list[Piece] = []
    pos = 0
    for k, (start, end) in enumerate(bounds):
        if k == 0:
            start = 0
        gap = text[pos:start]
        if gap:
            if gap.isspace():
                pieces.append(Piece(gap, True))
            else:
                start = pos
        last = k == len(bounds) - 1
        stop = len(text) if last else end
        pieces.append(Piece(text[start:stop], False))
        pos = stop
    if "".join(p.text for p in pieces) != text:  # pragma: no cover - defensive: never lose text
        return [Piece(text, False)]
    return pieces
