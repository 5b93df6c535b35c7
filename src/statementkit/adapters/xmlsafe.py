"""The one hardened XML parser factory: every XML input (OOXML parts, XLIFF, TMX, TBX) goes through here.

Entities are never resolved, DTDs never loaded, nothing is fetched from the network.  What is refused is
decided on what an XML parser sees, in whatever encoding and wherever in the prolog it stands:

* the bytes must decode in the encoding the document declares (byte-order mark, XML declaration, or UTF-8
  by default; XML 1.0 §4.3.3 and Appendix F) — checked strictly with Python's codec, so a file is refused
  rather than read as mojibake, including UTF-8 bytes under a single-byte declaration such as ISO-8859-1;
* the DOCTYPE is read by an XML parser (expat's doctype event, which says whether an internal subset
  follows): a DOCTYPE naming an external DTD with no internal subset — the line TMX, TBX-Basic and XLIFF
  tools write, ``<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">`` — is accepted and its DTD never
  read; an internal subset (where entity declarations live: XXE, "billion laughs") is refused;
* an entity reference that survives parsing (``&name;``, undeclared because the DTD is not loaded) is
  refused rather than kept as text or silently dropped from an attribute.

Streaming readers (``lxml.etree.iterparse`` with :func:`make_parser`'s options) call :func:`check_xml_chunks` on
the file's bytes first, then :func:`check_tree` on each element they read (before clearing it) with the
iterparse ``error_log``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex

from statementkit.errors import StatementkitError, XmlError

_MAX_XML_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
_DECLARATION = regex.compile(r"""\A<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
_UNDEFINED_ENTITY = regex.compile(r"Entity '([^']*)' not defined, line (\d+)")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


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


def declared_encoding(head: bytes) -> str:
    """The Python codec name for a document starting with ``head`` (its first bytes, 1 KiB is plenty).

    Byte-order mark first, then UTF-16 without one (``<`` as two bytes), then the XML declaration's
    ``encoding``, else UTF-8.  An encoding Python does not know is returned as declared.
    """
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    if head.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if head.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    m = _DECLARATION.match(head[:1024].decode("latin-1"))
    if not m:
        return "utf-8"
    try:
        return codecs.lookup(m.group(1)).name
    except LookupError:
        return m.group(1)


class _PrologDone(Exception):
    pass


class _Refused(Exception):
    pass


def check_xml_chunks(chunks: Iterable[bytes], what: str, error: type[StatementkitError] = XmlError) -> None:
    """Refuse a document whose bytes do not decode in its declared encoding, or whose DOCTYPE has an internal
    subset (entity declarations); ``chunks`` are the document's bytes in order (a file read in pieces).

    The DOCTYPE is decided by expat's doctype event on the decoded text, read only up to the root element.
    """
    from xml.parsers import expat

    decoder: Any = None
    encoding = ""
    prolog: Any = expat.ParserCreate()  # fed str: expat reads it as UTF-8 whatever the declaration says

    def doctype(name: str, system: str | None, public: str | None, internal_subset: int) -> None:
        if internal_subset:
            raise _Refused(f"{what}: XML with an internal DTD subset (entity declarations) is refused "
                           "(possible XXE or entity bomb); a DOCTYPE naming only an external DTD is accepted")

    def start(name: str, attrs: Any) -> None:
        raise _PrologDone

    def entity_decl(*args: Any) -> None:  # pragma: no cover - only inside an internal subset, refused above
        raise _Refused(f"{what}: XML with entity declarations is refused (possible XXE or entity bomb)")

    prolog.StartDoctypeDeclHandler = doctype
    prolog.EntityDeclHandler = entity_decl
    prolog.StartElementHandler = start
    in_prolog = True
    all_utf8: bool | None = None  # non-UTF encodings: were all non-ASCII blocks valid UTF-8?
    for block in _blocks(chunks):
        if decoder is None:
            encoding = declared_encoding(block)
            if encoding.startswith(("utf-16", "utf-32")) and block.startswith(b"<?xml"):
                raise error(f"{what}: declares the encoding {encoding.upper()} but its bytes are not "
                            "(an 8-bit XML declaration); correct the XML declaration")
            decoder = _decoder(encoding, what, error)
        try:
            text = decoder.decode(block)
        except UnicodeDecodeError as exc:
            raise error(f"{what}: its bytes are not {encoding} (the encoding it declares, UTF-8 without a "
                        f"declaration; a byte near offset {exc.start} of a block cannot be decoded); "
                        "re-save it in its true encoding") from None
        if not encoding.startswith("utf") and not block.isascii() and all_utf8 is not False:
            all_utf8 = _is_multibyte_utf8(block)
        if in_prolog:
            in_prolog = _feed(prolog, text, what, error)
    if decoder is not None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise error(f"{what}: its bytes are not {encoding}, the encoding it declares "
                        "(cut off inside a character)") from None
    if all_utf8:
        raise error(f"{what}: declares the encoding {encoding} but its bytes are UTF-8 "
                    "(it would be read as mojibake); correct the XML declaration")


