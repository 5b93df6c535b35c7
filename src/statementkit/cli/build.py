"""statementkit build: signature-ready DOCX (or PDF/A, Markdown, text) per language, or one parallel DOCX."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from statementkit.cli.options import (
    complete,
    emit_json,
    json_option,
    library_option,
    one_stdout,
    output_option,
)
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@click.option("--lang", "langs", multiple=True, default=("all",), show_default=True,
              shell_complete=complete("language"), help="en, zh, ru or all (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt", "pdf"]), default=None,
              help="docx (default), md, txt or pdf (PDF/A-2b through headless LibreOffice); else taken from the "
                   "-o file's suffix.")
@click.option("--parallel", is_flag=True, help="One trilingual DOCX: a row per clause, a column per language.")
@output_option("Output file (one document) or folder (several); default: beside SPEC.")
@click.option("--copy-for", "copy_for", multiple=True, metavar="PARTY", shell_complete=complete("office"),
              help="Alternat: the copy PARTY (office id, or all) keeps, listing it first (repeatable).")
@click.option("--final", is_flag=True,
              help="Refuse to build while a machine-translated clause is unreviewed, flagged or stale.")
@library_option
@json_option
def build(spec: Path, langs: tuple[str, ...], fmt: str | None, parallel: bool, output: str | None,
          copy_for: tuple[str, ...], final: bool, library_dir: Path | None, as_json: bool) -> None:
    """Build SPEC into DOCX, PDF/A, Markdown or text.

    \b
    Example:
      statementkit build examples/china-central-asia-ip-2023/statement.yaml --lang all -o out/
      statementkit build examples/china-kazakhstan-ip-2026/statement.yaml --copy-for all -o out/
    """
    from statementkit.app.build import BuildOptions, build_statement

    one_stdout(as_json, output)
    options = BuildOptions(langs=langs, fmt=fmt, parallel=parallel, output=output, final=final,
                           library_dir=library_dir, copy_for=copy_for)
    result = build_statement(spec, options, notify=lambda line: click.echo(line, err=True))
    if as_json:
        emit_json({"written": [str(p) for p in result.written], "review": result.review_line})
    elif result.text is not None:
        sys.stdout.write(result.text)
    for path in result.written:
        click.echo(str(path), err=True)
    for line in result.missing[:-1]:
        click.echo(f"statementkit: {line}", err=True)
    if result.missing:
        raise ProblemsFound(result.missing[-1])
