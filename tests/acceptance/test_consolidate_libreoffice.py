"""Acceptance: consolidated DOCX read back by headless LibreOffice.  Single-party consolidations (the
example's Chinese and Russian drafts, and each English draft alone): accept-all gives exactly the draft's
paragraph texts and reject-all exactly the base's, as LibreOffice itself reads them.  One soffice run."""

from __future__ import annotations

from pathlib import Path

import pytest

from statementkit.adapters import libreoffice

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.libreoffice, pytest.mark.slow,
              pytest.mark.skipif(not libreoffice.available(), reason="LibreOffice is not installed")]


def test_single_party_consolidation_in_libreoffice(tmp_path: Path) -> None:
    from statementkit.app.consolidate import consolidate_drafts
    from statementkit.testing.negotiation import EXAMPLE_DRAFTS, make_example

    ex = make_example(REPO / "examples", tmp_path / "ex")
    cases = []
    for party, (lang, _) in EXAMPLE_DRAFTS.items():
        out = tmp_path / f"consolidated-{party}.docx"
        consolidate_drafts(ex[f"base.{lang}"], [f"{party}={ex[party]}"], out)
        cases.append((out, ex[party], ex[f"base.{lang}"]))
    files = list(dict.fromkeys(p for case in cases for p in case))
    res = libreoffice.accept_reject(files)
    for out, draft, base in cases:
        assert res[out].accepted == res[draft].accepted, out.name
        assert res[out].rejected == res[base].accepted, out.name


def test_competing_proposals_nested_in_libreoffice(tmp_path: Path) -> None:
    """kg and tj replace the same word differently: LibreOffice reads tj's proposal as a change inside kg's, so
    accept-all gives tj's (the later) wording in that paragraph and reject-all the base."""
    from statementkit.app.consolidate import consolidate_drafts
    from statementkit.testing.negotiation import make_example

    ex = make_example(REPO / "examples", tmp_path / "ex")
    out = tmp_path / "kg-tj.docx"
    consolidate_drafts(ex["base.en"], [f"kg={ex['kg']}", f"tj={ex['tj']}"], out)
    res = libreoffice.accept_reject([out, ex["base.en"]])
    (para,) = [t for t in res[out].accepted if "commitment to implementing" in t]
    assert "confirm" in para and "reiterate" not in para and "reaffirm" not in para
    assert res[out].rejected == res[ex["base.en"]].accepted
