"""Use case ``align``: an archive of past statements → translation units in the memory and/or a TMX file.

Each statement of the archive (:mod:`statementkit.adapters.archive`) is aligned by
:func:`statementkit.services.align.align_document` — paragraphs, then sentences, three languages
consistently — in worker processes (``jobs``).  Each sentence pair has a confidence: pairs below
``min_confidence`` are left out, pairs from ``approve_confidence`` up are stored as approved human
translations, the rest as drafts.  Optionally (``model_score``) the local Argos models rescore the pairs the
way Bleualign does: the source side is translated and compared with the target side (sacrebleu chrF), and
the confidence becomes the mean of the two.  Units go into the memory in both directions.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class AlignOptions:
    tm: str | Path | None = None  # translation memory to add the units to (SQLite file or postgresql:// URL)
    tmx: Path | None = None  # TMX file to write
    min_confidence: float = 0.25
    approve_confidence: float = 0.8
    jobs: int = 2
    model_score: bool = False
    models_dir: Path | None = None
    library_dir: Path | None = None


@dataclass
class DocumentReport:
    """Per statement: its languages, paragraphs per language, and per language pair the sentence pairs kept
    (approved + draft) and left out, and the paragraphs left unpaired on either side."""

    name: str
    languages: list[str] = field(default_factory=list)
    paragraphs: dict[str, int] = field(default_factory=dict)
    approved: dict[str, int] = field(default_factory=dict)
    drafts: dict[str, int] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    unpaired: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class AlignResult:
    documents: list[DocumentReport]
    units: int  # sentence pairs kept
    distinct: int = 0  # of them, distinct pairs: what is written (in both directions in the memory)
    tm: str | Path | None = None
    tmx: Path | None = None

    @property
    def errors(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.error]

    def as_json(self) -> dict[str, Any]:
        return {"units": self.units, "distinct": self.distinct, "tm": str(self.tm) if self.tm else None,
                "tmx": str(self.tmx) if self.tmx else None, "documents": [d.as_json() for d in self.documents]}


Unit = tuple[str, str, str, str, float]  # lang_a, lang_b, source, target, confidence

# per worker process: the anchor finders (built once from the registry) and the library folder
_FINDERS: dict[str, Any] = {}
_LIBRARY: list[Path] = []


def _init_worker(library_dir: Path) -> None:
    from statementkit.app.workspace import load_library_and_registry
    from statementkit.services.align import AnchorFinder
    from statementkit.services.align.lexicon import library_lexicon

    library, registry = load_library_and_registry(library_dir)
    lexicon = library_lexicon(library)  # the library's terms pair paragraphs that have no name or number
    _FINDERS.update({lg: AnchorFinder(registry, lg, lexicon) for lg in ("en", "zh", "ru")})
    _LIBRARY[:] = [library_dir]


def _align_one(doc: Any) -> tuple[DocumentReport, list[Unit]]:
    from statementkit.adapters.archive import read_document
    from statementkit.errors import StatementkitError
    from statementkit.services.align import align_document

    report = DocumentReport(doc.name)
    try:
        versions = _render_statement(doc.statement, _LIBRARY[0]) if doc.statement else read_document(doc)
    except StatementkitError as exc:
        report.error = str(exc)
        return report, []
    report.languages = [lg for lg in ("en", "zh", "ru") if lg in versions]
    report.paragraphs = {lg: len(versions[lg]) for lg in report.languages}
    if len(versions) < 2:
        report.error = f"only one language ({', '.join(versions)}): nothing to align"
        return report, []
    aligned = align_document(versions, _FINDERS)
    units: list[Unit] = []
    for (la, lb), pairs in aligned.pairs.items():
        key = f"{la}-{lb}"
        units += [(la, lb, p.source, p.target, p.confidence) for p in pairs]
        a, b = aligned.unpaired(la, lb)
        report.unpaired[key] = len(a) + len(b)
    return report, units


def _render_statement(spec: Path, library_dir: Path) -> dict[str, Any]:
    """An imported (or any) statement folder of the archive: its languages as rendered by ``build``."""
    from statementkit.app.workspace import open_statement
    from statementkit.services.align.core import Para
    from statementkit.services.assemble.render import Renderer, assemble

    opened = open_statement(spec, library_dir)
    ws, tr = opened.workspace, opened.translations
    r = Renderer(ws.statement, ws.registry, ws.library, tr)
    out = {}
    for lang in ws.statement.languages:
        rendered = assemble(ws.statement, ws.registry, ws.library, lang, tr, renderer=r)
        out[lang] = [Para(b.text, None if b.number is None else f"{b.number}.") for b in rendered.blocks]
    return out


def align_archive(archive: Path, options: AlignOptions = AlignOptions(),
                  progress: Progress | None = None) -> AlignResult:
    """Align every statement of ``archive`` and write the units (see the module docstring).  Nothing is
    written when the archive holds no statement or an output cannot be opened."""
    from statementkit.adapters.archive import find_documents
    from statementkit.app.paths import default_library_dir
    from statementkit.errors import UsageError

    if options.tm is None and options.tmx is None:
        raise UsageError("give --tm and/or --tmx: where the translation units go")
    if not 0.0 <= options.min_confidence <= options.approve_confidence <= 1.0:
        raise UsageError("confidences must satisfy 0 ≤ --min-confidence ≤ --approve-confidence ≤ 1")
    docs = find_documents(archive)
    _refuse_inputs(docs, options)
    library_dir = options.library_dir or default_library_dir()
    results: list[tuple[DocumentReport, list[Unit]]] = []
    if options.jobs <= 1 or len(docs) < 4:
        _init_worker(library_dir)
        for k, d in enumerate(docs, 1):
            results.append(_align_one(d))
            if progress:
                progress(k, len(docs))
    else:
        with ProcessPoolExecutor(options.jobs, initializer=_init_worker, initargs=(library_dir,)) as pool:
            for k, got in enumerate(pool.map(_align_one, docs, chunksize=8), 1):
                results.append(got)
                if progress:
                    progress(k, len(docs))
    if options.model_score:
        results = _model_score(results, options)
    kept: list[tuple[Unit, bool]] = []
    for report, units in results:
        for u in units:
            key = f"{u[0]}-{u[1]}"
            if u[4] < options.min_confidence:
                report.left_out[key] = report.left_out.get(key, 0) + 1
                continue
            approved = u[4] >= options.approve_confidence
            bucket = report.approved if approved else report.drafts
            bucket[key] = bucket.get(key, 0) + 1
            kept.append((u, approved))
    distinct = _write(kept, options)
    return AlignResult([r for r, _u in results], len(kept), distinct, options.tm, options.tmx)


_TM_BATCH = 5000


def _refuse_inputs(docs: list[Any], options: AlignOptions) -> None:
    """UsageError (exit 2) when --tm or --tmx names a file of the archive (a version, a statement or its
    translations file), before anything is aligned or written."""
    from statementkit.adapters.translations_file import translations_path
    from statementkit.app.outputs import refuse_overwrite

    for d in docs:
        for f in d.files:
            refuse_overwrite([_local(options.tm), options.tmx], {f"a version of '{d.name}'": f})
        if d.statement is not None:
            refuse_overwrite([_local(options.tm), options.tmx],
                             {f"the statement '{d.name}'": d.statement,
                              f"the translations of '{d.name}'": translations_path(d.statement)})


def _local(tm: str | Path | None) -> Path | None:
    from statementkit.app.memory import is_postgres_url

    return None if tm is None or is_postgres_url(tm) else Path(tm)


def _write(kept: list[tuple[Unit, bool]], options: AlignOptions) -> int:
    """Each distinct pair once (boilerplate recurs across an archive), approved when any occurrence is."""
    from statementkit.model.translation import Origin, Status

    def status(approved: bool) -> Status:
        return Status.APPROVED if approved else Status.DRAFT

    distinct: dict[tuple[str, str, str, str], tuple[Unit, bool]] = {}
    for unit, ok in kept:
        key = unit[:4]
        if key not in distinct or (ok and not distinct[key][1]):
            distinct[key] = (unit, ok)
    kept = list(distinct.values())

    if options.tm is not None:
        from statementkit.app.memory import open_memory
        from statementkit.model.translation import MemoryPair

        pairs = [p for (la, lb, s, t, _c), ok in kept
                 for p in (MemoryPair(la, lb, s, t, Origin.HUMAN, status(ok)),
                           MemoryPair(lb, la, t, s, Origin.HUMAN, status(ok)))]
        with open_memory(options.tm) as tm:
            for start in range(0, len(pairs), _TM_BATCH):  # one transaction per batch: other writers get turns
                tm.add_many(pairs[start:start + _TM_BATCH])
    if options.tmx is not None:  # after the memory: a memory that cannot be opened leaves the TMX untouched
        from statementkit.adapters.tm.tmx import TmxPair, write_tmx

        write_tmx(options.tmx, (TmxPair(la, lb, s, t, Origin.HUMAN, status(ok)) for (la, lb, s, t, _c), ok in kept))
    return len(kept)


def _model_score(results: list[tuple[DocumentReport, list[Unit]]], options: AlignOptions
                 ) -> list[tuple[DocumentReport, list[Unit]]]:
    """Bleualign's check: translate each pair's source with the local model, compare with the target (chrF,
    sacrebleu), and average that with the alignment's confidence."""
    from sacrebleu.metrics import CHRF

    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.argos.packages import packages_dir

    engines = Engines(packages_dir(options.models_dir))
    chrf = CHRF()
    by_pair: dict[tuple[str, str], list[str]] = {}
    for _r, units in results:
        for la, lb, s, _t, _c in units:
            by_pair.setdefault((la, lb), []).append(s)
    translated: dict[tuple[str, str, str], str] = {}
    for (la, lb), sources in by_pair.items():
        unique = list(dict.fromkeys(sources))
        for src, hyp in zip(unique, engines(la, lb).translate(unique, None), strict=True):
            translated[(la, lb, src)] = hyp.text
    out = []
    for report, units in results:
        rescored = []
        for la, lb, s, t, c in units:
            score = chrf.sentence_score(translated[(la, lb, s)], [t]).score / 100.0
            rescored.append((la, lb, s, t, round((c + score) / 2.0, 4)))
        out.append((report, rescored))
    return out
