"""Acceptance of the cross-language checks: faults injected into the whole clause library are caught.

The library is rendered in en, zh and ru inside several statements (statementkit.testing.qa_faults); each fault
kind is injected into every clause and language where it applies.  At least 95 % of each kind must be reported
on the clause and language injected, and the uninjected texts must give no finding at all.  ``bench/qa.py``
prints the same table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from statementkit.app.workspace import load_library_and_registry
from statementkit.services.qa import QAContext
from statementkit.testing.qa_faults import FAULTS, Tally, library_units, run_harness

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.fixture(scope="module")
def harness() -> tuple[dict[str, Tally], list]:
    library, registry = load_library_and_registry(TEMPLATES)
    return run_harness(library_units(library, registry), QAContext.for_registry(registry))


@pytest.mark.slow
def test_uninjected_library_gives_no_finding(harness):
    _, clean = harness
    assert [str(f) for f in clean] == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(FAULTS))
def test_fault_kind_is_caught(harness, kind):
    tally = harness[0][kind]
    assert tally.injected >= 10, f"{kind}: only {tally.injected} injections"
    assert tally.rate >= 0.95, f"{kind}: {tally.caught}/{tally.injected}; missed e.g. {tally.missed[:3]}"
