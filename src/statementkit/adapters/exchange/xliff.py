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

The model's other hypotheses (``translate --alternatives N``; services/translate/alternatives.py) are also
written as translation candidates of their segment, XLIFF 2.0's Translation Candidates module (§ Translation
Candidates Module, namespace ``urn:oasis:names:tc:xliff:matches:2.0``): ``<mtc:matches>`` first in the unit,
one ``<mtc:match type="mt" ref="#sK">`` per alternative with the segment's ``<source>`` and the alternative as
``<target>`` (``sk:rank``, ``sk:score``: its rank and model score).  They are advice only: the reader takes
targets from segments alone, and returns the candidates (``ReturnedRow.advice``) so that a review import
keeps them as notes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import regex

from statementkit import __version__
from statementkit.adapters.atomic import write_with
from statementkit.adapters.docx.review_docx import ReviewHeader
from statementkit.adapters.inline_codes import code_whitespace
from statementkit.adapters.langtags import require_language
from statementkit.adapters.xmlsafe import parse_xml, read_xml_bytes
from statementkit.errors import ReviewError, XmlError
from statementkit.model.translation import Status, source_hash
from statementkit.services.review import ExportedRow, ReturnedRow, ReviewManifest, ReviewRow
from statementkit.services.review.segments import split_sentences

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MTC_NS = "urn:oasis:names:tc:xliff:matches:2.0"
SK_NS = "urn:statementkit:review:1"
XML_NS = "http://www.w3.org/XML/1998/namespace"
FORMAT = "review-xliff 1"
_MAX_BYTES = 64 * 1024 * 1024

_STATE_OF = {Status.REVIEWED: "reviewed", Status.APPROVED: "final"}
_STATUS_OF = {"initial": Status.DRAFT, "translated": Status.DRAFT, "reviewed": Status.REVIEWED,
              "final": Status.APPROVED,
              # XLIFF 1.2 state values (§ state) that some tools still write into 2.0 files
              "new": Status.DRAFT, "needs-translation": Status.DRAFT, "needs-l10n": Status.DRAFT,
              "needs-adaptation": Status.DRAFT, "needs-review-translation": Status.DRAFT,
              "needs-review-l10n": Status.DRAFT, "needs-review-adaptation": Status.DRAFT,
              "signed-off": Status.REVIEWED}
# tool sub-states by their last word: memoQ (confirmed, reviewer1confirmed, reviewer2confirmed), Trados
# confirmation levels (draft, translated, approvedtranslation, approvedsignoff, rejected…), Phrase, Okapi
_SUBSTATUS_OF = {"notstarted": Status.DRAFT, "draft": Status.DRAFT, "pretranslated": Status.DRAFT,
                 "machinetranslated": Status.DRAFT, "edited": Status.DRAFT, "partiallyedited": Status.DRAFT,
                 "translated": Status.DRAFT, "confirmed": Status.DRAFT, "rejected": Status.DRAFT,
                 "rejectedtranslation": Status.DRAFT, "rejectedsignoff": Status.DRAFT,
                 "reviewed": Status.REVIEWED, "proofread": Status.REVIEWED, "reviewer1confirmed": Status.REVIEWED,
                 "approvedtranslation": Status.REVIEWED, "reviewer2confirmed": Status.APPROVED,
                 "approvedsignoff": Status.APPROVED, "signedoff": Status.APPROVED, "final": Status.APPROVED,
                 "approved": Status.APPROVED}
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
        _add_matches(unit, row)
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


def _add_matches(unit: Any, row: ReviewRow) -> None:
    """The row's alternatives as ``<mtc:matches>`` (the first child of the unit, as the core schema's
    ``unit`` wants extension elements): each refers to the segment of its sentence (``#sK``; a clause of one
    sentence: ``#s1``).  An alternative whose sentence has no segment of its own (the export fell back to
    one segment for the unit) stays in the notes only."""
    from lxml import etree

    from statementkit.services.translate.alternatives import read_alternative

    segments = {seg.get("id"): seg for seg in unit.iter(_x("segment"))}
    matches = etree.Element(f"{{{MTC_NS}}}matches", nsmap={"mtc": MTC_NS})  # declared where used
    for note in row.notes:
        alt = read_alternative(note)
        if alt is None:
            continue
        seg = segments.get(f"s{alt.sentence or 1}")
        if seg is None or (alt.sentence is not None and len(segments) < 2):
            continue
        match = etree.SubElement(matches, f"{{{MTC_NS}}}match", ref=f"#{seg.get('id')}", type="mt",
                                 origin="statementkit")
        match.set(_sk("rank"), str(alt.n))
        match.set(_sk("score"), f"{alt.score:.2f}")
        etree.SubElement(match, _x("source")).text = seg.find(_x("source")).text
        etree.SubElement(match, _x("target")).text = alt.text
    if len(matches):
        unit.insert(0, matches)


