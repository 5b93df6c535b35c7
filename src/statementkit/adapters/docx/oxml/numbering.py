"""Numbering: list definitions (``w:abstractNum``/``w:num``) and the numbering of paragraphs."""

from __future__ import annotations

from typing import Any

from statementkit.adapters.docx.oxml.ns import PPR, w
from statementkit.adapters.docx.oxml.values import decimal_value


def add_list_definition(numbering: Any, *, num_fmt: str, lvl_text: str, left_twips: int, hanging_twips: int,
                        suffix: str = "tab", label_font: str | None = None) -> int:
    """Add a one-level list (``w:abstractNum`` + ``w:num``) to a numbering part; return its numId.

    ``num_fmt`` is an ST_NumberFormat (decimal, bullet, chineseCounting …); ``lvl_text`` e.g. "%1." or "（%1）";
    ``label_font``: the font of the label (``w:rPr/w:rFonts``).  A bullet needs one: without it LibreOffice
    shows the bullet in its symbol font and, on saving, writes it as a Symbol private-use character (a "–"
    comes back as U+F02D, a minus sign in Symbol).
    """
    from lxml import etree

    abstract_ids = [int(a.get(w("abstractNumId"))) for a in numbering.findall(w("abstractNum"))]
    num_ids = [int(n.get(w("numId"))) for n in numbering.findall(w("num"))]
    abstract_id = max(abstract_ids, default=-1) + 1
    num_id = max(num_ids, default=0) + 1

    abstract = etree.Element(w("abstractNum"))
    abstract.set(w("abstractNumId"), str(abstract_id))
    etree.SubElement(abstract, w("multiLevelType")).set(w("val"), "singleLevel")
    lvl = etree.SubElement(abstract, w("lvl"))
    lvl.set(w("ilvl"), "0")
    etree.SubElement(lvl, w("start")).set(w("val"), "1")
    etree.SubElement(lvl, w("numFmt")).set(w("val"), num_fmt)
    etree.SubElement(lvl, w("suff")).set(w("val"), suffix)
    etree.SubElement(lvl, w("lvlText")).set(w("val"), lvl_text)
    etree.SubElement(lvl, w("lvlJc")).set(w("val"), "left")
    ppr = etree.SubElement(lvl, w("pPr"))
    ind = etree.SubElement(ppr, w("ind"))
    ind.set(w("left"), str(left_twips))
    ind.set(w("hanging"), str(hanging_twips))
    if label_font:
        fonts = etree.SubElement(etree.SubElement(lvl, w("rPr")), w("rFonts"))
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(w(attr), label_font)
        fonts.set(w("hint"), "default")

    existing = numbering.findall(w("abstractNum"))
    if existing:
        existing[-1].addnext(abstract)
    else:
        numbering.insert(0, abstract)
    num = etree.SubElement(numbering, w("num"))
    num.set(w("numId"), str(num_id))
    etree.SubElement(num, w("abstractNumId")).set(w("val"), str(abstract_id))
    return num_id


def set_numbering(paragraph: Any, num_id: int, ilvl: int = 0) -> None:
    """Attach a paragraph to a list: ``w:pPr/w:numPr`` with ``w:ilvl`` and ``w:numId``."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def numbering_of(paragraph: Any) -> tuple[int, int] | None:
    """(numId, ilvl) of a paragraph's direct numbering, or None."""
    ppr = paragraph._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
        return None
    ilvl = ppr.numPr.ilvl.val if ppr.numPr.ilvl is not None else 0
    return int(ppr.numPr.numId.val), int(ilvl)


def num_format(numbering: Any, num_id: int, ilvl: int = 0) -> tuple[str, str] | None:
    """(numFmt, lvlText) of a list level, following w:num → w:abstractNum."""
    for num in numbering.findall(w("num")):
        if num.get(w("numId")) == str(num_id):
            abstract_id = num.find(w("abstractNumId")).get(w("val"))
            break
    else:
        return None
    for abstract in numbering.findall(w("abstractNum")):
        if abstract.get(w("abstractNumId")) == abstract_id:
            for lvl in abstract.findall(w("lvl")):
                if lvl.get(w("ilvl")) == str(ilvl):
                    fmt = lvl.find(w("numFmt"))
                    text = lvl.find(w("lvlText"))
                    return (fmt.get(w("val")) if fmt is not None else "decimal",
                            text.get(w("val")) if text is not None else "")
    return None


def paragraph_numpr(p: Any) -> tuple[str | None, int | None]:
    """(numId, ilvl) given directly on a paragraph (or a style's ``w:pPr``), each None when absent; DocxError
    for a value out of bounds (see :mod:`.values`)."""
    ppr = p.find(PPR)
    numpr = None if ppr is None else ppr.find(w("numPr"))
    if numpr is None:
        return None, None
    nid = decimal_value(numpr.find(w("numId")), "numId")
    return None if nid is None else str(nid), decimal_value(numpr.find(w("ilvl")), "ilvl")


def num_ids(numbering: Any) -> set[str]:
    if numbering is None:
        return {"0"}
    return {n.get(w("numId"), "") for n in numbering.findall(w("num"))} | {"0"}
