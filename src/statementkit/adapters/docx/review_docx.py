"""The bilingual review DOCX: a header and one table row per clause, with hidden identity to import it back.

Columns: number, id, source, target, status (origin under it), notes.  Only the target and status cells
are for the translator.  The id sits in a locked content control (Word will not let it be edited or the
control deleted); the file's custom document properties (``docProps/custom.xml``, kept by Word and by
LibreOffice) record the statement, the language and, per row, the unit id, source hash, target hash and
status as exported and the hash of the target's review key (services/review/rows.py), which is what import
compares against.  Cells are read as Word shows them with every tracked change accepted (``oxml.shown``).
Import reads the package through the checked zip opener and the hardened XML parser only — never
python-docx — so a hostile file meets one code path.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from statementkit import __version__
from statementkit.adapters.atomic import atomic_path
from statementkit.adapters.docx import oxml
from statementkit.adapters.langtags import require_language
from statementkit.adapters.xmlsafe import parse_xml
from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked, read_member
from statementkit.errors import DocxError, ReviewError
from statementkit.model.translation import Status, source_hash
from statementkit.services.diff.inline import InlineOp, inline_diff
from statementkit.services.review import ExportedRow, ReturnedRow, ReviewManifest, ReviewRow

COLUMNS = ("No.", "Id", "Source", "Target", "Status", "Notes")
ID_COL, SOURCE_COL, TARGET_COL, STATUS_COL = 1, 2, 3, 4
PREFIX = "statementkit."
FORMAT = "review-docx 1"
_PART_LIMIT = 64 * 1024 * 1024
_EAST_ASIAN_FONT = {"zh": "SimSun"}
_LANG_TAG = {"en": "en-GB", "zh": "zh-CN", "ru": "ru-RU"}
_AS_EXPORTED = re.compile(r"(draft|reviewed|approved)\n\((template|memory|machine|human|untranslated)\)")
_LANG_NAME = {"en": "English", "zh": "Chinese", "ru": "Russian"}


@dataclass(frozen=True)
class ReviewHeader:
    title: str
    statement_name: str
    statement_key: str
    source_lang: str
    lang: str
    date: dt.date


def manifest_properties(header: ReviewHeader, rows: Sequence[ReviewRow]) -> dict[str, str]:
    props = {
        f"{PREFIX}format": FORMAT,
        f"{PREFIX}version": __version__,
        f"{PREFIX}statement": header.statement_key,
        f"{PREFIX}statement-name": header.statement_name,
        f"{PREFIX}source-lang": header.source_lang,
        f"{PREFIX}lang": header.lang,
        f"{PREFIX}rows": str(len(rows)),
    }
    for k, row in enumerate(rows, 1):
        props[f"{PREFIX}row.{k:04d}"] = (f"{row.unit_id} {row.source_hash} {row.target_hash} {row.status.value} "
                                         f"{row.target_key_hash}")
    return props


def write_review_docx(path: str | Path, header: ReviewHeader, rows: Sequence[ReviewRow]) -> None:
    """Write the review file atomically."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt, RGBColor

    d = docx.Document()
    section = d.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    oxml.set_east_asian_font(normal.element, _EAST_ASIAN_FONT.get(header.lang, "SimSun"))
    oxml.own_package(d, application=f"statementkit {__version__}", title=f"Review ({header.lang}): {header.title}",
                     language=oxml.run_language(header.lang)[0],
                     comments=f"statementkit {__version__} review of {header.statement_name}")

    d.add_heading(header.title, level=1)
    src, tgt = _LANG_NAME[header.source_lang], _LANG_NAME[header.lang]
    d.add_paragraph(f"Review of the {tgt} version ({header.source_lang} → {header.lang}) · "
                    f"{header.statement_name} · exported {header.date.isoformat()} · {len(rows)} clauses")
    for line in (
        f"Edit only the Target column ({tgt}) and, if you wish, the Status column "
        "(draft, reviewed or approved). A line break inside a cell is kept.",
        "Do not change the No., Id or Source columns, and do not add, delete, merge or move rows: the import "
        "reports such changes and does not apply them.",
        f"Where the {src} source changed since the last approved translation, the Source cell shows the change "
        "as a redline (struck through: removed; underlined: added).",
        "Edited targets are imported as human translations (status reviewed unless you set approved).",
    ):
        d.add_paragraph(line, style="List Bullet")

    table = d.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    widths = (Cm(1.2), Cm(3.0), Cm(8.4), Cm(8.4), Cm(2.6), Cm(3.0))
    hdr = table.rows[0]
    labels = (*COLUMNS[:2], f"Source ({header.source_lang})", f"Target ({header.lang})", *COLUMNS[4:])
    for cell, label, width in zip(hdr.cells, labels, widths, strict=True):
        cell.width = width
        cell.text = ""
        run = cell.paragraphs[0].add_run(label)
        run.bold = True
        oxml.shade_cell(cell._tc, "D9D9D9")
    oxml.repeat_header_row(hdr._tr)

    for row in rows:
        cells = table.add_row().cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        cells[0].text = row.number
        id_par = cells[ID_COL].paragraphs[0]
        id_par.add_run(row.unit_id)
        oxml.lock_runs_in_content_control(id_par._p, tag=f"statementkit-id:{row.unit_id}", alias="Clause id")
        oxml.shade_cell(cells[ID_COL]._tc, "F2F2F2")
        src_par = cells[2].paragraphs[0]
        oxml.set_language(src_par.add_run("")._r, _LANG_TAG[header.source_lang])
        if row.previous_source is not None:
            # the same inline diff (with its lawyer's-redline cleanup) as `statementkit diff`
            for op in inline_diff(row.previous_source, row.source, header.source_lang) or [
                    InlineOp("equal", row.source)]:
                r = _add_text_run(src_par, op.text)
                if op.op == "delete":
                    r.font.strike = True
                    r.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
                elif op.op == "insert":
                    r.font.underline = True
                    r.font.color.rgb = RGBColor(0x00, 0x4E, 0xC0)
        else:
            _add_text_run(src_par, row.source)
        tgt_run = _add_text_run(cells[TARGET_COL].paragraphs[0], row.target)
        oxml.set_language(tgt_run._r, _LANG_TAG[header.lang], east_asia=_LANG_TAG[header.lang])
        cells[STATUS_COL].text = row.status.value
        cells[STATUS_COL].add_paragraph(f"({row.origin.value if row.origin else 'untranslated'})")
        note_lines = [*(f"flag: {f}" for f in row.flags), *row.notes]
        cells[5].text = ""
        par = cells[5].paragraphs[0]
        for k, note in enumerate(note_lines):
            if k:
                par = cells[5].add_paragraph()
            par.add_run(note).font.size = Pt(8)
        oxml.cant_split_row(cells[0]._tc.getparent())
    oxml.set_fixed_table_width(table, widths)
    oxml.add_custom_properties(d, manifest_properties(header, rows))
    with atomic_path(path) as tmp:
        d.save(str(tmp))


