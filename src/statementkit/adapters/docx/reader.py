"""Read a DOCX into the paragraphs a comparison works on.

Handles drafts from anyone, not only ``statementkit build`` output: automatic Word numbering (labels
computed from numbering.xml, levels and restarts), typed numbers ("1.", "(a)", "一、"), lists, tables
(cells row by row, vertically merged cells once), content controls, hyperlinks and fields (shown text
only).  Tracked changes already in the file are accepted by default, or rejected, or refused.
Footnotes, endnotes, headers, footers, comments and text boxes are read as stories of their own
(:mod:`statementkit.adapters.docx.stories`), each paragraph knowing its story.

Every part goes through :func:`statementkit.adapters.zipsafe.open_checked` and
:func:`statementkit.adapters.xmlsafe.parse_xml`, so zip bombs, path traversal, XML entities and DOCTYPEs
are refused with one line.
"""

from __future__ import annotations

import copy
import posixpath
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import regex

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.list_labels import Numbering
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.xmlsafe import parse_xml
from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked, read_member
from statementkit.errors import DocxError, InputError

ChangesMode = Literal["accept", "reject", "error"]
_PART_LIMIT = 64 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

# A number typed at the start of a paragraph: "1.", "1.2.", "12)", "(3)", "(a)", "a)", "IV.", "一、",
# "（二）", "3、".  The number is reported, never compared: renumbering alone is no change.
_TYPED_NUMBER = regex.compile(
    r"""^\s*(?P<num>
        \d{1,3}(?:\.\d{1,3})*[.)]            # 1.  1.2.  12)
      | \(\d{1,3}\)                          # (3)
      | \([a-zа-я]\) | [a-zа-я]\)            # (a)  a)
      | \([ivx]{1,5}\) | [IVX]{1,5}\.        # (iv)  IV.
      | [一二三四五六七八九十百零]{1,4}[、．.]   # 一、
      | [（(][一二三四五六七八九十]{1,3}[）)]   # （二）
      | \d{1,3}[、．]                         # 3、
      | \d{1,3}(?=\t)                         # 4<tab>
    )(?:\s+|(?<=[、．）)])(?=\S))(?=\S)""",
    regex.VERBOSE,
)


@dataclass
class Paragraph:
    """One paragraph of a DOCX as compared: text without its number, the number label (automatic or
    typed), its clause id when a statementkit bookmark marks it, and where it stands."""

    text: str
    number: str | None = None
    style: str | None = None
    clause_id: str | None = None
    location: str = "body"
    element: Any = field(default=None, repr=False, compare=False)
    story: str = "body"  # "body", or a story's label ("footnote 2", "header default, section 1", …)


@dataclass
class DocxDocument:
    path: Path
    root: Any  # the w:document element (revisions resolved, content controls unwrapped)
    paragraphs: list[Paragraph]
    revisions: int = 0
    numbering: Any = None  # parsed numbering.xml root, or None
    part_name: str = "word/document.xml"
    # every other story (footnotes, endnotes, headers, footers, comments, text boxes): stories.Story
    stories: list[Any] = field(default_factory=list)
    parts: dict[str, Any] = field(default_factory=dict)  # story part name -> its root (revisions resolved)
    # problems in the numbering part Word reads past, one line each (list_labels.Numbering.warnings);
    # keyword-only, so that positional construction keeps its meaning whatever fields follow
    warnings: list[str] = field(default_factory=list, kw_only=True)

    @property
    def body(self) -> Any:
        body = self.root.find(w("body"))
        if body is None:
            raise DocxError("the document has no body", path=self.path)
        return body

    def texts(self, *, nonempty: bool = True) -> list[str]:
        return [p.text for p in self.paragraphs if p.text.strip() or not nonempty]


# ---- reading ------------------------------------------------------------------------------------------
def _main_part(zf: Any, path: Path) -> str:
    try:
        rels = parse_xml(read_member(zf, "_rels/.rels", _PART_LIMIT, "DOCX", DocxError),
                         f"{path.name}: _rels/.rels", DocxError)
    except DocxError:
        rels = None
    if rels is not None:
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == _OFFICE_DOC:
                target = rel.get("Target", "").lstrip("/")
                return posixpath.normpath(target)
    return "word/document.xml"


