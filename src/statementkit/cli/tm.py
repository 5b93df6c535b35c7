"""statementkit tm: import and export the translation memory as TMX 1.4b."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, one_stdout, shown, tm_option


@click.group()
def tm() -> None:
    """Translation memory: import and export TMX."""


@tm.command("import")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
@click.option("--status", "status", type=click.Choice(["draft", "reviewed", "approved"]), default="reviewed",
              show_default=True, help="Status of units without an x-statementkit-status property.")
@json_option
def import_(tmx: Path, tm_path: str | Path | None, status: str, as_json: bool) -> None:
    """Add the pairs of a TMX file (human translations unless the file says otherwise).

    The whole file is checked first (a bad file changes nothing), then written in batches; if the run is
    interrupted, the same command again resumes after the last batch written.

    \b
    Example:
      statementkit tm import archive.tmx --tm postgresql://team@db-host/memory
    """
    from statementkit.app.memory import import_tmx
    from statementkit.errors import plural

    r = import_tmx(tmx, tm_path, status)
    if as_json:
        return emit_json({"imported": r.imported, "units": r.units, "skipped": r.skipped,
                          "resumed_from": r.resumed_from, "skipped_tuv": list(r.skipped_tuv)})
    resumed = f" (resumed after {plural(r.resumed_from, 'unit')} written by an interrupted run)" if r.resumed_from else ""
    click.echo(f"imported {plural(r.imported, 'pair')} from {plural(r.units, 'unit')}{resumed}; skipped "
               f"{plural(r.skipped, 'unit')} with fewer than two of en, zh, ru"
               + (f"; skipped tuv: {', '.join(r.skipped_tuv)}" if r.skipped_tuv else ""))


@tm.command("export")
@click.argument("tmx", type=click.Path(path_type=str))
@tm_option
@json_option
def export(tmx: str, tm_path: str | Path | None, as_json: bool) -> None:
    """Write the whole memory as TMX 1.4b to TMX (a file, a folder, or - for stdout)."""
    from statementkit.app.memory import export_tmx
    from statementkit.errors import plural

    one_stdout(as_json, tmx)
    n = export_tmx(tmx, tm_path)
    if as_json:
        emit_json({"file": tmx, "units": n})
    click.echo(f"exported {plural(n, 'unit')} to {shown(tmx)}", err=True)
