"""A team translation memory in PostgreSQL (psycopg 3, pg_trgm), behind the same interface as the SQLite
memory (:class:`~statementkit.adapters.tm.sqlite_tm.TranslationMemory`): ``--tm postgresql://…``.

Layout: the same ``segments``/``units``/``imports`` tables as SQLite format 2, in the schema
``statementkit`` (format recorded in ``statementkit.meta``; a newer format is refused); uniqueness on an
MD5 of long texts (a B-tree entry is limited to about 2.7 kB); GIN indexes on the segments for fuzzy
candidates (``gin_trgm_ops`` of the Chinese ones, the words of the others).

Several machines may write at once: every write is one transaction of ``INSERT … ON CONFLICT`` statements
whose rows are sorted by key (so two writers never wait on each other in opposite orders), retried a few
times on a deadlock or serialization failure.

Fuzzy look-up: the pieces of the query vote for segments, as in SQLite, and the
:data:`~.common.CANDIDATES` most voted of the language, with a translation into the target language and a
length that can reach the threshold, are re-ranked with rapidfuzz exactly as the full scan ranks (see
:meth:`PostgresMemory._overlap`: word pairs through a ``to_tsvector('simple', …)`` GIN index for en and ru,
6-character runs through the ``gin_trgm_ops`` index for Chinese).  A source sharing no voting piece with the
query is not found (bench/memory.py counts how often the result differs from the full scan).  Chinese:
pg_trgm makes trigrams of "words" of letters, so the database's LC_CTYPE must class Han characters as
letters (any UTF-8 locale, e.g. C.UTF-8; checked when the memory is opened).  Texts under
:data:`~.common.SHORT_TEXT` characters (12, or 6 in Chinese) are matched by a scan of the sources of
comparable length, as in SQLite (one edit can leave no piece in common: 双方均同意 / 双方同意).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from itertools import pairwise
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
    unspaced,
    write_batches,
)
from statementkit.errors import TranslationStoreError
from statementkit.model.translation import Origin, Status
from statementkit.services.translate.base import Scope

PG_FORMAT = 1
_RETRIES = 5

# A piece pg_trgm can find quickly: it holds a run of 4 word characters (a single trigram: 3).  pg_trgm
# makes trigrams of words, blank-padded, so a piece of short words ("b ba ba g") yields only trigrams as
# common as "  b" and " ba": the index then returns thousands of rows for the ILIKE recheck (12 ms for
# 3,259 at 100,000 pairs) and the piece is too common to vote anyway.
_WORDY = re.compile(r"[^\W_]{4,}|^[^\W_]{3}$")
_WORD = re.compile(r"[^\W_]")
# the words of a segment in a spaced script (en, ru), for the word-pair pieces: PostgreSQL's 'simple'
# text-search configuration (split at non-letters, lower case, no stemming, no stop words)
_WORDS_EXPR = "to_tsvector('simple'::regconfig, text)"
# The fuzzy look-up's indexes, by name.  Built when missing whenever a memory is opened (segments_words came
# after format 1; both are dropped while a TMX is imported into an empty memory and built in one pass after it,
# see :meth:`PostgresMemory.import_batches`).
_INDEXES = {
    "segments_trgm_zh": "CREATE INDEX IF NOT EXISTS segments_trgm_zh ON statementkit.segments "
                        "USING gin (text gin_trgm_ops) WHERE lang = 'zh'",
    "segments_words": f"CREATE INDEX IF NOT EXISTS segments_words ON statementkit.segments USING gin ({_WORDS_EXPR}) "
                      "WHERE lang <> 'zh'",
}
# Indexes of earlier versions, dropped when found: the trigram index of every language (only Chinese pieces
# use trigrams now; keeping en/ru in it cost 16 of the 62 s of server CPU of a million-pair import).
_RETIRED = ("segments_trgm",)
_SCHEMA_LOCK = 5391744  # pg_advisory_xact_lock key: one process changes the schema or its indexes at a time

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


def _like_escape(text: str) -> str:
    """``text`` as a literal part of a LIKE pattern (backslash, ``%`` and ``_`` escaped)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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
            db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))  # one process creates the schema
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
        self._build_indexes()
        if not db.execute("SELECT show_trgm('双方')").fetchone()[0]:
            raise TranslationStoreError("the database's LC_CTYPE does not class Chinese characters as letters "
                                        "(pg_trgm finds no trigrams): create it with a UTF-8 locale such as "
                                        "C.UTF-8", path=self.label)

    # ---- context manager ---------------------------------------------------------------------------
    def __enter__(self) -> PostgresMemory:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # ---- queries -----------------------------------------------------------------------------------
    def _query(self, sql: Any, args: Sequence[object] | None, prepare: bool | None = None) -> list[tuple[Any, ...]]:
        """Rows of one statement (autocommit: no transaction of its own); ``prepare=True`` keeps it prepared
        on the server from the first call (look-ups: parsed and planned once per connection)."""
        import psycopg

        try:
            return list(self._db.execute(sql, args, prepare=prepare).fetchall())
        except psycopg.Error as exc:
            raise self._error("translation memory unreadable", exc) from None

    def lookup_exact(self, src_lang: str, tgt_lang: str, source: str) -> TMMatch | None:
        """The best translation of exactly this source text (NFC, outer white space ignored)."""
        text = nfc(source)
        rows = self._query(
            "SELECT s.text, u.target, u.origin, u.status FROM statementkit.segments s "
            "JOIN statementkit.units u ON u.source_id = s.id WHERE s.lang = %s AND s.digest = md5(%s) "
            "AND s.text = %s AND u.tgt_lang = %s ORDER BY u.rank DESC, u.updated DESC, u.id DESC LIMIT 1",
            (src_lang, text, text, tgt_lang), prepare=True)
        if not rows:
            return None
        src, tgt, origin, status = rows[0]
        return TMMatch(src, tgt, 100.0, Origin(origin), Status(status))

    def _candidates(self, where: str, args: Sequence[object], tgt_lang: str) -> list[Candidate]:
        """The best translation into ``tgt_lang`` of each segment selected by ``where`` (on ``s``)."""
        return list(self._candidates_by_id(where, args, tgt_lang).values())

    def _candidates_by_id(self, where: str, args: Sequence[object], tgt_lang: str) -> dict[int, Candidate]:
        rows = self._query(
            "SELECT DISTINCT ON (s.id) s.id, s.text, u.target, u.origin, u.status, u.rank, u.updated, u.id "
            "FROM statementkit.segments s JOIN statementkit.units u ON u.source_id = s.id AND u.tgt_lang = %s "
            f"WHERE {where} ORDER BY s.id, u.rank DESC, u.updated DESC, u.id DESC", (tgt_lang, *args))
        return {int(i): Candidate(a, b, Origin(c), Status(d), (int(e), float(f), int(g)))
                for i, a, b, c, d, e, f, g in rows}

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
        ids = self._overlap(text, src_lang)
        if not ids:
            return []
        lo, hi = length_bounds(len(text), threshold)
        # one round trip: the best translation of every voted segment of the language and a length that can
        # reach the threshold; the CANDIDATES most voted of them are re-ranked
        found = self._candidates_by_id("s.id = ANY(%s) AND s.lang = %s AND s.length BETWEEN %s AND %s",
                                       (ids, src_lang, lo, hi), tgt_lang)
        return rerank(text, [found[i] for i in ids if i in found][:CANDIDATES], threshold, limit)

    def _overlap(self, text: str, lang: str) -> list[int]:
        """Segment ids of ``lang`` sharing the most pieces of ``text``, most first (at most four times
        :data:`~.common.CANDIDATES`), as SQLite's pieces vote
        (:meth:`TranslationMemory._overlap <statementkit.adapters.tm.sqlite_tm.TranslationMemory._overlap>`),
        all pieces of a query in one round trip, each limited to one more than :data:`~.common.POSTINGS_CAP`
        rows (a commoner piece does not vote).

        Spaced scripts (en, ru): a piece is two consecutive words, found through the ``segments_words``
        index (``to_tsvector('simple', text)``: both words in the segment, exact, no recheck); single words
        vote too when no pair does or the text has under four words.  Chinese: a piece is a run of 6
        characters (:func:`~.common.pieces`), ``text ILIKE '%piece%'`` through the ``gin_trgm_ops`` index
        (pg_trgm classes a run of Han characters as one word, so the piece's trigrams are selective); single
        trigrams vote too when no piece does or the text is shorter than two pieces.  (ILIKE pieces of
        English are slow: pg_trgm's trigrams are of words, blank-padded, so a piece of short words yields
        trigrams as common as " ba", and the recheck reads thousands of rows: 85 ms a query at 100,000 pairs
        against 7 ms for word pairs.)"""
        if unspaced(text):
            votes = self._postings([p for p in pieces(text) if _WORDY.search(p)], "ilike", lang)
            if needs_trigram_votes(text) or not any(0 < len(v) <= POSTINGS_CAP for v in votes):
                votes += self._postings([g for g in trigrams(text) if _WORDY.search(g)], "ilike", lang)
            return most_voted(votes)
        words = [w for w in text.lower().split() if _WORD.search(w)]
        votes = self._postings([f"{a} {b}" for a, b in pairwise(words)], "words", lang)
        if len(words) < 4 or not any(0 < len(v) <= POSTINGS_CAP for v in votes):
            votes += self._postings(list(dict.fromkeys(words)), "words", lang)
        return most_voted(votes)

    def _postings(self, patterns: list[str], how: str, lang: str) -> list[list[int]]:
        """Per pattern, the segments containing it, at most ``POSTINGS_CAP + 1``: ``how`` is ``"ilike"``
        (the pattern as a substring, any case, through ``segments_trgm_zh`` for Chinese) or ``"words"``
        (every word of the pattern, through ``segments_words``).  The patterns are literals in the SQL (one ``UNION ALL`` branch each): with a
        parameter the planner cannot see the pattern and scans the table instead of the index (EXPLAIN
        ANALYZE: 1.7 s against 3 ms)."""
        from psycopg import sql

        if not patterns:
            return []
        if how == "ilike":
            branch = sql.SQL("(SELECT {n}::int, id FROM statementkit.segments WHERE text ILIKE {p} "
                             "AND lang = {lang} LIMIT {k})")
            literals = ["%" + _like_escape(pat) + "%" for pat in patterns]
        else:
            branch = sql.SQL("(SELECT {n}::int, id FROM statementkit.segments WHERE " + _WORDS_EXPR +
                             " @@ plainto_tsquery('simple'::regconfig, {p}) AND lang = {lang} LIMIT {k})")
            literals = patterns
        query = sql.SQL(" UNION ALL ").join(
            branch.format(n=sql.Literal(n), p=sql.Literal(pat), k=sql.Literal(POSTINGS_CAP + 1),
                          lang=sql.Literal(lang)) for n, pat in enumerate(literals))
        out: list[list[int]] = [[] for _ in patterns]
        for n, i in self._query(query, None):  # no parameters: '%' is not a placeholder
            out[int(n)].append(int(i))
        return out

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

    def _missing_indexes(self) -> list[str]:
        return [name for name in _INDEXES if not self._has_index(name)]

    def _has_index(self, name: str) -> bool:
        return bool(self._db.execute("SELECT to_regclass(%s) IS NOT NULL", (f"statementkit.{name}",)).fetchone()[0])

    def _build_indexes(self) -> None:
        """Build the fuzzy look-up's indexes that are missing (none, but after an upgrade or a bulk import
        stopped half-way) and drop retired ones; another process's bulk import still running goes on with
        them in place."""
        if not self._missing_indexes() and not any(self._has_index(name) for name in _RETIRED):
            return
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            for name in self._missing_indexes():
                self._db.execute(_INDEXES[name])
            for name in _RETIRED:
                self._db.execute(f"DROP INDEX IF EXISTS statementkit.{name}")

    def _bulk_start(self) -> bool:
        """When the memory holds no segment: drop the fuzzy look-up's GIN indexes, to build them in one pass
        after the import (at 100,000 pairs the trigram index kept row by row took half the import's 10.7 s;
        built at the end, 1.8 s).  True when it did."""
        with self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (_SCHEMA_LOCK,))
            if self._db.execute("SELECT EXISTS (SELECT 1 FROM statementkit.segments)").fetchone()[0]:
                return False
            for name in _INDEXES:
                self._db.execute(f"DROP INDEX IF EXISTS statementkit.{name}")
            return True

    def import_batches(self, items: Iterable[Sequence[MemoryPair]], key: str, batch: int = 1000,
                       progress: Callable[[int], None] | None = None) -> ImportProgress:
        """A resumable bulk import, as :meth:`TranslationMemory.import_batches
        <statementkit.adapters.tm.sqlite_tm.TranslationMemory.import_batches>` (same semantics; into an
        empty memory the GIN indexes are built after the import, see :meth:`_bulk_start`)."""
        rows = self._query("SELECT units_done, finished FROM statementkit.imports WHERE key = %s", (key,))
        done_before = int(rows[0][0]) if rows and not rows[0][1] else 0
        bulk = self._bulk_start()
        if not bulk:
            self._build_indexes()  # an earlier bulk import in this process may have stopped half-way
        done = write_batches(items, done_before, batch,
                             lambda pairs, count, finished: self._commit_batch(pairs, key, count, finished=finished),
                             progress)
        if bulk:
            self._build_indexes()
            self._db.execute("ANALYZE statementkit.segments, statementkit.units")  # plans for the new size
        return done

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
