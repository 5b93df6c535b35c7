"""Every story of a DOCX besides the main body: footnotes, endnotes, headers, footers, comments and text
boxes, each as its own list of paragraphs.

Parts are reached through the main document part's relationships (``word/_rels/document.xml.rels``; never
by guessing part names), each read through :func:`statementkit.adapters.zipsafe.read_member` and parsed by
:func:`statementkit.adapters.xmlsafe.parse_xml`.  A relationship whose target is not in the package, or a
story part that does not parse, is a :class:`~statementkit.errors.DocxError` (one line).

A story (:class:`Story`) has a *kind* (``footnote``, ``endnote``, ``header``, ``footer``, ``comment``,
``text box``), a *key* that pairs it with the same story of another version, and a *label* that names it
for a person:

* notes are numbered as Word shows them by default: in the order of their first reference in the
  document (notes with no reference come after, in part order); separator notes are skipped;
* headers and footers by the first section and type (``default``, ``first``, ``even``) that references
  them (``header default, section 1``); a part no section references by its part name;
* comments by their id, author and text (they are read and carried, not diffed);
* text boxes (``w:txbxContent``) by their order in the story holding them (``text box 2 in the body,
  paragraph 14``); the duplicate a drawing keeps for old readers (``mc:Fallback``) is skipped.

:func:`hidden_text` is the safety net's view of a paragraph: the text it holds that the reader does not
compare (field codes, equations, drawings' own text), so that a change there is reported, not dropped.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.xmlsafe import parse_xml
from statementkit.adapters.zipsafe import read_member
from statementkit.errors import DocxError

RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
STORY_RELS = {RT + "footnotes": "footnote", RT + "endnotes": "endnote", RT + "header": "header",
              RT + "footer": "footer", RT + "comments": "comment"}
TXBX = w("txbxContent")
_FALLBACK = f"{{{oxml.MC_NS}}}Fallback"
_NOTE_SKIP = ("separator", "continuationSeparator", "continuationNotice")
_PART_LIMIT = 64 * 1024 * 1024
_M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"
_TEXT_TAGS = {"t", "instrText", "delInstrText"}  # w:t, m:t (equations), a:t (DrawingML), field codes
_READ_THROUGH = {w(t) for t in ("hyperlink", "fldSimple", "smartTag", "customXml", "sdt", "sdtContent", "dir",
                                "bdo", "ins", "moveTo")}


@dataclass
class Story:
    """One story: ``kind``, ``key`` (pairs it across versions), ``label`` (names it), ``part`` (the package
    part holding it), ``element`` (its container: ``w:footnote``, ``w:hdr``, ``w:txbxContent``,
    ``w:comment``), ``paragraphs`` (the reader's :class:`~statementkit.adapters.docx.reader.Paragraph`
    objects) and, for comments, ``author``."""

    kind: str
    key: str
    label: str
    part: str
    element: Any = field(repr=False)
    paragraphs: list[Any] = field(default_factory=list, repr=False)
    author: str | None = None

    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


def rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def part_relationships(zf: Any, part: str, what: str) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of every internal relationship of ``part``; DocxError when a target is
    missing from the package or outside it."""
    name = rels_name(part)
    if name not in zf.namelist():
        return []
    rels = parse_xml(read_member(zf, name, _PART_LIMIT, what, DocxError), f"{what}: {name}", DocxError)
    out = []
    members = set(zf.namelist())
    for rel in rels.iter(f"{{{oxml.PKG_RELS_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target") or ""
        full = posixpath.normpath(target.lstrip("/") if target.startswith("/")
                                  else posixpath.join(posixpath.dirname(part), target))
        rtype = rel.get("Type") or ""
        if rtype in STORY_RELS and full not in members:
            raise DocxError(f"{name}: relationship {rel.get('Id')} ({STORY_RELS[rtype]}) points to {full}, "
                            "which is not in the package")
        out.append((rel.get("Id") or "", rtype, full))
    return out


def read_story_parts(zf: Any, part: str, what: str) -> tuple[dict[str, Any], dict[str, str], dict[str, str]]:
    """(part name -> parsed root, part name -> story kind, relationship id -> part name) of the story parts
    the main part ``part`` relates to."""
    roots: dict[str, Any] = {}
    kinds: dict[str, str] = {}
    by_rid: dict[str, str] = {}
    for rid, rtype, name in part_relationships(zf, part, what):
        kind = STORY_RELS.get(rtype)
        if kind is None:
            continue
        by_rid[rid] = name
        if name not in roots:
            roots[name] = parse_xml(read_member(zf, name, _PART_LIMIT, what, DocxError), f"{what}: {name}",
                                    DocxError)
            kinds[name] = kind
    return roots, kinds, by_rid


def text_boxes(container: Any) -> list[Any]:
    """The outermost ``w:txbxContent`` elements under ``container`` in document order, without the copies
    in ``mc:Fallback``."""
    out = []
    for el in container.iter(TXBX):
        anc = el.getparent()
        inner = False
        while anc is not None and anc is not container:
            if anc.tag in (TXBX, _FALLBACK):
                inner = True
                break
            anc = anc.getparent()
        if not inner:
            out.append(el)
    return out


