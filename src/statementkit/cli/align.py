"""``statementkit align``: an archive of past statements → translation units (memory and/or TMX)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, library_option, memory_option, models_option


@click.command("align")
@click.argument("archive", type=click.Path(file_okay=False, path_type=Path))
@memory_option("Translation memory to add the units to (file or postgresql:// URL, as translate uses).")
@click.option("--tmx", "tmx_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="TMX file to write the units to.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.25, show_default=True,
              help="Sentence pairs below this are left out.")
@click.option("--approve-confidence", type=click.FloatRange(0, 1), default=0.8, show_default=True,
              help="Sentence pairs from this up are stored as approved; the others as drafts.")
@click.option("--model-score", is_flag=True, help="Rescore pairs with the local Argos models (Bleualign).")
@click.option("--jobs", type=click.IntRange(1, 64), default=2, show_default=True, help="Worker processes.")
@models_option
@json_option
@library_option
def align(archive: Path, tm_path: str | Path | None, tmx_path: Path | None, min_confidence: float,
          approve_confidence: float, model_score: bool, jobs: int, models_dir: Path | None, as_json: bool,
          library_dir: Path | None) -> None:
    """Align ARCHIVE, a folder of past statements in two or three languages (DOCX, text, or imported
    statement folders; layout in corpora/README.md), into translation units: paragraphs, then sentences,
    each pair with a confidence.  Prints per statement the pairs kept and left out.

    \b
    Example:
      statementkit align corpora/reference/ --tm memory.sqlite --tmx archive.tmx
    """
    from statementkit.app.align import AlignOptions, align_archive
    from statementkit.errors import ProblemsFound

    result = align_archive(archive, AlignOptions(tm=tm_path, tmx=tmx_path, min_confidence=min_confidence,
                                                 approve_confidence=approve_confidence, jobs=jobs,
                                                 model_score=model_score, models_dir=models_dir,
                                                 library_dir=library_dir))
    if as_json:
        emit_json(result.as_json())
    else:
        for d in result.documents:
            if d.error:
                click.echo(f"{d.name}: {d.error}")
                continue
            pairs = "; ".join(f"{k} {d.approved.get(k, 0)}+{d.drafts.get(k, 0)} kept, {d.left_out.get(k, 0)} "
                              f"left out, {d.unpaired.get(k, 0)} paragraphs unpaired" for k in d.unpaired)
            click.echo(f"{d.name}: {pairs}")
        click.echo(f"{result.units} sentence pairs ({result.distinct} distinct) from {len(result.documents)} "
                   "statements", file=sys.stderr)
    if result.errors:
        raise ProblemsFound(f"{len(result.errors)} statement(s) could not be aligned (listed above)")
