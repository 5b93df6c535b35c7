"""The trilingual clause library and registry: every example and every template, in every language.

Each check runs the real loader and renderer on the repository's ``templates/`` folder; nothing here is a
fixture copy.  The language checks are the ones an official translator applies before a text is signed:
Chinese without stray Latin letters or half-width punctuation, Russian without Latin letters or straight
quotes, offices in the genitive after a title, and the two-party forms (双方, "Both Parties") in a
bilateral statement.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
import pytest
import regex
from jinja2 import meta

from statementkit.app.workspace import Workspace, load_library_and_registry, load_workspace
from statementkit.errors import TemplateError
from statementkit.model.document import BlockKind, RenderedDocument
from statementkit.model.library import ClauseTemplate, Library, SlotType
from statementkit.model.registry import Registry
from statementkit.model.statement import Clause, Closing, Meeting, OrderRule, PartyRef, Statement, Unit
from statementkit.services.assemble.render import TEMPLATE_FILTERS, Renderer, assemble
from statementkit.services.assemble.views import name_of
from statementkit.services.genre import guard_failures

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
SEED_TEXT = REPO / ".." / "shared" / "seed" / "joint-statement-china-central-asia-ip-2023.en.txt"
LANGS = ("en", "zh", "ru")

EXAMPLES = {
    "seed": REPO / "examples" / "china-central-asia-ip-2023" / "statement.yaml",
    "bilateral": REPO / "examples" / "china-uzbekistan-ip-2024" / "statement.yaml",
    "second": REPO / "examples" / "china-central-asia-ip-2025" / "statement.yaml",
}

# Latin tokens allowed in the Chinese and Russian texts: acronyms the statements keep in Latin letters.
ACRONYMS = frozenset({"WIPO", "IP", "TISC", "TISCs", "BRIPC", "PCT", "C+C5", "C5"})
_LATIN_TOKEN = regex.compile(r"\p{Latin}[\p{Latin}\d+]*")
_ZH_HALF_WIDTH = regex.compile(r'[,;:!?()"\[\]]')
_HAN = regex.compile(r"\p{Han}")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")

PARTIES_2 = ("cnipa", "kz-ip-department")
PARTIES_6 = ("cnipa", "kz-ip-department", "kyrgyzpatent", "tj-ncpi", "tm-ip-service", "uz-ip-office")

# One synthetic value per slot type: registry entries that carry every case form a template may ask for.
SYNTHETIC: dict[SlotType, Any] = {
    SlotType.TEXT: {"en": "Memorandum of Understanding on Cooperation in the Field of Intellectual Property",
                    "zh": "《知识产权领域合作谅解备忘录》",
                    "ru": "Меморандума о взаимопонимании о сотрудничестве в области интеллектуальной собственности"},
    SlotType.INT: 2,
    SlotType.YEAR: 2027,
    SlotType.DATE: dt.date(2019, 5, 12),
    SlotType.MONTH: "2023-05",
    SlotType.CITY: "tashkent",
    SlotType.COUNTRY: "uz",
    SlotType.COUNTRIES: ["kz", "uz"],
    SlotType.OFFICE: "kyrgyzpatent",
    SlotType.ORGANISATION: "c-ca-summit",
    SlotType.ORGANISATIONS: ["pct", "madrid-system", "hague-system"],
    SlotType.TERM: "trademarks",
}


@pytest.fixture(scope="module")
def library_registry() -> tuple[Library, Registry]:
    return load_library_and_registry(TEMPLATES)


@pytest.fixture(scope="module")
def workspaces() -> dict[str, Workspace]:
    return {name: load_workspace(path, TEMPLATES) for name, path in EXAMPLES.items()}


@pytest.fixture(scope="module")
def documents(workspaces: dict[str, Workspace]) -> dict[tuple[str, str], RenderedDocument]:
    return {(name, lang): assemble(ws.statement, ws.registry, ws.library, lang)
            for name, ws in workspaces.items() for lang in LANGS}


# ---- language checks ---------------------------------------------------------------------------------

def foreign_latin(text: str) -> list[str]:
    """Latin-letter tokens outside the acronym allow-list."""
    return [t for t in _LATIN_TOKEN.findall(text) if t not in ACRONYMS]


def check_filled(text: str, where: str) -> None:
    assert text.strip(), f"{where}: empty text"
    for marker in ("{{", "}}", "{%", "%}", "None", "Undefined"):
        assert marker not in text, f"{where}: {marker!r} left in {text!r}"


def check_language(text: str, lang: str, where: str) -> None:
    check_filled(text, where)
    if lang == "zh":
        assert _HAN.search(text), f"{where}: no Chinese text"
        assert not foreign_latin(text), f"{where}: Latin letters {foreign_latin(text)} in {text!r}"
        assert not _ZH_HALF_WIDTH.search(text), f"{where}: half-width punctuation in {text!r}"
        assert " " not in text, f"{where}: a space in Chinese text {text!r}"
    elif lang == "ru":
        assert _CYRILLIC.search(text), f"{where}: no Cyrillic text"
        assert not foreign_latin(text), f"{where}: Latin letters {foreign_latin(text)} in {text!r}"
        assert '"' not in text, f"{where}: straight double quotes in {text!r}"
    else:
        assert not _HAN.search(text) and not _CYRILLIC.search(text), f"{where}: non-English script in {text!r}"


# ---- the examples ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_example_renders_clean_in_every_language(documents: dict[tuple[str, str], RenderedDocument],
                                                 workspaces: dict[str, Workspace], example: str,
                                                 lang: str) -> None:
    doc = documents[(example, lang)]
    ws = workspaces[example]
    assert doc.blocks[0].kind is BlockKind.TITLE
    for block in doc.blocks:
        check_language(block.text, lang, f"{example}/{lang}/{block.unit_id or block.kind.value}")
    # every clause and item of the statement is in the document, once
    units = [u.id for u in ws.statement.units()]
    body = [b.unit_id for b in doc.blocks if b.kind in (BlockKind.PARAGRAPH, BlockKind.NUMBERED, BlockKind.BULLET)]
    assert body == units


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_russian_opening_names_each_office_in_the_genitive(documents: dict[tuple[str, str], RenderedDocument],
                                                           workspaces: dict[str, Workspace],
                                                           example: str) -> None:
    ws = workspaces[example]
    opening = next(b.text for b in documents[(example, "ru")].blocks if b.unit_id == "opening")
    for party in ws.statement.parties:
        office = ws.registry.offices[party.office]
        genitive = office.names["ru"].form("gen")
        assert genitive and genitive in opening, f"{party.office}: no genitive office in the opening"
        assert genitive != office.names["ru"].nom
        assert f"{office.names['ru'].nom} " not in opening.replace(genitive, ""), "nominative office left"


def test_seed_opening_reads_title_then_genitive_office(documents: dict[tuple[str, str], RenderedDocument]) -> None:
    opening = next(b.text for b in documents[("seed", "ru")].blocks if b.unit_id == "opening")
    assert "директор Департамента по правам интеллектуальной собственности Министерства юстиции" in opening
    assert "директор Государственного агентства интеллектуальной собственности" in opening
    assert opening.endswith("(далее – Стороны) провели в Урумчи первое Совещание руководителей ведомств "
                            "интеллектуальной собственности Китая и Центральной Азии.")
    assert "г-н" not in opening and "г-жа" not in opening  # official openings name no honorifics


def test_bilateral_example_uses_two_party_forms(documents: dict[tuple[str, str], RenderedDocument]) -> None:
    zh = "\n".join(b.text for b in documents[("bilateral", "zh")].blocks)
    en = "\n".join(b.text for b in documents[("bilateral", "en")].blocks)
    ru = "\n".join(b.text for b in documents[("bilateral", "ru")].blocks)
    assert "双方" in zh and "各方" not in zh
    assert "Both Parties" in en and "The Parties" not in en
    assert "Совещание будет проводиться ежегодно" in ru and "会议每年举办一次" in zh
    # the guest side thanks the host side, with the Russian dative after "благодарность"
    assert "乌方衷心感谢中方" in zh
    assert "The Uzbek side expresses its sincere gratitude to the Chinese side" in en
    assert "Узбекская сторона выражает искреннюю благодарность китайской стороне" in ru
    # two signature lines, one per party
    assert sum(1 for b in documents[("bilateral", "en")].blocks if b.kind is BlockKind.SIGNATURE) == 2


@pytest.mark.parametrize("example", ["seed", "second"])
def test_multilateral_examples_use_several_party_forms(documents: dict[tuple[str, str], RenderedDocument],
                                                       example: str) -> None:
    zh = "\n".join(b.text for b in documents[(example, "zh")].blocks)
    en = "\n".join(b.text for b in documents[(example, "en")].blocks)
    assert "各方" in zh and "双方" not in zh
    assert "Both Parties" not in en


def test_second_meeting_is_hosted_and_ordered_host_first(documents: dict[tuple[str, str], RenderedDocument]) -> None:
    title = {lang: documents[("second", lang)].title for lang in LANGS}
    assert title["en"].startswith("Joint Statement of the Second ")
    assert title["zh"].startswith("第二届")
    assert title["ru"].startswith("Совместное заявление второго Совещания")
    ru_opening = next(b.text for b in documents[("second", "ru")].blocks if b.unit_id == "opening")
    assert ru_opening.startswith("По приглашению Департамента по правам интеллектуальной собственности")
    assert "в Астане (Казахстан) состоялось второе Совещание" in ru_opening
    # order per language: the Chinese text lists China first, the Russian and English texts the host first
    zh_opening = next(b.text for b in documents[("second", "zh")].blocks if b.unit_id == "opening")
    assert zh_opening.index("申长雨") < zh_opening.index("肖尔潘")
    assert ru_opening.index("Шолпан Абдреева") < ru_opening.index("Шэнь Чанъюй")
    en_atmosphere = next(b.text for b in documents[("second", "en")].blocks if b.unit_id == "atmosphere")
    assert "outcomes of the First China-Central Asia Heads of Intellectual Property Office Meeting, held in Urumqi" \
        in en_atmosphere
    ru_next = next(b.text for b in documents[("second", "ru")].blocks if b.unit_id == "next-host")
    assert "предложение кыргызской стороны провести третье Совещание" in ru_next
    closing = [b for b in documents[("second", "ru")].blocks if b.kind is BlockKind.PLACE_DATE]
    assert closing and closing[0].text.startswith("Совершено в Астане ")


def test_seed_english_reproduces_the_published_text(documents: dict[tuple[str, str], RenderedDocument]) -> None:
    if not SEED_TEXT.is_file():
        pytest.skip("../shared/seed is not available")
    sacrebleu = pytest.importorskip("sacrebleu")
    hyp = "\n".join(b.text for b in documents[("seed", "en")].blocks)
    score = sacrebleu.corpus_chrf([hyp], [[SEED_TEXT.read_text(encoding="utf-8")]]).score
    assert score >= 95, score


# ---- every template ----------------------------------------------------------------------------------

def _statement(parties: tuple[str, ...], clause: Clause) -> Statement:
    return Statement(
        title=None,
        meeting=Meeting(mechanism="c-ca-heads-ip", ordinal=2, dates=(dt.date(2025, 9, 18),), venue="astana"),
        languages=("zh", "ru", "en"), source_language="en",
        parties=tuple(PartyRef(p) for p in parties), order=OrderRule.HOST_FIRST, clauses=(clause,),
        closing=Closing(), collective="china-and-central-asia" if len(parties) > 2 else None,
    )


def render_everywhere(tpl: ClauseTemplate, parties: tuple[str, ...], library: Library,
                      registry: Registry) -> Iterator[tuple[str, str]]:
    """Render one template in each language the way the assembler would place it."""
    slots = MappingProxyType({name: SYNTHETIC[typ] for name, typ in tpl.slots.items()})
    clause = Clause(id="probe", template=tpl.id, slots=slots)
    if tpl.family == "area":
        parent = Clause(id="list", template="areas.intro", items=(clause,))
        statement, unit = _statement(parties, parent), Unit("probe", clause, parent="list")
    else:
        statement, unit = _statement(parties, clause), Unit("probe", clause)
    r = Renderer(statement, registry, library)
    for lang in LANGS:
        if tpl.family == "title":
            text = r.special(tpl.id, lang, {})
        elif tpl.family == "done-in":
            text = r.special(tpl.id, lang, {"copies": 3, "place": name_of(registry.cities["astana"], lang),
                                            "date": dt.date(2025, 9, 18)})
        elif tpl.family == "signature":
            text = "\n".join(r.special(tpl.id, lang, {"party": p, "rule": "____", "br": "\n"})
                             for p in r.parties(lang))
        else:
            got = r.generated_text(unit, lang)
            assert got is not None
            text = got
        yield lang, text


def _template_ids() -> list[str]:
    library, _ = load_library_and_registry(TEMPLATES)
    return sorted(library.templates)


@pytest.mark.parametrize("parties", [PARTIES_2, PARTIES_6], ids=["2-parties", "6-parties"])
@pytest.mark.parametrize("template_id", _template_ids())
def test_every_template_renders_in_every_language(library_registry: tuple[Library, Registry], template_id: str,
                                                  parties: tuple[str, ...]) -> None:
    library, registry = library_registry
    tpl = library.templates[template_id]
    reasons = guard_failures(tpl, _statement(parties, Clause(id="probe", template=tpl.id)), registry)
    if reasons:  # a template used outside what it declares is refused, with its id and the reason
        with pytest.raises(TemplateError, match=f"template '{regex.escape(template_id)}' does not fit"):
            dict(render_everywhere(tpl, parties, library, registry))
        return
    texts = dict(render_everywhere(tpl, parties, library, registry))
    assert set(texts) == set(LANGS)
    for lang, text in texts.items():
        check_language(text, lang, f"{template_id}/{lang}/{len(parties)}")
    # two parties are 双方 / "Both Parties", several are 各方 / "The Parties": never the other way round
    if len(parties) == 2:
        assert "各方" not in texts["zh"], texts["zh"]
        assert "The Parties" not in texts["en"] or "Both Parties" not in tpl.text["en"], texts["en"]
    else:
        assert "双方" not in texts["zh"] and "Both Parties" not in texts["en"], texts
    if "'双方' if both else '各方'" in tpl.text["zh"] and len(parties) > 2:
        assert "各方" in texts["zh"], texts["zh"]


def test_every_template_uses_the_same_slots_in_each_language(library_registry: tuple[Library, Registry]) -> None:
    library, _ = library_registry
    env = jinja2.Environment()
    env.filters.update({name: str for name in TEMPLATE_FILTERS})
    for tpl in library.templates.values():
        for lang in LANGS:
            used = meta.find_undeclared_variables(env.parse(tpl.text[lang])) & set(tpl.slots)
            assert used == set(tpl.slots), f"{tpl.id} ({lang}) does not use slots {set(tpl.slots) - used}"


def test_library_size_and_families(library_registry: tuple[Library, Registry]) -> None:
    library, _ = library_registry
    families = [t.family for t in library.templates.values()]
    assert len(library.templates) >= 40
    assert families.count("area") >= 10
    for family in ("title", "opening", "atmosphere", "reaffirm", "role", "cooperation", "mechanism", "areas",
                   "multilateral", "closing", "done-in", "signature"):
        assert family in families, family
    assert families.count("opening") >= 3
    for tpl in library.templates.values():
        assert tpl.description, f"{tpl.id} has no description"


def test_previous_meeting_clause_refuses_a_first_meeting(library_registry: tuple[Library, Registry]) -> None:
    library, registry = library_registry
    tpl = library.templates["atmosphere.review-since-last"]
    slots = MappingProxyType({"previous_city": "urumqi", "previous_year": 2023})
    clause = Clause(id="atmosphere", template=tpl.id, slots=slots)
    statement = Statement(
        title=None, meeting=Meeting("c-ca-heads-ip", 1, (dt.date(2025, 9, 18),), "astana"),
        languages=LANGS, source_language="en", parties=tuple(PartyRef(p) for p in PARTIES_6),
        order=OrderRule.AS_LISTED, clauses=(clause,), closing=Closing(), collective="china-and-central-asia")
    with pytest.raises(TemplateError, match="reviews the previous meeting, and this is the first of the series"):
        Renderer(statement, registry, library).generated_text(Unit("atmosphere", clause), "en")


def test_host_party_clause_needs_a_party_from_the_host_country(
        library_registry: tuple[Library, Registry]) -> None:
    library, registry = library_registry
    clause = Clause(id="opening", template="opening.held-at-invitation")
    statement = Statement(
        title=None, meeting=Meeting("c-ca-heads-ip", 2, (dt.date(2025, 9, 18),), "bishkek"),
        languages=LANGS, source_language="en", parties=tuple(PartyRef(p) for p in PARTIES_2),
        order=OrderRule.AS_LISTED, clauses=(clause,), closing=Closing())
    with pytest.raises(TemplateError, match="no party is from the host country"):
        Renderer(statement, registry, library).generated_text(Unit("opening", clause), "ru")


def test_bilateral_meeting_in_a_third_country_thanks_the_host_jointly(
        library_registry: tuple[Library, Registry]) -> None:
    library, registry = library_registry
    clause = Clause(id="thanks", template="closing.thanks-host")
    statement = Statement(
        title=None, meeting=Meeting("cn-uz-ip-cooperation", 1, (dt.date(2025, 9, 18),), "bishkek"),
        languages=LANGS, source_language="en", parties=(PartyRef("cnipa"), PartyRef("uz-ip-office")),
        order=OrderRule.AS_LISTED, clauses=(clause,), closing=Closing())
    r = Renderer(statement, registry, library)
    unit = Unit("thanks", clause)
    assert r.generated_text(unit, "en") == ("Both Parties express their sincere gratitude to the Kyrgyz side for the "
                                            "warm hospitality and the excellent organization of the meeting.")
    assert r.generated_text(unit, "zh") == "双方衷心感谢吉方的热情接待和周到安排。"
    assert r.generated_text(unit, "ru") == ("Стороны выражают искреннюю благодарность кыргызской стороне за теплый "
                                            "прием и отличную организацию совещания.")


def test_library_passes_the_validator(library_registry: tuple[Library, Registry]) -> None:
    from statementkit.services.validate import validate_library

    library, _ = library_registry
    assert [str(p) for p in validate_library(library)] == []


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_examples_pass_the_validator(workspaces: dict[str, Workspace], example: str) -> None:
    from statementkit.services.validate import validate_statement

    ws = workspaces[example]
    assert [str(p) for p in validate_statement(ws.statement, ws.registry, ws.library)] == []
