"""statementkit translate: machine-translate the clauses no template covers, with local Argos models (offline)
or a LibreTranslate server."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import (
    emit_json,
    json_option,
    language_option,
    library_option,
    models_option,
    no_memory_option,
    progress_bar,
    tm_option,
)
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(path_type=Path))
@language_option("Target language (repeatable; default: every language of the statement but its source).",
                 "--to", "targets", multiple=True)
@models_option
@tm_option
@no_memory_option("Neither read nor write the translation memory.")
@click.option("--beam", "beam_size", type=click.IntRange(1, 16), default=4, show_default=True, help="Beam size.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--threads", type=click.IntRange(1, 512), default=None,
              help="CPU threads (default: the cores this process may use).")
@click.option("--fuzzy", "fuzzy_threshold", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="Similarity (0-100) from which memory matches are kept as suggestions.")
@click.option("--engine", type=click.Choice(["argos", "libretranslate"]), default="argos", show_default=True,
              help="argos: installed Argos models on this machine; libretranslate: a LibreTranslate server (--url).")
@click.option("--url", "server_url", metavar="URL", default=None,
              help="The LibreTranslate server, e.g. http://gpu-host:5000 (with --engine libretranslate).")
@click.option("--api-key", "api_key", envvar="LIBRETRANSLATE_API_KEY", default=None,
              help="The LibreTranslate server's API key, if it requires one (or $LIBRETRANSLATE_API_KEY).")
@library_option
@json_option
def translate(spec: Path, targets: tuple[str, ...], models_dir: Path | None, tm_path: str | Path | None,
              no_memory: bool, beam_size: int, device: str, threads: int | None, fuzzy_threshold: float,
              engine: str, server_url: str | None, api_key: str | None, library_dir: Path | None,
              as_json: bool) -> None:
    """Translate what is missing or stale in SPEC's translations file.

    Exact translation-memory matches are reused without the model; registry terms, dates, numbers and
    acronyms are locked; doubtful output is flagged for review.  Ends with one summary line.

    \b
    Example:
      statementkit translate examples/china-central-asia-ip-2023-amended/statement.yaml --to zh --to ru
      statementkit translate statement.yaml --engine libretranslate --url http://gpu-host:5000
    """
    from dataclasses import asdict

    from statementkit.app.translate import TranslateOptions, translate_spec

    options = TranslateOptions(targets=targets, models_dir=models_dir, tm_path=tm_path, no_memory=no_memory,
                               beam_size=beam_size, device=device, threads=threads,
                               fuzzy_threshold=fuzzy_threshold, library_dir=library_dir, engine=engine,
                               server_url=server_url, api_key=api_key)
    with progress_bar("translating") as progress:
        result = translate_spec(spec, options, progress)
    emit_json(asdict(result.summary)) if as_json else click.echo(result.summary.line())
    lines = result.summary.left_lines()  # what memory and models could not fill, named
    for line in lines[:-1]:
        click.echo(f"statementkit: {line}", err=True)
    if lines:
        raise ProblemsFound(lines[-1])
