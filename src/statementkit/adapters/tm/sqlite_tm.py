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
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from statementkit.errors import TranslationStoreError
from statementkit.model.translation import Origin, Status
from statementkit.services.translate.base import Scope

SCHEMA_VERSION = 1
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
# Added for issue 16 without a format change (older statementkit versions ignore it): where units came from.
_SCOPE_SCHEMA = """
CREATE TABLE IF NOT EXISTS unit_scope (
    unit INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
    mechanism TEXT NOT NULL,
    statement TEXT NOT NULL,
    clause TEXT NOT NULL,
    UNIQUE (unit, statement, clause)
);
CREATE INDEX IF NOT EXISTS unit_scope_by_mechanism ON unit_scope (mechanism, unit)
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
            self._db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None)
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
        db.execute("PRAGMA busy_timeout = 30000")
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
                for stmt in filter(None, (x.strip() for x in (_SCHEMA + ";" + _SCOPE_SCHEMA).split(";"))):
                    db.execute(stmt)  # not executescript: it would commit the IMMEDIATE transaction
                db.execute(f"PRAGMA application_id = {_APP_ID}")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            if db.in_transaction:
                db.execute("COMMIT")

    def _ensure_scope_table(self) -> None:
        """The scope table, created on first use in a memory made before it existed."""
        if self._query("SELECT count(*) FROM sqlite_master WHERE name = 'unit_scope'", ())[0][0]:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for stmt in filter(None, (x.strip() for x in _SCOPE_SCHEMA.split(";"))):
                self._db.execute(stmt)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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

    def lookup_exact_scoped(self, src_lang: str, tgt_lang: str, source: str, mechanism: str) -> TMMatch | None:
        """:meth:`lookup_exact`, but among equally ranked translations one recorded for ``mechanism`` first."""
        self._ensure_scope_table()
        rows = self._query(
            "SELECT source, target, origin, status FROM units WHERE src_lang = ? AND tgt_lang = ? AND source = ? "
            "ORDER BY rank DESC, EXISTS (SELECT 1 FROM unit_scope s WHERE s.unit = units.id AND s.mechanism = ?) "
            "DESC, updated DESC, id DESC LIMIT 1", (src_lang, tgt_lang, _nfc(source), mechanism))
        return self._match(rows[0], 100.0) if rows else None

    def add_scoped(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
                   status: Status, scope: Scope) -> None:
        """:meth:`add`, recording the statement, clause and mechanism the pair came from."""
        self._ensure_scope_table()
        self.add(src_lang, tgt_lang, source, target, origin=origin, status=status, scope=scope)

    def scopes(self, src_lang: str, tgt_lang: str, source: str) -> list[tuple[str, str, str, str]]:
        """(target, mechanism, statement, clause) recorded for the units of this source."""
        self._ensure_scope_table()
        rows = self._query("SELECT u.target, s.mechanism, s.statement, s.clause FROM units u JOIN unit_scope s "
                           "ON s.unit = u.id WHERE u.src_lang = ? AND u.tgt_lang = ? AND u.source = ? "
                           "ORDER BY s.statement, s.clause", (src_lang, tgt_lang, _nfc(source)))
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def add(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
            status: Status, scope: Scope | None = None) -> None:
        """Store a translation; the same pair again keeps the better of the two origins/statuses."""
        src, tgt = _nfc(source), _nfc(target)
        if not src or not tgt:
            return
        rank = _rank(Origin(origin), Status(status))
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    "INSERT INTO units (src_lang, tgt_lang, source, target, origin, status, rank, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (src_lang, tgt_lang, source, target) DO UPDATE SET "
                    "origin = CASE WHEN excluded.rank >= units.rank THEN excluded.origin ELSE units.origin END, "
                    "status = CASE WHEN excluded.rank >= units.rank THEN excluded.status ELSE units.status END, "
                    "rank = max(excluded.rank, units.rank), updated = excluded.updated",
                    (src_lang, tgt_lang, src, tgt, Origin(origin).value, Status(status).value, rank,
                     time.time()))
                if scope is not None:
                    self._db.execute(
                        "INSERT OR IGNORE INTO unit_scope (unit, mechanism, statement, clause) SELECT id, ?, ?, ? "
                        "FROM units WHERE src_lang = ? AND tgt_lang = ? AND source = ? AND target = ?",
                        (scope.mechanism, scope.statement, scope.clause, src_lang, tgt_lang, src, tgt))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def stats(self) -> list[tuple[str, str, Origin, Status, int]]:
        """Units per (src_lang, tgt_lang, origin, status), as (src_lang, tgt_lang, origin, status, count)."""
        rows = self._query("SELECT src_lang, tgt_lang, origin, status, count(*) FROM units "
                           "GROUP BY src_lang, tgt_lang, origin, status ORDER BY src_lang, tgt_lang, origin, status", ())
        return [(str(a), str(b), Origin(str(c)), Status(str(d)), int(str(n))) for a, b, c, d, n in rows]

    def delete(self, *, origin: Origin | None = None, status: Status | None = None) -> int:
        """Remove the units of that origin and/or status (at least one must be given); return how many."""
        if origin is None and status is None:
            raise ValueError("delete needs an origin or a status")
        where = " AND ".join(c for c, v in (("origin = ?", origin), ("status = ?", status)) if v is not None)
        args = tuple(Origin(origin).value if k == 0 else Status(status).value  # type: ignore[arg-type]
                     for k, v in enumerate((origin, status)) if v is not None)
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._query("SELECT count(*) FROM sqlite_master WHERE name = 'unit_scope'", ())[0][0]:
                    self._db.execute(f"DELETE FROM unit_scope WHERE unit IN (SELECT id FROM units WHERE {where})",
                                     args)
                n = self._db.execute(f"DELETE FROM units WHERE {where}", args).rowcount
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None
        return int(n)

    def all_units(self) -> list[tuple[str, str, str, str, Origin, Status]]:
        """Every stored unit as (src_lang, tgt_lang, source, target, origin, status), for export."""
        rows = self._query("SELECT src_lang, tgt_lang, source, target, origin, status FROM units "
                           "ORDER BY src_lang, tgt_lang, source, rank DESC, id", ())
        return [(str(a), str(b), str(c), str(d), Origin(str(e)), Status(str(f))) for a, b, c, d, e, f in rows]

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM units", ())[0][0])  # type: ignore[call-overload]
