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
def import_(tmx: Path, tm_path: str | Path | None, status: str) -> None:
    """Add the pairs of a TMX file (human translations unless the file says otherwise).

    The whole file is checked first (a bad file changes nothing), then written in batches; if the run is
    interrupted, the same command again resumes after the last batch written.

    \b
    Example:
      statementkit tm import archive.tmx --tm postgresql://team@db-host/memory
    """
    from statementkit.app.memory import import_tmx

    r = import_tmx(tmx, tm_path, status)
    resumed = f" (resumed after {r.resumed_from} unit(s) written by an interrupted run)" if r.resumed_from else ""
    click.echo(f"imported {r.imported} pair(s) from {r.units} unit(s){resumed}; skipped {r.skipped} unit(s) "
               "with fewer than two of en, zh, ru")


@tm.command("export")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
def export(tmx: Path, tm_path: str | Path | None) -> None:
    """Write the whole memory as TMX 1.4b."""
    from statementkit.app.memory import export_tmx

    n = export_tmx(tmx, tm_path)
    click.echo(f"exported {n} unit(s) to {tmx}")
