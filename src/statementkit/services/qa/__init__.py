"""Cross-language checks: the language versions of a statement compared clause by clause.

:func:`run_checks` returns :class:`Finding` values; a failed check is a result, an exception in a check
is a bug.  Each check is a small named function with a severity and a docstring that doubles as help
(``CHECKS``), in the manner of Translate Toolkit's ``filters/checks.py``; per-language rules (sentences,
length, punctuation, quotes, brackets, scripts) live in language objects
(:mod:`statementkit.services.qa.languages`); numbers in every form are read by
:mod:`statementkit.services.qa.numbers` and registry names by :mod:`statementkit.services.qa.names`.
"""

from statementkit.services.qa.checks import (
    CHECKS,
    Finding,
    QAContext,
    QAReport,
    Severity,
    Span,
    check_units,
    qa_report,
    run_checks,
)

__all__ = ["CHECKS", "Finding", "QAContext", "QAReport", "Severity", "Span", "check_units", "qa_report",
           "run_checks"]
