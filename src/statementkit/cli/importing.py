"""``statementkit import``: one file per language of a statement → a statement folder."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, language_option, library_option


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Statement folder to create (must not exist or be empty).")
@language_option("Source language of the statement (default: en when given, else the first file's).", "--source")
@json_option
@library_option
def import_(files: tuple[Path, ...], output: Path, source: str | None, as_json: bool,
            library_dir: Path | None) -> None:
    """Import FILES, one DOCX or text file per language of the same statement, into a statement folder:
    statement.yaml (clauses with stable ids) and the other languages as approved human translations.
    Paragraphs are paired by their numbering, anchors (numbers, dates, registry names) and length; every
    paragraph without a counterpart is reported and kept for its language.

    \b
    Example:
      statementkit import sco-2025.en.docx sco-2025.zh.docx sco-2025.ru.docx -o sco-2025/
    """
    from statementkit.app.importing import ImportOptions, import_statement

    result = import_statement(list(files), output, ImportOptions(source=source, library_dir=library_dir))
    if as_json:
        emit_json(result.as_json())
        return
    for line in [*result.tables, *result.unpaired, *(f"warning: {w}" for w in result.warnings)]:
        click.echo(f"statementkit: {line}", err=True)
    paired = ", ".join(f"{lg} {n}" for lg, n in result.paired.items())
    click.echo(f"{result.statement}: {result.clauses} clauses in {', '.join(result.languages)} "
               f"(paired one to one with the source: {paired}; {len(result.unpaired)} unpaired)")
