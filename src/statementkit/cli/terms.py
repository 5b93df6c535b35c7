"""``statementkit terms export|import``: the registry's locked terminology as a TBX termbase."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, library_option, one_stdout, output_option, shown


@click.group()
def terms() -> None:
    """Exchange the registry's terms and organisation names with terminology tools (TBX)."""


@terms.command("export")
@click.argument("file", type=click.Path(path_type=str))
@library_option
@json_option
def export_cmd(file: str, library_dir: Path | None, as_json: bool) -> None:
    """Write the registry's terms and organisations to FILE.tbx in en, zh and ru (Russian cases included)."""
    from statementkit.app.terms import export_terms
    from statementkit.errors import plural

    one_stdout(as_json, file)
    n = export_terms(file, library_dir)
    if as_json:
        emit_json({"file": file, "entries": n})
    click.echo(f"wrote {shown(file)} ({plural(n, 'entry', 'entries')})", err=True)


@terms.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@output_option("Write the termbase as a registry YAML file (kinds terms/organisations) for review and merge.")
@library_option
@json_option
def import_cmd(file: Path, output: str | None, library_dir: Path | None, as_json: bool) -> None:
    """Read FILE.tbx and compare it with the registry: new, changed and unchanged entries.

    The curated registry files are not rewritten (their comments record sources); with -o the termbase is
    written as a registry file to review and merge.
    """
    from statementkit.app.terms import import_terms

    one_stdout(as_json, output)
    result = import_terms(file, output, library_dir)
    if as_json:
        emit_json(result.as_json())
    else:
        click.echo("".join(f"{line}\n" for line in result.row_lines()), nl=False)
    counts = result.counts
    click.echo(f"{file}: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged"
               + (f", {counts['incomplete']} incomplete (not taken)" if counts["incomplete"] else "")
               + (f"; skipped {', '.join(result.skipped)}" if result.skipped else "")
               + (f"; wrote {shown(output)}" if output else ""), err=True)
