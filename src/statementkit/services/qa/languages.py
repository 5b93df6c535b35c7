"""Per-language rules for the checks: script, punctuation, quotes, numerals, how terms are matched.

Russian term matching compares word stems (the registry lists the cases templates need, a translator
may use another case); Chinese numerals are read for the number check because templates and translators
write "每三年" where English has "3-year".  Month names come from Babel (CLDR); the Russian prepositional
("в мае"), which CLDR does not have, is derived from the genitive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import regex

_WORD = regex.compile(r"[\p{L}\p{N}+]+")


@cache
def month_names(lang: str) -> dict[str, int]:
    """Lower-cased month name → month number in ``lang`` (format and stand-alone, wide and abbreviated)."""
    from babel import Locale

    loc = Locale.parse(lang)
    out: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for n, name in loc.months[context][width].items():
                out[name.casefold().rstrip(".")] = n
    if lang == "ru":
        for n, name in loc.months["format"]["wide"].items():  # genitive: января → prepositional январе
            out[name.casefold()[:-1] + "е"] = n
    return out


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_ZH_NUMERAL = regex.compile(r"[零〇一二两三四五六七八九十百]+")


def zh_numerals(text: str) -> set[int]:
    """Values of the Chinese numerals in ``text`` up to 999 (一 1, 十二 12, 二十 20, 三百零五 305)."""
    out: set[int] = set()
    for m in _ZH_NUMERAL.finditer(text):
        s, total, current = m.group(), 0, 0
        for ch in s:
            if ch in _ZH_DIGITS:
                current = _ZH_DIGITS[ch]
            elif ch == "十":
                total += (current or 1) * 10
                current = 0
            elif ch == "百":
                total += (current or 1) * 100
                current = 0
        out.add(total + current)
    return out


def _ru_stem(word: str) -> str:
    w = word.casefold()
    return w[: max(4, len(w) - 2)] if regex.match(r"\p{Cyrillic}", w) and len(w) > 4 else w


@dataclass(frozen=True)
class Language:
    """What is right for texts in one language."""

    code: str
    script: str  # the regex script of its letters
    foreign_scripts: tuple[str, ...]
    wrong_punctuation: tuple[tuple[str, str], ...] = ()  # (regex, what is wrong) pairs
    allowed_latin: frozenset[str] = field(default_factory=frozenset)

    def punctuation_problems(self, text: str) -> list[str]:
        out = []
        for pattern, what in self.wrong_punctuation:
            for m in regex.finditer(pattern, text):
                out.append(f"{what}: …{text[max(0, m.start() - 8):m.end() + 8]}…")
        return out

    def contains(self, text: str, phrase: str) -> bool:
        """Whether ``phrase`` (a registry form) stands in ``text``, as this language may inflect it."""
        if self.code == "ru":
            words = [_ru_stem(w) for w in _WORD.findall(text)]
            want = [_ru_stem(w) for w in _WORD.findall(phrase)]
            if not want:
                return False
            n = len(want)
            return any(words[i:i + n] == want for i in range(len(words) - n + 1))
        if self.code == "zh":
            return phrase.casefold() in text.casefold()
        return regex.search(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{N}}])", text,
                            flags=regex.IGNORECASE) is not None

    def spans(self, text: str, phrase: str) -> list[tuple[int, int]]:
        """Where ``phrase`` stands in a source text (exact words, case-insensitive)."""
        pattern = rf"(?<![\p{{L}}\p{{N}}]){regex.escape(phrase)}(?![\p{{L}}\p{{N}}])"
        if self.code == "zh":
            pattern = regex.escape(phrase)
        return [m.span() for m in regex.finditer(pattern, text, flags=regex.IGNORECASE)]


_HAN = r"\p{Han}"
ZH = Language(
    code="zh", script="Han", foreign_scripts=("Cyrillic",),
    wrong_punctuation=(
        (rf"(?<={_HAN})\s*[,;:!?](?!\d)|[,;:!?]\s*(?={_HAN})", "half-width punctuation in Chinese text (use ，；：！？)"),
        (rf"(?<={_HAN})\.(?!\d)", "a full stop after Chinese text should be 。"),
        (rf"(?<={_HAN})\s*\((?=[^)]*\))|\((?=\s*{_HAN})|(?<={_HAN})\s*\)", "half-width parentheses (use （）)"),
        (r"\"", "straight quotes in Chinese text (use “”)"),
    ),
)
RU = Language(
    code="ru", script="Cyrillic", foreign_scripts=("Han",),
    wrong_punctuation=(
        (r"\"", "straight quotes in Russian text (use «»)"),
        (r"[“”](?![^«»]*»)", "English quotes in Russian text (use «», „“ only inside «»)"),
    ),
)
EN = Language(code="en", script="Latin", foreign_scripts=("Han", "Cyrillic"))

LANGUAGE_RULES: dict[str, Language] = {"zh": ZH, "ru": RU, "en": EN}