def _returned_advice(unit: Any, data: dict[str, str]) -> tuple[str, ...]:
    """The translation candidates of a returned unit, as notes (advice only, never a target): ours back in
    their note's wording (services/translate/alternatives.py), a tool's as ``candidate (TYPE[, N%][, ORIGIN];
    advice only): TEXT``."""
    from statementkit.services.translate.alternatives import Alternative

    segment_ids = [seg.get("id") for seg in unit.iter(_x("segment"))]
    out: list[str] = []
    for match in unit.iter(f"{{{MTC_NS}}}match"):
        target = match.find(_x("target"))
        text = unicodedata.normalize("NFC", inline_text(target, data)).strip() if target is not None else ""
        if not text:
            continue
        rank, score = match.get(_sk("rank")), match.get(_sk("score"))
        ref = str(match.get("ref", "")).lstrip("#")
        if rank and score and rank.isdigit() and regex.fullmatch(r"-?\d+(\.\d+)?", score) and ref in segment_ids:
            k = segment_ids.index(ref) + 1
            out.append(Alternative(int(rank), k if len(segment_ids) > 1 else None, float(score), text).note())
            continue
        parts = [match.get("type", "tm")]
        parts += [f"{match.get('similarity')}%"] if match.get("similarity") else []
        parts += [str(match.get("origin"))] if match.get("origin") else []
        out.append(f"candidate ({', '.join(parts)}; advice only): {text}")
    return tuple(dict.fromkeys(out))


def write_review_xliff(path: str | Path, header: ReviewHeader, rows: Sequence[ReviewRow]) -> None:
    data = build_xliff(header, rows)

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    write_with(path, write)


def read_review_xliff(path: str | Path) -> tuple[ReviewManifest, list[ReturnedRow]]:
    """Parse a review XLIFF (hardened parser) into its manifest and returned rows.

    ``srcLang``/``trgLang`` are BCP 47 tags (a CAT tool may write ru-RU or zh-CN for our ru and zh;
    Traditional Chinese is refused); ReviewError/XmlError (one line) for anything unreadable.
    """
    p = Path(path)
    root = parse_xml(read_xml_bytes(p, "XLIFF file", _MAX_BYTES), p.name)
    if root.tag != _x("xliff") or not str(root.get("version", "")).startswith("2."):
        raise XmlError("not an XLIFF 2.0 document (expected <xliff version=\"2.0\"> in the XLIFF 2.0 namespace)",
                       path=p)
    if root.get(_sk("format")) != FORMAT:
        raise ReviewError("not a statementkit review file (no review identity on <xliff>)", path=p)
    try:
        langs = [require_language(root.get(attr, ""), attr) for attr in ("srcLang", "trgLang")]
    except ValueError as exc:
        raise ReviewError(str(exc), path=p) from None
    try:
        rows = []
        for item in str(root.get(_sk("rows"), "")).split():
            uid, shash, thash, status = item.split(":")
            rows.append(ExportedRow(uid, shash, thash, Status(status)))
        manifest = ReviewManifest(statement_key=root.get(_sk("statement"), ""),
                                  statement_name=root.get(_sk("statementName"), "?"),
                                  source_lang=langs[0], lang=langs[1], rows=tuple(rows))
    except ValueError:
        raise ReviewError("the review file's hidden identity is damaged (sk:rows edited?)", path=p) from None
    returned = []
    for k, unit in enumerate(root.iter(_x("unit")), 1):
        try:
            returned.append(_returned(unit, k))
        except ValueError as exc:
            raise ReviewError(f"unit '{unit.get('id', '')}': {exc}", path=p, line=unit.sourceline) from None
    return manifest, returned


