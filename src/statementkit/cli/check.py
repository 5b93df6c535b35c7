"""statementkit check: validate a statement, its registry references and the clause library."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, library_option
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--house-style", is_flag=True,
              help="Report house-style findings on official texts (an imported statement's) as problems too.")
@library_option
@json_option
def check(spec: Path, house_style: bool, library_dir: Path | None, as_json: bool) -> None:
    """Check SPEC: the file, registry references, every slot and every template in every language, then
    compare the language versions clause by clause (numbers in every form, registry names, sentences and
    length, clause order, scripts, punctuation …; docs/qa.md).

    Lists all problems and exits 1 when there are any; findings the statement lists under `accepted:` are not
    reported.  On official texts (an imported or other free-form statement's clauses given with all their
    versions) our house style is reported as notes, which do not fail the check, unless --house-style.

    \b
    Example:
      statementkit check examples/china-central-asia-ip-2023/statement.yaml
    """
    from statementkit.app.check import check_statement

    result = check_statement(spec, library_dir, house_style)
    if as_json:
        emit_json(result.as_json())
    else:
        for line in [*result.problems, *result.findings]:
            click.echo(str(line))
        for note in result.notes:
            click.echo(f"note (official text, house style): {note}")
        for e in result.stale:
            click.echo(f"note: accepted finding {e.clause} [{e.lang or 'any'}] {e.check} matches nothing now: "
                       "remove it from the statement", err=True)
    if result.count:
        raise ProblemsFound(f"{result.count} problem{'s' if result.count != 1 else ''} found")
    if not as_json:
        accepted = (f"; {len(result.accepted)} accepted" if result.accepted else "") + (
            f"; {len(result.notes)} note{'s' if len(result.notes) != 1 else ''}" if result.notes else "")
        click.echo(f"{spec}: ok ({result.clauses} clauses, {', '.join(result.languages)}{accepted})")
