"""Issue 16: locked Russian registry terms come back in the case their sentence needs (a test set built from
the clause library, names locked, the rest through a tiny real copy model)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from statementkit.app.workspace import load_library_and_registry
from statementkit.services.translate.protect import TermLock
from statementkit.services.translate.russian_case import governing_case, inflect
from statementkit.testing.russian_cases import case_set, run_case_set
from tests.conftest import TEMPLATES


@pytest.fixture(scope="module")
def lib_reg():  # type: ignore[no-untyped-def]
    return load_library_and_registry(Path(TEMPLATES))


def test_case_set_through_a_copy_model(lib_reg, models_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from statementkit.adapters.argos.engine import ArgosEngine
    from statementkit.adapters.argos.packages import find_package

    library, registry = lib_reg
    items = case_set(library, registry)
    cases = Counter(it.case for it in items)
    assert len(items) >= 40 and all(cases[c] for c in ("gen", "dat", "ins", "prep")), cases
    pkg = find_package(models_dir, "en", "ru")
    assert pkg is not None
    engine = ArgosEngine(pkg)
    sent: list[list[str]] = []

    def translate(texts: list[str]) -> list[str]:
        sent.append(texts)
        return [h.text for h in engine.translate(texts)]

    results = run_case_set(items, registry, translate)
    assert all("Z1" in t or "Q1" in t for t in sent[0])  # the names went to the model locked
    wrong = [(r.item.case, r.item.form, r.output) for r in results if not r.correct]
    assert wrong == []


def test_undecided_case_is_flagged_and_nominative_kept(lib_reg) -> None:  # type: ignore[no-untyped-def]
    lock = TermLock(lib_reg[1], "ru", "ru")
    p = lock.protect("Стороны руководствуются Всемирной организацией интеллектуальной собственности.")
    text, problem, notes = lock.restore_cased("Стороны хотят привлечь очень Z1.", p, ["Z1"])
    assert problem == "" and text == "Стороны хотят привлечь очень Всемирная организация интеллектуальной собственности."
    assert notes and notes[0].startswith("undecided: case of 'Всемирная организация")


def test_governing_words() -> None:
    assert governing_case("Стороны сотрудничают с").case == "ins"
    assert governing_case("в рамках").case == "gen"
    assert governing_case("Стороны поддерживают").case == "acc"
    assert governing_case("содействие").case == "dat"
    assert governing_case("вступление в").case == "acc"
    assert governing_case("Они работали в").case == "prep"
    assert governing_case("").case == "nom"
    assert inflect("Всемирная организация интеллектуальной собственности", "ins") == \
        "Всемирной организацией интеллектуальной собственности"


def test_repair_path_puts_the_name_in_case(lib_reg) -> None:  # type: ignore[no-untyped-def]
    """When the model loses a placeholder, the text around the name is translated alone: the name still takes
    the case of the translated words before it."""
    from statementkit.services.translate.base import Hypothesis
    from statementkit.services.translate.pipeline import _join_parts

    lock = TermLock(lib_reg[1], "en", "ru")
    src = "The Parties will cooperate with the World Intellectual Property Organization."
    p = lock.protect(src)
    parts = lock.split_around(p.text, p)
    chunks = [x for x in parts if isinstance(x, str) and x.strip(" .")]
    notes: list[str] = []
    out = _join_parts(parts, {chunks[0]: Hypothesis("Стороны будут сотрудничать с")}, "ru", lock, notes)
    assert out == "Стороны будут сотрудничать с Всемирной организацией интеллектуальной собственности."
    assert notes == []
