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


# ---- reading text ---------------------------------------------------------------------------------------

def element_text(el: Any) -> str:
    """Text of a paragraph-like element as a reader sees it with tracked changes accepted.

    ``w:t`` inside ``w:ins`` counts, ``w:delText`` does not; ``w:br``/``w:cr`` give "\\n" and ``w:tab`` "\\t".
    Content controls, hyperlinks, smart tags and field results are read through.
    """
    out: list[str] = []
    for node in el.iter(w("t"), w("br"), w("cr"), w("tab"), w("noBreakHyphen")):
        tag = node.tag
        if tag == w("t"):
            out.append(node.text or "")
        elif tag in (w("br"), w("cr")):
            if node.get(w("type")) in (None, "textWrapping"):
                out.append("\n")
        elif tag == w("tab"):
            if node.getparent() is not None and node.getparent().tag == w("r"):
                out.append("\t")
        else:
            out.append("-")
    return "".join(out)


def cell_text(tc: Any) -> str:
    """Text of a table cell (``w:tc``): its paragraphs, also inside content controls, joined by "\\n"."""
    return "\n".join(element_text(p) for p in tc.iter(w("p")))


def table_cells_by_row(tbl: Any) -> list[list[Any]]:
    """The ``w:tc`` elements per ``w:tr`` of a table (rows wrapped in content controls included)."""
    rows = []
    for tr in tbl.iter(w("tr")):
        if _nearest(tr, w("tbl")) is not tbl:
            continue  # a row of a nested table
        rows.append([tc for tc in tr.iter(w("tc")) if _nearest(tc, w("tr")) is tr])
    return rows


