"""statementkit models: list and install Argos Translate packages."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, models_option


@click.group()
def models() -> None:
    """List and install offline translation models (Argos Translate packages)."""


@models.command("list")
@models_option
@json_option
def list_(models_dir: Path | None, as_json: bool) -> None:
    """List installed packages: pair, version, path."""
    from statementkit.app.models import list_models

    found = list_models(models_dir)
    directory, pkgs, broken = found.directory, found.packages, found.broken
    if as_json:
        emit_json([{"from": p.from_code, "to": p.to_code, "version": p.version, "path": str(p.path)} for p in pkgs])
    else:
        if not pkgs:
            click.echo(f"no Argos packages in {directory}", err=True)
        for p in pkgs:
            click.echo(f"{p.pair}\t{p.version}\t{p.path}")
    for exc in broken:
        click.echo(f"statementkit: skipped {exc}", err=True)


@models.command()
@click.argument("archive", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "source", metavar="LANG", help="Download from the Argos index: source language.")
@click.option("--to", "target", metavar="LANG", help="Download from the Argos index: target language.")
@models_option
@json_option
def install(archive: Path | None, source: str | None, target: str | None, models_dir: Path | None,
            as_json: bool) -> None:
    """Install FILE.argosmodel (checked before extraction), or download --from X --to Y (needs the
    [argos] extra).

    \b
    Examples:
      statementkit models install translate-en_zh-1_9.argosmodel
      statementkit models install --from en --to zh
    """
    from statementkit.app.models import install_model

    pkg = install_model(archive, source, target, models_dir)
    if as_json:
        emit_json({"from": pkg.from_code, "to": pkg.to_code, "version": pkg.version, "path": str(pkg.path)})
    else:
        click.echo(f"installed {pkg.pair} {pkg.version} in {pkg.path}")
