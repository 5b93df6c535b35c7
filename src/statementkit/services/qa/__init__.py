"""Cross-language checks: the language versions of a statement compared clause by clause.

:func:`run_checks` returns :class:`Finding` values; a failed check is a result, an exception in a check
is a bug.  Each check is a small named function with a severity and a docstring that doubles as help
(``CHECKS``); per-language rules (Chinese punctuation, Russian quotes, scripts) live in language objects
(:mod:`statementkit.services.qa.languages`).
"""

from statementkit.services.qa.checks import CHECKS, Finding, Severity, run_checks

__all__ = ["CHECKS", "Finding", "Severity", "run_checks"]
