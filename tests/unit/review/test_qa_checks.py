"""The cross-language checks, each on small texts, and on the examples (which must come out clean)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.app.workspace import load_workspace
from statementkit.model.statement import AcceptedFinding
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations, source_hash
from statementkit.services.assemble.render import Renderer
from statementkit.services.qa import CHECKS, QAContext, Severity, check_units, run_checks
from statementkit.services.qa.checks import UnitTexts, numbers_in

REPO = Path(__file__).resolve().parents[3]
LIBRARY = REPO / "templates"
EXAMPLES = sorted((REPO / "examples").glob("*/statement.yaml"))


CTX: list[QAContext] = []


def problems(name: str, en: str, zh: str | None = None, ru: str | None = None) -> list[tuple[str, str]]:
    if not CTX:
        CTX.append(QAContext.for_registry(load_workspace(EXAMPLES[0], LIBRARY).registry))
    texts = {"en": en, **({"zh": zh} if zh is not None else {}), **({"ru": ru} if ru is not None else {})}
    fn = CHECKS[name].fn
    assert fn is not None
    return [(p.lang, p.message) for p in fn(UnitTexts("u", "en", texts), CTX[0])]


def findings(en: str, zh: str | None = None, ru: str | None = None) -> list[tuple[str, str, str]]:
    """Every check on one clause: (lang, check, message)."""
    problems("missing", en)  # builds the context
    texts = {"en": en, **({"zh": zh} if zh is not None else {}), **({"ru": ru} if ru is not None else {})}
    return [(f.lang, f.check, f.message) for f in check_units([UnitTexts("u", "en", texts)], CTX[0])]


def test_every_check_has_help_and_severity():
    assert set(CHECKS) == {"missing", "numbers", "list-items", "names", "completeness", "untranslated", "zh-latin",
                           "traditional", "wrong-script", "mixed-script", "protected-spans", "zh-punctuation",
                           "ru-quotes", "brackets", "spaces", "clause-order"}
    for c in CHECKS.values():
        assert c.help and isinstance(c.severity, Severity)


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_are_clean(spec):
    ws = load_workspace(spec, LIBRARY)
    tr = load_translations(translations_path(spec), ws.statement.source_language)
    assert run_checks(ws.statement, ws.registry, ws.library, tr) == []


def test_numbers_and_dates():
    assert numbers_in("On July 24, 2023, the C+C5 countries may meet", "en") == {"7", "24", "2023"}
    assert numbers_in("24 июля 2023 года, в мае 2024 года", "ru") == {"24", "7", "2023", "5", "2024"}
    assert numbers_in("2023年7月24日", "zh") == {"2023", "7", "24"}
    assert problems("numbers", "since 2016, every 3 years", zh="自2016年以来，每三年") == []
    assert problems("numbers", "since 2016", zh="自2017年以来") == [
        ("zh", "number 2016 of the source missing"), ("zh", "number 2017 not in the source")]


def test_terms_synonym_and_russian_cases():
    assert problems("names", "intellectual property matters", zh="知识产权很重要",
                    ru="важна для интеллектуальную собственность") == []
    assert problems("names", "intellectual property matters", zh="智慧财产很重要") == [
        ("zh", "'intellectual property' (term intellectual-property) is not named in this version "
               "(expected '知识产权')")]
    # the longest name wins: "C+C5 countries" is not also a mention of "C5 countries"
    assert problems("names", "the C+C5 countries", ru="страны С+С5") == []


def test_scripts_placeholders_untranslated():
    assert problems("mixed-script", "The Parties", ru="Cтороны") == [
        ("ru", "word mixes Latin and Cyrillic letters: 'Cтороны'")]
    assert problems("wrong-script", "The Parties", zh="各方Стороны")[0][0] == "zh"
    assert problems("protected-spans", "WIPO helps", zh="Z1帮助") == [
        ("zh", "placeholder or template syntax left in: 'Z1'")]
    assert problems("untranslated", "The Parties agree on this", ru="The Parties agree on this") == [
        ("ru", "the translation is the source text")]
    assert problems("untranslated", "x", zh="各方 will make joint efforts 同意") == [
        ("zh", "untranslated text: 'will make joint efforts'")]
    assert problems("untranslated", "x", zh="各方认识到WIPO的重要性", ru="ВОИС и BRIPC") == []


def test_typography():
    assert [p for _, p in problems("zh-punctuation", "a, b", zh="各方,同意")] == [
        "half-width punctuation in Chinese text (use ，；：！？): …各方,同意…"]
    assert problems("zh-punctuation", "x", zh="自2016年（BRIPC）起，C+C5, 1.5%") == []
    assert problems("ru-quotes", "x", ru="далее \"Стороны\"")[0][1].startswith("straight quotes")
    assert problems("ru-quotes", "x", ru="«Пояс и путь» и «сказал „да“»") == []
    assert problems("ru-quotes", "x", ru="“Стороны”")[0][1].startswith("English quotes")
    assert problems("spaces", "The  Parties", zh="各方") == [("en", "doubled space: '…The  Parties…'")]
    assert problems("list-items", "Areas:\n- one\n- two", zh="领域：\n- 一\n- 二\n- 三") == [
        ("zh", "3 list items, the source has 2")]


def _with_entry(spec: Path, uid: str, lang: str, text: str) -> Translations:
    ws = load_workspace(spec, LIBRARY)
    unit = ws.statement.unit(uid)
    assert unit is not None
    src = Renderer(ws.statement, ws.registry, ws.library).source_text(unit)
    return Translations("en", {(uid, lang): TranslationEntry(uid, lang, source_hash(src), text, Origin.HUMAN,
                                                             Status.REVIEWED)})


def test_seed_with_number_changed_in_zh():
    spec = EXAMPLES[0]
    ws = load_workspace(spec, LIBRARY)
    tr = _with_entry(spec, "bripc", "zh", "各方高度肯定“一带一路”知识产权合作（BRIPC）自2017年启动以来取得的积极成效，"
                                           "愿共同推动“一带一路”知识产权合作机制建设和务实合作发展。")
    found = [(f.clause, f.lang, f.check) for f in run_checks(ws.statement, ws.registry, ws.library, tr)]
    assert found == [("bripc", "zh", "numbers"), ("bripc", "zh", "numbers")]


def test_accepted_exception_lets_a_reviewed_text_pass(tmp_path):
    spec = EXAMPLES[0]
    ws = load_workspace(spec, LIBRARY)
    tr = _with_entry(spec, "ip-role", "zh", "各方认识到智慧财产在激励创新创造、促进各国经济文化发展方面发挥的重要作用。")
    assert [f.check for f in run_checks(ws.statement, ws.registry, ws.library, tr)] == ["names"]
    accepted = (AcceptedFinding("ip-role", "names", "zh", "intellectual-property", "reviewed: agreed wording"),)
    st = dataclasses.replace(ws.statement, accepted=accepted)
    assert run_checks(st, ws.registry, ws.library, tr) == []
    # an exception covers that one finding: another clause, check or language still reports
    for other in (AcceptedFinding("bripc", "names", "zh"), AcceptedFinding("ip-role", "numbers", "zh"),
                  AcceptedFinding("ip-role", "names", "ru"), AcceptedFinding("ip-role", "names", "zh", "WIPO")):
        st = dataclasses.replace(ws.statement, accepted=(other,))
        assert len(run_checks(st, ws.registry, ws.library, tr)) == 1


def test_seed_with_synonym_in_zh():
    spec = EXAMPLES[0]
    ws = load_workspace(spec, LIBRARY)
    tr = _with_entry(spec, "ip-role", "zh", "各方认识到智慧财产在激励创新创造、促进各国经济文化发展方面发挥的重要作用。")
    found = run_checks(ws.statement, ws.registry, ws.library, tr)
    assert [(f.clause, f.lang, f.check) for f in found] == [("ip-role", "zh", "names")]
    assert found[0].languages == ("en", "zh")
    assert [(s.lang, s.text) for s in found[0].spans] == [("en", "intellectual property")]
    assert "intellectual-property" in found[0].message


def test_a_list_of_languages_names_no_country():
    """The testimonium: "the Chinese, Russian and English languages" / «на китайском, русском и английском языках»
    name languages; the Chinese version says 中文 and names no country.  "The Chinese side" still names China."""
    en = ("Done at Astana on September 18, 2025, in six originals, each in the Chinese, Russian and English "
          "languages, all texts being equally authentic.")
    zh = "于2025年9月18日在阿斯塔纳签署，一式六份，每份均以中文、俄文和英文写成，各文本同等作准。"
    ru = ("Совершено в Астане 18 сентября 2025 года в шести подлинных экземплярах, каждый на китайском, русском и "
          "английском языках, причем все тексты имеют одинаковую силу.")
    assert problems("names", en, zh, ru) == []
    assert problems("names", "The Chinese side will host the next meeting.", "下次会议将如期举行。") == [
        ("zh", "'Chinese side' (country cn) is not named in this version (expected '中国')")]
