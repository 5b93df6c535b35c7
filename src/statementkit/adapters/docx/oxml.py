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


def table_rows(tbl: Any) -> list[list[Any]]:
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

def repeat_header_row(tr: Any) -> None:
    """Mark a table row (``w:tr``) as a header row repeated on each page (``w:tblHeader``)."""
    from lxml import etree

    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        tr.insert(0, trpr)
    if trpr.find(w("tblHeader")) is None:
        etree.SubElement(trpr, w("tblHeader"))


def cant_split_row(tr: Any) -> None:
    from lxml import etree

    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        tr.insert(0, trpr)
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
