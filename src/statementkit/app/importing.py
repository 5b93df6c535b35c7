"""Use case ``import``: one file per language of the same statement → a statement folder.

The folder gets ``statement.yaml`` (the source language's paragraphs as free-text clauses with stable ids,
a table's cells as clauses with ``cell: [table, row, column]`` so that ``build`` lays the table out again, the
title per language, no meeting or parties) and ``statement.translations.yaml`` (the other languages as
approved human translations, hashed to the source).  A paragraph with no one-to-one counterpart is a clause
of its own language only (``text: {en: null, zh: …}``) and is reported; no text is dropped, and
``build`` of the folder gives the input texts back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit import LANGUAGES


@dataclass(frozen=True)
class ImportOptions:
    source: str | None = None  # source language; default en when given, else the first file's
    library_dir: Path | None = None  # registry for the anchors (names in all their forms)
    name: str = "statement"  # file stem inside the output folder


@dataclass
class ImportResult:
    statement: Path
    translations: Path
    languages: tuple[str, ...]
    clauses: int
    paired: dict[str, int] = field(default_factory=dict)
    unpaired: list[str] = field(default_factory=list)
    tables: list[str] = field(default_factory=list)  # tables whose layout was not kept (their text was)
    warnings: list[str] = field(default_factory=list)  # "FILE: …" for what a reader read past

    def as_json(self) -> dict[str, Any]:
        return {"statement": str(self.statement), "translations": str(self.translations),
                "languages": list(self.languages), "clauses": self.clauses, "paired": self.paired,
                "unpaired": self.unpaired, "tables": self.tables, "warnings": self.warnings}


def import_statement(files: list[Path], output: Path, options: ImportOptions = ImportOptions()) -> ImportResult:
    """Read ``files`` (one per language), pair their paragraphs, write the statement folder ``output``
    (created; it must not exist or be empty).  Every check runs before anything is written."""
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.translations_file import dump_translations
    from statementkit.adapters.versions import read_version
    from statementkit.adapters.yamlfile import dump_yaml
    from statementkit.app.paths import default_library_dir
    from statementkit.app.workspace import load_library_and_registry
    from statementkit.errors import InputError, OutputError, UsageError
    from statementkit.services.align.anchors import AnchorFinder
    from statementkit.services.align.lexicon import library_lexicon
    from statementkit.services.importing import plan_import

    if len(files) < 2:
        raise UsageError("give one file per language of the statement (at least two)")
    resolved = {f.resolve() for f in files}
    if len(resolved) < len(files):
        raise UsageError("the same file is given twice")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise OutputError("the output folder exists and is not empty (nothing written)", path=output)
    if output.resolve() in {f.parent for f in resolved}:
        raise OutputError("the output folder holds the input files; choose a new folder", path=output)
    versions = [read_version(f) for f in files]
    by_lang: dict[str, Any] = {}
    for v in versions:
        if v.lang in by_lang:
            raise InputError(f"{by_lang[v.lang].path.name} and {v.path.name} are both {v.lang}: give one file "
                             "per language")
        by_lang[v.lang] = v
    source = options.source or ("en" if "en" in by_lang else versions[0].lang)
    if source not in by_lang:
        raise UsageError(f"no {source} file among the inputs (languages: {', '.join(by_lang)})")
    library, registry = load_library_and_registry(options.library_dir or default_library_dir())
    lexicon = library_lexicon(library)  # the library's terms pair paragraphs that have no name or number
    finders = {lg: AnchorFinder(registry, lg, lexicon) for lg in by_lang}
    plan = plan_import({lg: v.body for lg, v in by_lang.items()},
                       {lg: v.title for lg, v in by_lang.items() if v.title}, source, finders,
                       {lg: v.path.name for lg, v in by_lang.items()})
    languages = tuple(lg for lg in LANGUAGES if lg in by_lang)
    statement_text, translations = _files(plan, languages)
    output.mkdir(parents=True, exist_ok=True)
    spec = output / f"{options.name}.yaml"
    tpath = output / f"{options.name}.translations.yaml"
    try:
        write_text(tpath, dump_translations(translations, [c.id for c in plan.clauses]))
        write_text(spec, dump_yaml(statement_text))
    except OSError as exc:
        raise OutputError(f"cannot write: {exc.strerror}", path=output) from None
    return ImportResult(spec, tpath, languages, len(plan.clauses), plan.paired, plan.unpaired, plan.tables,
                        [f"{v.path.name}: {line}" for v in versions for line in v.warnings])


def _files(plan: Any, languages: tuple[str, ...]) -> tuple[dict[str, Any], Any]:
    """The statement file's data and the translations (other languages of clauses present in all)."""
    from statementkit.model.translation import Origin, Status, TranslationEntry, Translations, source_hash

    entries = {}
    clauses: list[dict[str, Any]] = []
    parent: dict[str, Any] | None = None
    for c in plan.clauses:
        entry: dict[str, Any] = {"id": c.id}
        if all(lg in c.texts for lg in languages):
            entry["text"] = c.texts[plan.source]
            for lg in languages:
                if lg != plan.source:
                    entries[(c.id, lg)] = TranslationEntry(c.id, lg, source_hash(c.texts[plan.source]),
                                                           c.texts[lg], Origin.HUMAN, Status.APPROVED)
        else:
            entry["text"] = {lg: c.texts.get(lg) for lg in languages}
        if c.item and parent is not None:
            parent.setdefault("items", []).append(entry)
            continue
        entry["numbered"] = c.numbered
        if c.cell is not None:  # a table cell: a clause of its own, laid out in its table by build
            entry["cell"] = list(c.cell)
            clauses.append(entry)
            parent = None
            continue
        clauses.append(entry)
        parent = entry
    data: dict[str, Any] = {"statementkit": 1}
    if plan.titles:
        data["title"] = {lg: plan.titles[lg] for lg in languages if lg in plan.titles}
    data.update({"languages": list(languages), "source": plan.source, "clauses": clauses,
                 "closing": {"form": "none"}})
    return data, Translations(plan.source, entries)
