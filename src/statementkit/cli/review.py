"""``statementkit review export|import``: the bilingual review round trip (DOCX or XLIFF 2.0)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import MemoryLocation, default_library_dir, json_option, library_option


@click.group()
def review() -> None:
    """Export a language version for review (Word or XLIFF 2.0) and import the reviewed file."""


@review.command("export")
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", required=True, type=click.Choice(["zh", "ru", "en"]), help="Language to review.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: review-LANG.docx or .xlf in the current folder).")
@click.option("--format", "fmt", type=click.Choice(["docx", "xliff"]), default=None,
              help="docx (default) or xliff; guessed from the output suffix.")
@click.option("--tm", "tm_path", type=MemoryLocation(), default=None,
              help="Translation memory for fuzzy suggestions in the notes (default: the user's memory, if any).")
@click.option("--no-memory", is_flag=True, help="No memory suggestions.")
@library_option
def export_cmd(spec: Path, lang: str, output: Path | None, fmt: str | None, tm_path: str | Path | None,
               no_memory: bool, library_dir: Path | None) -> None:
    """Write the review file of one language: a table of source and target per clause."""
    from statementkit.services.review.workflow import export_review, guess_format

    if output is None:
        fmt = fmt or "docx"
        output = Path(f"review-{lang}.{'xlf' if fmt == 'xliff' else 'docx'}")
    fmt = guess_format(output, fmt)
    from statementkit.adapters.tm.sqlite_tm import default_tm_path

    if tm_path is None and not no_memory and default_tm_path().is_file():
        tm_path = default_tm_path()
    rows = export_review(spec, library_dir or default_library_dir(), lang, output, fmt,
                         None if no_memory else tm_path)
    click.echo(f"wrote {output} ({len(rows)} clauses, {lang})", err=True)


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["docx", "xliff"]), default=None,
              help="docx or xliff (default: from the file suffix).")
@click.option("--lang", type=click.Choice(["zh", "ru", "en"]), default=None,
              help="Refuse the file unless it reviews this language.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@click.option("--tm", "tm_path", type=MemoryLocation(), default=None,
              help="Translation memory (file or postgresql:// URL) that receives the reviewed and approved pairs "
                   "(default: the user's).")
@click.option("--no-memory", is_flag=True, help="Do not store pairs in a translation memory.")
@library_option
@json_option
def import_cmd(file: Path, spec: Path, fmt: str | None, lang: str | None, dry_run: bool, tm_path: str | Path | None,
               no_memory: bool, library_dir: Path | None, as_json: bool) -> None:
    """Apply a reviewed file: edited targets become human translations; the rest is left alone.

    Rows whose source changed since the export, added or deleted rows and tampered ids are reported and
    not applied.
    """
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.services.review.workflow import guess_format, import_review

    memory = None if no_memory else (tm_path or default_tm_path())
    report = import_review(file, spec, library_dir or default_library_dir(), guess_format(file, fmt), lang=lang,
                           dry_run=dry_run, tm_path=memory)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    for d in report.plan.decisions:
        if d.kind.value != "unchanged":
            click.echo(f"{d.kind.value}\t{d.unit_id}\t{d.message}")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(report.counts.items()))
    where = "translations file updated" if report.written else "nothing written"
    added = f"; {report.memory_added} pairs added to the memory" if report.memory_added else ""
    click.echo(f"{file}: {summary}; {where}{added}", err=True)
