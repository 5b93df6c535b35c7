"""Locked terminology: registry names, dates, numbers and acronyms are replaced by placeholders before the
model sees a sentence, and come back in the registry's approved target form.

Placeholders look like ``Z1``, ``Z2`` (a letter the source does not use that way, then a number): short
Latin tokens that NMT models tend to copy through.  After translation each placeholder must appear exactly
once; when the model drops, repeats or mangles one, the caller repairs the sentence by translating the text
*between* the protected spans on its own and putting the approved forms back in source order
(:meth:`TermLock.split_around`), and flags it for review.  Either way every locked term reaches the output.

Russian targets get each term in the case its governing word needs (:mod:`.russian_case`), in the registry's
form for that case; what cannot be decided stays nominative and is flagged ``case-undecided``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import regex

from statementkit.model.registry import Entry, Registry, Words
from statementkit.services.assemble import formatting

_PLACEHOLDER_LETTERS = "ZQXKJV"
_B = r"(?<![\p{L}\p{N}])"  # word boundary before (works for Latin and Cyrillic)
_E = r"(?![\p{L}\p{N}])"   # and after

_EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_RU_MONTHS = ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
              "октября", "ноября", "декабря")
_EN_MONTH_RE = "|".join(_EN_MONTHS)
_DATES = {
    "en": [
        regex.compile(rf"{_B}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_EN_MONTH_RE}),?\s+(?P<y>\d{{4}}){_E}",
                      regex.I),
        regex.compile(rf"{_B}(?P<m>{_EN_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){_E}",
                      regex.I),
        regex.compile(rf"{_B}in\s+(?P<m>{_EN_MONTH_RE})\s+(?P<y>\d{{4}}){_E}", regex.I),
    ],
    "ru": [regex.compile(rf"{_B}(?P<d>\d{{1,2}})\s+(?P<m>{'|'.join(_RU_MONTHS)})\s+(?P<y>\d{{4}})"
                         rf"(?:\s+года|\s+г\.)?{_E}", regex.I)],
    "zh": [regex.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")],
}
_ISO_DATE = regex.compile(rf"{_B}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_E}")
_NUMBERS = {
    "en": regex.compile(r"(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+)(?![\p{L}\p{N}]|[.,]\d)"),
    "ru": regex.compile(r"(?<![\p{L}\p{N}.,])(?:\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+,\d+|\d+)"
                        r"(?![\p{L}\p{N}]|[.,]\d)"),
    "zh": regex.compile(r"(?<![\p{N}.])(?:\d+\.\d+|\d+)(?![\p{N}]|\.\d)"),
}
_PLACEHOLDER_RE = {c: regex.compile(rf"(?<![A-Za-z0-9])(?i:{c})\s?(\d{{1,3}})(?![0-9])") for c in _PLACEHOLDER_LETTERS}
_PLACEHOLDER_IN_SOURCE = {c: regex.compile(rf"(?<![A-Za-z0-9])(?i:{c})\s?\d") for c in _PLACEHOLDER_LETTERS}
_SPACES = regex.compile(r"\s+")
_ACRONYM = regex.compile(r"(?<![\p{L}\p{N}])[A-Z][A-Z0-9+&]*[A-Z0-9](?<=[A-Z].*[A-Z].*|[A-Z][0-9]+)s?(?![\p{L}\p{N}])")


@dataclass(frozen=True)
class Span:
    """A protected piece of the source: placeholder ``key``, what it was, what must stand in the target."""

    key: str
    kind: str  # term | date | number | acronym
    source: str
    target: str
    accepted: tuple[str, ...]  # any of these in the output counts as the term being there
    term: str | None = None  # "kind.id" of a registry entry
    forms: tuple[tuple[str, str], ...] = ()  # a term's target forms by name (nom, gen, dat, ins, loc …)


@dataclass(frozen=True)
class Protected:
    text: str  # the source with placeholders
    spans: tuple[Span, ...]
    letter: str

    def span(self, key: str) -> Span | None:
        return next((s for s in self.spans if s.key == key), None)

    def keys_in(self, text: str) -> list[str]:
        return [f"{self.letter}{m.group(1)}" for m in self.placeholder_re().finditer(text)]

    def placeholder_re(self) -> regex.Pattern[str]:
        """Placeholders as a model may give them back: ``Z1``, ``z1``, ``Z 1``."""
        return _PLACEHOLDER_RE[self.letter]


@dataclass(frozen=True)
class _Term:
    source_texts: tuple[str, ...]
    target: str
    accepted: tuple[str, ...]
    ident: str


@dataclass
class TermLock:
    """Protects and restores locked spans for one language pair, built from the registry."""

    registry: Registry
    source: str
    target: str
    _terms: list[_Term] = field(default_factory=list)
    _pattern: regex.Pattern[str] | None = None
    _by_text: dict[str, _Term] = field(default_factory=dict)
    _forms: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for kind, entry in self.registry.locked_terms(self.target):
            if self.source not in entry.names:
                continue
            accepted = tuple(dict.fromkeys(_all_target_texts(entry, self.target)))
            for variant, names in [("name", entry.names), *entry.extra.items()]:
                src: Words | None = names.get(self.source)
                if src is None:
                    continue
                tgt = _target_words(entry, variant, self.target)
                texts = tuple(t for t in dict.fromkeys(src.all_texts()) if t and t.casefold() not in seen)
                if not texts:
                    continue
                seen.update(t.casefold() for t in texts)
                term = _Term(texts, tgt.nom, accepted, f"{kind}.{entry.id}")
                self._forms.setdefault(tgt.nom, (("nom", tgt.nom), *tgt.forms.items()))
                self._terms.append(term)
                for t in texts:
                    self._by_text[t.casefold()] = term
        alternatives = sorted(self._by_text, key=len, reverse=True)
        if alternatives:
            parts = [_term_regex(self._original(a), self.source) for a in alternatives]
            self._pattern = regex.compile("|".join(parts))

    def _original(self, folded: str) -> str:
        term = self._by_text[folded]
        return next(t for t in term.source_texts if t.casefold() == folded)

    # ---- protection ------------------------------------------------------------------------------
    def find(self, text: str) -> list[tuple[int, int, str, str, tuple[str, ...], str | None]]:
        """Every locked span of ``text`` as (start, end, kind, target, accepted, term id), not overlapping:
        registry terms first (longest first), then dates, numbers and acronyms."""
        found: list[tuple[int, int, str, str, tuple[str, ...], str | None]] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= s or a >= e for s, e in taken)

        def add(a: int, b: int, kind: str, target: str, accepted: Iterable[str], ident: str | None) -> None:
            if a < b and free(a, b):
                taken.append((a, b))
                found.append((a, b, kind, target, tuple(dict.fromkeys([target, *accepted])), ident))

        if self._pattern is not None:
            for m in self._pattern.finditer(text):
                term = self._by_text[_fold_matched(m.group(0))]
                add(m.start(), m.end(), "term", term.target, term.accepted, term.ident)
        for rx in [*_DATES.get(self.source, []), _ISO_DATE]:
            for m in rx.finditer(text):
                rendered = _render_date(m, self.source, self.target)
                if rendered is not None:
                    add(m.start(), m.end(), "date", rendered, (), None)
        for m in _NUMBERS[self.source].finditer(text):
            rendered = _render_number(m.group(0), self.source, self.target)
            add(m.start(), m.end(), "number", rendered, (m.group(0),), None)
        if self.source != "zh" or self.target != "zh":
            for m in _ACRONYM.finditer(text):
                add(m.start(), m.end(), "acronym", m.group(0), (), None)
        return sorted(found)

    def protect(self, text: str) -> Protected:
        letter = next((c for c in _PLACEHOLDER_LETTERS if not _PLACEHOLDER_IN_SOURCE[c].search(text)), "Z")
        out: list[str] = []
        spans: list[Span] = []
        pos = 0
        for n, (a, b, kind, target, accepted, ident) in enumerate(self.find(text), start=1):
            key = f"{letter}{n}"
            out.append(text[pos:a])
            out.append(key)
            forms = self._forms.get(target, ()) if kind == "term" else ()
            spans.append(Span(key, kind, text[a:b], target, accepted, ident, forms))
            pos = b
        out.append(text[pos:])
        return Protected("".join(out), tuple(spans), letter)

    def target_form(self, span: Span, name: str) -> str:
        """The span's target in the named form (a Russian case: gen, dat, ins, loc …), else its main form."""
        return dict(span.forms).get(name, span.target)

    # ---- restoration -----------------------------------------------------------------------------
    def restore(self, output: str, protected: Protected, expected: Sequence[str]) -> tuple[str | None, str]:
        """Put approved forms in for placeholders.  Returns (text, "") when every expected placeholder
        came back exactly once and no other did; else (None, what went wrong) and the caller repairs."""
        text, problem, _ = self.restore_cased(output, protected, expected)
        return text, problem

    def restore_cased(self, output: str, protected: Protected, expected: Sequence[str],
                      rendering: str | None = None) -> tuple[str | None, str, list[str]]:
        """:meth:`restore`, plus notes on the case of Russian terms: each registry term goes back in the case
        its sentence needs, in the registry's form for that case; the notes name the terms whose case could
        not be decided (prefixed ``undecided:``) or whose form was inflected because the registry has none
        for that case.

        The case has two sources: the governing word before the placeholder (:func:`.russian_case.governing_case`)
        and, when ``rendering`` (the model's translation of the same sentence with its terms unlocked) is
        given, the case the model put the name in there (:func:`.russian_case.reading_in_rendering`).  They
        agree: that case; only one decides: its case; they disagree: the governing word's case, noted
        ``undecided:`` with both readings (the sentence is flagged ``case-undecided``)."""
        got = protected.keys_in(output)
        problems = []
        for key in expected:
            n = got.count(key)
            if n == 0:
                problems.append(f"{key} dropped")
            elif n > 1:
                problems.append(f"{key} repeated")
        stray = sorted(set(got) - set(expected))
        if stray:
            problems.append(f"unexpected {', '.join(stray)}")
        if problems:
            return None, "; ".join(problems), []
        notes: list[str] = []
        pieces: list[str] = []
        cases: dict[int, str] = {}
        pos = 0
        seen: dict[str, int] = {}
        for m in protected.placeholder_re().finditer(output):
            span = protected.span(f"{protected.letter}{m.group(1)}")
            pieces.append(output[pos:m.start()])
            pos = m.end()
            if span is None:
                pieces.append(m.group(0))
                continue
            form = span.target
            if self.target == "ru" and span.kind == "term":
                nth = seen.get(span.target, 0)
                seen[span.target] = nth + 1
                same = sum(s.target == span.target for s in protected.spans)
                form, case, note = self._russian_form(span, output[:m.start()], output[m.end():], cases,
                                                      protected, rendering, nth, same)
                if case is not None:
                    cases[m.end()] = case
                if note:
                    notes.append(note)
            pieces.append(form)
        pieces.append(output[pos:])
        return "".join(pieces), "", notes

    def form_in_context(self, span: Span, before: str, after: str = "",
                        rendering: str | None = None) -> tuple[str, str]:
        """The span's target as it should stand after ``before`` (Russian registry names in the case their
        sentence needs, as :meth:`restore_cased`), and a note (empty, an inflection, or ``undecided: …``)."""
        if self.target != "ru" or span.kind != "term":
            return span.target, ""
        form, _, note = self._russian_form(span, before, after, {}, Protected("", (), "Z"), rendering)
        return form, note

    def wants_case_reading(self, protected: Protected) -> bool:
        """Whether restoring ``protected`` into Russian needs a case: a registry term that declines."""
        from statementkit.services.translate import russian_case

        return self.target == "ru" and any(s.kind == "term" and not russian_case.is_indeclinable(s.target)
                                           for s in protected.spans)

    def _russian_form(self, span: Span, before: str, after: str, cases: dict[int, str],
                      protected: Protected, rendering: str | None = None, nth: int = 0,
                      count: int = 1) -> tuple[str, str | None, str]:
        from statementkit.services.translate import russian_case

        if russian_case.is_indeclinable(span.target):
            return span.target, "nom", ""
        decision = russian_case.governing_case(before, cases, protected.placeholder_re(), after)
        case, why, note = decision.case, decision.why, ""
        if rendering is not None:
            seen = russian_case.reading_in_rendering(span.target, dict(span.forms), rendering, nth, count)
            said = "/".join(c for c in russian_case.CASES if c in seen.cases)
            if seen.cases and case is None and len(seen.cases) == 1:
                case, why = said, f"the model rendered it '{seen.text}'"
            elif seen.cases and case is not None and case not in seen.cases:
                note = (f"undecided: case of '{span.target}': the governing word says {case} ({why}), the model "
                        f"rendered it '{seen.text}' ({said}); {case} used")
            elif case is None and seen.cases:
                return span.target, None, (f"undecided: case of '{span.target}' after {why}; the model rendered "
                                           f"it '{seen.text}' ({said})")
        if case is None:
            return span.target, None, f"undecided: case of '{span.target}' after {why}"
        curated = dict(span.forms).get(case)
        if curated is not None:
            return curated, case, note
        inflected = russian_case.inflect(span.target, case)
        if inflected is None:
            return span.target, case, (f"undecided: the registry has no {case} form of "
                                       f"'{span.target}' and it cannot be inflected")
        return inflected, case, note or (f"'{inflected}' inflected ({case}, {why}): the "
                                         "registry has no form for this case")

    def split_around(self, segment: str, protected: Protected) -> list[str | Span]:
        """The segment as text chunks and spans, for repair: chunks are translated alone."""
        parts: list[str | Span] = []
        pos = 0
        for m in protected.placeholder_re().finditer(segment):
            span = protected.span(f"{protected.letter}{m.group(1)}")
            if span is None:
                continue
            parts.append(segment[pos:m.start()])
            parts.append(span)
            pos = m.end()
        parts.append(segment[pos:])
        return [p for p in parts if not (isinstance(p, str) and not p)]

    def missing(self, source: str, output: str, protected: Protected | None = None) -> list[Span]:
        """Locked spans of ``source`` none of whose accepted target forms occur in ``output``."""
        flat = _SPACES.sub("", output).casefold()
        return [s for s in (protected or self.protect(source)).spans
                if not any(_SPACES.sub("", a).casefold() in flat for a in s.accepted)]


