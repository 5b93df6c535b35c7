"""Comments (``word/comments.xml``): read a draft's comments and carry them into another package.

A comment carried over keeps its author, initials, date and text; it gets a fresh ``w:id`` and is anchored
to the whole paragraph its original range started in (``w:commentRangeStart`` after the paragraph
properties, ``w:commentRangeEnd`` and a ``w:commentReference`` run at the end), so it survives whatever
tracked changes the paragraph receives.  The part is added to the package (content type override and
document relationship) when the target had no comments.
"""

from __future__ import annotations

import copy
import posixpath
from typing import Any

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.xmlsafe import parse_xml
from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked, read_member
from statementkit.errors import DocxError

COMMENTS_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_LIMIT = 16 * 1024 * 1024


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _comments_name(zf: Any, part: str, what: str) -> tuple[str | None, Any]:
    """(the comments part's name or None, the parsed document relationships or None)."""
    rels_name = _rels_name(part)
    if rels_name not in zf.namelist():
        return None, None
    rels = parse_xml(read_member(zf, rels_name, _LIMIT, what, DocxError), f"{what}: {rels_name}", DocxError)
    for t in oxml.package_targets(rels, COMMENTS_RT):
        return posixpath.normpath(posixpath.join(posixpath.dirname(part), t)), rels
    return None, rels


def read_comments(path: Any, part: str = "word/document.xml") -> dict[str, Any]:
    """id -> ``w:comment`` element of a DOCX (empty when it has none)."""
    what = getattr(path, "name", str(path))
    with open_checked(path, "DOCX", DOCX_LIMITS, DocxError) as zf:
        name, _ = _comments_name(zf, part, what)
        if name is None or name not in zf.namelist():
            return {}
        root = parse_xml(read_member(zf, name, _LIMIT, what, DocxError), f"{what}: {name}", DocxError)
    return {c.get(w("id")): c for c in root.iter(w("comment")) if c.get(w("id")) is not None}


def anchored_comments(p: Any) -> list[str]:
    """Ids of the comments whose range starts (or, lacking a range, whose reference stands) in ``p``."""
    ids = [el.get(w("id")) for el in p.iter(w("commentRangeStart"))]
    ids += [el.get(w("id")) for el in p.iter(w("commentReference")) if el.get(w("id")) not in ids]
    return [i for i in ids if i is not None]


class CommentSink:
    """The comments part of the package being written, and the paragraphs' anchors."""

    def __init__(self, package: Any, part: str = "word/document.xml") -> None:
        from lxml import etree

        self.package = package
        self.part = part
        what = getattr(package, "name", str(package))
        with open_checked(package, "DOCX", DOCX_LIMITS, DocxError) as zf:
            name, self.rels = _comments_name(zf, part, what)
            self.existing = name is not None and name in zf.namelist()
            self.name = name or posixpath.join(posixpath.dirname(part), "comments.xml")
            if self.existing:
                self.root = parse_xml(read_member(zf, self.name, _LIMIT, what, DocxError), what, DocxError)
            else:
                self.root = etree.Element(w("comments"), nsmap={"w": oxml.W_NS})
            self.content_types = parse_xml(read_member(zf, "[Content_Types].xml", _LIMIT, what, DocxError),
                                           f"{what}: [Content_Types].xml", DocxError)
        self.count = 0

    def next_id(self, root: Any) -> int:
        top = 0
        for el in [*self.root.iter(w("comment")), *root.iter(w("commentRangeStart"), w("commentReference"))]:
            v = el.get(w("id")) or ""
            if v.isdigit():
                top = max(top, int(v))
        return top + 1

    def add(self, comment: Any, p: Any, new_id: int) -> None:
        """Copy ``comment`` in as ``new_id`` and anchor it to paragraph ``p``."""
        from lxml import etree

        c = copy.deepcopy(comment)
        for el in c.iter():
            for attr in list(el.attrib):
                if attr.startswith(f"{{{oxml.R_NS}}}") or "paraId" in attr or "textId" in attr:
                    del el.attrib[attr]
        for el in list(c.iter(*oxml.RANGE_MARKS, w("bookmarkStart"), w("bookmarkEnd"), w("drawing"),
                              w("pict"), w("object"))):
            el.getparent().remove(el)
        c.set(w("id"), str(new_id))
        self.root.append(c)
        start = etree.Element(w("commentRangeStart"))
        start.set(w("id"), str(new_id))
        ppr = p.find(oxml.PPR)
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        end = etree.SubElement(p, w("commentRangeEnd"))
        end.set(w("id"), str(new_id))
        run = etree.SubElement(p, oxml.R)
        ref = etree.SubElement(run, w("commentReference"))
        ref.set(w("id"), str(new_id))
        self.count += 1

    def parts(self) -> dict[str, bytes]:
        """Package members to replace or add (nothing when no comment was carried)."""
        from lxml import etree

        if not self.count:
            return {}

        def dump(el: Any) -> bytes:
            return bytes(etree.tostring(el, xml_declaration=True, encoding="UTF-8", standalone=True))

        out = {self.name: dump(self.root)}
        if self.existing:
            return out
        ct = self.content_types
        target = "/" + self.name
        if not any(o.get("PartName") == target for o in ct.iter(f"{{{CT_NS}}}Override")):
            etree.SubElement(ct, f"{{{CT_NS}}}Override", PartName=target, ContentType=COMMENTS_CT)
        out["[Content_Types].xml"] = dump(ct)
        rels = self.rels
        if rels is None:
            rels = etree.Element(f"{{{oxml.PKG_RELS_NS}}}Relationships", nsmap={None: oxml.PKG_RELS_NS})
        ids = {r.get("Id") for r in rels}
        rid = next(f"rIdSkComments{k}" for k in range(1, 10_000) if f"rIdSkComments{k}" not in ids)
        etree.SubElement(rels, f"{{{oxml.PKG_RELS_NS}}}Relationship", Id=rid, Type=COMMENTS_RT,
                         Target=posixpath.relpath(self.name, posixpath.dirname(self.part)))
        out[_rels_name(self.part)] = dump(rels)
        return out
