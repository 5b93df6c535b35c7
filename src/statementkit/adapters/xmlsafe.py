"""The one hardened XML parser factory: every XML input (OOXML parts, XLIFF, TMX, TBX) goes through here.

Entities are never resolved, DTDs never loaded, nothing is fetched from the network, and a document that
declares entities at all (the shape of XXE and "billion laughs" attacks) is refused outright.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
    _refuse_doctype(data, what, error)
    try:
        root = etree.fromstring(data, make_parser(**overrides))
    except etree.XMLSyntaxError as exc:
        raise error(f"{what}: malformed XML: {exc.msg}") from None
    if root is None:
        raise error(f"{what}: empty XML document")
    return root


def _refuse_doctype(head: bytes, what: str, error: type[StatementkitError]) -> None:
    if b"<!DOCTYPE" in head[:65536] or b"<!ENTITY" in head[:65536]:
        # a DOCTYPE in an exchange or OOXML document is never legitimate here; refusing it outright
        # closes XXE and entity-expansion attacks whatever the parser version does
        raise error(f"{what}: XML with a DOCTYPE or entity declarations is refused (possible XXE or entity bomb)")


STREAM_CHUNK = 1024 * 1024


def iter_xml_elements(path: str | Path, what: str, tags: tuple[str, ...],
                      error: type[StatementkitError] = XmlError,
                      fix_head: Callable[[bytes], bytes] | None = None,
                      on_root: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """Stream a large XML file: yield each finished element whose tag is in ``tags`` (Clark notation or
    plain), then clear it and drop its finished siblings, so memory stays constant whatever the file size.

    The parser has the same hardened settings as :func:`make_parser` (lxml's ``XMLPullParser``; no
    entities, no DTD, no network, ``huge_tree`` off) and the same DOCTYPE/entity refusal on the file's first
    64 KiB; ``fix_head`` may rewrite those first bytes before the check (e.g. drop a standard DOCTYPE line).
    ``on_root(root)`` is called once with the root element when it opens.  Errors: ``error`` with the
    file, the line when known, and one line of text; reading stops at the first error (elements already
    yielded stay yielded: callers that must be all-or-nothing read twice, see adapters/tm).
    """
    from lxml import etree

    p = Path(path)
    opts = {"resolve_entities": False, "no_network": True, "load_dtd": False, "dtd_validation": False,
            "huge_tree": False, "remove_blank_text": False, "remove_comments": True, "remove_pis": True}
    parser = etree.XMLPullParser(events=("start", "end"), **opts)
    wanted = set(tags)
    try:
        fh = open(p, "rb")  # noqa: SIM115 - closed in the finally below (a generator)
    except FileNotFoundError:
        raise error("file not found", path=p) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", path=p) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=p) from None
    try:
        head = fh.read(65536)
        if fix_head is not None:
            head = fix_head(head)
        try:
            _refuse_doctype(head, what, error)
        except StatementkitError as exc:
            raise error(exc.message, path=p) from None
        chunk, root_seen = head, False
        while True:
            try:
                if chunk:
                    parser.feed(chunk)
                else:
                    parser.close()
                for event, elem in parser.read_events():
                    if event == "start":
                        if not root_seen:
                            root_seen = True
                            if on_root is not None:
                                on_root(elem)
                        continue
                    if elem.tag in wanted or (isinstance(elem.tag, str) and
                                              etree.QName(elem).localname in wanted):
                        yield elem
                        elem.clear(keep_tail=False)
                        parent = elem.getparent()
                        if parent is not None:
                            while elem.getprevious() is not None:
                                del parent[0]
            except etree.XMLSyntaxError as exc:
                line = exc.lineno if exc.lineno else None
                raise error(f"{what}: malformed XML: {exc.msg}", path=p, line=line) from None
            if not chunk:
                break
            try:
                chunk = fh.read(STREAM_CHUNK)
            except OSError as exc:
                raise error(f"cannot read: {exc.strerror}", path=p) from None
        if not root_seen:
            raise error(f"{what}: empty XML document", path=p)
    finally:
        fh.close()


def read_xml_bytes(path: str | Path, what: str, max_bytes: int = _MAX_XML_BYTES) -> bytes:
    """Read an XML file's bytes, never more than ``max_bytes``; one-line errors naming the file."""
    from statementkit.adapters.files import read_input_bytes

    return read_input_bytes(path, what, max_bytes, XmlError)
