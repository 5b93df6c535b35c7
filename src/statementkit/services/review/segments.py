"""Sentence segmentation that loses nothing: sentences plus the white space between them.

pysbd (English, Chinese) and razdel (Russian, which knows "т.е." and initials) find the sentences; the
text between two sentences is kept as a gap so that joining everything gives the input back exactly —
what an XLIFF round trip with no edits needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
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


_DEFAULT_GAP = {"zh": ""}  # between two sentences: nothing in Chinese, a space in English and Russian


def restore_gaps(text: str, joins: Sequence[int], exported: str | None, lang: str) -> str:
    """Put back the white space a CAT tool dropped between segments.

    ``joins`` are offsets in ``text`` where two segments met with no white space carried (the tool dropped
    the XLIFF ``<ignorable>`` between them).  Each gap is taken from ``exported`` (the target as it was
    exported), as the white space after the piece before the join or before the piece after it, wherever
    the translator left that piece as exported; where both were edited, a space for English and Russian and
    nothing for Chinese (how sentences are separated in each).  Without ``exported`` the defaults apply.
    """
    bounds = [0, *joins, len(text)]
    pieces = [text[a:b] for a, b in pairwise(bounds)]
    out = [pieces[0]]
    end = _after(exported, pieces[0], 0)  # where the previous piece ended in exported, if found in place
    for piece in pieces[1:]:
        gap: str | None = None
        if exported is not None and end is not None:
            gap = _space_run(exported, end)
        start = _before(exported, piece, end)
        if gap is None and exported is not None and start is not None:
            gap = _space_run_back(exported, start)
        out.append(_DEFAULT_GAP.get(lang, " ") if gap is None else gap)
        out.append(piece)
        end = start + len(piece) if start is not None else None
    return "".join(out)


def _after(exported: str | None, piece: str, at: int) -> int | None:
    if exported is None or not piece:
        return None
    k = exported.find(piece, at)
    return k + len(piece) if k >= 0 else None


def _before(exported: str | None, piece: str, end: int | None) -> int | None:
    """Where ``piece`` starts in ``exported``: right after ``end`` and its white space, or else anywhere."""
    if exported is None or not piece:
        return None
    if end is not None:
        start = end + len(_space_run(exported, end))
        if exported.startswith(piece, start):
            return start
    k = exported.find(piece, end or 0)
    return k if k >= 0 else None


def _space_run(text: str, at: int) -> str:
    stop = at
    while stop < len(text) and text[stop].isspace():
        stop += 1
    return text[at:stop]


def _space_run_back(text: str, at: int) -> str:
    start = at
    while start > 0 and text[start - 1].isspace():
        start -= 1
    return text[start:at]
