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

Streaming readers (``iterparse`` or ``XMLPullParser`` with :func:`make_parser`'s options) feed each chunk to an
:class:`XmlGuard` before the parser (or call :func:`check_xml_chunks` on the file first), close it at the end,
and call :func:`check_tree` on each element they read (before clearing it) with the parser's ``error_log``.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

from statementkit.errors import StatementkitError, XmlError

_MAX_XML_BYTES = 200 * 1024 * 1024
_CHUNK = 1024 * 1024
_MAX_PROLOG = 64 * 1024 * 1024  # characters before the root element (comments, PIs, DOCTYPE) read by expat
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


class XmlGuard:
    """The guard fed a document's bytes in order, chunk by chunk, alongside (before) the parser: ``feed``
    refuses as soon as it can tell (an internal subset once the DOCTYPE is read, undecodable bytes in the
    chunk), ``close`` checks the end (a character cut off; UTF-8 bytes under a single-byte declaration).

    The DOCTYPE is decided by expat's doctype event on the decoded text, read only up to the root element.
    """

    def __init__(self, what: str, error: type[StatementkitError] = XmlError) -> None:
        from xml.parsers import expat

        self.what, self.error = what, error
        self.encoding = ""
        self._decoder: Any = None
        self._head = b""
        self._in_prolog = True
        self._prolog_read = 0
        self._all_utf8: bool | None = None  # non-UTF encodings: were all non-ASCII blocks valid UTF-8?
        self._prolog: Any = expat.ParserCreate()  # fed str: read as UTF-8 whatever the declaration says
        self._prolog.StartDoctypeDeclHandler = self._doctype
        self._prolog.EntityDeclHandler = self._entity_decl
        self._prolog.StartElementHandler = self._start

    def _doctype(self, name: str, system: str | None, public: str | None, internal_subset: int) -> None:
        if internal_subset:
            raise _Refused(f"{self.what}: XML with an internal DTD subset (entity declarations) is refused "
                           "(possible XXE or entity bomb); a DOCTYPE naming only an external DTD is accepted")

    def _entity_decl(self, *args: Any) -> None:  # pragma: no cover - only inside an internal subset
        raise _Refused(f"{self.what}: XML with entity declarations is refused (possible XXE or entity bomb)")

    def _start(self, name: str, attrs: Any) -> None:
        raise _PrologDone

    def feed(self, chunk: bytes) -> None:
        if self._decoder is None:
            self._head += chunk
            if len(self._head) < 1024:  # the declaration must be whole to be read
                return
            chunk, self._head = self._head, b""
            self._start_decoding(chunk)
        self._check(chunk)

    def _start_decoding(self, block: bytes) -> None:
        what, error = self.what, self.error
        self.encoding = declared_encoding(block)
        if self.encoding.startswith(("utf-16", "utf-32")) and block.startswith(b"<?xml"):
            raise error(f"{what}: declares the encoding {self.encoding.upper()} but its bytes are not "
                        "(an 8-bit XML declaration); correct the XML declaration")
        try:
            self._decoder = codecs.getincrementaldecoder(self.encoding)("strict")
        except LookupError:
            raise error(f"{what}: unknown character encoding '{self.encoding}'") from None

    def _check(self, block: bytes) -> None:
        from xml.parsers import expat

        try:
            text = self._decoder.decode(block)
        except UnicodeDecodeError as exc:
            raise self.error(f"{self.what}: its bytes are not {self.encoding} (the encoding it declares, UTF-8 "
                             f"without a declaration; a byte near offset {exc.start} of a block cannot be "
                             "decoded); re-save it in its true encoding") from None
        if not self.encoding.startswith("utf") and not block.isascii() and self._all_utf8 is not False:
            self._all_utf8 = _is_multibyte_utf8(block)
        if not self._in_prolog:
            return
        self._prolog_read += len(text)
        if self._prolog_read > _MAX_PROLOG + _CHUNK:
            raise self.error(f"{self.what}: more than {_MAX_PROLOG // (1024 * 1024)} MB before the root element "
                             "(comments, processing instructions, DOCTYPE)")
        try:
            self._prolog.Parse(text, False)
        except _PrologDone:
            self._in_prolog = False
        except _Refused as exc:
            raise self.error(str(exc)) from None
        except expat.ExpatError as exc:
            raise self.error(f"{self.what}: malformed XML: {expat.ErrorString(exc.code)}, line {exc.lineno}"
                             ) from None

    def close(self) -> None:
        if self._decoder is None:
            if not self._head:
                return
            head, self._head = self._head, b""
            self._start_decoding(head)
            self._check(head)
        try:
            self._decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            raise self.error(f"{self.what}: its bytes are not {self.encoding}, the encoding it declares "
                             "(cut off inside a character)") from None
        if self._all_utf8:
            raise self.error(f"{self.what}: declares the encoding {self.encoding} but its bytes are UTF-8 "
                             "(it would be read as mojibake); correct the XML declaration")


def check_xml_chunks(chunks: Iterable[bytes], what: str, error: type[StatementkitError] = XmlError) -> None:
    """Refuse a document whose bytes do not decode in its declared encoding, or whose DOCTYPE has an internal
    subset (entity declarations); ``chunks`` are the document's bytes in order (a file read in pieces)."""
    guard = XmlGuard(what, error)
    for chunk in chunks:
        guard.feed(chunk)
    guard.close()


def check_xml_bytes(data: bytes, what: str, error: type[StatementkitError] = XmlError) -> None:
    """:func:`check_xml_chunks` on a document held in memory (read in 1 MiB blocks)."""
    view = memoryview(data)
    check_xml_chunks((bytes(view[k:k + _CHUNK]) for k in range(0, len(data), _CHUNK)), what, error)


def _is_multibyte_utf8(data: bytes) -> bool:
    """Whether ``data`` (some non-ASCII bytes) is valid UTF-8 — a block cut mid-character still counts."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data" and exc.start >= len(data) - 3
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


STREAM_CHUNK = 1024 * 1024


def iter_xml_elements(path: str | Path, what: str, tags: tuple[str, ...],
                      error: type[StatementkitError] = XmlError,
                      on_root: Callable[[Any], None] | None = None) -> Iterator[Any]:
    """Stream a large XML file: yield each finished element whose tag is in ``tags`` (Clark notation or
    plain), then clear it and drop its finished siblings, so memory stays constant whatever the file size.

    The parser has the same hardened settings as :func:`make_parser` (lxml's ``XMLPullParser``; no
    entities, no DTD, no network, ``huge_tree`` off) and the same guard (:class:`XmlGuard` fed every chunk
    first: declared encoding, DOCTYPE; :func:`check_tree` on every element yielded: entity references).
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
    from statementkit.adapters.files import open_binary

    fh = open_binary(p, error)  # closed in the finally below (a generator)
    try:
        guard, guard_closed = XmlGuard(what, error), False
        chunk, root_seen = fh.read(STREAM_CHUNK), False
        while True:
            try:
                if chunk:
                    guard.feed(chunk)
                    if len(chunk) < STREAM_CHUNK and not guard_closed:  # the file ends here: decide now
                        guard.close()
                        guard_closed = True
                    parser.feed(chunk)
                else:
                    if not guard_closed:
                        guard.close()
                        guard_closed = True
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
                        check_tree(elem, parser.error_log, what, error)
                        yield elem
                        elem.clear(keep_tail=False)
                        parent = elem.getparent()
                        if parent is not None:
                            while elem.getprevious() is not None:
                                del parent[0]
            except etree.XMLSyntaxError as exc:
                raise error(_syntax_message(exc, what), path=p, line=exc.lineno or None) from None
            except StatementkitError as exc:
                if exc.path is not None:
                    raise
                raise error(exc.message, path=p, line=exc.line) from None
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
