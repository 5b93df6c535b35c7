"""Small typed helpers for WordprocessingML that python-docx has no API for.

Business code never writes XPath or namespace URIs: it calls these.  Add helpers here, grouped by topic.
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSMAP = {"w": W_NS}


def w(tag: str) -> str:
    """Clark name of a w: element or attribute: ``w("ins")`` → ``{…/main}ins``."""
    return f"{{{W_NS}}}{tag}"


def set_east_asian_font(rpr_owner: Any, font: str) -> None:
    """Set ``w:rFonts/@w:eastAsia`` on a style or run (python-docx's ``font.name`` sets only ascii/hAnsi)."""
    rpr = rpr_owner.get_or_add_rPr()
    rfonts = rpr.find(w("rFonts"))
    if rfonts is None:
        from lxml import etree

        rfonts = etree.SubElement(rpr, w("rFonts"))
        rpr.remove(rfonts)
        rpr.insert(0, rfonts)
    rfonts.set(w("eastAsia"), font)


def east_asian_font(rpr_owner: Any) -> str | None:
    rpr = rpr_owner.rPr
    if rpr is None:
        return None
    rfonts = rpr.find(w("rFonts"))
    return None if rfonts is None else rfonts.get(w("eastAsia"))


def set_language(rpr_owner: Any, lang_tag: str, *, east_asia: str | None = None) -> None:
    """``w:lang`` on a style or run: spell-checking and hyphenation language (e.g. ru-RU, zh-CN)."""
    from lxml import etree

    rpr = rpr_owner.get_or_add_rPr()
    lang = rpr.find(w("lang"))
    if lang is None:
        lang = etree.SubElement(rpr, w("lang"))
    lang.set(w("val"), lang_tag)
    if east_asia:
        lang.set(w("eastAsia"), east_asia)
