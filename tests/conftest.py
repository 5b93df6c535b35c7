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


@pytest.fixture
def amended(tmp_path: Path) -> Path:
    """The amended seed statement (free-text clauses, no translations yet) in a temporary folder."""
    d = tmp_path / "st"
    d.mkdir()
    shutil.copy(EXAMPLES / "china-central-asia-ip-2023-amended" / "statement.yaml", d / "statement.yaml")
    return d / "statement.yaml"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# ---- translation (issue 3): tiny real Argos packages, built once per session ----------------------------
@pytest.fixture(scope="session")
def tiny_argos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Tiny .argosmodel files built here (no network): copy models en->zh, en->ru, zh->en, and scramble
    models en->zh, en->ru.  Keys: 'en-zh', 'en-ru', 'zh-en', 'scramble-en-zh', 'scramble-en-ru'."""
    from statementkit.testing.tiny_argos import build_package

    out = tmp_path_factory.mktemp("argos")
    pkgs = {f"{a}-{b}": build_package(a, b, out / "copy") for a, b in (("en", "zh"), ("en", "ru"), ("zh", "en"))}
    for a, b in (("en", "zh"), ("en", "ru")):
        pkgs[f"scramble-{a}-{b}"] = build_package(a, b, out / "scramble", mode="scramble")
    return pkgs


@pytest.fixture
def models_dir(tmp_path: Path, tiny_argos: dict[str, Path]) -> Path:
    """A models folder with the copy packages en->zh and en->ru installed."""
    from statementkit.adapters.argos.packages import install_archive

    d = tmp_path / "models"
    for key in ("en-zh", "en-ru"):
        install_archive(tiny_argos[key], d)
    return d
