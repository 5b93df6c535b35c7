"""statementkit status: where the translations of a statement stand."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, library_option


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@json_option
@library_option
def status(spec: Path, as_json: bool, library_dir: Path | None) -> None:
    """Per language: translations by origin and status, and the stale, missing and flagged clauses."""
    from statementkit.app.status import translation_status

    report = translation_status(spec, library_dir)
    if as_json:
        emit_json([r.as_dict() for r in report])
        return
    for r in report:
        origins = ", ".join(f"{n} {k}" for k, n in r.origins.items())
        statuses = ", ".join(f"{n} {k}" for k, n in r.statuses.items())
        click.echo(f"{r.lang}: {origins}; {statuses}; {len(r.stale)} stale, {len(r.missing)} missing, "
                   f"{len(r.flagged)} flagged")
        for label, ids in (("stale", r.stale), ("missing", r.missing), ("flagged", r.flagged)):
            for ident in ids:
                click.echo(f"  {label}: {ident}")
