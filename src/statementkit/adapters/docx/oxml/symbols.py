"""Symbol fonts: the real character behind a private-use code point of the Symbol or Wingdings font.

Word and LibreOffice store a character of a symbol font as U+F000 + its byte in that font (a bullet
``w:lvlText`` of "\\uF0B7" with ``w:rFonts w:ascii="Symbol"``, a ``w:sym w:font="Wingdings" w:char="F0A7"``);
LibreOffice writes every bullet it cannot keep in the bullet's own font that way (a "–" bullet comes back
as U+F02D in Symbol).  Shown as text, such a character is a private-use code point no reader understands.

:func:`font_char` maps it one character for one character (so offsets into a text stay valid).  The Symbol
table is Adobe's Symbol encoding as Unicode publishes it (``VENDORS/ADOBE/symbol.txt``) for the printable
bytes that have a character of their own (bracket and arrow pieces are left out); the Wingdings table holds
the bullets Word offers (Unicode's Wingdings mapping, L2/11-052).  Hand-written: no Python library carries
these encodings (Python's codecs have none, fontTools neither).
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

_SYMBOL_PUNCT = {
    0x22: "∀", 0x24: "∃", 0x27: "∋", 0x2A: "∗", 0x2D: "−", 0x40: "≅", 0x5C: "∴", 0x5E: "⊥", 0x7E: "∼",
    0xA0: "€", 0xA1: "ϒ", 0xA2: "′", 0xA3: "≤", 0xA4: "⁄", 0xA5: "∞", 0xA6: "ƒ", 0xA7: "♣", 0xA8: "♦",
    0xA9: "♥", 0xAA: "♠", 0xAB: "↔", 0xAC: "←", 0xAD: "↑", 0xAE: "→", 0xAF: "↓", 0xB0: "°", 0xB1: "±",
    0xB2: "″", 0xB3: "≥", 0xB4: "×", 0xB5: "∝", 0xB6: "∂", 0xB7: "•", 0xB8: "÷", 0xB9: "≠", 0xBA: "≡",
    0xBB: "≈", 0xBC: "…", 0xBF: "↵", 0xC0: "ℵ", 0xC1: "ℑ", 0xC2: "ℜ", 0xC3: "℘", 0xC4: "⊗", 0xC5: "⊕",
    0xC6: "∅", 0xC7: "∩", 0xC8: "∪", 0xC9: "⊃", 0xCA: "⊇", 0xCB: "⊄", 0xCC: "⊂", 0xCD: "⊆", 0xCE: "∈",
    0xCF: "∉", 0xD0: "∠", 0xD1: "∇", 0xD2: "®", 0xD3: "©", 0xD4: "™", 0xD5: "∏", 0xD6: "√", 0xD7: "⋅",
    0xD8: "¬", 0xD9: "∧", 0xDA: "∨", 0xDB: "⇔", 0xDC: "⇐", 0xDD: "⇑", 0xDE: "⇒", 0xDF: "⇓", 0xE0: "◊",
    0xE1: "〈", 0xE2: "®", 0xE3: "©", 0xE4: "™", 0xE5: "∑", 0xF1: "〉", 0xF2: "∫",
}
SYMBOL: dict[int, str] = {
    **{b: chr(b) for b in range(0x20, 0x7F)},  # ASCII punctuation and digits are themselves …
    **dict(zip(range(0x41, 0x5B), "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ", strict=True)),  # … letters are Greek
    **dict(zip(range(0x61, 0x7B), "αβχδεφγηιϕκλμνοπθρστυϖωξψζ", strict=True)),
    **_SYMBOL_PUNCT,
}
SYMBOL.pop(0x60)  # the radical extender, a glyph piece
WINGDINGS: dict[int, str] = {
    0x6C: "●", 0x6E: "■", 0x6F: "□", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0x77: "⬥", 0x9F: "•", 0xA7: "▪",
    0xA8: "◻", 0xD8: "➢", 0xE8: "➔", 0xF0: "⇨", 0xFB: "✗", 0xFC: "✓",
}
_TABLES = {"symbol": SYMBOL, "wingdings": WINGDINGS}


def is_symbol_font(font: str | None) -> bool:
    """Whether ``font`` is a symbol font this module has a table for (Symbol, Wingdings; any case)."""
    return bool(font) and str(font).strip().lower() in _TABLES


def font_char(ch: str, font: str | None = None) -> str:
    """The character ``ch`` stands for in ``font`` (a ``w:rFonts``/``w:sym`` font name, any case): a
    private-use U+F020–U+F0FF of Symbol or Wingdings → its Unicode character; with no font named, the
    Symbol table (what LibreOffice writes).  Any other character, or a byte the table lacks, is returned
    unchanged."""
    code = ord(ch) if len(ch) == 1 else 0
    if not 0xF020 <= code <= 0xF0FF:
        return ch
    table = _TABLES.get((font or "symbol").strip().lower())
    if table is None:
        return ch
    return table.get(code - 0xF000, ch)


def font_text(text: str, font: str | None = None) -> str:
    """:func:`font_char` for every character of ``text`` (same length)."""
    return "".join(font_char(c, font) for c in text)


def run_text(run: Any, text: str) -> str:
    """``text`` of a ``w:t`` in ``run`` as shown: private-use characters of a symbol font named by the run's
    ``w:rPr/w:rFonts`` (ascii, else hAnsi) mapped by :func:`font_char`; any other text unchanged (the common
    case costs one scan of the text)."""
    if not any("\uf020" <= ch <= "\uf0ff" for ch in text):
        return text
    fonts = run.find(f"{{{W_NS}}}rPr/{{{W_NS}}}rFonts")
    font = None if fonts is None else (fonts.get(f"{{{W_NS}}}ascii") or fonts.get(f"{{{W_NS}}}hAnsi"))
    return font_text(text, font) if is_symbol_font(font) else text
