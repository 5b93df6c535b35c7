"""Tables in `import` and `build`: a table is imported as table cells (clauses with ``cell: [table, row,
column]``), its cells pair across languages by position, and `build` lays the table out again; a table whose
layout a table clause cannot hold (merged cells, ragged rows, several paragraphs in a cell, another shape in
another version) is kept as text and reported, never dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from statementkit.cli import cli

TEXT = {
    "en": ["The Parties agree on the following work plan for 2026.",
           [["Action", "Responsible office", "Year"],
            ["Training of patent examiners", "Patent office of each Party", "2026"],
            ["Exchange of trademark data", "Intellectual property offices of the Parties", "2027"]],
           "The Parties will review the plan at their next meeting."],
    "zh": ["各方商定2026年工作计划如下。",
           [["行动", "负责机构", "年份"],
            ["专利审查员培训", "各方专利局", "2026年"],
            ["商标数据交换", "各方知识产权机构", "2027年"]],
           "各方将在下次会议上审议该计划。"],
    "ru": ["Стороны согласовали следующий план работы на 2026 год.",
           [["Мероприятие", "Ответственное ведомство", "Год"],
            ["Обучение патентных экспертов", "Патентное ведомство каждой Стороны", "2026"],
            ["Обмен данными о товарных знаках", "Ведомства интеллектуальной собственности Сторон", "2027"]],
           "Стороны рассмотрят план на следующем заседании."],
}


def run(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def write_docx(path: Path, parts: list[Any], merge: bool = False, extra_paragraph: bool = False,
               vertical: bool = False) -> Path:
    """A host's DOCX (python-docx, no statementkit bookmarks): paragraphs and a table (``merge``: the last
    row's first two cells merged; ``extra_paragraph``: a second paragraph in one cell; ``vertical``: the
    last column's last two cells merged, their texts in the one cell left)."""
    import docx

    document = docx.Document()
    for part in parts:
        if isinstance(part, str):
            document.add_paragraph(part)
            continue
        table = document.add_table(rows=len(part), cols=len(part[0]))
        for r, row in enumerate(part):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        if merge:
            table.cell(len(part) - 1, 0).merge(table.cell(len(part) - 1, 1))
        if extra_paragraph:
            table.cell(1, 1).add_paragraph("(lead office)")
        if vertical:
            table.cell(len(part) - 2, len(part[0]) - 1).merge(table.cell(len(part) - 1, len(part[0]) - 1))
    document.save(str(path))
    return path


def cell_texts(path: Path) -> list[list[list[str]]]:
    import docx

    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def body_texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs if p.text]


def test_a_table_is_imported_as_table_cells_and_built_again(tmp_path: Path) -> None:
    files = [write_docx(tmp_path / f"plan.{lg}.docx", TEXT[lg]) for lg in ("en", "zh", "ru")]
    folder = tmp_path / "imported"
    result = run("import", *files, "-o", folder)
    assert result.exit_code == 0, result.output
    assert "0 unpaired" in result.stdout and result.stderr == ""
    import yaml

    data = yaml.safe_load((folder / "statement.yaml").read_text(encoding="utf-8"))
    cells = [c for c in data["clauses"] if "cell" in c]
    assert [c["cell"] for c in cells] == [["t1", r, c] for r in (1, 2, 3) for c in (1, 2, 3)]
    assert [c["text"] for c in cells] == [t for row in TEXT["en"][1] for t in row]
    translations = (folder / "statement.translations.yaml").read_text(encoding="utf-8")
    for lg in ("zh", "ru"):  # every cell paired with the cell in the same place, no text lost
        for row in TEXT[lg][1]:
            for text in row:
                assert text in translations, text
    out = tmp_path / "built"
    assert run("build", folder, "-o", f"{out}/").exit_code == 0
    for lg in ("en", "zh", "ru"):
        assert cell_texts(out / f"statement.{lg}.docx") == [TEXT[lg][1]]
        assert body_texts(out / f"statement.{lg}.docx") == [TEXT[lg][0], TEXT[lg][2]]  # before and after it
    again = tmp_path / "again"  # the built table imports as the same cells, ids from the bookmarks
    assert run("import", *(out / f"statement.{lg}.docx" for lg in ("en", "zh", "ru")), "-o", again).exit_code == 0
    assert (again / "statement.yaml").read_text(encoding="utf-8").count("cell:") == 9
    assert run("check", folder).exit_code == 0


@pytest.mark.parametrize(("kind", "options"), [
    ("merged", {"merge": True}),
    ("paragraphs", {"extra_paragraph": True}),
    ("vertical", {"vertical": True}),
])
def test_a_table_a_clause_cannot_hold_is_kept_as_text_and_reported(tmp_path: Path, kind: str,
                                                                    options: dict[str, bool]) -> None:
    en = write_docx(tmp_path / "plan.en.docx", TEXT["en"], **options)
    zh = write_docx(tmp_path / "plan.zh.docx", TEXT["zh"])
    folder = tmp_path / "imported"
    result = run("import", en, zh, "-o", folder, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["tables"]) == 1 and "plan.en.docx: table 1 has merged cells" in report["tables"][0]
    statement = (folder / "statement.yaml").read_text(encoding="utf-8")
    assert "cell:" not in statement
    for text in {t for row in TEXT["en"][1] for t in row}:  # every cell's text kept, as a paragraph
        assert text in statement, text
    everything = statement + (folder / "statement.translations.yaml").read_text(encoding="utf-8")
    for text in {t for row in TEXT["zh"][1] for t in row}:
        assert text in everything, text


def test_a_table_of_another_shape_in_one_version_is_reported(tmp_path: Path) -> None:
    zh_parts = [TEXT["zh"][0], [*TEXT["zh"][1], ["地理标志合作", "各方知识产权机构", "2028年"]], TEXT["zh"][2]]
    en = write_docx(tmp_path / "plan.en.docx", TEXT["en"])
    zh = write_docx(tmp_path / "plan.zh.docx", zh_parts)
    result = run("import", en, zh, "-o", tmp_path / "imported")
    assert result.exit_code == 0, result.output
    assert "plan.zh.docx: table 1 has another shape (plan.en.docx: 3 rows × 3 columns)" in result.stderr
    everything = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "imported").iterdir())
    for text in [t for row in TEXT["en"][1] for t in row] + [t for row in zh_parts[1] for t in row]:
        assert text in everything, text


@pytest.mark.parametrize("value", ["[t1, 0, 1]", "[t1, 1]", "t1", "[1, 1, 1]", "[t1, 1, x]"])
def test_a_bad_cell_is_one_line(tmp_path: Path, value: str) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(f"statementkit: 1\nclauses:\n  - id: c1\n    text: A cell.\n    cell: {value}\n",
                    encoding="utf-8")
    result = run("check", spec)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "expected [table id, row, column]" in lines[0], result.stderr
