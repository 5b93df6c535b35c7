"""Tables and content controls: cells by row, row and cell properties, fixed widths, locked content
controls, and unwrapping content controls and custom-XML wrappers."""

from __future__ import annotations

from typing import Any

from statementkit.adapters.docx.oxml.ns import CUSTOM_XML, SDT, SDT_CONTENT, TC, TCPR, TR, unwrap, w
from statementkit.adapters.docx.oxml.text import element_text
from statementkit.adapters.docx.oxml.values import decimal_value


def cell_text(tc: Any) -> str:
    """Text of a table cell (``w:tc``): its paragraphs, also inside content controls, joined by "\\n"."""
    return "\n".join(element_text(p) for p in tc.iter(w("p")))


def table_cells_by_row(tbl: Any) -> list[list[Any]]:
    """The ``w:tc`` elements per ``w:tr`` of a table (rows wrapped in content controls included)."""
    rows = []
    for tr in tbl.iter(w("tr")):
        if nearest(tr, w("tbl")) is not tbl:
            continue  # a row of a nested table
        rows.append([tc for tc in tr.iter(w("tc")) if nearest(tc, w("tr")) is tr])
    return rows


def grid_span(tc: Any) -> int:
    """How many grid columns a cell spans (1 without ``w:gridSpan``); DocxError for a value out of bounds."""
    tcpr = tc.find(w("tcPr"))
    span = decimal_value(tcpr.find(w("gridSpan")) if tcpr is not None else None, "gridSpan")
    return 1 if span is None else span


def body_tables(document_root: Any) -> list[Any]:
    """Top-level tables of ``w:document`` (not nested in other tables)."""
    body = document_root.find(w("body"))
    if body is None:
        return []
    return [t for t in body.iter(w("tbl")) if nearest(t, w("tbl"), start_at_parent=True) is None]


def nearest(el: Any, tag: str, *, start_at_parent: bool = True) -> Any:
    node = el.getparent() if start_at_parent else el
    while node is not None and node.tag != tag:
        node = node.getparent()
    return node


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
        unwrap(el)
