"""statementkit check: validate a statement, its registry references and the clause library."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import json_option, library_option
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@library_option
@json_option
def check(spec: Path, library_dir: Path | None, as_json: bool) -> None:
    """Check SPEC: the file, registry references, every slot and every template in every language, then
    compare the language versions clause by clause (numbers, terms, scripts, punctuation …).

    Lists all problems and exits 1 when there are any.

    \b
    Example:
      statementkit check examples/china-central-asia-ip-2023/statement.yaml
    """
    from statementkit.app.check import check_statement

    result = check_statement(spec, library_dir)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for line in [*result.problems, *result.findings]:
            click.echo(str(line))
    if result.count:
        raise ProblemsFound(f"{result.count} problem{'s' if result.count != 1 else ''} found")
    if not as_json:
        click.echo(f"{spec}: ok ({result.clauses} clauses, {', '.join(result.languages)})")
