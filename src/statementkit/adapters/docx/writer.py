"""Write rendered statements as signature-ready DOCX: one language per file, or a parallel trilingual table.

A4, Times New Roman for English and Russian, a Chinese font set through the east-Asian font attribute
(``w:rFonts/@w:eastAsia``) for Chinese; real Word numbering for clauses ("1.") and sub-items ("-" / "（一）");
document language and title in the core properties, with the statementkit and library versions recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from statementkit.adapters.atomic import atomic_path
from statementkit.adapters.docx import oxml
from statementkit.model.document import Block, BlockKind, RenderedDocument

LATIN_FONT = "Times New Roman"
CHINESE_FONT = "SimSun"  # 宋体: the standard body face of Chinese official documents
LANG_TAGS = {"en": "en-US", "zh": "zh-CN", "ru": "ru-RU"}
LANG_HEADERS = {"en": "English", "zh": "中文", "ru": "Русский"}
TITLE_STYLE = "Statement Title"
BODY_STYLE = "Statement Body"

# how sub-items are numbered in each language: (numFmt, lvlText)
_ITEM_NUMBERING = {"en": ("bullet", "-"), "ru": ("bullet", "–"), "zh": ("chineseCounting", "（%1）")}


def clause_label(doc: RenderedDocument, number: int) -> str:
    """The visible number of a clause: "3. ", or "三、" in a Chinese text numbered the Chinese way."""
    if doc.lang == "zh" and doc.meta.get("zh_numbering", "chinese") == "chinese":
        from statementkit.services.assemble.formatting import zh_number

        return f"{zh_number(number)}、"
    return f"{number}. "


def _clause_numbering(doc: RenderedDocument) -> tuple[str, str]:
    """(numFmt, lvlText) of the clause list: Word's chineseCounting "一、" or decimal "1."."""
    if clause_label(doc, 1).endswith("、"):
        return "chineseCounting", "%1、"
    return "decimal", "%1."


def item_label(lang: str, index: int) -> str:
    """The visible label of sub-item ``index`` (1-based), as Word renders it: "-", "–", "（一）"."""
    fmt, text = _ITEM_NUMBERING[lang]
    if fmt == "bullet":
        return text
    from statementkit.services.assemble.formatting import zh_number

    return text.replace("%1", zh_number(index))


def new_document(lang: str) -> Any:
    """A python-docx Document with statementkit's page, fonts and styles for ``lang`` (no content)."""
    return _new_document(lang)


