"""Glue between files and the pure review decisions: what ``review export`` and ``review import`` do.

Kept out of the Click layer so the CLI stays a few lines per command and tests can call it directly.
File I/O happens only through the adapters passed in or imported lazily here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.errors import ReviewError, UsageError
from statementkit.model.translation import Status
from statementkit.services.review.importing import (
    CurrentUnit,
    Decision,
    ImportPlan,
    ReturnedRow,
    ReviewManifest,
    check_identity,
    plan_import,
)
from statementkit.services.review.rows import ReviewRow, review_rows, statement_key

FORMATS = ("docx", "xliff")


def guess_format(path: Path, given: str | None) -> str:
    if given:
        return given
    suffix = path.suffix.lower()
    if suffix in (".xlf", ".xliff"):
        return "xliff"
    if suffix == ".docx":
        return "docx"
    raise UsageError(f"cannot tell the review format of '{path.name}' (use --format docx|xliff)")


def statement_name(spec: Path) -> str:
    """How a review file names its statement: folder and file name (examples are all ``statement.yaml``)."""
    resolved = spec.resolve()
    return f"{resolved.parent.name}/{resolved.name}"


def memory_suggestions(tm_path: Path, src_lang: str, lang: str, rows: list[ReviewRow],
                       threshold: float = 75.0) -> list[list[str]]:
    """Per row, notes with the memory's fuzzy matches ("memory 92%: …"), leaving out the row's own target."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    out: list[list[str]] = []
    with TranslationMemory(tm_path) as tm:
        for row in rows:
            matches = tm.lookup_fuzzy(src_lang, lang, row.source, threshold=threshold, limit=3)
            out.append([f"memory {m.score:.0f}% ({m.origin.value}, {m.status.value}): {m.target}"
                        for m in matches if m.target != row.target])
    return out


def remember_pairs(tm_path: Path, src_lang: str, lang: str, decisions: list[Decision],
                   sources: dict[str, str]) -> int:
    """Store the (source, target) pairs of applied decisions in the memory; return how many."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    n = 0
    with TranslationMemory(tm_path) as tm:
        for d in decisions:
            if d.entry is None or d.unit_id not in sources:
                continue
            tm.add(src_lang, lang, sources[d.unit_id], d.entry.text, origin=d.entry.origin, status=d.entry.status)
            n += 1
    return n


@dataclass
class ImportReport:
    file: str
    lang: str
    plan: ImportPlan
    written: bool
    memory_added: int = 0
    counts: dict[str, int] = field(default_factory=dict)

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


def export_review(spec: Path, library_dir: Path, lang: str, out: Path, fmt: str,
                  tm_path: Path | None = None) -> list[ReviewRow]:
    """Write the review file of ``lang`` for the statement at ``spec``; return its rows.

    With a translation memory, each row's notes list up to three fuzzy matches of its source."""
    from dataclasses import replace

    from statementkit.adapters.docx.review_docx import ReviewHeader, write_review_docx
    from statementkit.adapters.translations_file import load_translations, translations_path
    from statementkit.adapters.workspace import load_workspace
    from statementkit.services.assemble.render import DEFAULT_TITLE, Renderer

    ws = load_workspace(spec, library_dir)
    st = ws.statement
    translations = load_translations(translations_path(spec), st.source_language)
    rows = review_rows(st, ws.registry, ws.library, translations, lang)
    if tm_path is not None:
        rows = [replace(r, notes=(*r.notes, *notes)) for r, notes in
                zip(rows, memory_suggestions(tm_path, st.source_language, lang, rows), strict=True)]
    title = Renderer(st, ws.registry, ws.library, translations).special(st.title or DEFAULT_TITLE,
                                                                         st.source_language, {})
    header = ReviewHeader(title=title, statement_name=statement_name(spec), statement_key=statement_key(st),
                          source_lang=st.source_language, lang=lang, date=dt.date.today())
    if fmt == "xliff":
        from statementkit.adapters.exchange.xliff import write_review_xliff

        write_review_xliff(out, header, rows)
    else:
        write_review_docx(out, header, rows)
    return rows


def read_review(path: Path, fmt: str) -> tuple[ReviewManifest, list[ReturnedRow]]:
    if fmt == "xliff":
        from statementkit.adapters.exchange.xliff import read_review_xliff

        return read_review_xliff(path)
    from statementkit.adapters.docx.review_docx import read_review_docx

    return read_review_docx(path)


def import_review(path: Path, spec: Path, library_dir: Path, fmt: str, *, lang: str | None = None,
                  dry_run: bool = False, tm_path: Path | None = None) -> ImportReport:
    """Apply a reviewed file to the statement's translations; nothing is written unless a row applies.

    Every check runs before anything is written.  With a translation memory, the reviewed and approved
    pairs of the applied rows are stored in it.
    """
    from statementkit.adapters.translations_file import (
        load_translations,
        save_translations,
        translations_path,
    )
    from statementkit.adapters.workspace import load_workspace

    manifest, returned = read_review(path, fmt)
    ws = load_workspace(spec, library_dir)
    st = ws.statement
    if lang is not None and lang != manifest.lang:
        raise ReviewError(f"this review file is for language '{manifest.lang}', not '{lang}'", path=path)
    check_identity(manifest, statement_key(st), statement_name(spec), manifest.lang)
    if manifest.source_lang != st.source_language:
        raise ReviewError(f"this review file translates from '{manifest.source_lang}', the statement's source "
                          f"is '{st.source_language}'", path=path)
    tpath = translations_path(spec)
    translations = load_translations(tpath, st.source_language)
    rows = review_rows(st, ws.registry, ws.library, translations, manifest.lang)
    current = {r.unit_id: CurrentUnit(r.source, r.source_hash, r.origin, r.target) for r in rows}
    plan = plan_import(manifest, returned, current, translations)
    counts: dict[str, int] = {}
    for d in plan.decisions:
        counts[d.kind.value] = counts.get(d.kind.value, 0) + 1
    written = False
    added = 0
    if plan.applied and not dry_run:
        save_translations(tpath, plan.translations, [u.id for u in st.units()])
        written = True
        if tm_path is not None:
            approved = [d for d in plan.applied if d.entry is not None
                        and d.entry.status in (Status.REVIEWED, Status.APPROVED)]
            added = remember_pairs(tm_path, st.source_language, manifest.lang, approved,
                                   {uid: c.source for uid, c in current.items()})
    return ImportReport(file=str(path), lang=manifest.lang, plan=plan, written=written, memory_added=added,
                        counts=counts)
