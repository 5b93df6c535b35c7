"""Sentences per language (pysbd for en and zh, razdel for ru) and joining them back by the target's rules.

Lines of a clause (list items written one per line) are kept apart: each line is segmented on its own and
the line breaks come back unchanged.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

_ZH_CHAR = regex.compile(r"[\p{Han}\p{Bopomofo}\u3000-\u303f\uff00-\uffef]")


@functools.lru_cache(maxsize=4)
def _pysbd(lang: str) -> Any:
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


_INNER_END = {"zh": regex.compile(r"[。！？!?…](?=.)"), "en": regex.compile(r"[.!?…]\s"),
              "ru": regex.compile(r"[.!?…]\s")}


_LOOSE_END = regex.compile(r"(?<=[。！？!?]|[.](?=\s*[\p{Lu}\p{Han}]))\s*")


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of one line of text (no empty ones, outer white space stripped)."""
    return list(_split(text.strip(), lang))


@functools.lru_cache(maxsize=4096)
def _split(text: str, lang: str) -> tuple[str, ...]:
    if not text:
        return ()
    if not _INNER_END[lang].search(text):  # no sentence end inside: one sentence (pysbd is slow)
        return (text,)
    if lang == "ru":
        import razdel

        parts = [s.text for s in razdel.sentenize(text)]
    else:
        parts = list(_pysbd(lang).segment(text))
    return tuple(p.strip() for p in parts if p.strip())


@dataclass(frozen=True)
class Segmented:
    """A clause cut into lines and sentences: ``lines[i]`` is the list of sentences of line i."""

    lines: tuple[tuple[str, ...], ...]

    @property
    def sentences(self) -> list[str]:
        return [s for line in self.lines for s in line]


def segment(text: str, lang: str) -> Segmented:
    return Segmented(tuple(tuple(split_sentences(line, lang)) for line in text.split("\n")))


def join_sentences(sentences: list[str], lang: str) -> str:
    """Join translated sentences of one line: nothing between them in Chinese, one space otherwise."""
    parts = [s.strip() for s in sentences if s.strip()]
    if lang == "zh":
        return "".join(parts)
    return " ".join(parts)


def rebuild(segmented: Segmented, translated: list[str], lang: str) -> str:
    """Put translated sentences (in the order of ``segmented.sentences``) back into lines."""
    it = iter(translated)
    lines = [join_sentences([next(it) for _ in line], lang) for line in segmented.lines]
    return "\n".join(lines)


def tidy_zh(text: str) -> str:
    """Chinese has no spaces between words: drop a space that touches a Chinese character or punctuation."""
    return regex.sub(r"(?<=[\p{Han}\u3000-\u303f\uff00-\uffef]) +| +(?=[\p{Han}\u3000-\u303f\uff00-\uffef])", "",
                     text)


def sentence_pairs(source: str, target: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str]] | None:
    """The sentence pairs of a translated clause, when they can be told apart safely: both sides have the
    same lines and each line the same number of sentences (then sentence i translates sentence i, the way
    CAT tools segment a bilingual document).  ``None`` when the counts differ (no guessing)."""
    src, tgt = segment(source, src_lang), segment(target, tgt_lang)
    if len(src.lines) != len(tgt.lines):
        return None
    pairs: list[tuple[str, str]] = []
    for a, b, line in zip(src.lines, tgt.lines, target.split("\n"), strict=True):
        if len(a) != len(b):  # e.g. Latin sentences run together in a Chinese target ("…marks.The heads…")
            b = tuple(x.strip() for x in _LOOSE_END.split(line.strip()) if x.strip())
        if len(a) != len(b):
            return None
        pairs.extend(zip(a, b, strict=True))
    return pairs


def changed_sentences(old_source: str, new_source: str, lang: str) -> list[int]:
    """1-based numbers of the sentences of ``new_source`` that do not occur in ``old_source`` (edited or new)."""
    old = set(segment(old_source, lang).sentences)
    return [i for i, s in enumerate(segment(new_source, lang).sentences, start=1) if s not in old]
