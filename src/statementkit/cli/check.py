"""statementkit check: validate a statement, its registry references and the clause library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import default_library_dir, json_option, library_option
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@library_option
@json_option
def check(spec: Path, library_dir: Path | None, as_json: bool) -> None:
    """Check SPEC: the file, registry references, every slot and every template in every language, then
    compare the language versions clause by clause (numbers in every form, registry names, sentences and
    length, clause order, scripts, punctuation …; docs/qa.md).

    Lists all problems and exits 1 when there are any; findings the statement lists under `accepted:` are not
    reported.

    \b
    Example:
      statementkit check examples/china-central-asia-ip-2023/statement.yaml
    """
    from statementkit.adapters.translations_file import load_translations, translations_path
    from statementkit.adapters.workspace import load_workspace
    from statementkit.services.qa import run_checks
    from statementkit.services.validate import validate_library, validate_statement

    ws = load_workspace(spec, library_dir or default_library_dir())
    translations = load_translations(translations_path(spec), ws.statement.source_language)
    problems = validate_library(ws.library) + validate_statement(ws.statement, ws.registry, ws.library,
                                                                 translations)
    findings = run_checks(ws.statement, ws.registry, ws.library, translations)
    if as_json:
        click.echo(json.dumps({"problems": [{"message": p.message, "path": p.path, "line": p.line}
                                            for p in problems],
                               "findings": [f.as_json() for f in findings]}, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(str(p))
        for f in findings:
            click.echo(str(f))
    if problems or findings:
        n = len(problems) + len(findings)
        raise ProblemsFound(f"{n} problem{'s' if n != 1 else ''} found")
    if not as_json:
        click.echo(f"{spec}: ok ({len(list(ws.statement.units()))} clauses, "
                   f"{', '.join(ws.statement.languages)})")
