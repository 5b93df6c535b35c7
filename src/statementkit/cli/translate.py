"""statementkit translate: machine-translate the clauses no template covers, offline, with Argos models."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from statementkit.cli.options import default_library_dir, library_option, models_option, tm_option
from statementkit.errors import ProblemsFound


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--to", "targets", multiple=True, metavar="LANG",
              help="Target language (repeatable; default: every language of the statement but its source).")
@models_option
@tm_option
@click.option("--no-memory", is_flag=True, help="Neither read nor write the translation memory.")
@click.option("--beam", "beam_size", type=click.IntRange(1, 16), default=4, show_default=True, help="Beam size.")
@click.option("--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True)
@click.option("--threads", type=click.IntRange(1, 512), default=None,
              help="CPU threads (default: the cores this process may use).")
@click.option("--fuzzy", "fuzzy_threshold", type=click.FloatRange(0, 100), default=75.0, show_default=True,
              help="Similarity (0-100) from which memory matches are kept as suggestions.")
@library_option
def translate(spec: Path, targets: tuple[str, ...], models_dir: Path | None, tm_path: Path | None, no_memory: bool,
              beam_size: int, device: str, threads: int | None, fuzzy_threshold: float,
              library_dir: Path | None) -> None:
    """Translate what is missing or stale in SPEC's translations file.

    Exact translation-memory matches are reused without the model; registry terms, dates, numbers and
    acronyms are locked; doubtful output is flagged for review.  Ends with one summary line.

    \b
    Example:
      statementkit translate examples/china-central-asia-ip-2023-amended/statement.yaml --to zh --to ru
    """
    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.argos.packages import packages_dir
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.translations_file import (
        load_translations,
        save_translations,
        translations_path,
    )
    from statementkit.adapters.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import check_targets, translate_statement

    ws = load_workspace(spec, library_dir or default_library_dir())
    st = ws.statement
    langs = check_targets(st, targets or [lg for lg in st.languages if lg != st.source_language])
    tr_path = translations_path(spec)
    translations = load_translations(tr_path, st.source_language)
    renderer = Renderer(st, ws.registry, ws.library, translations)
    engines = Engines(packages_dir(models_dir), beam_size=beam_size, device=device, threads=threads)
    memory = None if no_memory else TranslationMemory(tm_path or default_tm_path())
    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                make: Any = click.progressbar
                bars.append(stack.enter_context(make(length=total, label="translating",
                                                     file=sys.stderr)))
            bars[0].length = total
            bars[0].update(done - bars[0].pos)

        if memory is not None:
            stack.callback(memory.close)
        result = translate_statement(st, renderer, translations, langs, engines, memory,
                                     fuzzy_threshold=fuzzy_threshold, progress=progress)
    if result.changed:
        save_translations(tr_path, result.translations, [u.id for u in st.units()])
    click.echo(result.summary.line())
    groups: dict[tuple[str, str], list[str]] = {}  # one line per language and reason, naming the clauses
    for uid, lang, why in result.summary.left:
        groups.setdefault((lang, why), []).append(uid)
    lines = [f"{lang}: {len(ids)} clause(s) left untranslated ({', '.join(ids)}): {why}"
             for (lang, why), ids in groups.items()]
    for line in lines[:-1]:
        click.echo(f"statementkit: {line}", err=True)
    if lines:
        raise ProblemsFound(lines[-1])
