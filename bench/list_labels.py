"""Benchmark the list labels of the DOCX reader (adapters/docx/list_labels.py): the two 3,500-paragraph
Word test documents (zh chineseCounting, ru ordinalText) read whole, best of 3, and format_number alone on
every format of the numbering cases for the numbers 1 … 3,000 (cold cache).

Run: ``PYTHONPATH=src python bench/list_labels.py``.  The last line is
``list label figures: zh=<s> ru=<s> formats=<labels per s>``.
"""

from __future__ import annotations

import time
from pathlib import Path

# Word's own test documents, read in place (../shared/realdocs beside the checkout; MIT, see its MANIFEST.md)
DATA = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


def best_of(n: int, fn: object) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    from statementkit.adapters.docx.list_labels import format_number
    from statementkit.adapters.docx.reader import read_docx
    from statementkit.testing.numbering_cases import FORMATS

    if not DATA.is_dir():
        raise SystemExit(f"bench/list_labels.py: {DATA} not found (the Word test documents of ../shared/realdocs)")

    zh = best_of(3, lambda: read_docx(DATA / "LIR009-zh-CN-chineseCounting.docx"))
    ru = best_of(3, lambda: read_docx(DATA / "LIR007-ru-RU-ordinalText.docx"))
    print(f"LIR009 zh chineseCounting, 3,483 paragraphs: read in {zh:.3f} s")
    print(f"LIR007 ru ordinalText, 3,501 paragraphs: read in {ru:.3f} s")
    format_number.cache_clear()
    t = time.perf_counter()
    count = 0
    for fmt, lang in FORMATS:
        for k in range(1, 3001):
            format_number(k, fmt, lang[:2])
            count += 1
    rate = count / (time.perf_counter() - t)
    print(f"format_number, {len(FORMATS)} formats x 3,000 numbers: {rate:,.0f} labels/s")
    print(f"list label figures: zh={zh:.3f} ru={ru:.3f} formats={rate:.0f}")


if __name__ == "__main__":
    main()
