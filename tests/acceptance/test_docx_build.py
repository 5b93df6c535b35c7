"""Build every language to DOCX and read the files back with python-docx."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest
import regex

from statementkit.adapters.docx import oxml
from statementkit.adapters.textout import to_text
from statementkit.app.workspace import load_workspace
from statementkit.services.assemble.render import assemble
from tests.conftest import EXAMPLES, TEMPLATES, soffice

ALLOWED_LATIN = {"WIPO", "IP", "TISC", "TISCs", "BRIPC", "PCT", "C", "CNIPA"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from click.testing import CliRunner

    from statementkit.cli import cli

    out = tmp_path_factory.mktemp("built")
    spec = EXAMPLES / "china-central-asia-ip-2023" / "statement.yaml"
    for args in (["--lang", "all"], ["--parallel"]):
        result = CliRunner().invoke(cli, ["build", str(spec), *args, "-o", str(out)], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
    return {p.name.split(".")[1]: p for p in out.glob("*.docx")}


def _expected(lang: str) -> list[str]:
    ws = load_workspace(EXAMPLES / "china-central-asia-ip-2023" / "statement.yaml", TEMPLATES)
    doc = assemble(ws.statement, ws.registry, ws.library, lang)
    return [b.text for b in doc.blocks]


@pytest.mark.parametrize("lang", ["en", "zh", "ru"])
def test_docx_paragraphs_numbering_and_properties(built: dict[str, Path], lang: str) -> None:
    document = docx.Document(str(built[lang]))
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == _expected(lang)
    numbered = [p for p in document.paragraphs if oxml.numbering_of(p)]
    numbering = document.part.numbering_part.element
    formats = [oxml.num_format(numbering, *oxml.numbering_of(p)) for p in numbered]  # type: ignore[misc]
    clause_format = ("chineseCounting", "%1、") if lang == "zh" else ("decimal", "%1.")  # 一、 in Chinese
    assert formats.count(clause_format) == 7  # clauses 1–7
    items = [f for f in formats if f != clause_format]
    assert len(items) == 6  # the six areas of clause 6
    assert items[0] == {"en": ("bullet", "-"), "ru": ("bullet", "–"), "zh": ("chineseCounting", "（%1）")}[lang]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert oxml.east_asian_font(document.styles["Normal"].element) == "SimSun"
    core = document.core_properties
    assert core.language == {"en": "en-US", "zh": "zh-CN", "ru": "ru-RU"}[lang]
    assert core.title == texts[0]


def test_zh_body_has_no_latin_outside_the_allow_list(built: dict[str, Path]) -> None:
    body = "\n".join(p.text for p in docx.Document(str(built["zh"])).paragraphs)
    words = set(regex.findall(r"\p{Latin}+", body))
    assert words <= ALLOWED_LATIN, words - ALLOWED_LATIN
    assert "," not in body and "(" not in body and ";" not in body  # full-width punctuation only


def test_ru_offices_in_the_genitive_after_titles(built: dict[str, Path]) -> None:
    body = "\n".join(p.text for p in docx.Document(str(built["ru"])).paragraphs)
    for phrase in ("руководитель Национального управления интеллектуальной собственности",
                   "директор Департамента по правам интеллектуальной собственности",
                   "директор Национального патентно-информационного центра",
                   "начальник Государственной службы по интеллектуальной собственности",
                   "провели в Урумчи первое Совещание"):
        assert phrase in body
    assert '"' not in body and "(далее – Стороны)" in body
    assert not regex.search(r"\p{Latin}{2,}", body.replace("BRIPC", ""))


def test_parallel_docx_has_a_column_per_language(built: dict[str, Path]) -> None:
    document = docx.Document(str(built["parallel"]))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["中文", "Русский", "English"]
    assert len(table.rows) == 1 + len(_expected("en"))
    row = next(r for r in table.rows if r.cells[2].text.startswith("7. "))
    assert row.cells[0].text.startswith("七、各方认识到世界知识产权组织")
    assert row.cells[1].text.startswith("7. Признавая значение Всемирной организации")
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape


def test_text_output_matches_docx(built: dict[str, Path]) -> None:
    ws = load_workspace(EXAMPLES / "china-central-asia-ip-2023" / "statement.yaml", TEMPLATES)
    text = to_text(assemble(ws.statement, ws.registry, ws.library, "zh"))
    assert "（一）知识产权战略和法律政策交流。" in text


@pytest.mark.libreoffice
@pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_every_built_docx(built: dict[str, Path], tmp_path: Path) -> None:
    from click.testing import CliRunner

    from statementkit.cli import cli

    files = [str(p) for p in built.values()]
    for spec in EXAMPLES.glob("*/statement.yaml"):  # every example, every language, and its parallel table
        if spec.parent.name == "china-central-asia-ip-2023":
            continue
        out = tmp_path / spec.parent.name
        out.mkdir()
        for args in (["--lang", "all"], ["--parallel"]):
            result = CliRunner().invoke(cli, ["build", str(spec), *args, "-o", str(out)], catch_exceptions=False)
            assert result.exit_code == 0, result.stderr
        for p in out.glob("*.docx"):
            renamed = tmp_path / f"{spec.parent.name}.{p.name}"
            p.rename(renamed)
            files.append(str(renamed))
    assert len(files) == 4 * len(list(EXAMPLES.glob("*/statement.yaml")))  # three languages and the table
    proc = subprocess.run(
        [soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *files], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    for name in map(Path, files):
        pdf = tmp_path / (name.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 5000, proc.stdout + proc.stderr
        assert pdf.read_bytes().startswith(b"%PDF")


EXAMPLE_SPECS = sorted(p for p in EXAMPLES.glob("*/statement.yaml")
                       if "text:" not in p.read_text(encoding="utf-8"))  # template-only examples


@pytest.mark.parametrize("spec", EXAMPLE_SPECS, ids=lambda p: p.parent.name)
def test_every_example_builds_and_reads_back(spec: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from statementkit.cli import cli
    from statementkit.model.document import BlockKind
    from statementkit.services.assemble.render import LINE_BREAK

    result = CliRunner().invoke(cli, ["build", str(spec), "-o", str(tmp_path)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    ws = load_workspace(spec, TEMPLATES)
    for lang in ws.statement.languages:
        rendered = assemble(ws.statement, ws.registry, ws.library, lang)
        document = docx.Document(str(tmp_path / f"statement.{lang}.docx"))
        assert [p.text for p in document.paragraphs if p.text] == [
            b.text for b in rendered.blocks if b.kind is not BlockKind.SIGNATURE]
        signatures = [b.text.replace(LINE_BREAK, "\n") for b in rendered.blocks if b.kind is BlockKind.SIGNATURE]
        if signatures:  # the signature page: a table, side by side for two parties
            cells = [c.text for row in document.tables[-1].rows for c in row.cells]
            assert cells == signatures
            assert len(document.tables[-1].columns) == (2 if len(signatures) == 2 else 1)
        numbered = [p for p in document.paragraphs if oxml.numbering_of(p)]
        expected = [b for b in rendered.blocks if b.kind in (BlockKind.NUMBERED, BlockKind.BULLET)]
        assert len(numbered) == len(expected)
        assert oxml.east_asian_font(document.styles["Normal"].element) == "SimSun"
        assert "{{" not in "".join(b.text for b in rendered.blocks)
