"""Cost of the XML guard (adapters/xmlsafe.py) on a large TMX: the strict decode of the declared encoding and the
expat prolog read, against lxml's parse alone, and the whole TMX read (guard, parse, per-unit reading).

Run: python bench/xml_guard.py [--mb 50] [--runs 3]
Prints the best of N runs in seconds and MB/s for UTF-8 and UTF-16 files of about --mb megabytes.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from statementkit.adapters.tm.tmx import read_tmx
from statementkit.adapters.xmlsafe import check_xml_bytes, make_parser

UNIT = ('<tu><tuv xml:lang="en-US"><seg>The Parties noted<ph x="1" type="lb"/>the results of meeting {n}.</seg></tuv>'
        '<tuv xml:lang="ru-RU"><seg>Стороны отметили<ph x="1" type="lb"/>итоги встречи {n}.</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>各方注意到第{n}次会议的成果。</seg></tuv></tu>\n')


def tmx_text(megabytes: int) -> str:
    unit_bytes = len(UNIT.format(n=100000).encode())
    n = megabytes * 1024 * 1024 // unit_bytes
    body = "".join(UNIT.format(n=k) for k in range(n))
    return ('<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
            f'<header srclang="en-US"/><body>{body}</body></tmx>')


def best(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    text = tmx_text(args.mb)
    print(f"{'file':<10} {'MB':>6} {'guard s':>8} {'lxml s':>8} {'guard %':>8} {'read_tmx s':>11} {'MB/s':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for enc in ("UTF-8", "UTF-16"):
            data = text.replace("{enc}", enc).encode(enc.lower())
            path = Path(tmp) / f"{enc}.tmx"
            path.write_bytes(data)
            guard = best(lambda d=data: check_xml_bytes(d, "bench"), args.runs)
            parse = best(lambda d=data: etree.fromstring(d, make_parser()), args.runs)
            whole = best(lambda p=path: read_tmx(p), 1)
            mb = len(data) / 1024 / 1024
            print(f"{enc:<10} {mb:>6.1f} {guard:>8.2f} {parse:>8.2f} {100 * guard / parse:>7.0f}% {whole:>11.2f} "
                  f"{mb / whole:>6.1f}")


if __name__ == "__main__":
    main()