def _optional_part(zf: Any, name: str, path: Path) -> Any:
    if name not in zf.namelist():
        return None
    return parse_xml(read_member(zf, name, _PART_LIMIT, f"{path.name}", DocxError), f"{path.name}: {name}",
                     DocxError)


def load_parts(path: str | Path) -> tuple[Path, Any, Any, Any, str]:
    """(path, document root, numbering root or None, styles root or None, document part name)."""
    p = Path(path)
    if p.is_file():
        with open(p, "rb") as fh:
            head = fh.read(8)
        if head == _OLE_MAGIC:
            raise DocxError("not a DOCX: an encrypted (password-protected) or legacy binary Word file", path=p)
    zf = open_checked(p, "DOCX", DOCX_LIMITS, DocxError)
    with zf:
        part = _main_part(zf, p)
        if part not in zf.namelist():
            raise DocxError(f"not a DOCX: no main document part ({part})", path=p)
        if "EncryptedPackage" in zf.namelist():
            raise DocxError("the DOCX is encrypted", path=p)
        root = parse_xml(read_member(zf, part, _PART_LIMIT, p.name, DocxError), f"{p.name}: {part}", DocxError)
        base = posixpath.dirname(part)
        numbering = _optional_part(zf, posixpath.join(base, "numbering.xml"), p)
        styles = _optional_part(zf, posixpath.join(base, "styles.xml"), p)
    if root.tag != w("document") or root.find(w("body")) is None:
        raise DocxError("not a Word document: the main part has no w:document/w:body", path=p)
    return p, root, numbering, styles, part


def prepare_tree(root: Any, changes: ChangesMode, path: Path) -> int:
    """Resolve tracked changes per ``changes`` and unwrap content controls, in place."""
    n = oxml.count_revisions(root)
    if n and changes == "error":
        raise DocxError(f"has {n} tracked changes (accept or reject them, or use --changes accept|reject)",
                        path=path)
    if n:
        oxml.resolve_revisions(root, "reject" if changes == "reject" else "accept")
    oxml.unwrap_content_controls(root)
    return n


def split_number(text: str) -> tuple[str | None, str]:
    """A typed number at the start of ``text`` and the text after it."""
    m = _TYPED_NUMBER.match(text)
    if not m:
        return None, text
    return m.group("num"), text[m.end():]


def collect_paragraphs(body: Any, numbering: Numbering | None) -> list[Paragraph]:
    """Every paragraph in reading order: body paragraphs, and table cells row by row (cells continuing a
    vertical merge are skipped, as Word and LibreOffice list the merged cell once)."""
    out: list[Paragraph] = []

    def walk(container: Any, where: str) -> None:
        tcount = 0
        for el in oxml.block_items(container):
            if el.tag == oxml.P:
                out.append(make_paragraph(el, numbering, where))
                continue
            tcount += 1
            for ri, tr in enumerate(oxml.table_rows(el), 1):
                for ci, tc in enumerate(oxml.row_cells(tr), 1):
                    if oxml.is_merged_continuation(tc):
                        continue
                    walk(tc, f"{where}/table {tcount} row {ri} cell {ci}")
    walk(body, "body")
    return out


def make_paragraph(p: Any, numbering: Numbering | None, where: str = "body") -> Paragraph:
    raw = unicodedata.normalize("NFC", oxml.paragraph_text(p))
    label = numbering.label(p) if numbering is not None else None
    typed, text = split_number(raw)
    cid = None
    for name in oxml.paragraph_bookmarks(p):
        cid = oxml.clause_id_of_bookmark(name)
        if cid:
            break
    return Paragraph(text=text, number=label or typed, style=oxml.paragraph_style(p), clause_id=cid,
                     location=where, element=p)


