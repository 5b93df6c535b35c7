"""``statementkit diff OLD NEW``: what changed, clause by clause, and a redline DOCX with tracked changes.

Exit status: 0 whether or not the versions differ (with ``--exit-code``: 1 when they differ, as
``git diff --exit-code``); bad input 1, bad usage 2.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from statementkit.cli.options import default_library_dir, library_option


def _use_colour(stream: Any) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


@click.command("diff")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--lang", default=None, help="Language to compare in (statement files; default: the DOCX's "
              "language, else NEW's source language).")
@click.option("--all-langs", is_flag=True, help="Statement files: compare every language and flag clauses "
              "changed in some languages but not in the others.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text",
              show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write here instead of stdout (required for docx).")
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
def diff(old: Path, new: Path, lang: str | None, all_langs: bool, fmt: str, output: Path | None,
         author: str, date: str | None, changes: str, match_threshold: float, move_threshold: float,
         exit_code: bool, library_dir: Path | None) -> None:
    """Compare two versions OLD and NEW: statement files (clauses matched by id) or DOCX drafts
    (paragraphs matched by content and order; moves detected; renumbering is no change).

    The last line of text output, and the line on stderr for other formats, is the summary
    "<a> added, <d> deleted, <m> modified, <v> moved, <u> unchanged"."""
    from statementkit.adapters import diffing
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.docx.redline import format_date
    from statementkit.errors import UsageError
    from statementkit.services.diff import AlignOptions
    from statementkit.services.diff.render import ansi_style, plain_style, render_html, render_text

    if fmt == "docx" and output is None:
        raise UsageError("--format docx needs -o/--output FILE.docx")
    if fmt == "docx" and all_langs:
        raise UsageError("--all-langs cannot write one docx; give --lang")
    if output is not None and output.resolve() in (old.resolve(), new.resolve()):
        raise UsageError("the output would overwrite an input")
    stamp = format_date(date)
    opts = AlignOptions(match_threshold=match_threshold, move_threshold=move_threshold)
    lib = library_dir or default_library_dir()
    v_old = diffing.load_version(old, changes=changes, library_dir=lib)
    v_new = diffing.load_version(new, changes=changes, library_dir=lib)
    colour = output is None and _use_colour(sys.stdout)
    style = ansi_style if colour else plain_style

    if all_langs:
        results, flags = diffing.all_languages(v_old, v_new, opts)
        differs = any(r.has_changes for r in results.values())
        if fmt == "json":
            body = json.dumps({"schema": "statementkit-diff-all", "version": 1,
                               "languages": {lg: r.to_json() for lg, r in results.items()},
                               "inconsistent": flags}, ensure_ascii=False, indent=2) + "\n"
        elif fmt == "html":
            body = "".join(render_html(r, f"{old.name} → {new.name} ({lg})") for lg, r in results.items())
        else:
            parts = []
            for lg, r in results.items():
                parts.append(f"== {lg} ==\n" + render_text(r, style, summary=False) + f"{lg}: {r.summary()}\n")
            for f in flags:
                parts.append(f"inconsistent [{f['id']}]: changed in {', '.join(f['changed_in'])}, "
                             f"not in {', '.join(f['unchanged_in'])}\n")
            total = {k: sum(r.counts()[k] for r in results.values()) for k in
                     ("added", "deleted", "modified", "moved", "unchanged")}
            parts.append(f"{total['added']} added, {total['deleted']} deleted, {total['modified']} modified, "
                         f"{total['moved']} moved, {total['unchanged']} unchanged\n")
            body = "".join(parts)
        _emit(body, output, write_text)
        if fmt != "text":
            for lg, r in results.items():
                click.echo(f"{lg}: {r.summary()}", err=True)
        _finish(exit_code and differs)
        return

    language = diffing.choose_language(v_old, v_new, lang)
    result = diffing.diff_versions(v_old, v_new, language, opts)
    if fmt == "text":
        _emit(render_text(result, style), output, write_text)
    elif fmt == "json":
        _emit(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n", output, write_text)
    elif fmt == "html":
        _emit(render_html(result, f"{old.name} → {new.name}"), output, write_text)
    else:
        assert output is not None
        diffing.write_docx_redline(v_old, v_new, language, output, author=author, date=stamp, opts=opts)
    if fmt != "text":
        click.echo(result.summary(), err=True)
    _finish(exit_code and result.has_changes)


def _emit(body: str, output: Path | None, write_text: Any) -> None:
    if output is None:
        click.echo(body, nl=False)
    else:
        write_text(output, body)


def _finish(differs: bool) -> None:
    if differs:
        raise SystemExit(1)
