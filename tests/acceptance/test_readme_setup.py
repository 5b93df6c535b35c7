"""The README's two set-up commands, verbatim, in a fresh venv on a copy of the repository (issue 11).

The commands are read from the README (the block after the ``setup-commands`` marker), so the README and
this test cannot drift apart.  The second command (``python -m pytest``) would run the whole suite again,
this test included: ``PYTEST_ADDOPTS`` narrows it to one test file, the command itself stays verbatim.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

MARKER = "<!-- setup-commands:"


def setup_commands() -> list[str]:
    """The lines of the sh block after the marker in README.md."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r".*?-->\n```sh\n(.*?)```", text, re.S)
    assert block, "README.md lost its set-up commands block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_has_two_setup_commands_and_a_venv_step() -> None:
    commands = setup_commands()
    assert len(commands) == 2 and commands[0].startswith("pip install -e '.[test]'")
    assert commands[1] == "python -m pytest"
    assert "python3 -m venv .venv && . .venv/bin/activate" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_readme_setup_commands_run_verbatim_in_a_fresh_venv(tmp_path: Path) -> None:
    repo = tmp_path / "statementkit"
    ignore = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", ".mypy_cache", ".ruff_cache",
                                    ".pytest_cache", "*.docx", ".hypothesis")
    for name in ("src", "templates", "examples", "tests", "pyproject.toml", "README.md"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=ignore)
        else:
            shutil.copy(source, repo / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {**os.environ, "VIRTUAL_ENV": str(venv), "PATH": f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}",
           "PYTEST_ADDOPTS": "-p no:cacheprovider tests/cli/test_commands.py"}
    env.pop("PYTHONPATH", None)
    first, second = setup_commands()
    done = subprocess.run(first, shell=True, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    built = sorted(p.name for p in (repo / "examples" / "china-central-asia-ip-2023").glob("*.docx"))
    assert built == ["statement.en.docx", "statement.ru.docx", "statement.zh.docx"]
    tests = subprocess.run(second, shell=True, cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert tests.returncode == 0, tests.stdout[-3000:]
    assert re.search(r"\d+ passed", tests.stdout), tests.stdout[-2000:]