def grid_span(tc: Any) -> int:
    tcpr = tc.find(w("tcPr"))
    span = tcpr.find(w("gridSpan")) if tcpr is not None else None
    try:
        return int(span.get(w("val"))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def body_tables(document_root: Any) -> list[Any]:
    """Top-level tables of ``w:document`` (not nested in other tables)."""
    body = document_root.find(w("body"))
    if body is None:
        return []
    return [t for t in body.iter(w("tbl")) if _nearest(t, w("tbl"), start_at_parent=True) is None]


def _nearest(el: Any, tag: str, *, start_at_parent: bool = True) -> Any:
    node = el.getparent() if start_at_parent else el
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


# ---- writing: tables and content controls ----------------------------------------------------------------

def _row_properties(tr: Any) -> Any:
    """The ``w:trPr`` of a table row, created first in the row when it has none."""
    from lxml import etree

    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        tr.insert(0, trpr)
    return trpr


def repeat_header_row(tr: Any) -> None:
    """Mark a table row (``w:tr``) as a header row repeated on each page (``w:tblHeader``)."""
    from lxml import etree

    trpr = _row_properties(tr)
    if trpr.find(w("tblHeader")) is None:
        etree.SubElement(trpr, w("tblHeader"))


def cant_split_row(tr: Any) -> None:
    """Keep a table row on one page (``w:cantSplit``, first in ``w:trPr`` as the schema orders it)."""
    from lxml import etree

    trpr = _row_properties(tr)
    if trpr.find(w("cantSplit")) is None:
        trpr.insert(0, etree.Element(w("cantSplit")))


def lock_runs_in_content_control(p: Any, tag: str, alias: str = "") -> None:
    """Wrap the runs of paragraph ``p`` in an inline rich-text content control that cannot be edited or
    deleted (``w:lock w:val="sdtContentLocked"``).  Word honours the lock; LibreOffice keeps the text."""
    from lxml import etree

    runs = [r for r in p if r.tag == w("r")]
    sdt = etree.Element(w("sdt"))
    pr = etree.SubElement(sdt, w("sdtPr"))
    if alias:
        etree.SubElement(pr, w("alias")).set(w("val"), alias)
    etree.SubElement(pr, w("tag")).set(w("val"), tag)
    etree.SubElement(pr, w("lock")).set(w("val"), "sdtContentLocked")
    content = etree.SubElement(sdt, w("sdtContent"))
    if runs:
        runs[0].addprevious(sdt)
    else:
        p.append(sdt)
    for r in runs:
        content.append(r)


def content_control_locks(root: Any) -> dict[str, str]:
    """``w:tag`` → ``w:lock`` value of every content control under ``root``."""
    out = {}
    for sdt in root.iter(w("sdt")):
        pr = sdt.find(w("sdtPr"))
        if pr is None:
            continue
        tag, lock = pr.find(w("tag")), pr.find(w("lock"))
        if tag is not None:
            out[tag.get(w("val"), "")] = lock.get(w("val"), "") if lock is not None else ""
    return out


def shade_cell(tc: Any, fill: str) -> None:
    """Background colour of a table cell (hex RGB, e.g. "EEEEEE")."""
    from lxml import etree

    tcpr = tc.get_or_add_tcPr()
    shd = tcpr.find(w("shd"))
    if shd is None:
        shd = etree.SubElement(tcpr, w("shd"))
    shd.set(w("val"), "clear")
    shd.set(w("color"), "auto")
    shd.set(w("fill"), fill)


# ---- custom document properties (docProps/custom.xml) ------------------------------------------------------

CUSTOM_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
CUSTOM_PROPS_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
OFFICE_DOCUMENT_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties_xml(props: dict[str, str]) -> bytes:
    """The ``docProps/custom.xml`` part holding ``props`` as text properties (``vt:lpwstr``)."""
    from lxml import etree

    root = etree.Element(f"{{{CUSTOM_PROPS_NS}}}Properties", nsmap={None: CUSTOM_PROPS_NS, "vt": VT_NS})
    for pid, (name, value) in enumerate(props.items(), start=2):
        prop = etree.SubElement(root, f"{{{CUSTOM_PROPS_NS}}}property", fmtid=_FMTID, pid=str(pid), name=name)
        etree.SubElement(prop, f"{{{VT_NS}}}lpwstr").text = value
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def add_custom_properties(document: Any, props: dict[str, str]) -> None:
    """Attach custom document properties to a python-docx ``Document`` (python-docx has no API for them)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPS_CT, custom_properties_xml(props), package)
    package.relate_to(part, CUSTOM_PROPS_RT)


def read_custom_properties(root: Any) -> dict[str, str]:
    """Name → text of every property in a parsed ``docProps/custom.xml``."""
    out = {}
    for prop in root.iter(f"{{{CUSTOM_PROPS_NS}}}property"):
        name = prop.get("name")
        if name is None:
            continue
        out[name] = "".join(prop.itertext())
    return out


def package_targets(rels_root: Any, reltype: str) -> list[str]:
    """Targets of the relationships of ``reltype`` in a parsed ``_rels/.rels``, as part names."""
    out = []
    for rel in rels_root.iter(f"{{{PKG_RELS_NS}}}Relationship"):
        if rel.get("Type") == reltype and rel.get("TargetMode") != "External":
            out.append((rel.get("Target") or "").lstrip("/"))
    return out


# ---- numbering -------------------------------------------------------------------------------------
def add_list_definition(numbering: Any, *, num_fmt: str, lvl_text: str, left_twips: int, hanging_twips: int,
                        suffix: str = "tab") -> int:
    """Add a one-level list (``w:abstractNum`` + ``w:num``) to a numbering part; return its numId.

    ``num_fmt`` is an ST_NumberFormat (decimal, bullet, chineseCounting …); ``lvl_text`` e.g. "%1." or "（%1）".
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
    name = CLAUSE_BOOKMARK_PREFIX + clause_id.replace("_", "__").replace("-", "_")
    return name if len(name) <= 40 else None  # Word keeps bookmark names to 40 characters


def add_clause_bookmark(p: Any, clause_id: str, ident: int) -> bool:
    """Wrap a paragraph's content in a hidden bookmark carrying ``clause_id`` (False if it cannot)."""
    from lxml import etree

    name = clause_bookmark_name(clause_id)
    if name is None:
        return False
    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), str(ident))
    start.set(w("name"), name)
    end = etree.Element(w("bookmarkEnd"))
    end.set(w("id"), str(ident))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)
    return True


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


