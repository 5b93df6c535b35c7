"""Issue 11: one test per fault found by trying every command as a newcomer (items 2-9; item 1, typed
values, is the robust branch's).  The command-tree test (test_command_tree.py) runs the contract over
every command; these pin each reported case."""

from __future__ import annotations

import itertools
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result

from tests.conftest import EXAMPLES, SEED_SPEC, SHARED

AMENDED = EXAMPLES / "china-central-asia-ip-2023-amended"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def one_line(result: Result, code: int) -> str:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: "), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


@pytest.fixture
def amended_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "amended"
    shutil.copytree(AMENDED, folder)
    return folder / "statement.yaml"


# ---- 2. -o -------------------------------------------------------------------------------------------------
def test_parallel_to_a_missing_folder_with_a_slash(run: Callable[..., Result], seed_copy: Path,
                                                   tmp_path: Path) -> None:
    assert run("build", seed_copy, "--parallel", "-o", f"{tmp_path}/out/").exit_code == 0
    assert (tmp_path / "out" / "statement.parallel.docx").is_file()


def test_one_language_to_a_missing_folder_with_a_slash(run: Callable[..., Result], seed_copy: Path,
                                                       tmp_path: Path) -> None:
    assert run("build", seed_copy, "--lang", "en", "-o", f"{tmp_path}/newdir/").exit_code == 0
    assert (tmp_path / "newdir" / "statement.en.docx").is_file()


def test_several_languages_to_a_missing_folder_with_a_slash(run: Callable[..., Result], seed_copy: Path,
                                                            tmp_path: Path) -> None:
    assert run("build", seed_copy, "-o", f"{tmp_path}/a/b/").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == [
        "statement.en.docx", "statement.ru.docx", "statement.zh.docx"]


def test_a_name_without_suffix_is_not_taken_for_a_docx(run: Callable[..., Result], seed_copy: Path,
                                                        tmp_path: Path) -> None:
    line = one_line(run("build", seed_copy, "--parallel", "-o", tmp_path / "out"), 2)
    assert "trailing slash" in line and not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [
    ["build", "--lang", "en", "--format", "docx", "-o", "x.md"],
    ["build", "--lang", "en", "-o", "x.odt"],
    ["diff", "--format", "html", "-o", "x.json"],
    ["review", "export", "--lang", "zh", "--format", "xliff", "-o", "x.docx"],
])
def test_a_suffix_of_another_format_is_refused(run: Callable[..., Result], seed_copy: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, args: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    words = 2 if args[0] == "review" else 1
    spec_args = [seed_copy, seed_copy] if args[0] == "diff" else [seed_copy]
    result = run(*args[:words], *spec_args, *args[words:])
    line = one_line(result, 2)
    assert args[-1] in line
    assert not (tmp_path / args[-1]).exists()


def test_the_format_is_taken_from_the_suffix(run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    assert run("build", seed_copy, "--lang", "en", "-o", tmp_path / "x.md").exit_code == 0
    assert (tmp_path / "x.md").read_text(encoding="utf-8").startswith("# Joint Statement")
    assert run("diff", seed_copy, seed_copy, "-o", tmp_path / "d.html").exit_code == 0
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---- 3. - ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("args", "starts"), [
    (["diff", "{spec}", "{spec}", "--format", "html", "-o", "-"], b"<!DOCTYPE html>"),
    (["diff", "{spec}", "{spec}", "--format", "json", "-o", "-"], b"{"),
    (["diff", "{spec}", "{spec}", "--lang", "en", "--format", "docx", "-o", "-"], b"PK\x03\x04"),
    (["review", "export", "{spec}", "--lang", "zh", "--format", "xliff", "-o", "-", "--no-memory"], b"<?xml"),
    (["review", "export", "{spec}", "--lang", "zh", "-o", "-", "--no-memory"], b"PK\x03\x04"),
    (["terms", "export", "-"], b"<?xml"),
    (["build", "{spec}", "--lang", "zh", "-o", "-"], b"PK\x03\x04"),
])
def test_dash_writes_to_stdout(run: Callable[..., Result], seed_copy: Path, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch, args: list[str], starts: bytes) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*[a.format(spec=seed_copy) for a in args])
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(starts)
    assert not (tmp_path / "-").exists()


