"""End-to-end runs of build (md/txt/stdout), new, check and templates on real files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import docx
from click.testing import Result

from tests.conftest import SEED_SPEC


def test_build_markdown_and_text_files(run: Callable[..., Result], seed_copy: Path) -> None:
    assert run("build", seed_copy, "--format", "md").exit_code == 0
    md = (seed_copy.parent / "statement.en.md").read_text(encoding="utf-8")
    assert md.startswith("# Joint Statement of the First")
    zh = (seed_copy.parent / "statement.zh.md").read_text(encoding="utf-8")
    assert "   （一）知识产权战略和法律政策交流。" in zh
    assert run("build", seed_copy, "--lang", "ru", "--format", "txt", "-o", seed_copy.parent / "r.txt").exit_code == 0
    assert (seed_copy.parent / "r.txt").read_text(encoding="utf-8").startswith("Совместное заявление первого")


def test_build_to_stdout(run: Callable[..., Result]) -> None:
    result = run("build", SEED_SPEC, "--lang", "zh", "--lang", "en", "--format", "txt", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("首届中国—中亚知识产权局局长会议联合声明\n")
    assert "\nJoint Statement of the First" in result.stdout


def test_new_then_check_then_build(run: Callable[..., Result], tmp_path: Path) -> None:
    folder = tmp_path / "tashkent"
    result = run("new", folder, "--party", "cnipa", "--party", "uz-ip-office", "--venue", "tashkent",
                 "--date", "2026-05-20")
    assert result.exit_code == 0, result.stderr
    spec = folder / "statement.yaml"
    assert run("check", spec).exit_code == 0
    assert run("build", spec, "--lang", "all").exit_code == 0
    document = docx.Document(str(folder / "statement.en.docx"))
    opening = document.paragraphs[1].text
    assert opening.startswith("On May 20, 2026, Dr. Shen Changyu") and "in Tashkent." in opening
    assert document.paragraphs[-1].text.startswith("Done at Tashkent on May 20, 2026, in two originals, each in the Chinese, Russian and English languages")
    # the folder is not empty any more
    again = run("new", folder, "--party", "cnipa", "--party", "uz-ip-office", "--venue", "tashkent", "--date", "2026-05-20")
    assert again.exit_code == 1 and "not an empty folder" in again.stderr


def test_new_rejects_unknown_ids(run: Callable[..., Result], tmp_path: Path) -> None:
    r = run("new", tmp_path / "x", "--party", "nope", "--venue", "tashkent", "--date", "2026-05-20")
    assert r.exit_code == 1 and "unknown office 'nope'" in r.stderr
    r = run("new", tmp_path / "x", "--party", "cnipa", "--party", "uz-ip-office", "--venue", "tashkent",
          "--date", "20.05.2026")
    assert r.exit_code == 2 and "YYYY-MM-DD" in r.stderr
    assert not (tmp_path / "x").exists()


def test_templates_list_and_show(run: Callable[..., Result]) -> None:
    listed = run("templates", "list")
    assert listed.exit_code == 0
    assert "opening.heads-met" in listed.stdout
    shown = run("templates", "show", "cooperation.bripc")
    assert "since (year)" in shown.stdout and "[zh]" in shown.stdout and "[ru]" in shown.stdout
    missing = run("templates", "show", "nope")
    assert missing.exit_code == 1 and "unknown template 'nope'" in missing.stderr


def test_check_ok(run: Callable[..., Result]) -> None:
    result = run("check", SEED_SPEC)
    assert result.exit_code == 0 and result.stdout.strip().endswith("ok (16 clauses, zh, ru, en)")


def test_help_does_not_import_heavy_libraries() -> None:
    code = ("import sys; from statementkit.cli import cli; "
            "from click.testing import CliRunner; CliRunner().invoke(cli, ['--help']); "
            "heavy = [m for m in ('docx', 'lxml', 'ctranslate2', 'sentencepiece', 'jinja2', 'babel', 'sacrebleu', "
            "'rapidfuzz', 'yaml') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_every_command_has_help(run: Callable[..., Result]) -> None:
    import click

    from statementkit.cli import COMMANDS, cli

    ctx = click.Context(cli)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert command is not None and (command.help or "").strip(), name
        assert run(name, "--help").exit_code == 0