def fallback_twin(txbx: Any) -> Any:
    """The ``w:txbxContent`` in the ``mc:Fallback`` of the drawing holding ``txbx`` (None when none)."""
    anc = txbx.getparent()
    while anc is not None and anc.tag != f"{{{oxml.MC_NS}}}AlternateContent":
        anc = anc.getparent()
    if anc is None:
        return None
    fb = anc.find(_FALLBACK)
    if fb is None:
        return None
    return next(iter(fb.iter(TXBX)), None)


def renumber_notes(doc_root: Any, part: Any, kind: str) -> None:
    """Give the notes of ``part`` (``kind``: footnote or endnote) ids 1, 2, … in the order of their first
    reference in ``doc_root``, and put them in that order in the part (unreferenced notes last, separators
    first and untouched).  Word writes notes so; LibreOffice 7.4 relies on it (it gives the n-th reference
    the n-th note by id, whatever the ids say), so a redline that adds or drops a note must keep it."""
    ref_tag, note_tag, wid = w(f"{kind}Reference"), w(kind), w("id")
    notes = [n for n in part if n.tag == note_tag and n.get(w("type")) not in _NOTE_SKIP]
    by_id = {n.get(wid): n for n in notes}
    order: list[str] = []
    for ref in doc_root.iter(ref_tag):
        nid = ref.get(wid)
        if nid in by_id and nid not in order:
            order.append(nid)
    order += [n.get(wid) for n in notes if n.get(wid) not in order]
    mapping = {old: str(k) for k, old in enumerate(order, 1)}
    for ref in doc_root.iter(ref_tag):
        if ref.get(wid) in mapping:
            ref.set(wid, mapping[ref.get(wid)])
    for n in notes:
        part.remove(n)
    for old in order:
        by_id[old].set(wid, mapping[old])
        part.append(by_id[old])


def _sections(root: Any) -> list[Any]:
    return list(root.iter(w("sectPr")))


def collect_stories(doc_root: Any, body_paragraphs: list[Any], roots: dict[str, Any], kinds: dict[str, str],
                    by_rid: dict[str, str], make: Any, main_part: str = "word/document.xml") -> list[Story]:
    """Every story other than the body, in a stable order: notes, headers and footers, comments, then text
    boxes (body first, then those inside the other stories).  ``make(container, label)`` reads a
    container's paragraphs (the reader's own function, so numbering and locations are the same)."""
    stories: list[Story] = []
    # notes, numbered in the order of their first reference
    for kind in ("footnote", "endnote"):
        ref_tag = w(f"{kind}Reference")
        order: list[str] = []
        for ref in doc_root.iter(ref_tag):
            nid = ref.get(w("id"))
            if nid is not None and nid not in order:
                order.append(nid)
        for name, root in roots.items():
            if kinds[name] != kind:
                continue
            notes = {n.get(w("id")): n for n in root.iter(w(kind))
                     if n.get(w("type")) not in _NOTE_SKIP and n.get(w("id")) is not None}
            # a note nothing references is kept (never dropped) unless it is empty: what accepting the
            # deletion of a note's reference and text leaves
            extra = [nid for nid in notes if nid not in order and "".join(notes[nid].itertext()).strip()]
            for number, nid in enumerate([*[i for i in order if i in notes], *extra], 1):
                label = f"{kind} {number}"
                stories.append(Story(kind, label, label, name, notes[nid], make(notes[nid], label)))
    # headers and footers, by the first section and type that reference them
    named: dict[str, str] = {}
    for s, sect in enumerate(_sections(doc_root), 1):
        for kind in ("header", "footer"):
            for ref in sect.findall(w(f"{kind}Reference")):
                target = by_rid.get(ref.get(f"{{{oxml.R_NS}}}id") or "")
                if target is not None and target not in named:
                    named[target] = f"{kind} {ref.get(w('type'), 'default')}, section {s}"
    for name, root in roots.items():
        if kinds[name] in ("header", "footer"):
            label = named.get(name, f"{kinds[name]} {name}")
            stories.append(Story(kinds[name], label, label, name, root, make(root, label)))
    # comments
    for name, root in roots.items():
        if kinds[name] != "comment":
            continue
        for c in root.iter(w("comment")):
            label = f"comment {c.get(w('id'))}"
            author = c.get(w("author")) or ""
            stories.append(Story("comment", label, f"{label} ({author})" if author else label, name, c,
                                 make(c, label), author))
    # text boxes, in the body and in every other story
    hosts: list[tuple[str, Any, Any]] = [("the body", doc_root.find(w("body")), body_paragraphs)]
    hosts += [(st.label, st.element, st.paragraphs) for st in list(stories)]
    for host, container, paragraphs in hosts:
        if container is None:
            continue
        index = {id(p.element): k for k, p in enumerate(paragraphs, 1)}
        for k, box in enumerate(text_boxes(container), 1):
            anc, where = box.getparent(), ""
            while anc is not None:
                if id(anc) in index:
                    where = f", paragraph {index[id(anc)]}"
                    break
                anc = anc.getparent()
            label = f"text box {k} in {host}{where}"
            part = next((st.part for st in stories if st.element is container), main_part)
            stories.append(Story("text box", f"text box {k} in {host}", label, part, box, make(box, label)))
    return stories


