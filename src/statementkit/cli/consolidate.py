"""``statementkit consolidate BASE DRAFT… -o OUT.docx``: every party's changes as attributed tracked changes."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import json_option, language_option, library_option


@click.command("consolidate")
@click.argument("base", type=click.Path(path_type=Path, dir_okay=False), required=False)
@click.argument("drafts", nargs=-1)
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Take BASE and the drafts from this negotiation folder (see `round add`) instead.")
@click.option("--round", "number", type=int, default=None, help="With --dir: the round (default: the latest).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="The consolidated DOCX to write.")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the conflicts here (JSON when it ends in .json) instead of stderr.")
@click.option("--date", default=None, help="Date of the tracked changes (ISO; default: now).")
@language_option("The documents' language (default: detected).")
@json_option
@library_option
def consolidate(base: Path | None, drafts: tuple[str, ...], folder: Path | None, number: int | None, output: Path,
                report: Path | None, date: str | None, lang: str | None, as_json: bool,
                library_dir: Path | None) -> None:
    """Merge every party's DRAFT (PARTY=FILE, or FILE named after the party) against BASE into one DOCX
    whose tracked changes are attributed to the party that proposed them (its name in the document's
    language from the registry, else PARTY).  Overlapping changes of two parties both appear and are
    listed as conflicts (on stderr, or in --report).  With --dir, the round's base and drafts as
    recorded, each party's changes dated when its version was received."""
    from statementkit.app.consolidate import ConsolidateOptions, consolidate_versions

    result = consolidate_versions(output, base, list(drafts), folder, number,
                                  ConsolidateOptions(date, lang, report, library_dir))
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    if report is None:
        for line in result.conflict_lines:
            click.echo(line, err=True)
    for line in result.warnings:
        click.echo(f"warning: {line}", err=True)
    counts = ", ".join(f"{p} {n}" for p, n in result.stats.revisions.items())
    left = f"; {len(result.warnings)} changes not consolidated (warnings above)" if result.warnings else ""
    click.echo(f"{output}: revisions {counts}; {len(result.conflict_lines)} conflicts{left}; "
               f"{result.stats.comments} comments carried", err=True)
