"""Clause-level comparison of two versions of a statement: pure, no I/O.

``compare(old, new, lang=…)`` aligns two lists of :class:`ClauseText` (by id, else by content and order),
diffs the text of each aligned pair and returns a :class:`DiffResult` that every renderer (text, JSON,
HTML, redline DOCX) works from.
"""

from statementkit.services.diff.align import Alignment, AlignOptions, Step, align
from statementkit.services.diff.model import ClauseChange, ClauseText, DiffResult, InlineOp, Kind, compare

__all__ = ["AlignOptions", "Alignment", "ClauseChange", "ClauseText", "DiffResult", "InlineOp", "Kind",
           "Step", "align", "compare"]