def hidden_text(p: Any) -> str:
    """Text a paragraph holds that the reader does not compare: field codes (``w:instrText``, a simple
    field's ``w:instr``), equations (``m:t``), text inside drawings, WordArt (``v:textpath/@string``), ruby
    and other elements it does not read through; text boxes are left out (they are stories of their own).  Pieces joined by U+001F."""
    pieces: list[str] = []

    def walk(el: Any, read: bool) -> None:
        for c in el:
            tag = c.tag
            if not isinstance(tag, str) or tag == TXBX or tag in (oxml.PPR, oxml.RPR):
                continue
            if tag == oxml.FLD_SIMPLE and c.get(w("instr")):
                pieces.append(c.get(w("instr")))
            elif tag == _TEXTPATH and c.get("string"):  # WordArt (a watermark's "CONFIDENTIAL")
                pieces.append(c.get("string"))
            if tag == oxml.T:
                if not read and c.text:
                    pieces.append(c.text)
                continue
            if c.text and c.text.strip() and tag.rsplit("}", 1)[-1] in _TEXT_TAGS:
                pieces.append(c.text)
            walk(c, read and (tag == oxml.R or tag in _READ_THROUGH))
    walk(p, True)
    return "\x1f".join(pieces)


def part_texts(zf: Any, names: list[str], what: str) -> dict[str, str | int]:
    """What the safety net compares of each package member: an XML part's text nodes (joined by U+001F),
    any other member's CRC (also an XML part that does not parse: it is not read, only compared)."""
    out: dict[str, str | int] = {}
    infos = {i.filename: i for i in zf.infolist()}
    for name in names:
        info = infos[name]
        out[name] = info.CRC
        if name.endswith((".xml", ".rels")) or name == "[Content_Types].xml":
            try:
                root = parse_xml(read_member(zf, name, _PART_LIMIT, what, DocxError), f"{what}: {name}",
                                 DocxError)
            except DocxError:
                continue  # a part nobody reads that does not parse (or is refused): compared by its bytes
            out[name] = "\x1f".join(t.strip() for t in root.itertext() if t.strip())
    return out


def group_by_kind(stories: list[Story]) -> dict[str, list[Story]]:
    out: dict[str, list[Story]] = defaultdict(list)
    for st in stories:
        out[st.kind].append(st)
    return out


def story_texts(doc: Any) -> list[Any]:
    """Every story of a read DOCX (``reader.DocxDocument``) as the diff service's
    :class:`~statementkit.services.diff.stories.StoryText`."""
    from statementkit.services.diff.model import ClauseText
    from statementkit.services.diff.stories import StoryText

    return [StoryText(st.kind, st.key, st.label,
                      tuple(ClauseText(p.clause_id, p.text, p.number, p.style) for p in st.paragraphs),
                      tuple(hidden_text(p.element) for p in st.paragraphs), st.author)
            for st in doc.stories]


# parts whose changes are no content: package plumbing and metadata (dates, word counts)
_NOT_CONTENT = ("[Content_Types].xml", "docProps/core.xml", "docProps/app.xml")


def unread_part_warnings(old: Any, new: Any) -> list[str]:
    """One warning per package member, other than the main part and the story parts (which the story
    comparison covers), whose text (XML) or bytes (anything else) differ between two read DOCX versions,
    or that only one of them has: a part statementkit does not read, whose change would otherwise go
    unseen.  Relationship parts and metadata are not content and are left out."""
    from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked

    read = {old.part_name, new.part_name, *old.parts, *new.parts}
    members: list[dict[str, str | int]] = []
    for doc in (old, new):
        with open_checked(doc.path, "DOCX", DOCX_LIMITS, DocxError) as zf:
            names = [n for n in zf.namelist() if n not in read and n not in _NOT_CONTENT
                     and not n.endswith(".rels") and not n.endswith("/")]
            members.append(part_texts(zf, names, doc.path.name))
    a, b = members
    out = []
    for name in sorted(set(a) | set(b)):
        if a.get(name, "") == b.get(name, ""):
            continue  # also an XML part without text (settings, styles, fonts) present in one version only
        if name not in b:
            out.append(f"{name}: a part statementkit does not compare was removed")
        elif name not in a:
            out.append(f"{name}: a part statementkit does not compare was added")
        elif a[name] != b[name]:
            what = "its text" if isinstance(a[name], str) and isinstance(b[name], str) else "its content"
            out.append(f"{name}: {what} changed (a part statementkit does not compare)")
    return out
