"""``statementkit diff OLD NEW``: what changed, clause by clause, and a redline DOCX with tracked changes.

Exit status: 0 whether or not the versions differ (with ``--exit-code``: 1 when they differ, as
``git diff --exit-code``); bad input 1, bad usage 2.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from statementkit.cli.options import (
    emit_json_text,
    json_option,
    language_option,
    library_option,
    output_option,
)


def _use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@language_option("Language to compare in (statement files; default: the DOCX's language, else NEW's source "
                 "language).")
@click.option("--all-langs", is_flag=True, help="Statement files: compare every language and flag clauses "
              "changed in some languages but not in the others.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default=None,
              help="text (default), json, html or docx; else taken from the -o file's suffix.")
@output_option("Write here instead of stdout (required for docx).")
@click.option("--author", default="statementkit", show_default=True,
              help="Author of the tracked changes in a docx redline (e.g. the proposing party).")
@click.option("--date", "date", default=None, help="Date of the tracked changes (ISO; default: now).")
@click.option("--changes", type=click.Choice(["accept", "reject", "error"]), default="accept",
              show_default=True, help="Tracked changes already in a DOCX input: take them as accepted, as "
              "rejected, or refuse the file.")
@click.option("--match-threshold", type=click.FloatRange(0, 100), default=60.0, show_default=True,
              help="Least similarity (0-100) for two clauses at the same place to be one clause modified.")
@click.option("--move-threshold", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="Least similarity (0-100) for a clause found elsewhere to count as moved.")
@click.option("--exit-code", is_flag=True, help="Exit with 1 when the versions differ, 0 when they do not.")
@library_option
@json_option
def diff(old: Path, new: Path, lang: str | None, all_langs: bool, fmt: str | None, output: str | None,
         author: str, date: str | None, changes: str, match_threshold: float, move_threshold: float,
         exit_code: bool, library_dir: Path | None, as_json: bool) -> None:
    """Compare two versions OLD and NEW: statement files (clauses matched by id) or DOCX drafts
    (paragraphs matched by content and order; moves detected; renumbering is no change).

    The last line of text output, and the line on stderr for other formats, is the summary
    "<a> added, <d> deleted, <m> modified, <v> moved, <u> unchanged"."""
    from statementkit.app.diff import DiffOptions, diff_files

    if as_json and (output or fmt not in (None, "json")):
        raise click.UsageError("--json prints the diff as JSON on stdout; for a file use --format json -o FILE")

    outcome = diff_files(old, new, DiffOptions(
        lang=lang, all_langs=all_langs, fmt="json" if as_json else fmt, output=output, author=author, date=date, changes=changes,
        match_threshold=match_threshold, move_threshold=move_threshold,
        colour=output is None and _use_colour(sys.stdout), library_dir=library_dir))
    if outcome.body is not None:
        emit_json_text(outcome.body) if as_json else click.echo(outcome.body, nl=False)
    for line in outcome.summaries:
        click.echo(line, err=True)
    if exit_code and outcome.differs:
        raise SystemExit(1)
