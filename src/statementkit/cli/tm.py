"""statementkit tm: import and export the translation memory as TMX 1.4b; its figures; removing units."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import json_option, tm_option


@click.group()
def tm() -> None:
    """Translation memory: import and export TMX, figures, removing units."""


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
    wrong = f"; left out {r.wrong_script} pair(s) with a side in the wrong script" if r.wrong_script else ""
    click.echo(f"imported {r.imported} pair(s) from {r.units} unit(s){resumed}; skipped {r.skipped} unit(s) "
               f"with fewer than two of en, zh, ru{wrong}")


@tm.command("stats")
@tm_option
@json_option
def stats(tm_path: str | Path | None, as_json: bool) -> None:
    """Units of the memory by language pair, origin and status."""
    import json

    from statementkit.app.memory import memory_stats

    result = memory_stats(tm_path)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{result.total} unit(s)")
    for src, tgt, origin, status, n in result.rows:
        click.echo(f"  {src}->{tgt} {origin} {status}: {n}")


@tm.command("delete")
@tm_option
@click.option("--origin", type=click.Choice(["template", "memory", "machine", "human"]), default=None,
              help="Remove the units of this origin (e.g. machine: unreviewed model output).")
@click.option("--status", type=click.Choice(["draft", "reviewed", "approved"]), default=None,
              help="Remove the units of this status (with --origin: of both).")
def delete(tm_path: str | Path | None, origin: str | None, status: str | None) -> None:
    """Remove units by origin and/or status."""
    from statementkit.app.memory import delete_units

    click.echo(f"deleted {delete_units(tm_path, origin, status)} unit(s)")


@tm.command("export")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
def export(tmx: Path, tm_path: str | Path | None) -> None:
    """Write the whole memory as TMX 1.4b."""
    from statementkit.app.memory import export_tmx

    n = export_tmx(tmx, tm_path)
    click.echo(f"exported {n} unit(s) to {tmx}")