def _add_text_run(paragraph: Any, text: str) -> Any:
    """A run whose "\\n" become line breaks (python-docx's run.text does that); CR LF and CR become one
    line break too (python-docx would write two for CR LF), as Word shows them."""
    run = paragraph.add_run()
    run.text = text.replace("\r\n", "\n").replace("\r", "\n")
    return run


# ---- reading back -----------------------------------------------------------------------------------------

def read_review_docx(path: str | Path) -> tuple[ReviewManifest, list[ReturnedRow]]:
    """Read a (possibly edited, possibly LibreOffice-saved) review file: its manifest and returned rows."""
    p = Path(path)
    zf = open_checked(p, "review DOCX", DOCX_LIMITS, error=ReviewError)
    with zf:
        rels = parse_xml(read_member(zf, "_rels/.rels", _PART_LIMIT, "review DOCX", ReviewError),
                         "review DOCX _rels/.rels", ReviewError)
        props_parts = oxml.package_targets(rels, oxml.CUSTOM_PROPS_RT)
        main_parts = oxml.package_targets(rels, oxml.OFFICE_DOCUMENT_RT)
        if not main_parts:
            raise ReviewError("not a Word document (no main document part)", path=p)
        props: dict[str, str] = {}
        for name in props_parts:
            props.update(oxml.read_custom_properties(parse_xml(
                read_member(zf, name, _PART_LIMIT, "review DOCX", ReviewError), f"review DOCX {name}",
                ReviewError)))
        if not props.get(f"{PREFIX}format", "").startswith("review-docx"):
            raise ReviewError("not a statementkit review file (no review identity in its document properties)",
                              path=p)
        manifest = _manifest(props, p)
        doc = parse_xml(read_member(zf, main_parts[0], _PART_LIMIT, "review DOCX", ReviewError),
                        f"review DOCX {main_parts[0]}", ReviewError)
    # read the table as Word shows it with every tracked change accepted (rows and paragraph marks included)
    oxml.resolve_revisions(doc, "accept")
    try:
        return manifest, _returned_rows(doc, p)
    except DocxError as exc:  # a value out of bounds (oxml.values) names no file
        raise ReviewError(exc.message, path=p) from None


