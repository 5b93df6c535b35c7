"""List labels as Word shows them (adapters/docx/list_labels.py): every format, lists continued across
w:num, overrides, restarts, numbering styles, symbol-font bullets, real Word files, statementkit's own
documents after a LibreOffice re-save, and broken numbering parts.  LibreOffice's rendering of the same
files is compared in tests/acceptance/test_list_labels_libreoffice.py (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from statementkit.adapters.docx.list_labels import format_number
from statementkit.adapters.docx.oxml.symbols import font_char, font_text
from statementkit.adapters.docx.reader import read_docx
from statementkit.cli import cli
from statementkit.errors import DocxError
from statementkit.testing import numbering_cases as nc
from tests.conftest import realdoc

DATA = Path(__file__).resolve().parents[1] / "data" / "numbering"

# (format, language, number, label).  Sources: Word's output as Open-XML-PowerTools' ListItemRetriever
# tests compare it (chineseCounting, chineseCountingThousand, letters, cardinal/ordinal text en,
# decimalEnclosedCircle, decimalZero); ECMA-376 §17.18.59 for the others; LibreOffice where Word's is
# not documented (russianLower, ru ordinal).
FORMAT_CASES = [
    ("decimal", "en", 7, "7"), ("decimalZero", "en", 7, "07"), ("decimalZero", "en", 12, "12"),
    ("upperRoman", "en", 1994, "MCMXCIV"), ("lowerRoman", "en", 14, "xiv"),
    ("lowerLetter", "en", 27, "aa"), ("upperLetter", "en", 28, "BB"), ("lowerLetter", "en", 781, "a"),
    ("ordinal", "en", 1, "1st"), ("ordinal", "en", 12, "12th"), ("ordinal", "en", 23, "23rd"),
    ("ordinal", "ru", 3, "3-й"), ("ordinal", "zh", 3, "第3"),
    ("cardinalText", "en", 21, "Twenty-one"), ("cardinalText", "en", 101, "One hundred one"),
    ("cardinalText", "en", 1001, "One thousand one"),
    ("ordinalText", "en", 21, "Twenty-first"), ("ordinalText", "en", 100, "One hundredth"),
    ("cardinalText", "ru", 21, "Двадцать один"), ("cardinalText", "ru", 1000, "Одна тысяча"),
    ("ordinalText", "ru", 1, "Первый"), ("ordinalText", "ru", 101, "Сто первый"),
    ("ordinalText", "ru", 1001, "Одна тысяча первый"), ("ordinalText", "ru", 2000, "Двухтысячный"),
    ("russianLower", "ru", 1, "а"), ("russianLower", "ru", 9, "и"), ("russianLower", "ru", 10, "к"),
    ("russianLower", "ru", 26, "ы"), ("russianLower", "ru", 29, "я"), ("russianUpper", "ru", 30, "АА"),
    ("chineseCounting", "zh", 3, "三"), ("chineseCounting", "zh", 10, "十"), ("chineseCounting", "zh", 11, "十一"),
    ("chineseCounting", "zh", 99, "九十九"), ("chineseCounting", "zh", 101, "一○一"),
    ("chineseCountingThousand", "zh", 10, "十"), ("chineseCountingThousand", "zh", 101, "一百〇一"),
    ("chineseCountingThousand", "zh", 110, "一百一十"), ("chineseCountingThousand", "zh", 1010, "一千〇一十"),
    ("chineseLegalSimplified", "zh", 3, "叁"), ("chineseLegalSimplified", "zh", 12, "壹拾贰"),
    ("ideographLegalTraditional", "zh", 12, "壹拾貳"), ("ideographDigital", "zh", 105, "一○五"),
    ("ideographTraditional", "zh", 1, "甲"), ("ideographTraditional", "zh", 10, "癸"),
    ("ideographTraditional", "zh", 11, "11"), ("ideographZodiac", "zh", 12, "亥"),
    ("ideographZodiacTraditional", "zh", 11, "甲戌"), ("ideographEnclosedCircle", "zh", 1, "㊀"),
    ("decimalEnclosedCircle", "zh", 20, "⑳"), ("decimalEnclosedCircle", "zh", 21, "21"),
    ("decimalEnclosedCircleChinese", "zh", 3, "③"), ("decimalEnclosedFullstop", "zh", 3, "⒊"),
    ("decimalEnclosedParen", "zh", 3, "⑶"), ("decimalFullWidth", "zh", 12, "１２"),
    ("taiwaneseCounting", "zh", 11, "十一"), ("taiwaneseCountingThousand", "zh", 3, "三"),
    ("taiwaneseCountingThousand", "zh", 101, "一百零一"), ("taiwaneseDigital", "zh", 20, "二○"),
    ("chicago", "en", 5, "**"), ("hex", "en", 255, "FF"), ("none", "en", 4, ""),
    ("japaneseCounting", "en", 4, "4"),  # a format this reader does not know: decimal
]


@pytest.mark.parametrize(("fmt", "lang", "n", "label"), FORMAT_CASES)
def test_format_number(fmt: str, lang: str, n: int, label: str) -> None:
    assert format_number(n, fmt, lang) == label


def test_every_format_of_the_cases_is_covered_by_a_unit_case() -> None:
    assert {f for f, _ in nc.FORMATS} <= {f for f, *_ in FORMAT_CASES}


def test_labels_are_bounded_whatever_the_number() -> None:
    for fmt, lang in nc.FORMATS:
        for n in (0, 1, 780, 32767):
            assert len(format_number(n, fmt, lang[:2])) <= 120, (fmt, n)


def test_symbol_fonts() -> None:
    assert font_char("\uf0b7", "Symbol") == "•" and font_char("\uf02d") == "−"
    assert font_char("\uf0a7", "Wingdings") == "▪" and font_char("\uf0d8", "wingdings") == "➢"
    assert font_char("\uf0b7", "Calibri") == "\uf0b7"  # a font without a table keeps its character
    assert font_text("a\uf061", "Symbol") == "aα" and font_char("–", "Symbol") == "–"


@pytest.mark.parametrize(("sym", "text"), [
    ('<w:sym w:font="Symbol" w:char="F0B7"/>', "•"), ('<w:sym w:font="Symbol" w:char="B7"/>', "•"),
    ('<w:sym w:font="Wingdings" w:char="F0FC"/>', "✓"), ('<w:sym w:font="Symbol" w:char="2014"/>', "—"),
    ('<w:sym w:font="Calibri" w:char="F0B7"/>', "\uf0b7"),
    ('</w:r><w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\uf0b7\uf061</w:t>', "•α"),
])
def test_symbols_in_running_text(tmp_path: Path, sym: str, text: str) -> None:
    """w:sym in a run: the character its symbol font shows (the same kind as a bullet's label)."""
    case = nc.Case("sym", paragraphs=[nc.Para("before")])
    path = nc.write_case(case, tmp_path / "sym.docx")
    import zipfile

    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"before</w:t></w:r>", b"before</w:t>" + sym.encode() + b"</w:r>")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert read_docx(path).paragraphs[0].text == "before" + text


