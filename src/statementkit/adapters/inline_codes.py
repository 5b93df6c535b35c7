"""Inline codes that stand for white space, as TMX and XLIFF writers mark them.

Exchange formats replace the markup of the original document with inline codes: TMX ``bpt``/``ept``/``it``/
``ph``/``ut`` (TMX 1.4b §3.7) carry the native code as content; XLIFF 2.0 ``ph``/``sc``/``ec`` carry it by
reference (``dataRef`` into ``originalData``) and describe it with ``equiv`` (the text-only rendering,
XLIFF 2.0 §4.3.1.17), ``disp`` and ``subType`` (``xlf:lb``, ``xlf:pb``).  Most codes are formatting and
vanish from plain text; a code for a line break, tab or space must leave that white space, or the words on
either side are glued ("noted<br/>the results" → "notedthe results").

A code is white space when (first match wins):

* XLIFF ``equiv`` (or ``disp``) is itself white space;
* its type names a break or tab: TMX ``type="lb"`` (also ``pb``, ``cb``), ``x-`` and tool-prefixed variants
  (``x-lb``, ``x-mq-lb``, ``x-tab``, ``x-linebreak``), XLIFF ``subType="xlf:lb"``/``"xlf:pb"``;
* its native code is a break, tab or space element or control word: HTML ``<br>``, OOXML ``<w:br/>``,
  ``<w:cr/>``, ``<w:tab/>``, ODF ``<text:line-break/>``, ``<text:tab/>``, ``<text:s/>``, RTF ``\\line``,
  ``\\tab``, or the white-space characters themselves.
"""

from __future__ import annotations

import regex

_BREAK = "\n"
_TYPE_BREAK = regex.compile(r"(?:^|[-:_.])(?:lb|br|cr|pb|cb|linebreak|line-break|newline|softreturn|"
                            r"soft-return|paragraph-break)$", regex.I)
_TYPE_TAB = regex.compile(r"(?:^|[-:_.])tab$", regex.I)
_TYPE_SPACE = regex.compile(r"(?:^|[-:_.])(?:space|sp|nbsp)$", regex.I)
_NATIVE_BREAK = regex.compile(r"\A\s*(?:<\s*(?:[\w.-]+:)?(?:br|line-break|cr|lb)\b[^<>]*>|\\line\b\s*|"
                              r"\\par\b\s*|&#(?:10|13|x0*[aAdD]);|\\n)\s*\Z")
_NATIVE_TAB = regex.compile(r"\A\s*(?:<\s*(?:[\w.-]+:)?tab\b[^<>]*>|\\tab\b\s*|&#(?:9|x0*9);|\\t)\s*\Z")
_NATIVE_SPACE = regex.compile(r"\A(?:<\s*text:s\b[^<>]*>|&nbsp;|&#(?:160|xa0);)\Z", regex.I)


def code_whitespace(*, equiv: str | None = None, disp: str | None = None, kind: str | None = None,
                    native: str | None = None) -> str:
    """The white space an inline code stands for, or "" for a formatting code.

    ``equiv``/``disp``: XLIFF 2.0 attributes; ``kind``: TMX ``type`` or XLIFF ``subType``; ``native``: the
    code's original markup (TMX element content, XLIFF ``originalData``).
    """
    for shown in (equiv, disp):
        if shown and shown.isspace():
            return shown
    if kind:
        if _TYPE_BREAK.search(kind):
            return _BREAK
        if _TYPE_TAB.search(kind):
            return "\t"
        if _TYPE_SPACE.search(kind):
            return "\u00a0" if "nbsp" in kind.lower() else " "
    if native:
        if native.isspace():
            return native
        if _NATIVE_BREAK.match(native):
            return _BREAK
        if _NATIVE_TAB.match(native):
            return "\t"
        if _NATIVE_SPACE.match(native.strip()):
            return " " if "text:s" in native else "\u00a0"
    return ""
