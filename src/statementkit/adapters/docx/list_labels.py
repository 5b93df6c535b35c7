"""Automatic list labels: the number Word shows before a numbered paragraph, computed from numbering.xml
(and styles.xml, where a paragraph style carries the numbering)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import regex

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_ZH_DIGITS = "零一二三四五六七八九"


def _roman(n: int) -> str:
    out: list[str] = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz, aaa …
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _zh_counting(n: int) -> str:
    """Chinese counting numerals (一, 十一, 一百零一) up to 9 999 — Word's chineseCounting format.
    Babel formats digits but not counting numerals, hence this small function."""
    if n <= 0 or n >= 10000:
        return str(n)
    out: list[str] = []
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    zero = False
    for v, name in units:
        d = n // v % 10
        if d:
            if zero and out:
                out.append("零")
            zero = False
            out.append(("" if (v == 10 and n < 20) else _ZH_DIGITS[d]) + name)
        elif out:
            zero = True
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = _letters(n)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.upper() if fmt == "upperRoman" else s
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return _zh_counting(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


class Numbering:
    """Computes automatic number labels in document order, from numbering.xml (and styles.xml, where a
    paragraph style carries the numbering)."""

    def __init__(self, numbering: Any, styles: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractId, start overrides)
        self.style_num: dict[str, tuple[str | None, int]] = {}
        self.counters: dict[str, dict[int, int]] = defaultdict(dict)
        if numbering is not None:
            for an in numbering.findall(w("abstractNum")):
                levels: dict[int, _Level] = {}
                for lvl in an.findall(w("lvl")):
                    lv = _Level()
                    start = oxml.decimal_value(lvl.find(w("start")), "start")
                    if start is not None:
                        lv.start = start
                    f = lvl.find(w("numFmt"))
                    t = lvl.find(w("lvlText"))
                    if f is not None:
                        lv.fmt = f.get(w("val"), "decimal")
                    if t is not None:
                        lv.text = t.get(w("val"), "")
                    levels[oxml.decimal_value(lvl, "ilvl", attr="ilvl") or 0] = lv
                self.abstract[str(oxml.decimal_value(an, "abstractNumId", attr="abstractNumId"))] = levels
            for num in numbering.findall(w("num")):
                aid = oxml.decimal_value(num.find(w("abstractNumId")), "abstractNumId")
                overrides = {}
                for ov in num.findall(w("lvlOverride")):
                    start = oxml.decimal_value(ov.find(w("startOverride")), "startOverride")
                    if start is not None:
                        overrides[oxml.decimal_value(ov, "ilvl", attr="ilvl") or 0] = start
                self.nums[str(oxml.decimal_value(num, "numId", attr="numId"))] = ("" if aid is None else str(aid),
                                                                              overrides)
        if styles is not None:
            for st in styles.findall(w("style")):
                nid, lvl = oxml.paragraph_numpr(st)
                if nid is not None or lvl is not None:
                    self.style_num[st.get(w("styleId"), "")] = (nid, lvl or 0)

    def label(self, p: Any) -> str | None:
        num_id, ilvl = oxml.paragraph_numpr(p)
        if num_id is None:
            style = oxml.paragraph_style(p)
            if style and style in self.style_num:
                num_id, lvl = self.style_num[style]
                ilvl = lvl if ilvl is None else ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        ilvl = ilvl or 0
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        counters = self.counters[num_id]
        lv = levels.get(ilvl, _Level())
        start = overrides.get(ilvl, lv.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if lv.fmt == "bullet":
            return lv.text or None

        def sub(m: regex.Match[str]) -> str:
            k = int(m.group(1)) - 1
            klv = levels.get(k, _Level())
            value = counters.get(k, overrides.get(k, klv.start))
            return format_number(value, klv.fmt)
        return regex.sub(r"%(\d)", sub, lv.text) or None
