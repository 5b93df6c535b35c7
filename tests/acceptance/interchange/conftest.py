"""Fixtures for the interchange tests: the project's own copies of the case files, an amended statement with
its translations, and a CLI runner pointed at the repo's library."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from statementkit.cli import cli
from tests.conftest import EXAMPLES, TEMPLATES

FIXTURES = Path(__file__).parent / "fixtures"
CASES = FIXTURES / "cases"
TOOLS = FIXTURES / "tools"


@pytest.fixture(autouse=True)
def private_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def cli_run() -> Callable[..., Result]:
    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False,
                                  env={"STATEMENTKIT_LIBRARY": str(TEMPLATES)})
    return invoke


@pytest.fixture
def stmt(tmp_path: Path) -> Path:
    """The amended example with its translations, in a folder named ``stmt`` (as the XLIFF case was exported)."""
    folder = tmp_path / "stmt"
    shutil.copytree(EXAMPLES / "china-central-asia-ip-2023-amended", folder)
    return folder / "statement.yaml"


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("statementkit: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def rewrite_member(path: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    tmp = path.with_suffix(".rewrite")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)
    tmp.replace(path)