def _blocks(chunks: Iterable[bytes]) -> Iterable[bytes]:
    """The chunks again, the first one at least 1 KiB (or all there is) so the declaration is whole."""
    head = b""
    it = iter(chunks)
    for chunk in it:
        head += chunk
        if len(head) >= 1024:
            break
    if head:
        yield head
    yield from it


def check_xml_bytes(data: bytes, what: str, error: type[StatementkitError] = XmlError) -> None:
    """:func:`check_xml_chunks` on a document held in memory (read in 1 MiB blocks)."""
    view = memoryview(data)
    check_xml_chunks((bytes(view[k:k + _CHUNK]) for k in range(0, len(data), _CHUNK)), what, error)


def _decoder(encoding: str, what: str, error: type[StatementkitError]) -> Any:
    try:
        return codecs.getincrementaldecoder(encoding)("strict")
    except LookupError:
        raise error(f"{what}: unknown character encoding '{encoding}'") from None


def _is_multibyte_utf8(data: bytes) -> bool:
    """Whether ``data`` (some non-ASCII bytes) is valid UTF-8 — a block cut mid-character still counts."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
    return True


def _feed(prolog: Any, text: str, what: str, error: type[StatementkitError]) -> bool:
    """Feed the prolog parser; False once the root element starts (nothing more to decide)."""
    from xml.parsers import expat

    try:
        prolog.Parse(text, False)
    except _PrologDone:
        return False
    except _Refused as exc:
        raise error(str(exc)) from None
    except expat.ExpatError as exc:
        raise error(f"{what}: malformed XML: {expat.ErrorString(exc.code)}, line {exc.lineno}") from None
    return True


def check_tree(root: Any, error_log: Any, what: str, error: type[StatementkitError] = XmlError) -> None:
    """Refuse entity references left in a parsed document (text nodes, or dropped from attributes)."""
    from lxml import etree

    for entry in error_log:
        if entry.type_name == "WAR_UNDECLARED_ENTITY":
            name = regex.search(r"Entity '([^']*)'", entry.message)
            raise error(_entity_refused(what, entry.line, f"&{name.group(1)};" if name else "an entity"))
    for node in root.iter(etree.Entity):
        raise error(_entity_refused(what, node.sourceline, node.text))


def _entity_refused(what: str, line: object, ref: str) -> str:
    return f"{what}: line {line}: entity reference {ref} refused; write the character itself or a character reference"


def _syntax_message(exc: Any, what: str) -> str:
    msg = " ".join(str(exc.msg).split())
    if "XML_PARSE_HUGE" in msg or "Huge input lookup" in msg:
        return f"{what}: a text or attribute value longer than libxml2's 10 MB limit"
    if "amplification" in msg or "entity reference loop" in msg.lower():
        return f"{what}: entity expansion refused (entity bomb)"
    undefined = _UNDEFINED_ENTITY.match(msg)
    if undefined:
        return _entity_refused(what, undefined.group(2), f"&{undefined.group(1)};")
    return f"{what}: malformed XML: {msg}"


def parse_xml(data: bytes, what: str, error: type[StatementkitError] = XmlError, **overrides: Any) -> Any:
    """Parse ``data`` (bytes) into an lxml element; ``what`` names the document in error messages.

    Raises ``error`` (one line) for a document larger than 200 MB, bytes not in the declared encoding, an
    internal DTD subset, an entity reference, or malformed XML.
    """
    from lxml import etree

    if len(data) > _MAX_XML_BYTES:
        raise error(f"{what}: XML part larger than {_MAX_XML_BYTES // (1024 * 1024)} MB")
    check_xml_bytes(data, what, error)
    parser = make_parser(**overrides)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise error(_syntax_message(exc, what)) from None
    if root is None:
        raise error(f"{what}: empty XML document")
    check_tree(root, parser.error_log, what, error)
    return root


def read_xml_bytes(path: str | Path, what: str, max_bytes: int = _MAX_XML_BYTES) -> bytes:
    """Read an XML file's bytes, never more than ``max_bytes``; one-line errors naming the file."""
    from statementkit.adapters.files import read_input_bytes

    return read_input_bytes(path, what, max_bytes, XmlError)
