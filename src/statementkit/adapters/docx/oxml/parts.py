"""Package parts and properties: custom document properties (``docProps/custom.xml``), package
relationships, and content copied in from another package."""

from __future__ import annotations

from typing import Any

from statementkit.adapters.docx.oxml.ns import HYPERLINK, R_NS, unwrap, w

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
            unwrap(c)
    for c in el.iter():
        for attr in list(c.attrib):
            if attr.startswith(f"{{{R_NS}}}") or attr in (f"{{{_W14}}}paraId", f"{{{_W14}}}textId"):
                del c.attrib[attr]
    for numpr in list(el.iter(w("numPr"))):
        nid = numpr.find(w("numId"))
        if nid is None or nid.get(w("val")) not in known_num_ids:
            numpr.getparent().remove(numpr)


THUMBNAIL_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
CUSTOM_XML_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
EXTENDED_PROPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def build_time() -> Any:
    """When a document is made: ``$SOURCE_DATE_EPOCH`` (reproducible builds) when set, else now; UTC, whole
    seconds, naive (as python-docx's core properties want)."""
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.replace(tzinfo=None, microsecond=0)


def extended_properties_xml(application: str) -> bytes:
    """A ``docProps/app.xml`` that names ``application`` (nothing else: the counts are the reader's job)."""
    from lxml import etree

    root = etree.Element(f"{{{EXTENDED_PROPS_NS}}}Properties", nsmap={None: EXTENDED_PROPS_NS, "vt": VT_NS})
    etree.SubElement(root, f"{{{EXTENDED_PROPS_NS}}}Application").text = application
    etree.SubElement(root, f"{{{EXTENDED_PROPS_NS}}}DocSecurity").text = "0"
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def own_package(document: Any, *, application: str, title: str, language: str, comments: str = "") -> None:
    """Replace what python-docx's default template leaves in a new document with our own values: the core
    properties (creator, description, dates: :func:`build_time`), ``docProps/app.xml`` ("Microsoft
    Macintosh Word" there), and the template's thumbnail and customXml parts (dropped with their
    relationships)."""
    core = document.core_properties
    core.title, core.language, core.comments = title, language, comments
    core.author = core.last_modified_by = "statementkit"
    core.created = core.modified = build_time()
    core.revision = 1
    core.keywords = core.subject = core.category = ""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = extended_properties_xml(application)
    for owner in (package, document.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in (THUMBNAIL_RT, CUSTOM_XML_RT):
                del owner.rels[r_id]
