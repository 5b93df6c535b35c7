"""Fixtures for the review round-trip tests: a private copy of an example statement and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from statementkit.cli import cli

REPO = Path(__file__).resolve().parents[3]
LIBRARY = REPO / "templates"
EXAMPLE = REPO / "examples" / "china-central-asia-ip-2023"
SHARED = REPO / ".." / "shared"


@pytest.fixture(autouse=True)
def private_user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's translation memory lives under XDG_DATA_HOME: keep it inside the test's folder."""
    folder = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    folder = tmp_path / "china-central-asia-ip-2023"
    shutil.copytree(EXAMPLE, folder)
    return folder / "statement.yaml"


@pytest.fixture
def run() -> Callable[..., Result]:
    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False,
                                  env={"STATEMENTKIT_LIBRARY": str(LIBRARY)})
    return invoke


def soffice_resave(src: Path, outdir: Path) -> Path:
    """Open and save ``src`` as DOCX with headless LibreOffice, as a translator's office suite would."""
    exe = shutil.which("soffice")
    if exe is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path("/tmp") / f"lo-statementkit-{uuid.uuid4().hex}"
    try:
        subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{profile}", "--convert-to", "docx",
                        "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=120)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = outdir / src.name
    assert out.is_file(), "LibreOffice wrote nothing"
    return out
