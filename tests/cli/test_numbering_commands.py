"""Numbering as Word shows it, through the commands where labels matter: ``diff`` (renumbering alone is no
change; the label reported is the one Word shows), ``import`` (pairing by numbering across languages, sub-items
nested), ``check`` and ``review export`` of the imported statement; broken numbering parts as warnings."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from statementkit.cli import cli
from statementkit.testing import numbering_cases as nc

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "china-central-asia-ip-2023" / "statement.yaml"
DATA = ROOT / "tests" / "data" / "numbering"


def run(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def split_list(src: Path, dst: Path) -> Path:
    """``src`` with its clause list split in two w:num of the one definition from the 4th clause on: Word
    shows the same numbers (the second instance continues the list)."""
    with zipfile.ZipFile(src) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    doc = parts["word/document.xml"].decode()
    numbering = parts["word/numbering.xml"].decode()
    clause_num = re.findall(r'<w:numId w:val="(\d+)"/>', doc)[0]
    abstract = re.search(rf'<w:num w:numId="{clause_num}"><w:abstractNumId w:val="(\d+)"/>', numbering)
    assert abstract is not None
    numbering = numbering.replace("</w:numbering>", f'<w:num w:numId="90"><w:abstractNumId w:val="{abstract.group(1)}"/>'
                                                     "</w:num></w:numbering>")
    pieces = doc.split(f'<w:numId w:val="{clause_num}"/>')
    doc = pieces[0] + "".join(f'<w:numId w:val="{clause_num if k < 3 else 90}"/>' + piece
                              for k, piece in enumerate(pieces[1:]))
    parts["word/document.xml"], parts["word/numbering.xml"] = doc.encode(), numbering.encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return dst


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("drafts")
    assert run("build", SEED, "--lang", "en", "-o", out / "built.en.docx").exit_code == 0
    split = split_list(out / "built.en.docx", out / "draft.en.docx")
    zh = shutil.copy(DATA / "statement-zh-libreoffice-resave.docx", out / "draft.zh.docx")
    ru = shutil.copy(DATA / "statement-ru-libreoffice-resave.docx", out / "draft.ru.docx")
    return {"built": out / "built.en.docx", "en": split, "zh": Path(zh), "ru": Path(ru)}


def test_diff_reports_the_numbers_word_shows(drafts: dict[str, Path]) -> None:
    result = run("diff", drafts["built"], drafts["en"], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["summary"]["modified"] == data["summary"]["added"] == data["summary"]["deleted"] == 0
    numbers = [(c["old"]["number"], c["new"]["number"]) for c in data["clauses"] if c["new"]["number"]]
    assert [new for _, new in numbers if new.endswith(".")] == [f"{k}." for k in range(1, 8)]
    assert all(old == new for old, new in numbers)


def test_diff_against_a_libreoffice_resave_is_no_change(tmp_path: Path, drafts: dict[str, Path]) -> None:
    assert run("build", SEED, "--lang", "zh", "-o", tmp_path / "zh.docx").exit_code == 0
    result = run("diff", tmp_path / "zh.docx", drafts["zh"], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["summary"]) >= {"unchanged"} and data["summary"]["unchanged"] > 0
    assert sum(v for k, v in data["summary"].items() if k != "unchanged") == 0
    pairs = [(c["old"]["number"], c["new"]["number"]) for c in data["clauses"] if c["old"]["number"]]
    assert ("（三）", "（三）") in pairs and all(old == new for old, new in pairs)


def test_import_pairs_by_the_numbers_word_shows(tmp_path: Path, drafts: dict[str, Path]) -> None:
    folder = tmp_path / "imported"
    result = run("import", drafts["en"], drafts["zh"], drafts["ru"], "-o", folder, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["unpaired"] == [] and data["warnings"] == [] and data["paired"] == {"zh": data["clauses"],
                                                                                     "ru": data["clauses"]}
    spec = folder / "statement.yaml"
    assert run("check", spec).exit_code == 0
    xlf = tmp_path / "zh.xlf"
    assert run("review", "export", spec, "--lang", "zh", "--format", "xliff", "-o", xlf, "--no-memory").exit_code == 0
    names = re.findall(r'<unit [^>]*name="([^"]+)"', xlf.read_text(encoding="utf-8"))
    assert [n for n in names if n.startswith("6")] == ["6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6"]  # six sub-items


def test_broken_numbering_is_a_warning_and_the_text_is_kept(tmp_path: Path) -> None:
    cases = nc.broken_cases()
    loop = nc.write_case(cases["loop"], tmp_path / "loop.docx")
    missing = nc.write_case(cases["missing"], tmp_path / "missing.docx")
    result = run("diff", loop, missing)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 3 and "loop.docx: numbering definitions 1, 2 form a loop" in warnings[0]
    assert "Traceback" not in result.output
    assert "first clause in a loop" in result.stdout and "definition missing" in result.stdout
