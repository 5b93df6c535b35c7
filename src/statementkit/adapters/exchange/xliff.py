"""XLIFF 2.0 review files: one ``<unit>`` per clause, one ``<segment>`` per sentence.

Written by hand with lxml rather than with Translate Toolkit's ``xliff2`` store (3.20): that store treats
each segment as a unit of its own and appends a new ``<unit>`` per segment (its ``addunit`` says "TODO:
merge units with same ID"), and it has no ``<ignorable>``, which is where the white space between
sentences goes so that a round trip gives every text back exactly.  Reading goes through the project's
hardened parser like every XML input.

Identity: the ``sk:`` attributes (namespace ``urn:statementkit:review:1``, allowed by the core schema's
``anyAttribute``) on ``<xliff>`` name the statement and carry the row manifest (unit id, source hash,
target hash, status as exported).  Status maps to segment ``state``: draft → translated (initial when
empty), reviewed → reviewed, approved → final.  Origin, flags and notes travel as ``<note category=…>``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from statementkit import __version__
from statementkit.adapters.atomic import write_with
from statementkit.adapters.docx.review_docx import ReviewHeader
from statementkit.adapters.xmlsafe import parse_xml, read_xml_bytes
from statementkit.errors import ReviewError, XmlError
from statementkit.model.translation import Status, source_hash
from statementkit.services.review import ExportedRow, ReturnedRow, ReviewManifest, ReviewRow
from statementkit.services.review.segments import split_sentences

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
SK_NS = "urn:statementkit:review:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FORMAT = "review-xliff 1"
_MAX_BYTES = 64 * 1024 * 1024

_STATE_OF = {Status.REVIEWED: "reviewed", Status.APPROVED: "final"}
_STATUS_OF = {"initial": Status.DRAFT, "translated": Status.DRAFT, "reviewed": Status.REVIEWED,
              "final": Status.APPROVED}
_RANK = {Status.DRAFT: 0, Status.REVIEWED: 1, Status.APPROVED: 2}


def _x(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _sk(name: str) -> str:
    return f"{{{SK_NS}}}{name}"


def state_of(status: Status, has_target: bool) -> str:
    if status is Status.DRAFT:
        return "translated" if has_target else "initial"
    return _STATE_OF[status]


def build_xliff(header: ReviewHeader, rows: Sequence[ReviewRow]) -> bytes:
    """The XLIFF 2.0 document for a review (bytes, UTF-8, with declaration)."""
    from lxml import etree

    root = etree.Element(_x("xliff"), nsmap={None: XLIFF_NS, "sk": SK_NS})
    root.set("version", "2.0")
    root.set("srcLang", header.source_lang)
    root.set("trgLang", header.lang)
    root.set(_sk("format"), FORMAT)
    root.set(_sk("version"), __version__)
    root.set(_sk("statement"), header.statement_key)
    root.set(_sk("statementName"), header.statement_name)
    root.set(_sk("exported"), header.date.isoformat())
    root.set(_sk("rows"), " ".join(f"{r.unit_id}:{r.source_hash}:{r.target_hash}:{r.status.value}" for r in rows))
    file_el = etree.SubElement(root, _x("file"), id="f1", original=header.statement_name)
    file_el.set(f"{{{XML_NS}}}space", "preserve")
    notes = etree.SubElement(file_el, _x("notes"))
    etree.SubElement(notes, _x("note"), category="instructions").text = (
        f"{header.title}. Translate or revise the {header.lang} targets; set a segment's state to reviewed or "
        "final to mark it reviewed or approved. Do not change unit ids: such changes are reported, not imported.")
    for row in rows:
        unit = etree.SubElement(file_el, _x("unit"), id=row.unit_id)
        unit.set(_sk("state"), state_of(row.status, bool(row.target)))
        if row.number:
            unit.set("name", row.number)
        unit_notes = [("origin", row.origin.value if row.origin else "untranslated"), ("status", row.status.value)]
        unit_notes += [("flag", f) for f in row.flags] + [("note", n) for n in row.notes]
        if row.previous_source is not None:
            unit_notes.append(("previous-source", row.previous_source))
        nel = etree.SubElement(unit, _x("notes"))
        for category, text in unit_notes:
            etree.SubElement(nel, _x("note"), category=category).text = text
        _add_segments(unit, row, header.source_lang, header.lang)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _sentences(text: str, lang: str) -> tuple[list[str], list[str]]:
    """Sentences and the white space after each (the last one's is "")."""
    sents: list[str] = []
    gaps: list[str] = []
    for piece in split_sentences(text, lang):
        if piece.is_gap and sents:
            gaps[-1] += piece.text
        else:
            sents.append(piece.text)
            gaps.append("")
    return sents, gaps


def _add_segments(unit: Any, row: ReviewRow, source_lang: str, lang: str) -> None:
    """Sentences of the source paired with the target's when both have as many; otherwise (or for an empty
    target) the whole text is one segment.  White space between sentences goes into ``<ignorable>``."""
    from lxml import etree

    src, src_gaps = _sentences(row.source, source_lang)
    tgt, tgt_gaps = _sentences(row.target, lang) if row.target else ([], [])
    if not src or (row.target and len(tgt) != len(src)):
        src, src_gaps = [row.source], [""]
        tgt, tgt_gaps = ([row.target], [""]) if row.target else ([], [])
    state = state_of(row.status, bool(row.target))
    for k, source in enumerate(src):
        seg = etree.SubElement(unit, _x("segment"), id=f"s{k + 1}", state=state)
        etree.SubElement(seg, _x("source")).text = source
        if tgt:
            etree.SubElement(seg, _x("target")).text = tgt[k]
        if src_gaps[k] or (tgt and tgt_gaps[k]):
            ign = etree.SubElement(unit, _x("ignorable"))
            etree.SubElement(ign, _x("source")).text = src_gaps[k]
            if tgt:
                etree.SubElement(ign, _x("target")).text = tgt_gaps[k]


def write_review_xliff(path: str | Path, header: ReviewHeader, rows: Sequence[ReviewRow]) -> None:
    data = build_xliff(header, rows)

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    write_with(path, write)


def read_review_xliff(path: str | Path) -> tuple[ReviewManifest, list[ReturnedRow]]:
    """Parse a review XLIFF (hardened parser) into its manifest and returned rows."""
    p = Path(path)
    root = parse_xml(read_xml_bytes(p, "XLIFF file", _MAX_BYTES), p.name)
    if root.tag != _x("xliff") or not str(root.get("version", "")).startswith("2."):
        raise XmlError("not an XLIFF 2.0 document (expected <xliff version=\"2.0\"> in the XLIFF 2.0 namespace)",
                       path=p)
    if root.get(_sk("format")) != FORMAT:
        raise ReviewError("not a statementkit review file (no review identity on <xliff>)", path=p)
    try:
        rows = []
        for item in str(root.get(_sk("rows"), "")).split():
            uid, shash, thash, status = item.split(":")
            rows.append(ExportedRow(uid, shash, thash, Status(status)))
        manifest = ReviewManifest(statement_key=root.get(_sk("statement"), ""),
                                  statement_name=root.get(_sk("statementName"), "?"),
                                  source_lang=root.get("srcLang", ""), lang=root.get("trgLang", ""),
                                  rows=tuple(rows))
    except ValueError:
        raise ReviewError("the review file's hidden identity is damaged (sk:rows edited?)", path=p) from None
    returned = []
    for k, unit in enumerate(root.iter(_x("unit")), 1):
        returned.append(_returned(unit, k))
    return manifest, returned


def _returned(unit: Any, position: int) -> ReturnedRow:
    parts: list[str] = []
    sources: list[str] = []
    statuses: list[Status] = []
    has_target = False
    for child in unit:
        if child.tag not in (_x("segment"), _x("ignorable")):
            continue
        source = child.find(_x("source"))
        if source is not None:
            sources.append("".join(source.itertext()))
        target = child.find(_x("target"))
        if target is not None:
            has_target = True
            parts.append("".join(target.itertext()))
        if child.tag == _x("segment"):
            statuses.append(_STATUS_OF.get(child.get("state", "initial"), Status.DRAFT))
    text = unicodedata.normalize("NFC", "".join(parts)) if has_target else ""
    status = min(statuses, key=lambda s: _RANK[s]) if statuses else None
    exported_state = unit.get(_sk("state"))
    touched = any(child.get("state", "initial") != exported_state for child in unit.iter(_x("segment")))
    return ReturnedRow(position=position, unit_id=unit.get("id", ""), target=text, status=status,
                       status_touched=touched, source_hash=source_hash("".join(sources)))