# ---- writing tracked changes --------------------------------------------------------------------------
class Revisions:
    """Hands out w:id values and builds w:ins / w:del / w:moveFrom / w:moveTo elements for one author and
    date.  Ids start above every w:id already in the document, so they never collide."""

    def __init__(self, root: Any, author: str, date: str) -> None:
        top = 0
        wid = w("id")
        for el in root.iter():
            v = el.get(wid)
            if v is not None and v.lstrip("-").isdigit():
                top = max(top, int(v))
        self.next_id = top + 1
        self.author = author
        self.date = date
        self.count = 0
        self.move_names = 0

    def element(self, tag: str, *, count: bool = True) -> Any:
        from lxml import etree

        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        self.next_id += 1
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        if count:
            self.count += 1
        return el

    def move_name(self) -> str:
        self.move_names += 1
        return f"_skMove{self.move_names}"


_PPR_AFTER_RPR = {w("sectPr"), w("pPrChange")}


def get_or_add_ppr(p: Any) -> Any:
    from lxml import etree

    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    return ppr


def set_paragraph_mark(p: Any, kind: str, revs: Revisions) -> None:
    """Mark the paragraph mark of ``p`` as inserted/deleted/moved (``kind`` = ins, del, moveFrom, moveTo),
    replacing any mark it had."""
    from lxml import etree

    ppr = get_or_add_ppr(p)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        anchor = next((c for c in ppr if c.tag in _PPR_AFTER_RPR), None)
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    for c in list(rpr):
        if c.tag in (INS, DEL, MOVE_FROM, MOVE_TO):
            rpr.remove(c)
    rpr.insert(0, revs.element(kind, count=False))


def clear_paragraph_mark(p: Any) -> None:
    ppr = p.find(PPR)
    rpr = None if ppr is None else ppr.find(RPR)
    if rpr is not None:
        for c in list(rpr):
            if c.tag in (INS, DEL, MOVE_FROM, MOVE_TO):
                rpr.remove(c)


def to_deleted_text(el: Any) -> None:
    """w:t → w:delText and w:instrText → w:delInstrText under ``el`` (text inside a deletion)."""
    for t in el.iter(T):
        t.tag = DEL_TEXT
    for t in el.iter(INSTR_TEXT):
        t.tag = DEL_INSTR_TEXT


def wrap_runs(runs: list[Any], kind: str, revs: Revisions) -> None:
    """Wrap ``runs`` (in document order) in w:ins/w:del/w:moveFrom/w:moveTo, one wrapper per stretch of
    adjacent sibling runs."""
    k = 0
    while k < len(runs):
        first = runs[k]
        group = [first]
        while k + len(group) < len(runs) and runs[k + len(group)].getprevious() is group[-1]:
            group.append(runs[k + len(group)])
        wrapper = revs.element(kind)
        first.addprevious(wrapper)
        for r in group:
            wrapper.append(r)
        if kind in ("del", "moveFrom"):
            to_deleted_text(wrapper)
        k += len(group)


def mark_paragraph(p: Any, kind: str, revs: Revisions) -> None:
    """Every run of ``p`` and (by default) its mark as inserted/deleted/moved."""
    runs = paragraph_runs(p)
    if runs:
        wrap_runs(runs, kind, revs)
    set_paragraph_mark(p, kind, revs)


def mark_row(tr: Any, kind: str, revs: Revisions) -> None:
    """A table row inserted or deleted (w:trPr/w:ins or w:del), with all its runs."""
    from lxml import etree

    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        ex = tr.find(w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    trpr.append(revs.element("ins" if kind in ("ins", "moveTo") else "del"))
    for p in tr.iter(P):
        runs = paragraph_runs(p)
        if runs:
            wrap_runs(runs, "ins" if kind in ("ins", "moveTo") else "del", revs)


def wrap_move_range(p: Any, kind: str, revs: Revisions, name: str) -> None:
    """Put ``p`` inside a moveFromRange / moveToRange (range markers as Word writes them)."""
    from lxml import etree

    start = revs.element(f"{kind}RangeStart", count=False)
    start.set(w("name"), name)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), start.get(w("id")))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.addnext(end)


