"""``statementkit review export|import``: the bilingual review round trip (DOCX or XLIFF 2.0)."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import (
    emit_json,
    json_option,
    language_option,
    library_option,
    memory_option,
    no_memory_option,
    one_stdout,
    output_option,
    shown,
)
from statementkit.errors import ProblemsFound


@click.group()
def review() -> None:
    """Export a language version for review (Word or XLIFF 2.0) and import the reviewed file."""


@review.command("export")
@click.argument("spec", type=click.Path(path_type=Path))
@language_option("Language to review (zh, ru or en).", required=True)
@output_option("Output file (default: review-LANG.docx or .xlf in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["docx", "xliff"]), default=None,
              help="docx (default) or xliff; guessed from the output suffix.")
@memory_option("Memory (file or postgresql:// URL) for suggestions in the notes (default: the user's, if any).")
@no_memory_option("No memory suggestions.")
@library_option
@json_option
def export_cmd(spec: Path, lang: str, output: str | None, fmt: str | None, tm_path: str | Path | None,
               no_memory: bool, library_dir: Path | None, as_json: bool) -> None:
    """Write the review file of one language: a table of source and target per clause."""
    from statementkit.app.review import ExportOptions, export_review
    from statementkit.errors import plural

    one_stdout(as_json, output)
    result = export_review(spec, lang, ExportOptions(output=output, fmt=fmt, tm_path=tm_path, no_memory=no_memory,
                                                     library_dir=library_dir))
    if as_json:
        emit_json({"output": str(result.output), "format": result.fmt, "clauses": len(result.rows), "lang": lang})
    click.echo(f"wrote {shown(result.output)} ({plural(len(result.rows), 'clause')}, {lang})", err=True)


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["docx", "xliff"]), default=None,
              help="docx or xliff (default: from the file suffix).")
@language_option("Refuse the file unless it reviews this language.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@memory_option("Memory (file or postgresql:// URL) to receive reviewed and approved pairs (default: the user's).")
@no_memory_option("Do not store pairs in a translation memory.")
@click.option("--force", is_flag=True, help="Apply rows whose target changed since the export (else: conflicts).")
@library_option
@json_option
def import_cmd(file: Path, spec: Path, fmt: str | None, lang: str | None, dry_run: bool, tm_path: str | Path | None,
               no_memory: bool, force: bool, library_dir: Path | None, as_json: bool) -> None:
    """Apply a reviewed file: edited targets become human translations; the rest is left alone.  Conflicts (source
    or target changed since the export), added or deleted rows and tampered ids are reported, not applied (exit 1)."""
    from statementkit.app.review import ImportOptions, import_review

    report = import_review(file, spec, ImportOptions(fmt=fmt, lang=lang, dry_run=dry_run, tm_path=tm_path,
                                                     no_memory=no_memory, force=force, library_dir=library_dir))
    if as_json:
        emit_json(report.as_json())
    else:
        click.echo("".join(f"{line}\n" for line in report.row_lines()), nl=False)
        click.echo(report.summary_line(), err=True)
    if message := report.withheld_message():
        raise ProblemsFound(message)