def labels(path: Path) -> dict[str, str | None]:
    return {p.text: p.number for p in read_docx(path).paragraphs if p.text}


def test_structure_case_as_word_numbers_it(tmp_path: Path) -> None:
    got = labels(nc.write_case(nc.structure_case(), tmp_path / "structure.docx"))
    # one definition, instances 1 and 2 continue one list; instance 3 restarts; instance 1 goes on from it
    assert [got[f"cont {k}"] for k in (1, 2, 3, 4, 5)] == ["1.", "2.", "3.", "4.", "5."]
    assert [got["restarted 1"], got["restarted 2"], got["cont again"]] == ["1.", "2.", "3."]
    assert [got["level override"], got["level override 2"]] == ["I)", "II)"]  # w:lvlOverride/w:lvl, startOverride 1
    # lvlRestart 0 (level 1 never restarts), lvlRestart 1 (level 2 restarts only after level 0)
    assert [got[f"levels {c}"] for c in "abcdefghijk"] == [
        "1.", "1.a)", "(i)", "(ii)", "1.b)", "(iii)", "2.", "2.c)", "(i)", "3.", "(i)"]
    assert [got[f"legal {c}"] for c in "abcde"] == ["I.", "1.1", "I.1.a", "II.", "2.1"]  # w:isLgl
    assert [got[f"style link {c}"] for c in "abc"] == ["A.", "A.1", "B."]  # w:numStyleLink → w:styleLink
    assert [got[t] for t in ("article one", "section one", "section two", "article two")] == [
        "Article 1", "1.1", "1.2", "Article 2"]  # paragraph styles, w:basedOn, the level's w:pStyle
    assert got["numbering switched off"] is None  # numId 0 on the paragraph overrides its style's list
    assert [got[f"bullet {f}"] for f in ("Symbol", "Wingdings", "Courier New", "Times New Roman")] == [
        "•", "▪", "o", "–"]
    assert [got["from zero"], got["from zero 2"], got["at the top"]] == ["0.", "1.", "32767."]


