"""Machine-translate what is missing or stale in a statement's translations file, offline (Argos models),
memory first."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statementkit.services.translate.pipeline import Result


@dataclass(frozen=True)
class TranslateOptions:
    """``targets``: languages (default: every language of the statement but its source); ``models_dir``:
    installed Argos packages (default: $ARGOS_PACKAGES_DIR or Argos' own); ``tm_path``: the memory
    (default: the user's); ``no_memory``: neither read nor write it; ``beam_size``, ``device`` (auto, cpu,
    cuda) and ``threads`` go to the engine; ``fuzzy_threshold`` (0-100): memory matches kept as notes."""

    targets: Sequence[str] = ()
    models_dir: Path | None = None
    tm_path: Path | None = None
    no_memory: bool = False
    beam_size: int = 4
    device: str = "auto"
    threads: int | None = None
    fuzzy_threshold: float = 75.0
    library_dir: Path | None = None


def translate_spec(spec: Path, options: TranslateOptions = TranslateOptions(),
                   progress: Callable[[int, int], None] | None = None) -> Result:
    """Translate and save the translations file when anything changed; the result's ``summary.line()`` is
    the one-line report.  ``progress(done, total)`` counts segments sent to the model."""
    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.argos.packages import packages_dir
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.translations_file import save_translations
    from statementkit.app.outputs import refuse_overwrite, statement_inputs
    from statementkit.app.workspace import open_statement
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import check_targets, translate_statement

    inputs, folders = statement_inputs(spec, options.library_dir)
    refuse_overwrite([None if options.no_memory else options.tm_path or default_tm_path()], inputs, folders)
    opened = open_statement(spec, options.library_dir)
    ws, st = opened.workspace, opened.statement
    langs = check_targets(st, options.targets or [lg for lg in st.languages if lg != st.source_language])
    renderer = Renderer(st, ws.registry, ws.library, opened.translations)
    engines = Engines(packages_dir(options.models_dir), beam_size=options.beam_size, device=options.device,
                      threads=options.threads)
    memory = None if options.no_memory else TranslationMemory(options.tm_path or default_tm_path())
    with contextlib.ExitStack() as stack:
        if memory is not None:
            stack.callback(memory.close)
        result = translate_statement(st, renderer, opened.translations, langs, engines, memory,
                                     fuzzy_threshold=options.fuzzy_threshold, progress=progress)
    if result.changed:
        save_translations(opened.translations_path, result.translations, [u.id for u in st.units()])
    return result
