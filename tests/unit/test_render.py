import dataclasses
import datetime as dt
from pathlib import Path
from types import MappingProxyType

import pytest

from statementkit.adapters.library_files import load_library
from statementkit.adapters.registry_files import load_registry
from statementkit.adapters.spec_file import read_statement
from statementkit.errors import SpecError, TemplateError
from statementkit.model.library import ClauseTemplate, Library, SlotType
from statementkit.model.statement import Clause, OrderRule, PartyRef
from statementkit.services.assemble.render import Renderer, assemble
from tests.conftest import SEED_SPEC, TEMPLATES

REG = load_registry(TEMPLATES / "registry")
LIB = load_library(TEMPLATES / "clauses")
SEED = read_statement(SEED_SPEC)


def _with_template(tpl: ClauseTemplate) -> Library:
    return Library(MappingProxyType({**LIB.templates, tpl.id: tpl}), LIB.version)


def _one_clause(clause: Clause):  # type: ignore[no-untyped-def]
    return dataclasses.replace(SEED, clauses=(clause,))


def test_missing_slot_names_clause_language_and_slot() -> None:
    tpl = ClauseTemplate("t.x", "test", MappingProxyType({}), MappingProxyType(
        {"en": "{{ year }}", "zh": "{{ year }}年", "ru": "{{ year }}"}))
    st = _one_clause(Clause("c1", template="t.x"))
    r = Renderer(st, REG, _with_template(tpl))
    with pytest.raises(TemplateError) as info:
        r.unit_text(next(st.units()), "zh")
    msg = str(info.value)
    assert "clause 'c1' (zh)" in msg and "'year' is undefined" in msg


def test_missing_case_form_is_an_error_not_a_fallback() -> None:
    tpl = ClauseTemplate("t.y", "test", MappingProxyType({}), MappingProxyType(
        {"en": "{{ venue }}", "zh": "{{ venue }}", "ru": "{{ term('ipr-protection').dat }}"}))
    st = _one_clause(Clause("c1", template="t.y"))
    with pytest.raises(TemplateError, match="missing slot or form"):
        Renderer(st, REG, _with_template(tpl)).unit_text(next(st.units()), "ru")


def test_sandbox_refuses_dunder_access() -> None:
    tpl = ClauseTemplate("t.evil", "test", MappingProxyType({}), MappingProxyType(
        {lg: "{{ ''.__class__.__mro__[1].__subclasses__() }}" for lg in ("en", "zh", "ru")}))
    st = _one_clause(Clause("c1", template="t.evil"))
    with pytest.raises(TemplateError):
        Renderer(st, REG, _with_template(tpl)).unit_text(next(st.units()), "en")


def test_wrong_slot_type_is_a_spec_error() -> None:
    st = _one_clause(Clause("c1", template="cooperation.bripc", slots=MappingProxyType({"since": "2016"})))
    with pytest.raises(SpecError, match="expected a year"):
        Renderer(st, REG, LIB).unit_text(next(st.units()), "en")


def test_unknown_slot_is_a_spec_error() -> None:
    st = _one_clause(Clause("c1", template="reaffirm.ip-role", slots=MappingProxyType({"x": 1})))
    with pytest.raises(SpecError, match="has no slot 'x'"):
        Renderer(st, REG, LIB).unit_text(next(st.units()), "en")


def _opening(st, lang: str) -> str:  # type: ignore[no-untyped-def]
    return Renderer(st, REG, LIB).unit_text(next(st.units()), lang)[0]


def test_party_order_alphabetical_per_language() -> None:
    st = dataclasses.replace(SEED, order=OrderRule.ALPHABETICAL, clauses=(Clause("o", template="opening.heads-met"),))
    r = Renderer(st, REG, LIB)
    en = [p.country.id for p in r.parties("en")]
    ru = [p.country.id for p in r.parties("ru")]
    zh = [p.country.id for p in r.parties("zh")]
    assert en == ["cn", "kz", "kg", "tj", "tm", "uz"]  # China, Kazakhstan, Kyrgyzstan, Tajikistan, …
    assert ru == ["kz", "cn", "kg", "tj", "tm", "uz"]  # Казахстан, Китай, Кыргызстан, …
    # pinyin would put China (zhongguo) last; the Chinese text it leads lists it first, then pinyin order
    assert zh == ["cn", "kz", "kg", "tj", "tm", "uz"]
    assert _opening(st, "ru").index("Республики Казахстан") < _opening(st, "ru").index("Китайской")


def test_host_first() -> None:
    st = dataclasses.replace(SEED, order=OrderRule.HOST_FIRST,
                             meeting=dataclasses.replace(SEED.meeting, venue="astana"))
    assert [p.country.id for p in Renderer(st, REG, LIB).parties("en")][:2] == ["kz", "cn"]


def test_two_parties_switch_the_wording() -> None:
    st = dataclasses.replace(SEED, parties=(PartyRef("cnipa"), PartyRef("uz-ip-office")), collective=None,
                             clauses=(Clause("o", template="opening.heads-met"),
                                      Clause("r", template="reaffirm.ip-role")))
    r = Renderer(st, REG, LIB)
    units = list(st.units())
    assert r.unit_text(units[1], "en")[0].startswith("Both Parties realize")
    assert r.unit_text(units[1], "zh")[0].startswith("双方")
    assert "（以下称“双方”）" in r.unit_text(units[0], "zh")[0]
    assert "Dr. Shen Changyu, Commissioner of the National" in r.unit_text(units[0], "en")[0]
    assert " and Mr. Esemurat Kanyazov, Head of IP Office" in r.unit_text(units[0], "en")[0]


def test_second_meeting_ordinal_agrees_in_russian() -> None:
    st = dataclasses.replace(SEED, meeting=dataclasses.replace(SEED.meeting, ordinal=2, dates=(dt.date(2025, 6, 3),)))
    doc = assemble(st, REG, LIB, "ru")
    assert doc.title.startswith("Совместное заявление второго Совещания")
    assert "провели в Урумчи второе Совещание" in doc.blocks[1].text
    assert "3 июня 2025 года" in doc.blocks[1].text
    assert assemble(st, REG, LIB, "zh").title.startswith("第二届")


def test_free_text_without_translation_is_reported_missing_and_left_out() -> None:
    st = _one_clause(Clause("free-1", text="The Parties agree."))
    en = assemble(st, REG, LIB, "en")
    assert en.blocks[1].text == "The Parties agree." and en.missing == ()
    zh = assemble(st, REG, LIB, "zh")
    assert zh.missing == ("free-1",)
    assert all(b.unit_id != "free-1" for b in zh.blocks)


def test_library_loads_from_any_folder(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("family: f\nclauses:\n  - id: a\n    en: A\n    zh: 甲\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="no 'ru' text"):
        load_library(tmp_path)
    (tmp_path / "x.yaml").write_text("family: f\nclauses:\n  - id: a\n    slots: {n: number}\n    en: A\n"
                                     "    zh: 甲\n    ru: А\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="unknown type 'number'"):
        load_library(tmp_path)
    assert SlotType.INT.value == "int"
