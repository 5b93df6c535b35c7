"""A team translation memory in PostgreSQL (psycopg 3, pg_trgm), behind the same interface as the SQLite
memory (:class:`~statementkit.adapters.tm.sqlite_tm.TranslationMemory`): ``--tm postgresql://…``.

Layout: the same ``segments``/``units``/``imports`` tables as SQLite format 2, in the schema
``statementkit`` (format recorded in ``statementkit.meta``; a newer format is refused); uniqueness on an
MD5 of long texts (a B-tree entry is limited to about 2.7 kB); a GIN ``gin_trgm_ops`` index on the segments
for fuzzy candidates.

Several machines may write at once: every write is one transaction of ``INSERT … ON CONFLICT`` statements
whose rows are sorted by key (so two writers never wait on each other in opposite orders), retried a few
times on a deadlock or serialization failure.

Fuzzy look-up: candidates are the segments of the language most similar by pg_trgm (``text % query``
with ``pg_trgm.similarity_threshold`` at :data:`TRGM_THRESHOLD`, ordered by similarity), of lengths that can
reach the threshold, the best :data:`~.common.CANDIDATES` with a translation into the target language
re-ranked with rapidfuzz as in SQLite.  A source under that trigram similarity is not found even when its
rapidfuzz ratio passes (bench/memory.py counts how often the result differs from the full scan).  Chinese: pg_trgm makes
trigrams of "words" of letters, so the database's LC_CTYPE must class Han characters as letters (any UTF-8
locale, e.g. C.UTF-8; checked when the memory is opened); a short Chinese text is one word padded with
blanks, so "双方" still has three trigrams; but one edit in a short text can leave no trigram in common
(双方均同意 / 双方同意 share only the padded ones), so texts under :data:`~.common.SHORT_TEXT` characters (12, or 6 in Chinese)
are matched by a scan of the sources of comparable length, as in SQLite.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

from statementkit.adapters.tm.common import (
    CANDIDATES,
    Candidate,
    ImportProgress,
    MemoryPair,
    TMMatch,
    is_short,
    length_bounds,
    nfc,
    rank_of,
    rerank,
    scan,
)
from statementkit.errors import TranslationStoreError
from statementkit.model.translation import Origin, Status
from statementkit.services.translate.base import Scope

PG_FORMAT = 1
# pg_trgm similarity a candidate needs: spaced scripts (en, ru), and Chinese, where one changed character
# removes three of a text's few trigrams (an edited sentence keeps ~0.45; 0.5 lost a third of them).  Lower
# thresholds let thousands of rows through the index to be sorted (0.3: over 400 ms at 60,000 pairs).
TRGM_THRESHOLD = {"spaced": 0.5, "unspaced": 0.4, "unspaced-short": 0.15}


def trgm_threshold(text: str) -> float:
    """The pg_trgm similarity threshold for a query: a short Chinese text (under 12 characters) loses most of
    its few trigrams to two or three changed characters, so it gets a lower one (its candidates stay few:
    the index prunes rows sharing few of the query's trigrams)."""
    if " " in text:
        return TRGM_THRESHOLD["spaced"]
    return TRGM_THRESHOLD["unspaced-short" if len(text) < 12 else "unspaced"]

_RETRIES = 5

_SCHEMA = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE SCHEMA IF NOT EXISTS statementkit",
    "CREATE TABLE statementkit.meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE statementkit.segments (
        id BIGSERIAL PRIMARY KEY,
        lang TEXT NOT NULL,
        text TEXT NOT NULL,
        length INTEGER NOT NULL,
        digest TEXT GENERATED ALWAYS AS (md5(text)) STORED,
        UNIQUE (lang, digest))""",
    "CREATE INDEX segments_by_length ON statementkit.segments (lang, length)",
    "CREATE INDEX segments_trgm ON statementkit.segments USING gin (text gin_trgm_ops)",
    """CREATE TABLE statementkit.units (
        id BIGSERIAL PRIMARY KEY,
        source_id BIGINT NOT NULL REFERENCES statementkit.segments (id),
        tgt_lang TEXT NOT NULL,
        target TEXT NOT NULL,
        origin TEXT NOT NULL,
        status TEXT NOT NULL,
        rank INTEGER NOT NULL,
        updated DOUBLE PRECISION NOT NULL,
        tdigest TEXT GENERATED ALWAYS AS (md5(target)) STORED,
        UNIQUE (source_id, tgt_lang, tdigest))""",
    """CREATE TABLE statementkit.imports (
        key TEXT PRIMARY KEY,
        units_done BIGINT NOT NULL,
        pairs BIGINT NOT NULL,
        finished BOOLEAN NOT NULL,
        updated DOUBLE PRECISION NOT NULL)""",
    f"INSERT INTO statementkit.meta VALUES ('format', '{PG_FORMAT}')",
)

_STAGE = ("CREATE TEMPORARY TABLE IF NOT EXISTS stk_stage (lang TEXT, text TEXT, tgt_lang TEXT, target TEXT, "
          "origin TEXT, status TEXT, rank INTEGER, updated DOUBLE PRECISION) ON COMMIT DELETE ROWS")
_NEW_SEGMENTS = ("INSERT INTO statementkit.segments (lang, text, length) "
                 "SELECT DISTINCT lang, text, length(text) FROM stk_stage ORDER BY 1, 2 ON CONFLICT DO NOTHING")
_UPSERT = (
    "INSERT INTO statementkit.units AS u (source_id, tgt_lang, target, origin, status, rank, updated) "
    "SELECT DISTINCT ON (s.id, st.tgt_lang, md5(st.target)) s.id, st.tgt_lang, st.target, st.origin, st.status, "
    "st.rank, st.updated FROM stk_stage st JOIN statementkit.segments s "
    "ON s.lang = st.lang AND s.digest = md5(st.text) AND s.text = st.text "
    "ORDER BY s.id, st.tgt_lang, md5(st.target), st.rank DESC "
    "ON CONFLICT (source_id, tgt_lang, tdigest) DO UPDATE SET "
    "origin = CASE WHEN excluded.rank >= u.rank THEN excluded.origin ELSE u.origin END, "
    "status = CASE WHEN excluded.rank >= u.rank THEN excluded.status ELSE u.status END, "
    "rank = greatest(excluded.rank, u.rank), updated = excluded.updated")


# Added for issue 16 without a format change (created on the first scoped write, as in SQLite): where units
# came from (mechanism, statement ``mechanism#ordinal``, clause).
_SCOPE_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS statementkit.unit_scope (
        unit BIGINT NOT NULL REFERENCES statementkit.units (id) ON DELETE CASCADE,
        mechanism TEXT NOT NULL,
        statement TEXT NOT NULL,
        clause TEXT NOT NULL,
        UNIQUE (unit, statement, clause))""",
    "CREATE INDEX IF NOT EXISTS unit_scope_by_mechanism ON statementkit.unit_scope (mechanism, unit)",
)
_SCOPE_STAGE = ("CREATE TEMPORARY TABLE IF NOT EXISTS stk_scope_stage (lang TEXT, text TEXT, tgt_lang TEXT, "
                "target TEXT, mechanism TEXT, statement TEXT, clause TEXT) ON COMMIT DELETE ROWS")
