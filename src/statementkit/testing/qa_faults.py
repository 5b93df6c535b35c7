"""Fault injection over the whole clause library, for the cross-language checks (test and ``bench/qa.py``).

:func:`library_units` renders every template of the library in en, zh and ru inside several statements
(bilateral and six-party, different meetings, venues, dates and slot values); :data:`FAULTS` are the faults
a reviewer catches, each a function that changes one language of one clause (or two clauses) and says where;
:func:`run_harness` injects each fault wherever it applies and counts how many the checks report on the
clause and language it touched.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import regex

from statementkit.errors import SpecError, TemplateError
from statementkit.model.library import Library, SlotType
from statementkit.model.registry import Registry
from statementkit.model.statement import Clause, Closing, Meeting, OrderRule, PartyRef, Statement
from statementkit.services.assemble.render import Renderer
from statementkit.services.qa.checks import Finding, QAContext, UnitTexts, check_units
from statementkit.services.qa.names import EntityIndex
from statementkit.services.qa.numbers import read_numbers

LANGS = ("en", "zh", "ru")


@dataclass(frozen=True)
class Config:
    """One statement around the library: its meeting, parties and the slot values of each type."""

    name: str
    mechanism: str
    ordinal: int
    dates: tuple[dt.date, ...]
    venue: str
    parties: tuple[str, ...]
    slots: Mapping[SlotType, Any]
    collective: str | None = None


_TEXT = {"en": "Memorandum of Understanding on Cooperation in the Field of Intellectual Property",
         "zh": "《知识产权领域合作谅解备忘录》",
         "ru": "Меморандума о взаимопонимании о сотрудничестве в области интеллектуальной собственности"}
SIX = ("cnipa", "kz-ip-department", "kyrgyzpatent", "tj-ncpi", "tm-ip-service", "uz-ip-office")

CONFIGS = (
    Config("six-astana", "c-ca-heads-ip", 2, (dt.date(2025, 9, 18), dt.date(2025, 9, 19)), "astana", SIX,
           {SlotType.TEXT: _TEXT, SlotType.INT: 2, SlotType.YEAR: 2027, SlotType.DATE: dt.date(2019, 5, 12),
            SlotType.MONTH: "2023-05", SlotType.CITY: "bishkek", SlotType.COUNTRY: "kg",
            SlotType.COUNTRIES: ["kz", "uz"], SlotType.OFFICE: "kyrgyzpatent", SlotType.ORGANISATION: "c-ca-summit",
            SlotType.ORGANISATIONS: ["pct", "madrid-system", "hague-system"], SlotType.TERM: "trademarks"},
           collective="china-and-central-asia"),
    Config("bilateral-tashkent", "cn-uz-ip-cooperation", 3, (dt.date(2024, 10, 22),), "tashkent",
           ("cnipa", "uz-ip-office"),
           {SlotType.TEXT: _TEXT, SlotType.INT: 3, SlotType.YEAR: 2026, SlotType.DATE: dt.date(2021, 11, 3),
            SlotType.MONTH: "2024-06", SlotType.CITY: "beijing", SlotType.COUNTRY: "cn",
            SlotType.COUNTRIES: ["cn", "uz"], SlotType.OFFICE: "cnipa", SlotType.ORGANISATION: "wipo",
            SlotType.ORGANISATIONS: ["pct", "hague-system"], SlotType.TERM: "patents"}),
    Config("six-urumqi", "c-ca-heads-ip", 24, (dt.date(2030, 7, 24), dt.date(2030, 7, 26)), "urumqi", SIX,
           {SlotType.TEXT: _TEXT, SlotType.INT: 5, SlotType.YEAR: 2032, SlotType.DATE: dt.date(2028, 3, 1),
            SlotType.MONTH: "2029-12", SlotType.CITY: "dushanbe", SlotType.COUNTRY: "tj",
            SlotType.COUNTRIES: ["kz", "tj", "tm"], SlotType.OFFICE: "tj-ncpi", SlotType.ORGANISATION: "c-ca-summit",
            SlotType.ORGANISATIONS: ["madrid-system", "pct"], SlotType.TERM: "geographical-indications"},
           collective="china-and-central-asia"),
    Config("bilateral-astana", "c-ca-heads-ip", 4, (dt.date(2027, 4, 9),), "astana",
           ("kz-ip-department", "cnipa"),
           {SlotType.TEXT: _TEXT, SlotType.INT: 1, SlotType.YEAR: 2029, SlotType.DATE: dt.date(2016, 6, 14),
            SlotType.MONTH: "2026-02", SlotType.CITY: "ashgabat", SlotType.COUNTRY: "tm",
            SlotType.COUNTRIES: ["cn", "kz"], SlotType.OFFICE: "kz-ip-department", SlotType.ORGANISATION: "wipo",
            SlotType.ORGANISATIONS: ["hague-system"], SlotType.TERM: "trademarks"}),
    Config("three-dushanbe", "c-ca-heads-ip", 11, (dt.date(2031, 12, 30), dt.date(2031, 12, 31)), "dushanbe",
           ("tj-ncpi", "kyrgyzpatent", "cnipa"),
           {SlotType.TEXT: _TEXT, SlotType.INT: 4, SlotType.YEAR: 2033, SlotType.DATE: dt.date(2030, 1, 15),
            SlotType.MONTH: "2031-03", SlotType.CITY: "astana", SlotType.COUNTRY: "kz",
            SlotType.COUNTRIES: ["tj", "kg"], SlotType.OFFICE: "kyrgyzpatent", SlotType.ORGANISATION: "wipo",
            SlotType.ORGANISATIONS: ["madrid-system", "hague-system", "pct"], SlotType.TERM: "patents"}),
    Config("bilateral-bishkek", "c-ca-heads-ip", 20, (dt.date(2040, 8, 5), dt.date(2040, 8, 7)), "bishkek",
           ("kyrgyzpatent", "tm-ip-service"),
           {SlotType.TEXT: _TEXT, SlotType.INT: 2, SlotType.YEAR: 2042, SlotType.DATE: dt.date(2039, 10, 1),
            SlotType.MONTH: "2040-04", SlotType.CITY: "xian", SlotType.COUNTRY: "cn",
            SlotType.COUNTRIES: ["kg", "tm"], SlotType.OFFICE: "tm-ip-service", SlotType.ORGANISATION: "c-ca-summit",
            SlotType.ORGANISATIONS: ["pct"], SlotType.TERM: "geographical-indications"}),
)

_SLOT_SPECIAL = {"from_year": -2, "to_year": 0, "previous_year": -2, "since": -9}


def config_statement(cfg: Config, library: Library, registry: Registry) -> Statement:
    """A statement using every clause template of the library (the area items in one list)."""
    clauses: list[Clause] = []
    items: list[Clause] = []
    for tpl in library.templates.values():
        if tpl.family in ("title", "done-in", "signature"):
            continue
        slots: dict[str, Any] = {}
        for name, typ in tpl.slots.items():
            value = cfg.slots[typ]
            if typ is SlotType.YEAR and name in _SLOT_SPECIAL:
                value = cfg.dates[0].year + _SLOT_SPECIAL[name]
            if typ is SlotType.CITY and name == "previous_city":
                value = "xian"
            slots[name] = value
        clause = Clause(id=tpl.id, template=tpl.id, slots=MappingProxyType(slots))
        (items if tpl.family == "area" else clauses).append(clause)
    out: list[Clause] = []
    for c in clauses:
        if c.template == "areas.intro":
            c = replace(c, items=tuple(items))
        if c.template == "opening.held-at-invitation":
            host = registry.cities[cfg.venue].country
            if not any(registry.offices[p].country == host for p in cfg.parties):
                continue
        if c.template == "atmosphere.review-since-last" and cfg.ordinal == 1:
            continue
        out.append(c)
    return Statement(title=None, meeting=Meeting(cfg.mechanism, cfg.ordinal, cfg.dates, cfg.venue),
                     languages=("zh", "ru", "en"), source_language="en",
                     parties=tuple(PartyRef(p) for p in cfg.parties), order=OrderRule.AS_LISTED,
                     clauses=tuple(out), closing=Closing(), collective=cfg.collective)


def library_units(library: Library, registry: Registry) -> list[list[UnitTexts]]:
    """Each configuration's statement rendered in en, zh and ru, unit by unit (ids prefixed by config); a
    template that refuses a statement (its guard: wording for other parties) is left out of that one."""
    out = []
    for cfg in CONFIGS:
        st = config_statement(cfg, library, registry)
        r = Renderer(st, registry, library)
        units = []
        for unit in st.units():
            try:
                texts = {lang: r.unit_text(unit, lang)[0] for lang in LANGS}
            except (SpecError, TemplateError):  # a template whose guard refuses this statement's parties
                continue
            units.append(UnitTexts(f"{cfg.name}/{unit.id}", "en", MappingProxyType(texts)))
        out.append(units)
    return out


# ---- faults --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Injected:
    """A fault put into ``units``: the clauses and the language it touched."""

    units: list[UnitTexts]
    where: frozenset[str]  # unit ids touched
    lang: str


Fault = Callable[[list[UnitTexts], int, str, random.Random, EntityIndex], Injected | None]


def _set(units: list[UnitTexts], i: int, lang: str, text: str) -> list[UnitTexts]:
    u = units[i]
    texts = dict(u.texts)
    texts[lang] = text
    out = list(units)
    out[i] = UnitTexts(u.unit_id, u.source_lang, MappingProxyType(texts))
    return out


def _text(units: list[UnitTexts], i: int, lang: str) -> str:
    return units[i].texts.get(lang) or ""


_ASCII_DIGITS = regex.compile(r"(?<![\p{L}\p{N}][-‐]?)\d+")


def digit_change(units: list[UnitTexts], i: int, lang: str, rnd: random.Random, _: EntityIndex) -> Injected | None:
    """One Arabic number changed (2027 → 2028, 18 → 19)."""
    text = _text(units, i, lang)
    nums = [n for n in read_numbers(text, lang) if n.text.isdigit()]
    if not nums:
        return None
    n = rnd.choice(nums)
    new = str(int(n.text) + rnd.choice((1, 2, 3)))
    return Injected(_set(units, i, lang, text[:n.start] + new + text[n.end:]), frozenset({units[i].unit_id}), lang)


def number_swap(units: list[UnitTexts], i: int, lang: str, rnd: random.Random, _: EntityIndex) -> Injected | None:
    """Two different numbers of the same kind swapped inside a clause ("25–27" → "27–25")."""
    text = _text(units, i, lang)
    nums = read_numbers(text, lang)
    pairs = [(a, b) for k, a in enumerate(nums) for b in nums[k + 1:] if a.type == b.type and a.value != b.value]
    if not pairs:
        return None
    a, b = rnd.choice(pairs)
    new = text[:a.start] + b.text + text[a.end:b.start] + a.text + text[b.end:]
    return Injected(_set(units, i, lang, new), frozenset({units[i].unit_id}), lang)


_ZH_NUM_WORD = regex.compile(r"(?<=第|每)([一二两三四五六七八九十]+)|([一二两三四五六七八九十]+)(?=[个届次年名项])")
_ZH_DIGITS = "一二三四五六七八九"


def zh_numeral_change(units: list[UnitTexts], i: int, lang: str, rnd: random.Random,
                      _: EntityIndex) -> Injected | None:
    """A Chinese number written in words changed (第十次 → 第十一次, 两个 → 三个, 每两年 → 每三年)."""
    if lang != "zh":
        return None
    text = _text(units, i, lang)
    cands = [m for m in _ZH_NUM_WORD.finditer(text) if m.group() not in ("一",)]
    if not cands:
        return None
    m = rnd.choice(cands)
    old = m.group()
    last = old[-1]
    if last in "两二":
        new = old[:-1] + "三"
    elif last in _ZH_DIGITS:
        new = old[:-1] + _ZH_DIGITS[(_ZH_DIGITS.index(last) + 1) % 9]
    else:  # 十 → 十一
        new = old + "一"
    return Injected(_set(units, i, lang, text[:m.start()] + new + text[m.end():]), frozenset({units[i].unit_id}),
                    lang)


_ORDINALS = {
    "en": ["Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh"],
    "ru": ["второе", "третье", "четвертое", "пятое", "шестое", "седьмое", "второго", "третьего", "четвертого",
           "пятого", "второй", "третьей", "четвертой"],
}


def ordinal_change(units: list[UnitTexts], i: int, lang: str, rnd: random.Random, _: EntityIndex) -> Injected | None:
    """An ordinal changed in words or digits (Second → Third, 第二届 → 第三届, «второе» → «третье», 24th → 25th)."""
    text = _text(units, i, lang)
    if lang == "zh":
        m = regex.search(r"第([一二三四五六七八九十]+)(?=[届次])", text)
        if not m:
            return None
        old = m.group(1)
        new = old[:-1] + (_ZH_DIGITS[(_ZH_DIGITS.index(old[-1]) + 1) % 9] if old[-1] in _ZH_DIGITS else "十一")
        return Injected(_set(units, i, lang, text[:m.start(1)] + new + text[m.end(1):]),
                        frozenset({units[i].unit_id}), lang)
    m = regex.search(r"\b(\d+)(st|nd|rd|th)\b", text)
    if m:
        n = int(m.group(1)) + 1
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return Injected(_set(units, i, lang, text[:m.start()] + f"{n}{suffix}" + text[m.end():]),
                        frozenset({units[i].unit_id}), lang)
    words = _ORDINALS[lang]
    for k, w in enumerate(words):
        m = regex.search(rf"(?<!\p{{L}}){w}(?!\p{{L}})", text, flags=regex.IGNORECASE)
        if m:
            group = 6 if lang == "en" else (6 if k < 6 else (11 if k < 11 else len(words)))
            nxt = words[k + 1] if k + 1 < group else words[k - 1]
            if m.group()[0].isupper():
                nxt = nxt[0].upper() + nxt[1:]
            return Injected(_set(units, i, lang, text[:m.start()] + nxt + text[m.end():]),
                            frozenset({units[i].unit_id}), lang)
    return None


def sentences(text: str, lang: str) -> list[str]:
    """The sentences of a clause (the split the completeness check counts)."""
    from statementkit.services.qa.languages import LANGUAGE_RULES

    return LANGUAGE_RULES[lang].sentences(text)


def dropped_sentence(units: list[UnitTexts], i: int, lang: str, rnd: random.Random,
                     _: EntityIndex) -> Injected | None:
    """One sentence of a clause of several sentences left out."""
    text = _text(units, i, lang)
    sents = sentences(text, lang)
    if len(sents) < 2:
        return None
    k = rnd.randrange(len(sents))
    joiner = "" if lang == "zh" else " "
    new = joiner.join(s for j, s in enumerate(sents) if j != k)
    return Injected(_set(units, i, lang, new), frozenset({units[i].unit_id}), lang)


def added_sentence(units: list[UnitTexts], i: int, lang: str, rnd: random.Random,
                   _: EntityIndex) -> Injected | None:
    """A sentence of another clause added at the end of this one."""
    text = _text(units, i, lang)
    others = [s for j, u in enumerate(units) if j != i for s in sentences(u.texts.get(lang) or "", lang)
              if len(s) > 20 and s not in text]
    if not text or not others:
        return None
    extra = rnd.choice(others)
    joiner = "" if lang == "zh" else " "
    return Injected(_set(units, i, lang, text.rstrip() + joiner + extra), frozenset({units[i].unit_id}), lang)


def swapped_clauses(units: list[UnitTexts], i: int, lang: str, rnd: random.Random,
                    _: EntityIndex) -> Injected | None:
    """Two neighbouring clauses exchanged in one language."""
    if i + 1 >= len(units):
        return None
    a, b = _text(units, i, lang), _text(units, i + 1, lang)
    if not a or not b or a == b:
        return None
    out = _set(_set(units, i, lang, b), i + 1, lang, a)
    return Injected(out, frozenset({units[i].unit_id, units[i + 1].unit_id}), lang)


def _substitution(kind: str) -> Fault:
    def fault(units: list[UnitTexts], i: int, lang: str, rnd: random.Random, index: EntityIndex) -> Injected | None:
        text = _text(units, i, lang)
        ms = [m for m in index.mentions(text, lang) if len(m.ids) == 1 and kind in m.kinds]
        if not ms:
            return None
        m = rnd.choice(ms)
        (_, ident), = m.ids
        present = {i for mm in index.mentions(text, lang) for _, i in mm.ids}
        others = [e for e in index.ids(kind) if e != ident and e not in present and index.forms(kind, e, lang)]
        if not others:
            return None
        other = rnd.choice(sorted(others))
        forms = index.forms(kind, ident, lang)
        pos = forms.index(m.text) if m.text in forms else 0
        new_forms = index.forms(kind, other, lang)
        new = new_forms[min(pos, len(new_forms) - 1)]
        if {i for mm in index.mentions(new, lang) for _, i in mm.ids} & present:
            return None  # the other entity's name is also a name of one already here
        return Injected(_set(units, i, lang, text[:m.start] + new + text[m.end:]), frozenset({units[i].unit_id}),
                        lang)
    fault.__doc__ = f"A name of the registry's {kind} replaced by another of the same kind."
    return fault


def traditional_script(units: list[UnitTexts], i: int, lang: str, rnd: random.Random,
                       _: EntityIndex) -> Injected | None:
    """A Chinese clause written in Traditional characters (OpenCC s2t)."""
    if lang != "zh":
        return None
    from statementkit.services.chinese_script import to_traditional

    text = _text(units, i, lang)
    new = to_traditional(text)
    if new == text:
        return None
    return Injected(_set(units, i, lang, new), frozenset({units[i].unit_id}), lang)


FAULTS: dict[str, Fault] = {
    "digit change": digit_change,
    "number swap": number_swap,
    "zh numeral change": zh_numeral_change,
    "ordinal change": ordinal_change,
    "dropped sentence": dropped_sentence,
    "added sentence": added_sentence,
    "swapped clauses": swapped_clauses,
    **{f"name: {k}": _substitution(k) for k in Registry.KINDS},
    "Traditional script": traditional_script,
}


@dataclass
class Tally:
    injected: int = 0
    caught: int = 0
    missed: list[str] = field(default_factory=list)
    by_check: dict[str, int] = field(default_factory=dict)  # check name -> injected faults it reported

    @property
    def rate(self) -> float:
        return self.caught / self.injected if self.injected else 0.0


def caught(findings: Sequence[Finding], where: frozenset[str], lang: str) -> bool:
    """Whether a finding names a touched clause and the touched language."""
    return any(f.clause in where and lang in f.languages for f in findings)


def run_harness(statements: list[list[UnitTexts]], ctx: QAContext, seed: int = 13,
                faults: Mapping[str, Fault] = FAULTS) -> tuple[dict[str, Tally], list[Finding]]:
    """Inject every fault kind into every clause and language where it applies; the clean findings too."""
    rnd = random.Random(seed)
    clean: list[Finding] = []
    tallies = {name: Tally() for name in faults}
    for units in statements:
        clean.extend(check_units(units, ctx))
        for name, fault in faults.items():
            for i in range(len(units)):
                for lang in LANGS:
                    inj = fault(units, i, lang, rnd, ctx.entities)
                    if inj is None:
                        continue
                    lo, hi = max(0, i - 1), min(len(units), i + 3)
                    window = inj.units[lo:hi]
                    found = check_units(window, ctx)
                    t = tallies[name]
                    t.injected += 1
                    if caught(found, inj.where, inj.lang):
                        t.caught += 1
                        for check in {f.check for f in found if f.clause in inj.where and inj.lang in f.languages}:
                            t.by_check[check] = t.by_check.get(check, 0) + 1
                    else:
                        t.missed.append(f"{sorted(inj.where)} [{lang}]: {inj.units[i].texts[lang]}")
    return tallies, clean


def _yaml_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    return value


def big_translated_statement(folder: Path, n_clauses: int, library_dir: Path) -> Path:
    """Write ``folder/statement.yaml``: ``n_clauses`` template clauses cycling through the library (every
    clause in en, zh and ru, area items in lists of five), for timing ``check``.  Returns its path."""
    import yaml

    from statementkit.app.workspace import load_library_and_registry

    library, _ = load_library_and_registry(library_dir)
    cfg = CONFIGS[0]
    tops = [t for t in library.templates.values()
            if t.family not in ("title", "done-in", "signature", "area", "areas", "opening")
            and t.id != "atmosphere.review-since-last"]
    areas = [t for t in library.templates.values() if t.family == "area"]

    def slots(tpl_slots: Mapping[str, SlotType]) -> dict[str, Any]:
        out = {}
        for name, typ in tpl_slots.items():
            value = cfg.slots[typ]
            if typ is SlotType.YEAR and name in _SLOT_SPECIAL:
                value = cfg.dates[0].year + _SLOT_SPECIAL[name]
            out[name] = _yaml_value(value)
        return out

    clauses: list[dict[str, Any]] = [{"id": "opening", "template": "opening.heads-met"}]
    count, k = 1, 0
    while count < n_clauses:
        if k % 4 == 3 and n_clauses - count >= 6:
            items = [{"id": f"c{k}-{j}", "template": areas[(k + j) % len(areas)].id,
                      "slots": slots(areas[(k + j) % len(areas)].slots)} for j in range(5)]
            clauses.append({"id": f"c{k}", "template": "areas.intro", "items": items})
            count += 6
        else:
            tpl = tops[k % len(tops)]
            clauses.append({"id": f"c{k}", "template": tpl.id, "slots": slots(tpl.slots)})
            count += 1
        k += 1
    data = {"statementkit": 1,
            "meeting": {"mechanism": cfg.mechanism, "ordinal": cfg.ordinal,
                        "dates": list(cfg.dates), "venue": cfg.venue},
            "languages": ["zh", "ru", "en"], "source": "en", "parties": list(cfg.parties),
            "collective": cfg.collective, "clauses": clauses, "closing": {"form": "none"}}
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "statement.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
