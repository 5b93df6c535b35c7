"""Text of WordprocessingML content as Word shows it, every run-level element accounted for.

For a cell or document, call :func:`statementkit.adapters.docx.oxml.resolve_revisions` (``"accept"``)
first, so that deleted paragraph marks join their paragraphs; what is left of ``w:del`` and ``w:moveFrom``
is skipped here in any case.  :func:`.text.run_pieces` and :func:`.text.element_text` read runs with the
same characters (:data:`RUN_CHARS`, :func:`symbol_char`).

Each element of ``EG_RunInnerContent`` (ECMA-376 Part 1, 17.3.3, wml.xsd) is decided here:

* text: ``w:t``; ``w:br`` (any type) and ``w:cr`` give "\\n"; ``w:tab`` and ``w:ptab`` "\\t";
  ``w:noBreakHyphen`` U+2011; ``w:softHyphen`` U+00AD; ``w:sym`` the character its ``w:char`` names
  (hex, as Word stores it; symbol-font codes stay in the private use area U+F000–U+F0FF);
* nothing shown: ``w:rPr``, ``w:fldChar``, ``w:instrText`` (a field's code: its result runs are read),
  ``w:lastRenderedPageBreak``, ``w:commentReference``, ``w:annotationRef``, ``w:footnoteRef``,
  ``w:endnoteRef``, ``w:separator``, ``w:continuationSeparator``; ``w:delText``/``w:delInstrText`` left
  outside a deletion are deleted text;
* shown, but not as text a translation can hold — reported as a *problem*, never dropped silently:
  pictures and objects (``w:drawing``, ``w:pict``, ``w:object``, ``w:contentPart``), note references,
  date and page fields (``w:dayShort`` … ``w:yearLong``, ``w:pgNum``), ``w:ruby``, equations (``m:oMath``),
  sub-documents, nested tables, and any element this list does not know that holds text.

Paragraph-level containers (hyperlinks, simple fields, smart tags, custom XML, content controls,
``w:dir``/``w:bdo``, accepted ``w:ins``/``w:moveTo``) are read through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from statementkit.adapters.docx.oxml.ns import w
from statementkit.adapters.docx.oxml.symbols import font_char, is_symbol_font, run_text

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

RUN_CHARS = {w("br"): "\n", w("cr"): "\n", w("tab"): "\t", w("ptab"): "\t", w("noBreakHyphen"): "\u2011",
          w("softHyphen"): "\u00ad"}
_SILENT = {w(t) for t in ("rPr", "fldChar", "instrText", "delInstrText", "delText", "lastRenderedPageBreak",
                          "commentReference", "annotationRef", "footnoteRef", "endnoteRef", "separator",
                          "continuationSeparator")}
_NOT_TEXT = {
    **{w(t): "a picture or object" for t in ("drawing", "pict", "object", "contentPart")},
    **{w(t): "a note reference" for t in ("footnoteReference", "endnoteReference")},
    **{w(t): "a date or page number field" for t in ("dayShort", "monthShort", "yearShort", "dayLong",
                                                      "monthLong", "yearLong", "pgNum")},
    w("ruby"): "ruby (a phonetic guide)",
}
_READ_THROUGH = {w(t) for t in ("hyperlink", "fldSimple", "smartTag", "customXml", "sdt", "sdtContent", "dir",
                                "bdo", "ins", "moveTo")}
_SKIPPED = {w(t) for t in ("pPr", "sdtPr", "sdtEndPr", "customXmlPr", "smartTagPr", "del", "moveFrom")}
_BLOCK_THROUGH = {w(t) for t in ("sdt", "sdtContent", "customXml")}
_MAX_CODE_POINT = 0x10FFFF


@dataclass
class ShownText:
    """Text as shown, and what was shown that plain text cannot hold (one phrase each, in order)."""

    text: str = ""
    problems: list[str] = field(default_factory=list)


def symbol_char(sym: Any) -> str | None:
    """The character of a ``w:sym`` (``w:char`` is 1–6 hex digits naming a code point that XML can carry);
    None when the attribute is missing or out of bounds.  In a symbol font (``w:font`` Symbol, Wingdings)
    the character is the one the font's glyph stands for (F0B7 in Symbol → "•"; see :mod:`.symbols`)."""
    code = sym.get(w("char")) or ""
    if not 1 <= len(code) <= 6 or any(c not in "0123456789abcdefABCDEF" for c in code):
        return None
    n = int(code, 16)
    if n > _MAX_CODE_POINT or 0xD800 <= n <= 0xDFFF or (n < 0x20 and n not in (0x9, 0xA, 0xD)) \
            or n in (0xFFFE, 0xFFFF):
        return None
    font = sym.get(w("font"))
    if is_symbol_font(font) and 0x20 <= n <= 0xFF:  # a byte of a symbol font, as F0xx
        n += 0xF000
    return font_char(chr(n), font) if font else chr(n)


