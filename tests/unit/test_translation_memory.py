"""The translation memory (SQLite and PostgreSQL, one suite for both) and TMX import/export."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import Result

from statementkit.adapters.tm.common import MemoryPair
from statementkit.adapters.tm.sqlite_tm import SCHEMA_VERSION, TranslationMemory, default_tm_path
from statementkit.adapters.tm.tmx import TmxPair, iter_tmx, read_tmx, write_tmx
from statementkit.adapters.tm.tmx_import import check_tmx, import_checked
from statementkit.app.memory import open_memory
from statementkit.errors import TranslationStoreError, XmlError
from statementkit.model.translation import Origin, Status

SRC = "The Parties will exchange patent information."


def test_exact_lookup_prefers_approved_human(tm_location: str) -> None:
    with open_memory(tm_location) as tm:
        assert tm.lookup_exact("en", "zh", SRC) is None
        tm.add("en", "zh", SRC, "机器译文。", origin=Origin.MACHINE, status=Status.DRAFT)
        tm.add("en", "zh", SRC, "人工译文。", origin=Origin.HUMAN, status=Status.APPROVED)
        tm.add("en", "zh", SRC, "较新的机器译文。", origin=Origin.MACHINE, status=Status.DRAFT)
        tm.add("en", "zh", SRC, "人工译文。", origin=Origin.MACHINE, status=Status.DRAFT)  # never downgrades
        m = tm.lookup_exact("en", "zh", "  " + SRC + " ")
        assert m is not None and (m.target, m.origin, m.status, m.score) == (
            "人工译文。", Origin.HUMAN, Status.APPROVED, 100.0)
        assert tm.lookup_exact("en", "ru", SRC) is None
        assert len(tm) == 3


def test_fuzzy_lookup_is_thresholded_and_ranked(tm_location: str) -> None:
    with open_memory(tm_location) as tm:
        tm.add("en", "zh", SRC, "双方将交换专利信息。", origin=Origin.HUMAN, status=Status.REVIEWED)
        tm.add("en", "zh", "Something else entirely.", "完全不同。", origin=Origin.HUMAN, status=Status.REVIEWED)
        got = tm.lookup_fuzzy("en", "zh", "The Parties will exchange trademark information.")
        assert [m.target for m in got] == ["双方将交换专利信息。"]
        assert 75 <= got[0].score < 100
        assert tm.lookup_fuzzy("en", "zh", "The Parties will exchange trademark information.", threshold=99) == []
        assert tm.lookup_fuzzy("en", "ru", "The Parties will exchange trademark information.") == []


def test_fuzzy_short_chinese_and_ties(tm_location: str) -> None:
    """Short Chinese texts (under six characters: read directly, as one edit can break all their trigrams) are found; of
    two sources equally similar, the one with the better translation comes first, as in the full scan."""
    with open_memory(tm_location) as tm:
        tm.add("zh", "en", "双方同意", "The Parties agree", origin=Origin.HUMAN, status=Status.REVIEWED)
        tm.add("zh", "en", "双方", "The Parties", origin=Origin.HUMAN, status=Status.REVIEWED)
        tm.add("zh", "en", "各方同意", "All sides agree", origin=Origin.MACHINE, status=Status.DRAFT)
        tm.add("zh", "en", "双方商定", "The Parties decided", origin=Origin.HUMAN, status=Status.APPROVED)
        for query in ("双方均同意", "双方", "双方同", "各方同意。"):
            assert tm.lookup_fuzzy("zh", "en", query, 60) == tm.lookup_fuzzy_scan("zh", "en", query, 60), query
        got = tm.lookup_fuzzy("zh", "en", "双方均同意")
        assert got and got[0].source == "双方同意"
        tie = tm.lookup_fuzzy("zh", "en", "双方商意", 60)
        assert [m.source for m in tie][:2] == ["双方商定", "双方同意"]  # equal scores: the approved one first
        assert tie[0].score == tie[1].score == 75.0


def test_index_equals_full_scan_on_a_small_memory(tm_location: str) -> None:
    from statementkit.testing.memory_corpus import edit, units

    rnd = random.Random(3)
    data = list(units(300, seed=5))
    with open_memory(tm_location) as tm:
        tm.add_many(MemoryPair(a, b, x[i], x[j], Origin.HUMAN, Status.REVIEWED)
                    for x in data for i, a in enumerate(("en", "ru", "zh")) for j, b in enumerate(("en", "ru", "zh"))
                    if i != j)
        for k in range(40):
            lang, i = [("en", 0), ("ru", 1), ("zh", 2)][k % 3]
            tgt = "en" if lang != "en" else "zh"
            query = edit(rnd.choice(data)[i], rnd)
            got, ref = tm.lookup_fuzzy(lang, tgt, query), tm.lookup_fuzzy_scan(lang, tgt, query)
            assert got == ref, query


def test_add_many_is_one_transaction(tm_location: str) -> None:
    def pairs() -> Iterator[MemoryPair]:
        yield MemoryPair("en", "ru", "One.", "Один.", Origin.HUMAN, Status.REVIEWED)
        raise RuntimeError("interrupted")

    with open_memory(tm_location) as tm:
        with pytest.raises(RuntimeError):
            tm.add_many(pairs())
        assert len(tm) == 0


def _tu_pairs(i: int) -> list[MemoryPair]:
    return [MemoryPair("en", "ru", f"Sentence {i}.", f"Предложение {i}.", Origin.HUMAN, Status.REVIEWED),
            MemoryPair("ru", "en", f"Предложение {i}.", f"Sentence {i}.", Origin.HUMAN, Status.REVIEWED)]


def test_import_resumes_after_an_interruption(tm_location: str) -> None:
    """Whole batches survive an interrupted import; the same import again skips them and finishes."""
    def interrupted(n: int) -> Iterator[Sequence[MemoryPair]]:
        for i in range(n):
            yield _tu_pairs(i)
        raise KeyboardInterrupt

    with open_memory(tm_location) as tm:
        with pytest.raises(KeyboardInterrupt):
            tm.import_batches(interrupted(25), key="file-a", batch=10)
        assert len(tm) == 40  # two batches of ten units, two pairs each
        done = tm.import_batches((_tu_pairs(i) for i in range(30)), key="file-a", batch=10)
        assert (done.resumed_from, done.items, done.pairs) == (20, 30, 20)
        assert len(tm) == 60
        again = tm.import_batches((_tu_pairs(i) for i in range(30)), key="file-a", batch=10)
        assert (again.resumed_from, again.pairs) == (0, 60) and len(tm) == 60  # finished: imported again
        assert tm.integrity_check() == "ok"


def _long_pairs(i: int) -> list[MemoryPair]:
    en = f"The Parties shall exchange information on patent number {i} within thirty days."
    ru = f"Стороны обмениваются информацией о патенте номер {i} в течение тридцати дней."
    return [MemoryPair("en", "ru", en, ru, Origin.HUMAN, Status.REVIEWED)]


def test_bulk_import_into_an_empty_memory_is_indexed_even_when_killed(tmp_path: Path) -> None:
    """Into an empty SQLite memory the trigram index is built once, after the import; an import stopped
    half-way leaves segments unindexed only until the memory is next opened (or imported into again)."""
    path = tmp_path / "tm.sqlite"
    query = "The Parties shall exchange information on patent number 7 within 30 days."

    def interrupted(n: int) -> Iterator[Sequence[MemoryPair]]:
        for i in range(n):
            yield _long_pairs(i)
        raise KeyboardInterrupt

    with TranslationMemory(path) as tm:
        with pytest.raises(KeyboardInterrupt):
            tm.import_batches(interrupted(25), key="file-a", batch=10)
        assert len(tm) == 20 and tm.lookup_fuzzy("en", "ru", query) == []  # not indexed yet
    with TranslationMemory(path) as tm:  # opening indexes them
        assert tm.integrity_check() == "ok"
        got = tm.lookup_fuzzy("en", "ru", query)
        assert got and got[0].source.endswith("number 7 within thirty days.")
        assert got == tm.lookup_fuzzy_scan("en", "ru", query)
    with TranslationMemory(path) as tm:
        with pytest.raises(KeyboardInterrupt):
            tm.import_batches(interrupted(25), key="file-b", batch=10)  # not empty: indexed as written
        done = tm.import_batches((_long_pairs(i) for i in range(40)), key="file-c", batch=10)
        assert done.pairs == 40 and len(tm) == 40 and tm.integrity_check() == "ok"
        assert tm.lookup_fuzzy("en", "ru", query.replace("7", "33"))[0].source.endswith("33 within thirty days.")
    fresh = tmp_path / "fresh.sqlite"
    with TranslationMemory(fresh) as tm:
        tm.import_batches((_long_pairs(i) for i in range(40)), key="file-c", batch=10)
        assert tm.integrity_check() == "ok" and tm.lookup_fuzzy("en", "ru", query)


def test_bulk_import_into_an_empty_postgres_memory_builds_its_indexes_after(pg_server: str) -> None:
    """PostgreSQL: into an empty memory the GIN indexes are dropped for the import and built after it; an
    import stopped half-way leaves them missing only until the memory is next opened."""
    from statementkit.adapters.tm.pg_tm import PostgresMemory

    url = _empty_pg_url(pg_server)
    query = "The Parties shall exchange information on patent number 7 within 30 days."

    def interrupted(n: int) -> Iterator[Sequence[MemoryPair]]:
        for i in range(n):
            yield _long_pairs(i)
        raise KeyboardInterrupt

    with PostgresMemory(url) as tm:
        assert tm._missing_indexes() == []
        with pytest.raises(KeyboardInterrupt):
            tm.import_batches(interrupted(25), key="file-a", batch=10)
        assert len(tm) == 20 and sorted(tm._missing_indexes()) == ["segments_trgm_zh", "segments_words"]
    with PostgresMemory(url) as tm:  # opening builds them
        assert tm._missing_indexes() == [] and tm.integrity_check() == "ok"
        got = tm.lookup_fuzzy("en", "ru", query)
        assert got and got[0].source.endswith("number 7 within thirty days.")
        assert got == tm.lookup_fuzzy_scan("en", "ru", query)
    _empty_pg_url(pg_server)
    with PostgresMemory(url) as tm:
        done = tm.import_batches((_long_pairs(i) for i in range(40)), key="file-c", batch=10)
        assert done.pairs == 40 and tm._missing_indexes() == []
        assert tm.lookup_fuzzy("en", "ru", query) == tm.lookup_fuzzy_scan("en", "ru", query) != []


def _empty_pg_url(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP SCHEMA IF EXISTS statementkit CASCADE")
    return url


def test_short_texts_see_sources_added_later_by_any_process(tmp_path: Path) -> None:
    """Short texts are compared with the short sources held in memory: sources added afterwards, by this
    connection or another process, are found too, and the result is the full scan's (also at a threshold so
    low that longer sources than those held can match)."""
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm, TranslationMemory(path) as other:
        tm.add("zh", "en", "双方同意", "The Parties agree", origin=Origin.HUMAN, status=Status.REVIEWED)
        tm.add("en", "zh", "Preamble", "序言", origin=Origin.HUMAN, status=Status.REVIEWED)
        assert [m.source for m in tm.lookup_fuzzy("zh", "en", "双方均同意")] == ["双方同意"]
        assert [m.source for m in tm.lookup_fuzzy("en", "zh", "Preambel", 60)] == ["Preamble"]  # one word: short
        other.add("zh", "en", "各方均同意", "All sides agree", origin=Origin.HUMAN, status=Status.APPROVED)
        tm.add("zh", "en", "双方均同意了", "Both sides agreed", origin=Origin.MACHINE, status=Status.DRAFT)
        other.add("zh", "en", "双方均同意以下各条款并决定在本协定生效之日起共同执行", "Long",
                  origin=Origin.HUMAN, status=Status.REVIEWED)
        got = tm.lookup_fuzzy("zh", "en", "双方均同意", 60)
        assert [m.source for m in got] == ["双方均同意了", "双方同意", "各方均同意"]
        for query, threshold in (("双方均同意", 60.0), ("各方均同意", 75.0), ("双方均同意", 20.0), ("Preambel", 60.0)):
            lang, tgt = ("en", "zh") if query == "Preambel" else ("zh", "en")
            assert tm.lookup_fuzzy(lang, tgt, query, threshold) == tm.lookup_fuzzy_scan(lang, tgt, query, threshold)
        assert "双方均同意以下各条款并决定在本协定生效之日起共同执行" in [m.source for m in tm.lookup_fuzzy(
            "zh", "en", "双方均同意", 20, limit=4)]


def test_default_path_is_in_the_user_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_tm_path() == tmp_path / "statementkit" / "memory.sqlite"


def test_unreadable_or_foreign_files_are_refused(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(TranslationStoreError, match="not a usable translation memory"):
        TranslationMemory(garbage)
    foreign = tmp_path / "foreign.sqlite"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(TranslationStoreError, match="not a statementkit translation memory"):
        TranslationMemory(foreign)


_FORMAT_1 = """
CREATE TABLE units (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, source TEXT NOT NULL,
    target TEXT NOT NULL, origin TEXT NOT NULL, status TEXT NOT NULL, rank INTEGER NOT NULL, updated REAL NOT NULL,
    UNIQUE (src_lang, tgt_lang, source, target));
