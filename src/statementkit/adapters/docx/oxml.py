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


# ---- names ---------------------------------------------------------------------------------------------
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
# Clause ids ride on hidden bookmarks "_sk_<id>" ('-' written '_', '_' written '__'), since Word bookmark
# names allow only letters, digits and underscores.
CLAUSE_BOOKMARK_PREFIX = "_sk_"


def clause_bookmark_name(clause_id: str) -> str | None:
    """The bookmark name carrying ``clause_id``, or None when the id cannot be encoded."""
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in clause_id):
        return None
    return CLAUSE_BOOKMARK_PREFIX + clause_id.replace("_", "__").replace("-", "_")


def clause_id_of_bookmark(name: str) -> str | None:
    if not name.startswith(CLAUSE_BOOKMARK_PREFIX):
        return None
    out = []
    s = name[len(CLAUSE_BOOKMARK_PREFIX):]
    k = 0
    while k < len(s):
        if s[k] == "_":
            if s[k + 1:k + 2] == "_":
                out.append("_")
                k += 2
                continue
            out.append("-")
        else:
            out.append(s[k])
        k += 1
    return "".join(out) or None


def local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_mark(el: Any) -> bool:
    """A w:ins/w:del/w:moveFrom/w:moveTo inside rPr (paragraph mark or run property), not a run container."""
    parent = el.getparent()
    return parent is not None and parent.tag == RPR


# ---- tracked changes already in a document ------------------------------------------------------------
def count_revisions(root: Any) -> int:
    return sum(1 for el in root.iter() if el.tag in REVISION_TAGS)


def _unwrap(el: Any) -> None:
    """Replace ``el`` by its children (keeping its tail)."""
    parent = el.getparent()
    idx = parent.index(el)
    for k, child in enumerate(list(el)):
        parent.insert(idx + k, child)
    parent.remove(el)