_FOREIGN = {w(t) for t in ("drawing", "pict", "object", "footnoteReference", "endnoteReference",
                           "commentReference", "commentRangeStart", "commentRangeEnd", "bookmarkStart",
                           "bookmarkEnd", "permStart", "permEnd")}
_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def sanitize_foreign(el: Any, known_num_ids: set[str]) -> None:
    """Make content copied from another document safe to put in this one: drop what points into the
    other package (images, notes, comments, relationships), bookmarks (names would clash) and unknown
    numbering; keep the text and its formatting."""
    for c in list(el.iter(*_FOREIGN)):
        if c.getparent() is not None:
            c.getparent().remove(c)
    for c in list(el.iter(HYPERLINK)):
        if c.getparent() is not None:
            _unwrap(c)
    for c in el.iter():
        for attr in list(c.attrib):
            if attr.startswith(f"{{{R_NS}}}") or attr in (f"{{{_W14}}}paraId", f"{{{_W14}}}textId"):
                del c.attrib[attr]
    for numpr in list(el.iter(w("numPr"))):
        nid = numpr.find(w("numId"))
        if nid is None or nid.get(w("val")) not in known_num_ids:
            numpr.getparent().remove(numpr)


def num_ids(numbering: Any) -> set[str]:
    if numbering is None:
        return {"0"}
    return {n.get(w("numId"), "") for n in numbering.findall(w("num"))} | {"0"}


def split_run(run: Any, child: Any, offset: int) -> Any:
    """Split ``run`` before character ``offset`` of its text child ``child`` (offset 0: before the child).
    Returns the new run holding the rest; both keep the run properties."""
    import copy

    from lxml import etree

    new = etree.Element(R)
    for k, v in run.attrib.items():
        new.set(k, v)
    rpr = run.find(RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    children = [c for c in run if c.tag != RPR]
    idx = children.index(child)
    move = children[idx + 1:]
    if offset > 0:
        text = child.text or ""
        rest = etree.SubElement(new, child.tag)
        rest.text = text[offset:]
        rest.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        child.text = text[:offset]
        child.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    else:
        move = children[idx:]
    for c in move:
        new.append(c)
    run.addnext(new)
    return new


def text_runs(p: Any) -> list[tuple[Any, int, int]]:
    """(run, start, end) for every visible run of ``p`` in new-text coordinates (end == start when the run
    has no text)."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    out = []
    pos = 0
    for r, h in zip(runs, hidden, strict=True):
        n = 0 if h else sum(len(t) for _, t in run_pieces(r))
        out.append((r, pos, pos + n))
        pos += n
    return out


def split_at(p: Any, offsets: set[int]) -> None:
    """Make every offset in ``offsets`` fall on a run boundary in ``p``."""
    runs = paragraph_runs(p)
    hidden = _field_state(runs)
    pos = 0
    for r, h in zip(runs, hidden, strict=True):
        if h:
            continue
        cur = r
        for child, text in run_pieces(r):
            n = len(text)
            if not n:
                continue
            cuts = sorted(o - pos for o in offsets if pos < o < pos + n)
            done = 0
            piece = child
            for cut in cuts:
                k = cut - done
                if child.tag in (T, DEL_TEXT):
                    cur = split_run(cur, piece, k)
                    piece = next(c for c in cur if c.tag == child.tag)
                done = cut
            # a boundary right after this child (but before the next one) splits the run too
            if pos + n in offsets:
                nxt = piece.getnext()
                if nxt is not None:
                    cur = split_run(cur, nxt, 0)
            pos += n


def set_fixed_table_width(table: Any, widths: Any) -> None:
    """Fix a python-docx table's column widths (EMU lengths): grid, cells, and ``w:tblW`` in twips.

    LibreOffice lays a table out from ``w:tblW`` and the grid; with python-docx's default ``tblW auto``
    it spreads the columns evenly whatever the grid says.
    """
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    tblw = table._tbl.tblPr.find(w("tblW"))
    if tblw is None:
        from lxml import etree

        tblw = etree.SubElement(table._tbl.tblPr, w("tblW"))
    tblw.set(w("type"), "dxa")
    tblw.set(w("w"), str(sum(int(x.twips) for x in widths)))
