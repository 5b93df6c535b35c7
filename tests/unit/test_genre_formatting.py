"""Counts in words (originals, periods), plural ordinals, Chinese date ranges across months, and the
registry's Russian case forms checked against pymorphy3's dictionary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from statementkit.app.workspace import load_library_and_registry
from statementkit.model.registry import CASES
from statementkit.services.assemble import formatting as f

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


@pytest.mark.parametrize(("n", "zh", "ru_prep", "en"), [
    (1, "一", "одном", "one"), (2, "两", "двух", "two"), (3, "三", "трех", "three"), (4, "四", "четырех", "four"),
    (6, "六", "шести", "six"), (8, "八", "восьми", "eight"),
])
def test_count_words(n: int, zh: str, ru_prep: str, en: str) -> None:
    assert f.count_words(n, "zh") == zh  # 两, never 二, before a measure word
    assert f.count_words(n, "ru", "prep") == ru_prep  # е for ё
    assert f.count_words(n, "en") == en


def test_count_words_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        f.count_words(0, "en")
    with pytest.raises(ValueError):
        f.count_words(2, "ru", "voc")


def test_zh_date_range_does_not_repeat_the_year() -> None:
    assert f.date_range(dt.date(2026, 6, 30), dt.date(2026, 7, 2), "zh") == "2026年6月30日至7月2日"
    assert f.date_range(dt.date(2026, 12, 30), dt.date(2027, 1, 2), "zh") == "2026年12月30日至2027年1月2日"
    assert f.date_range(dt.date(2026, 6, 3), dt.date(2026, 6, 5), "zh") == "2026年6月3日至5日"


@pytest.mark.parametrize(("n", "case", "expected"), [
    (1, "nom", "первые"), (2, "gen", "вторых"), (3, "nom", "третьи"), (3, "prep", "третьих"), (3, "ins", "третьими"),
])
def test_plural_ordinals(n: int, case: str, expected: str) -> None:
    assert f.ordinal(n, "ru", gender="p", case=case) == expected  # «консультации»


def test_registry_gives_all_six_russian_cases() -> None:
    _, reg = load_library_and_registry(TEMPLATES)
    for kind in ("offices", "officials", "countries", "cities"):
        for entry in reg.table(kind).values():
            words = [entry.names["ru"]] + [v["ru"] for k, v in entry.extra.items()
                                           if "ru" in v and k in ("full", "side", "short")]
            if kind == "offices":
                words.append(entry.head_title["ru"])  # type: ignore[attr-defined]
            for w in words:
                missing = [c for c in CASES if w.form(c) is None]
                assert not missing, f"{kind}.{entry.id}: {w.nom!r} lacks {missing}"


_TAGS = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "prep": "loct"}


def test_registry_case_forms_agree_with_pymorphy3() -> None:
    """The first word of every Russian office, office head title, country and city form is a form of the
    case it is filed under (pymorphy3 with its Russian dictionary); the curated forms are the source, this
    only catches a slip ("Департаментом" under dat)."""
    pymorphy3 = pytest.importorskip("pymorphy3")
    morph = pymorphy3.MorphAnalyzer()
    _, reg = load_library_and_registry(TEMPLATES)
    checked = 0
    for kind in ("offices", "countries", "cities"):
        for entry in reg.table(kind).values():
            w = entry.names["ru"]
            for case in CASES:
                form = w.form(case)
                assert form is not None
                word = form.split()[0].strip("«»")
                if word == w.nom.split()[0]:  # the same in this case (Урумчи, Департамент in acc): nothing to check
                    continue
                parses = morph.parse(word)
                known = [p for p in parses if p.is_known]
                if not known:
                    continue
                assert any(_TAGS[case] in p.tag for p in known), f"{kind}.{entry.id} {case}: {form!r}"
                checked += 1
    assert checked > 40
