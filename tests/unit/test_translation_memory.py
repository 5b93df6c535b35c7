"""The SQLite translation memory and TMX import/export."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
from statementkit.adapters.tm.tmx import TmxPair, read_tmx, write_tmx
from statementkit.errors import TranslationStoreError, XmlError
from statementkit.model.translation import Origin, Status

SRC = "The Parties will exchange patent information."


def test_exact_lookup_prefers_approved_human(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
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


def test_fuzzy_lookup_is_thresholded_and_ranked(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.add("en", "zh", SRC, "双方将交换专利信息。", origin=Origin.HUMAN, status=Status.REVIEWED)
        tm.add("en", "zh", "Something else entirely.", "完全不同。", origin=Origin.HUMAN, status=Status.REVIEWED)
        got = tm.lookup_fuzzy("en", "zh", "The Parties will exchange trademark information.")
        assert [m.target for m in got] == ["双方将交换专利信息。"]
        assert 75 <= got[0].score < 100
        assert tm.lookup_fuzzy("en", "zh", "The Parties will exchange trademark information.", threshold=99) == []


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


def _writer(path: str, worker: int, n: int) -> None:
    with TranslationMemory(Path(path)) as tm:
        for i in range(n):
            tm.add("en", "ru", f"Sentence {worker}-{i}.", f"Предложение {worker}-{i}.", origin=Origin.MACHINE,
                   status=Status.DRAFT)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    TranslationMemory(path).close()
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(path), w, 150)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with TranslationMemory(path) as tm:
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
])
def test_hostile_or_broken_tmx_is_refused(tmp_path: Path, text: str, match: str) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(XmlError, match=match):
        read_tmx(bad)
