"""statementkit tm: import and export the translation memory as TMX 1.4b."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import tm_option


@click.group()
def tm() -> None:
    """Translation memory: import and export TMX."""


@tm.command("import")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
@click.option("--status", "status", type=click.Choice(["draft", "reviewed", "approved"]), default="reviewed",
              show_default=True, help="Status of units without an x-statementkit-status property.")
def import_(tmx: Path, tm_path: Path | None, status: str) -> None:
    """Add the pairs of a TMX file (human translations unless the file says otherwise)."""
    from statementkit.app.memory import import_tmx

    result = import_tmx(tmx, tm_path, status)
    click.echo(f"imported {result.imported} pair(s); skipped {result.skipped} unit(s) with fewer than two of "
               "en, zh, ru" + (f"; skipped tuv: {', '.join(result.skipped_tuv)}" if result.skipped_tuv else ""))


@tm.command("export")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
def export(tmx: Path, tm_path: Path | None) -> None:
    """Write the whole memory as TMX 1.4b."""
    from statementkit.app.memory import export_tmx

    n = export_tmx(tmx, tm_path)
    click.echo(f"exported {n} unit(s) to {tmx}")
