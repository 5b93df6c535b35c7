"""TMX 1.4b import and export for the translation memory.

Export goes through Translate Toolkit's TMX store (header, ``tu``/``tuv``/``seg`` per the standard), one
``tu`` per language pair with the origin and status as ``prop`` elements (``x-statementkit-origin``,
``x-statementkit-status``).  Import reads through the one hardened parser (adapters/xmlsafe.py) and takes
every ``tu`` with several languages apart into pairs itself: Translate Toolkit's unit model holds one source
and one target, while TMX units may carry en, zh and ru at once.  The plain ``<!DOCTYPE tmx SYSTEM
"tmx14.dtd">`` line most TMX files start with is dropped before parsing (no internal subset, nothing
loaded); any other DOCTYPE is refused by the parser factory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import regex

from statementkit import LANGUAGES
from statementkit.errors import XmlError
from statementkit.model.translation import Origin, Status

_PLAIN_DOCTYPE = regex.compile(rb'<!DOCTYPE\s+tmx\s+(?:SYSTEM\s+"[^"<>\[\]]*"|PUBLIC\s+"[^"<>\[\]]*"\s+"[^"<>\[\]]*")\s*>')
_INLINE_CODES = {"bpt", "ept", "it", "ph", "ut"}  # native codes: their text is not translatable content
_MAX_TMX = 200 * 1024 * 1024
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


def read_tmx(path: Path) -> tuple[list[TmxPair], int]:
    """Every pair of languages in every ``tu`` (both directions), and how many ``tu`` were skipped."""
    from statementkit.adapters.xmlsafe import parse_xml, read_xml_bytes

    data = read_xml_bytes(path, "TMX file", _MAX_TMX)
    data = _PLAIN_DOCTYPE.sub(b"", data[:65536], count=1) + data[65536:]
    try:
        root = parse_xml(data, "TMX file", XmlError)
    except XmlError as exc:
        raise XmlError(exc.message, path=path) from None
    from lxml import etree

    if etree.QName(root).localname != "tmx":
        raise XmlError("not a TMX file (root element is not <tmx>)", path=path)
    pairs: list[TmxPair] = []
    skipped = 0
    for tu in root.iter("{*}tu", "tu"):
        props = {p.get("type"): (p.text or "").strip() for p in tu.iter("{*}prop", "prop")}
        try:
            origin = Origin(props["x-statementkit-origin"]) if "x-statementkit-origin" in props else None
            status = Status(props["x-statementkit-status"]) if "x-statementkit-status" in props else None
        except ValueError:
            raise XmlError("unknown x-statementkit origin or status in a <tu>", path=path,
                           line=tu.sourceline) from None
        texts: dict[str, str] = {}
        for tuv in tu.iter("{*}tuv", "tuv"):
            lang = _lang(tuv.get(XML_LANG) or tuv.get("lang"))
            seg = next(iter(tuv.iter("{*}seg", "seg")), None)
            if lang and seg is not None and lang not in texts:
                text = _seg_text(seg).strip()
                if text:
                    texts[lang] = text
        if len(texts) < 2:
            skipped += 1
            continue
        for a in texts:
            for b in texts:
                if a != b:
                    pairs.append(TmxPair(a, b, texts[a], texts[b], origin, status))
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
