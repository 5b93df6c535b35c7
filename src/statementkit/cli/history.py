"""``statementkit history``: per clause, who proposed which wording in which round; agreed/contested/new."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import language_option, library_option


@click.command("history")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The negotiation folder (see `round add`).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "bracketed", "docx"]), default="text",
              show_default=True, help="bracketed: the consolidated text, contested wording in [ ] with parties; docx: "
              "the same as a DOCX (-o FILE.docx).")
@click.option("--json", "as_json", is_flag=True, help="Same as --format json.")
@language_option("Language (default: the base's).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write here instead of stdout.")
@library_option
def history(folder: Path, fmt: str, as_json: bool, lang: str | None, output: Path | None,
            library_dir: Path | None) -> None:
    """Per clause of the negotiation: every party's wording by round, and whether it is agreed (same in
    every party's latest version), contested or new.  Summary on stderr."""
    from statementkit.app.history import HistoryOptions, report_history

    result = report_history(folder, HistoryOptions("json" if as_json else fmt, lang, output, library_dir))
    if result.body is not None:
        click.echo(result.body, nl=False)
    for line in result.skipped:
        click.echo(f"skipped (other language): {line}", err=True)
    click.echo(result.history.summary(), err=True)
