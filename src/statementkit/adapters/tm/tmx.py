"""TMX 1.4b import and export for the translation memory.

Export goes through Translate Toolkit's TMX store (header, ``tu``/``tuv``/``seg`` per the standard), one
``tu`` per language pair with the origin and status as ``prop`` elements (``x-statementkit-origin``,
``x-statementkit-status``).  Import streams through the one hardened parser (adapters/xmlsafe.py, constant memory) and takes
every ``tu`` with several languages apart into pairs itself: Translate Toolkit's unit model holds one source
and one target, while TMX units may carry en, zh and ru at once.  The plain ``<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`` line most TMX files start with is dropped before parsing (no internal subset, nothing
loaded); any other DOCTYPE is refused by the parser factory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import regex

from statementkit import LANGUAGES
from statementkit.errors import XmlError
from statementkit.model.translation import Origin, Status

_PLAIN_DOCTYPE = regex.compile(rb'<!DOCTYPE\s+tmx\s+(?:SYSTEM\s+"[^"<>\[\]]*"|PUBLIC\s+"[^"<>\[\]]*"\s+"[^"<>\[\]]*")\s*>')
_INLINE_CODES = {"bpt", "ept", "it", "ph", "ut"}  # native codes: their text is not translatable content
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class TmxPair:
    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: Origin | None = None
    status: Status | None = None


def _lang(code: str | None) -> str | None:
    """xml:lang to our code: en-US -> en, zh-Hans-CN -> zh; other languages -> None (skipped)."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def _seg_text(seg: object) -> str:
    from lxml import etree

    assert isinstance(seg, etree._Element)
    parts = [seg.text or ""]
    for child in seg:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag not in _INLINE_CODES:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass(frozen=True)
class TmxUnit:
    """One ``tu``: its text per language (en/zh/ru only, first ``tuv`` of a language wins), origin and
    status from the x-statementkit properties, and its line in the file."""

    texts: dict[str, str]
    origin: Origin | None = None
    status: Status | None = None
    line: int | None = None

    def pairs(self) -> list[TmxPair]:
        """Every ordered pair of its languages (both directions); none when it has fewer than two."""
        return [TmxPair(a, b, self.texts[a], self.texts[b], self.origin, self.status)
                for a in self.texts for b in self.texts if a != b]


def parse_tu(tu: object) -> TmxUnit:
    """One ``tu`` element (lxml) into a :class:`TmxUnit`; the one place a unit is read, shared by the
    streaming reader and anything else reading TMX.  Raises :class:`XmlError` (with the line) on an
    unknown x-statementkit origin or status, or an entity reference left in a segment."""
    from lxml import etree

    if not isinstance(tu, etree._Element):
        raise TypeError("parse_tu takes an lxml element")
    props = {p.get("type"): (p.text or "").strip() for p in tu.iter("{*}prop", "prop")}
    try:
        origin = Origin(props["x-statementkit-origin"]) if "x-statementkit-origin" in props else None
        status = Status(props["x-statementkit-status"]) if "x-statementkit-status" in props else None
    except ValueError:
        raise XmlError("unknown x-statementkit origin or status in a <tu>", line=tu.sourceline) from None
    texts: dict[str, str] = {}
    for tuv in tu.iter("{*}tuv", "tuv"):
        lang = _lang(tuv.get(XML_LANG) or tuv.get("lang"))
        seg = next(iter(tuv.iter("{*}seg", "seg")), None)
        if lang and seg is not None and lang not in texts:
            if any(isinstance(x, etree._Entity) for x in seg.iter()):
                raise XmlError("an entity reference in a <seg> is refused (entities are never resolved)",
                               line=tu.sourceline)
            text = _seg_text(seg).strip()
            if text:
                texts[lang] = text
    return TmxUnit(texts, origin, status, tu.sourceline)


def _check_root(root: object) -> None:
    from lxml import etree

    assert isinstance(root, etree._Element)
    if etree.QName(root).localname != "tmx":
        raise XmlError("not a TMX file (root element is not <tmx>)")


def _drop_plain_doctype(head: bytes) -> bytes:
    return _PLAIN_DOCTYPE.sub(b"", head, count=1)


def iter_tmx(path: Path) -> Iterator[TmxUnit]:
    """Stream the ``tu`` of a TMX file in document order, in constant memory (any file size).

    Errors: :class:`XmlError` with the file and line (malformed XML, a DOCTYPE with declarations, a root
    other than ``<tmx>``, a bad x-statementkit property)."""
    from statementkit.adapters.xmlsafe import iter_xml_elements

    try:
        for tu in iter_xml_elements(path, "TMX file", ("tu",), XmlError, fix_head=_drop_plain_doctype,
                                    on_root=_check_root):
            yield parse_tu(tu)
    except XmlError as exc:
        if exc.path is None:
            raise XmlError(exc.message, path=path, line=exc.line) from None
        raise


def read_tmx(path: Path) -> tuple[list[TmxPair], int]:
    """Every pair of languages in every ``tu`` (both directions), and how many ``tu`` were skipped
    (fewer than two of en, zh, ru).  Holds every pair in memory: for large files use :func:`iter_tmx`."""
    pairs: list[TmxPair] = []
    skipped = 0
    for unit in iter_tmx(path):
        got = unit.pairs()
        skipped += not got
        pairs.extend(got)
    return pairs, skipped


def write_tmx(path: Path, pairs: Iterable[TmxPair]) -> int:
    """Write pairs as TMX 1.4 (atomically); returns the number of ``tu`` written."""
    from lxml import etree
    from translate.storage.tmx import tmxfile

    from statementkit import __version__
    from statementkit.adapters.atomic import write_with

    store = tmxfile(sourcelanguage="en")
    n = 0
    for p in pairs:
        unit = store.addsourceunit(p.source, p.src_lang)
        unit.settarget(p.target, p.tgt_lang, append=True)
        for key, value in (("x-statementkit-origin", p.origin), ("x-statementkit-status", p.status)):
            if value is not None:
                prop = etree.Element("prop", type=key)
                prop.text = value.value
                unit.xmlelement.insert(0, prop)
        n += 1
    header = store.document.getroot().find("header")
    if header is not None:
        header.set("creationtool", "statementkit")
        header.set("creationtoolversion", __version__)
        header.set("srclang", "*all*")
    data = bytes(store)

    def write(fh: IO[bytes]) -> None:
        fh.write(data)

    write_with(path, write)
    return n
