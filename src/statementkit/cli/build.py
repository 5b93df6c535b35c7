"""statementkit build: signature-ready DOCX (or PDF/A, Markdown, text) per language, or one parallel DOCX."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from statementkit.cli.options import library_option
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "langs", multiple=True, default=("all",), show_default=True,
              help="en, zh, ru or all (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt", "pdf"]), default="docx", show_default=True,
              help="pdf: PDF/A-2b through headless LibreOffice (soffice).")
@click.option("--parallel", is_flag=True, help="One trilingual DOCX: a row per clause, a column per language.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Output file (one language), folder (several), or - for text formats on stdout. "
                   "Default: beside SPEC.")
@click.option("--copy-for", "copy_for", multiple=True, metavar="PARTY",
              help="Alternat: the copy PARTY (office id, or all) keeps, listing it first (repeatable).")
@click.option("--final", is_flag=True,
              help="Refuse to build while a machine-translated clause is unreviewed, flagged or stale.")
@library_option
def build(spec: Path, langs: tuple[str, ...], fmt: str, parallel: bool, out: Path | None,
          copy_for: tuple[str, ...], final: bool, library_dir: Path | None) -> None:
    """Build SPEC into DOCX, PDF/A, Markdown or text.

    \b
    Example:
      statementkit build examples/china-central-asia-ip-2023/statement.yaml --lang all -o out/
      statementkit build examples/china-kazakhstan-ip-2026/statement.yaml --copy-for all -o out/
    """
    from statementkit.app.build import BuildOptions, build_statement

    to_stdout = str(out) == "-"
    options = BuildOptions(langs=langs, fmt=fmt, parallel=parallel, output=None if to_stdout else out,
                           to_stdout=to_stdout, final=final, library_dir=library_dir, copy_for=copy_for)
    result = build_statement(spec, options, notify=lambda line: click.echo(f"statementkit: {line}", err=True))
    if result.text is not None:
        sys.stdout.write(result.text)
    for path in result.written:
        click.echo(str(path), err=True)
    for line in result.missing[:-1]:
        click.echo(f"statementkit: {line}", err=True)
    if result.missing:
        raise ProblemsFound(result.missing[-1])
