"""A translation memory in SQLite: exact and fuzzy look-up of earlier translations between en, zh and ru.

Why SQLite: one file in the user's data folder, safe when two processes write at once (WAL journal, a busy
timeout, every write in its own ``BEGIN IMMEDIATE`` transaction), and queryable without loading it all.

Ranking: an approved human translation always wins; then higher origin (human > template > memory >
machine), then higher status (approved > reviewed > draft), then the most recent.  Fuzzy matches
(rapidfuzz) are suggestions only: callers must never apply them silently.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from statementkit.errors import TranslationStoreError
from statementkit.model.translation import Origin, Status

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0  # how long a write waits for another process's write to finish
_APP_ID = 0x53544B54  # "STKT": marks the file as a statementkit memory

_ORIGIN_RANK = {Origin.MACHINE: 0, Origin.MEMORY: 1, Origin.TEMPLATE: 2, Origin.HUMAN: 3}
_STATUS_RANK = {Status.DRAFT: 0, Status.REVIEWED: 1, Status.APPROVED: 2}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    rank INTEGER NOT NULL,
    updated REAL NOT NULL,
    UNIQUE (src_lang, tgt_lang, source, target)
);
CREATE INDEX IF NOT EXISTS units_by_source ON units (src_lang, tgt_lang, source);
"""


