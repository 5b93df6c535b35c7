"""Machine-translate what is missing or stale in a statement's translations file, memory first, with local
Argos models (offline) or a LibreTranslate server."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statementkit.services.translate.pipeline import Result, TranslatorFactory


@dataclass(frozen=True)
class TranslateOptions:
    """``targets``: languages (default: every language of the statement but its source); ``models_dir``:
    installed Argos packages (default: $ARGOS_PACKAGES_DIR or Argos' own); ``tm_path``: the memory
    (default: the user's); ``no_memory``: neither read nor write it; ``beam_size``, ``device`` (auto, cpu,
    cuda) and ``threads`` go to the engine; ``fuzzy_threshold`` (0-100): memory matches kept as notes;
    ``engine``: ``argos`` (local models) or ``libretranslate`` (the server at ``server_url``, with
    ``api_key`` if it needs one).  ``tm_path`` may be a SQLite file or a ``postgresql://`` URL."""

    targets: Sequence[str] = ()
    models_dir: Path | None = None
    tm_path: str | Path | None = None
    no_memory: bool = False
    beam_size: int = 4
    device: str = "auto"
    threads: int | None = None
    fuzzy_threshold: float = 75.0
    library_dir: Path | None = None
    engine: str = "argos"
    server_url: str | None = None
    api_key: str | None = None


def make_engines(options: TranslateOptions) -> TranslatorFactory:
    """The translator factory the options name.  Errors: UsageError (options that do not go together)."""
    from statementkit.errors import UsageError

    if options.engine == "libretranslate":
        from statementkit.adapters.libretranslate.engine import LibreTranslateEngines

        if not options.server_url:
            raise UsageError("--engine libretranslate needs --url http://host:port")
        return LibreTranslateEngines(options.server_url, options.api_key)
    if options.engine != "argos":
        raise UsageError(f"unknown engine '{options.engine}' (choose argos or libretranslate)")
    if options.server_url or options.api_key:
        raise UsageError("--url and --api-key go with --engine libretranslate")
    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.argos.packages import packages_dir

    return Engines(packages_dir(options.models_dir), beam_size=options.beam_size, device=options.device,
                   threads=options.threads)


def translate_spec(spec: Path, options: TranslateOptions = TranslateOptions(),
                   progress: Callable[[int, int], None] | None = None) -> Result:
    """Translate and save the translations file when anything changed; the result's ``summary.line()`` is
    the one-line report.  ``progress(done, total)`` counts segments sent to the model."""
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.adapters.translations_file import save_translations
    from statementkit.app.memory import is_postgres_url, open_memory
    from statementkit.app.outputs import refuse_overwrite, statement_inputs
    from statementkit.app.workspace import needs_path, open_statement
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import check_targets, translate_statement

    needs_path(spec, "the translations file is written beside it")
    inputs, folders = statement_inputs(spec, options.library_dir)
    tm_file = (None if options.no_memory or is_postgres_url(options.tm_path)
               else Path(options.tm_path or default_tm_path()))
    refuse_overwrite([tm_file], inputs, folders)
    opened = open_statement(spec, options.library_dir)
    ws, st = opened.workspace, opened.statement
    langs = check_targets(st, options.targets or [lg for lg in st.languages if lg != st.source_language])
    renderer = Renderer(st, ws.registry, ws.library, opened.translations)
    engines = make_engines(options)
    memory = None if options.no_memory else open_memory(options.tm_path)
    with contextlib.ExitStack() as stack:
        if memory is not None:
            stack.callback(memory.close)
        result = translate_statement(st, renderer, opened.translations, langs, engines, memory,
                                     fuzzy_threshold=options.fuzzy_threshold, progress=progress)
    if result.changed:
        save_translations(opened.translations_path, result.translations, [u.id for u in st.units()])
    return result
