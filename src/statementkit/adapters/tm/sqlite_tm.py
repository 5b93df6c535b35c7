"""A translation memory in SQLite: exact and fuzzy look-up of earlier translations between en, zh and ru.

Why SQLite: one file in the user's data folder, safe when several processes write at once (WAL journal, a
busy timeout, every write in a ``BEGIN IMMEDIATE`` transaction), and queryable without loading it all.

Layout (format 2): ``segments`` holds each distinct source text once per language, with its length;
``units`` holds its translations (one row per source, target language and target text, with origin,
status and rank); ``segments_fts`` is an FTS5 index of the segments with the ``trigram`` tokenizer (SQLite
3.34+: works for Chinese and Cyrillic, no word splitting needed), kept in step by a trigger; ``imports``
records how far each TMX import got, so an interrupted import resumes (see :meth:`import_batches`).
A format-1 file (one ``units`` table with the source text in each row) is migrated in one transaction
when it is first opened; a file of a newer format is refused.

Fuzzy look-up: candidates come from the trigram index.  The query is cut into overlapping pieces
(:func:`~.common.pieces`: 9 characters every 5 in spaced scripts, 6 every 2 in Chinese), each looked up as the
AND of its disjoint trigrams; a piece found in at most :data:`~.common.POSTINGS_CAP` segments votes for each of
them (commoner pieces are skipped after reading that many postings; single trigrams vote when no piece does).
The :data:`~.common.CANDIDATES` segments with most votes, of the source language, with a translation into the
target language and a length that can reach the threshold, are re-ranked with rapidfuzz exactly as the full
scan (:meth:`lookup_fuzzy_scan`, kept for comparison) ranks.  Texts under :data:`~.common.SHORT_TEXT`
characters (12, or 6 in Chinese) are compared with every source of comparable length, held in memory
(:class:`_ShortSources`).  A source sharing no voting piece with the query, or outside the best candidates, is
not found: the price of not reading every unit (bench/memory.py measures both; a test compares them on 10,000
pairs).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from statementkit.adapters.tm.common import (
    CANDIDATES,
    POSTINGS_CAP,
    Candidate,
    ImportProgress,
    MemoryPair,
    TMMatch,
    is_short,
    length_bounds,
    most_voted,
    needs_trigram_votes,
    nfc,
    pieces,
    rank_of,
    rerank,
    scan,
    trigrams,
    write_batches,
)
from statementkit.errors import TranslationStoreError
from statementkit.model.translation import Origin, Status
from statementkit.services.translate.base import Scope

__all__ = ["SCHEMA_VERSION", "ImportProgress", "MemoryPair", "TMMatch", "TranslationMemory", "default_tm_path"]

SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 60.0  # how long a write waits for another process's write to finish
_APP_ID = 0x53544B54  # "STKT": marks the file as a statementkit memory

def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


# keeps the trigram index in step with ``segments``; dropped while a TMX is imported into an empty memory and
# the index then built in one pass (see :meth:`TranslationMemory.import_batches`)
_FTS_TRIGGER = """CREATE TRIGGER segments_to_fts AFTER INSERT ON segments BEGIN
        INSERT INTO segments_fts (rowid, text) VALUES (new.id, new.text);
    END"""

_SCHEMA: tuple[str, ...] = (
    """CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        length INTEGER NOT NULL,
        UNIQUE (lang, text))""",
    "CREATE INDEX segments_by_length ON segments (lang, length)",
    """CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES segments (id),
        tgt_lang TEXT NOT NULL,
        target TEXT NOT NULL,
        origin TEXT NOT NULL,
        status TEXT NOT NULL,
        rank INTEGER NOT NULL,
        updated REAL NOT NULL,
        UNIQUE (source_id, tgt_lang, target))""",
    "CREATE VIRTUAL TABLE segments_fts USING fts5 (text, content='segments', content_rowid='id', "
    "tokenize='trigram', detail='none')",
    "CREATE VIRTUAL TABLE segments_vocab USING fts5vocab (segments_fts, 'row')",
    _FTS_TRIGGER,
    """CREATE TABLE imports (
        key TEXT PRIMARY KEY,
        units_done INTEGER NOT NULL,
        pairs INTEGER NOT NULL,
        finished INTEGER NOT NULL,
        updated REAL NOT NULL)""",
)

# format 1 -> 2: sources move to ``segments`` (and the index); unit ids keep their order
_MIGRATE_1: tuple[str, ...] = (
    "ALTER TABLE units RENAME TO units_v1",
    "DROP INDEX IF EXISTS units_by_source",
    *_SCHEMA,
    "INSERT INTO segments (lang, text, length) "
    "SELECT src_lang, source, length(source) FROM units_v1 GROUP BY src_lang, source ORDER BY min(id)",
    "INSERT INTO units (source_id, tgt_lang, target, origin, status, rank, updated) "
    "SELECT s.id, v.tgt_lang, v.target, v.origin, v.status, v.rank, v.updated "
    "FROM units_v1 v JOIN segments s ON s.lang = v.src_lang AND s.text = v.source ORDER BY v.id",
    "DROP TABLE units_v1",
)

_UPSERT = (
    "INSERT INTO units (source_id, tgt_lang, target, origin, status, rank, updated) "
    "VALUES ((SELECT id FROM segments WHERE lang = ? AND text = ?), ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (source_id, tgt_lang, target) DO UPDATE SET "
    "origin = CASE WHEN excluded.rank >= units.rank THEN excluded.origin ELSE units.origin END, "
    "status = CASE WHEN excluded.rank >= units.rank THEN excluded.status ELSE units.status END, "
    "rank = max(excluded.rank, units.rank), updated = excluded.updated")
_NEW_SEGMENT = "INSERT OR IGNORE INTO segments (lang, text, length) VALUES (?, ?, ?)"
_BEST_FIRST = "ORDER BY u.rank DESC, u.updated DESC, u.id DESC"

# Added for issue 16 without a format change (older versions ignore it; created on first scoped write): where
# units came from.
_SCOPE_SCHEMA: tuple[str, ...] = (
    """CREATE TABLE IF NOT EXISTS unit_scope (
        unit INTEGER NOT NULL REFERENCES units (id) ON DELETE CASCADE,
        mechanism TEXT NOT NULL,
        statement TEXT NOT NULL,
        clause TEXT NOT NULL,
        UNIQUE (unit, statement, clause))""",
    "CREATE INDEX IF NOT EXISTS unit_scope_by_mechanism ON unit_scope (mechanism, unit)",
)
_UNIT_ID = ("SELECT u.id FROM units u JOIN segments s ON s.id = u.source_id "
            "WHERE s.lang = ? AND s.text = ? AND u.tgt_lang = ? AND u.target = ?")


# The longest source (characters) :class:`_ShortSources` holds: a text under 12 characters reaches sources up to
# 28 characters at a threshold of 60 (20 at the default 75), a Chinese one under 6 up to 13 (10); a lower
# threshold reads the file.
SHORT_SOURCES_MAX = {"zh": 16, "other": 32}


def short_sources_max(lang: str) -> int:
    return SHORT_SOURCES_MAX.get(lang, SHORT_SOURCES_MAX["other"])


class _ShortSources:
    """The sources of one language up to :func:`short_sources_max` characters, in memory by length, for the
    fuzzy look-up of short texts (compared with every source of comparable length: one edit can break all
    their trigrams).  Read once, then only the segments added since (by any process: SQLite writes one
    transaction at a time, so new segments always have larger ids; segments are never deleted).  At a million
    pairs the first short look-up of a language reads them in 0.1-0.2 s; each then takes about 4 ms CPU (p95)
    against 10-30 ms reading them from the file."""

    def __init__(self) -> None:
        self.last_id = 0
        self.by_length: dict[int, list[tuple[int, str]]] = {}

    def refresh(self, memory: TranslationMemory, lang: str) -> None:
        last = int(memory._query("SELECT coalesce(max(id), 0) FROM segments", ())[0][0])
        if last == self.last_id:
            return
        if self.last_id == 0:  # the first time through the (lang, length) index, then by id
            rows = memory._query("SELECT id, text, length FROM segments WHERE lang = ? AND length <= ? AND id <= ?",
                                 (lang, short_sources_max(lang), last))
        else:
            rows = memory._query("SELECT id, text, length FROM segments WHERE id > ? AND id <= ? AND +lang = ? "
                                 "AND +length <= ?", (self.last_id, last, lang, short_sources_max(lang)))
        for i, text, length in rows:
            self.by_length.setdefault(int(length), []).append((int(i), str(text)))
        self.last_id = last

    def between(self, lo: int, hi: int) -> list[tuple[int, str]]:
        return [row for n in range(lo, hi + 1) for row in self.by_length.get(n, ())]


def default_tm_path() -> Path:
    """``<user data dir>/statementkit/memory.sqlite`` (platformdirs; nothing is created here)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("statementkit")) / "memory.sqlite"


