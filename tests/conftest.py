"""Shared fixtures: paths to the repo's library and examples, and a CLI runner that reports like a shell."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
EXAMPLES = REPO / "examples"
SEED_SPEC = EXAMPLES / "china-central-asia-ip-2023" / "statement.yaml"
SHARED = REPO.parent / "shared"


@pytest.fixture
def run() -> Callable[..., Result]:
    """Invoke the CLI in-process; returns Click's Result (exit_code, stdout, stderr)."""
    from statementkit.cli import cli

    def invoke(*args: str, input: str | None = None) -> Result:
        runner = CliRunner()
        return runner.invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    """The seed statement copied into a temporary folder (builds write beside it)."""
    dst = tmp_path / "seed"
    dst.mkdir()
    shutil.copy(SEED_SPEC, dst / "statement.yaml")
    return dst / "statement.yaml"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")