def default_tm_path() -> Path:
    """``<user data dir>/statementkit/memory.sqlite`` (platformdirs; nothing is created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("statementkit")) / "memory.sqlite"


@dataclass(frozen=True)
class TMMatch:
    source: str
    target: str
    score: float  # 100.0 for an exact match
    origin: Origin
    status: Status


def _rank(origin: Origin, status: Status) -> int:
    """One sortable number: approved human first, then origin, then status."""
    approved_human = origin is Origin.HUMAN and status is Status.APPROVED
    return (100 if approved_human else 0) + _ORIGIN_RANK[origin] * 10 + _STATUS_RANK[status]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


class TranslationMemory:
    """A SQLite translation memory; use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_file():
            raise TranslationStoreError("translation memory is not a file", path=self.path)
        if not self.path.parent.exists():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise TranslationStoreError(f"cannot create the translation memory's folder: {exc.strerror}",
                                            path=self.path) from None
        created = not self.path.exists()
        try:
            self._db = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            self._forget_created(created)
            raise TranslationStoreError(f"cannot open translation memory: {exc}", path=self.path) from None
        try:
            self._init_schema()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            self._forget_created(created)
            raise TranslationStoreError(f"not a usable translation memory ({exc})", path=self.path) from None
        except BaseException:
            self._db.close()
            self._forget_created(created)
            raise

    def _forget_created(self, created: bool) -> None:
        """Remove the file this call created when it could not be made a memory (a full disk leaves it empty
        or a bare header page); a file that was there before, or that another process has meanwhile made a
        memory (its header carries our application id, bytes 68-71), is kept."""
        if not created:
            return
        with contextlib.suppress(OSError):
            with open(self.path, "rb") as fh:
                header = fh.read(100)
            if len(header) < 72 or int.from_bytes(header[68:72], "big") != _APP_ID:
                self.path.unlink()
                for suffix in ("-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)

    def _init_schema(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APP_ID:
            raise TranslationStoreError("this SQLite file is not a statementkit translation memory",
                                        path=self.path)
        if app_id == _APP_ID and version > SCHEMA_VERSION:
            raise TranslationStoreError(f"translation memory format {version} is newer than this "
                                        f"statementkit understands ({SCHEMA_VERSION})", path=self.path)
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        if not tables:
            db.execute("BEGIN IMMEDIATE")
            try:
                for stmt in filter(None, (x.strip() for x in _SCHEMA.split(";"))):
                    db.execute(stmt)  # not executescript: it would commit the IMMEDIATE transaction
                db.execute(f"PRAGMA application_id = {_APP_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            if db.in_transaction:
                db.execute("COMMIT")

    # ---- context manager ---------------------------------------------------------------------------
    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ---- queries -----------------------------------------------------------------------------------
    def _query(self, sql: str, args: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return list(self._db.execute(sql, args))
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"translation memory unreadable: {exc}", path=self.path) from None

    @staticmethod
    def _match(row: tuple[object, ...], score: float) -> TMMatch:
        source, target, origin, status = (str(x) for x in row[:4])
        return TMMatch(source, target, score, Origin(origin), Status(status))

    def lookup_exact(self, src_lang: str, tgt_lang: str, source: str) -> TMMatch | None:
        """The best translation of exactly this source text (NFC, outer white space ignored)."""
        rows = self._query(
            "SELECT source, target, origin, status FROM units WHERE src_lang = ? AND tgt_lang = ? AND source = ? "
            "ORDER BY rank DESC, updated DESC, id DESC LIMIT 1", (src_lang, tgt_lang, _nfc(source)))
        return self._match(rows[0], 100.0) if rows else None

    def lookup_fuzzy(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                     limit: int = 3) -> list[TMMatch]:
        """Up to ``limit`` similar sources (rapidfuzz ratio >= threshold), best first, best target each."""
        from rapidfuzz import fuzz, process

        text = _nfc(source)
        lo, hi = int(len(text) * 0.5), int(len(text) * 2) + 1  # a ratio >= 67 needs comparable lengths
        rows = self._query(
            "SELECT source, target, origin, status FROM units WHERE src_lang = ? AND tgt_lang = ? "
            "AND length(source) BETWEEN ? AND ? ORDER BY rank DESC, updated DESC, id DESC",
            (src_lang, tgt_lang, lo, hi))
        best: dict[str, tuple[object, ...]] = {}
        for row in rows:  # rows come best-ranked first: keep the first target seen per source
            best.setdefault(str(row[0]), row)
        found = process.extract(text, list(best), scorer=fuzz.ratio, score_cutoff=threshold,
                                limit=limit)
        return [self._match(best[choice], float(score)) for choice, score, _ in found]

    def add(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
            status: Status) -> None:
        """Store a translation; the same pair again keeps the better of the two origins/statuses."""
        self.add_many(src_lang, tgt_lang, [(source, target, origin, status)])

    def add_many(self, src_lang: str, tgt_lang: str, units: Sequence[tuple[str, str, Origin, Status]]) -> int:
        """Store (source, target, origin, status) units in one transaction: all of them or, on any error
        (locked past the busy timeout, read-only, disk full), none.  Returns how many were stored (empty
        texts are skipped).  Raises :class:`TranslationStoreError`."""
        rows = []
        now = time.time()
        for source, target, origin, status in units:
            src, tgt = _nfc(source), _nfc(target)
            if src and tgt:
                rows.append((src_lang, tgt_lang, src, tgt, Origin(origin).value, Status(status).value,
                             _rank(Origin(origin), Status(status)), now))
        if not rows:
            return 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT INTO units (src_lang, tgt_lang, source, target, origin, status, rank, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (src_lang, tgt_lang, source, target) DO UPDATE SET "
                    "origin = CASE WHEN excluded.rank >= units.rank THEN excluded.origin ELSE units.origin END, "
                    "status = CASE WHEN excluded.rank >= units.rank THEN excluded.status ELSE units.status END, "
                    "rank = max(excluded.rank, units.rank), updated = excluded.updated", rows)
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None
        return len(rows)

    def all_units(self) -> list[tuple[str, str, str, str, Origin, Status]]:
        """Every stored unit as (src_lang, tgt_lang, source, target, origin, status), for export."""
        rows = self._query("SELECT src_lang, tgt_lang, source, target, origin, status FROM units "
                           "ORDER BY src_lang, tgt_lang, source, rank DESC, id", ())
        return [(str(a), str(b), str(c), str(d), Origin(str(e)), Status(str(f))) for a, b, c, d, e, f in rows]

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM units", ())[0][0])  # type: ignore[call-overload]