def test_format_case_labels(tmp_path: Path) -> None:
    paras = read_docx(nc.write_case(nc.format_case(), tmp_path / "formats.docx")).paragraphs
    assert len(paras) == len(nc.FORMATS) * sum(count for _, count in nc.RUNS)
    for p in paras:
        fmt, lang, n = p.text.split()
        assert p.number == format_number(int(n), fmt, lang[:2]) + ".", p.text


def test_word_documents() -> None:
    db012 = [p.number for p in read_docx(realdoc("DB012-Lists-With-Different-Numberings.docx")).paragraphs if p.text]
    assert db012 == ["1.", "2.", "3."] * 3
    zh = labels(realdoc("LIR009-zh-CN-chineseCounting.docx"))
    assert [zh[str(n)] for n in (1, 10, 11, 20, 99, 100, 101, 3482)] == [
        "一|", "十|", "十一|", "二十|", "九十九|", "一○○|", "一○一|", "三四八二|"]
    ru = labels(realdoc("LIR007-ru-RU-ordinalText.docx"))
    assert [ru[str(n)] for n in (1, 11, 101, 1000, 1001, 3500)] == [
        "Первый|", "Одиннадцатый|", "Сто первый|", "Тысячный|", "Одна тысяча первый|",
        "Три тысячи пятисотый|"]
    deleted = realdoc("002-DeletedNumberedParagraphs.docx")
    rejected = [p.number for p in read_docx(deleted, "reject").paragraphs if p.number]
    assert rejected == ["1.", "2.", "3.", "4.", "5."]
    assert [p.number for p in read_docx(deleted, "accept").paragraphs if p.number] == []
    hc = [p.number for p in read_docx(realdoc("HC031-Complicated-Document.docx")).paragraphs if p.number]
    assert hc[:15] == ["1)", "a)", "b)", "2)", "a)", "b)", "c)", "i)", "3)", "a)", "•", "o", "o", "•", "o"]
    assert hc[15:30] == ["I.", "a.", "b.", "c.", "II.", "a.", "b.", "III.", "a.", "b.", "1.", "2.", "3.", "4.", "5."]


