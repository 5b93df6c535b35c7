"""Per-language formatting: dates, months, lists, ordinals and numbers.

Dates, date ranges, lists and numbers come from Babel (CLDR).  Two things CLDR does not give, and which
are therefore small tables here: spelled-out ordinals with Russian gender and case agreement ("первое",
"первого", "второй") and Chinese "首届/第二届" (Babel has no RBNF spell-out), and the Russian month in
the prepositional case ("в мае 2023 года"; CLDR has only nominative and genitive month names).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

LOCALES = {"en": "en_US", "zh": "zh_Hans_CN", "ru": "ru_RU"}

_DATE_PATTERNS = {"en": "MMMM d, y", "zh": "y年M月d日", "ru": "d MMMM y 'года'"}
_MONTH_PATTERNS = {"en": "MMMM y", "zh": "y年M月"}
_RU_MONTHS_PREP = ("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
                   "октябре", "ноябре", "декабре")


def date(value: dt.date, lang: str) -> str:
    """July 24, 2023 / 2023年7月24日 / 24 июля 2023 года."""
    return format_date(value, _DATE_PATTERNS[lang], locale=LOCALES[lang])


def date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """July 24–26, 2023 / 2023年7月24日至26日 / 24–26 июля 2023 года (CLDR's interval skeletons fall
    back to abbreviated months for these locales, so the long patterns are combined here)."""
    if start == end:
        return date(start, lang)
    loc = LOCALES[lang]
    same_month = (start.year, start.month) == (end.year, end.month)
    if lang == "zh":  # the year is not repeated within one year: 2026年6月30日至7月2日
        if same_month:
            return f"{date(start, 'zh')}至{end.day}日"
        if start.year == end.year:
            return f"{date(start, 'zh')}至{end.month}月{end.day}日"
        return f"{date(start, 'zh')}至{date(end, 'zh')}"
    if lang == "en":
        if same_month:
            return f"{format_date(start, 'MMMM d', locale=loc)}–{end.day}, {end.year}"
        return f"{format_date(start, 'MMMM d', locale=loc)} – {date(end, 'en')}"
    if same_month:
        return f"{start.day}–{date(end, 'ru')}"
    return f"{format_date(start, 'd MMMM', locale=loc)} – {date(end, 'ru')}"


def month(year: int, month_no: int, lang: str, *, preposition: bool = False) -> str:
    """May 2023 / 2023年5月 / мае 2023 года (``preposition``: "in May 2023", "2023年5月", "в мае 2023 года")."""
    if lang == "ru":
        text = f"{_RU_MONTHS_PREP[month_no - 1]} {year} года"
        return f"в {text}" if preposition else text
    text = format_date(dt.date(year, month_no, 1), _MONTH_PATTERNS[lang], locale=LOCALES[lang])
    return f"in {text}" if preposition and lang == "en" else text


def join(items: Sequence[str], lang: str) -> str:
    """A, B and C / A、B和C / A, B и C (CLDR list patterns).

    English takes the serial comma only where an item has a comma of its own ("Dr. X, Commissioner of …,
    and Mr. Y, Head of …"), as treaty English does; otherwise "Chinese, Russian and English" (en_GB).
    """
    items = [str(i) for i in items]
    if not items:
        return ""
    locale = LOCALES[lang]
    if lang == "en" and not any("," in i for i in items):
        locale = "en_GB"
    return format_list(items, style="standard", locale=locale)


def separator(index: int, length: int, lang: str) -> str:
    """What goes after item ``index`` (0-based) of ``length`` in a list of long items (serial comma in en).

    Templates use it in loops whose items carry commas of their own (a head's name, title and office).
    Chinese lists such items with "、" throughout, the last included (official usage for heads of
    delegation: "…局长申长雨、…司长…"), never "和".
    """
    if index >= length - 1:
        return ""
    if lang == "zh":
        return "、"
    probe = format_list([f"\x00{i}\x00" for i in range(length)], style="standard", locale=LOCALES[lang])
    start = probe.index(f"\x00{index}\x00") + len(f"\x00{index}\x00")
    end = probe.index(f"\x00{index + 1}\x00")
    return probe[start:end]


def number(value: int | float, lang: str) -> str:
    return format_decimal(value, locale=LOCALES[lang])


_NUM2WORDS_CASES = {"nom": "nominative", "gen": "genitive", "dat": "dative", "acc": "accusative",
                    "ins": "instrumental", "prep": "prepositional"}


def count_words(n: int, lang: str, case: str = "nom") -> str:
    """A cardinal in words as the genre writes counts: en "six" (num2words), ru in ``case`` ("шести",
    num2words' Russian cases), zh with 两 before a measure word ("两份", never "二份").

    Raises ValueError for a number below 1 or an unknown case.
    """
    if n < 1:
        raise ValueError(f"a count must be at least 1, got {n}")
    if lang == "zh":
        return "两" if n == 2 else zh_number(n)
    from num2words import num2words

    if lang == "ru":
        if case not in _NUM2WORDS_CASES:
            raise ValueError(f"unknown Russian case '{case}'")
        # official texts write е for ё («в трех подлинных экземплярах»)
        return str(num2words(n, lang="ru", case=_NUM2WORDS_CASES[case])).replace("ё", "е")
    return str(num2words(n, lang="en"))


def ru_years(n: int) -> str:
    """«один год», «три года», «семь лет»: a number of years in words with the agreeing noun.

    The noun is chosen here, not by pymorphy3: its ``make_agree_with_number`` gives «семь годов», missing
    the suppletive genitive plural «лет» that counts of years take.  The accusative after «раз в»
    equals the nominative for these inanimate numerals.
    """
    last2, last = n % 100, n % 10
    noun = "лет" if 11 <= last2 <= 14 or last in (0, 5, 6, 7, 8, 9) else ("год" if last == 1 else "года")
    return f"{count_words(n, 'ru')} {noun}"


_EN_ORD = ("First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth",
           "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth", "Seventeenth",
           "Eighteenth", "Nineteenth", "Twentieth")
_ZH_DIGITS = "零一二三四五六七八九"

# Russian ordinal stems 1..20 and the adjective endings by gender and case.
_RU_ORD_STEMS = ("перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят",
                 "одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
                 "семнадцат", "восемнадцат", "девятнадцат", "двадцат")
_RU_ENDINGS = {  # hard declension (-ый/-ой); "второй", "шестой", "седьмой", "восьмой" take -ой in m. nom
    "m": {"nom": "ый", "gen": "ого", "dat": "ому", "acc": "ый", "ins": "ым", "prep": "ом"},
    "f": {"nom": "ая", "gen": "ой", "dat": "ой", "acc": "ую", "ins": "ой", "prep": "ой"},
    "n": {"nom": "ое", "gen": "ого", "dat": "ому", "acc": "ое", "ins": "ым", "prep": "ом"},
}
_RU_ENDINGS["p"] = {"nom": "ые", "gen": "ых", "dat": "ым", "acc": "ые", "ins": "ыми", "prep": "ых"}  # консультации
_RU_THIRD = {  # "третий" is soft
    "p": {"nom": "ьи", "gen": "ьих", "dat": "ьим", "acc": "ьи", "ins": "ьими", "prep": "ьих"},
    "m": {"nom": "ий", "gen": "ьего", "dat": "ьему", "acc": "ий", "ins": "ьим", "prep": "ьем"},
    "f": {"nom": "ья", "gen": "ьей", "dat": "ьей", "acc": "ью", "ins": "ьей", "prep": "ьей"},
    "n": {"nom": "ье", "gen": "ьего", "dat": "ьему", "acc": "ье", "ins": "ьим", "prep": "ьем"},
}
_RU_STRESSED_OI = {2, 6, 7, 8}


def zh_number(n: int) -> str:
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _ZH_DIGITS[ones]
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[ones] if ones else "")


def ordinal(n: int, lang: str, *, gender: str = "n", case: str = "nom") -> str:
    """First / 首届 / первое: the ordinal of a meeting, agreeing in Russian with the head noun."""
    if lang == "en":
        if 1 <= n <= len(_EN_ORD):
            return _EN_ORD[n - 1]
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if lang == "zh":
        return "首届" if n == 1 else f"第{zh_number(n)}届"
    if not 1 <= n <= len(_RU_ORD_STEMS):
        return f"{n}-" + {"m": "й", "f": "я", "n": "е", "p": "е"}[gender]
    if n == 3:
        return _RU_ORD_STEMS[2] + _RU_THIRD[gender][case]
    ending = _RU_ENDINGS[gender][case]
    if n in _RU_STRESSED_OI and gender == "m" and case in ("nom", "acc"):
        ending = "ой"
    return _RU_ORD_STEMS[n - 1] + ending
