"""The streaming TMX writer (``lxml.etree.xmlfile``): the same bytes as Translate Toolkit's TMX store wrote,
read back by our reader and by Translate Toolkit, and fed one pair at a time."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from statementkit.adapters.tm.tmx import TmxPair, read_tmx, write_tmx
from statementkit.model.translation import Origin, Status

_CHARS = "ab \n\t&<>\"'中文тест\u00a0«»"


def _pairs(n: int, seed: int = 5, chars: str = _CHARS) -> list[TmxPair]:
    rnd = random.Random(seed)

    def text() -> str:
        return "x" + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 14))) + "y"  # edges: the reader trims
    return [TmxPair(*rnd.sample(["en", "zh", "ru"], 2), text(), text(), rnd.choice([None, *Origin]),
                    rnd.choice([None, *Status])) for _ in range(n)]


def _toolkit_bytes(pairs: list[TmxPair]) -> bytes:
    """What the writer produced through Translate Toolkit's store before it streamed (the reference)."""
    from lxml import etree
    from translate.storage.tmx import tmxfile

    from statementkit import __version__

    store = tmxfile(sourcelanguage="en")
    for p in pairs:
        unit = store.addsourceunit(p.source, p.src_lang)
        unit.settarget(p.target, p.tgt_lang, append=True)
        for key, value in (("x-statementkit-origin", p.origin), ("x-statementkit-status", p.status)):
            if value is not None:
                prop = etree.Element("prop", type=key)
                prop.text = value.value
                unit.xmlelement.insert(0, prop)
    header = store.document.getroot().find("header")
    assert header is not None
    header.set("creationtool", "statementkit")
    header.set("creationtoolversion", __version__)
    header.set("srclang", "*all*")
    return bytes(store)


@pytest.mark.parametrize("n", [0, 1, 200])
def test_stream_equals_the_toolkit_store_and_reads_back(tmp_path: Path, n: int) -> None:
    from translate.storage.tmx import tmxfile

    pairs = _pairs(n)
    out = tmp_path / "out.tmx"
    assert write_tmx(out, iter(pairs)) == n
    assert out.read_bytes() == _toolkit_bytes(pairs)
    back = read_tmx(out)
    assert len(back.pairs) == 2 * n  # each tu read in both directions
    forward = [next(x for x in back.pairs[2 * k:2 * k + 2] if x.src_lang == p.src_lang) for k, p in enumerate(pairs)]
    assert forward == pairs  # unit for unit, in order, with origin and status
    store = tmxfile.parsestring(out.read_bytes())
    assert [(u.source, u.target) for u in store.units] == [(p.source, p.target) for p in pairs]


def test_characters_xml_cannot_hold_are_left_out_as_before(tmp_path: Path) -> None:
    pairs = [TmxPair("en", "ru", "a\x0bb\x00c", "d\x01e"), TmxPair("en", "zh", "cr\r\nlf", "x")]
    out = tmp_path / "out.tmx"
    write_tmx(out, pairs)
    assert out.read_bytes() == _toolkit_bytes(pairs)
    assert [(p.source, p.target) for p in read_tmx(out).pairs[::2]] == [("abc", "de"), ("cr\r\nlf", "x")]


def test_pairs_are_consumed_one_at_a_time_and_a_failure_writes_nothing(tmp_path: Path) -> None:
    """The writer takes pairs from an iterator as it writes (no list of them); an error half-way leaves no
    file (atomic write)."""
    seen: list[int] = []

    def gen() -> Iterator[TmxPair]:
        for k, p in enumerate(_pairs(50)):
            seen.append(k)
            if k == 30:
                raise RuntimeError("source failed")
            yield p
    out = tmp_path / "out.tmx"
    with pytest.raises(RuntimeError):
        write_tmx(out, gen())
    assert seen == list(range(31))
    assert not out.exists() and not list(tmp_path.iterdir())