def test_tm_and_terms_round_trip_through_pipes(run: Callable[..., Result], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.model.translation import Origin, Status

    monkeypatch.chdir(tmp_path)
    with TranslationMemory(tmp_path / "a.sqlite") as tm:
        tm.add("en", "zh", "Cooperation.", "合作。", origin=Origin.HUMAN, status=Status.APPROVED)
    exported = run("tm", "export", "-", "--tm", tmp_path / "a.sqlite")
    assert exported.exit_code == 0 and exported.stdout.startswith("<?xml")
    imported = run("tm", "import", "-", "--tm", tmp_path / "b.sqlite", input=exported.stdout)
    assert imported.exit_code == 0, imported.stderr
    assert imported.stdout.startswith("imported 2 pairs")  # both directions
    tbx = run("terms", "export", "-").stdout
    compared = run("terms", "import", "-", "-o", "-", input=tbx)
    assert compared.exit_code == 0 and compared.stdout.startswith("terms:\n  intellectual-property:")
    assert re.search(r"0 new, 0 changed, \d+ unchanged", compared.stderr)
    assert not (tmp_path / "-").exists()


def test_diff_and_review_import_read_stdin(run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    assert run("build", seed_copy, "--lang", "en", "-o", tmp_path / "a.docx").exit_code == 0
    diffed = run("diff", "-", tmp_path / "a.docx", input=(tmp_path / "a.docx").read_bytes())
    assert diffed.exit_code == 0 and diffed.stdout.splitlines()[-1].startswith("0 added, 0 deleted, 0 modified")
    xliff = run("review", "export", seed_copy, "--lang", "zh", "--format", "xliff", "-o", "-", "--no-memory")
    assert xliff.stderr.startswith("wrote stdout (16 clauses, zh)")
    back = run("review", "import", "-", seed_copy, "--format", "xliff", "--dry-run", input=xliff.stdout)
    assert back.exit_code == 0 and back.stderr.strip() == "-: 16 unchanged; nothing written"


def test_a_statement_on_stdin(run: Callable[..., Result], tmp_path: Path) -> None:
    seed = SEED_SPEC.read_text(encoding="utf-8")
    assert run("check", "-", input=seed).stdout.strip() == "-: ok (16 clauses, zh, ru, en)"
    assert run("build", "-", "--lang", "en", "-o", f"{tmp_path}/out/", input=seed).exit_code == 0
    assert (tmp_path / "out" / "statement.en.docx").is_file()
    bad = one_line(run("check", "-", input=seed.replace("date: 2023-07-24", "date: 2023-02-30")), 1)
    assert bad.startswith("statementkit: -:8: meeting.date: ")
    assert "give -o" in one_line(run("build", "-", input=seed), 2)
    assert "translations file is written beside it" in one_line(run("translate", "-", input=seed), 2)


def test_score_reads_the_hypothesis_from_stdin(run: Callable[..., Result], tmp_path: Path) -> None:
    ref = tmp_path / "ref.txt"
    ref.write_text("The Parties agreed.\nThey will meet.\n", encoding="utf-8")
    result = run("score", "-", ref, "--lang", "en", "--json", input="The Parties agreed.\nThey will meet.\n")
    assert result.exit_code == 0 and json.loads(result.stdout)["corpus"][0]["score"] == 100.0


def test_binary_output_is_not_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from statementkit.adapters.atomic import write_with
    from statementkit.errors import OutputError

    class Terminal(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    terminal = Terminal(io.BytesIO())
    monkeypatch.setattr(sys, "stdout", terminal)
    with pytest.raises(OutputError, match="not written to a terminal"):
        write_with("-", lambda fh: fh.write(b"PK\x03\x04\x00\xff"))
    write_with("-", lambda fh: fh.write(b"text is fine\n"))
    terminal.flush()
    assert terminal.buffer.getvalue() == b"text is fine\n"  # type: ignore[attr-defined]


# ---- 4. --json -----------------------------------------------------------------------------------------------
def test_check_json_on_a_file_level_error(run: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "statement.yaml"
    bad.write_text("statementkit: 1\nmeeting: [\n", encoding="utf-8")
    result = run("check", bad, "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["exit_code"] == 1 and "malformed YAML" in document["error"]


def test_check_json_with_problems_is_one_document(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED_SPEC.read_text(encoding="utf-8").replace("venue: urumqi", "venue: urumqy"),
                    encoding="utf-8")
    result = run("check", spec, "--json")
    assert result.exit_code == 1
    json.loads(result.stdout)  # the report itself, not a second document after it


# ---- 5. error wording ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["build", "{spec}", "--lang", "cn"],
    ["review", "export", "{spec}", "--lang", "cn"],
    ["score", "{spec}", "{spec}", "--lang", "cn"],
    ["diff", "{spec}", "{spec}", "--lang", "cn"],
    ["translate", "{spec}", "--to", "cn", "--no-memory"],
])
def test_one_wording_for_a_wrong_language_code(run: Callable[..., Result], seed_copy: Path,
                                               args: list[str]) -> None:
    line = one_line(run(*[a.format(spec=seed_copy) for a in args]), 2)
    assert "unknown language 'cn' (known: " in line and "did you mean 'zh'?" in line, line


def test_wrong_language_in_the_statement_same_wording(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED_SPEC.read_text(encoding="utf-8").replace("languages: [zh, ru, en]",
                                                                    "languages: [ZH, ru, en]"), encoding="utf-8")
    line = one_line(run("check", spec), 1)
    assert "statement.yaml:10: languages[0]: unknown language 'ZH'" in line and "did you mean 'zh'?" in line


def test_bad_option_value_is_one_line_without_usage_block(run: Callable[..., Result], seed_copy: Path) -> None:
    line = one_line(run("build", seed_copy, "--format", "odt"), 2)
    assert "Invalid value for '--format'" in line


def test_build_gives_the_line_check_gives(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED_SPEC.read_text(encoding="utf-8").replace("  - kyrgyzpatent", "  - kyrgyzpatnt"),
                    encoding="utf-8")
    built = one_line(run("build", spec, "-o", f"{tmp_path}/out/"), 1)
    checked = run("check", spec).stdout.splitlines()[0]
    assert built == f"statementkit: {checked}"
    assert "statement.yaml:15: parties[2]: unknown party office 'kyrgyzpatnt'; did you mean 'kyrgyzpatent'?" in built


def test_did_you_mean_for_templates_and_slots(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED_SPEC.read_text(encoding="utf-8").replace("template: reaffirm.ip-role",
                                                                    "template: reaffirm.ip-rol")
                    .replace("slots: {since: 2016}", "slots: {sinse: 2016}"), encoding="utf-8")
    result = run("check", spec)
    lines = result.stdout.splitlines()
    assert any("unknown template 'reaffirm.ip-rol'; did you mean 'reaffirm.ip-role'?" in x for x in lines)
    assert any("has no slot 'sinse' (slots: since); did you mean 'since'?" in x for x in lines)
    assert not any("missing slot 'since'" in x for x in lines)  # the misspelling is reported once, as itself
    shown = one_line(run("templates", "show", "reaffirm.ip-rol"), 1)
    assert "did you mean 'reaffirm.ip-role'?" in shown
    party = one_line(run("new", tmp_path / "n", "--party", "cnipz", "--party", "uz-ip-office", "--venue", "tashkent",
                         "--date", "2026-05-20"), 1)
    assert "unknown office 'cnipz'" in party and "did you mean 'cnipa'?" in party


def test_a_bad_slot_value_is_reported_once(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED_SPEC.read_text(encoding="utf-8").replace("slots: {since: 2016}", "slots: {since: soon}"),
                    encoding="utf-8")
    result = run("check", spec)
    assert result.exit_code == 1
    line = next(i for i, x in enumerate(spec.read_text(encoding="utf-8").splitlines(), 1) if "since: soon" in x)
    assert [x for x in result.stdout.splitlines() if "soon" in x] == [
        f"{spec}:{line}: clause 'bripc', slot 'since': expected a year, got 'soon'"]


def test_templates_list_unknown_family_and_plurals(run: Callable[..., Result]) -> None:
    line = one_line(run("templates", "list", "--family", "areaz"), 1)
    assert "unknown family 'areaz'" in line and "did you mean 'area'" in line
    listed = run("templates", "list", "--family", "signature")
    assert listed.exit_code == 0 and listed.stderr.strip() == "1 template"


def test_check_names_a_docx(run: Callable[..., Result], seed_copy: Path) -> None:
    assert run("build", seed_copy, "--lang", "en").exit_code == 0
    line = one_line(run("check", seed_copy.parent / "statement.en.docx"), 1)
    assert "a DOCX document, not a YAML text file" in line


def test_a_folder_made_by_new_is_a_spec(run: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "tashkent"
    assert run("new", folder, "--party", "cnipa", "--party", "uz-ip-office", "--venue", "tashkent", "--date",
               "2026-05-20").exit_code == 0
    checked = run("check", folder)
    assert checked.exit_code == 0, checked.stderr
    assert run("build", folder, "--lang", "en").exit_code == 0
    assert (folder / "statement.en.docx").is_file()


def test_reading_commands_create_no_memory(run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    line = one_line(run("tm", "export", tmp_path / "out.tmx", "--tm", tmp_path / "typo.sqlite"), 1)
    assert "typo.sqlite: no translation memory here" in line
    assert not (tmp_path / "typo.sqlite").exists() and not (tmp_path / "out.tmx").exists()
    one_line(run("review", "export", seed_copy, "--lang", "zh", "--tm", tmp_path / "typo.sqlite", "-o",
                 tmp_path / "r.docx"), 1)
    assert not (tmp_path / "typo.sqlite").exists()


# ---- 6. messages ---------------------------------------------------------------------------------------------
def test_translate_counts_each_clause_once(amended_copy: Path, models_dir: Path) -> None:
    from statementkit.app.translate import TranslateOptions, translate_spec

    text = amended_copy.read_text(encoding="utf-8")
    amended_copy.write_text(text.replace("The Parties welcome the memorandum", "The Parties warmly welcome the "
                                         "memorandum"), encoding="utf-8")
    result = translate_spec(amended_copy, TranslateOptions(targets=("zh", "ru"), models_dir=models_dir,
                                                           no_memory=True))
    s = result.summary
    assert (s.model, s.stale) == (0, 2)
    assert "0 by the model, 2 stale re-translated" in s.line()


def test_a_final_build_is_not_reported_like_an_error(run: Callable[..., Result], amended_copy: Path) -> None:
    result = run("build", amended_copy, "--final", "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    assert "statementkit:" not in result.stderr
    assert "translated clauses, all reviewed" in result.stderr


def test_missing_model_hint(run: Callable[..., Result], amended_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    translations = amended_copy.with_name("statement.translations.yaml")
    translations.unlink()
    line = one_line(run("translate", amended_copy, "--to", "zh", "--models", tmp_path / "empty", "--no-memory"), 1)
    assert "'statementkit models install --from en --to zh'" in line
    assert "'statementkit models install FILE.argosmodel'" in line and "--models" in line


def test_an_argos_package(run: Callable[..., Result], tmp_path: Path) -> None:
    bad = tmp_path / "x.argosmodel"
    bad.write_bytes(b"not a zip")
    line = one_line(run("models", "install", bad, "--models", tmp_path / "m"), 1)
    assert "not an Argos package" in line


# ---- 7. documents --------------------------------------------------------------------------------------------
def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


@pytest.mark.parametrize("kind", ["single", "parallel", "review"])
def test_no_python_docx_template_leftovers(run: Callable[..., Result], seed_copy: Path, tmp_path: Path,
                                           kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    out = tmp_path / "x.docx"
    args = {"single": ["build", seed_copy, "--lang", "en"], "parallel": ["build", seed_copy, "--parallel"],
            "review": ["review", "export", seed_copy, "--lang", "zh", "--no-memory"]}[kind]
    assert run(*args, "-o", out).exit_code == 0
    parts = _parts(out)
    assert not [n for n in parts if "thumbnail" in n or n.startswith("customXml")]
    app = parts["docProps/app.xml"].decode()
    assert "Microsoft" not in app and "<Application>statementkit" in app
    core = parts["docProps/core.xml"].decode()
    assert "python-docx" not in core and "2000-01-01" not in core and "2013-12-23" not in core
    assert "<dc:creator>statementkit</dc:creator>" in core and "2023-11-14T22:13:20Z" in core
    schema = SHARED / "schemas" / "ooxml" / "shared-documentPropertiesExtended.xsd"
    if schema.is_file():  # ECMA-376 Part 1: our app.xml is valid extended properties
        import xmlschema

        xmlschema.XMLSchema(str(schema)).validate(app)


def test_parallel_docx_declares_a_language_per_run(run: Callable[..., Result], seed_copy: Path,
                                                   tmp_path: Path) -> None:
    out = tmp_path / "p.docx"
    assert run("build", seed_copy, "--parallel", "-o", out).exit_code == 0
    d = docx.Document(str(out))
    assert d.core_properties.language == "zh-CN"
    row = d.tables[0].rows[2]
    langs = [c.paragraphs[0].runs[0]._r.find(f"{W}rPr/{W}lang").get(f"{W}val") for c in row.cells]
    assert langs == ["en-US", "ru-RU", "en-US"]  # zh: Latin characters en-US, Chinese ones zh-CN (eastAsia)


def test_latin_digits_in_chinese_runs_are_not_tagged_chinese(run: Callable[..., Result], seed_copy: Path,
                                                             tmp_path: Path) -> None:
    out = tmp_path / "zh.docx"
    assert run("build", seed_copy, "--lang", "zh", "-o", out).exit_code == 0
    d = docx.Document(str(out))
    runs = [r for p in d.paragraphs for r in p.runs if "2023" in r.text]
    assert runs
    for r in runs:
        lang = r._r.find(f"{W}rPr/{W}lang")
        assert lang.get(f"{W}val") == "en-US" and lang.get(f"{W}eastAsia") == "zh-CN"


def _split_numbers(paragraphs: list[list[str]]) -> list[str]:
    """Line ends that fall inside a number (digit | digit), as "…202|3年…"."""
    return [f"{a[-6:]}|{b[:6]}" for lines in paragraphs for a, b in itertools.pairwise(lines)
            if a[-1:].isdigit() and b[:1].isdigit()]


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_keeps_numbers_and_contractions_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice lays out a Chinese DOCX written by us without breaking "2023" or "20230724" across lines, and a
    Russian one without breaking "г-н" at its hyphen; the same files as before issue 11 (runs tagged zh-CN;
    ordinary hyphens) do break them, so the checks can fail."""
    from lxml import etree

    from statementkit.adapters import libreoffice
    from statementkit.adapters.docx.writer import write_docx
    from statementkit.model.document import Block, BlockKind, RenderedDocument

    if not libreoffice.available():
        pytest.skip("needs soffice and a python3 with uno")
    blocks = tuple(Block(BlockKind.PARAGRAPH, "会" * k + "各方同意在2023年和20230724号之间加强合作。" + "会" * 60)
                   for k in range(25, 50))  # the numbers fall at every place of the first line's end
    ours = tmp_path / "ours.docx"
    write_docx(RenderedDocument("zh", "标题", (Block(BlockKind.TITLE, "标题"), *blocks)), ours)
    before = tmp_path / "zh-tagged.docx"
    with zipfile.ZipFile(ours) as src, zipfile.ZipFile(before, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                root = etree.fromstring(data)
                for lang in root.iter(f"{W}lang"):
                    lang.set(f"{W}val", "zh-CN")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(item, data)
    ru, plain = tmp_path / "ru.docx", tmp_path / "ru-plain.docx"  # and "г-н" does not break at its hyphen
    russian = RenderedDocument("ru", "Заголовок", tuple(
        Block(BlockKind.PARAGRAPH, "слово " * 9 + "а" * j + " и г-н Шэнь Чанъюй, и г-жа Ли " + "слово " * 30)
        for j in range(16)))  # "г-н" at every place of the first line's end
    write_docx(russian, ru)
    from statementkit.adapters.docx import oxml

    monkeypatch.setattr(oxml, "no_break_hyphens", lambda run: None)
    write_docx(russian, plain)  # the same text with ordinary hyphens, for contrast
    layout = libreoffice.line_layout([ours, before, ru, plain])
    assert len(layout[ours]) == 26 and any(len(lines) > 1 for lines in layout[ours])
    assert _split_numbers(layout[ours]) == []
    assert _split_numbers(layout[before])  # the old tagging breaks numbers: the check above means something

    def hyphen_breaks(paragraphs: list[list[str]]) -> list[str]:
        return [f"{a[-5:]}|{b[:5]}" for lines in paragraphs for a, b in itertools.pairwise(lines)
                if a.rstrip()[-1:] in ("-", "\u2011") and b[:1] in ("н", "ж")]

    assert hyphen_breaks(layout[ru]) == []
    assert hyphen_breaks(layout[plain])  # LibreOffice does break an ordinary hyphen there


@pytest.mark.parametrize("parallel", [False, True])
def test_russian_contractions_do_not_break_at_the_hyphen(tmp_path: Path, parallel: bool) -> None:
    from statementkit.adapters.docx.reader import body_paragraph_texts
    from statementkit.adapters.docx.writer import write_docx, write_parallel_docx
    from statementkit.model.document import Block, BlockKind, RenderedDocument

    text = "Руководитель ведомства г-н Шэнь Чанъюй и г-жа Ли, а также кто-нибудь ещё."
    doc = RenderedDocument("ru", "Заголовок", (Block(BlockKind.TITLE, "Заголовок"),
                                               Block(BlockKind.PARAGRAPH, text, "p1")))
    out = tmp_path / "ru.docx"
    write_parallel_docx([doc], out) if parallel else write_docx(doc, out)
    xml = _parts(out)["word/document.xml"].decode()
    assert "г-н" not in xml and "г-жа" not in xml and "кто-нибудь" in xml  # only the contractions
    assert re.search(r"г</w:t><w:noBreakHyphen/><w:t[^>]*>н Шэнь", xml)
    assert any(text in t.replace("\u2011", "-") for t in body_paragraph_texts(out))  # read back: a hyphen


# ---- 8. score ------------------------------------------------------------------------------------------------
def test_score_translations_file_against_its_statement(run: Callable[..., Result], amended_copy: Path) -> None:
    result = run("score", amended_copy.with_name("statement.translations.yaml"), amended_copy, "--lang", "zh",
                 "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["segments"] == 5 and data["left_out"] == 17  # the title and the template clauses
    assert data["corpus"][0]["score"] == 100.0  # the template clauses are left out, not scored empty


def test_score_built_docx_after_a_move_matches_by_id(run: Callable[..., Result], seed_copy: Path,
                                                     tmp_path: Path) -> None:
    assert run("build", seed_copy, "--lang", "en", "-o", tmp_path / "a.docx").exit_code == 0
    text = seed_copy.read_text(encoding="utf-8")
    wipo = text[text.index("  - id: wipo"):text.index("  - id:", text.index("  - id: wipo") + 5)]
    moved = text.replace(wipo, "")
    moved = moved.replace("  - id: atmosphere", wipo + "  - id: atmosphere")
    seed_copy.write_text(moved, encoding="utf-8")
    assert run("build", seed_copy, "--lang", "en", "-o", tmp_path / "b.docx").exit_code == 0
    data = json.loads(run("score", tmp_path / "a.docx", tmp_path / "b.docx", "--lang", "en", "--json").stdout)
    assert data["corpus"][0]["score"] == 100.0 and data["left_out"] == 0


def test_score_built_docx_against_its_translations_file(run: Callable[..., Result], amended_copy: Path,
                                                        tmp_path: Path) -> None:
    assert run("build", amended_copy, "--lang", "zh", "-o", tmp_path / "zh.docx").exit_code == 0
    result = run("score", tmp_path / "zh.docx", amended_copy.with_name("statement.translations.yaml"), "--lang",
                 "zh", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["segments"] == 5 and data["corpus"][0]["score"] == 100.0


def test_score_strips_a_bom(run: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "ref.txt").write_text("The Parties agreed on cooperation.\n", encoding="utf-8")
    (tmp_path / "hyp.txt").write_text("\ufeffThe Parties agreed on cooperation.\n", encoding="utf-8")
    data = json.loads(run("score", tmp_path / "hyp.txt", tmp_path / "ref.txt", "--lang", "en", "--json").stdout)
    assert data["corpus"][1]["score"] == 100.0


# ---- 9. review -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("translate_first", [False, True])
def test_review_redlines_an_edited_source_in_both_orders(amended_copy: Path, models_dir: Path, tmp_path: Path,
                                                         translate_first: bool) -> None:
    from statementkit.app.review import ExportOptions, export_review
    from statementkit.app.translate import TranslateOptions, translate_spec

    text = amended_copy.read_text(encoding="utf-8")
    amended_copy.write_text(text.replace("The Parties welcome the memorandum",
                                         "The Parties warmly welcome the memorandum"), encoding="utf-8")
    if translate_first:
        translate_spec(amended_copy, TranslateOptions(targets=("zh",), models_dir=models_dir, no_memory=True))
    out = tmp_path / "r.docx"
    export_review(amended_copy, "zh", ExportOptions(output=out, no_memory=True))
    d = docx.Document(str(out))
    from statementkit.adapters.docx import oxml

    row = next(r for r in d.tables[0].rows[1:] if "tisc-memorandum" in oxml.cell_text(r.cells[1]._tc))
    runs = row.cells[2].paragraphs[0].runs
    assert "".join(r.text for r in runs if r.font.underline).strip() == "warmly"


# ---- the newcomer path: shell completion ------------------------------------------------------------------
@pytest.mark.parametrize(("words", "expected"), [
    ("templates show opening.hea", ["opening.heads-met"]),
    ("templates list --family are", ["area", "areas"]),
    ("new x --party kz", ["kz-ip-department"]),
    ("new x --venue tash", ["tashkent"]),
    ("review export s.yaml --lang r", ["ru"]),
    ("translate s.yaml --to z", ["zh"]),
])
def test_shell_completion_of_ids(words: str, expected: list[str]) -> None:
    from click.testing import CliRunner

    from statementkit.cli import cli

    parts = ["statementkit", *words.split()]
    env = {"_STATEMENTKIT_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(parts), "COMP_CWORD": str(len(parts) - 1)}
    result = CliRunner().invoke(cli, [], env=env, prog_name="statementkit")
    assert [line.split(",", 1)[1] for line in result.stdout.splitlines()] == expected


# ---- no traceback, ever --------------------------------------------------------------------------------------
def test_a_bug_is_one_line_and_exit_70(run: Callable[..., Result], seed_copy: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import statementkit.app.check

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("month must be in 1..12")

    monkeypatch.setattr(statementkit.app.check, "check_statement", broken)
    line = one_line(run("check", seed_copy), 70)
    assert "internal error: ValueError: month must be in 1..12" in line and "STATEMENTKIT_DEBUG=1" in line
    as_json = run("check", seed_copy, "--json")
    assert json.loads(as_json.stdout)["exit_code"] == 70
    monkeypatch.setenv("STATEMENTKIT_DEBUG", "1")
    with pytest.raises(ValueError):
        run("check", seed_copy)


def test_a_bad_top_level_option_is_one_line(run: Callable[..., Result]) -> None:
    line = one_line(run("--bogus"), 2)
    assert "No such option '--bogus'" in line
    assert json.loads(run("--bogus", "--json").stdout)["exit_code"] == 2