CREATE INDEX units_by_source ON units (src_lang, tgt_lang, source);
PRAGMA application_id = 1398033236;
PRAGMA user_version = 1;
"""


def test_format_1_memory_is_migrated_and_versions_are_checked(tmp_path: Path) -> None:
    """A memory written by the previous release (format 1) opens, keeps every unit and its ranking, and
    becomes format 2; a newer format and an unknown one are refused."""
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(_FORMAT_1)
    rows = [("en", "zh", SRC, "机器译文。", "machine", "draft", 0, 1.0),
            ("en", "zh", SRC, "人工译文。", "human", "approved", 132, 2.0),
            ("en", "zh", "The Parties will exchange trademark data.", "商标。", "human", "reviewed", 31, 3.0),
            ("zh", "en", "人工译文。", SRC, "human", "approved", 132, 2.0)]
    db.executemany("INSERT INTO units (src_lang, tgt_lang, source, target, origin, status, rank, updated) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.commit()
    db.close()
    with TranslationMemory(path) as tm:
        assert len(tm) == 4
        m = tm.lookup_exact("en", "zh", SRC)
        assert m is not None and m.target == "人工译文。"
        assert [x.source for x in tm.lookup_fuzzy("en", "zh", "The Parties will exchange trademark information.")] \
            == [x.source for x in tm.lookup_fuzzy_scan("en", "zh", "The Parties will exchange trademark information.")]
        assert tm.integrity_check() == "ok"
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(TranslationStoreError, match="newer than this statementkit understands"):
        TranslationMemory(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 0")
    db.commit()
    db.close()
    with pytest.raises(TranslationStoreError, match="format 0 is unknown"):
        TranslationMemory(path)


def test_postgres_errors_are_one_line(pg_server: str) -> None:
    import psycopg

    with pytest.raises(TranslationStoreError, match="cannot connect") as err:
        open_memory("postgresql://nobody:secret@/nodb?host=/nonexistent-socket-dir")
    assert "secret" not in str(err.value) and "\n" not in str(err.value)
    with open_memory(_reset(pg_server)) as tm:
        tm.add("en", "ru", "One.", "Один.", origin=Origin.HUMAN, status=Status.REVIEWED)
    with psycopg.connect(pg_server, autocommit=True) as db:
        db.execute("UPDATE statementkit.meta SET value = '99' WHERE key = 'format'")
    with pytest.raises(TranslationStoreError, match="format 99 is newer"):
        open_memory(pg_server)
    _reset(pg_server)


def _reset(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP SCHEMA IF EXISTS statementkit CASCADE")
    return url


def _writer(location: str, worker: int, n: int) -> None:
    with open_memory(location) as tm:
        for i in range(n):
            tm.add("en", "ru", f"Sentence {worker}-{i}.", f"Предложение {worker}-{i}.", origin=Origin.MACHINE,
                   status=Status.DRAFT)


def test_two_processes_writing_at_once(tm_location: str) -> None:
    open_memory(tm_location).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(tm_location, w, 150)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    with open_memory(tm_location) as tm:
        assert len(tm) == 300
        assert tm.lookup_exact("en", "ru", "Sentence 1-149.") is not None


def test_tmx_round_trip_and_multilingual_units(tmp_path: Path) -> None:
    out = tmp_path / "out.tmx"
    pairs = [TmxPair("en", "zh", "A & <B>.", "甲和乙。", Origin.HUMAN, Status.APPROVED), TmxPair("en", "ru", "Hi.", "Привет.")]
    assert write_tmx(out, pairs) == 2
    content = read_tmx(out)
    got = content.pairs
    assert content.skipped == 0
    assert TmxPair("en", "zh", "A & <B>.", "甲和乙。", Origin.HUMAN, Status.APPROVED) in got
    assert TmxPair("zh", "en", "甲和乙。", "A & <B>.", Origin.HUMAN, Status.APPROVED) in got
    assert TmxPair("en", "ru", "Hi.", "Привет.") in got
    multi = tmp_path / "multi.tmx"
    multi.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><header '
                     'srclang="en-US"/><body><tu><tuv xml:lang="en-US"><seg>Art. <ph>&lt;b&gt;</ph>5</seg></tuv>'
                     '<tuv xml:lang="zh-CN"><seg>第5条</seg></tuv><tuv xml:lang="ru-RU"><seg>Ст. 5</seg></tuv></tu>'
                     '<tu><tuv xml:lang="de"><seg>Nur Deutsch</seg></tuv><tuv xml:lang="en"><seg>Only</seg></tuv>'
                     '</tu></body></tmx>', encoding="utf-8")
    content = read_tmx(multi)
    got = content.pairs
    assert content.skipped == 1
    assert len(got) == 6 and TmxPair("en", "ru", "Art. 5", "Ст. 5") in got


@pytest.mark.parametrize(("text", "match"), [
    ('<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x "boom">]><tmx><body/></tmx>', "internal DTD subset"),
    ("<tmx><body><tu>", "malformed XML"),
    ("<xliff/>", "not a TMX file"),
    ("", "malformed XML|empty XML"),
    ('<tmx><body><tu><prop type="x-statementkit-origin">alien</prop></tu></body></tmx>', "unknown x-statementkit"),
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx><body><tu><tuv xml:lang="en"><seg>a &x; b'
     '</seg></tuv><tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>', "entity|malformed XML"),
])
def test_hostile_or_broken_tmx_is_refused(tmp_path: Path, text: str, match: str) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(XmlError, match=match) as err:
        read_tmx(bad)
    assert err.value.path == str(bad)


@pytest.mark.slow
def test_streaming_reader_errors_name_the_line_and_nothing_is_imported(tm_location: str, tmp_path: Path) -> None:
    """A TMX broken after many good units is refused before the memory is touched (first pass checks)."""
    from statementkit.testing.memory_corpus import write_tmx as write_corpus

    good = tmp_path / "good.tmx"
    write_corpus(good, 3000)
    text = good.read_text(encoding="utf-8")
    bad = tmp_path / "bad.tmx"
    bad.write_text(text.replace("</body></tmx>", "<tu><tuv></tu></body></tmx>"), encoding="utf-8")
    with open_memory(tm_location) as tm:
        with pytest.raises(XmlError, match="malformed XML") as err:
            import_checked(check_tmx(bad), tm)
        assert err.value.line is not None and err.value.line > 3000
        assert len(tm) == 0
        result = import_checked(check_tmx(good), tm)
        assert (result.units, result.skipped, result.pairs, result.resumed_from) == (3000, 0, 18000, 0)
        distinct = {(p.src_lang, p.tgt_lang, p.source, p.target) for u in iter_tmx(good) for p in u.pairs()}
        assert len(tm) == len(distinct) > 17_900  # a few short headings occur twice


def test_export_and_import_between_backends(tm_location: str, tmp_path: Path) -> None:
    """tm export from either backend, imported into a fresh SQLite memory, gives the same units."""
    from statementkit.app.memory import export_tmx, import_tmx

    with open_memory(tm_location) as tm:
        tm.add("en", "zh", SRC, "双方将交换专利信息。", origin=Origin.HUMAN, status=Status.APPROVED)
        tm.add("en", "ru", SRC, "Стороны будут обмениваться патентной информацией.", origin=Origin.MACHINE,
               status=Status.DRAFT)
        before = tm.all_units()
    out = tmp_path / "out.tmx"
    assert export_tmx(out, tm_location) == 2
    copy = tmp_path / "copy.sqlite"
    result = import_tmx(out, copy)
    assert (result.imported, result.units, result.skipped, result.resumed_from) == (4, 2, 0, 0)
    with open_memory(copy) as tm:
        assert set(before) <= set(tm.all_units()) and len(tm) == 4


def test_tm_option_takes_a_file_or_a_postgresql_url(run: Callable[..., Result], tmp_path: Path) -> None:
    r = run("tm", "export", tmp_path / "x.tmx", "--tm", "mysql://host/db")
    assert r.exit_code == 2 and "neither a file nor a postgresql:// URL" in r.stderr
    r = run("tm", "export", tmp_path / "x.tmx", "--tm", "postgresql://u:pw@/db?host=/nonexistent-dir")
    assert r.exit_code == 1 and r.stderr.count("\n") == 1 and "cannot connect" in r.stderr
    assert "pw" not in r.stderr and not (tmp_path / "x.tmx").exists()
    TranslationMemory(tmp_path / "m.sqlite").close()
    r = run("tm", "export", tmp_path / "m.sqlite", "--tm", tmp_path / "m.sqlite")
    assert r.exit_code == 2 and "would overwrite" in r.stderr and "the translation memory" in r.stderr
    assert TranslationMemory(tmp_path / "m.sqlite").integrity_check() == "ok"
