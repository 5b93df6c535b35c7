"""Names: the WordprocessingML namespace and Clark names of the elements the other modules work on, and
generic element helpers (local name, unwrap)."""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


NSMAP = {"w": W_NS}


def w(tag: str) -> str:
    """Clark name of a w: element or attribute: ``w("ins")`` → ``{…/main}ins``."""
    return f"{{{W_NS}}}{tag}"


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"


P, R, T, TBL, TR, TC = w("p"), w("r"), w("t"), w("tbl"), w("tr"), w("tc")


PPR, RPR, TRPR, TCPR = w("pPr"), w("rPr"), w("trPr"), w("tcPr")


INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")


DEL_TEXT, INSTR_TEXT, DEL_INSTR_TEXT = w("delText"), w("instrText"), w("delInstrText")


SDT, SDT_CONTENT, CUSTOM_XML, SMART_TAG = w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")


HYPERLINK, FLD_SIMPLE = w("hyperlink"), w("fldSimple")


BOOKMARK_START = w("bookmarkStart")


RANGE_MARKS = {w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                              "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
                              "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                              "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
                              "customXmlMoveToRangeEnd")}


PROPERTY_CHANGES = {w(t) for t in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange",
                                   "tcPrChange", "tblGridChange", "tblPrExChange", "numberingChange")}


REVISION_TAGS = {INS, DEL, MOVE_FROM, MOVE_TO, w("cellIns"), w("cellDel"), w("cellMerge"),
                 *RANGE_MARKS, *PROPERTY_CHANGES}


# elements that hold runs inside a paragraph and are walked through for text
RUN_CONTAINERS = {HYPERLINK, FLD_SIMPLE, SMART_TAG, CUSTOM_XML, SDT, SDT_CONTENT, INS, DEL, MOVE_FROM,
                  MOVE_TO, w("dir"), w("bdo")}


def local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_mark(el: Any) -> bool:
    """A w:ins/w:del/w:moveFrom/w:moveTo inside rPr (paragraph mark or run property), not a run container."""
    parent = el.getparent()
    return parent is not None and parent.tag == RPR


def unwrap(el: Any) -> None:
    """Replace ``el`` by its children (keeping its tail)."""
    parent = el.getparent()
    idx = parent.index(el)
    for k, child in enumerate(list(el)):
        parent.insert(idx + k, child)
    parent.remove(el)
