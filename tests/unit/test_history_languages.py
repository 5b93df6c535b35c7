"""history with versions in several languages: each aligned to the base in its own language; a version in a
language without a base is listed as skipped (app/history.py)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from statementkit.cli import cli

REPO = Path(__file__).resolve().parents[2]


def test_a_version_without_a_base_in_its_language_is_skipped(tmp_path: Path) -> None:
    from statementkit.testing.negotiation import make_example

    ex = make_example(REPO / "examples", tmp_path / "ex")
    folder = tmp_path / "nego"

    def run(*args: object) -> object:
        return CliRunner().invoke(cli, [str(a) for a in args])

    assert run("round", "add", ex["base.en"], "--party", "kz", "--base", "--dir", folder).exit_code == 0  # type: ignore[attr-defined]
    for party in ("kg", "cn"):
        assert run("round", "add", ex[party], "--party", party, "--dir", folder).exit_code == 0  # type: ignore[attr-defined]
    data = json.loads(run("history", "--dir", folder, "--json").stdout)  # type: ignore[attr-defined]
    assert data["parties"] == ["kg"] and data["skipped"] == ["round 1 cn: zh (no base in zh)"]
    assert run("round", "add", ex["base.zh"], "--party", "kz", "--base", "--dir", folder).exit_code == 0  # type: ignore[attr-defined]
    data = json.loads(run("history", "--dir", folder, "--json").stdout)  # type: ignore[attr-defined]
    assert data["parties"] == ["cn", "kg"] and data["skipped"] == []
    assert {c["id"]: c["status"] for c in data["clauses"] if c["id"]}["ip-driver"] == "contested"
