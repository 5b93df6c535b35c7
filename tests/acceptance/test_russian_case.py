"""Issue 16: locked Russian registry terms come back in the case their sentence needs (a test set built from
the clause library, names locked, the rest through a tiny real copy model)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

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
    assert all("Z1" in t or "Q1" in t for t in sent[0][:len(items)])  # the names went to the model locked
    assert sent[0][len(items):] == [it.sentence for it in items]  # and unlocked, to read their case
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


# ---- the model's own rendering of the name: a second source of the case -----------------------------------
WIPO = "The Parties will cooperate with the World Intellectual Property Organization."
WIPO_INS = "Всемирной организацией интеллектуальной собственности"


@pytest.mark.parametrize(("output", "rendering", "text", "note"), [
    # both say instrumental: used, nothing noted
    ("Стороны будут сотрудничать с Z1.", f"Стороны будут сотрудничать со {WIPO_INS}.",
     f"Стороны будут сотрудничать с {WIPO_INS}.", None),
    # only the model decides (the governing word 'очень' does not): its case, the registry's form
    ("Стороны хотят привлечь очень Z1.", "Стороны хотят привлечь очень Всемирную организацию интеллектуальной "
     "собственности.", "Стороны хотят привлечь очень Всемирную организацию интеллектуальной собственности.", None),
    # the model rendered the head noun alone, in the dative plural: read by its lemma (pymorphy3)
    ("Стороны хотят привлечь очень Z1.", "Стороны хотят привлечь очень организациям.",
     "Стороны хотят привлечь очень Всемирной организации интеллектуальной собственности.", None),
    # only the governing word decides (the model did not render the name in Russian)
    ("Стороны будут сотрудничать с Z1.", "The Parties will cooperate with WIPO.",
     f"Стороны будут сотрудничать с {WIPO_INS}.", None),
    # they disagree: the governing word's case, flagged with both readings
    ("Стороны будут сотрудничать с Z1.", "Стороны будут сотрудничать для Всемирной организации "
     "интеллектуальной собственности.", f"Стороны будут сотрудничать с {WIPO_INS}.",
     "undecided: case of 'Всемирная организация интеллектуальной собственности': the governing word says ins "
     "(preposition 'с'), the model rendered it 'Всемирной организации интеллектуальной собственности' "
     "(gen/dat/prep); ins used"),
    # neither decides: nominative, flagged
    ("Стороны хотят привлечь очень Z1.", "The Parties.",
     "Стороны хотят привлечь очень Всемирная организация интеллектуальной собственности.",
     "undecided: case of 'Всемирная организация интеллектуальной собственности' after 'очень'"),
])
def test_case_from_the_governing_word_and_the_models_rendering(lib_reg, output: str, rendering: str, text: str,
                                                               note: str | None) -> None:  # type: ignore[no-untyped-def]
    lock = TermLock(lib_reg[1], "en", "ru")
    p = lock.protect(WIPO)
    got, problem, notes = lock.restore_cased(output, p, ["Z1"], rendering)
    assert problem == "" and got == text
    assert notes == ([note] if note else [])


def test_case_set_model_reading_decides_what_the_governing_word_cannot(lib_reg, models_dir: Path) -> None:  # type: ignore[no-untyped-def]
    """The clause library's set through the tiny real copy model, the sentences also sent unlocked: every name
    in its case, and none left undecided (the governing word alone leaves at least one)."""
    from statementkit.adapters.argos.engine import ArgosEngine
    from statementkit.adapters.argos.packages import find_package

    library, registry = lib_reg
    items = case_set(library, registry)
    pkg = find_package(models_dir, "en", "ru")
    assert pkg is not None
    engine = ArgosEngine(pkg)

    def translate(texts: list[str]) -> list[str]:
        return [h.text for h in engine.translate(texts)]

    both = run_case_set(items, registry, translate)
    alone = run_case_set(items, registry, translate, model_reading=False)
    assert [r for r in both if not r.correct] == []
    undecided = [r for r in alone if any(n.startswith("undecided") for n in r.notes)]
    assert undecided and not any(any(n.startswith("undecided") for n in r.notes) for r in both)


def test_translate_sends_russian_sentences_with_names_unlocked_too(tmp_path: Path, models_dir: Path) -> None:
    """The pipeline on tiny real models: a Russian sentence with a declinable registry name goes to the model
    locked and unlocked (counted apart); a Chinese one only locked; an indeclinable name needs no reading."""
    from tests.acceptance.test_sentences import _spec, _translate

    spec = _spec(tmp_path, {"wipo": WIPO, "acr": "The Parties welcome the work of WIPO."})
    sent: list[str] = []
    _translate(spec, models_dir, None, ["zh", "ru"], sent)
    assert sent.count(WIPO) == 1  # the Russian reading only
    assert sum("Z1" in s or "Q1" in s for s in sent) >= 3  # locked: both sentences to zh, both to ru
    assert not any(s == "The Parties welcome the work of WIPO." for s in sent)


WIPO_NOM = "Всемирная организация интеллектуальной собственности"


def _table_translate(tmp_path: Path, locked: str, unlocked: str) -> Any:
    """translate_statement of the WIPO clause into ru with a translator that answers ``locked`` for the sentence
    with its name locked (Z1) and ``unlocked`` for the sentence as written."""
    from statementkit.adapters.translations_file import load_translations, translations_path
    from statementkit.app.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.base import Hypothesis
    from statementkit.services.translate.pipeline import translate_statement
    from tests.acceptance.test_sentences import _spec
    from tests.conftest import TEMPLATES

    class Table:
        source, target, label = "en", "ru", "table"

        def translate(self, segments, progress=None):  # type: ignore[no-untyped-def]
            return [Hypothesis(locked if "Z1" in s else unlocked) for s in segments]

    spec = _spec(tmp_path, {"wipo": WIPO})
    ws = load_workspace(spec, TEMPLATES)
    tr = load_translations(translations_path(spec), "en")
    return translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, tr), tr, ["ru"],
                               lambda a, b: Table())


def test_a_governing_word_that_decides_needs_no_second_model_call(tmp_path: Path) -> None:
    """'с' governs the instrumental: the name goes back in it and the sentence is not sent again unlocked."""
    result = _table_translate(tmp_path, "Стороны будут сотрудничать с Z1.",
                              f"Стороны будут сотрудничать для {WIPO_NOM}.")
    e = result.translations.get("wipo", "ru")
    assert e is not None and e.text == f"Стороны будут сотрудничать с {WIPO_INS}."
    assert "case-undecided" not in e.flags
    assert result.summary.case_readings == 0 and result.summary.segments == 1


def test_an_undecided_governing_word_asks_the_model_reading(tmp_path: Path) -> None:
    """After 'что' the governing word does not decide: the sentence goes to the model unlocked, and the case the
    model gave the name (nominative) is used."""
    result = _table_translate(tmp_path, "Стороны отмечают, что Z1 работает.",
                              f"Стороны отмечают, что {WIPO_NOM} работает.")
    e = result.translations.get("wipo", "ru")
    assert e is not None and e.text == f"Стороны отмечают, что {WIPO_NOM} работает."
    assert "case-undecided" not in e.flags
    assert result.summary.case_readings == 1 and result.summary.segments == 1


def test_neither_source_decides_flags_the_clause(tmp_path: Path) -> None:
    """The model's unlocked rendering does not show the name either: nominative, flagged case-undecided."""
    result = _table_translate(tmp_path, "Стороны отмечают, что Z1 работает.", "Стороны отмечают, что ВОИС работает.")
    e = result.translations.get("wipo", "ru")
    assert e is not None and "case-undecided" in e.flags
    assert result.summary.case_readings == 1
