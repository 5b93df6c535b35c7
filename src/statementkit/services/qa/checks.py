"""The checks.  Each takes a :class:`UnitTexts` (one clause in every language) and the context, and yields
``(lang, message)`` problems; :func:`run_checks` turns them into findings named after the check."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import regex

from statementkit.errors import SpecError, TemplateError
from statementkit.model.library import Library
from statementkit.model.registry import Registry
from statementkit.model.statement import AcceptedFinding, Statement
from statementkit.model.translation import Translations
from statementkit.services.assemble.render import Renderer
from statementkit.services.chinese_script import traditional_spans
from statementkit.services.qa.languages import LANGUAGE_RULES, Language, anchors_in
from statementkit.services.qa.names import EntityIndex, Mention, entity_forms
from statementkit.services.qa.numbers import Number, read_numbers

# Length of a translation over the length of its source, per (source, target) language: Chinese in Han
# characters, English and Russian in words.  Bounds from the clause library rendered in several statements
# (``python bench/qa.py --calibrate`` prints them and these bounds), widened by 12 % each side.
LENGTH_RATIOS: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "zh"): (0.72, 2.08), ("en", "ru"): (0.55, 1.43), ("zh", "en"): (0.48, 1.37), ("zh", "ru"): (0.38, 0.94),
    ("ru", "en"): (0.69, 1.81), ("ru", "zh"): (1.06, 2.59),
}
MIN_LENGTH = {"en": 8, "ru": 8, "zh": 14}  # shorter sources are not judged by length
# Units a target may fall outside the library's ratio range before it is judged: a short official sentence
# is often terser than any template ("Государства-члены подтверждают приверженность Хартии ШОС.", 5 words
# for 12 in en).
LENGTH_SLACK = {"word": 2, "char": 4}
SWAP_MARGIN = 0.3
SWAP_WINDOW = 3  # how far apart two clauses may stand for the clause-order check to compare them
ORDERED_TYPES = ("year", "month", "day")  # number types whose order every language keeps
SAME_ORDER = frozenset({"en", "ru"})  # languages that keep counts in the same order (Chinese fronts its frames)
# Kinds a translation may name where the source does not (知识产权 in 东道国知识产权机构 for "the office of the
# host country"): reported only when they stand for a name of the source (a substitution).
ADDABLE = frozenset({("terms", "intellectual-property")})


class Severity(StrEnum):
    ERROR = "error"  # the versions say different things
    WARNING = "warning"  # typography and house style


@dataclass(frozen=True)
class Span:
    """Where a finding points: ``text[start:end]`` of one language's version of the clause."""

    lang: str
    start: int
    end: int
    text: str

    def as_json(self) -> dict[str, str | int]:
        return {"lang": self.lang, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Finding:
    """One problem: the check that found it, the clause, the language it is in (``lang``), the languages
    compared (``languages``: the source and ``lang``, or ``lang`` alone) and the spans involved."""

    clause: str
    lang: str
    check: str
    severity: Severity
    message: str
    languages: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()

    def __str__(self) -> str:
        return f"{self.clause} [{self.lang}] {self.check}: {self.message}"

    def as_json(self) -> dict[str, object]:
        return {"clause": self.clause, "lang": self.lang, "check": self.check, "severity": self.severity.value,
                "message": self.message, "languages": list(self.languages or (self.lang,)),
                "spans": [s.as_json() for s in self.spans]}


@dataclass(frozen=True)
class Problem:
    """What a check yields: the language at fault, a message, the spans, and the language compared with."""

    lang: str
    message: str
    spans: tuple[Span, ...] = ()
    other: str | None = None


@dataclass(frozen=True)
class UnitTexts:
    unit_id: str
    source_lang: str
    texts: Mapping[str, str | None]  # None: no text in that language

    @property
    def source(self) -> str:
        return self.texts[self.source_lang] or ""

    def targets(self) -> Iterator[tuple[str, str]]:
        for lang, text in self.texts.items():
            if lang != self.source_lang and text is not None:
                yield lang, text


@dataclass(frozen=True)
class Analysis:
    """What the checks read from one text once: numbers, registry mentions, sentences, length."""

    numbers: tuple[Number, ...]
    mentions: tuple[Mention, ...]
    sentences: tuple[str, ...]  # sentences, split further after ":" or ";" that another sentence follows
    length: int
    anchors: frozenset[str] = frozenset()


@dataclass
class QAContext:
    """The registry, its entity index and a cache of text analyses (one context per run)."""

    registry: Registry
    entities: EntityIndex
    cache: dict[tuple[str, str], Analysis] = field(default_factory=dict)
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)  # Latin words allowed per language

    @classmethod
    def for_registry(cls, registry: Registry) -> QAContext:
        return cls(registry, EntityIndex(registry))

    def analysis(self, text: str, lang: str) -> Analysis:
        key = (text, lang)
        got = self.cache.get(key)
        if got is None:
            rules = LANGUAGE_RULES[lang]
            got = Analysis(tuple(read_numbers(text, lang)), tuple(self.entities.mentions(text, lang)),
                           tuple(rules.segments(text)), rules.length(text), anchors_in(text, lang))
            self.cache[key] = got
        return got


