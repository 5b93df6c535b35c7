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
      statementkit tm import archive.tmx --tm postgresql://team@db.example/memory
    """
    from statementkit.adapters.tm.store import open_memory
    from statementkit.adapters.tm.tmx_import import check_tmx, import_tmx
    from statementkit.model.translation import Status

    checked = check_tmx(tmx)  # the whole file, before the memory is opened
    with open_memory(tm_path) as memory:
        done = import_tmx(checked, memory, Status(status))
    resumed = f" (resumed after {done.resumed_from} unit(s) written by an interrupted run)" if done.resumed_from else ""
    click.echo(f"imported {done.pairs} pair(s) from {done.units} unit(s){resumed}; skipped {done.skipped} "
               "unit(s) with fewer than two of en, zh, ru")


@tm.command("export")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
def export(tmx: Path, tm_path: str | Path | None) -> None:
    """Write the whole memory as TMX 1.4b."""
    from statementkit.adapters.tm.store import open_memory
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx

    with open_memory(tm_path) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    n = write_tmx(tmx, pairs)
    click.echo(f"exported {n} unit(s) to {tmx}")