def _manifest(props: dict[str, str], p: Path) -> ReviewManifest:
    try:
        n = int(props[f"{PREFIX}rows"])
        rows = []
        for k in range(1, n + 1):
            fields = props[f"{PREFIX}row.{k:04d}"].split(" ")
            if len(fields) not in (4, 5):  # 4: files written before the review key hash
                raise ValueError(fields)
            uid, shash, thash, status = fields[:4]
            rows.append(ExportedRow(uid, shash, thash, Status(status), fields[4] if len(fields) == 5 else None))
        source_lang, lang = props[f"{PREFIX}source-lang"], props[f"{PREFIX}lang"]
    except (KeyError, ValueError):
        raise ReviewError("the review file's hidden identity is damaged (document properties edited?)",
                          path=p) from None
    try:  # BCP 47, as in every reader: a tool or a hand may have written ru-RU or zh-CN
        langs = [require_language(tag, f"document property {PREFIX}{name}")
                 for tag, name in ((source_lang, "source-lang"), (lang, "lang"))]
    except ValueError as exc:
        raise ReviewError(str(exc), path=p) from None
    return ReviewManifest(statement_key=props[f"{PREFIX}statement"],
                          statement_name=props.get(f"{PREFIX}statement-name", "?"),
                          source_lang=langs[0], lang=langs[1], rows=tuple(rows))


def _returned_rows(doc: Any, p: Path) -> list[ReturnedRow]:
    tables = oxml.body_tables(doc)
    if len(tables) != 1:
        raise ReviewError(f"the review table was restructured: expected one table, found {len(tables)}", path=p)
    rows = oxml.table_cells_by_row(tables[0])
    if not rows:
        raise ReviewError("the review table is empty", path=p)
    out: list[ReturnedRow] = []
    for k, cells in enumerate(rows):
        width = sum(oxml.grid_span(tc) for tc in cells)
        if len(cells) != len(COLUMNS) or width != len(COLUMNS):
            raise ReviewError(f"the review table was restructured: row {k} has {len(cells)} cells "
                              f"(spanning {width} columns), expected {len(COLUMNS)}", path=p)
        shown = [oxml.container_shown(tc) for tc in cells]
        texts = [unicodedata.normalize("NFC", s.text) for s in shown]
        if k == 0:
            if texts[ID_COL].strip() != COLUMNS[ID_COL] or not texts[TARGET_COL].startswith(COLUMNS[TARGET_COL]):
                raise ReviewError("the review table was restructured: its header row is not "
                                  f"{' | '.join(COLUMNS)}", path=p)
            continue
        status_cell = texts[STATUS_COL].strip()
        out.append(ReturnedRow(position=k, unit_id=texts[ID_COL].strip(), target=texts[TARGET_COL],
                               status=_status(status_cell),
                               status_touched=_AS_EXPORTED.fullmatch(status_cell) is None,
                               source_hash=source_hash(texts[SOURCE_COL]),
                               problems=tuple(shown[TARGET_COL].problems)))
    return out


def _status(text: str) -> Status | None:
    """The status a translator left: the first of draft/reviewed/approved in the cell (None: unreadable)."""
    import regex

    for word in regex.findall(r"\p{L}+", text.casefold()):
        try:
            return Status(word)
        except ValueError:
            continue
    return None