def _new_document(lang_for_styles: str, *, landscape: bool = False) -> Any:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    width, height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20 if landscape else 25))

    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(12)
    oxml.set_east_asian_font(normal.element, CHINESE_FONT)
    oxml.set_language(normal.element, *oxml.run_language(lang_for_styles)[:1], east_asia="zh-CN")
    normal.paragraph_format.space_after = Pt(6)

    from docx.enum.style import WD_STYLE_TYPE

    title = document.styles.add_style(TITLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    title.base_style = normal
    title.font.bold = True
    title.font.size = Pt(14)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(18)
    body = document.styles.add_style(BODY_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    body.base_style = normal
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.line_spacing = 1.15
    return document


def _set_core(document: Any, docs: Sequence[RenderedDocument], lang_tag: str) -> None:
    """Our own package properties (none of python-docx's template's), dated by :func:`oxml.build_time`."""
    meta = docs[0].meta
    oxml.own_package(document, application=f"statementkit {meta.get('statementkit', '')}".strip(),
                     title=docs[0].title, language=lang_tag,
                     comments=f"statementkit {meta.get('statementkit', '')}; clause library {meta.get('library', '')}")
    document.core_properties.keywords = "joint statement"


class _Lists:
    """The numbering definitions one document needs, created on first use."""

    def __init__(self, document: Any) -> None:
        self.numbering = document.part.numbering_part.element
        self._ids: dict[str, int] = {}

    def clauses(self, doc: RenderedDocument) -> int:
        if "clauses" not in self._ids:
            fmt, text = _clause_numbering(doc)
            self._ids["clauses"] = oxml.add_list_definition(
                self.numbering, num_fmt=fmt, lvl_text=text, left_twips=0, hanging_twips=0,
                suffix="nothing" if fmt == "chineseCounting" else "space")
        return self._ids["clauses"]

    def items(self, lang: str) -> int:
        """A fresh list per clause so that Chinese counting restarts at （一）."""
        fmt, text = _ITEM_NUMBERING[lang]
        return oxml.add_list_definition(self.numbering, num_fmt=fmt, lvl_text=text,
                                        left_twips=720 if fmt == "bullet" else 0,
                                        hanging_twips=360 if fmt == "bullet" else 0,
                                        suffix="space" if fmt != "bullet" else "tab",
                                        label_font=LATIN_FONT if fmt == "bullet" else None)


def _add_blocks(container: Any, doc: RenderedDocument, lists: _Lists, *, styles: Any) -> None:
    """Lay blocks out as paragraphs; each clause paragraph carries its id in a hidden bookmark, so a
    diff between two built DOCX aligns clauses by id (see :func:`oxml.add_clause_bookmark`).

    The signature page starts on a new page with the "Done at" line; the signature blocks follow in this
    copy's order, side by side for two parties and one under the other for more (:func:`_signature_table`).
    """
    from docx.enum.text import WD_BREAK

    lang = doc.lang
    blocks = doc.blocks
    signatures = [b for b in blocks if b.kind is BlockKind.SIGNATURE]
    item_list: int | None = None
    page_broken = False
    tables: dict[int, Any] = {}  # index of a table's first cell block -> the table
    for bookmark_id, block in enumerate(blocks, 1):
        if block.kind is BlockKind.SIGNATURE:
            continue
        if block.kind is BlockKind.CELL:
            item_list = None
            para = _cell_paragraph(container, blocks, bookmark_id - 1, tables, styles)
        elif block.kind is BlockKind.TITLE:
            para = container.add_paragraph(block.text, style=styles[TITLE_STYLE])
        elif block.kind is BlockKind.NUMBERED:
            para = container.add_paragraph(block.text, style=styles[BODY_STYLE])
            oxml.set_numbering(para, lists.clauses(doc))
            item_list = None
        elif block.kind is BlockKind.BULLET:
            if item_list is None:
                item_list = lists.items(lang)
            para = container.add_paragraph(block.text, style=styles[BODY_STYLE])
            oxml.set_numbering(para, item_list)
        else:
            if block.kind is BlockKind.PLACE_DATE and signatures:  # the signature page
                container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                page_broken = True
            para = container.add_paragraph(block.text, style=styles[BODY_STYLE])
            if block.kind is BlockKind.PARAGRAPH:
                item_list = None
        for run in para.runs:
            _language(run._r, lang)
        if block.unit_id and block.kind is not BlockKind.TITLE:
            oxml.add_clause_bookmark(para._p, block.unit_id, bookmark_id)
    if signatures:
        if not page_broken:
            container.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _signature_table(container, signatures, lang, styles)


def _cell_paragraph(container: Any, blocks: Sequence[Block], k: int, tables: dict[int, Any], styles: Any) -> Any:
    """The paragraph of cell block ``k``: consecutive CELL blocks of one table id are one table (rows and
    columns as many as the highest given; a cell not given stays empty), created at its first cell."""
    from docx.shared import Mm

    def table_of(i: int) -> str | None:
        cell = blocks[i].cell
        return cell[0] if blocks[i].kind is BlockKind.CELL and cell is not None else None

    tid = table_of(k)
    start = k
    while start > 0 and table_of(start - 1) == tid:
        start -= 1
    if start not in tables:
        end = k
        while end + 1 < len(blocks) and table_of(end + 1) == tid:
            end += 1
        cells = [b.cell for b in blocks[start:end + 1] if b.cell is not None]
        rows, cols = max(c[1] for c in cells), max(c[2] for c in cells)
        table = container.add_table(rows=rows, cols=cols)
        table.style = styles["Table Grid"]
        oxml.set_fixed_table_width(table, [Mm(160 // cols)] * cols)  # A4 less 2 × 25 mm
        tables[start] = table
    _tid, row, col = blocks[k].cell or ("", 1, 1)
    para = tables[start].cell(row - 1, col - 1).paragraphs[0]
    para.style = styles[BODY_STYLE]
    para.add_run(blocks[k].text)
    return para


def _signature_table(container: Any, blocks: Sequence[Block], lang: str, styles: Any) -> None:
    """The signature blocks in a borderless table: two columns for a bilateral statement, one otherwise."""
    from docx.shared import Mm, Pt

    from statementkit.services.assemble.render import LINE_BREAK

    cols = 2 if len(blocks) == 2 else 1
    table = container.add_table(rows=(len(blocks) + cols - 1) // cols, cols=cols)
    for i, block in enumerate(blocks):
        cell = table.rows[i // cols].cells[i % cols]
        para = cell.paragraphs[0]
        para.style = styles[BODY_STYLE]
        para.paragraph_format.space_after = Pt(18)
        for j, line in enumerate(block.text.split(LINE_BREAK)):
            run = para.add_run(line)
            oxml.set_language(run._r, LANG_TAGS[lang], east_asia="zh-CN")
            if j:
                run._r.addprevious(_break())
        oxml.add_clause_bookmark(para._p, block.unit_id or "@signature", 10_000 + i)
    oxml.set_fixed_table_width(table, [Mm(160 // cols)] * cols)  # A4 less 2 × 25 mm


def _break() -> Any:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    r.append(OxmlElement("w:br"))
    return r


def write_docx(doc: RenderedDocument, path: str | Path) -> None:
    """One language version, signature-ready."""
    document = _new_document(doc.lang)
    _set_core(document, [doc], LANG_TAGS[doc.lang])
    lists = _Lists(document)
    _add_blocks(document, doc, lists, styles=document.styles)
    with atomic_path(path) as tmp:
        document.save(str(tmp))


def write_pdf(docs: Sequence[RenderedDocument], targets: Sequence[Path]) -> None:
    """Each language version as PDF/A-2b: the DOCX laid out by headless LibreOffice (one soffice run).

    Raises StatementkitError with the package to install when soffice is missing; nothing is written then.
    """
    import shutil
    import tempfile

    from statementkit.adapters import libreoffice

    if libreoffice.soffice() is None:
        raise libreoffice.StatementkitError(libreoffice.INSTALL_HINT)
    work = Path(tempfile.mkdtemp(prefix="sk_docx_"))
    try:
        sources = []
        for i, doc in enumerate(docs):
            src = work / f"{i:02d}-{Path(targets[i]).stem}.docx"
            write_docx(doc, src)
            sources.append(src)
        pdfs = libreoffice.convert_to_pdfa(sources)
        try:
            for src, target in zip(sources, targets, strict=True):
                with atomic_path(target) as tmp:
                    shutil.copyfile(pdfs[src], tmp)
        finally:
            shutil.rmtree(next(iter(pdfs.values())).parent, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_parallel_docx(docs: Sequence[RenderedDocument], path: str | Path) -> None:
    """All language versions side by side: a table row per title/clause/item, a column per language."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = _new_document("en", landscape=True)
    _set_core(document, docs, LANG_TAGS[docs[0].lang])  # one tag; each run declares its own language
    table = document.add_table(rows=1, cols=len(docs))
    table.style = document.styles["Table Grid"]
    for cell, d in zip(table.rows[0].cells, docs, strict=True):
        cell.text = LANG_HEADERS[d.lang]
        cell.paragraphs[0].runs[0].font.bold = True
        _language(cell.paragraphs[0].runs[0]._r, d.lang)
    oxml.repeat_header_row(table.rows[0]._tr)
    item_index = 0
    for row_blocks in _aligned_rows(docs):
        first = next(b for b in row_blocks if b is not None)
        item_index = item_index + 1 if first.kind is BlockKind.BULLET else 0
        cells = table.add_row().cells
        for cell, d, block in zip(cells, docs, row_blocks, strict=True):
            if block is None:
                continue
            label = _label(block, d, item_index)
            para = cell.paragraphs[0]
            para.style = document.styles[BODY_STYLE]
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified text in narrow columns opens rivers
            from statementkit.services.assemble.render import LINE_BREAK

            run = para.add_run(f"{label}{block.text}".replace(LINE_BREAK, " / "))
            run.bold = block.kind is BlockKind.TITLE
            _language(run._r, d.lang)
    from docx.shared import Mm

    oxml.set_fixed_table_width(table, [Mm(257 // len(docs))] * len(docs))  # A4 landscape less 2 × 20 mm
    with atomic_path(path) as tmp:
        document.save(str(tmp))


def _language(r: Any, lang: str) -> None:
    """A run's language (:func:`oxml.run_language`) and its non-breaking hyphens (Russian contractions)."""
    val, east_asia = oxml.run_language(lang)
    oxml.set_language(r, val, east_asia=east_asia)
    if lang == "ru":
        oxml.no_break_hyphens(r)


def _aligned_rows(docs: Sequence[RenderedDocument]) -> list[list[Block | None]]:
    """Rows keyed by unit id (title first), in the first language's order."""
    keyed: list[dict[str, Block]] = []
    for d in docs:
        keyed.append({(b.unit_id or f"#{b.kind.value}"): b for b in d.blocks})
    order = [(b.unit_id or f"#{b.kind.value}") for b in docs[0].blocks]
    return [[k.get(key) for k in keyed] for key in order]


def _label(block: Block, doc: RenderedDocument, item_index: int) -> str:
    """The visible number of a cell: "3. " / "三、" for a clause, "- " / "（二）" for the ``item_index``-th
    sub-item."""
    if block.kind is BlockKind.NUMBERED and block.number is not None:
        return clause_label(doc, block.number)
    if block.kind is BlockKind.BULLET:
        return item_label(doc.lang, item_index) + ("" if doc.lang == "zh" else " ")
    return ""