class TranslationMemory:
    """A SQLite translation memory; use as a context manager or call :meth:`close`.

    Errors: :class:`TranslationStoreError` (one line, with the path) when the file cannot be opened,
    is not a statementkit memory, is of a newer format, or cannot be read or written."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.label = str(self.path)
        self._short: dict[str, _ShortSources] = {}
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

    # ---- schema ------------------------------------------------------------------------------------
    def _version(self) -> tuple[int, int, int]:
        db = self._db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app_id != _APP_ID:
            raise TranslationStoreError("this SQLite file is not a statementkit translation memory",
                                        path=self.path)
        if app_id == _APP_ID and version > SCHEMA_VERSION:
            raise TranslationStoreError(f"translation memory format {version} is newer than this "
                                        f"statementkit understands ({SCHEMA_VERSION})", path=self.path)
        if tables and version < 1:
            raise TranslationStoreError(f"translation memory format {version} is unknown", path=self.path)
        return app_id, version, tables

    def _init_schema(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _, version, tables = self._version()
        if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at checkpoints, never corrupt
        db.execute("PRAGMA cache_size = -65536")  # 64 MB of pages: the trigram index is written in place
        if tables and version == SCHEMA_VERSION:
            self._index_all()
            return
        with self._write():
            _, version, tables = self._version()  # again, under the write lock: another process may have won
            if not tables:
                script = _SCHEMA
            elif version == 1:
                script = _MIGRATE_1
            else:
                return
            for stmt in script:
                db.execute(stmt)  # not executescript: it would commit the IMMEDIATE transaction
            db.execute(f"PRAGMA application_id = {_APP_ID}")
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # ---- transactions ------------------------------------------------------------------------------
    class _Tx:
        def __init__(self, db: sqlite3.Connection) -> None:
            self.db = db

        def __enter__(self) -> sqlite3.Connection:
            self.db.execute("BEGIN IMMEDIATE")
            return self.db

        def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                     tb: TracebackType | None) -> None:
            if exc_type is None:
                self.db.execute("COMMIT")
            elif self.db.in_transaction:
                self.db.execute("ROLLBACK")

    def _write(self) -> TranslationMemory._Tx:
        return TranslationMemory._Tx(self._db)

    # ---- context manager ---------------------------------------------------------------------------
    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ---- queries -----------------------------------------------------------------------------------
    def _query(self, sql: str, args: Sequence[object]) -> list[tuple[Any, ...]]:
        try:
            return list(self._db.execute(sql, args))
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"translation memory unreadable: {exc}", path=self.path) from None

    def lookup_exact(self, src_lang: str, tgt_lang: str, source: str) -> TMMatch | None:
        """The best translation of exactly this source text (NFC, outer white space ignored)."""
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status FROM segments s JOIN units u ON u.source_id = s.id "
            f"WHERE s.lang = ? AND s.text = ? AND u.tgt_lang = ? {_BEST_FIRST} LIMIT 1",
            (src_lang, nfc(source), tgt_lang))
        if not rows:
            return None
        src, tgt, origin, status = (str(x) for x in rows[0])
        return TMMatch(src, tgt, 100.0, Origin(origin), Status(status))

    def _candidates(self, where: str, args: Sequence[object], tgt_lang: str) -> list[Candidate]:
        """The best translation into ``tgt_lang`` of each segment selected by ``where`` (on ``s``)."""
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status, u.rank, u.updated, u.id FROM segments s "
            "JOIN units u ON u.id = (SELECT u2.id FROM units u2 WHERE u2.source_id = s.id AND u2.tgt_lang = ? "
            f"ORDER BY u2.rank DESC, u2.updated DESC, u2.id DESC LIMIT 1) WHERE {where}",
            (tgt_lang, *args))
        return [Candidate(a, b, Origin(c), Status(d), (int(e), float(f), int(g))) for a, b, c, d, e, f, g in rows]

    def lookup_fuzzy_scan(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                          limit: int = 3) -> list[TMMatch]:
        """Fuzzy look-up by reading every source of a length that can reach ``threshold`` (slow at scale;
        the reference the indexed :meth:`lookup_fuzzy` is measured against, and the way texts under
        :data:`~.common.SHORT_TEXT` characters (12, or 6 in Chinese) are matched)."""
        text = nfc(source)
        lo, hi = length_bounds(len(text), threshold)
        rows = self._query("SELECT id, text FROM segments WHERE lang = ? AND length BETWEEN ? AND ?",
                           (src_lang, lo, hi))
        return scan(text, rows, threshold, limit, self._fetcher(tgt_lang))

    def _fetcher(self, tgt_lang: str) -> Callable[[list[int]], list[Candidate]]:
        def fetch(ids: list[int]) -> list[Candidate]:
            return self._candidates(f"s.id IN ({','.join('?' * len(ids))})", ids, tgt_lang)

        return fetch

    def _lookup_short(self, src_lang: str, tgt_lang: str, text: str, threshold: float,
                      limit: int) -> list[TMMatch]:
        """The full scan of a short text, over the sources of comparable length held in memory
        (:class:`_ShortSources`) instead of read from the file each time: the same result as
        :meth:`lookup_fuzzy_scan`."""
        lo, hi = length_bounds(len(text), threshold)
        if hi > short_sources_max(src_lang):  # a low threshold reaches longer sources: read them
            return self.lookup_fuzzy_scan(src_lang, tgt_lang, text, threshold, limit)
        held = self._short.setdefault(src_lang, _ShortSources())
        held.refresh(self, src_lang)
        return scan(text, held.between(lo, hi), threshold, limit, self._fetcher(tgt_lang))

    def lookup_fuzzy(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                     limit: int = 3) -> list[TMMatch]:
        """Up to ``limit`` similar sources (rapidfuzz ratio >= threshold), best first, best target each;
        candidates from the trigram index (see the module's docstring)."""
        text = nfc(source)
        if is_short(text):  # one edit may break every trigram: the few short sources are compared
            return self._lookup_short(src_lang, tgt_lang, text, threshold, limit)
        ids = self._overlap(text)
        if not ids:
            return []
        lo, hi = length_bounds(len(text), threshold)
        marks = ",".join("?" * len(ids))
        kept = {int(r[0]) for r in self._query(
            f"SELECT s.id FROM segments s WHERE s.id IN ({marks}) AND +s.lang = ? AND +s.length BETWEEN ? AND ? "
            "AND EXISTS (SELECT 1 FROM units u WHERE u.source_id = s.id AND u.tgt_lang = ?)",
            (*ids, src_lang, lo, hi, tgt_lang))}
        best = [i for i in ids if i in kept][:CANDIDATES]
        if not best:
            return []
        marks = ",".join("?" * len(best))
        found = self._candidates(f"s.id IN ({marks})", best, tgt_lang)
        return rerank(text, found, threshold, limit)

    def _overlap(self, text: str) -> list[int]:
        """Segment ids sharing the most :func:`~.common.pieces` of ``text``, most first (at most four times
        :data:`~.common.CANDIDATES`).  A piece is looked up as the AND of its disjoint trigrams; pieces found
        in more than :data:`~.common.POSTINGS_CAP` segments are too common to vote (only that many postings
        are read).  When no piece votes, or the text is shorter than two pieces, single trigrams vote too."""
        votes = []
        for chunk in pieces(text):
            offsets = sorted({*range(0, len(chunk) - 2, 3), len(chunk) - 3})
            votes.append(self._postings(" AND ".join(_quote(chunk[i:i + 3]) for i in offsets)))
        if needs_trigram_votes(text) or not any(0 < len(v) <= POSTINGS_CAP for v in votes):
            votes += [self._postings(_quote(gram)) for gram in trigrams(text)]
        return most_voted(votes)

    def _postings(self, match: str) -> list[int]:
        """The segments an FTS5 query finds (at most one more than :data:`~.common.POSTINGS_CAP`)."""
        return [int(r[0]) for r in self._query("SELECT rowid FROM segments_fts WHERE segments_fts MATCH ? LIMIT ?",
                                               (match, POSTINGS_CAP + 1))]

    # ---- writes ------------------------------------------------------------------------------------
    @staticmethod
    def _rows(pairs: Iterable[MemoryPair], now: float) -> tuple[list[tuple[str, str, int]], list[tuple[object, ...]]]:
        segments: dict[tuple[str, str], None] = {}
        units: list[tuple[object, ...]] = []
        for p in pairs:
            src, tgt = nfc(p.source), nfc(p.target)
            if not src or not tgt:
                continue
            origin, status = Origin(p.origin), Status(p.status)
            segments.setdefault((p.src_lang, src), None)
            units.append((p.src_lang, src, p.tgt_lang, tgt, origin.value, status.value, rank_of(origin, status),
                          now))
        return [(lang, text, len(text)) for lang, text in segments], units

    def _write_rows(self, db: sqlite3.Connection, pairs: Iterable[MemoryPair]) -> int:
        segments, units = self._rows(pairs, time.time())
        db.executemany(_NEW_SEGMENT, segments)
        db.executemany(_UPSERT, units)
        return len(units)

    def add(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
            status: Status) -> None:
        """Store a translation; the same pair again keeps the better of the two origins/statuses."""
        self.add_many([MemoryPair(src_lang, tgt_lang, source, target, Origin(origin), Status(status))])

    def add_many(self, pairs: Iterable[MemoryPair]) -> int:
        """Store many translations in one transaction (all or none); returns how many were written."""
        try:
            with self._write() as db:
                return self._write_rows(db, pairs)
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def import_batches(self, items: Iterable[Sequence[MemoryPair]], key: str, batch: int = 1000,
                       progress: Callable[[int], None] | None = None) -> ImportProgress:
        """A resumable bulk import: ``items`` (e.g. the pairs of each TMX ``tu``, in file order) are written
        ``batch`` items per transaction, each transaction also recording in ``imports`` how many items of
        ``key`` (e.g. the file's SHA-256) are done.  If a run is killed, the memory holds whole batches only,
        and the next run of the same ``key`` skips the items already committed and goes on from there
        (``resumed_from``).  A finished import run again is written again (the same pairs change nothing
        but their time stamp).  Other processes may read and write between batches.  Into an empty memory
        the trigram index is built once at the end (fuzzy look-ups of other processes find the new segments
        only then; a killed run's segments are indexed when the memory is next opened)."""
        done_before = self._resume_point(key)
        bulk = self._bulk_start()
        if not bulk:
            self._index_all()  # an earlier bulk import in this process may have stopped half-way
        done = write_batches(items, done_before, batch,
                             lambda pairs, count, finished: self._commit_batch(pairs, key, count, finished=finished),
                             progress)
        if bulk:
            self._index_all()
        return done

    def _bulk_start(self) -> bool:
        """When the memory holds no segment: drop the trigger that indexes each new segment (the trigram index
        is built in one pass by :meth:`_index_all` at the end: 9 s of 52 s CPU at a million pairs).  True
        when it did."""
        try:
            with self._write() as db:
                if db.execute("SELECT EXISTS (SELECT 1 FROM segments)").fetchone()[0]:
                    return False
                db.execute("DROP TRIGGER IF EXISTS segments_to_fts")
                return True
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def _index_all(self) -> None:
        """If the trigger that indexes new segments is missing (a bulk import is under way, or was killed):
        build the trigram index from all segments and put the trigger back, in one transaction.  Called on
        every open, so a killed bulk import leaves a memory that is whole when it is next opened; another
        process's bulk import still running then goes on with the trigger in place (and its own final call
        finds nothing to do)."""
        has = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'segments_to_fts'"
        if self._db.execute(has).fetchone()[0]:
            return
        try:
            with self._write() as db:
                if not db.execute(has).fetchone()[0]:
                    db.execute("INSERT INTO segments_fts (segments_fts) VALUES ('rebuild')")
                    db.execute(_FTS_TRIGGER)
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def _resume_point(self, key: str) -> int:
        rows = self._query("SELECT units_done, finished FROM imports WHERE key = ?", (key,))
        return int(rows[0][0]) if rows and not rows[0][1] else 0

    def _commit_batch(self, pairs: list[MemoryPair], key: str, count: int, finished: bool) -> int:
        try:
            with self._write() as db:
                n = self._write_rows(db, pairs)
                db.execute("INSERT INTO imports (key, units_done, pairs, finished, updated) VALUES (?, ?, ?, ?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET units_done = excluded.units_done, "
                           "pairs = CASE WHEN imports.finished THEN excluded.pairs ELSE imports.pairs + excluded.pairs END, "
                           "finished = excluded.finished, updated = excluded.updated",
                           (key, count, n, int(finished), time.time()))
                return n
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    # ---- export and counts ---------------------------------------------------------------------------
    # ---- scope (issue 16) ----------------------------------------------------------------------------
    def _has_scopes(self) -> bool:
        return bool(self._query("SELECT count(*) FROM sqlite_master WHERE name = 'unit_scope'", ())[0][0])

    def lookup_exact_scoped(self, src_lang: str, tgt_lang: str, source: str, mechanism: str) -> TMMatch | None:
        """:meth:`lookup_exact`, but among equally ranked translations one recorded for ``mechanism`` first."""
        if not self._has_scopes():
            return self.lookup_exact(src_lang, tgt_lang, source)
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status FROM segments s JOIN units u ON u.source_id = s.id "
            "WHERE s.lang = ? AND s.text = ? AND u.tgt_lang = ? ORDER BY u.rank DESC, "
            "EXISTS (SELECT 1 FROM unit_scope c WHERE c.unit = u.id AND c.mechanism = ?) DESC, "
            "u.updated DESC, u.id DESC LIMIT 1", (src_lang, nfc(source), tgt_lang, mechanism))
        if not rows:
            return None
        src, tgt, origin, status = (str(x) for x in rows[0])
        return TMMatch(src, tgt, 100.0, Origin(origin), Status(status))

    def add_scoped(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
                   status: Status, scope: Scope) -> None:
        """:meth:`add`, recording the mechanism, statement and clause the pair came from (one transaction)."""
        self.add_many_scoped([(MemoryPair(src_lang, tgt_lang, source, target, origin, status), scope)])

    def add_many_scoped(self, items: Iterable[tuple[MemoryPair, Scope | None]]) -> int:
        """:meth:`add_many`, recording for each pair with a scope the mechanism, statement and clause it came
        from; one transaction (all or none).  Returns how many pairs were written."""
        items = list(items)
        scoped = [(p, s) for p, s in items if s is not None and nfc(p.source) and nfc(p.target)]
        try:
            with self._write() as db:
                n = self._write_rows(db, [p for p, _ in items])
                if scoped:
                    for stmt in _SCOPE_SCHEMA:
                        db.execute(stmt)
                    db.executemany(f"INSERT OR IGNORE INTO unit_scope (unit, mechanism, statement, clause) "
                                   f"SELECT id, ?, ?, ? FROM ({_UNIT_ID})",
                                   [(s.mechanism, s.statement, s.clause, p.src_lang, nfc(p.source), p.tgt_lang,
                                     nfc(p.target)) for p, s in scoped])
                return n
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def scopes(self, src_lang: str, tgt_lang: str, source: str) -> list[tuple[str, str, str, str]]:
        """(target, mechanism, statement, clause) recorded for the units of this source."""
        if not self._has_scopes():
            return []
        rows = self._query("SELECT u.target, c.mechanism, c.statement, c.clause FROM segments s "
                           "JOIN units u ON u.source_id = s.id JOIN unit_scope c ON c.unit = u.id "
                           "WHERE s.lang = ? AND s.text = ? AND u.tgt_lang = ? ORDER BY c.statement, c.clause",
                           (src_lang, nfc(source), tgt_lang))
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    # ---- hygiene (issue 16) --------------------------------------------------------------------------
    def stats(self) -> list[tuple[str, str, Origin, Status, int]]:
        """Units per (src_lang, tgt_lang, origin, status), as (src_lang, tgt_lang, origin, status, count)."""
        rows = self._query("SELECT s.lang, u.tgt_lang, u.origin, u.status, count(*) FROM units u "
                           "JOIN segments s ON s.id = u.source_id GROUP BY s.lang, u.tgt_lang, u.origin, u.status "
                           "ORDER BY s.lang, u.tgt_lang, u.origin, u.status", ())
        return [(str(a), str(b), Origin(str(c)), Status(str(d)), int(n)) for a, b, c, d, n in rows]

    def delete(self, *, origin: Origin | None = None, status: Status | None = None) -> int:
        """Remove the units of that origin and/or status (at least one must be given); return how many."""
        if origin is None and status is None:
            raise ValueError("delete needs an origin or a status")
        conds = [(c, v) for c, v in (("origin = ?", Origin(origin).value if origin else None),
                                     ("status = ?", Status(status).value if status else None)) if v is not None]
        where = " AND ".join(c for c, _ in conds)
        args = tuple(v for _, v in conds)
        try:
            with self._write() as db:
                if self._has_scopes():
                    db.execute(f"DELETE FROM unit_scope WHERE unit IN (SELECT id FROM units WHERE {where})", args)
                return int(db.execute(f"DELETE FROM units WHERE {where}", args).rowcount)
        except sqlite3.DatabaseError as exc:
            raise TranslationStoreError(f"cannot write to the translation memory: {exc}", path=self.path) from None

    def all_units(self) -> list[tuple[str, str, str, str, Origin, Status]]:
        """Every stored unit as (src_lang, tgt_lang, source, target, origin, status), for export."""
        rows = self._query("SELECT s.lang, u.tgt_lang, s.text, u.target, u.origin, u.status FROM units u "
                           "JOIN segments s ON s.id = u.source_id ORDER BY s.lang, u.tgt_lang, s.text, "
                           "u.rank DESC, u.id", ())
        return [(str(a), str(b), str(c), str(d), Origin(str(e)), Status(str(f))) for a, b, c, d, e, f in rows]

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` and FTS5's own check: ``"ok"`` or the problems found."""
        problems = [str(r[0]) for r in self._query("PRAGMA integrity_check", ())]
        try:
            self._db.execute("INSERT INTO segments_fts (segments_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"trigram index: {exc}")
        return "ok" if problems == ["ok"] else "; ".join(problems)

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM units", ())[0][0])
