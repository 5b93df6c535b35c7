"""Automatic list labels: the number Word shows before a numbered paragraph, computed from numbering.xml
(and styles.xml, where a paragraph style carries the numbering), following ECMA-376 Part 1 §17.9.

* **Lists** (§17.9.16 ``w:num``): every ``w:num`` that points at one ``w:abstractNum`` continues the same
  list, as Word numbers it (two numbering instances of one definition: "1. 2. 3." then "4. 5."); a
  ``w:lvlOverride/w:startOverride`` restarts its level at the first paragraph of that instance, and a
  ``w:lvlOverride/w:lvl`` replaces the level's definition for that instance.
* **Levels**: ``w:start``, ``w:lvlRestart`` (§17.9.10: restart after the level it names, never for 0, by
  default after any higher level), ``w:isLgl`` (higher levels' numbers in decimal), ``w:lvlText`` with
  ``%1``…``%9``; a level's ``w:pStyle`` ties a paragraph style to that level (heading numbering).
* **Numbering styles** (``w:numStyleLink`` → a style's ``w:numId`` → the definition it names), with loops
  and missing definitions reported in :attr:`Numbering.warnings`, never raised: the paragraph keeps its
  text, without an automatic label.
* **Formats** (§17.18.59 ST_NumberFormat): see :func:`format_number`.  Bullets in a symbol font are mapped
  to their real character (:mod:`.oxml.symbols`).

Where LibreOffice and Word number differently, this follows Word (noted at each format).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.docx.oxml.symbols import font_text

# ---- formats --------------------------------------------------------------------------------------------
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_ZH_DIGITS = "○一二三四五六七八九"  # Word's chineseCounting and ideographDigital digits (zero: U+25CB)
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL_TRADITIONAL = str.maketrans("壹贰叁肆伍陆柒捌玖拾佰仟万零", "壹貳參肆伍陸柒捌玖拾佰仟萬零")
_CHICAGO = "*†‡§"
_MAX_LEVEL_TEXT = 255  # statementkit's bound on a w:lvlText: a longer one is read as no label, with a warning
_MAX_TEXT_NUMBER = 99_999  # cardinal and ordinal text beyond this: decimal (Word's limit is lower still)


def _roman(n: int) -> str:
    out: list[str] = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _repeated(n: int, alphabet: str) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa …; after 780 (30 rounds of 26) it starts again."""
    size = len(alphabet)
    n = (n - 1) % (size * 30)
    return alphabet[n % size] * (n // size + 1)


def _zh_counting_thousand(n: int) -> str:
    """一, 十, 十一, 一百〇一, 一千〇一十: Word's chineseCountingThousand (cn2an's reading, 〇 for 零)."""
    import cn2an

    return str(cn2an.an2cn(n, "low")).replace("零", "〇")


def _zh_counting(n: int) -> str:
    """Word's chineseCounting: counting numerals up to 99 (十一, 九十九), digit by digit from 100 (一○○);
    LibreOffice writes 一百 from 100 on (Word wins)."""
    import cn2an

    if n < 100:
        return str(cn2an.an2cn(n, "low"))
    return "".join(_ZH_DIGITS[int(d)] for d in str(n))


def _text_number(n: int, lang: str, *, ordinal: bool) -> str:
    """cardinalText / ordinalText as Word writes them: capitalised, no "and" ("One hundred one",
    "Twenty-first", "Сто первый"); num2words for the words."""
    from num2words import num2words

    if lang == "zh":
        return _zh_counting_thousand(n) if not ordinal else "第" + _zh_counting_thousand(n)
    words = str(num2words(n, lang="ru" if lang == "ru" else "en", to="ordinal" if ordinal else "cardinal"))
    words = words.replace(" and ", " ").replace(",", "")
    if lang == "ru" and ordinal and words.startswith("тысяча "):
        words = "одна " + words  # 1001 → "одна тысяча первый", as Word and LibreOffice write it
    return words[:1].upper() + words[1:]


def _ordinal(n: int, lang: str) -> str:
    """The ordinal format: 1st, 2nd, 11th (en); 1-й (ru, as LibreOffice and the Russian short form write
    it); 第1 (zh)."""
    if lang == "ru":
        return f"{n}-й"
    if lang == "zh":
        return f"第{n}"
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@functools.lru_cache(maxsize=8192)
def format_number(n: int, fmt: str, lang: str | None = None) -> str:
    """The label of number ``n`` (0 … 32 767, Word's range) in the ST_NumberFormat ``fmt``; ``lang`` (en, ru,
    zh; default en) for the formats written in words.  A format this function does not know, and a number
    beyond a format's range, is written in decimal digits, as Word does for values it cannot show.

    decimal, decimalZero (01), decimalFullWidth (１), decimalEnclosedCircle/…Chinese (①, to 20),
    decimalEnclosedFullstop (⒈), decimalEnclosedParen (⑴); lowerRoman/upperRoman; lowerLetter/upperLetter
    and russianLower/russianUpper (aa after z); ordinal, cardinalText, ordinalText (en, ru; num2words);
    chineseCounting, chineseCountingThousand, chineseLegalSimplified, ideographLegalTraditional,
    ideographDigital, ideographTraditional (甲…癸), ideographZodiac (子…亥), ideographZodiacTraditional
    (甲子 … 癸亥), ideographEnclosedCircle (㊀, to 10), taiwaneseCounting, taiwaneseCountingThousand,
    taiwaneseDigital (cn2an for the Chinese numerals); chicago (*, †, ‡, §, then doubled); hex; none."""
    lang = (lang or "en")[:2].lower()
    if n <= 0 and fmt not in ("decimal", "decimalZero", "none"):
        return str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        s = _repeated(n, "abcdefghijklmnopqrstuvwxyz")
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("russianLower", "russianUpper"):
        # the 29 letters LibreOffice counts with (the alphabet without ё, й, ъ, ь), as Word's are not
        # documented; after я the letter doubles (аа, бб) as Word's Latin letters do, where LibreOffice goes
        # on аа, аб.  Hand-written, kept with the label pairing that reads it back: no library has it.
        from statementkit.services.align.anchors import RU_LIST_LETTERS

        s = _repeated(n, RU_LIST_LETTERS)
        return s.upper() if fmt == "russianUpper" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt in ("chineseCounting", "taiwaneseCounting"):
        return _zh_counting(n)
    if fmt == "chineseCountingThousand":
        return _zh_counting_thousand(n)
    if fmt == "taiwaneseCountingThousand":
        import cn2an

        return str(cn2an.an2cn(n, "low"))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        import cn2an

        s = str(cn2an.an2cn(n, "up"))
        return s.translate(_LEGAL_TRADITIONAL) if fmt == "ideographLegalTraditional" else s
    if fmt in ("ideographDigital", "taiwaneseDigital"):
        return "".join(_ZH_DIGITS[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt == "ideographZodiac" and n <= 12:
        return _EARTHLY_BRANCHES[n - 1]
    if fmt == "ideographZodiacTraditional" and n <= 60:
        return _HEAVENLY_STEMS[(n - 1) % 10] + _EARTHLY_BRANCHES[(n - 1) % 12]
    if fmt == "ideographEnclosedCircle" and n <= 10:
        return chr(0x3280 + n - 1)  # ㊀ … ㊉; LibreOffice shows ① … ⑩
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedFullstop" and n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalEnclosedParen" and n <= 20:
        return chr(0x2474 + n - 1)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        return _ordinal(n, lang)
    if fmt in ("cardinalText", "ordinalText") and n <= _MAX_TEXT_NUMBER:
        return _text_number(n, lang, ordinal=fmt == "ordinalText")
    if fmt == "chicago":
        return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1) if n <= 400 else str(n)
    if fmt == "hex":
        return f"{n:X}"
    if fmt == "none":
        return ""
    return str(n)


# ---- the numbering part ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never, k = after level k
    legal: bool = False  # w:isLgl
    font: str | None = None  # w:rPr/w:rFonts of the label (a bullet in a symbol font)
    style: str | None = None  # w:pStyle: the paragraph style tied to this level


def _on(el: Any, attr: str = "val") -> bool:
    """An ST_OnOff element: present and not "0"/"false"/"off"."""
    return el is not None and el.get(w(attr), "1") not in ("0", "false", "off")


def _read_level(lvl: Any) -> _Level:
    """One ``w:lvl`` (values out of Word's bounds are a DocxError from :func:`oxml.decimal_value`; a
    ``w:lvlRestart`` that is not a small whole number is ignored)."""
    start = oxml.decimal_value(lvl.find(w("start")), "start")
    f = lvl.find(w("numFmt"))
    t = lvl.find(w("lvlText"))
    restart = lvl.find(w("lvlRestart"))
    raw_restart = "" if restart is None else (restart.get(w("val")) or "")
    fonts = lvl.find(f"{w('rPr')}/{w('rFonts')}")
    style = lvl.find(w("pStyle"))
    return _Level(
        start=1 if start is None else start,
        fmt=(f.get(w("val")) or "decimal") if f is not None else "decimal",
        text="" if t is None or (_on(t, "null") and t.get(w("null")) is not None) else (t.get(w("val")) or ""),
        restart=int(raw_restart) if raw_restart.isdigit() and len(raw_restart) < 3 else None,
        legal=_on(lvl.find(w("isLgl"))),
        font=None if fonts is None else (fonts.get(w("ascii")) or fonts.get(w("hAnsi"))),
        style=None if style is None else style.get(w("val")),
    )


@dataclass
class _Instance:
    """One w:num: the list (abstract definition) it continues, its level replacements and restarts."""

    abstract: str
    levels: dict[int, _Level]
    starts: dict[int, int]
    pending: set[int]  # levels whose startOverride has not been applied yet


def _lang_of(p: Any) -> str | None:
    for path in (f"{w('pPr')}/{w('rPr')}/{w('lang')}", f"{w('r')}/{w('rPr')}/{w('lang')}"):
        el = p.find(path)
        if el is not None and el.get(w("val")):
            return str(el.get(w("val")))
    return None


class Numbering:
    """Computes automatic number labels in document order (call :meth:`label` on each paragraph in
    reading order), from numbering.xml and styles.xml (either may be None).  Problems in the numbering
    part that Word reads past (a numbering-style loop, a missing definition) are in :attr:`warnings`, one
    line each; a value out of bounds (a level above 8, a start above 32 767) is a DocxError."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.warnings: list[str] = []
        self.lang: str | None = None
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._nums: dict[str, _Instance] = {}
        self._style_num: dict[str, tuple[str | None, int | None]] = {}
        self._style_level: dict[str, tuple[str, int]] = {}  # style -> (abstract id, level) via w:pStyle
        self._counters: dict[str, dict[int, int]] = {}  # per abstract definition: level -> last number
        self._styles = styles
        self._links: dict[str, str] = {}
        self._link_targets: dict[str, str] = {}
        if styles is not None:
            lang = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
            if lang is not None:
                self.lang = lang.get(w("val"))
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            self._read_styles(styles)

    # -- reading ----------------------------------------------------------------------------------------
    def _read_numbering(self, numbering: Any) -> None:
        for an in numbering.findall(w("abstractNum")):
            aid = str(oxml.decimal_value(an, "abstractNumId", attr="abstractNumId"))
            levels: dict[int, _Level] = {}
            for lvl in an.findall(w("lvl")):
                levels[oxml.decimal_value(lvl, "ilvl", attr="ilvl") or 0] = _read_level(lvl)
            self._abstract[aid] = levels
            for tag, into in (("numStyleLink", self._links), ("styleLink", self._link_targets)):
                el = an.find(w(tag))
                if el is not None and el.get(w("val")):
                    into[aid] = el.get(w("val"))
        for num in numbering.findall(w("num")):
            nid = str(oxml.decimal_value(num, "numId", attr="numId"))
            aid_val = oxml.decimal_value(num.find(w("abstractNumId")), "abstractNumId")
            levels = {}
            starts = {}
            for ov in num.findall(w("lvlOverride")):
                ilvl = oxml.decimal_value(ov, "ilvl", attr="ilvl") or 0
                start = oxml.decimal_value(ov.find(w("startOverride")), "startOverride")
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _read_level(lvl)
                    if start is None and lvl.find(w("start")) is not None:
                        start = levels[ilvl].start
                if start is not None:
                    starts[ilvl] = start
            self._nums[nid] = _Instance("" if aid_val is None else str(aid_val), levels, starts, set(starts))

    def _read_styles(self, styles: Any) -> None:
        by_id = {st.get(w("styleId"), ""): st for st in styles.findall(w("style"))}
        for sid in by_id:
            seen: set[str] = set()
            cur: str | None = sid
            while cur and cur in by_id and cur not in seen:  # w:basedOn chain, loops cut
                seen.add(cur)
                nid, lvl = oxml.paragraph_numpr(by_id[cur])
                if nid is not None or lvl is not None:
                    self._style_num[sid] = (nid, lvl)
                    break
                based = by_id[cur].find(w("basedOn"))
                cur = None if based is None else based.get(w("val"))
        for aid, levels in self._abstract.items():
            for ilvl, lv in levels.items():
                if lv.style:
                    self._style_level.setdefault(lv.style, (aid, ilvl))

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _definition(self, aid: str) -> tuple[str, dict[int, _Level]] | None:
        """(abstract id whose counters count, levels) of ``aid``, following w:numStyleLink → the numbering
        style's w:numId → its definition; None (and a warning) for a loop or a missing definition."""
        seen: list[str] = []
        cur = aid
        while cur in self._links:
            if cur in seen:
                loop = sorted(set(seen[seen.index(cur):]), key=lambda a: (len(a), a))
                self._warn(f"numbering definitions {', '.join(loop)} form a loop through numbering styles "
                           "(w:numStyleLink); those paragraphs are read without automatic numbers")
                return None
            seen.append(cur)
            style = self._links[cur]
            nid = self._style_num.get(style, (None, None))[0]
            target = self._nums.get(nid or "")
            if target is None:
                self._warn(f"numbering definition {cur} links to numbering style '{style}', which names no list; "
                           "those paragraphs are read without automatic numbers")
                return None
            cur = target.abstract
        if cur not in self._abstract:
            self._warn(f"list definition (w:abstractNum) {cur or '?'} is missing from numbering.xml; those "
                       "paragraphs are read without automatic numbers")
            return None
        return cur, self._abstract[cur]

    # -- labels -----------------------------------------------------------------------------------------
    def _numbering_of(self, p: Any) -> tuple[str | None, int | None]:
        num_id, ilvl = oxml.paragraph_numpr(p)
        style = oxml.paragraph_style(p)
        if num_id is None and style and style in self._style_num:
            num_id, style_lvl = self._style_num[style]
            if ilvl is None:
                ilvl = style_lvl
        if num_id is not None and ilvl is None and style and style in self._style_level:
            inst = self._nums.get(num_id)
            aid, lvl = self._style_level[style]
            if inst is not None and inst.abstract == aid:
                ilvl = lvl
        return num_id, ilvl

    def label(self, p: Any) -> str | None:
        """The label Word shows before paragraph ``p`` ("4.", "（三）", "–", "Сто первый"), or None; counts
        the paragraph in its list (call once per paragraph, in reading order)."""
        num_id, ilvl = self._numbering_of(p)
        if not num_id or num_id == "0":
            return None
        inst = self._nums.get(num_id)
        if inst is None:
            self._warn(f"a paragraph names list {num_id}, which numbering.xml does not define; it is read "
                       "without an automatic number")
            return None
        found = self._definition(inst.abstract)
        if found is None:
            return None
        aid, base_levels = found
        levels = {**base_levels, **inst.levels}
        ilvl = ilvl or 0
        lv = levels.get(ilvl)
        if lv is None:
            return None  # Word shows no number for a level the list does not define
        if len(lv.text) > _MAX_LEVEL_TEXT:
            self._warn(f"list {num_id} level {ilvl} has a label text of {len(lv.text)} characters (more than "
                       f"{_MAX_LEVEL_TEXT}); those paragraphs are read without automatic numbers")
            return None
        counters = self._counters.setdefault(aid, {})
        if ilvl in inst.pending:  # the first paragraph of an instance that restarts this level
            inst.pending.discard(ilvl)
            counters[ilvl] = inst.starts[ilvl] - 1
        counters[ilvl] = counters.get(ilvl, lv.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            # no w:lvlRestart, or one naming this level or a deeper one: restart after any higher level;
            # 0: never; k: after level k (1-based) or any higher one
            if restart is None or restart > deeper or (restart != 0 and ilvl <= restart - 1):
                del counters[deeper]
        lang = _lang_of(p) or self.lang
        if lv.fmt == "bullet":
            return font_text(lv.text, lv.font) or None

        def sub(m: regex.Match[str]) -> str:
            k = int(m.group(1)) - 1
            klv = levels.get(k)
            if klv is None or k > ilvl:
                return ""
            value = counters.get(k, inst.starts.get(k, klv.start))  # not used yet: its start value
            fmt = "decimal" if lv.legal and k < ilvl and klv.fmt not in ("decimalZero",) else klv.fmt
            return format_number(value, fmt, lang)

        return font_text(regex.sub(r"%([1-9])", sub, lv.text), lv.font) or None