def _merge_with_next(p: Any) -> None:
    """A paragraph whose mark goes away joins the following paragraph (which keeps its own mark)."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag in RANGE_MARKS | {w("bookmarkStart"), w("bookmarkEnd"),
                                                        w("commentRangeStart"), w("commentRangeEnd")}:
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != P:
        return  # last paragraph of its container: Word keeps it
    ppr = nxt.find(PPR)
    idx = 0 if ppr is None else nxt.index(ppr) + 1
    for k, child in enumerate([c for c in p if c.tag != PPR]):
        nxt.insert(idx + k, child)
    p.getparent().remove(p)


def resolve_revisions(root: Any, mode: str) -> int:
    """Accept (``mode="accept"``) or reject (``"reject"``) every tracked change under ``root``, in place.

    Returns how many revision elements there were.  Moves are a deletion plus an insertion; deleted
    paragraph marks join their paragraph to the next; deleted table rows are removed; property changes
    keep the current (accept) or restore the former (reject) properties."""
    n = count_revisions(root)
    if not n:
        return 0
    accept = mode == "accept"
    drop = {DEL, MOVE_FROM} if accept else {INS, MOVE_TO}
    keep = {INS, MOVE_TO} if accept else {DEL, MOVE_FROM}
    # table rows and cells first
    for trpr in list(root.iter(TRPR)):
        marks = {c.tag for c in trpr}
        tr = trpr.getparent()
        if marks & drop and tr.getparent() is not None:
            tr.getparent().remove(tr)
            continue
        for c in list(trpr):
            if c.tag in keep:
                trpr.remove(c)
    for tcpr in list(root.iter(TCPR)):
        for c in list(tcpr):
            if c.tag in (w("cellIns"), w("cellDel"), w("cellMerge")):
                tcpr.remove(c)
    for tbl in list(root.iter(TBL)):
        if tbl.find(TR) is None and tbl.getparent() is not None:
            tbl.getparent().remove(tbl)
    # paragraph marks
    joined = []
    for el in list(root.iter(INS, DEL, MOVE_FROM, MOVE_TO)):
        if not is_mark(el):
            continue
        rpr = el.getparent()
        holder = rpr.getparent()
        rpr.remove(el)
        if el.tag in drop and holder is not None and holder.tag == PPR:
            joined.append(holder.getparent())
    for p in reversed(joined):
        if p is not None and p.getparent() is not None:
            _merge_with_next(p)
    # run containers
    for el in list(root.iter(INS, DEL, MOVE_FROM, MOVE_TO)):
        if el.getparent() is None:
            continue
        if el.tag in drop:
            el.getparent().remove(el)
        else:
            if not accept:
                for t in el.iter(DEL_TEXT):
                    t.tag = T
                for t in el.iter(DEL_INSTR_TEXT):
                    t.tag = INSTR_TEXT
            _unwrap(el)
    for el in list(root.iter(*RANGE_MARKS)):
        el.getparent().remove(el)
    for el in list(root.iter(*PROPERTY_CHANGES)):
        parent = el.getparent()
        if parent is None:
            continue
        if not accept:
            former = next(iter(el), None)
            if former is not None and el.tag != w("numberingChange"):
                carry = {RPR, w("sectPr")} if parent.tag == PPR else set()
                for c in list(parent):
                    if c is not el and c.tag not in carry:
                        parent.remove(c)
                for k, c in enumerate(list(former)):
                    parent.insert(k, c)
        parent.remove(el)
    return n


def unwrap_content_controls(root: Any) -> None:
    """Replace every content control (w:sdt) and custom-XML wrapper by its content: LibreOffice drops
    tracked changes written inside content controls, and the text is what a redline is about."""
    for el in list(root.iter(SDT)):
        if el.getparent() is None:
            continue
        content = el.find(SDT_CONTENT)
        parent = el.getparent()
        if content is None:
            parent.remove(el)
            continue
        idx = parent.index(el)
        for k, child in enumerate(list(content)):
            parent.insert(idx + k, child)
        parent.remove(el)
    for el in list(root.iter(CUSTOM_XML)):
        if el.getparent() is None:
            continue
        for c in el.findall(w("customXmlPr")):
            el.remove(c)
        _unwrap(el)


# ---- text -------------------------------------------------------------------------------------------
def run_pieces(run: Any) -> list[tuple[Any, str]]:
    """(child, text) for each child of a run, in order: w:t and w:delText give their text, w:tab "\\t",
    w:br and w:cr "\\n", w:noBreakHyphen "-"; everything else (drawings, field characters, field code text,
    note references) gives ""."""
    out = []
    for c in run:
        tag = c.tag
        if tag in (T, DEL_TEXT):
            out.append((c, c.text or ""))
        elif tag == w("tab") or tag == w("ptab"):
            out.append((c, "\t"))
        elif tag in (w("br"), w("cr")):
            out.append((c, "\n"))
        elif tag == w("noBreakHyphen"):
            out.append((c, "-"))
        elif tag == w("sym"):
            out.append((c, ""))
        else:
            out.append((c, ""))
    return out


def paragraph_runs(p: Any) -> list[Any]:
    """The runs of a paragraph in document order, through hyperlinks, simple fields, smart tags and
    run-level containers (not into text boxes or nested paragraphs)."""
    out: list[Any] = []

    def walk(el: Any) -> None:
        for c in el:
            if c.tag == R:
                out.append(c)
            elif c.tag in RUN_CONTAINERS:
                walk(c)
    walk(p)
    return out


def _field_state(runs: list[Any]) -> list[bool]:
    """For each run: True when it lies inside a complex field's code (between begin and separate), whose
    text is not shown."""
    depth_code: list[bool] = []
    out = []
    fld_char = w("fldChar")
    for r in runs:
        in_code = bool(depth_code and depth_code[-1])
        out.append(in_code)
        for fc in r.iter(fld_char):
            t = fc.get(w("fldCharType"))
            if t == "begin":
                depth_code.append(True)
            elif t == "separate" and depth_code:
                depth_code[-1] = False
            elif t == "end" and depth_code:
                depth_code.pop()
    return out


def paragraph_segments(p: Any) -> list[tuple[Any, Any, str]]:
    """(run, child, text) for every text-carrying child of the paragraph's visible runs."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    out = []
    for r, h in zip(runs, hidden, strict=True):
        if h:
            continue
        for c, text in run_pieces(r):
            if text:
                out.append((r, c, text))
    return out


def paragraph_text(p: Any) -> str:
    return "".join(t for _, _, t in paragraph_segments(p))


def paragraph_style(p: Any) -> str | None:
    ppr = p.find(PPR)
    if ppr is None:
        return None
    st = ppr.find(w("pStyle"))
    return None if st is None else st.get(w("val"))


def paragraph_numpr(p: Any) -> tuple[str | None, int | None]:
    """(numId, ilvl) given directly on a paragraph, or (None, None)."""
    ppr = p.find(PPR)
    numpr = None if ppr is None else ppr.find(w("numPr"))
    if numpr is None:
        return None, None
    nid = numpr.find(w("numId"))
    lvl = numpr.find(w("ilvl"))
    return (None if nid is None else nid.get(w("val")),
            None if lvl is None else int(lvl.get(w("val"), "0") or 0))


def paragraph_bookmarks(p: Any) -> list[str]:
    return [b.get(w("name"), "") for b in p.iter(BOOKMARK_START)]


def block_items(container: Any) -> list[Any]:
    """Paragraphs and tables directly in a body, cell, or similar container (content controls unwrapped
    beforehand)."""
    return [c for c in container if c.tag in (P, TBL)]


def table_rows(tbl: Any) -> list[Any]:
    return tbl.findall(TR)


def row_cells(tr: Any) -> list[Any]:
    return tr.findall(TC)


def is_merged_continuation(tc: Any) -> bool:
    """A cell that continues a vertical merge (w:vMerge without val="restart"): shown as part of the cell
    above, and not listed on its own by Word or LibreOffice."""
    tcpr = tc.find(TCPR)
    vm = None if tcpr is None else tcpr.find(w("vMerge"))
    return vm is not None and vm.get(w("val"), "continue") != "restart"