Problems = Iterator[Problem]
CheckFn = Callable[[UnitTexts, QAContext], Problems]
SequenceFn = Callable[[Sequence[UnitTexts], QAContext], Iterator[tuple[str, Problem]]]


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    fn: CheckFn | None = None
    sequence_fn: SequenceFn | None = None

    @property
    def help(self) -> str:
        f = self.fn or self.sequence_fn
        return ((f.__doc__ if f else "") or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def check(name: str, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    """Register a check of one clause (all its language versions)."""
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = Check(name, severity, fn=fn)
        return fn
    return register


def sequence_check(name: str, severity: Severity) -> Callable[[SequenceFn], SequenceFn]:
    """Register a check of the clauses in their order (yields the clause id with each problem)."""
    def register(fn: SequenceFn) -> SequenceFn:
        CHECKS[name] = Check(name, severity, sequence_fn=fn)
        return fn
    return register


def _span(lang: str, text: str, start: int, end: int) -> Span:
    return Span(lang, start, end, text[start:end])


# ---- clauses present -----------------------------------------------------------------------------------

@check("missing", Severity.ERROR)
def missing_clause(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Every clause is present in every language: a clause without text in a version is missing there."""
    for lang, text in unit.texts.items():
        if text is None or not text.strip():
            yield Problem(lang, "the clause is missing in this version (free text: 'statementkit translate SPEC "
                                "--to LANG')")


# ---- numbers and dates ---------------------------------------------------------------------------------

def _plural(word: str, items: Sequence[str]) -> str:
    return f"{word}{'s' if len(items) > 1 else ''} {', '.join(items)}"


@check("numbers", Severity.ERROR)
def numbers_agree(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Numbers and dates agree, in order: each number of the source is in the translation, no other number
    is, and years and dates come in the same order ("25–27" is not "27–25"); counts keep their order between
    English and Russian, while Chinese, which puts the frame of a sentence first, may move them.

    Numbers are read in every form (digits, full-width, Chinese numerals, ordinals, Roman numerals, number
    words, dates): :mod:`statementkit.services.qa.numbers`."""
    src = ctx.analysis(unit.source, unit.source_lang).numbers
    for lang, text in unit.targets():
        if not text.strip():
            continue
        got = ctx.analysis(text, lang).numbers
        want_v = Counter(n.value for n in src)
        got_v = Counter(n.value for n in got)
        missing = [v for v in sorted((want_v - got_v).elements(), key=_num_key)
                   if not all(n.soft for n in src if n.value == v)]
        extra = [v for v in sorted((got_v - want_v).elements(), key=_num_key)
                 if not all(n.soft for n in got if n.value == v)]
        if missing:
            yield Problem(lang, f"{_plural('number', missing)} of the source missing",
                          tuple(_span(unit.source_lang, unit.source, n.start, n.end) for n in src
                                if n.value in missing), unit.source_lang)
        if extra:
            yield Problem(lang, f"{_plural('number', extra)} not in the source",
                          tuple(_span(lang, text, n.start, n.end) for n in got if n.value in extra),
                          unit.source_lang)
        if missing or extra:
            continue
        ordered = ORDERED_TYPES + (("n", "percent") if {unit.source_lang, lang} <= SAME_ORDER else ())
        for typ in ordered:  # the same numbers: years and dates (and counts, en/ru) in the same order
            a = [n.value for n in src if n.type == typ and not n.soft]
            b = [n for n in got if n.type == typ and not n.soft]
            if Counter(a) == Counter(n.value for n in b) and a != [n.value for n in b]:
                yield Problem(lang, f"numbers in another order than the source: {', '.join(n.value for n in b)}"
                                    f" (source: {', '.join(a)})",
                              tuple(_span(lang, text, n.start, n.end) for n in b), unit.source_lang)
                break


def _num_key(v: str) -> tuple[float, str]:
    try:
        return float(v), v
    except ValueError:
        return 0.0, v


def numbers_in(text: str, lang: str) -> set[str]:
    """The values of the numbers in ``text`` (a set; see :func:`read_numbers` for the list)."""
    return {n.value for n in read_numbers(text, lang)}


# ---- lists ---------------------------------------------------------------------------------------------

_LIST_MARKER = regex.compile(r"(?m)^\s*(?:[-•·–](?=\s)|\(?[a-zа-я\d]{1,2}[.)](?!\d)|（[一二三四五六七八九十]+）|"
                             r"[一二三四五六七八九十]+、)")


@check("list-items", Severity.ERROR)
def list_items_agree(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Lists written inside a clause (lines starting "-", "(a)", "1.", "（一）", "一、", with or without a
    space after the label) have as many items in every version."""
    want = len(_LIST_MARKER.findall(unit.source))
    for lang, text in unit.targets():
        got = len(_LIST_MARKER.findall(text))
        if got != want:
            yield Problem(lang, f"{got} list items, the source has {want}", other=unit.source_lang)


# ---- names ---------------------------------------------------------------------------------------------

def _countries(ids: set[tuple[str, str]]) -> set[tuple[str, str]]:
    return {i for i in ids if i[0] == "countries"}


def _country_pair(ids: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The two countries among ``ids`` when there are exactly two, else nothing."""
    countries = _countries(ids)
    return countries if len(countries) == 2 else set()


# registry kinds (plural table names) as one entry of them
_KIND_SINGULAR = {"countries": "country", "cities": "city", "offices": "office", "officials": "official",
                  "organisations": "organisation", "mechanisms": "mechanism", "terms": "term"}


def _describe(m: Mention) -> str:
    kind, ident = sorted(m.ids)[0]
    return f"'{m.text}' ({_KIND_SINGULAR.get(kind, kind)} {ident})"


@check("names", Severity.ERROR)
def names_agree(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Registry names agree: every country, city, official, office, organisation, mechanism and term named
    in one version is named in the other, in any of its registered forms (any Russian case, a variant, an
    abbreviation); one named where the other version names another of the same kind is a substitution.
    "Both countries" (两国, «обеих стран») names the two countries the other version names."""
    src_m = ctx.analysis(unit.source, unit.source_lang).mentions
    src_ids = {i for m in src_m for i in m.ids}
    for lang, text in unit.targets():
        if not text.strip():
            continue
        got = ctx.analysis(text, lang).mentions
        got_ids = {i for m in got for i in m.ids}
        # "both countries" / 两国 / «обеих стран» names the two countries the other version names
        # (only where the version names no other country: a substitution stays one)
        src_pair, got_pair = _country_pair(src_ids), _country_pair(got_ids)
        if src_pair and _countries(got_ids) <= src_pair and LANGUAGE_RULES[lang].names_both_countries(text):
            got_ids |= src_pair
        if got_pair and _countries(src_ids) <= got_pair and \
                LANGUAGE_RULES[unit.source_lang].names_both_countries(unit.source):
            src_ids_here = src_ids | got_pair
        else:
            src_ids_here = src_ids
        missing = [m for m in src_m if not m.ids & got_ids]
        extra = [m for m in got if not m.ids & src_ids_here]
        missing = list({m.ids: m for m in missing}.values())
        extra = list({m.ids: m for m in extra}.values())
        paired: set[int] = set()
        for m in missing:
            other = next((k for k, e in enumerate(extra) if k not in paired and e.kinds & m.kinds), None)
            src_span = _span(unit.source_lang, unit.source, m.start, m.end)
            if other is None:
                kind, ident = sorted(m.ids)[0]
                forms = ctx.entities.forms(kind, ident, lang)
                hint = f" (expected '{forms[0]}')" if forms else ""
                yield Problem(lang, f"{_describe(m)} is not named in this version{hint}", (src_span,),
                              unit.source_lang)
                continue
            paired.add(other)
            e = extra[other]
            yield Problem(lang, f"{_describe(m)} of the source is {_describe(e)} here",
                          (src_span, _span(lang, text, e.start, e.end)), unit.source_lang)
        for k, e in enumerate(extra):
            if k not in paired and not e.ids & ADDABLE:
                yield Problem(lang, f"{_describe(e)} is not in the source", (_span(lang, text, e.start, e.end),),
                              unit.source_lang)


# ---- completeness --------------------------------------------------------------------------------------

@check("completeness", Severity.ERROR)
def completeness(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Nothing dropped or added: as many sentences as the source (a sentence after a colon or semicolon
    counts), and a length within the range the clause
    library shows for the language pair (Chinese characters against English or Russian words;
    :data:`LENGTH_RATIOS`, calibrated by ``bench/qa.py --calibrate``)."""
    src = ctx.analysis(unit.source, unit.source_lang)
    for lang, text in unit.targets():
        if not text.strip():
            continue
        got = ctx.analysis(text, lang)
        if len(got.sentences) != len(src.sentences):
            yield Problem(lang, f"{len(got.sentences)} sentences, the source has {len(src.sentences)}",
                          other=unit.source_lang)
            continue
        bounds = LENGTH_RATIOS.get((unit.source_lang, lang))
        if bounds and src.length >= MIN_LENGTH.get(unit.source_lang, 8):
            ratio = got.length / src.length
            lo, hi = bounds
            slack = LENGTH_SLACK[LANGUAGE_RULES[lang].length_unit]  # short clauses vary more than long ones
            if not lo * src.length - slack <= got.length <= hi * src.length + slack:
                what = "shorter" if ratio < lo else "longer"
                yield Problem(lang, f"much {what} than the source ({got.length} "
                                    f"{LANGUAGE_RULES[lang].length_unit}s for {src.length} "
                                    f"{LANGUAGE_RULES[unit.source_lang].length_unit}s; the library has "
                                    f"{lo:.2f}–{hi:.2f})", other=unit.source_lang)


# ---- scripts -------------------------------------------------------------------------------------------

_LATIN_RUN = regex.compile(r"\p{Latin}[\p{Latin}'’-]*(?:[\s,]+\p{Latin}[\p{Latin}'’-]*){3,}")
_MIXED_WORD = regex.compile(r"\b(?=\w*\p{Latin})(?=\w*\p{Cyrillic})\w+\b")
_LATIN_WORD = regex.compile(r"(?<![\p{Latin}\d+])\p{Latin}[\p{Latin}\d+’'-]*")
_PINYIN_TONE = regex.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


_LETTER = regex.compile(r"\p{L}")
_SCRIPT_RUN = {s: regex.compile(rf"\p{{{s}}}+") for s in ("Han", "Cyrillic", "Latin")}
_DOUBLE_SPACE = regex.compile(r"[ \u00a0\u3000]{2,}")


@check("untranslated", Severity.ERROR)
def untranslated(unit: UnitTexts, ctx: QAContext) -> Problems:
    """No untranslated text: a translation is not the source itself and has no run of four or more
    Latin-script words (Chinese, Russian)."""
    for lang, text in unit.targets():
        if text.strip() == unit.source.strip() and _LETTER.search(text):
            yield Problem(lang, "the translation is the source text", other=unit.source_lang)
            continue
        if lang in ("zh", "ru"):
            for m in _LATIN_RUN.finditer(text):
                yield Problem(lang, f"untranslated text: '{m.group()[:60]}'", (_span(lang, text, *m.span()),))


def allowed_latin(ctx: QAContext, lang: str) -> frozenset[str]:
    """Latin words allowed in ``lang`` (zh, ru): the language's allow-list and those its registry names use."""
    got = ctx.allowed.get(lang)
    if got is None:
        allowed = set(LANGUAGE_RULES[lang].allowed_latin)
        for _, entry in ctx.registry.all_entries():
            for form in entity_forms(entry, lang):
                allowed.update(_LATIN_WORD.findall(form))
        got = ctx.allowed[lang] = frozenset(allowed)
    return got


@check("zh-latin", Severity.ERROR)
def zh_latin(unit: UnitTexts, ctx: QAContext) -> Problems:
    """No pinyin or Latin words in Chinese running text, except the acronyms of the allow-list
    (:data:`ZH.allowed_latin`) and those the registry's Chinese names use (WIPO, BRIPC, PCT …)."""
    text = unit.texts.get("zh")
    if not text:
        return
    allowed = allowed_latin(ctx, "zh")
    for m in _LATIN_WORD.finditer(text):
        word = m.group().rstrip("’'-")
        if word in allowed and not _PINYIN_TONE.search(word):
            continue
        what = "pinyin" if _PINYIN_TONE.search(word) else "Latin word"
        yield Problem("zh", f"{what} in Chinese text: '{word}'", (_span("zh", text, *m.span()),))


@check("traditional", Severity.ERROR)
def traditional_characters(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Chinese is in Simplified characters: no character that OpenCC's t2s tables convert."""
    text = unit.texts.get("zh")
    if not text:
        return
    runs = traditional_spans(text)
    if runs:
        shown = "', '".join(r for _, _, r in runs[:5])
        yield Problem("zh", f"Traditional characters in a Simplified text: '{shown}'",
                      tuple(Span("zh", a, b, r) for a, b, r in runs))


@check("wrong-script", Severity.ERROR)
def wrong_script(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Each version is in its own script: no Han in Russian or English, no Cyrillic in Chinese or English."""
    for lang, text in unit.texts.items():
        if text is None:
            continue
        rules: Language = LANGUAGE_RULES[lang]
        for script in rules.foreign_scripts:
            m = _SCRIPT_RUN[script].search(text)
            if m:
                yield Problem(lang, f"{script} script in the {lang} version: '{m.group()[:20]}'",
                              (_span(lang, text, *m.span()),))


_LOOKALIKE_WORD = regex.compile(r"(?<![\p{L}\d+])[ABCEHKMOPTXaceopxy]{2,}(?![\p{L}\d+])")


@check("mixed-script", Severity.ERROR)
def mixed_script(unit: UnitTexts, ctx: QAContext) -> Problems:
    """No word mixes Latin and Cyrillic letters (a look-alike Latin "C" in «Cтороны»), and no Russian word is
    written in Latin look-alikes only ("COBET"; acronyms the registry's Russian names use, PCT, are allowed)."""
    for lang, text in unit.texts.items():
        for m in _MIXED_WORD.finditer(text or ""):
            yield Problem(lang, f"word mixes Latin and Cyrillic letters: '{m.group()}'",
                          (_span(lang, text or "", *m.span()),))
    text = unit.texts.get("ru")
    if text:
        allowed = allowed_latin(ctx, "ru")
        for m in _LOOKALIKE_WORD.finditer(text or ""):
            if m.group() not in allowed:
                yield Problem("ru", f"Latin look-alike letters for a Russian word: '{m.group()}'",
                              (_span("ru", text or "", *m.span()),))


_PLACEHOLDER = regex.compile(r"(?<![\p{Latin}\p{Cyrillic}\p{N}])[ZQXKJV]\s?\d{1,3}(?![\p{Latin}\p{Cyrillic}\p{N}])|\{\{|\}\}|\{%|%\}|⟦|⟧")


@check("protected-spans", Severity.ERROR)
def protected_spans(unit: UnitTexts, ctx: QAContext) -> Problems:
    """No protected span left in: term placeholders of machine translation ("Z1") or template syntax
    ("{{", "{%") that the source does not have."""
    in_source = {m.group().replace(" ", "") for m in _PLACEHOLDER.finditer(unit.source)}
    for lang, text in unit.targets():
        for m in _PLACEHOLDER.finditer(text):
            if m.group().replace(" ", "") not in in_source:
                yield Problem(lang, f"placeholder or template syntax left in: '{m.group()}'",
                              (_span(lang, text, *m.span()),))


# ---- typography ----------------------------------------------------------------------------------------

@check("zh-punctuation", Severity.WARNING)
def zh_punctuation(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Chinese text uses full-width punctuation (，；：。（）“”) around Chinese characters."""
    text = unit.texts.get("zh")
    if text:
        for problem in LANGUAGE_RULES["zh"].punctuation_problems(text):
            yield Problem("zh", problem)


@check("ru-quotes", Severity.WARNING)
def ru_quotes(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Russian text quotes with «», and „“ only inside «»."""
    text = unit.texts.get("ru")
    if text:
        for problem in LANGUAGE_RULES["ru"].punctuation_problems(text):
            yield Problem("ru", problem)


@check("brackets", Severity.WARNING)
def brackets_balanced(unit: UnitTexts, ctx: QAContext) -> Problems:
    """Brackets and quotes pair up in every version (（） “” 《》 in Chinese, () «» „“ in Russian)."""
    for lang, text in unit.texts.items():
        if not text:
            continue
        bad = LANGUAGE_RULES[lang].unbalanced(text)
        if bad:
            yield Problem(lang, f"unbalanced {' '.join(ch for _, ch in bad)}",
                          tuple(_span(lang, text, i, i + 1) for i, _ in bad))


@check("spaces", Severity.WARNING)
def doubled_spaces(unit: UnitTexts, ctx: QAContext) -> Problems:
    """No doubled spaces, and no space at the start or end of a clause."""
    for lang, text in unit.texts.items():
        if not text:
            continue
        for line in text.split("\n"):
            m = _DOUBLE_SPACE.search(line)
            if m:
                yield Problem(lang, f"doubled space: '…{line[max(0, m.start() - 12):m.end() + 12]}…'")
        if text != text.strip():
            yield Problem(lang, "space at the start or end of the clause")


# ---- clause order --------------------------------------------------------------------------------------

def _anchors(a: Analysis) -> set[object]:
    out: set[object] = {i for m in a.mentions for i in m.ids}
    out.update((n.type, n.value) for n in a.numbers)
    out.update(a.anchors)
    return out


def _fit(src: Analysis, tgt: Analysis, ratio: float) -> float:
    """How well a translation fits a source: shared anchors, same sentence count, expected length."""
    sa, ta = _anchors(src), _anchors(tgt)
    union = sa | ta
    score = (len(sa & ta) / len(union)) if union else 0.5
    score += 0.5 if len(src.sentences) == len(tgt.sentences) else 0.0
    if src.length and tgt.length:
        r = (tgt.length / src.length) / ratio
        score += 1.0 - min(1.0, abs(math.log(r)))
    return score


@sequence_check("clause-order", Severity.ERROR)
def clause_order(units: Sequence[UnitTexts], ctx: QAContext) -> Iterator[tuple[str, Problem]]:
    """Clauses stand in the same order in every version: two clauses at most :data:`SWAP_WINDOW` apart whose
    texts fit each other's source better than their own (by registry names, numbers, anchor concepts,
    sentences and length) are swapped."""
    reported: set[tuple[str, str]] = set()
    for i, a in enumerate(units):
        for b in units[i + 1:i + 1 + SWAP_WINDOW]:
            if a.source_lang != b.source_lang or not a.source or not b.source:
                continue
            sa = ctx.analysis(a.source, a.source_lang)
            sb = ctx.analysis(b.source, b.source_lang)
            for lang, ta_text in a.targets():
                tb_text = b.texts.get(lang)
                if not ta_text or not tb_text or (a.unit_id, lang) in reported or (b.unit_id, lang) in reported:
                    continue
                lo, hi = LENGTH_RATIOS.get((a.source_lang, lang), (0.5, 2.0))
                ratio = math.sqrt(lo * hi)
                ta, tb = ctx.analysis(ta_text, lang), ctx.analysis(tb_text, lang)
                straight = _fit(sa, ta, ratio) + _fit(sb, tb, ratio)
                crossed = _fit(sa, tb, ratio) + _fit(sb, ta, ratio)
                if crossed > straight + SWAP_MARGIN:
                    msg = f"clauses '{a.unit_id}' and '{b.unit_id}' look swapped in this version"
                    reported.update({(a.unit_id, lang), (b.unit_id, lang)})
                    yield a.unit_id, Problem(lang, msg, other=a.source_lang)
                    yield b.unit_id, Problem(lang, msg, other=b.source_lang)


# ---- running ------------------------------------------------------------------------------------------

def unit_texts(statement: Statement, renderer: Renderer) -> Iterator[UnitTexts]:
    """What ``build`` prints for each unit in each language (None where a version has no text).

    A unit that cannot be rendered at all (a template or slot error) is left out: the statement validation
    reports it, and comparing versions of it would only repeat that."""
    src = statement.source_language
    for unit in statement.units():
        texts: dict[str, str | None] = {}
        try:
            for lang in statement.languages:
                if lang in unit.clause.absent:  # not in this version on purpose: nothing to compare
                    continue
                entry = renderer.translations.get(unit.id, lang) if renderer.translations else None
                if renderer.is_missing(unit, lang) or (unit.clause.is_free and lang not in unit.clause.texts
                                                       and lang != src and entry is not None
                                                       and not entry.text.strip()):
                    texts[lang] = None
                else:
                    texts[lang] = renderer.unit_text(unit, lang)[0]
        except (SpecError, TemplateError):
            continue
        yield UnitTexts(unit.id, src if src in texts else next(iter(texts), src), texts)


def _finding(unit_id: str, c: Check, p: Problem) -> Finding:
    langs = (p.other, p.lang) if p.other and p.other != p.lang else (p.lang,)
    return Finding(unit_id, p.lang, c.name, c.severity, p.message, langs, p.spans)


def check_units(units: Sequence[UnitTexts], ctx: QAContext, only: Iterable[str] | None = None) -> list[Finding]:
    """Run the checks on clauses in statement order; findings in statement order, then by check."""
    wanted = set(only) if only is not None else None
    checks = [c for name, c in CHECKS.items() if wanted is None or name in wanted]
    per_unit: dict[str, list[Finding]] = {u.unit_id: [] for u in units}
    for unit in units:
        for c in checks:
            if c.fn is not None:
                per_unit[unit.unit_id].extend(_finding(unit.unit_id, c, p) for p in c.fn(unit, ctx))
    for c in checks:
        if c.sequence_fn is not None:
            for uid, p in c.sequence_fn(units, ctx):
                per_unit[uid].append(_finding(uid, c, p))
    return [f for u in units for f in per_unit[u.unit_id]]


def accepted_by(finding: Finding, exceptions: Iterable[AcceptedFinding]) -> AcceptedFinding | None:
    """The statement's accepted exception that covers ``finding``, if any."""
    for e in exceptions:
        if e.clause == finding.clause and e.check == finding.check and e.lang in (None, finding.lang) and (
                e.text is None or e.text in finding.message or any(e.text == s.text for s in finding.spans)):
            return e
    return None


@dataclass(frozen=True)
class QAReport:
    """``findings``: what the checks report; ``accepted``: findings the statement accepts, with the exception
    that covers each; ``stale``: exceptions that cover no finding any more (the text was fixed)."""

    findings: list[Finding]
    accepted: list[tuple[Finding, AcceptedFinding]]
    stale: list[AcceptedFinding]


def qa_report(statement: Statement, registry: Registry, library: Library, translations: Translations | None,
              only: tuple[str, ...] | None = None, ctx: QAContext | None = None) -> QAReport:
    """Compare the language versions of ``statement`` clause by clause (findings in statement order) and
    apply the statement's accepted exceptions (``accepted:`` in the statement file)."""
    renderer = Renderer(statement, registry, library, translations)
    ctx = ctx or QAContext.for_registry(registry)
    found = check_units(list(unit_texts(statement, renderer)), ctx, only)
    findings: list[Finding] = []
    accepted: list[tuple[Finding, AcceptedFinding]] = []
    for f in found:
        e = accepted_by(f, statement.accepted)
        if e is None:
            findings.append(f)
        else:
            accepted.append((f, e))
    used = {id(e) for _, e in accepted}
    stale = [e for e in statement.accepted if id(e) not in used and (only is None or e.check in only)]
    return QAReport(findings, accepted, stale)


def run_checks(statement: Statement, registry: Registry, library: Library, translations: Translations | None,
               only: tuple[str, ...] | None = None, ctx: QAContext | None = None) -> list[Finding]:
    """The findings of :func:`qa_report`: what the checks report, less what the statement accepts."""
    return qa_report(statement, registry, library, translations, only, ctx).findings
