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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from statementkit.adapters.tm.common import ImportProgress, MemoryPair
from statementkit.adapters.tm.tmx import TmxUnit, iter_tmx
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise XmlError(f"cannot read: {exc.strerror}", path=path) from None
    return digest.hexdigest()


def _pairs(unit: TmxUnit, status: Status) -> list[MemoryPair]:
    return [MemoryPair(p.src_lang, p.tgt_lang, p.source, p.target, p.origin or Origin.HUMAN, p.status or status)
            for p in unit.pairs()]


def import_tmx(path: Path, memory: BatchImporter, status: Status = Status.REVIEWED,
               progress: Callable[[int], None] | None = None) -> TmxImportResult:
    """Check the whole file, then write its pairs (human translations of ``status`` unless the file's
    x-statementkit properties say otherwise).  Errors: :class:`XmlError` (nothing written), the memory's
    :class:`TranslationStoreError` (whole batches written; run again to resume)."""
    units = skipped = 0
    for unit in iter_tmx(path):  # pass 1: check everything first
        units += 1
        skipped += len(unit.texts) < 2
    key = f"tmx:{_sha256(path)}:{status.value}"
    done = memory.import_batches((_pairs(u, status) for u in iter_tmx(path)), key, batch=BATCH_UNITS,
                                 progress=progress)
    return TmxImportResult(units, skipped, done.pairs, done.resumed_from)
