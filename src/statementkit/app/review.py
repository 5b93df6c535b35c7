"""The bilingual review round trip: write a language version for review (DOCX or XLIFF 2.0) and apply the
reviewed file that comes back.  The decisions are the pure :mod:`statementkit.services.review`; this module
opens the files and the memory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from statementkit.app.outputs import refuse_overwrite, statement_inputs
from statementkit.errors import OutputError, ReviewError, TranslationStoreError, UsageError, check_language

if TYPE_CHECKING:
    from statementkit.services.review.importing import ImportPlan, ReturnedRow, ReviewManifest
    from statementkit.services.review.rows import ReviewRow

FORMATS = ("docx", "xliff")


SUFFIXES = {"docx": (".docx",), "xliff": (".xlf", ".xliff")}


def guess_format(path: Path, given: str | None) -> str:
    """``given`` if set, else docx or xliff from the suffix of ``path``; UsageError otherwise."""
    if given:
        return given
    suffix = path.suffix.lower()
    for fmt, suffixes in SUFFIXES.items():
        if suffix in suffixes:
            return fmt
    raise UsageError(f"cannot tell the review format of '{path.name}' (use --format docx|xliff)")


def statement_name(spec: Path) -> str:
    """How a review file names its statement: folder and file name (examples are all ``statement.yaml``)."""
    resolved = spec.resolve()
    return f"{resolved.parent.name}/{resolved.name}"


@dataclass(frozen=True)
class ExportOptions:
    """``output``: the review file (default: ``review-LANG.docx`` or ``.xlf`` in the current folder);
    ``fmt``: docx or xliff (default: from the output suffix, else docx); ``tm_path``: memory for fuzzy
    suggestions (default: the user's memory, if it exists); ``no_memory``: no suggestions."""

    output: str | Path | None = None
    fmt: str | None = None
    tm_path: str | Path | None = None
    no_memory: bool = False
    library_dir: Path | None = None


@dataclass
class ExportResult:
    output: Path
    fmt: str
    rows: list[ReviewRow]


def export_review(spec: Path, lang: str, options: ExportOptions = ExportOptions()) -> ExportResult:
    """Write the review file of ``lang`` for the statement at ``spec``: a row of source and target per
    clause; with a translation memory, each row's notes list up to three fuzzy matches of its source."""
    from dataclasses import replace

    from statementkit.adapters.docx.review_docx import ReviewHeader, write_review_docx
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.app.memory import existing_memory, is_postgres_url, open_memory
    from statementkit.app.outputs import output_target
    from statementkit.app.workspace import needs_path, open_statement
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.review.memory import memory_suggestions
    from statementkit.services.review.rows import review_rows, statement_key

    check_language(lang)
    tm_path = options.tm_path
    if tm_path is None and not options.no_memory and default_tm_path().is_file():
        tm_path = default_tm_path()
    if options.no_memory:
        tm_path = None
    inputs, folders = statement_inputs(spec, options.library_dir)
    tm_file = None if tm_path is None or is_postgres_url(tm_path) else Path(tm_path)
    target = output_target(options.output, options.fmt, SUFFIXES, default_dir=Path("."), stem=f"review-{lang}",
                           default_fmt="docx", inputs={**inputs, "the translation memory": tm_file}, folders=folders)
    output, fmt = target.destination, target.fmt
    if tm_file is not None:  # exporting only reads the memory: never create one
        existing_memory(tm_file)

    needs_path(spec, "a review file names its statement by its path")
    opened = open_statement(spec, options.library_dir)
    ws, st, translations = opened.workspace, opened.statement, opened.translations
    rows = review_rows(st, ws.registry, ws.library, translations, lang)
    if tm_path is not None:
        with open_memory(tm_path) as memory:
            suggestions = memory_suggestions(memory, st.source_language, lang, rows)
        rows = [replace(r, notes=(*r.notes, *notes)) for r, notes in zip(rows, suggestions, strict=True)]
    title = Renderer(st, ws.registry, ws.library, translations).title(st.source_language)
    header = ReviewHeader(title=title, statement_name=statement_name(opened.spec), statement_key=statement_key(st),
                          source_lang=st.source_language, lang=lang, date=dt.date.today())
    if fmt == "xliff":
        from statementkit.adapters.exchange.xliff import write_review_xliff

        write_review_xliff(output, header, rows)
    else:
        write_review_docx(output, header, rows)
    return ExportResult(output, fmt, rows)


@dataclass(frozen=True)
class ImportOptions:
    """``fmt``: docx or xliff (default: from the file suffix); ``lang``: refuse the file unless it reviews
    this language; ``dry_run``: write nothing; ``tm_path``: the memory that receives reviewed and approved
    pairs (default: the user's); ``no_memory``: store no pairs; ``force``: apply rows whose target changed
    since the export (conflicts, otherwise reported and not applied)."""

    fmt: str | None = None
    lang: str | None = None
    dry_run: bool = False
    tm_path: str | Path | None = None
    no_memory: bool = False
    force: bool = False
    library_dir: Path | None = None


@dataclass
class ImportReport:
    file: str
    lang: str
    plan: ImportPlan
    written: bool
    memory_added: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def row_lines(self) -> list[str]:
        """One ``kind<TAB>unit<TAB>message`` line per row that was not unchanged (the text report)."""
        return [f"{d.kind.value}\t{d.unit_id}\t{d.message}" for d in self.plan.decisions
                if d.kind.value != "unchanged"]

    def summary_line(self) -> str:
        """``FILE: 2 edited, 1 conflict; translations file updated; 2 pairs added to the memory``."""
        summary = ", ".join(f"{n} {k}" for k, n in sorted(self.counts.items()))
        where = "translations file updated" if self.written else "nothing written"
        added = f"; {self.memory_added} pairs added to the memory" if self.memory_added else ""
        return f"{self.file}: {summary}; {where}{added}"

    def withheld_message(self) -> str | None:
        """One line when returned rows were not applied (conflicts, changed sources, added, tampered, unknown or
        unreadable rows): the command then exits 1 after its report, the rows' text untouched in the file."""
        withheld = self.plan.withheld
        if not withheld:
            return None
        kinds = ", ".join(sorted({d.kind.value for d in withheld}))
        return f"{len(withheld)} returned row(s) not applied ({kinds}); their text stays in {self.file}"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "lang": self.lang,
            "translations_written": self.written,
            "memory_added": self.memory_added,
            "counts": self.counts,
            "rows": [{"kind": d.kind.value, "unit": d.unit_id, "row": d.position, "message": d.message}
                     for d in self.plan.decisions if d.kind.value != "unchanged"],
        }