def _has_text(el: Any) -> bool:
    return any(True for _ in el.iter(w("t"), f"{{{M_NS}}}t"))


def _note(out: ShownText, what: str) -> None:
    if what not in out.problems:
        out.problems.append(what)


def _unknown(el: Any, shown: ShownText) -> None:
    """An element this module does not list (an extension, ``mc:AlternateContent``): a problem when it
    shows something — text, a picture, a field — silently nothing otherwise."""
    for d in el.iter():
        if d.tag in _NOT_TEXT:
            _note(shown, _NOT_TEXT[d.tag])
            return
    if _has_text(el):
        _note(shown, f"unknown content ({el.tag.rsplit('}', 1)[-1]})")


def step_field(stack: list[bool], fld_char: Any) -> None:
    """Follow one ``w:fldChar`` through nested fields: ``stack`` holds, per open field, whether its code (True,
    between begin and separate) or its result (False, between separate and end) is being read."""
    kind = fld_char.get(w("fldCharType"))
    if kind == "begin":
        stack.append(True)
    elif kind == "separate" and stack:
        stack[-1] = False
    elif kind == "end" and stack:
        stack.pop()


def _run(run: Any, in_code: list[bool], out: list[str], shown: ShownText) -> None:
    for c in run:
        tag = c.tag
        if tag == w("fldChar"):
            step_field(in_code, c)
            continue
        if in_code and in_code[-1]:
            continue  # a field's code: Word shows its result instead
        if tag == w("t"):
            out.append(run_text(run, c.text or ""))
        elif tag in RUN_CHARS:
            out.append(RUN_CHARS[tag])
        elif tag == w("sym"):
            ch = symbol_char(c)
            if ch is None:
                _note(shown, f"a symbol with an unreadable character code ({c.get(w('char'))!r:.20})")
            else:
                out.append(ch)
        elif tag in _NOT_TEXT:
            _note(shown, _NOT_TEXT[tag])
        elif tag not in _SILENT and isinstance(tag, str):
            _unknown(c, shown)


def _inline(el: Any, in_code: list[bool], out: list[str], shown: ShownText) -> None:
    for c in el:
        tag = c.tag
        if tag == w("r"):
            _run(c, in_code, out, shown)
        elif tag in _READ_THROUGH:
            _inline(c, in_code, out, shown)
        elif tag in _SKIPPED or not isinstance(tag, str):
            continue
        elif tag.startswith(f"{{{M_NS}}}"):
            _note(shown, "an equation")
        elif tag == w("subDoc"):
            _note(shown, "a sub-document")
        else:
            _unknown(c, shown)


def paragraph_shown(p: Any, shown: ShownText | None = None) -> ShownText:
    """One ``w:p`` as shown (its text, plus problems)."""
    shown = shown if shown is not None else ShownText()
    out: list[str] = []
    _inline(p, [], out, shown)
    shown.text = "".join(out)
    return shown


def container_shown(container: Any) -> ShownText:
    """A cell (``w:tc``) or other block container as shown: its paragraphs joined by "\\n" (content controls
    and custom XML read through; a nested table or other block content is a problem)."""
    shown = ShownText()
    texts: list[str] = []

    def blocks(el: Any) -> None:
        for c in el:
            tag = c.tag
            if tag == w("p"):
                texts.append(paragraph_shown(c, shown).text)
            elif tag in _BLOCK_THROUGH:
                blocks(c)
            elif tag == w("tbl"):
                _note(shown, "a table")
            elif isinstance(tag, str) and tag != w("tcPr"):
                _unknown(c, shown)

    blocks(container)
    shown.text = "\n".join(texts)
    return shown