_SCOPE_INSERT = (
    "INSERT INTO statementkit.unit_scope (unit, mechanism, statement, clause) "
    "SELECT DISTINCT u.id, st.mechanism, st.statement, st.clause FROM stk_scope_stage st "
    "JOIN statementkit.segments s ON s.lang = st.lang AND s.digest = md5(st.text) AND s.text = st.text "
    "JOIN statementkit.units u ON u.source_id = s.id AND u.tgt_lang = st.tgt_lang "
    "AND u.tdigest = md5(st.target) AND u.target = st.target ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING")


def _redact(url: str) -> str:
    """The URL without a password (for messages and provenance)."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}@{host}" if parts.username else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresMemory:
    """A translation memory in a PostgreSQL database; use as a context manager or call :meth:`close`.

    Errors: :class:`TranslationStoreError` (one line, the URL without its password) when the server
    cannot be reached, the database is of a newer format or lacks pg_trgm, or a read or write fails."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.label = _redact(url)
        try:
            import psycopg
        except ImportError:
            raise TranslationStoreError("a PostgreSQL memory needs psycopg: pip install 'statementkit[postgresql]'",
                                        path=self.label) from None
        try:
            self._db: Any = psycopg.connect(url, autocommit=True, connect_timeout=15)
        except psycopg.Error as exc:
            raise self._error("cannot connect to the PostgreSQL translation memory", exc) from None
        try:
            self._init_schema()
        except psycopg.Error as exc:
            self._db.close()
            raise self._error("not a usable PostgreSQL translation memory", exc) from None
        except BaseException:
            self._db.close()
            raise

    def _error(self, what: str, exc: BaseException) -> TranslationStoreError:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return TranslationStoreError(f"{what}: {detail}", path=self.label)

    # ---- schema ------------------------------------------------------------------------------------
    def _init_schema(self) -> None:
        db = self._db
        with db.transaction():
            db.execute("SELECT pg_advisory_xact_lock(5391744)")  # one process creates the schema
            have = db.execute("SELECT to_regclass('statementkit.meta') IS NOT NULL").fetchone()[0]
            if not have:
                if db.execute("SELECT to_regclass('statementkit.segments') IS NOT NULL").fetchone()[0]:
                    raise TranslationStoreError("schema 'statementkit' exists but is not a statementkit "
                                                "translation memory", path=self.label)
                for stmt in _SCHEMA:
                    db.execute(stmt)
            row = db.execute("SELECT value FROM statementkit.meta WHERE key = 'format'").fetchone()
            version = int(row[0]) if row and str(row[0]).isdigit() else 0
            if version > PG_FORMAT:
                raise TranslationStoreError(f"translation memory format {version} is newer than this "
                                            f"statementkit understands ({PG_FORMAT})", path=self.label)
            if version < 1:
                raise TranslationStoreError("translation memory format unknown", path=self.label)
        if not db.execute("SELECT show_trgm('双方')").fetchone()[0]:
            raise TranslationStoreError("the database's LC_CTYPE does not class Chinese characters as letters "
                                        "(pg_trgm finds no trigrams): create it with a UTF-8 locale such as "
                                        "C.UTF-8", path=self.label)
        self._threshold = -1.0

    # ---- context manager ---------------------------------------------------------------------------
    def __enter__(self) -> PostgresMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ---- queries -----------------------------------------------------------------------------------
    def _query(self, sql: str, args: Sequence[object]) -> list[tuple[Any, ...]]:
        import psycopg

        try:
            return list(self._db.execute(sql, args).fetchall())
        except psycopg.Error as exc:
            raise self._error("translation memory unreadable", exc) from None

    def lookup_exact(self, src_lang: str, tgt_lang: str, source: str) -> TMMatch | None:
        """The best translation of exactly this source text (NFC, outer white space ignored)."""
        text = nfc(source)
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status FROM statementkit.segments s "
            "JOIN statementkit.units u ON u.source_id = s.id WHERE s.lang = %s AND s.digest = md5(%s) "
            "AND s.text = %s AND u.tgt_lang = %s ORDER BY u.rank DESC, u.updated DESC, u.id DESC LIMIT 1",
            (src_lang, text, text, tgt_lang))
        if not rows:
            return None
        src, tgt, origin, status = rows[0]
        return TMMatch(src, tgt, 100.0, Origin(origin), Status(status))

    def _candidates(self, where: str, args: Sequence[object], tgt_lang: str) -> list[Candidate]:
        rows = self._query(
            "SELECT DISTINCT ON (s.id) s.text, u.target, u.origin, u.status, u.rank, u.updated, u.id "
            "FROM statementkit.segments s JOIN statementkit.units u ON u.source_id = s.id AND u.tgt_lang = %s "
            f"WHERE {where} ORDER BY s.id, u.rank DESC, u.updated DESC, u.id DESC", (tgt_lang, *args))
        return [Candidate(a, b, Origin(c), Status(d), (int(e), float(f), int(g))) for a, b, c, d, e, f, g in rows]

    def lookup_fuzzy_scan(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                          limit: int = 3) -> list[TMMatch]:
        """Fuzzy look-up by reading every source of a length that can reach ``threshold`` (the reference,
        and the way texts under :data:`~.common.SHORT_TEXT` characters (12, or 6 in Chinese) are matched)."""
        text = nfc(source)
        lo, hi = length_bounds(len(text), threshold)
        rows = self._query("SELECT id, text FROM statementkit.segments WHERE lang = %s AND length BETWEEN %s AND %s",
                           (src_lang, lo, hi))

        def fetch(ids: list[int]) -> list[Candidate]:
            return self._candidates("s.id = ANY(%s)", (ids,), tgt_lang)

        return scan(text, [(int(a), str(b)) for a, b in rows], threshold, limit, fetch)

    def lookup_fuzzy(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                     limit: int = 3) -> list[TMMatch]:
        """Up to ``limit`` similar sources (rapidfuzz ratio >= threshold), best first, best target each;
        candidates from the pg_trgm index (see the module's docstring)."""
        text = nfc(source)
        if is_short(text):  # one edit may break every trigram: the few short sources are read
            return self.lookup_fuzzy_scan(src_lang, tgt_lang, source, threshold, limit)
        lo, hi = length_bounds(len(text), threshold)
        limit_trgm = trgm_threshold(text)
        if limit_trgm != self._threshold:
            self._db.execute(f"SET pg_trgm.similarity_threshold = {limit_trgm}")
            self._threshold = limit_trgm
        # two steps, so that the planner cannot trade the trigram index for the (lang, length) one
        near = self._query(
            "SELECT c.id, c.length FROM statementkit.segments c WHERE c.text %% %s AND c.lang = %s "
            "ORDER BY similarity(c.text, %s) DESC LIMIT %s", (text, src_lang, text, 4 * CANDIDATES))
        ids = [int(i) for i, n in near if lo <= n <= hi][:CANDIDATES]
        if not ids:
            return []
        found = self._candidates("s.id = ANY(%s)", (ids,), tgt_lang)
        return rerank(text, found, threshold, limit)

    # ---- writes ------------------------------------------------------------------------------------
    def _write_rows(self, pairs: Iterable[MemoryPair], extra: Callable[[Any, int], None] | None = None) -> int:
        """One transaction: stage the rows with COPY, add new segments, upsert units; ``extra(cursor, n)``
        runs inside the same transaction.  Retried on deadlock or serialization failure."""
        import psycopg
        from psycopg import errors

        now = time.time()
        rows = []
        for p in pairs:
            src, tgt = nfc(p.source), nfc(p.target)
            if src and tgt:
                origin, status = Origin(p.origin), Status(p.status)
                rows.append((p.src_lang, src, p.tgt_lang, tgt, origin.value, status.value,
                             rank_of(origin, status), now))
        rows.sort()
        for attempt in range(_RETRIES):
            try:
                with self._db.transaction(), self._db.cursor() as cur:
                    cur.execute(_STAGE)
                    with cur.copy("COPY stk_stage FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
                    cur.execute(_NEW_SEGMENTS)
                    cur.execute(_UPSERT)
                    if extra is not None:
                        extra(cur, len(rows))
                return len(rows)
            except (errors.DeadlockDetected, errors.SerializationFailure, errors.UniqueViolation):
                if attempt == _RETRIES - 1:
                    raise TranslationStoreError("cannot write to the translation memory: concurrent writers "
                                                "kept conflicting", path=self.label) from None
                time.sleep(0.05 * (attempt + 1))
            except psycopg.Error as exc:
                raise self._error("cannot write to the translation memory", exc) from None
        return 0

    def add(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
            status: Status) -> None:
        """Store a translation; the same pair again keeps the better of the two origins/statuses."""
        self.add_many([MemoryPair(src_lang, tgt_lang, source, target, Origin(origin), Status(status))])

    def add_many(self, pairs: Iterable[MemoryPair]) -> int:
        """Store many translations in one transaction (all or none); returns how many were written."""
        return self._write_rows(pairs)

    def import_batches(self, items: Iterable[Sequence[MemoryPair]], key: str, batch: int = 1000,
                       progress: Callable[[int], None] | None = None) -> ImportProgress:
        """A resumable bulk import, as :meth:`TranslationMemory.import_batches
        <statementkit.adapters.tm.sqlite_tm.TranslationMemory.import_batches>` (same semantics)."""
        rows = self._query("SELECT units_done, finished FROM statementkit.imports WHERE key = %s", (key,))
        done_before = int(rows[0][0]) if rows and not rows[0][1] else 0
        it: Iterator[Sequence[MemoryPair]] = iter(items)
        count = 0
        while count < done_before and next(it, None) is not None:
            count += 1
        written, pending = 0, list[MemoryPair]()
        for item in it:
            pending.extend(item)
            count += 1
            if count % batch == 0:
                written += self._commit_batch(pending, key, count, finished=False)
                pending = []
                if progress:
                    progress(count)
        written += self._commit_batch(pending, key, count, finished=True)
        return ImportProgress(min(done_before, count), count, written)

    def _commit_batch(self, pairs: list[MemoryPair], key: str, count: int, finished: bool) -> int:
        def record(cur: Any, n: int) -> None:
            cur.execute(
                "INSERT INTO statementkit.imports (key, units_done, pairs, finished, updated) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET units_done = excluded.units_done, "
                "pairs = CASE WHEN statementkit.imports.finished THEN excluded.pairs "
                "ELSE statementkit.imports.pairs + excluded.pairs END, finished = excluded.finished, "
                "updated = excluded.updated", (key, count, n, finished, time.time()))

        return self._write_rows(pairs, record)

    # ---- scope (issue 16): as the SQLite memory ---------------------------------------------------------
    def _has_scopes(self) -> bool:
        return bool(self._query("SELECT to_regclass('statementkit.unit_scope') IS NOT NULL", ())[0][0])

    def lookup_exact_scoped(self, src_lang: str, tgt_lang: str, source: str, mechanism: str) -> TMMatch | None:
        """:meth:`lookup_exact`, but among equally ranked translations one recorded for ``mechanism`` first."""
        if not self._has_scopes():
            return self.lookup_exact(src_lang, tgt_lang, source)
        text = nfc(source)
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status FROM statementkit.segments s "
            "JOIN statementkit.units u ON u.source_id = s.id WHERE s.lang = %s AND s.digest = md5(%s) "
            "AND s.text = %s AND u.tgt_lang = %s ORDER BY u.rank DESC, EXISTS (SELECT 1 FROM "
            "statementkit.unit_scope c WHERE c.unit = u.id AND c.mechanism = %s) DESC, u.updated DESC, "
            "u.id DESC LIMIT 1", (src_lang, text, text, tgt_lang, mechanism))
        if not rows:
            return None
        src, tgt, origin, status = rows[0]
        return TMMatch(src, tgt, 100.0, Origin(origin), Status(status))

    def add_scoped(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
                   status: Status, scope: Scope) -> None:
        """:meth:`add`, recording the mechanism, statement and clause the pair came from (one transaction)."""
        self.add_many_scoped([(MemoryPair(src_lang, tgt_lang, source, target, origin, status), scope)])

    def add_many_scoped(self, items: Iterable[tuple[MemoryPair, Scope | None]]) -> int:
        """:meth:`add_many`, recording for each pair with a scope where it came from; one transaction (all or
        none), retried like every write.  Returns how many pairs were written."""
        items = list(items)
        scoped = sorted((p.src_lang, nfc(p.source), p.tgt_lang, nfc(p.target), s.mechanism, s.statement, s.clause)
                        for p, s in items if s is not None and nfc(p.source) and nfc(p.target))

        def record(cur: Any, n: int) -> None:
            if not scoped:
                return
            for stmt in _SCOPE_SCHEMA:
                cur.execute(stmt)
            cur.execute(_SCOPE_STAGE)
            with cur.copy("COPY stk_scope_stage FROM STDIN") as copy:
                for row in scoped:
                    copy.write_row(row)
            cur.execute(_SCOPE_INSERT)

        return self._write_rows([p for p, _ in items], record)

    def scopes(self, src_lang: str, tgt_lang: str, source: str) -> list[tuple[str, str, str, str]]:
        """(target, mechanism, statement, clause) recorded for the units of this source."""
        if not self._has_scopes():
            return []
        text = nfc(source)
        rows = self._query(
            "SELECT u.target, c.mechanism, c.statement, c.clause FROM statementkit.segments s "
            "JOIN statementkit.units u ON u.source_id = s.id JOIN statementkit.unit_scope c ON c.unit = u.id "
            "WHERE s.lang = %s AND s.digest = md5(%s) AND s.text = %s AND u.tgt_lang = %s "
            "ORDER BY c.statement COLLATE \"C\", c.clause COLLATE \"C\"", (src_lang, text, text, tgt_lang))
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    # ---- hygiene (issue 16): as the SQLite memory -------------------------------------------------------
    def stats(self) -> list[tuple[str, str, Origin, Status, int]]:
        """Units per (src_lang, tgt_lang, origin, status), as (src_lang, tgt_lang, origin, status, count)."""
        rows = self._query(
            "SELECT s.lang, u.tgt_lang, u.origin, u.status, count(*) FROM statementkit.units u "
            "JOIN statementkit.segments s ON s.id = u.source_id GROUP BY s.lang, u.tgt_lang, u.origin, u.status "
            "ORDER BY s.lang COLLATE \"C\", u.tgt_lang COLLATE \"C\", u.origin COLLATE \"C\", "
            "u.status COLLATE \"C\"", ())
        return [(str(a), str(b), Origin(str(c)), Status(str(d)), int(n)) for a, b, c, d, n in rows]

    def delete(self, *, origin: Origin | None = None, status: Status | None = None) -> int:
        """Remove the units of that origin and/or status (at least one must be given); return how many.
        Their scopes go with them (ON DELETE CASCADE)."""
        import psycopg

        if origin is None and status is None:
            raise ValueError("delete needs an origin or a status")
        conds = [(c, v) for c, v in (("origin = %s", Origin(origin).value if origin else None),
                                     ("status = %s", Status(status).value if status else None)) if v is not None]
        try:
            with self._db.transaction():
                cur = self._db.execute(f"DELETE FROM statementkit.units WHERE {' AND '.join(c for c, _ in conds)}",
                                       tuple(v for _, v in conds))
                return int(cur.rowcount)
        except psycopg.Error as exc:
            raise self._error("cannot write to the translation memory", exc) from None

    # ---- export and counts ---------------------------------------------------------------------------
    def all_units(self) -> list[tuple[str, str, str, str, Origin, Status]]:
        """Every stored unit as (src_lang, tgt_lang, source, target, origin, status), for export."""
        rows = self._query("SELECT s.lang, u.tgt_lang, s.text, u.target, u.origin, u.status "
                           "FROM statementkit.units u JOIN statementkit.segments s ON s.id = u.source_id "
                           "ORDER BY s.lang, u.tgt_lang, s.text COLLATE \"C\", u.rank DESC, u.id", ())
        return [(a, b, c, d, Origin(e), Status(f)) for a, b, c, d, e, f in rows]

    def integrity_check(self) -> str:
        """``"ok"``, or the units whose source is missing and the segments counted twice."""
        orphans = self._query("SELECT count(*) FROM statementkit.units u LEFT JOIN statementkit.segments s "
                              "ON s.id = u.source_id WHERE s.id IS NULL", ())[0][0]
        dupes = self._query("SELECT count(*) FROM (SELECT lang, text FROM statementkit.segments "
                            "GROUP BY lang, text HAVING count(*) > 1) d", ())[0][0]
        problems = [f"{orphans} unit(s) without a source"] if orphans else []
        problems += [f"{dupes} segment(s) stored twice"] if dupes else []
        return "; ".join(problems) or "ok"

    def __len__(self) -> int:
        return int(self._query("SELECT count(*) FROM statementkit.units", ())[0][0])
