"""Deterministic synthetic translation memories for tests and bench/memory.py: trilingual (en, zh, ru)
units with a realistic spread of vocabulary (Zipf-distributed pseudo-words and Han characters, mixed with
the treaty phrases of :mod:`.tiny_argos`; one unit in twenty a short heading), streamed to a TMX file of any size, and fuzzy queries made by
editing stored sentences.  Nothing here claims to be a translation: the three texts only share an index.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from statementkit.testing.tiny_argos import _EN, _RU, _ZH

_LATIN = "bcdfghklmnprstvz"
_VOWELS = "aeiou"
_CYR = "бвгдзклмнпрстфх"
_CYR_V = "аеиоуя"
# ~3,000 CJK unified ideographs from the common block, the rest of the script's long tail
_HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


class _Zipf:
    def __init__(self, items: list[str], rnd: random.Random) -> None:
        self.items = items
        weights = [1.0 / (i + 1) for i in range(len(items))]
        total = sum(weights)
        acc, self.cum = 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)
        self.rnd = rnd

    def pick(self) -> str:
        import bisect

        return self.items[min(bisect.bisect(self.cum, self.rnd.random()), len(self.items) - 1)]


def _words(rnd: random.Random, consonants: str, vowels: str, n: int) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add("".join(rnd.choice(consonants) + rnd.choice(vowels) for _ in range(rnd.randint(1, 4))))
    return sorted(out)


class Corpus:
    """Sentences for unit ``i`` in each language; the same seed gives the same memory."""

    def __init__(self, seed: int = 17) -> None:
        rnd = random.Random(seed)
        self.rnd = rnd
        self.en = _Zipf(_words(rnd, _LATIN, _VOWELS, 20000), rnd)
        self.ru = _Zipf(_words(rnd, _CYR, _CYR_V, 20000), rnd)
        self.zh = _Zipf(_HAN, rnd)

    def unit(self) -> tuple[str, str, str]:
        rnd = self.rnd
        if rnd.random() < 0.05:  # headings and short items: one to three words, two to six characters
            k = rnd.randint(1, 3)
            return (" ".join(self.en.pick() for _ in range(k)).capitalize(),
                    " ".join(self.ru.pick() for _ in range(k)).capitalize(),
                    "".join(self.zh.pick() for _ in range(rnd.randint(2, 6))))
        k = rnd.randint(5, 22)
        en = " ".join(self.en.pick() for _ in range(k))
        ru = " ".join(self.ru.pick() for _ in range(k))
        zh = "".join(self.zh.pick() for _ in range(rnd.randint(8, 40)))
        if rnd.random() < 0.5:  # half start with a treaty phrase, as real statements do
            j = rnd.randrange(len(_EN["subj"]))
            en = f"{_EN['subj'][j]} {rnd.choice(_EN['verb'])} {en}"
            ru = f"{_RU['subj'][j]} {rnd.choice(_RU['verb'])} {ru}"
            zh = f"{_ZH['subj'][j]}{rnd.choice(_ZH['verb'])}{zh}"
        return en.capitalize() + ".", ru.capitalize() + ".", zh + "。"


def units(n: int, seed: int = 17) -> Iterator[tuple[str, str, str]]:
    """``n`` trilingual units (en, ru, zh)."""
    corpus = Corpus(seed)
    for _ in range(n):
        yield corpus.unit()


def write_tmx(path: Path, n_units: int, seed: int = 17) -> int:
    """Stream ``n_units`` trilingual ``tu`` (6 ordered pairs each) to a TMX 1.4 file; returns the size in
    bytes."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
                 '<tmx version="1.4"><header creationtool="statementkit-bench" creationtoolversion="1" '
                 'segtype="sentence" o-tmf="none" adminlang="en" srclang="*all*" datatype="plaintext"/>\n'
                 '<body>\n')
        for en, ru, zh in units(n_units, seed):
            fh.write(f'<tu><tuv xml:lang="en-US"><seg>{escape(en)}</seg></tuv>'
                     f'<tuv xml:lang="zh-CN"><seg>{escape(zh)}</seg></tuv>'
                     f'<tuv xml:lang="ru-RU"><seg>{escape(ru)}</seg></tuv></tu>\n')
        fh.write("</body></tmx>\n")
        return fh.tell()


def edit(text: str, rnd: random.Random, share: float = 0.12) -> str:
    """``text`` with about ``share`` of its words (or, in one word or Chinese, characters) replaced or dropped:
    a fuzzy query that should find ``text``."""
    if " " in text:
        words = text.split(" ")
        for _ in range(max(1, round(len(words) * share))):
            i = rnd.randrange(len(words))
            words[i] = words[i][::-1] if rnd.random() < 0.5 else ""
        return " ".join(w for w in words if w)
    chars = list(text)
    # one word of a spaced script: letters of its own alphabet (Han characters in a Latin word made queries
    # no translator types)
    alphabet = _HAN if any("\u4e00" <= c <= "\u9fff" for c in chars) else \
        list(_CYR + _CYR_V) if any("\u0400" <= c <= "\u04ff" for c in chars) else list(_LATIN + _VOWELS)
    for _ in range(max(1, round(len(chars) * share))):
        chars[rnd.randrange(len(chars))] = rnd.choice(alphabet)
    return "".join(chars)
