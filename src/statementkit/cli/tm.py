"""statementkit tm: import and export the translation memory as TMX 1.4b; its figures; removing units."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, library_option, one_stdout, shown, tm_option


@click.group()
def tm() -> None:
    """Translation memory: import and export TMX, figures, removing units."""


@tm.command("import")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
@click.option("--status", "status", type=click.Choice(["draft", "reviewed", "approved"]), default="reviewed",
              show_default=True, help="Status of units without an x-statementkit-status property.")
@library_option
@json_option
def import_(tmx: Path, tm_path: str | Path | None, status: str, library_dir: Path | None, as_json: bool) -> None:
    """Add the pairs of a TMX file (human translations unless the file says otherwise).

    The file is checked first (a bad file changes nothing), then written in batches: an interrupted run resumes.
    Units of several sentences also give their confidently aligned sentence pairs (anchors from --library).

    \b
    Example:
      statementkit tm import archive.tmx --tm postgresql://team@db-host/memory
    """
    from statementkit.app.memory import import_tmx

    r = import_tmx(tmx, tm_path, status, library_dir)
    emit_json(r.as_json()) if as_json else click.echo(r.line())

@tm.command("stats")
@tm_option
@json_option
def stats(tm_path: str | Path | None, as_json: bool) -> None:
    """Units of the memory by language pair, origin and status."""
    from statementkit.app.memory import memory_stats

    result = memory_stats(tm_path)
    emit_json(result.as_json()) if as_json else click.echo("\n".join(result.lines()))

@tm.command("delete")
@tm_option
@click.option("--origin", type=click.Choice(["template", "memory", "machine", "human"]), default=None,
              help="Remove the units of this origin (e.g. machine: unreviewed model output).")
@click.option("--status", type=click.Choice(["draft", "reviewed", "approved"]), default=None,
              help="Remove the units of this status (with --origin: of both).")
@json_option
def delete(tm_path: str | Path | None, origin: str | None, status: str | None, as_json: bool) -> None:
    """Remove units by origin and/or status."""
    from statementkit.app.memory import delete_units
    from statementkit.errors import plural

    n = delete_units(tm_path, origin, status)
    if as_json:
        return emit_json({"deleted": n})
    click.echo(f"deleted {plural(n, 'unit')}")


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
