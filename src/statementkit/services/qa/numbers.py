"""Numbers in every script and form, read into one value so that the language versions can be compared.

:func:`read_numbers` turns a text into an ordered list of :class:`Number`: Arabic and full-width digits,
decimals and percentages ("1.5%", "1,5 %", "百分之五"), Chinese numerals (三, 二十四, 二〇二四 via cn2an),
ordinals ("21st", "XXIV", "第二十四届", «двадцатую», "20-летие"), English and Russian number words in any case
and gender (the forms are generated with num2words), and dates ("July 24, 2023", "2023年7月24日",
«24 июля 2023 года», ranges "25–27 July").

What is *not* a number here, by rule:

- digits inside a name: glued to a letter ("G20", "C5", "С+С5") or after a letter and a hyphen ("Covid-19"), and
  the Russian name of a group («Группа двадцати»);
- list labels at the start of a line ("1.", "一、", "（一）", "(a)");
- the value 1 written as a word ("a", "once", "first", "首届", 一个, «первое»): in every language it doubles as
  an article or an idiom, so only digits count for 1;
- the value 2 written as a word is *soft*: "the two countries" may be 两国 or "both countries", «обе стороны»,
  so a 2 in words missing from the other version is not a difference (a 2 that became 3 still is);
- Chinese numerals that are words, not counts (一带一路, 进一步, 中亚五国): a Chinese numeral counts only before
  a measure word or unit (年 月 日 届 次 个 名 项 周年 …) or after 第 / 每 / 百分之.

Each number carries a *type* used for comparing order: ``year`` (a whole number 1900–2200), ``month`` and
``day`` (inside a date), ``percent`` and ``n`` (everything else; cardinal and ordinal are one type, since
"20th anniversary" is 二十周年).  Within a date the canonical order is year, month, days, so that
"July 24, 2023" and «24 июля 2023 года» read the same, while a range written backwards ("27–25") does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from statementkit.services.qa.languages import mask_labels, month_names


@dataclass(frozen=True)
class Number:
    """One number read from a text: ``value`` normalised ("2024", "1.5"), its ``type`` and its span."""

    value: str
    type: str  # year | month | day | percent | n
    start: int
    end: int
    text: str
    soft: bool = False  # 2 in words ("two", 两, «двух»): the other version may say "both", 双方, «обе»


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _type_of(v: float) -> str:
    return "year" if float(v).is_integer() and 1900 <= v <= 2200 else "n"


# ---- digits -------------------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")
_DIGITS = regex.compile(
    r"(?<!\p{L}[-‐]?)(?<!\p{N})(?<![\p{N}][.,])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:[.,]\d+)?)"
    r"(?P<mult>\s+(?:trillion|billion|million|thousand|bn|mn)(?!\p{L})|\s*(?:трлн|млрд|млн|тыс)\.?(?!\p{L})"
    r"|\s+(?:триллион|миллиард|миллион|тысяч)\p{L}*)?"
    r"(?P<suffix>(?:st|nd|rd|th)(?!\p{L})|-(?=\p{L}))?"
    r"(?P<pct>\s?%| ?per ?cent| ?процент\p{L}*)?"
    r"(?![\p{L}\p{N}])")
_ROMAN = regex.compile(r"(?<![\p{L}\p{N}])(?=[IVXLC]{2,}(?![\p{L}\p{N}]))"
                       r"(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})(?![\p{L}\p{N}])")
_NUMERIC_DATE = regex.compile(r"(?<![\p{N}.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\p{N}])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_MULTIPLIERS = {"трлн": 10**12, "триллион": 10**12, "trillion": 10**12, "млрд": 10**9, "миллиард": 10**9,
                "billion": 10**9, "bn": 10**9, "млн": 10**6, "миллион": 10**6, "million": 10**6, "mn": 10**6,
                "тыс": 1000, "тысяч": 1000, "thousand": 1000, "万亿": 10**12, "亿": 10**8, "万": 10**4}


def _scaled(num: str, mult: str) -> float:
    """``num`` ("70.2", "70,2") times the magnitude word after it ("billion", «млрд», 亿), exactly."""
    from decimal import Decimal

    word = regex.sub(r"[\s.]", "", mult).casefold()
    factor = next((f for k, f in _MULTIPLIERS.items() if word.startswith(k)), 1) if word else 1
    return float(Decimal(num) * factor)


def _roman(s: str) -> int:
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        va, vb = _ROMAN_VALUES[a], _ROMAN_VALUES.get(b, 0)
        total += -va if va < vb else va
    return total


# ---- number words -------------------------------------------------------------------------------------

_EN_EXTRA = {"biennial": 2, "triennial": 3, "twice": 2, "dozen": 12, "hundred": 100, "thousand": 1000,
             "hundredth": 100, "thousandth": 1000}
_RU_EXTRA = {"дважды": 2, "трижды": 3}


@cache
def number_words(lang: str) -> dict[str, int]:
    """Lower-cased number word → value for ``en`` or ``ru``: cardinals and ordinals 1–19, tens, hundreds and
    thousand, Russian in every case, gender and number (generated with num2words)."""
    from num2words import num2words

    bases = [*range(1, 20), *range(20, 100, 10), *range(100, 1000, 100), 1000]
    out: dict[str, int] = {}
    if lang == "en":
        for n in bases:
            for to in ("cardinal", "ordinal"):
                word = num2words(n, lang="en", to=to).casefold().split()[-1]
                out[word] = n
        out.update(_EN_EXTRA)
    elif lang == "ru":
        for n in bases:
            for to in ("cardinal", "ordinal"):
                for case in ("n", "g", "d", "a", "i", "p"):
                    for gender in ("m", "f", "n"):
                        for plural in (False, True):
                            try:
                                text = num2words(n, lang="ru", to=to, case=case, gender=gender, plural=plural)
                            except (NotImplementedError, ValueError, KeyError, IndexError):
                                continue
                            word = text.casefold().replace("ё", "е").split()[-1]
                            out.setdefault(word, n)
        out.update(_RU_EXTRA)
        out.pop("раз", None)
    return out


_WORD = regex.compile(r"\p{L}+(?:-\p{L}+)?")


def _combine(values: list[int]) -> list[int]:
    """Adjacent number words as numbers: [20, 1] → 21, [2, 100, 5] → 205, [3, 2] → 3, 2."""
    out: list[int] = []
    current = 0
    last = 0
    for v in values:
        if v in (100, 1000) and current:
            current *= v
        elif current and ((last % 10 == 0 and last >= 20 and v < 10 and current % 10 == 0)
                          or (current % 100 == 0 and v < 100 and last >= 100)
                          or (current % 1000 == 0 and v < 1000 and last >= 1000)):
            current += v
        else:
            if current:
                out.append(current)
            current = v
        last = v
    if current:
        out.append(current)
    return out


# ---- Chinese -------------------------------------------------------------------------------------------

_ZH_NUMERAL = "〇零一二两三四五六七八九十百千万亿"
_ZH_MEASURE = "年月日号届次个名项天位家份倍条种批期轮周岁点期元方%％"  # 方: 三方 (three parties)
_ZH_RUN = regex.compile(
    rf"(?P<pre>第|每|百分之)?(?P<num>[{_ZH_NUMERAL}]+(?:点[{_ZH_NUMERAL}]+)?|\d+(?:\.\d+)?(?:万亿|万|亿)?)"
    rf"(?=[多余]?(?P<unit>周年|世纪|年代|[{_ZH_MEASURE}]))?")


_RU_GROUP = regex.compile(r"(?i)\bгрупп\p{L}*\s+$")  # «Группа двадцати» is G20, a name
_RU_COMPOUND_VALUES = {"двух": 2, "трех": 3, "четырех": 4, "пяти": 5, "шести": 6, "семи": 7, "восьми": 8,
                       "девяти": 9, "десяти": 10}
_RU_COMPOUND = regex.compile(rf"({'|'.join(_RU_COMPOUND_VALUES)})(?=летн|дневн|месячн|недельн|кратн)")
_ZH_PLAN = regex.compile(r"(十[一二三四五六七八九]|[一二三四五六七八九])(五)(?=”?(?:规划|时期|期间))")  # 十四五: 14th Five-Year
_ZH_DIGITWISE = regex.compile(r"[〇零一二三四五六七八九]{3,}")
_NAME_BEFORE = regex.compile(r"[\p{Latin}\p{Cyrillic}][-‐]?$")
_NAME_AFTER = regex.compile(r"[\p{Latin}\p{Cyrillic}]")
_WORD_JOIN = regex.compile(r"\s*(?:and\s*)?")
_THOUSANDS = regex.compile(r"\d{1,3}(?:,\d{3})+")


def _zh_value(s: str) -> float | None:
    import cn2an

    if s[0].isdigit():
        m = regex.match(r"([\d.]+)(.*)", s)
        return _scaled(m.group(1), m.group(2)) if m else None
    if _ZH_DIGITWISE.fullmatch(s):  # 二〇二四: digit by digit
        return float("".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in s))
    try:
        return float(cn2an.cn2an(s.replace("两", "二"), "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


# ---- dates ----------------------------------------------------------------------------------------------

@dataclass
class _Token:
    value: float
    start: int
    end: int
    text: str
    month: bool = False
    percent: bool = False
    word: bool = False  # written in words (1 as a word does not count)


_DATE_GAP = {
    "en": regex.compile(r"^(?:\s*(?:[,–—.-]|to|and|from)?\s*)$"),
    "ru": regex.compile(r"^(?:\s*(?:[,–—.-]|по|и|года|г\.)?\s*)$"),
    "zh": regex.compile(r"^(?:[年月日号]?\s*(?:[至到—–\-、]|和)?\s*)$"),
}


def _dated(tokens: list[_Token], text: str, lang: str) -> list[Number]:
    """Group tokens into dates (runs around a month) and emit numbers, dates in canonical order."""
    out: list[Number] = []
    i = 0
    gap = _DATE_GAP[lang]
    while i < len(tokens):
        # a run of tokens separated only by date connectors
        j = i
        while j + 1 < len(tokens) and gap.match(text[tokens[j].end:tokens[j + 1].start]) \
                and not tokens[j].percent and not tokens[j + 1].percent:
            j += 1
        run = tokens[i:j + 1]
        if any(t.month for t in run) and len(run) > 1:
            years = [t for t in run if not t.month and _type_of(t.value) == "year"]
            months = [t for t in run if t.month]
            days = [t for t in run if not t.month and t not in years]
            for t, typ in [*((t, "year") for t in years), *((t, "month") for t in months),
                           *((t, "day") for t in days)]:
                out.append(Number(_fmt(t.value), typ, t.start, t.end, t.text))
        else:
            for t in run:
                if t.month:
                    continue  # a month name alone ("May") is a word
                if t.value == 1 and t.word:
                    continue
                typ = "percent" if t.percent else _type_of(t.value)
                out.append(Number(_fmt(t.value), typ, t.start, t.end, t.text, soft=t.word and t.value == 2))
        i = j + 1
    return out


def read_numbers(text: str, lang: str) -> list[Number]:
    """Every number of ``text`` (language ``en``, ``zh`` or ``ru``) in reading order, dates canonical."""
    norm = mask_labels(text.translate(_FULLWIDTH))
    tokens: list[_Token] = []
    if lang == "zh":
        for m in _ZH_RUN.finditer(norm):
            num, pre, unit = m.group("num"), m.group("pre") or "", m.group("unit") or ""
            is_digits = num[0].isdigit()
            if not is_digits and not pre and not unit:
                continue
            if not is_digits and unit in ("期", "点") and not pre:
                continue
            if is_digits and _NAME_BEFORE.search(norm, max(0, m.start() - 2), m.start()):
                continue
            if is_digits and _NAME_AFTER.match(norm, m.end()):
                continue
            v = _zh_value(num)
            if v is None:
                continue
            start = m.start("num")
            tokens.append(_Token(v, start, m.end("num"), text[start:m.end("num")], month=unit == "月" and v <= 12,
                                 percent=pre == "百分之" or norm.startswith("%", m.end()),
                                 word=not is_digits))
        for m in _ZH_PLAN.finditer(norm):
            for g in (1, 2):
                v = _zh_value(m.group(g))
                if v is not None:
                    tokens.append(_Token(v, m.start(g), m.end(g), m.group(g), word=True))
        tokens.sort(key=lambda t: t.start)
        return _dated(tokens, norm, "zh")
    months = month_names(lang)
    words = number_words(lang)
    pending: list[tuple[int, int, int]] = []  # number words waiting to be combined

    def flush() -> None:
        if not pending:
            return
        if len(pending) == 1 and pending[0][0] in (100, 1000) and \
                not regex.match(r"(?i)(?:сто|тысяча)$", text[pending[0][1]:pending[0][2]]):
            pending.clear()  # «тысячи специалистов», "hundreds": a quantity, not a number
            return
        vals = _combine([v for v, _, _ in pending])
        if len(vals) == 1:
            s, e = pending[0][1], pending[-1][2]
            tokens.append(_Token(vals[0], s, e, text[s:e], word=True))
        else:  # could not combine: each word is its own number
            for v, s, e in pending:
                tokens.append(_Token(v, s, e, text[s:e], word=True))
        pending.clear()

    items: list[tuple[int, str, regex.Match[str]]] = []
    for m in _NUMERIC_DATE.finditer(norm):  # 24.07.2023: a date, day first
        items.append((m.start(), "n", m))
    for m in _DIGITS.finditer(norm):
        items.append((m.start(), "d", m))
    for m in _ROMAN.finditer(norm):
        if m.group():
            items.append((m.start(), "r", m))
    for m in _WORD.finditer(norm):
        items.append((m.start(), "w", m))
    items.sort(key=lambda x: (x[0], x[1] != "n"))
    last_end = -1
    for start, kind, m in items:
        if start < last_end:
            continue
        if kind == "w":
            w = m.group().casefold().replace("ё", "е")
            parts = w.split("-")
            if all(p in words for p in parts) and not (lang == "ru" and _RU_GROUP.search(norm, 0, start)):
                if pending and not _WORD_JOIN.fullmatch(norm, pending[-1][2], start):
                    flush()
                for p in parts:
                    pending.append((words[p], m.start(), m.end()))
                last_end = m.end()
                continue
            flush()
            compound = _RU_COMPOUND.match(w) if lang == "ru" else None
            if (len(parts) > 1 and parts[0] in words) or compound:  # five-year, «трехлетний»
                first = parts[0] if not compound else compound.group(1)
                value = words[first] if not compound else _RU_COMPOUND_VALUES[first]
                tokens.append(_Token(value, m.start(), m.start() + len(first), m.group()[:len(first)], word=True))
                last_end = m.end()
                continue
            n = months.get(w)
            if n is not None and (lang != "en" or m.group()[0].isupper()):
                tokens.append(_Token(n, m.start(), m.end(), m.group(), month=True))
            last_end = m.end()
            continue
        flush()
        if kind == "n":
            for g, month in ((1, False), (2, True), (3, False)):
                tokens.append(_Token(float(m.group(g)), m.start(g), m.end(g), m.group(g), month=month))
            last_end = m.end()
            continue
        if kind == "r":
            tokens.append(_Token(_roman(m.group()), m.start(), m.end(), m.group()))
        else:
            num = m.group("num")
            # "5,000" is five thousand in English; in Russian the comma is the decimal sign ("70,2")
            num = num.replace(",", "") if lang == "en" and _THOUSANDS.fullmatch(num) else num.replace(",", ".")
            v = _scaled(num, m.group("mult") or "")
            tokens.append(_Token(v, m.start(), m.end("num"), m.group("num"), percent=bool(m.group("pct"))))
        last_end = m.end()
    flush()
    return _dated(tokens, norm, lang)


def numbers_by_type(numbers: list[Number]) -> dict[str, list[str]]:
    """The values of each type, in reading order."""
    out: dict[str, list[str]] = {}
    for n in numbers:
        out.setdefault(n.type, []).append(n.value)
    return out