def _target_words(entry: Entry, variant: str, lang: str) -> Words:
    """The approved target for a source variant: the same variant in the target language; an abbreviation
    without one falls back to the short name, anything else to the main name."""
    got = entry.variant(variant, lang) if variant != "name" else entry.names.get(lang)
    if got is None and variant == "abbr":
        got = entry.variant("short", lang)
    return got or entry.names[lang]


def _all_target_texts(entry: Entry, lang: str) -> list[str]:
    texts = list(entry.names[lang].all_texts()) if lang in entry.names else []
    for names in entry.extra.values():
        if lang in names:
            texts.extend(names[lang].all_texts())
    return texts


def _term_regex(text: str, lang: str) -> str:
    """A term as a regex: flexible white space and apostrophes, word boundaries outside Chinese, and
    case-insensitive unless the term is written in capitals (abbreviations: IP, WIPO, C+C5)."""
    pieces = []
    for ch in text:
        if ch.isspace():
            pieces.append(r"\s+")
        elif ch in "'’":
            pieces.append("['’]")
        else:
            pieces.append(regex.escape(ch))
    body = "".join(regex.sub(r"(\\s\+)+", r"\\s+", "".join(pieces)))
    caps = text.upper() == text
    body = body if caps else f"(?i:{body})"
    return body if lang == "zh" else f"{_B}{body}{_E}"


