"""``statementkit terms export|import``: the registry's locked terminology as a TBX termbase."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import default_library_dir, json_option, library_option


@click.group()
def terms() -> None:
    """Exchange the registry's terms and organisation names with terminology tools (TBX)."""


@terms.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@library_option
def export_cmd(file: Path, library_dir: Path | None) -> None:
    """Write the registry's terms and organisations to FILE.tbx in en, zh and ru (Russian cases included)."""
    from statementkit.adapters.exchange.tbx import write_tbx
    from statementkit.adapters.workspace import load_library_and_registry

    _, registry = load_library_and_registry(library_dir or default_library_dir())
    n = write_tbx(file, registry)
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
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.exchange.tbx import read_tbx, registry_entries, registry_yaml
    from statementkit.adapters.workspace import load_library_and_registry
    from statementkit.adapters.yamlfile import dump_yaml

    content = read_tbx(file)
    entries = content.entries
    _, registry = load_library_and_registry(library_dir or default_library_dir())
    current = {(e.kind, e.id): e.forms for e in registry_entries(registry)}
    rows = []
    for e in entries:
        old = current.get((e.kind, e.id))
        state = "new" if old is None else "unchanged" if old == e.forms else "changed"
        rows.append({"entry": f"{e.kind}.{e.id}", "state": state})
    if output is not None:
        write_text(output, dump_yaml(registry_yaml(entries)))
    if as_json:
        click.echo(json.dumps({"entries": rows}, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            if r["state"] != "unchanged":
                click.echo(f"{r['state']}\t{r['entry']}")
    counts = {s: sum(1 for r in rows if r["state"] == s) for s in ("new", "changed", "unchanged")}
    skipped = [f"{content.traditional} Traditional Chinese language section(s) (never taken as zh)"] * bool(
        content.traditional) + [f"{n} in {tag}" for tag, n in content.other_languages.items()]
    click.echo(f"{file}: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged"
               + (f"; skipped {', '.join(skipped)}" if skipped else "") + (f"; wrote {output}" if output else ""),
               err=True)
