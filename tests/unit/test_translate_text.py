"""Segmentation, locked terms and output checks of the translate service (no model here)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from statementkit.app.workspace import load_library_and_registry
from statementkit.services.translate import checks
from statementkit.services.translate.pipeline import _join_parts
from statementkit.services.translate.protect import TermLock
from statementkit.services.translate.segment import join_sentences, rebuild, segment, split_sentences
from tests.conftest import TEMPLATES


@pytest.fixture(scope="module")
def registry():  # type: ignore[no-untyped-def]
    return load_library_and_registry(Path(TEMPLATES))[1]


SOURCE = ("The National Intellectual Property Administration of the People's Republic of China (CNIPA) and the "
          "World Intellectual Property Organization will meet on 12 March 2024 with 10,000 experts and 3.5% of "
          "the BRICS budget.")


def test_segmentation_per_language_keeps_lines_apart() -> None:
    assert split_sentences("The Parties met in Urumqi. Mr. Shen spoke. They agreed.", "en") == [
        "The Parties met in Urumqi.", "Mr. Shen spoke.", "They agreed."]
    assert split_sentences("双方同意。各方支持！是吗？", "zh") == ["双方同意。", "各方支持！", "是吗？"]
    assert split_sentences("Стороны договорились. Г-н Шэнь выступил. Т.е. всё.", "ru") == [
        "Стороны договорились.", "Г-н Шэнь выступил.", "Т.е. всё."]
    seg = segment("First line. Second sentence.\n- an item;\n- another item.", "en")
    assert seg.lines == (("First line.", "Second sentence."), ("- an item;",), ("- another item.",))
    assert rebuild(seg, ["一。", "二。", "三；", "四。"], "zh") == "一。二。\n三；\n四。"
    assert join_sentences(["Один.", "Два."], "ru") == "Один. Два."


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", ["中华人民共和国国家知识产权局", "国家知识产权局", "世界知识产权组织", "2024年3月12日", "10,000", "3.5",
            "BRICS"]),
    ("ru", ["Национальное управление интеллектуальной собственности Китайской Народной Республики",
            "Национальное управление интеллектуальной собственности КНР",
            "Всемирная организация интеллектуальной собственности", "12 марта 2024 года", "10\u00a0000", "3,5",
            "BRICS"]),
])
def test_protect_finds_terms_dates_numbers_acronyms(registry, lang: str, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    lock = TermLock(registry, "en", lang)
    p = lock.protect(SOURCE)
    assert [s.target for s in p.spans] == expected
    assert p.text == "The Z1 (Z2) and the Z3 will meet on Z4 with Z5 experts and Z6% of the Z7 budget."
    out, problem = lock.restore(p.text, p, p.keys_in(p.text))
    assert problem == "" and out is not None
    for target in expected:
        assert target in out


def test_placeholder_letter_avoids_the_source(registry) -> None:  # type: ignore[no-untyped-def]
    p = TermLock(registry, "en", "zh").protect("Model Z3 and WIPO.")
    assert p.letter == "Q" and p.text == "Model Q1 and Q2."  # Z3 itself is a code: kept as written
    assert [s.target for s in p.spans] == ["Z3", "WIPO"]


def test_restore_reports_dropped_repeated_and_stray_placeholders(registry) -> None:  # type: ignore[no-untyped-def]
    lock = TermLock(registry, "en", "zh")
    p = lock.protect("WIPO and China met on 12 March 2024.")
    keys = p.keys_in(p.text)
    assert keys == ["Z1", "Z2", "Z3"]
    assert lock.restore("Z1 and met Z3", p, keys) == (None, "Z2 dropped")
    assert lock.restore("Z1 Z1 Z2 Z3", p, keys)[1] == "Z1 repeated"
    assert lock.restore("Z1 Z2 Z3 Z9", p, keys)[1] == "unexpected Z9"
    assert lock.restore("z1 和 Z 2 于 Z3", p, keys)[0] == "WIPO 和 中国 于 2024年3月12日"


@settings(max_examples=60, deadline=None)
@given(garbage=st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=8))
def test_repair_puts_every_locked_term_back_whatever_the_model_says(registry, garbage: list[str]) -> None:  # type: ignore[no-untyped-def]
    """The repair path translates the text between locked spans alone: the approved forms always come out."""
    from statementkit.services.translate.base import Hypothesis

    lock = TermLock(registry, "en", "ru")
    p = lock.protect(SOURCE)
    parts = lock.split_around(p.text, p)
    chunks = [x for x in parts if isinstance(x, str)]
    fake = {c: Hypothesis(garbage[i % len(garbage)]) for i, c in enumerate(chunks)}
    out = _join_parts(parts, fake, "ru")
    assert lock.missing(SOURCE, out) == []


def test_missing_accepts_any_approved_form(registry) -> None:  # type: ignore[no-untyped-def]
    lock = TermLock(registry, "en", "ru")
    src = "The Parties support WIPO."
    assert lock.missing(src, "Стороны поддерживают ВОИС.") == []
    assert lock.missing(src, "Стороны поддерживают Всемирной организации интеллектуальной собственности.") == []
    assert [s.source for s in lock.missing(src, "Стороны поддерживают ВТО.")] == ["WIPO"]


@pytest.mark.parametrize(("src", "tgt", "src_lang", "tgt_lang", "flags"), [
    ("The Parties agree to cooperate closely.", "双方同意密切合作。", "en", "zh", []),
    ("The Parties agree to cooperate closely.", "The Parties agree to cooperate closely.", "en", "zh",
     ["untranslated", "wrong-script", "length"]),
    ("The Parties agree to cooperate closely.", "Стороны Стороны Стороны Стороны Стороны согласны.", "en", "ru",
     ["repetition"]),
    ("The Parties agree to cooperate closely in all fields of intellectual property.", "Стороны.", "en", "ru",
     ["length"]),
    ("The Parties agree to cooperate closely.", "Стороны договорились тесно сотрудничать.", "en", "ru", []),
])
def test_degeneracy_checks(src: str, tgt: str, src_lang: str, tgt_lang: str, flags: list[str]) -> None:
    assert checks.check(checks.Output(src, tgt, src_lang, tgt_lang)) == flags
    assert checks.check(checks.Output(src, tgt, src_lang, tgt_lang, truncated=True))[-1] == "truncated"