def test_own_documents_after_a_libreoffice_resave() -> None:
    """main's zh and ru documents re-saved by LibreOffice: （三） stays （三）, the dash bullet is the
    character Word shows for Symbol's 0x2D (a minus sign), not U+F02D."""
    zh = [p.number for p in read_docx(DATA / "statement-zh-libreoffice-resave.docx").paragraphs if p.number]
    assert zh == ["一、", "二、", "三、", "四、", "五、", "六、", "（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "七、"]
    ru = [p.number for p in read_docx(DATA / "statement-ru-libreoffice-resave.docx").paragraphs if p.number]
    assert ru == ["1.", "2.", "3.", "4.", "5.", "6.", *["−"] * 6, "7."]
    assert not any("\ue000" <= ch <= "\uf8ff" for label in zh + ru for ch in label)


def test_built_bullets_name_their_font(tmp_path: Path) -> None:
    """The writer side: a sub-item bullet carries its font, so LibreOffice keeps the character."""
    import zipfile

    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "ru.docx"
    result = CliRunner().invoke(cli, ["build", str(root / "examples/china-central-asia-ip-2023/statement.yaml"),
                                      "--lang", "ru", "-o", str(out)])
    assert result.exit_code == 0, result.output
    numbering = zipfile.ZipFile(out).read("word/numbering.xml").decode()
    assert 'w:lvlText w:val="–"' in numbering
    bullet_level = numbering[numbering.index('w:lvlText w:val="–"'):]
    assert bullet_level.index('w:rFonts w:ascii="Times New Roman"') < bullet_level.index("</w:lvl>")


def test_broken_numbering_parts_keep_the_text(tmp_path: Path) -> None:
    cases = nc.broken_cases()
    loop = read_docx(nc.write_case(cases["loop"], tmp_path / "loop.docx"))
    assert [(p.text, p.number) for p in loop.paragraphs] == [
        ("first clause in a loop", None), ("second clause in a loop", None)]
    assert len(loop.warnings) == 1 and "form a loop through numbering styles" in loop.warnings[0]
    missing = read_docx(nc.write_case(cases["missing"], tmp_path / "missing.docx"))
    assert [(p.text, p.number) for p in missing.paragraphs] == [
        ("numbered", "1."), ("definition missing", None), ("list missing", None), ("level missing", None),
        ("numbered again", "2.")]
    assert len(missing.warnings) == 2
    assert "w:abstractNum) 7 is missing" in missing.warnings[0] and "names list 9" in missing.warnings[1]
    huge = read_docx(nc.write_case(cases["huge"], tmp_path / "huge.docx"))
    assert [(p.text, p.number) for p in huge.paragraphs] == [("a label of 100 000 characters", None), ("unnumbered", None)]
    assert huge.warnings == ["list 1 level 0 has a label text of 100003 characters (more than 255); those paragraphs "
                             "are read without automatic numbers"]


@pytest.mark.parametrize(("attr", "value", "message"), [
    ("start", "99999", "w:start value '99999' is not a whole number from 0 to 32767"),
    ("start", "-1", "w:start value '-1'"),
    ("ilvl", "9", "w:ilvl value '9' is not a whole number from 0 to 8"),
])
def test_absurd_values_are_one_line(tmp_path: Path, attr: str, value: str, message: str) -> None:
    path = nc.write_case(nc.bad_value_case(attr, value), tmp_path / "bad.docx")
    with pytest.raises(DocxError) as exc:
        read_docx(path)
    assert message in str(exc.value) and "bad.docx" in str(exc.value)
    good = nc.write_case(nc.structure_case(), tmp_path / "good.docx")
    result = CliRunner().invoke(cli, ["diff", str(good), str(path)])
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.output
    assert result.stderr.startswith("statementkit: ") and message in result.stderr


def test_redline_keeps_a_symbol_fonts_characters(tmp_path: Path) -> None:
    """The diff reads a Symbol-font run as "•" but writes the file's own character back into the redline
    (here OLD's bullet run, deleted in NEW, copied into the redline as a deletion)."""
    import zipfile

    symbol_run = '<w:r><w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol"/></w:rPr><w:t>\uf0b7</w:t></w:r>'
    paths = []
    for name, words in (("old", "the parties agree to cooperate"), ("new", "the parties agree to cooperate closely")):
        path = nc.write_case(nc.Case(name, paragraphs=[nc.Para(words)]), tmp_path / f"{name}.docx")
        with zipfile.ZipFile(path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist()}
        if name == "old":
            parts["word/document.xml"] = parts["word/document.xml"].replace(
                b"<w:r><w:rPr><w:lang", symbol_run.encode() + b"<w:r><w:rPr><w:lang", 1)
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in parts.items():
                zf.writestr(n, data)
        paths.append(path)
    assert read_docx(paths[0]).paragraphs[0].text == "•the parties agree to cooperate"
    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(cli, ["diff", str(paths[0]), str(paths[1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "\uf0b7" in document and "•" not in document and "<w:del " in document
    assert "closely" in document