def read_review(path: Path, fmt: str) -> tuple[ReviewManifest, list[ReturnedRow]]:
    """The manifest and rows of a returned review file (``fmt``: docx or xliff)."""
    if fmt == "xliff":
        from statementkit.adapters.exchange.xliff import read_review_xliff

        return read_review_xliff(path)
    from statementkit.adapters.docx.review_docx import read_review_docx

    return read_review_docx(path)


def import_review(path: Path, spec: Path, options: ImportOptions = ImportOptions()) -> ImportReport:
    """Apply a reviewed file to the statement's translations; nothing is written unless a row applies.

    Every check runs before anything is written (ReviewError for a file of another statement, language or
    source language).  With a translation memory, the reviewed and approved pairs of the applied rows are
    stored in it, and the memory and the translations file are written both or neither: the new translations
    file waits beside the old one while the memory's one transaction commits, then replaces it by a rename.
    TranslationStoreError (memory locked past its busy timeout, unusable) leaves both unchanged.
    """
    from statementkit.adapters.atomic import atomic_path
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.adapters.translations_file import dump_translations
    from statementkit.app.memory import is_postgres_url, open_memory
    from statementkit.app.workspace import needs_path, open_statement
    from statementkit.model.translation import Status
    from statementkit.services.review.importing import CurrentUnit, check_identity, plan_import
    from statementkit.services.review.memory import remember_pairs
    from statementkit.services.review.rows import review_rows, statement_key

    tm_path = None if options.no_memory else (options.tm_path or default_tm_path())
    inputs, folders = statement_inputs(spec, options.library_dir)
    if not is_postgres_url(tm_path):
        refuse_overwrite([Path(tm_path) if tm_path else None], {**inputs, "the review file": path}, folders)
    refuse_overwrite([inputs["its translations file"]], {"the review file": path})
    manifest, returned = read_review(path, guess_format(path, options.fmt))
    needs_path(spec, "a review file names its statement by its path")
    opened = open_statement(spec, options.library_dir)
    ws, st, translations = opened.workspace, opened.statement, opened.translations
    if options.lang is not None and options.lang != manifest.lang:
        raise ReviewError(f"this review file is for language '{manifest.lang}', not '{options.lang}'", path=path)
    check_identity(manifest, statement_key(st), statement_name(opened.spec), manifest.lang)
    if manifest.source_lang != st.source_language:
        raise ReviewError(f"this review file translates from '{manifest.source_lang}', the statement's source "
                          f"is '{st.source_language}'", path=path)
    rows = review_rows(st, ws.registry, ws.library, translations, manifest.lang)
    current = {r.unit_id: CurrentUnit(r.source, r.source_hash, r.origin, r.target, r.status) for r in rows}
    plan = plan_import(manifest, returned, current, translations, force=options.force)
    counts: dict[str, int] = {}
    for d in plan.decisions:
        counts[d.kind.value] = counts.get(d.kind.value, 0) + 1
    written = False
    added = 0
    if plan.applied and not options.dry_run:
        text = dump_translations(plan.translations, [u.id for u in st.units()])
        approved = [d for d in plan.applied if d.entry is not None
                    and d.entry.status in (Status.REVIEWED, Status.APPROVED)]
        committed = False
        try:
            with atomic_path(opened.translations_path) as tmp:
                tmp.write_text(text, encoding="utf-8")
                if tm_path is not None and approved:
                    parallel = {lg: {uid: e for uid, c in current.items()
                                     if (e := plan.translations.get(uid, lg)) is not None
                                     and not e.is_stale(c.source_hash) and e.status in (Status.REVIEWED, Status.APPROVED)}
                                for lg in st.languages if lg not in (st.source_language, manifest.lang)}
                    with open_memory(tm_path) as memory:
                        added = remember_pairs(memory, st.source_language, manifest.lang, approved,
                                               {uid: c.source for uid, c in current.items()}, parallel)
                    committed = True
        except TranslationStoreError as exc:
            raise TranslationStoreError(f"{exc.message}; nothing imported (translations file and memory "
                                        "unchanged)", path=exc.path) from None
        except OutputError as exc:
            if not committed:
                raise
            raise OutputError(f"{exc.message}; the memory already holds the {added} imported pairs: import "
                              "again to update the translations file") from None
        written = True
    return ImportReport(file=str(path), lang=manifest.lang, plan=plan, written=written, memory_added=added,
                        counts=counts)
