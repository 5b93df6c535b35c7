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

    @property
    def count(self) -> int:
        return len(self.problems) + len(self.findings)

    def as_json(self) -> dict[str, Any]:
        return {"problems": [{"message": p.message, "path": p.path, "line": p.line} for p in self.problems],
                "findings": [f.as_json() for f in self.findings],
                "accepted": [f.as_json() for f in self.accepted],
                "stale_accepted": [{"clause": e.clause, "check": e.check, "lang": e.lang, "text": e.text}
                                   for e in self.stale]}


def check_statement(spec: Path, library_dir: Path | None = None) -> CheckResult:
    """Every problem and finding of the statement at ``spec``; raises InputError only when it cannot be
    read at all."""
    from statementkit.app.workspace import open_statement
    from statementkit.services.qa import qa_report
    from statementkit.services.validate import validate_library, validate_statement

    opened = open_statement(spec, library_dir)
    ws, translations = opened.workspace, opened.translations
    problems = validate_library(ws.library) + validate_statement(ws.statement, ws.registry, ws.library,
                                                                 translations)
    report = qa_report(ws.statement, ws.registry, ws.library, translations)
    return CheckResult(problems, report.findings, len(list(ws.statement.units())), tuple(ws.statement.languages),
                       [f for f, _ in report.accepted], report.stale)
