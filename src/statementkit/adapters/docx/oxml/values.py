"""Numeric attribute values read from a DOCX, validated with bounds.

WordprocessingML types most counts as ``ST_DecimalNumber`` — any ``xsd:integer``, as long as the file
likes.  A number read from a file must never size anything (a ``w:start`` of 100 000 000 000 with letter
numbering once built a label of gigabytes), so each attribute has bounds: those of the standard where it
gives them, else those of Word.  A value outside them, or not a whole number, is one line
(:class:`~statementkit.errors.DocxError`), never a traceback.
"""

from __future__ import annotations

import re
from typing import Any

from statementkit.adapters.docx.oxml.ns import w
from statementkit.errors import DocxError

INT32_MAX = 2**31 - 1

# attribute -> (lowest, highest) and where the bound comes from
LIMITS: dict[str, tuple[int, int]] = {
    "ilvl": (0, 8),  # ECMA-376 Part 1, 17.9: nine list levels, 0-8
    "start": (0, 32767),  # Word's largest "Start at" value
    "startOverride": (0, 32767),
    "numId": (0, INT32_MAX),  # Word stores list ids as 32-bit numbers
    "abstractNumId": (0, INT32_MAX),
    "gridSpan": (1, 63),  # Word tables have at most 63 columns
}
_DECIMAL = re.compile(r"[+-]?[0-9]{1,12}")


def _shown(value: str) -> str:
    return value if len(value) <= 20 else value[:20] + "…"


def decimal_value(el: Any, name: str, *, attr: str = "val") -> int | None:
    """The whole number in ``el``'s ``w:{attr}`` (None when ``el`` is None or the attribute is missing),
    within :data:`LIMITS` [``name``]; raises DocxError naming ``w:{name}`` and the value otherwise."""
    if el is None:
        return None
    raw = el.get(w(attr))
    if raw is None:
        return None
    low, high = LIMITS[name]
    text = raw.strip()
    if _DECIMAL.fullmatch(text) and low <= int(text) <= high:
        return int(text)
    raise DocxError(f"w:{name} value '{_shown(raw)}' is not a whole number from {low} to {high}")


def revision_id(raw: str | None) -> int | None:
    """A ``w:id`` of a revision, bookmark or comment as a number from 0 to 2**31-1, or None for any other
    value (such an id cannot collide with the ids a redline hands out, so it needs no refusal)."""
    if raw is None or not raw.isdigit() or len(raw) > 10:
        return None
    n = int(raw)
    return n if n <= INT32_MAX else None
