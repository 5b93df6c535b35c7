"""``statementkit terms export|import``: the registry's locked terminology as a TBX termbase."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import json_option, library_option


@click.group()
def terms() -> None:
    """Exchange the registry's terms and organisation names with terminology tools (TBX)."""


@terms.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@library_option
def export_cmd(file: Path, library_dir: Path | None) -> None:
    """Write the registry's terms and organisations to FILE.tbx in en, zh and ru (Russian cases included)."""
    from statementkit.app.terms import export_terms

    n = export_terms(file, library_dir)
    click.echo(f"wrote {file} ({n} entries)", err=True)


@terms.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the termbase as a registry YAML file (kinds terms/organisations) for review and merge.")
@library_option
@json_option
def import_cmd(file: Path, output: Path | None, library_dir: Path | None, as_json: bool) -> None:
    """Read FILE.tbx and compare it with the registry: new, changed and unchanged entries.

    The curated registry files are not rewritten (their comments record sources); with -o the termbase is
    written as a registry file to review and merge.
    """
    from statementkit.app.terms import import_terms

    result = import_terms(file, output, library_dir)
    if as_json:
        click.echo(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        for r in result.rows:
            if r["state"] != "unchanged":
                click.echo(f"{r['state']}\t{r['entry']}")
    counts = result.counts
    click.echo(f"{file}: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged"
               + (f"; skipped {', '.join(result.skipped)}" if result.skipped else "")
               + (f"; wrote {output}" if output else ""), err=True)
