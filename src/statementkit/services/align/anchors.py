"""Anchors: what two language versions of a paragraph or sentence must share, whatever the script.

* registry names in any of their forms (Russian cases, short names, abbreviations) → the entry's id;
* dates in each language's formats → one form; numbers in digits, in words and as ordinals in any script and
  form (``eleven``, ``twenty-fifth``, ``24th``; ``двадцати пяти``, ``третьего``, ``24-го``; ``十一``, ``二十五年``,
  ``第二届``) → the number, read by :func:`statementkit.services.qa.numbers.read_numbers` (num2words generates
  the English and Russian forms, every case and gender; cn2an reads Chinese numerals); the ordinal 1, which that
  reader leaves out because "first"/«первый» double as idioms, is added here for ``first``, ``首届``/``第一届``
  and «первый» in every case (num2words' forms);
* list labels (``1.``, ``(a)``, ``一、``, ``（一）``) → the level and the value (:func:`label_key`);
* quotation marks → one kind (``"…"``, ``“…”``, ``«…»``, ``《…》`` all count as a quote).

Terms, dates and numbers are found by :class:`statementkit.services.translate.protect.TermLock` (the same
finder that locks them for the model), rendered into English so that the three languages compare.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TypeVar

import regex

from statementkit.model.registry import Entry, Registry
from statementkit.services.align.lexicon import Lexicon
from statementkit.services.qa.numbers import read_numbers
from statementkit.services.translate.protect import TermLock

_ZH_FIRST = regex.compile(r"首(?=[届次轮批])|第一(?![〇零一二两三四五六七八九十百千])")  # 首届, 第一轮: the First
_EN_FIRST = regex.compile(r"(?<!\p{L})first(?!\p{L})", regex.I)
_QUOTES = regex.compile(r"[\"“”«»《》「」]")
_ZH_LABEL_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
# The letters Russian lists count with (Word's russianLower as LibreOffice renders it: the alphabet without
# ё, й, ъ, ь), so that "к)" is the 10th item, as "j)" is in English.
RU_LIST_LETTERS = "абвгдежзиклмнопрстуфхцчшщыэюя"
_LABEL = regex.compile(r"""^\s*[(（]?\s*(?P<v>\d{1,3}|[a-zа-я]|[ivx]{1,5}|[一二三四五六七八九十]{1,3})\s*[.)、．）]?\s*$""",
                       regex.I | regex.X)


@functools.cache
def _first(lang: str) -> regex.Pattern[str]:
    """The ordinal 1 in ``lang``: "first", 首届/第一届, «первый» in every case, gender and number."""
    if lang == "zh":
        return _ZH_FIRST
    if lang != "ru":
        return _EN_FIRST
    from num2words import num2words

    forms = {num2words(1, lang="ru", to="ordinal", case=c, gender=g, plural=p).casefold()
             for c in ("n", "g", "d", "a", "i", "p") for g in ("m", "f", "n") for p in (False, True)}
    return regex.compile(r"(?<!\p{L})(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")(?!\p{L})", regex.I)


def _zh_value(s: str) -> int:
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_ZH_LABEL_DIGITS.get(tens, 1) if tens else 1) * 10 + (_ZH_LABEL_DIGITS.get(ones, 0) if ones else 0)
    return _ZH_LABEL_DIGITS.get(s, 0)


def label_key(label: str | None) -> tuple[str, int] | None:
    """A list label as (style, value): ``1.``, ``1)``, ``一、`` → ("n", 1) (top-level numbers);
    ``(1)``, ``（一）``, ``(a)``, ``a)`` → ("s", 1) (sub-items); bullets and unknown labels → None.

    Typed numbers and Word's automatic numbering give the same key, so they pair the same way."""
    if not label:
        return None
    text = label.strip()
    m = _LABEL.match(text)
    if not m:
        return None
    v = m.group("v")
    sub = text[:1] in "(（" or (v.isalpha() and not regex.match(r"[一二三四五六七八九十]", v))
    if v.isdigit():
        value = int(v)
    elif regex.fullmatch(r"[一二三四五六七八九十]+", v):
        value = _zh_value(v)
    elif regex.fullmatch(r"[ivx]+", v, regex.I) and len(v) > 1:
        value = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11}.get(v.lower(), 0)
    elif v.isascii():
        value = ord(v.lower()) - ord("a") + 1
    else:
        low = v.lower()
        value = RU_LIST_LETTERS.index(low) + 1 if low in RU_LIST_LETTERS else ord(low) - ord("а") + 1
    return ("s" if sub else "n", value)


@dataclass
class AnchorFinder:
    """Anchors of texts in one language.  One finder per language; results cached per text."""

    registry: Registry
    lang: str
    lexicon: Lexicon | None = None  # the clause library's terms (:mod:`.lexicon`), for :meth:`terms`

    def __post_init__(self) -> None:
        self._lock = TermLock(_names_only(self.registry), self.lang, "en")
        self.anchors = functools.lru_cache(maxsize=65536)(self._anchors)  # type: ignore[method-assign]
        self.terms = functools.lru_cache(maxsize=65536)(self._terms)  # type: ignore[method-assign]

    def _terms(self, text: str) -> frozenset[str]:
        return self.lexicon.terms(text, self.lang) if self.lexicon is not None else frozenset()

    def terms(self, text: str) -> frozenset[str]:  # replaced by the cached version in __post_init__
        """The clause-library term keys of ``text`` (``lex:…``; empty without a lexicon)."""
        return self._terms(text)

    def _anchors(self, text: str) -> frozenset[str]:
        """The anchor keys of ``text`` (a set: repeats count once)."""
        out: set[str] = set()
        for _a, _b, kind, target, _acc, ident in self._lock.find(text):
            if kind == "term" and ident:
                out.add(ident)
            elif kind in ("date", "number"):
                out.add(f"{kind}:{target}")
        out.update(f"number:{n.value}" for n in read_numbers(text, self.lang) if n.type in ("n", "percent", "year"))
        if _first(self.lang).search(text):
            out.add("number:1")
        if _QUOTES.search(text):
            out.add("quote")
        return frozenset(out)

    def anchors(self, text: str) -> frozenset[str]:  # replaced by the cached version in __post_init__
        return self._anchors(text)


E = TypeVar("E", bound=Entry)
COMMON_VARIANTS = ("noun",)  # registry variants that are common words ("meeting", 会议), not names


def _names_only(registry: Registry) -> Registry:
    """The registry without its common-word variants (a mechanism's head noun): an anchor is a name."""
    def strip(table: Mapping[str, E]) -> Mapping[str, E]:
        return {k: dataclasses.replace(e, extra=MappingProxyType(
            {v: names for v, names in e.extra.items() if v not in COMMON_VARIANTS}))
            if any(v in e.extra for v in COMMON_VARIANTS) else e for k, e in table.items()}
    return dataclasses.replace(registry, countries=strip(registry.countries), cities=strip(registry.cities),
                               offices=strip(registry.offices), officials=strip(registry.officials),
                               organisations=strip(registry.organisations), mechanisms=strip(registry.mechanisms),
                               terms=strip(registry.terms))


def anchor_similarity(a: Iterable[str], b: Iterable[str]) -> float | None:
    """Jaccard similarity of two anchor sets (0–1); None when both are empty (nothing to compare)."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return None
    return len(sa & sb) / len(sa | sb)
