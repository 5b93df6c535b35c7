"""Every template of the library over a matrix of statements of the genre, in zh, ru and en.

The statements the acceptance of issue 9 names: the seed (six parties, China hosting); a bilateral
China–Kazakhstan statement hosted in Astana; a second meeting hosted by Kyrgyzstan with four parties; a series
whose Russian noun is feminine («встреча»); one whose noun is plural («консультации»); a communiqué title.
Each template either renders and passes `check`, or `check` refuses it in one line naming the template and the
reason.  The systemic rules are asserted on the rendered text: originals follow the parties, the order is per
language, no region wording in bilateral texts, no «Совещание» in a встреча series, no bare acronyms in zh/ru.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from statementkit.app.workspace import load_library_and_registry, load_workspace
from statementkit.model.document import BlockKind, RenderedDocument
from statementkit.model.library import Library, SlotType
from statementkit.model.registry import Registry
from statementkit.model.statement import Clause, Closing, Meeting, OrderRule, PartyRef, Statement
from statementkit.services.assemble.render import assemble
from statementkit.services.genre import bare_acronyms, guard_failures
from statementkit.services.qa import run_checks
from statementkit.services.validate import validate_statement

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
LANGS = ("zh", "ru", "en")
C_C5 = ("cnipa", "kz-ip-department", "kyrgyzpatent", "tj-ncpi", "tm-ip-service", "uz-ip-office")

SLOTS: dict[SlotType, Any] = {
    SlotType.TEXT: {"en": "Memorandum of Understanding on Cooperation in the Field of Intellectual Property",
                    "zh": "《知识产权领域合作谅解备忘录》",
                    "ru": "Меморандума о взаимопонимании о сотрудничестве в области интеллектуальной собственности"},
    SlotType.INT: 3,
    SlotType.YEAR: 2024,
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


def _statement(mechanism: str, ordinal: int, venue: str, parties: tuple[str, ...], *, title: str | None = None,
               orders: dict[str, OrderRule] | None = None, collective: str | None = None,
               dates: tuple[dt.date, ...] = (dt.date(2026, 6, 30), dt.date(2026, 7, 2))) -> Statement:
    return Statement(
        title=title, meeting=Meeting(mechanism, ordinal, dates, venue), languages=LANGS, source_language="en",
        parties=tuple(PartyRef(p) for p in parties), order=OrderRule.AS_LISTED,
        orders=MappingProxyType(orders or {}), clauses=(Clause("x", text="x"),),
        closing=Closing(form="equally-authentic", signatures=True), collective=collective)


def _seed() -> Statement:
    st = load_workspace(REPO / "examples" / "china-central-asia-ip-2023" / "statement.yaml", TEMPLATES).statement
    return dataclasses.replace(st, closing=Closing(form="equally-authentic", signatures=True))


STATEMENTS = {
    "seed": _seed(),
    "bilateral-astana": _statement("cn-kz-ip-cooperation", 2, "astana", ("cnipa", "kz-ip-department"),
                                   orders={"ru": OrderRule.HOST_FIRST, "en": OrderRule.HOST_FIRST}),
    "bishkek-four": _statement("regional-ip-heads", 2, "bishkek",
                               ("cnipa", "kz-ip-department", "kyrgyzpatent", "uz-ip-office"),
                               orders={"zh": OrderRule.ALPHABETICAL, "ru": OrderRule.HOST_FIRST}),
    "vstrecha": _statement("heads-ip-meeting", 3, "dushanbe", ("cnipa", "tj-ncpi", "uz-ip-office")),
    "consultations": _statement("ip-consultations", 3, "tashkent", ("cnipa", "uz-ip-office")),
    "communique": dataclasses.replace(
        _statement("c-ca-heads-ip", 2, "astana", C_C5, collective="china-and-central-asia"),
        title="title.joint-communique"),
}
ORIGINALS = {  # the number of originals as each language writes it: one per party
    2: {"zh": "一式两份", "ru": "в двух подлинных экземплярах", "en": "in two originals"},
    3: {"zh": "一式三份", "ru": "в трех подлинных экземплярах", "en": "in three originals"},
    4: {"zh": "一式四份", "ru": "в четырех подлинных экземплярах", "en": "in four originals"},
    6: {"zh": "一式六份", "ru": "в шести подлинных экземплярах", "en": "in six originals"},
}


@pytest.fixture(scope="module")
def lib_reg() -> tuple[Library, Registry]:
    return load_library_and_registry(TEMPLATES)


def _ids() -> list[str]:
    library, _ = load_library_and_registry(TEMPLATES)
    return sorted(t.id for t in library.templates.values() if t.family not in ("done-in", "signature"))


def _with(st: Statement, tpl_id: str, library: Library) -> Statement:
    tpl = library.templates[tpl_id]
    if tpl.family == "title":
        return dataclasses.replace(st, title=tpl_id, clauses=(Clause("opening", template="opening.heads-met"),))
    slots = MappingProxyType({name: SLOTS[typ] for name, typ in tpl.slots.items()})
    probe = Clause("probe", template=tpl_id, slots=slots)
    if tpl.family == "area":
        probe = Clause("list", template="areas.intro", items=(dataclasses.replace(probe, id="probe"),))
    return dataclasses.replace(st, clauses=(Clause("opening", template="opening.heads-met"), probe))


def _text(doc: RenderedDocument) -> str:
    return "\n".join(b.text for b in doc.blocks)


@pytest.mark.parametrize("name", sorted(STATEMENTS))
@pytest.mark.parametrize("tpl_id", _ids())
def test_every_template_renders_correctly_or_is_refused(lib_reg: tuple[Library, Registry], tpl_id: str,
                                                        name: str) -> None:
    library, registry = lib_reg
    st = _with(STATEMENTS[name], tpl_id, library)
    problems = [str(p) for p in validate_statement(st, registry, library)]
    reasons = guard_failures(library.templates[tpl_id], st, registry)
    if reasons:
        assert len(problems) == 1, problems
        assert f"template '{tpl_id}' does not fit this statement: " in problems[0]
        return
    assert problems == []
    assert [str(f) for f in run_checks(st, registry, library, None)] == []  # the cross-language check too
    docs = {lang: assemble(st, registry, library, lang) for lang in LANGS}
    n = len(st.parties)
    for lang, doc in docs.items():
        text = _text(doc)
        assert ORIGINALS[n][lang] in text, (lang, text[-400:])
        assert not bare_acronyms(text, lang, registry), (lang, bare_acronyms(text, lang, registry))
        for marker in ("{{", "}}", "None", "Undefined"):
            assert marker not in text
        if n == 2:  # no region wording, no C+C5 content, the two-party forms
            for word in {"zh": (r"本?地区", r"区域", "各方"), "ru": (r"\bрегион[аеу]?\b",),
                         "en": (r"\bthe region\b", r"\bThe Parties\b")}[lang]:
                assert not re.search(word, text), (lang, word, text)
        else:
            assert "双方" not in text and "Both Parties" not in text
    ru, zh, en = (_text(docs[lg]) for lg in ("ru", "zh", "en"))
    if name == "vstrecha":  # the series noun and its agreement, in every clause
        assert "овещани" not in ru and "会议" not in zh, (ru, zh)
        for wrong in ("Встреча прошло", "состоялось третья", "настоящего совещания", "настоящего встречи"):
            assert wrong not in ru
    if name == "consultations":
        assert "овещани" not in ru and "会议" not in zh
        for wrong in ("прошло ", "прошла ", "состоялось ", "будет проводиться"):
            assert wrong not in ru, (wrong, ru)
        assert " was held" not in en
    if st.title == "title.joint-communique":
        assert "Совместного заявления" not in ru and "联合声明" not in zh and "Joint Statement" not in en
        assert "联合公报" in zh and "Совместное коммюнике" in ru and "Joint Communiqué" in en


def test_order_per_language_and_signature_blocks(lib_reg: tuple[Library, Registry]) -> None:
    """zh lists China first then pinyin order; ru the host first; the signature blocks follow each copy."""
    library, registry = lib_reg
    st = _with(STATEMENTS["bishkek-four"], "reaffirm.ip-role", library)
    zh = assemble(st, registry, library, "zh")
    ru = assemble(st, registry, library, "ru")
    zh_sig = [b.unit_id for b in zh.blocks if b.kind is BlockKind.SIGNATURE]
    ru_sig = [b.unit_id for b in ru.blocks if b.kind is BlockKind.SIGNATURE]
    assert zh_sig == ["@signature.cnipa", "@signature.kz-ip-department", "@signature.kyrgyzpatent",
                      "@signature.uz-ip-office"]  # zhongguo first, then hasakesitan, jierjisisitan, wuzibiekesitan
    assert ru_sig[0] == "@signature.kyrgyzpatent" and ru_sig[1:] == ["@signature.cnipa",
                                                                    "@signature.kz-ip-department",
                                                                    "@signature.uz-ip-office"]
    ru_opening = ru.blocks[1].text
    assert ru_opening.index("Рахат Керимбаева") < ru_opening.index("Шэнь Чанъюй")
