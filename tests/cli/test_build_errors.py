"""Bad input: one line naming the problem, exit 1 (bad input) or 2 (usage), no traceback, no output left."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.conftest import SEED_SPEC, TEMPLATES

SEED = SEED_SPEC.read_text(encoding="utf-8")


def _line(fragment: str) -> str:
    """``statement.yaml:N`` where N is the seed line containing ``fragment``."""
    n = next(i for i, line in enumerate(SEED.splitlines(), 1) if fragment in line)
    return f"statement.yaml:{n}:"


def _spec(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "statement.yaml"
    p.write_text(text, encoding="utf-8")
    return p


def _one_line_error(result: Result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(("statementkit: ", "Usage:", "Error:")) or "Error:" in result.stderr
    for f in fragments:
        assert f in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout


CASES = {
    "malformed-yaml": (SEED.replace("  venue: urumqi", "  venue: [urumqi"), ["malformed YAML", "statement.yaml:"]),
    "unknown-template": (SEED.replace("template: reaffirm.ip-role", "template: reaffirm.nothing"),
                         ["unknown template 'reaffirm.nothing'", _line("template: reaffirm.ip-role")]),
    "unknown-party": (SEED.replace("  - tj-ncpi", "  - tj-nowhere"), ["unknown party office 'tj-nowhere'"]),
    "missing-slot": (SEED.replace("    slots: {since: 2016}\n", ""), ["missing slot 'since'", "clause 'bripc'"]),
    "wrong-slot-type": (SEED.replace("{since: 2016}", "{since: two thousand}"),
                        ["clause 'bripc', slot 'since': expected a year", _line("{since: 2016}")]),
    "unknown-venue": (SEED.replace("venue: urumqi", "venue: atlantis"), ["unknown city 'atlantis'"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_statements(run: Callable[..., Result], tmp_path: Path, case: str) -> None:
    text, fragments = CASES[case]
    spec = _spec(tmp_path, text)
    out = tmp_path / "out"
    out.mkdir()
    result = run("build", spec, "--lang", "all", "-o", out)
    _one_line_error(result, 1, *fragments)
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_lists_problems_and_exits_1(run: Callable[..., Result], tmp_path: Path, case: str) -> None:
    text, fragments = CASES[case]
    result = run("check", _spec(tmp_path, text))
    assert result.exit_code == 1
    assert fragments[0] in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_check_lists_all_problems_at_once(run: Callable[..., Result], tmp_path: Path) -> None:
    text = SEED.replace("  - tj-ncpi", "  - tj-nowhere").replace("{since: 2016}", "{}").replace(
        "template: reaffirm.ip-role", "template: reaffirm.nothing")
    result = run("check", _spec(tmp_path, text))
    assert result.exit_code == 1
    assert "unknown party office 'tj-nowhere'" in result.stdout
    assert "unknown template 'reaffirm.nothing'" in result.stdout
    assert "missing slot 'since'" in result.stdout
    assert result.stderr.strip() == "statementkit: 3 problems found"


def test_unsupported_language_is_a_usage_error(run: Callable[..., Result], seed_copy: Path) -> None:
    result = run("build", seed_copy, "--lang", "fr")
    _one_line_error(result, 2, "unknown language 'fr'")
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == ["statement.yaml"]


def test_output_in_a_missing_folder(run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    result = run("build", seed_copy, "--lang", "en", "-o", tmp_path / "nope" / "x.docx")
    _one_line_error(result, 1, "output folder does not exist")
    result = run("build", seed_copy, "--lang", "all", "-o", tmp_path / "nope")
    _one_line_error(result, 1, "several languages go to a folder: end it with a slash")
    assert not (tmp_path / "nope").exists()


def test_template_reaching_for_dunder_class(run: Callable[..., Result], tmp_path: Path, seed_copy: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(TEMPLATES, library)
    evil = library / "clauses" / "99-evil.yaml"
    evil.write_text("family: evil\nclauses:\n  - id: evil.escape\n"
                    "    en: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n"
                    "    zh: \"{{ ''.__class__ }}\"\n    ru: \"{{ ''.__class__ }}\"\n", encoding="utf-8")
    seed_copy.write_text(SEED.replace("template: reaffirm.ip-role", "template: evil.escape"), encoding="utf-8")
    result = run("build", seed_copy, "--library", library, "--lang", "en", "--format", "txt")
    _one_line_error(result, 1, "unsafe")
    assert not list(seed_copy.parent.glob("*.txt"))


def test_parallel_with_text_format_is_a_usage_error(run: Callable[..., Result], seed_copy: Path) -> None:
    _one_line_error(run("build", seed_copy, "--parallel", "--format", "txt"), 2, "--parallel writes DOCX")


def test_missing_spec_file(run: Callable[..., Result], tmp_path: Path) -> None:
    _one_line_error(run("build", tmp_path / "none.yaml"), 1, "file not found")


def test_no_traceback_in_a_real_process(tmp_path: Path) -> None:
    spec = _spec(tmp_path, "meeting: [\n")
    proc = subprocess.run([sys.executable, "-m", "statementkit", "build", str(spec)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("statementkit: ")
    assert "malformed YAML" in proc.stderr


def test_binary_file_as_statement(run: Callable[..., Result], tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_bytes(b"\x00\x01\x02 garbage")
    _one_line_error(run("build", spec), 1, "not a YAML text file")
    _one_line_error(run("check", spec), 1, "not a YAML text file")


def test_unwritable_output_is_one_line(run: Callable[..., Result], seed_copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "statement.en.docx").mkdir()  # a folder where the file should go: the rename fails
    result = run("build", seed_copy, "--lang", "en", "--lang", "zh", "-o", blocked)
    _one_line_error(result, 1, "cannot write", "statement.en.docx")
    assert sorted(p.name for p in blocked.iterdir()) == ["statement.en.docx"]  # no temp file left behind
