"""statementkit new: start a statement from a standard skeleton of clauses."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import complete, emit_json, json_option, library_option


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--party", "parties", multiple=True, required=True, shell_complete=complete("office"),
              help="Office id from the registry (repeatable, in the order to list them).")
@click.option("--venue", required=True, shell_complete=complete("city"), help="City id from the registry.")
@click.option("--date", "date_", required=True, help="Meeting date, YYYY-MM-DD.")
@click.option("--mechanism", default="c-ca-heads-ip", show_default=True, shell_complete=complete("mechanism"),
              help="Meeting series id.")
@click.option("--ordinal", default=1, show_default=True, type=click.IntRange(1, 99))
@click.option("--skeleton", default="standard", show_default=True, shell_complete=complete("skeleton"),
              help="Skeleton name (templates/skeletons).")
@click.option("--collective", default=None, shell_complete=complete("term"), help="Registry term naming the parties as a group.")
@library_option
@json_option
def new(folder: Path, parties: tuple[str, ...], venue: str, date_: str, mechanism: str, ordinal: int,
        skeleton: str, collective: str | None, library_dir: Path | None, as_json: bool) -> None:
    """Start a statement in FOLDER (created; must not exist or be empty), ready to edit and build.

    \b
    Example:
      statementkit new my-statement --party cnipa --party uz-ip-office --venue tashkent --date 2026-05-20
    """
    from statementkit.app.new import NewOptions, new_statement

    target = new_statement(folder, NewOptions(parties=parties, venue=venue, date=date_, mechanism=mechanism,
                                              ordinal=ordinal, skeleton=skeleton, collective=collective,
                                              library_dir=library_dir))
    emit_json({"statement": str(target)}) if as_json else click.echo(str(target))
