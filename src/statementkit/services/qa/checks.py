"""The checks.  Each takes a :class:`UnitTexts` (one clause in every language) and the context, and yields
``(lang, message)`` problems; :func:`run_checks` turns them into findings named after the check."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

import regex

from statementkit.errors import SpecError, TemplateError
from statementkit.model.library import Library
from statementkit.model.registry import Entry, Registry
from statementkit.model.statement import Statement
from statementkit.model.translation import Translations
from statementkit.services.assemble.render import Renderer
from statementkit.services.qa.languages import LANGUAGE_RULES, Language, month_names, zh_numerals
from statementkit.services.translate.checks import traditional_chars


class Severity(StrEnum):
    ERROR = "error"  # the versions say different things
    WARNING = "warning"  # typography and house style


@dataclass(frozen=True)
class Finding:
    clause: str
    lang: str
    check: str
    severity: Severity
    message: str

    def __str__(self) -> str:
        return f"{self.clause} [{self.lang}] {self.check}: {self.message}"

    def as_json(self) -> dict[str, str]:
        return {"clause": self.clause, "lang": self.lang, "check": self.check, "severity": self.severity.value,
                "message": self.message}


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
class Context:
    registry: Registry
    term_entries: tuple[tuple[str, Entry], ...]  # (kind, entry) of the locked terminology


Problems = Iterator[tuple[str, str]]
CheckFn = Callable[[UnitTexts, Context], Problems]


@dataclass(frozen=True)
class Check:
    name: str
    severity: Severity
    fn: CheckFn

    @property
    def help(self) -> str:
        return (self.fn.__doc__ or "").strip().splitlines()[0]


CHECKS: dict[str, Check] = {}


def check(name: str, severity: Severity) -> Callable[[CheckFn], CheckFn]:
    def register(fn: CheckFn) -> CheckFn:
        CHECKS[name] = Check(name, severity, fn)
        return fn
    return register


# ---- clauses present -----------------------------------------------------------------------------------

@check("missing", Severity.ERROR)
def missing_clause(unit: UnitTexts, ctx: Context) -> Problems:
    """Every clause is present in every language: a clause without text in a version is missing there."""
    for lang, text in unit.texts.items():
        if text is None or not text.strip():
            yield lang, "the clause is missing in this version (free text: 'statementkit translate SPEC --to LANG')"


# ---- numbers and dates ---------------------------------------------------------------------------------

_NUMBER = regex.compile(r"(?<![\p{Latin}\p{Cyrillic}\p{N}])\d+(?:[.,]\d+)?(?![\p{Latin}\p{Cyrillic}\p{N}])")
_TOKEN = regex.compile(r"\p{L}+|\d+")


def numbers_in(text: str, lang: str) -> set[str]:
    """Numbers written in digits, plus month names next to a number (a date) as their month number.

    Digits glued to letters (the "5" of "C5") are names, not numbers."""
    found = {m.group().replace(",", ".") for m in _NUMBER.finditer(text)}
    months = month_names(lang) if lang in ("en", "ru") else {}
    tokens = _TOKEN.findall(text)
    for i, tok in enumerate(tokens):
        n = months.get(tok.casefold())
        if n is None or (lang == "en" and not tok[0].isupper()):
            continue
        near = tokens[max(0, i - 1):i] + tokens[i + 1:i + 2]
        if any(t.isdigit() for t in near):
            found.add(str(n))
    return found


@check("numbers", Severity.ERROR)
def numbers_agree(unit: UnitTexts, ctx: Context) -> Problems:
    """Numbers and dates agree: each number of the source is in the translation and no other number is.

    Chinese numerals (三, 十二) count for the number they write."""
    src = numbers_in(unit.source, unit.source_lang)
    src_words = {str(n) for n in zh_numerals(unit.source)} if unit.source_lang == "zh" else set()
    for lang, text in unit.targets():
        got = numbers_in(text, lang)
        words = {str(n) for n in zh_numerals(text)} if lang == "zh" else set()
        missing = sorted(n for n in src - got if n not in words)
        extra = sorted(n for n in got - src if n not in src_words)
        if missing:
            yield lang, f"number{'s' if len(missing) > 1 else ''} {', '.join(missing)} of the source missing"
        if extra:
            yield lang, f"number{'s' if len(extra) > 1 else ''} {', '.join(extra)} not in the source"


# ---- lists ---------------------------------------------------------------------------------------------

_LIST_MARKER = regex.compile(r"(?m)^\s*(?:[-•·–]|\(?[a-zа-я\d]{1,2}[.)]|（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)\s")


@check("list-items", Severity.ERROR)
def list_items_agree(unit: UnitTexts, ctx: Context) -> Problems:
    """Lists written inside a clause (lines starting "-", "(a)", "1.", "（一）", "一、") have as many items in
    every version."""
    want = len(_LIST_MARKER.findall(unit.source))
    for lang, text in unit.targets():
        got = len(_LIST_MARKER.findall(text))
        if got != want:
            yield lang, f"{got} list items, the source has {want}"


# ---- terminology ---------------------------------------------------------------------------------------

def _forms(entry: Entry, lang: str) -> list[str]:
    out = list(entry.names[lang].all_texts()) if lang in entry.names else []
    for variants in entry.extra.values():
        if lang in variants:
            out.extend(variants[lang].all_texts())
    return [f for f in dict.fromkeys(out) if f.strip()]


def terms_in_source(text: str, lang: str, entries: tuple[tuple[str, Entry], ...]) -> list[list[Entry]]:
    """Registry entries named in a source text, grouped by where they stand.  The longest name wins where
    names overlap ("C+C5 countries" is not also "C5 countries"); entries sharing a name at the same place
    form one group, and a translation may use any of them."""
    rules = LANGUAGE_RULES[lang]
    candidates = sorted(((form, e) for _, e in entries for form in _forms(e, lang)),
                        key=lambda fe: -len(fe[0]))
    groups: dict[tuple[int, int], list[Entry]] = {}
    for form, entry in candidates:
        for start, end in rules.spans(text, form):
            if (start, end) in groups:
                if entry not in groups[(start, end)]:
                    groups[(start, end)].append(entry)
                continue
            if any(start < b and a < end for a, b in groups):
                continue
            groups[(start, end)] = [entry]
    unique: dict[tuple[str, ...], list[Entry]] = {}
    for group in groups.values():
        unique.setdefault(tuple(sorted(e.id for e in group)), group)
    return list(unique.values())


@check("terms", Severity.ERROR)
def approved_terms(unit: UnitTexts, ctx: Context) -> Problems:
    """Registry terms keep their approved forms: a term named in the source appears in each translation in
    one of its registered forms (any case in Russian), not as a synonym."""
    named = terms_in_source(unit.source, unit.source_lang, ctx.term_entries)
    for lang, text in unit.targets():
        rules = LANGUAGE_RULES[lang]
        for group in named:
            forms = [f for entry in group for f in _forms(entry, lang)]
            if forms and not any(rules.contains(text, f) for f in forms):
                yield lang, (f"registry term '{group[0].id}' not in its approved form (expected "
                             f"'{forms[0]}')")


# ---- scripts -------------------------------------------------------------------------------------------

_LATIN_RUN = regex.compile(r"\p{Latin}[\p{Latin}'’-]*(?:[\s,]+\p{Latin}[\p{Latin}'’-]*){3,}")
_MIXED_WORD = regex.compile(r"\b(?=\w*\p{Latin})(?=\w*\p{Cyrillic})\w+\b")


@check("untranslated", Severity.ERROR)
def untranslated(unit: UnitTexts, ctx: Context) -> Problems:
    """No untranslated text: a translation is not the source itself and has no run of four or more
    Latin-script words (Chinese, Russian)."""
    for lang, text in unit.targets():
        if text.strip() == unit.source.strip() and regex.search(r"\p{L}", text):
            yield lang, "the translation is the source text"
            continue
        if lang in ("zh", "ru"):
            for m in _LATIN_RUN.finditer(text):
                yield lang, f"untranslated text: '{m.group()[:60]}'"


@check("wrong-script", Severity.ERROR)
def wrong_script(unit: UnitTexts, ctx: Context) -> Problems:
    """Each version is in its own script: no Han in Russian or English, no Cyrillic in Chinese or English,
    no word mixing Latin and Cyrillic letters (a look-alike "C" in "Cтороны"), no Traditional characters
    in Chinese (OpenCC's Traditional-to-Simplified conversion changes none)."""
    for lang, text in unit.texts.items():
        if text is None:
            continue
        rules: Language = LANGUAGE_RULES[lang]
        for script in rules.foreign_scripts:
            m = regex.search(rf"\p{{{script}}}+", text)
            if m:
                yield lang, f"{script} script in the {lang} version: '{m.group()[:20]}'"
        for m in _MIXED_WORD.finditer(text):
            yield lang, f"word mixes Latin and Cyrillic letters: '{m.group()}'"
        if lang == "zh":
            traditional = traditional_chars(text)
            if traditional:
                yield lang, f"Traditional characters in the (Simplified) zh version: '{traditional[:12]}'"


_PLACEHOLDER = regex.compile(r"(?<![\p{Latin}\p{Cyrillic}\p{N}])[ZQXKJV]\s?\d{1,3}(?![\p{Latin}\p{Cyrillic}\p{N}])|\{\{|\}\}|\{%|%\}|⟦|⟧")


@check("protected-spans", Severity.ERROR)
def protected_spans(unit: UnitTexts, ctx: Context) -> Problems:
    """No protected span left in: term placeholders of machine translation ("Z1") or template syntax
    ("{{", "{%") that the source does not have."""
    in_source = {m.group().replace(" ", "") for m in _PLACEHOLDER.finditer(unit.source)}
    for lang, text in unit.targets():
        for m in _PLACEHOLDER.finditer(text):
            if m.group().replace(" ", "") not in in_source:
                yield lang, f"placeholder or template syntax left in: '{m.group()}'"


# ---- typography ----------------------------------------------------------------------------------------

@check("zh-punctuation", Severity.WARNING)
def zh_punctuation(unit: UnitTexts, ctx: Context) -> Problems:
    """Chinese text uses full-width punctuation (，；：。（）“”) around Chinese characters."""
    text = unit.texts.get("zh")
    if text:
        for problem in LANGUAGE_RULES["zh"].punctuation_problems(text):
            yield "zh", problem


@check("ru-quotes", Severity.WARNING)
def ru_quotes(unit: UnitTexts, ctx: Context) -> Problems:
    """Russian text quotes with «», and „“ only inside «»."""
    text = unit.texts.get("ru")
    if text:
        for problem in LANGUAGE_RULES["ru"].punctuation_problems(text):
            yield "ru", problem


@check("spaces", Severity.WARNING)
def doubled_spaces(unit: UnitTexts, ctx: Context) -> Problems:
    """No doubled spaces, and no space at the start or end of a clause."""
    for lang, text in unit.texts.items():
        if not text:
            continue
        for line in text.split("\n"):
            m = regex.search(r"[ \u00a0\u3000]{2,}", line)
            if m:
                yield lang, f"doubled space: '…{line[max(0, m.start() - 12):m.end() + 12]}…'"
        if text != text.strip():
            yield lang, "space at the start or end of the clause"


# ---- running ------------------------------------------------------------------------------------------

TERM_KINDS = ("terms", "organisations")


def unit_texts(statement: Statement, renderer: Renderer) -> Iterator[UnitTexts]:
    """What ``build`` prints for each unit in each language (None where a version has no text).

    A unit that cannot be rendered at all (a template or slot error) is left out: the statement validation
    reports it, and comparing versions of it would only repeat that."""
    src = statement.source_language
    for unit in statement.units():
        texts: dict[str, str | None] = {}
        try:
            for lang in statement.languages:
                free = unit.clause.is_free and lang != src
                entry = renderer.translations.get(unit.id, lang) if renderer.translations else None
                if free and (entry is None or not entry.text.strip()):
                    texts[lang] = None
                else:
                    texts[lang] = renderer.unit_text(unit, lang)[0]
        except (SpecError, TemplateError):
            continue
        yield UnitTexts(unit.id, src, texts)


def run_checks(statement: Statement, registry: Registry, library: Library, translations: Translations | None,
               only: tuple[str, ...] | None = None) -> list[Finding]:
    """Compare the language versions of ``statement`` clause by clause; findings in statement order."""
    renderer = Renderer(statement, registry, library, translations)
    ctx = Context(registry, tuple((k, e) for k in TERM_KINDS for e in registry.table(k).values()))
    checks = [c for name, c in CHECKS.items() if only is None or name in only]
    findings: list[Finding] = []
    for unit in unit_texts(statement, renderer):
        for c in checks:
            for lang, message in c.fn(unit, ctx):
                findings.append(Finding(unit.unit_id, lang, c.name, c.severity, message))
    return findings
