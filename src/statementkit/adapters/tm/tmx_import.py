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
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from statementkit.adapters.tm.common import ImportProgress, MemoryPair
from statementkit.adapters.tm.tmx import TmxContent, TmxUnit, iter_tmx
from statementkit.errors import XmlError
from statementkit.model.translation import Origin, Status

if TYPE_CHECKING:
    from statementkit.services.align import AnchorFinder

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
    sentence_pairs: int = 0  # confident sentence pairs found inside units of several sentences (each direction)
    split_units: int = 0  # units that gave sentence pairs


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise XmlError(f"cannot read: {exc.strerror}", path=path) from None
    return digest.hexdigest()


def _script_ok(source: str, target: str, src_lang: str, tgt_lang: str) -> bool:
    """Both sides in their language's script (a mislabelled language, e.g. English text tagged ru, is not)."""
    from statementkit.services.translate import checks

    return checks.wrong_script(checks.Output(source, target, src_lang, tgt_lang)) is None and \
        checks.wrong_script(checks.Output(target, source, tgt_lang, src_lang)) is None


@dataclass
class _Split:
    """Sentence pairs found in the units so far (both directions counted), and the units they came from."""

    pairs: int = 0
    units: int = 0


def _pairs(unit: TmxUnit, status: Status, finders: Mapping[str, AnchorFinder] | None = None,
           split: _Split | None = None) -> list[MemoryPair]:
    """The unit's pairs (both directions), then, with ``finders``, the confident sentence pairs inside it
    (:func:`~statementkit.services.align.units.unit_sentence_pairs`, both directions, the unit's origin and
    status); pairs with a side in the wrong script are left out."""
    from statementkit.services.align.units import unit_sentence_pairs

    out = [MemoryPair(p.src_lang, p.tgt_lang, p.source, p.target, p.origin or Origin.HUMAN, p.status or status)
           for p in unit.pairs() if _script_ok(p.source, p.target, p.src_lang, p.tgt_lang)]
    if finders is None:
        return out
    units = list(out)
    done: set[frozenset[str]] = set()
    for p in units:
        if frozenset((p.src_lang, p.tgt_lang)) in done:
            continue
        done.add(frozenset((p.src_lang, p.tgt_lang)))
        for a, b, _conf in unit_sentence_pairs(p.source, p.target, p.src_lang, p.tgt_lang, finders):
            if _script_ok(a, b, p.src_lang, p.tgt_lang):
                out += [MemoryPair(p.src_lang, p.tgt_lang, a, b, p.origin, p.status),
                        MemoryPair(p.tgt_lang, p.src_lang, b, a, p.origin, p.status)]
    if split is not None and len(out) > len(units):
        split.pairs += len(out) - len(units)
        split.units += 1
    return out


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
        wrong += sum(not _script_ok(p.source, p.target, p.src_lang, p.tgt_lang) for p in unit.pairs())
    return CheckedTmx(path, units, counts.skipped, _sha256(path), counts.traditional, counts.other_languages, wrong)


def import_checked(checked: CheckedTmx, memory: BatchImporter, status: Status = Status.REVIEWED,
                   progress: Callable[[int], None] | None = None,
                   finders: Mapping[str, AnchorFinder] | None = None) -> TmxImportResult:
    """Pass 2: write the pairs of a checked file (human translations of ``status`` unless the file's
    x-statementkit properties say otherwise); with ``finders`` (an anchor finder per language), the confident
    sentence pairs of units of several sentences too, beside the unit (counted in ``sentence_pairs`` and
    ``split_units``, over the whole file, also when a run resumes).  Errors: :class:`XmlError` if the file
    changed since it was checked, the memory's :class:`TranslationStoreError` (whole batches written; run
    again to resume)."""
    key = f"tmx:{checked.sha256}:{status.value}" + (":sentences" if finders is not None else "")
    split = _Split()
    done = memory.import_batches((_pairs(u, status, finders, split) for u in iter_tmx(checked.path)), key,
                                 batch=BATCH_UNITS, progress=progress)
    if done.items != checked.units:
        raise XmlError("the TMX file changed while it was imported: run the import again", path=checked.path)
    return TmxImportResult(checked.units, checked.skipped, done.pairs, done.resumed_from, checked.wrong_script,
                           split.pairs, split.units)