def segment_status(segment: Any) -> Status | None:
    """The status a segment's ``state`` (or, without one, ``subState``) says; None when no value is known.

    Core XLIFF 2.0 states, the XLIFF 1.2 values some tools still write (``needs-review-translation``,
    ``signed-off``), and tool sub-states (``memoq:confirmed``, ``x:ApprovedSignOff``) by their last word.
    """
    state = segment.get("state")
    if state is not None:
        return _STATUS_OF.get(state.strip().lower())
    sub = segment.get("subState")
    if sub:
        word = regex.sub(r"[^a-z0-9]", "", sub.rsplit(":", 1)[-1].lower())
        return _SUBSTATUS_OF.get(word)
    return Status.DRAFT  # no state: XLIFF 2.0's default is initial


def inline_text(el: Any, data: dict[str, str]) -> str:
    """Plain text of a ``source``/``target``/``data``: ``cp`` as its character, ``mrk``/``pc`` content kept,
    ``ph``/``sc``/``ec``/``pc`` codes as the white space they stand for (adapters/inline_codes.py), else
    nothing.  ``data``: the unit's ``originalData`` by id.  ValueError for a bad ``cp``."""
    parts = [el.text or ""]
    for child in el:
        tag = child.tag.rsplit("}", 1)[-1] if isinstance(child.tag, str) else ""
        if tag == "cp":
            parts.append(_code_point(child.get("hex", "")))
        elif tag in ("ph", "sc", "ec"):
            parts.append(code_whitespace(equiv=child.get("equiv"), disp=child.get("disp"),
                                         kind=child.get("subType"), native=data.get(child.get("dataRef", ""))))
        elif tag == "pc":
            parts.append(code_whitespace(equiv=child.get("equivStart"), disp=child.get("dispStart"),
                                         native=data.get(child.get("dataRefStart", ""))))
            parts.append(inline_text(child, data))
            parts.append(code_whitespace(equiv=child.get("equivEnd"), disp=child.get("dispEnd"),
                                         native=data.get(child.get("dataRefEnd", ""))))
        elif tag and tag not in ("sm", "em"):
            parts.append(inline_text(child, data))  # mrk, and any extension's text
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    try:
        cp = int(hex_value, 16)
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)
    except (ValueError, OverflowError):
        pass
    raise ValueError(f"<cp hex=\"{hex_value}\"> is not a Unicode code point")


def _returned(unit: Any, position: int) -> ReturnedRow:
    """One unit as it came back: targets of segments and ignorables in order (an ignorable without target
    keeps its source's white space), and where two segments meet with no white space carried (a tool that
    dropped the ignorable between them: restored from the export by the import service)."""
    data = {d.get("id", ""): inline_text(d, {}) for d in unit.iter(_x("data"))}
    text = ""
    joins: list[int] = []
    sources: list[str] = []
    statuses: list[Status | None] = []
    has_target = False
    previous = ""  # "segment" when the last child read was a segment with a target
    for child in unit:
        if child.tag not in (_x("segment"), _x("ignorable")):
            continue
        source = child.find(_x("source"))
        source_text = inline_text(source, data) if source is not None else ""
        sources.append(source_text)
        target = child.find(_x("target"))
        if child.tag == _x("segment"):
            statuses.append(segment_status(child))
            if target is None:
                previous = ""
                continue
            has_target = True
            piece = unicodedata.normalize("NFC", inline_text(target, data))
            if (previous == "segment" and piece and text and not text[-1].isspace()
                    and not piece[0].isspace()):
                joins.append(len(text))
            text += piece
            previous = "segment" if piece else previous
        else:
            # an ignorable without target (optional in XLIFF 2.0): its source stands in, as it is white space
            text += inline_text(target, data) if target is not None else source_text
            previous = ""
    known = [s for s in statuses if s is not None]
    status = min(known, key=lambda s: _RANK[s]) if known and len(known) == len(statuses) else None
    exported_state = unit.get(_sk("state"))
    touched = any(child.get("state", "initial") != exported_state for child in unit.iter(_x("segment")))
    return ReturnedRow(position=position, unit_id=unit.get("id", ""), target=text if has_target else "",
                       status=status, status_touched=touched, source_hash=source_hash("".join(sources)),
                       joins=tuple(joins) if has_target else (), advice=_returned_advice(unit, data))
