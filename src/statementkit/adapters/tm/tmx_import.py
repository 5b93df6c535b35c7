"""Import a TMX file into a translation memory (SQLite or PostgreSQL), streaming, in batches, resumably.

Two passes over the file, both in constant memory: the first reads every ``tu`` and checks it (a malformed
or hostile file is refused before the memory is touched) and hashes the bytes; the second writes the
pairs in batches of :data:`BATCH_UNITS` units, one transaction each.  The import is *resumable*, not one
transaction: each batch records how many units of this file (its SHA-256 and the default status) are
done, so a run that is killed leaves whole batches only, and running the same command again skips what
is already in and finishes the rest (reported as ``resumed_from``).  Batches keep the memory usable by
other translators during a long import (one transaction would hold the writer lock for all of it).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from statementkit.adapters.tm.common import ImportProgress, MemoryPair
from statementkit.adapters.tm.tmx import TmxContent, TmxUnit, iter_tmx
from statementkit.errors import XmlError
from statementkit.model.translation import Origin, Status

BATCH_UNITS = 1000


class BatchImporter(Protocol):
    def import_batches(self, items: Iterator[Sequence[MemoryPair]], key: str, batch: int = ...,
                       progress: Callable[[int], None] | None = ...) -> ImportProgress: ...


@dataclass(frozen=True)
class TmxImportResult:
    """``units`` in the file, of which ``skipped`` had fewer than two of en/zh/ru; ``pairs`` written by
    this run; ``resumed_from`` units had been imported by an earlier, interrupted run of the same file."""

    units: int
    skipped: int
    pairs: int
    resumed_from: int
    wrong_script: int = 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise XmlError(f"cannot read: {exc.strerror}", path=path) from None
    return digest.hexdigest()


def _in_script(unit: TmxUnit) -> dict[str, bool]:
    """Per language of the unit: is its text in that language's script (a mislabelled language, e.g. English
    text tagged ru, is not)?  Checked once per text, not once per pair (six pairs share three texts)."""
    from statementkit.services.translate import checks

    return {lang: checks.wrong_script(checks.Output(text, text, lang, lang)) is None
            for lang, text in unit.texts.items()}


def _pairs(unit: TmxUnit, status: Status) -> list[MemoryPair]:
    """The unit's pairs whose both sides are in their language's script."""
    ok = _in_script(unit)
    return [MemoryPair(p.src_lang, p.tgt_lang, p.source, p.target, p.origin or Origin.HUMAN, p.status or status)
            for p in unit.pairs() if ok[p.src_lang] and ok[p.tgt_lang]]


@dataclass(frozen=True)
class CheckedTmx:
    """A TMX file read once and found sound: its ``units``, the ``skipped`` ones, and its SHA-256."""

    path: Path
    units: int
    skipped: int
    sha256: str
    traditional: int = 0  # tuv in Traditional Chinese, skipped (never zh)
    other_languages: dict[str, int] = field(default_factory=dict)  # tuv in other languages by tag, skipped
    wrong_script: int = 0  # pairs left out: a side not in its language's script


def check_tmx(path: Path) -> CheckedTmx:
    """Pass 1: read every ``tu`` (constant memory).  Errors: :class:`XmlError` with file and line."""
    units = wrong = 0
    counts = TmxContent()
    for unit in iter_tmx(path):
        units += 1
        counts.count(unit)
        ok = _in_script(unit)
        wrong += sum(not (ok[p.src_lang] and ok[p.tgt_lang]) for p in unit.pairs())
    return CheckedTmx(path, units, counts.skipped, _sha256(path), counts.traditional, counts.other_languages, wrong)


def import_checked(checked: CheckedTmx, memory: BatchImporter, status: Status = Status.REVIEWED,
               progress: Callable[[int], None] | None = None) -> TmxImportResult:
    """Pass 2: write the pairs of a checked file (human translations of ``status`` unless the file's
    x-statementkit properties say otherwise).  Errors: :class:`XmlError` if the file changed since it was
    checked, the memory's :class:`TranslationStoreError` (whole batches written; run again to resume)."""
    key = f"tmx:{checked.sha256}:{status.value}"
    done = memory.import_batches((_pairs(u, status) for u in iter_tmx(checked.path)), key, batch=BATCH_UNITS,
                                 progress=progress)
    if done.items != checked.units:
        raise XmlError("the TMX file changed while it was imported: run the import again", path=checked.path)
    return TmxImportResult(checked.units, checked.skipped, done.pairs, done.resumed_from, checked.wrong_script)
