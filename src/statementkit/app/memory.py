"""The translation memory: open it (a SQLite file or a PostgreSQL team memory), import and export TMX 1.4b,
figures, and removing units by origin or status."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.app.outputs import refuse_overwrite
from statementkit.errors import TranslationStoreError

if TYPE_CHECKING:
    from statementkit.adapters.tm.pg_tm import PostgresMemory
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.services.align import AnchorFinder

MemoryLocation = str | Path  # a SQLite file path, or a postgresql:// URL


def is_postgres_url(location: MemoryLocation | None) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_memory(location: MemoryLocation | None = None) -> TranslationMemory | PostgresMemory:
    """The memory a ``--tm`` value names: a ``postgresql://`` URL (team memory, adapters/tm/pg_tm.py), else
    a SQLite file (None: ``memory.sqlite`` in the user data folder).  Use as a context manager.
    Errors: TranslationStoreError (cannot open or connect, not a memory, newer format)."""
    if is_postgres_url(location):
        from statementkit.adapters.tm.pg_tm import PostgresMemory

        return PostgresMemory(str(location))
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path

    return TranslationMemory(Path(location) if location else default_tm_path())


@dataclass(frozen=True)
class TmxImport:
    """``imported`` pairs written by this run from ``units`` in the file; ``skipped``: units with fewer
    than two of en, zh, ru; ``resumed_from``: units written by an earlier, interrupted run of the same file."""

    imported: int
    skipped: int
    units: int = 0
    resumed_from: int = 0
    traditional: int = 0  # tuv in Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant…): skipped, never zh
    other_languages: dict[str, int] = field(default_factory=dict)  # tuv in other languages by tag: skipped

    def as_json(self) -> dict[str, object]:
        return {"imported": self.imported, "units": self.units, "skipped": self.skipped,
                "resumed_from": self.resumed_from, "skipped_tuv": list(self.skipped_tuv),
                "wrong_script": self.wrong_script, "sentence_pairs": self.sentence_pairs,
                "split_units": self.split_units}

    def line(self) -> str:
        """The one-line account ``tm import`` prints."""
        from statementkit.errors import plural

        resumed = (f" (resumed after {plural(self.resumed_from, 'unit')} written by an interrupted run)"
                   if self.resumed_from else "")
        wrong = (f"; left out {plural(self.wrong_script, 'pair')} with a side in the wrong script"
                 if self.wrong_script else "")
        split = (f" ({plural(self.sentence_pairs, 'sentence pair')} from {plural(self.split_units, 'unit')} of "
                 "several sentences)" if self.sentence_pairs else "")
        return (f"imported {plural(self.imported, 'pair')} from {plural(self.units, 'unit')}{split}{resumed}; skipped "
                f"{plural(self.skipped, 'unit')} with fewer than two of en, zh, ru{wrong}"
                + (f"; skipped tuv: {', '.join(self.skipped_tuv)}" if self.skipped_tuv else ""))

    @property
    def skipped_tuv(self) -> list[str]:
        """The ``tuv`` skipped, in words (empty when none were)."""
        out = [f"{self.traditional} Traditional Chinese variant(s) (zh-TW, zh-HK, zh-MO, zh-Hant: never taken "
               "as zh)"] * bool(self.traditional)
        return out + [f"{n} in {tag}" for tag, n in self.other_languages.items()]
    wrong_script: int = 0  # pairs left out: one side is not in its language's script (mislabelled languages)
    sentence_pairs: int = 0  # of ``imported``: confident sentence pairs inside units of several sentences
    split_units: int = 0  # units that gave sentence pairs


def import_tmx(tmx: Path, tm_path: MemoryLocation | None = None, status: str = "reviewed",
               library_dir: Path | None = None) -> TmxImport:
    """Add the pairs of a TMX file to the memory at ``tm_path`` (default: the user's).  Units without an
    origin or status property count as human translations of ``status`` (draft, reviewed, approved).
    A unit of several sentences is also split into sentence pairs by the sentence aligner (anchors from the
    registry under ``library_dir``, default the bundled one; see services/align/units.py): its confident
    one-to-one pairs are stored beside the unit (``sentence_pairs``), the unit is stored as it is.

    The whole file is read and checked (streaming, constant memory) before the memory is opened, what each
    unit holds spooled to a temporary file; then the pairs are written from there in batches, each its own
    transaction: resumable, not one transaction -- an interrupted import leaves whole batches, and the same
    import run again skips them and writes the rest (adapters/tm/tmx_import.py)."""
    import tempfile

    from statementkit.adapters.files import named_input
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.adapters.tm.tmx_import import check_tmx, import_checked
    from statementkit.model.translation import Status

    if not is_postgres_url(tm_path):
        refuse_overwrite([Path(tm_path or default_tm_path())], {"the TMX file": tmx})
    with named_input(tmx, ".tmx") as path, tempfile.TemporaryDirectory(prefix="statementkit-tmx-") as tmp:
        checked = check_tmx(path, spool=Path(tmp) / "units")  # - : standard input, spooled first
        finders = _anchor_finders(library_dir)
        with open_memory(tm_path) as memory:
            done = import_checked(checked, memory, Status(status), finders=finders)
    return TmxImport(done.pairs, done.skipped, done.units, done.resumed_from, checked.traditional,
                     checked.other_languages, done.wrong_script, done.sentence_pairs, done.split_units)


def _anchor_finders(library_dir: Path | None) -> dict[str, AnchorFinder]:
    """An anchor finder per language on the registry under ``library_dir`` (names, dates and numbers anchor
    sentences).  Errors: InputError when that folder has no registry."""
    from statementkit.app.workspace import load_library_and_registry
    from statementkit.services.align import AnchorFinder

    _library, registry = load_library_and_registry(library_dir)
    return {lg: AnchorFinder(registry, lg) for lg in ("en", "zh", "ru")}


@dataclass(frozen=True)
class MemoryStats:
    """Units of a memory by language pair, origin and status."""

    rows: tuple[tuple[str, str, str, str, int], ...]  # (src_lang, tgt_lang, origin, status, units)

    @property
    def total(self) -> int:
        return sum(r[4] for r in self.rows)

    def lines(self) -> list[str]:
        """What ``tm stats`` prints: the total, then one line per pair, origin and status."""
        from statementkit.errors import plural

        return [plural(self.total, "unit"), *(f"  {a}->{b} {o} {s}: {n}" for a, b, o, s, n in self.rows)]

    def as_json(self) -> dict[str, object]:
        return {"total": self.total, "units": [dict(zip(("source", "target", "origin", "status", "units"), r,
                                                        strict=True)) for r in self.rows]}


def _existing(tm_path: MemoryLocation | None) -> MemoryLocation:
    """The memory ``tm_path`` names (a ``postgresql://`` URL, or a SQLite file that must exist: reading or
    deleting never creates a store).  Errors: InputError when the file is not there."""
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.errors import InputError

    if is_postgres_url(tm_path):
        return str(tm_path)
    path = Path(tm_path) if tm_path else default_tm_path()
    if not path.exists():
        raise InputError("no translation memory here", path=path)
    return path


def memory_stats(tm_path: MemoryLocation | None = None) -> MemoryStats:
    """How many units the memory at ``tm_path`` (default: the user's; or a ``postgresql://`` URL) holds, by
    pair, origin and status."""
    with open_memory(_existing(tm_path)) as memory:
        return MemoryStats(tuple((a, b, o.value, s.value, n) for a, b, o, s, n in memory.stats()))


def delete_units(tm_path: MemoryLocation | None = None, origin: str | None = None,
                 status: str | None = None) -> int:
    """Remove the units of ``origin`` (template, memory, machine, human) and/or ``status`` from the memory
    (SQLite file or ``postgresql://`` URL); return how many.  Raises UsageError when neither is given."""
    from statementkit.errors import UsageError
    from statementkit.model.translation import Origin, Status

    if origin is None and status is None:
        raise UsageError("say what to delete: --origin and/or --status")
    with open_memory(_existing(tm_path)) as memory:
        return memory.delete(origin=Origin(origin) if origin else None, status=Status(status) if status else None)


def export_tmx(tmx: str | Path, tm_path: MemoryLocation | None = None) -> int:
    """Write the whole memory at ``tm_path`` (default: the user's; or a ``postgresql://`` URL) as TMX 1.4b
    to ``tmx`` (a file, a folder or ``-`` as :mod:`statementkit.app.outputs`); return the units written.
    A memory file that does not exist is an error: reading never creates a store."""
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx
    from statementkit.app.outputs import output_target

    path = None if is_postgres_url(tm_path) else Path(tm_path or default_tm_path())
    target = output_target(tmx, "tmx", {"tmx": (".tmx",)}, default_dir=Path("."), stem="memory", default_fmt="tmx",
                           option="TMX", inputs={"the translation memory": path})
    if path is not None:
        existing_memory(path)
    with open_memory(tm_path) as memory:  # units go to the file one at a time (the writer streams)
        return write_tmx(target.destination, (TmxPair(*u) for u in memory.all_units()))


def existing_memory(path: Path) -> Path:
    """``path`` if a memory is there; TranslationStoreError otherwise (commands that only read a memory must
    not create one)."""
    if not path.is_file():
        raise TranslationStoreError("no translation memory here (a memory is created by 'tm import', "
                                    "'translate' or 'review import')", path=path)
    return path
