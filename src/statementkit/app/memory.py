"""The translation memory: open it (a SQLite file or a PostgreSQL team memory), import and export TMX 1.4b."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.app.outputs import refuse_overwrite
from statementkit.errors import TranslationStoreError

if TYPE_CHECKING:
    from statementkit.adapters.tm.pg_tm import PostgresMemory
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

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

    @property
    def skipped_tuv(self) -> list[str]:
        """The ``tuv`` skipped, in words (empty when none were)."""
        out = [f"{self.traditional} Traditional Chinese variant(s) (zh-TW, zh-HK, zh-MO, zh-Hant: never taken "
               "as zh)"] * bool(self.traditional)
        return out + [f"{n} in {tag}" for tag, n in self.other_languages.items()]


def import_tmx(tmx: Path, tm_path: MemoryLocation | None = None, status: str = "reviewed") -> TmxImport:
    """Add the pairs of a TMX file to the memory at ``tm_path`` (default: the user's).  Units without an
    origin or status property count as human translations of ``status`` (draft, reviewed, approved).

    The whole file is read and checked (streaming, constant memory) before the memory is opened; then the
    pairs are written in batches, each its own transaction: resumable, not one transaction -- an interrupted
    import leaves whole batches, and the same import run again skips them and writes the rest
    (adapters/tm/tmx_import.py)."""
    from statementkit.adapters.files import named_input
    from statementkit.adapters.tm.sqlite_tm import default_tm_path
    from statementkit.adapters.tm.tmx_import import check_tmx, import_checked
    from statementkit.model.translation import Status

    if not is_postgres_url(tm_path):
        refuse_overwrite([Path(tm_path or default_tm_path())], {"the TMX file": tmx})
    with named_input(tmx, ".tmx") as path:  # - : standard input, spooled (the file is read twice)
        checked = check_tmx(path)
        with open_memory(tm_path) as memory:
            done = import_checked(checked, memory, Status(status))
    return TmxImport(done.pairs, done.skipped, done.units, done.resumed_from, checked.traditional,
                     checked.other_languages)


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
    with open_memory(tm_path) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    return write_tmx(target.destination, pairs)


def existing_memory(path: Path) -> Path:
    """``path`` if a memory is there; TranslationStoreError otherwise (commands that only read a memory must
    not create one)."""
    if not path.is_file():
        raise TranslationStoreError("no translation memory here (a memory is created by 'tm import', "
                                    "'translate' or 'review import')", path=path)
    return path
