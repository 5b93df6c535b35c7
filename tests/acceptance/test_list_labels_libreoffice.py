"""Acceptance: list labels compared with LibreOffice's rendering of the same files, label by label
(``ListLabelString``, a bullet's character in its font), for every numbering case of
:mod:`statementkit.testing.numbering_cases`, the Word documents of tests/data/numbering, and statementkit's own
zh/ru/en documents after a LibreOffice re-save.

Where LibreOffice and Word are known to number differently, Word wins (ECMA-376 Part 1 §17.9): each such
difference is listed in :data:`WORD_WINS` with its reason, and every entry must still occur (a stale
entry fails).  One soffice run per test."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from statementkit.adapters import libreoffice
from statementkit.adapters.docx.oxml.symbols import font_text
from statementkit.adapters.docx.reader import read_docx
from statementkit.testing import numbering_cases as nc
from tests.conftest import realdoc

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow,
              pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice is not installed")]

Rule = Callable[[int, str, str], bool]  # (number, our label, LibreOffice's) -> the known difference applies
_NO_FORMAT = "LibreOffice has no such format and writes decimal digits"
WORD_WINS: dict[str, tuple[Rule, str]] = {
    "upperLetter": (lambda n, o, lo: n > 780, "Word starts again after 780 (30 rounds of 26); LibreOffice goes on"),
    "lowerLetter": (lambda n, o, lo: n > 780, "as upperLetter"),
    "cardinalText en-US": (lambda n, o, lo: lo == o.replace("thousand ", "thousand and "),
                           "Word: 'One thousand one'; LibreOffice: 'One thousand and one'"),
    "ordinalText en-US": (lambda n, o, lo: lo == o.replace("thousand ", "thousand and "), "as cardinalText"),
    "chineseCounting": (lambda n, o, lo: n >= 100, "Word writes digits from 100 (一○一); LibreOffice 一百零一"),
    "taiwaneseCounting": (lambda n, o, lo: n >= 100, "as chineseCounting"),
    "chineseCountingThousand": (lambda n, o, lo: lo.replace("零", "〇") == o,
                                "Word writes 〇 for a zero inside the number (一百〇一); LibreOffice 零"),
    "ideographDigital": (lambda n, o, lo: n >= 10, "digit by digit (一○) in Word; LibreOffice counts (十)"),
    "ideographZodiacTraditional": (lambda n, o, lo: lo == f"{n}.", _NO_FORMAT),
    "ideographEnclosedCircle": (lambda n, o, lo: lo[:1] in "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑" or lo[:1] >= "㉑",
                                "Word: circled ideographs ㊀ … ㊉, then decimal; LibreOffice: circled digits ①"),
    "decimalEnclosedCircle": (lambda n, o, lo: n > 20, "Word writes decimal after ⑳; LibreOffice goes on ㉑ …"),
    "decimalEnclosedCircleChinese": (lambda n, o, lo: n > 20, "as decimalEnclosedCircle"),
    "decimalEnclosedFullstop": (lambda n, o, lo: lo == f"{n}.", _NO_FORMAT),
    "decimalEnclosedParen": (lambda n, o, lo: lo == f"{n}.", _NO_FORMAT),
    "taiwaneseDigital": (lambda n, o, lo: lo == f"{n}.", _NO_FORMAT),
    "hex": (lambda n, o, lo: lo == f"{n}.", _NO_FORMAT),
    "chicago": (lambda n, o, lo: n > 400, "statementkit writes decimal beyond 400 symbols; LibreOffice repeats"),
    "russianLower": (lambda n, o, lo: n > 29, "after я: аа, бб (Word's rule for letters); LibreOffice аа, аб"),
    "russianUpper": (lambda n, o, lo: n > 29, "as russianLower"),
    # structure case: LibreOffice 7.4 ignores w:lvlRestart and w:isLgl (§17.9.10, §17.9.4)
    "levels f": (lambda n, o, lo: True, "w:lvlRestart 1: level 2 does not restart after level 1"),
    "levels h": (lambda n, o, lo: True, "w:lvlRestart 0: level 1 never restarts"),
    "legal b": (lambda n, o, lo: True, "w:isLgl: the higher level's number in decimal"),
    "legal e": (lambda n, o, lo: True, "w:isLgl"),
}


def _rule(text: str, fmt: str | None) -> tuple[str, int]:
    """The WORD_WINS key that may apply to a paragraph, with its number: "FORMAT LANG N" in the format
    case, the paragraph's text in the structure case, the file's one format (``fmt``) with the number the
    paragraph's text gives in the Word test documents ("101")."""
    parts = text.split()
    if fmt is not None and text.isdigit():
        return fmt, int(text)
    if len(parts) == 3 and parts[2].isdigit():
        key = f"{parts[0]} {parts[1]}"
        return (key if key in WORD_WINS else parts[0]), int(parts[2])
    return text, 0


