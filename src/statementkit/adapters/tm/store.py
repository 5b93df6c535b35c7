"""Open the translation memory a ``--tm`` value names: a ``postgresql://`` URL (team memory on PostgreSQL)
or a SQLite file path (the default, in the user data folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statementkit.adapters.tm.pg_tm import PostgresMemory
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory


def is_postgres_url(location: str | Path | None) -> bool:
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://"))


def open_memory(location: str | Path | None) -> TranslationMemory | PostgresMemory:
    """The memory at ``location`` (None: the default SQLite file).  Errors: TranslationStoreError."""
    if is_postgres_url(location):
        from statementkit.adapters.tm.pg_tm import PostgresMemory

        return PostgresMemory(str(location))
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path

    return TranslationMemory(Path(location) if location else default_tm_path())
