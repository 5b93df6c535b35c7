"""The one hardened XML parser factory: every XML input (OOXML parts, XLIFF, TMX, TBX) goes through here.

Entities are never resolved, DTDs never loaded, nothing is fetched from the network, and a document that
declares entities at all (the shape of XXE and "billion laughs" attacks) is refused outright.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from statementkit.errors import StatementkitError, XmlError

_MAX_XML_BYTES = 200 * 1024 * 1024


def make_parser(**overrides: Any) -> Any:
    from lxml import etree

    opts: dict[str, Any] = {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
        "remove_blank_text": False,
        "remove_comments": False,
    }
    opts.update(overrides)
    return etree.XMLParser(**opts)


def parse_xml(data: bytes, what: str, error: type[StatementkitError] = XmlError, **overrides: Any) -> Any:
    """Parse ``data`` (bytes) into an lxml element; ``what`` names the document in error messages."""
    from lxml import etree

    if len(data) > _MAX_XML_BYTES:
        raise error(f"{what}: XML part larger than {_MAX_XML_BYTES // (1024 * 1024)} MB")
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in data[:65536] or b"<!ENTITY" in data[:65536] or b"<!ENTITY" in head:
        # a DOCTYPE in an exchange or OOXML document is never legitimate here; refusing it outright
        # closes XXE and entity-expansion attacks whatever the parser version does
        raise error(f"{what}: XML with a DOCTYPE or entity declarations is refused (possible XXE or entity bomb)")
    try:
        root = etree.fromstring(data, make_parser(**overrides))
    except etree.XMLSyntaxError as exc:
        raise error(f"{what}: malformed XML: {exc.msg}") from None
    if root is None:
        raise error(f"{what}: empty XML document")
    return root


def read_xml_bytes(path: str | Path, what: str, max_bytes: int = _MAX_XML_BYTES) -> bytes:
    """Read an XML file's bytes, never more than ``max_bytes``; one-line errors naming the file."""
    from statementkit.adapters.files import read_input_bytes

    return read_input_bytes(path, what, max_bytes, XmlError)
