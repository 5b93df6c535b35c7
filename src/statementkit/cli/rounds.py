"""``statementkit round add FILE --party P`` and ``round list``: the versions of a negotiation."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import json_option, language_option, library_option

_DIR = click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
                    show_default=True, help="The negotiation folder (negotiation.json and rounds/).")


@click.group("round")
def round_group() -> None:
    """Record the versions of a negotiation, round by round."""


@round_group.command("add")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--party", required=True, help="Label of the party that sent it (e.g. kz).")
@click.option("--date", default=None, help="Date received (ISO; default: today).")
@click.option("--round", "number", type=int, default=None, help="Round number (default: the latest, 1 when none).")
@click.option("--base", is_flag=True, help="This is the round's base text (the host's circulated draft).")
@language_option("Its language (default: detected from a DOCX, else the statement's source language).")
@_DIR
@json_option
@library_option
def add(file: Path, party: str, date: str | None, number: int | None, base: bool, lang: str | None,
        folder: Path, as_json: bool, library_dir: Path | None) -> None:
    """Record FILE (a DOCX draft or a statement file) as a version in the negotiation folder."""
    from statementkit.app.rounds import RoundOptions, add_round

    e = add_round(folder, file, RoundOptions(party, date, number, base, lang), library_dir)
    if as_json:
        click.echo(json.dumps(e.to_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"round {e.round}: {e.party}{' (base)' if e.base else ''} {e.language} {e.date} -> {e.file}")


@round_group.command("list")
@_DIR
@json_option
def list_(folder: Path, as_json: bool) -> None:
    """List the versions recorded, by round."""
    from statementkit.app.rounds import list_rounds

    entries = list_rounds(folder)
    if as_json:
        click.echo(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
        return
    for e in entries:
        click.echo(f"{e.round}\t{e.party}{' (base)' if e.base else ''}\t{e.language}\t{e.date}\t{e.kind}\t"
                   f"{e.source}")
