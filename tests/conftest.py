"""Shared fixtures: paths to the repo's library and examples, and a CLI runner that reports like a shell."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
EXAMPLES = REPO / "examples"
SEED_SPEC = EXAMPLES / "china-central-asia-ip-2023" / "statement.yaml"
SHARED = REPO.parent / "shared"
REALDOCS = SHARED / "realdocs"  # third-party Word documents (MIT; MANIFEST.md there), read in place


def realdoc(name: str) -> Path:
    """``../shared/realdocs/<name>``; the calling test is skipped where the folder is not beside the checkout."""
    path = REALDOCS / name
    if not path.is_file():
        pytest.skip(f"../shared/realdocs/{name} not present")
    return path


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


# ---- translation memory backends (issue 17): SQLite file, or a throwaway PostgreSQL per test session -------
@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a throwaway PostgreSQL database (Unix socket, C.UTF-8), for the whole session; skips
    with the reason when the server binaries or the 'postgres' user are missing."""
    from statementkit.testing.pg import ThrowawayPostgres, postgres_bin

    bindir, why = postgres_bin()
    if bindir is None:
        pytest.skip(f"PostgreSQL tests skipped: {why}")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("PostgreSQL tests skipped: psycopg is not installed")
    with ThrowawayPostgres() as pg:
        yield pg.url


def _empty_pg(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("DROP SCHEMA IF EXISTS statementkit CASCADE")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def tm_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty translation memory's location, once per backend: a SQLite file path, a postgresql:// URL."""
    if request.param == "sqlite":
        return str(tmp_path / "tm.sqlite")
    return _empty_pg(request.getfixturevalue("pg_server"))