def compare(files: list[Path], *, changes: str = "accept", formats: dict[str, str] | None = None) -> Counter[str]:
    """Assert that our labels equal LibreOffice's except for the known differences; count those
    (``formats``: file name → the one format its paragraphs are numbered with)."""
    reference = libreoffice.list_labels(files)
    used: Counter[str] = Counter()
    for f in files:
        ours = [(p.number or "", p.text) for p in read_docx(f, changes).paragraphs]  # type: ignore[arg-type]
        theirs = [(font_text(label, font or None), text) for label, text, font in reference[f]]
        # paragraphs paired by text (LibreOffice lists text boxes' paragraphs too); every numbered one paired
        blocks = difflib.SequenceMatcher(None, [t for _, t in ours], [t for _, t in theirs], autojunk=False)
        pairs = [(i + k, j + k) for i, j, size in blocks.get_matching_blocks() for k in range(size)]
        paired = {i for i, _ in pairs}
        assert all(i in paired for i, (label, _) in enumerate(ours) if label), f.name
        assert len(pairs) >= 0.85 * len(ours), f.name
        for (label, text), (lo_label, _) in ((ours[i], theirs[j]) for i, j in pairs):
            if label == lo_label:
                continue
            key, n = _rule(text, (formats or {}).get(f.name))
            rule = WORD_WINS.get(key)
            assert rule is not None and rule[0](n, label, lo_label), (f.name, text, label, lo_label)
            used[key] += 1
    return used


def test_numbering_cases_against_libreoffice(tmp_path: Path) -> None:
    files = [nc.write_case(nc.format_case(), tmp_path / "formats.docx"),
             nc.write_case(nc.structure_case(), tmp_path / "structure.docx")]
    used = compare(files)
    assert set(used) == set(WORD_WINS), set(WORD_WINS) - set(used)  # no stale entry
    total = len(read_docx(files[0]).paragraphs) + len(read_docx(files[1]).paragraphs)
    assert sum(used.values()) < total * 0.3  # most labels agree


def test_word_documents_against_libreoffice() -> None:
    used = compare([realdoc(n) for n in ("DB012-Lists-With-Different-Numberings.docx", "LIR007-ru-RU-ordinalText.docx",
                                         "LIR009-zh-CN-chineseCounting.docx", "HC031-Complicated-Document.docx")],
                   formats={"LIR009-zh-CN-chineseCounting.docx": "chineseCounting"})
    assert used == {"chineseCounting": 3482 - 99}  # 100 … 3482: digits in Word
    used_rejected = compare([realdoc("002-DeletedNumberedParagraphs.docx")], changes="reject")
    assert not used_rejected


def test_own_documents_survive_a_libreoffice_resave(tmp_path: Path) -> None:
    """The writer side: zh, ru and en documents built now, re-saved by LibreOffice, read with the same
    labels (（三） stays （三）, "–" stays "–"), and LibreOffice shows the same labels as we read."""
    from click.testing import CliRunner

    from statementkit.cli import cli

    built = []
    for lang in ("zh", "ru", "en"):
        out = tmp_path / f"{lang}.docx"
        args = ["build", str(REPO / "examples/china-central-asia-ip-2023/statement.yaml"), "--lang", lang, "-o", str(out)]
        assert CliRunner().invoke(cli, args).exit_code == 0
        built.append(out)
    resaved_dir = tmp_path / "resaved"
    resaved_dir.mkdir()
    resaved = libreoffice.resave_docx(built, resaved_dir)
    for f in built:
        before = [p.number for p in read_docx(f).paragraphs]
        after = [p.number for p in read_docx(resaved[f]).paragraphs]
        assert after == before, f.name
        assert "（三）" in before or "–" in before or "-" in before
    assert not compare([*built, *resaved.values()])