def _fold_matched(matched: str) -> str:
    return regex.sub(r"\s+", " ", matched).replace("’", "'").casefold()


def _render_date(m: regex.Match[str], source: str, target: str) -> str | None:
    groups = m.groupdict()
    try:
        year = int(groups["y"])
        raw_m = groups["m"]
        if raw_m.isdigit():
            month = int(raw_m)
        else:
            months = _EN_MONTHS if source == "en" else _RU_MONTHS
            month = months.index(raw_m.casefold()) + 1
        if groups.get("d") is None:
            if not 1 <= month <= 12:
                return None
            return formatting.month(year, month, target, preposition=True)
        return formatting.date(dt.date(year, month, int(groups["d"])), target)
    except (ValueError, KeyError):
        return None


def _render_number(text: str, source: str, target: str) -> str:
    """Plain integers stay as written (years, counts); grouped or decimal numbers follow the target's
    conventions (10,000 -> 10 000 in Russian; 3.5 -> 3,5)."""
    if text.isdigit():
        return text
    if source == "ru":
        plain = regex.sub(r"[\u00a0\u202f ]", "", text).replace(",", ".")
    else:
        plain = text.replace(",", "")
    try:
        value: int | float = float(plain) if "." in plain else int(plain)
    except ValueError:
        return text
    if isinstance(value, float):
        decimals = len(plain.split(".")[1])
        from babel.numbers import format_decimal

        return format_decimal(value, format="#,##0." + "0" * decimals, locale=formatting.LOCALES[target])
    return formatting.number(value, target)
