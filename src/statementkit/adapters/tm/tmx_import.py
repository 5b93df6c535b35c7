"""Import a TMX file into a translation memory (SQLite or PostgreSQL), streaming, in batches, resumably.

Two passes, both in constant memory: the first reads every ``tu`` of the file and checks it (a malformed
or hostile file is refused before the memory is touched), hashes the bytes and (``tm import``) spools what
each unit holds to a temporary file (``marshal``: the XML is parsed once); the second writes the pairs, from
the spool or by reading the file again, in batches of :data:`BATCH_UNITS` units, one transaction each.  The import is *resumable*, not one
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


def _in_script(unit: TmxUnit) -> dict[str, bool]:
    """Per language of the unit: is its text in that language's script (a mislabelled language, e.g. English
    text tagged ru, is not)?  Checked once per text, not once per pair (six pairs share three texts)."""
    from statementkit.services.translate import checks

    return {lang: checks.wrong_script(checks.Output(text, text, lang, lang)) is None
            for lang, text in unit.texts.items()}


@dataclass
class _Split:
    """Sentence pairs found in the units so far (both directions counted), and the units they came from."""

    pairs: int = 0
    units: int = 0


# What pass 2 needs of a unit: its origin and status (values or None) and its texts in their language's
# script, (language, text) in file order.
Kept = tuple[str | None, str | None, tuple[tuple[str, str], ...]]


def _kept(unit: TmxUnit, ok: dict[str, bool]) -> Kept:
    return (unit.origin.value if unit.origin else None, unit.status.value if unit.status else None,
            tuple((lang, text) for lang, text in unit.texts.items() if ok[lang]))


def _text_in_script(text: str, lang: str) -> bool:
    from statementkit.services.translate import checks

    return checks.wrong_script(checks.Output(text, text, lang, lang)) is None


def _pairs(kept: Kept, status: Status, finders: Mapping[str, AnchorFinder] | None = None,
           split: _Split | None = None) -> list[MemoryPair]:
    """Every ordered pair of the unit's texts in their language's script (as :meth:`TmxUnit.pairs`, less
    the pairs with a side in the wrong script); human translations of ``status`` unless the unit says.  With
    ``finders`` (an anchor finder per language), then the confident sentence pairs inside the unit
    (:func:`~statementkit.services.align.units.unit_sentence_pairs`, both directions, the unit's origin and
    status), counted in ``split``."""
    origin = Origin(kept[0]) if kept[0] else Origin.HUMAN
    st = Status(kept[1]) if kept[1] else status
    texts = kept[2]
    out = [MemoryPair(a, b, ta, tb, origin, st) for a, ta in texts for b, tb in texts if a != b]
    if finders is None:
        return out
    from statementkit.services.align.units import unit_sentence_pairs

    whole = len(out)
    for i, (a, ta) in enumerate(texts):
        for b, tb in texts[i + 1:]:
            if a == b:
                continue
            for x, y, _conf in unit_sentence_pairs(ta, tb, a, b, finders):
                if _text_in_script(x, a) and _text_in_script(y, b):
                    out += [MemoryPair(a, b, x, y, origin, st), MemoryPair(b, a, y, x, origin, st)]
    if split is not None and len(out) > whole:
        split.pairs += len(out) - whole
        split.units += 1
    return out


@dataclass(frozen=True)
class CheckedTmx:
    """A TMX file read once and found sound: its ``units``, the ``skipped`` ones, and its SHA-256; with
    ``spool``, what pass 2 needs of every unit, written by pass 1 (so that the file is parsed once)."""

    path: Path
    units: int
    skipped: int
    sha256: str
    traditional: int = 0  # tuv in Traditional Chinese, skipped (never zh)
    other_languages: dict[str, int] = field(default_factory=dict)  # tuv in other languages by tag, skipped
    wrong_script: int = 0  # pairs left out: a side not in its language's script
    spool: Path | None = None


def check_tmx(path: Path, spool: Path | None = None) -> CheckedTmx:
    """Pass 1: read every ``tu`` (constant memory); with ``spool`` (a new file's path, e.g. in a temporary
    folder the caller removes), also write there what pass 2 needs of each unit (``marshal``: texts, origin,
    status; read back in C at a fraction of parsing the XML again).  Errors: :class:`XmlError` with file and
    line."""
    import marshal

    units = wrong = 0
    counts = TmxContent()
    out = open(spool, "xb", buffering=1 << 20) if spool is not None else None  # noqa: SIM115 - closed below
    try:
        for unit in iter_tmx(path):
            units += 1
            counts.count(unit)
            ok = _in_script(unit)
            wrong += sum(not (ok[p.src_lang] and ok[p.tgt_lang]) for p in unit.pairs())
            if out is not None:
                marshal.dump(_kept(unit, ok), out)
    finally:
        if out is not None:
            out.close()
    return CheckedTmx(path, units, counts.skipped, _sha256(path), counts.traditional, counts.other_languages, wrong,
                      spool)


def _spooled(spool: Path) -> Iterator[Kept]:
    import marshal

    with open(spool, "rb", buffering=1 << 20) as fh:
        while True:
            try:
                yield marshal.load(fh)
            except EOFError:
                return


def import_checked(checked: CheckedTmx, memory: BatchImporter, status: Status = Status.REVIEWED,
                   progress: Callable[[int], None] | None = None,
                   finders: Mapping[str, AnchorFinder] | None = None) -> TmxImportResult:
    """Pass 2: write the pairs of a checked file (human translations of ``status`` unless the file's
    x-statementkit properties say otherwise), from its spool when pass 1 wrote one, else by reading the file
    again; with ``finders`` (an anchor finder per language), the confident sentence pairs of units of several
    sentences too, beside the unit (counted in ``sentence_pairs`` and ``split_units``, over the whole file,
    also when a run resumes).  Errors: :class:`XmlError` if the file changed since it was checked, the memory's
    :class:`TranslationStoreError` (whole batches written; run again to resume)."""
    key = f"tmx:{checked.sha256}:{status.value}" + (":sentences" if finders is not None else "")
    split = _Split()
    kept = _spooled(checked.spool) if checked.spool is not None else \
        (_kept(u, _in_script(u)) for u in iter_tmx(checked.path))
    done = memory.import_batches((_pairs(k, status, finders, split) for k in kept), key, batch=BATCH_UNITS,
                                 progress=progress)
    if done.items != checked.units:
        raise XmlError("the TMX file changed while it was imported: run the import again", path=checked.path)
    return TmxImportResult(checked.units, checked.skipped, done.pairs, done.resumed_from, checked.wrong_script,
                           split.pairs, split.units)
