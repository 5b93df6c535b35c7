"""Check a statement: the file, registry references, slots, templates, and the language versions against
each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from statementkit.model.statement import AcceptedFinding
    from statementkit.services.qa import Finding
    from statementkit.services.validate import Problem


@dataclass
class CheckResult:
    """``problems``: validation errors (library and statement); ``findings``: cross-language QA findings;
    ``clauses`` and ``languages`` describe the statement for the "ok" line."""

    problems: list[Problem]
    findings: list[Finding]
    clauses: int
    languages: tuple[str, ...]
    accepted: list[Finding] = field(default_factory=list)  # findings the statement accepts (not problems)
    stale: list[AcceptedFinding] = field(default_factory=list)  # accepted exceptions that match nothing now
    # house-style findings on official texts (an imported statement's): reported, not counted
    notes: list[Problem | Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.problems) + len(self.findings)

    def as_json(self) -> dict[str, Any]:
        return {"problems": [{"message": p.message, "path": p.path, "line": p.line} for p in self.problems],
                "findings": [f.as_json() for f in self.findings],
                "accepted": [f.as_json() for f in self.accepted],
                "notes": [{"message": n.message, "path": n.path, "line": n.line} if not hasattr(n, "as_json")
                          else n.as_json() for n in self.notes],
                "stale_accepted": [{"clause": e.clause, "check": e.check, "lang": e.lang, "text": e.text}
                                   for e in self.stale]}


def check_statement(spec: Path, library_dir: Path | None = None, house_style: bool = False) -> CheckResult:
    """Every problem and finding of the statement at ``spec``; raises InputError only when it cannot be
    read at all.

    Official texts (:func:`statementkit.services.validate.official_texts`: in a free-form statement such as an
    imported one, free clauses given with every version inline or approved human) are the signed wording: our house style (the genre rules and
    the QA checks of severity ``warning``: typography, quotes, spaces) is reported on them as ``notes``, not
    as problems, unless ``house_style`` (``check --house-style``).  Cross-language errors (numbers, names,
    missing sentences) stay problems on every text."""
    from statementkit.app.workspace import open_statement
    from statementkit.services.qa import Severity, qa_report
    from statementkit.services.validate import official_texts, validate_library, validate_statement

    opened = open_statement(spec, library_dir)
    ws, translations = opened.workspace, opened.translations
    notes: list[Problem] = []
    problems = validate_library(ws.library) + validate_statement(ws.statement, ws.registry, ws.library,
                                                                 translations, None if house_style else notes)
    report = qa_report(ws.statement, ws.registry, ws.library, translations)
    official = frozenset() if house_style else official_texts(ws.statement, translations)
    findings: list[Finding] = []
    style: list[Finding] = []
    for f in report.findings:
        on_official = all((f.clause, lg) in official for lg in (f.languages or (f.lang,)))
        (style if f.severity is Severity.WARNING and on_official else findings).append(f)
    return CheckResult(problems, findings, len(list(ws.statement.units())), tuple(ws.statement.languages),
                       [f for f, _ in report.accepted], report.stale, [*notes, *style])
