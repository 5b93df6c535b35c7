"""TMX 1.4b import and export for the translation memory.

Export streams (``lxml.etree.xmlfile``: one ``tu`` built and written at a time, header, ``tu``/``tuv``/``seg``
per the standard, the layout Translate Toolkit's TMX store wrote), one ``tu`` per language pair with the origin
and status as ``prop`` elements (``x-statementkit-origin``, ``x-statementkit-status``).  Import streams through the one hardened parser (adapters/xmlsafe.py, constant
memory: the ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">`` line most TMX files start with is accepted, an internal
subset or an entity reference refused) and takes every ``tu`` with several languages apart into pairs itself:
Translate Toolkit's unit model holds one source and one target, while TMX units may carry en, zh and ru at once.

Per unit (:func:`parse_tu`, :func:`seg_text`): ``xml:lang`` (or TMX 1.1 ``lang``) is a BCP 47 tag
(adapters/langtags.py: en-US, ZH-CN, zh_CN, zh-Hans-CN, ru-RU); a ``tuv`` in Traditional Chinese (zh-TW,
zh-HK, zh-MO, zh-Hant-*) or another language is skipped and counted, never taken as zh; inline codes vanish
except those standing for white space (adapters/inline_codes.py), which leave it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from statementkit.adapters.inline_codes import code_whitespace
from statementkit.adapters.langtags import TRADITIONAL, classify
from statementkit.errors import XmlError
from statementkit.model.translation import Origin, Status

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


@dataclass(frozen=True)
class TmxUnit:
    """One ``tu``: its text per language (en/zh/ru only, first ``tuv`` of a language wins), origin and status
    from the x-statementkit properties, its line, and how many ``tuv`` were Traditional Chinese (skipped)."""

    texts: dict[str, str]
    origin: Origin | None = None
    status: Status | None = None
    line: int | None = None
    traditional: int = 0
    other_languages: tuple[str, ...] = ()  # xml:lang of each tuv in another language (skipped)

    def pairs(self) -> list[TmxPair]:
        """Every ordered pair of its languages (both directions); none when it has fewer than two."""
        return [TmxPair(a, b, self.texts[a], self.texts[b], self.origin, self.status)
                for a in self.texts for b in self.texts if a != b]


@dataclass
class TmxContent:
    """What a TMX file holds for us: pairs, units skipped (fewer than two of en/zh/ru), and the ``tuv``
    skipped: Traditional Chinese, other languages."""

    pairs: list[TmxPair] = field(default_factory=list)
    skipped: int = 0
    traditional: int = 0
    other_languages: dict[str, int] = field(default_factory=dict)  # tag -> tuv skipped

    def count(self, unit: TmxUnit) -> None:
        """Add what ``unit`` skipped (the unit itself when it has fewer than two languages)."""
        self.skipped += len(unit.texts) < 2
        self.traditional += unit.traditional
        for tag in unit.other_languages:
            self.other_languages[tag] = self.other_languages.get(tag, 0) + 1


def _local(el: Any) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def seg_text(seg: Any) -> str:
    """The text of a ``seg`` (or ``sub``/``hi``): inline codes dropped, or the white space they stand for."""
    if not len(seg):
        return str(seg.text or "")
    parts = [seg.text or ""]
    for child in seg:
        tag = _local(child)
        if tag in _INLINE_CODES:
            parts.append(code_whitespace(kind=child.get("type"), native="".join(child.itertext())))
        elif tag:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def parse_tu(tu: Any) -> TmxUnit:
    """One ``tu`` element (lxml) into a :class:`TmxUnit`: per language the first non-empty ``seg`` (stripped).

    The one place a unit is read, for the whole-file and a streaming reader alike.  XmlError (with the line)
    for an unknown x-statementkit origin or status."""
    props = {p.get("type"): (p.text or "").strip() for p in tu.iter("{*}prop", "prop")}
    try:
        origin = Origin(props["x-statementkit-origin"]) if "x-statementkit-origin" in props else None
        status = Status(props["x-statementkit-status"]) if "x-statementkit-status" in props else None
    except ValueError:
        raise XmlError("unknown x-statementkit origin or status in a <tu>", line=tu.sourceline) from None
    texts: dict[str, str] = {}
    traditional = 0
    other: list[str] = []
    for tuv in tu.iter("{*}tuv", "tuv"):
        tag = tuv.get(XML_LANG) or tuv.get("lang")
        lang = classify(tag)
        if lang == TRADITIONAL:
            traditional += 1
            continue
        if lang is None:
            other.append(tag or "(no xml:lang)")
            continue
        seg = next(iter(tuv.iter("{*}seg", "seg")), None)
        if lang and seg is not None and lang not in texts:
            text = seg_text(seg).strip()
            if text:
                texts[lang] = text
    return TmxUnit(texts, origin, status, tu.sourceline, traditional, tuple(other))


def _check_root(root: Any) -> None:
    from lxml import etree

    if etree.QName(root).localname != "tmx":
        raise XmlError("not a TMX file (root element is not <tmx>)")


def iter_tmx(path: Path) -> Iterator[TmxUnit]:
    """Stream the ``tu`` of a TMX file in document order, in constant memory (any file size).

    Errors: :class:`XmlError` with the file and line (malformed XML, an internal DTD subset or an entity
    reference, bytes not in the declared encoding, a root other than ``<tmx>``, a bad x-statementkit
    property)."""
    from statementkit.adapters.xmlsafe import iter_xml_elements

    try:
        for tu in iter_xml_elements(path, "TMX file", ("tu",), XmlError, on_root=_check_root):
            yield parse_tu(tu)
    except XmlError as exc:
        if exc.path is None:
            raise XmlError(exc.message, path=path, line=exc.line) from None
        raise


def read_tmx(path: Path) -> TmxContent:
    """Every pair of languages in every ``tu`` (both directions), units skipped, ``tuv`` skipped (Traditional
    Chinese, other languages).  Holds every pair in memory: for large files use :func:`iter_tmx`."""
    out = TmxContent()
    for unit in iter_tmx(path):
        out.count(unit)
        out.pairs.extend(unit.pairs())
    return out


_TMX_HEAD = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
_PROPS = ("x-statementkit-status", "x-statementkit-origin")  # in this order in each tu (as written since 0.1)


def write_tmx(path: Path, pairs: Iterable[TmxPair]) -> int:
    """Write pairs as TMX 1.4b (atomically), one ``tu`` at a time: memory stays flat whatever the number of
    pairs (``lxml.etree.xmlfile``).  Returns the number of ``tu`` written.

    Each ``tu`` carries ``srclang``, the status and origin as ``prop`` elements and one ``tuv``/``seg`` per
    language; the layout (header attributes, two-space indentation) is the one Translate Toolkit's TMX store
    wrote before, byte for byte.  Characters XML cannot hold (C0 controls other than tab and line feed, lone
    surrogates) are left out of a ``seg``, as Translate Toolkit does (``valid_chars_only``)."""
    from lxml import etree

    from statementkit import __version__
    from statementkit.adapters.atomic import write_with

    header = {"creationtool": "statementkit", "creationtoolversion": __version__, "segtype": "sentence",
              "o-tmf": "UTF-8", "adminlang": "en", "srclang": "*all*", "datatype": "PlainText"}
    count = [0]

    def tu_element(p: TmxPair) -> Any:
        tu = etree.Element("tu", srclang=p.src_lang)
        for key, value in zip(_PROPS, (p.status, p.origin), strict=True):
            if value is not None:
                etree.SubElement(tu, "prop", type=key).text = value.value
        for lang, text in ((p.src_lang, p.source), (p.tgt_lang, p.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
            _set_text(etree.SubElement(tuv, "seg"), text)
        etree.indent(tu, space="  ", level=2)
        return tu

    def write(fh: IO[bytes]) -> None:
        fh.write(_TMX_HEAD)
        with etree.xmlfile(fh, encoding="UTF-8") as xf, xf.element("tmx", version="1.4"):
            xf.write("\n  ")
            xf.write(etree.Element("header", header))
            xf.write("\n  ")
            rest = iter(pairs)
            first = next(rest, None)
            if first is None:
                xf.write(etree.Element("body"))
            else:
                with xf.element("body"):
                    for p in itertools.chain((first,), rest):
                        xf.write("\n    ")
                        xf.write(tu_element(p))
                        count[0] += 1
                    xf.write("\n  ")
            xf.write("\n")
        fh.write(b"\n")

    write_with(path, write)
    return count[0]


def _set_text(el: Any, text: str) -> None:
    from translate.misc.xml_helpers import valid_chars_only

    try:
        el.text = text
    except ValueError:  # a character XML cannot hold: left out, as Translate Toolkit's store did
        el.text = valid_chars_only(text)