def read_docx(path: str | Path, changes: ChangesMode = "accept") -> DocxDocument:
    """Read a DOCX into paragraphs (see the module docstring): the body's in ``paragraphs``, every other
    story's (:mod:`statementkit.adapters.docx.stories`) in ``stories``."""
    p, root, numbering, styles, part = load_parts(path)
    n = prepare_tree(root, changes, p)
    try:
        numbers = Numbering(numbering, styles)
        body = root.find(w("body"))
        paragraphs = collect_paragraphs(body, numbers)
        parts, stories, m = _read_stories(p, part, root, paragraphs, numbers, changes)
        return DocxDocument(p, root, paragraphs, n + m, numbering, part, stories, parts,
                            warnings=numbers.warnings)
    except DocxError as exc:  # a value out of bounds (oxml.values) names no file
        if exc.path is not None:
            raise
        raise DocxError(exc.message, path=p) from None


def _read_stories(path: Path, part: str, root: Any, paragraphs: list[Paragraph], numbers: Any,
                  changes: ChangesMode) -> tuple[dict[str, Any], list[Any], int]:
    """(story part roots, stories, tracked changes found in them) of the DOCX at ``path``."""
    from statementkit.adapters.docx import stories as st

    with open_checked(path, "DOCX", DOCX_LIMITS, DocxError) as zf:
        roots, kinds, by_rid = st.read_story_parts(zf, part, path.name)
    n = 0
    for name, r in roots.items():
        try:
            n += prepare_tree(r, changes, path)
        except DocxError as exc:
            raise DocxError(f"{name}: {exc.message}", path=path) from None

    def make(container: Any, label: str) -> list[Paragraph]:
        out = collect_paragraphs(container, numbers)
        for para in out:
            para.location = label + para.location[len("body"):]
            para.story = label
        return out

    return roots, st.collect_stories(root, paragraphs, roots, kinds, by_rid, make, part), n


def clone(el: Any) -> Any:
    return copy.deepcopy(el)


TITLE_ID = "title"  # the id ``score`` gives a statement's title (a built DOCX's StatementTitle paragraph)
TITLE_STYLE_ID = "StatementTitle"


def body_segments(path: Path) -> dict[str, str] | list[str]:
    """What ``score`` compares in a DOCX: clause id → text when the DOCX carries clause bookmarks (a built
    DOCX; its title paragraph as :data:`TITLE_ID`; other paragraphs without an id are left out), else
    :func:`body_paragraph_texts`."""
    with open_checked(path, "DOCX", DOCX_LIMITS) as zf:
        root = parse_xml(read_member(zf, "word/document.xml", 256 * 1024 * 1024, f"{path.name}"),
                         f"{path.name} word/document.xml")
    body = root.find(oxml.w("body"))
    if body is None:
        raise InputError("not a Word document (no body)", path=path)
    by_id: dict[str, str] = {}
    for p in body.iter(oxml.w("p")):
        ids = [i for i in map(oxml.clause_id_of_bookmark, oxml.paragraph_bookmarks(p)) if i]
        if not ids and oxml.paragraph_style(p) == TITLE_STYLE_ID and TITLE_ID not in by_id:
            ids = [TITLE_ID]
        if ids:
            by_id[ids[0]] = unicodedata.normalize("NFC", oxml.element_text(p)).strip()
    return by_id or body_paragraph_texts(path)


def body_paragraph_texts(path: Path) -> list[str]:
    """Non-empty body paragraphs of a DOCX as NFC text, in order (tables' cells row by row), without
    numbering or revision handling: what ``score`` compares line by line."""
    with open_checked(path, "DOCX", DOCX_LIMITS) as zf:
        root = parse_xml(read_member(zf, "word/document.xml", 256 * 1024 * 1024, f"{path.name}"),
                         f"{path.name} word/document.xml")
    body = root.find(oxml.w("body"))
    if body is None:
        raise InputError("not a Word document (no body)", path=path)
    out = []
    for p in body.iter(oxml.w("p")):
        text = unicodedata.normalize("NFC", oxml.element_text(p)).strip()
        if text:
            out.append(text)
    return out
