"""Validate a statement against the registry and clause library, collecting every problem at once.

Also checks the library itself: every template uses the same slots in every language, declares every slot
it uses, and uses every slot it declares.
"""

from __future__ import annotations

from dataclasses import dataclass

from statementkit import LANGUAGES
from statementkit.errors import StatementkitError, did_you_mean
from statementkit.model.document import BlockKind, RenderedDocument
from statementkit.model.library import Library
from statementkit.model.registry import Registry
from statementkit.model.statement import Statement
from statementkit.model.translation import Translations

# names every template may use without declaring them (see render.Renderer.base_context and _Env)
CONTEXT_NAMES = frozenset({
    "lang", "parties", "both", "countries", "collective", "meeting", "venue", "host", "date", "dates",
    "languages", "end", "place", "copies", "party", "sep", "term", "org", "country", "city", "loop", "host_party",
    "doc", "rule", "br",
})


@dataclass(frozen=True)
class Problem:
    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.path and self.line else (f"{self.path}: " if self.path else "")
        return f"{where}{self.message}"


def validate_library(library: Library) -> list[Problem]:
    import jinja2
    from jinja2 import meta
    from jinja2.sandbox import SandboxedEnvironment

    from statementkit.services.assemble.render import TEMPLATE_FILTERS

    env = SandboxedEnvironment()
    env.filters.update(dict.fromkeys(TEMPLATE_FILTERS, lambda *a, **k: ""))
    problems: list[Problem] = []
    for tpl in library.templates.values():
        used: dict[str, set[str]] = {}
        for lang in LANGUAGES:
            try:
                ast = env.parse(tpl.text[lang])
            except jinja2.TemplateSyntaxError as exc:
                problems.append(Problem(f"template '{tpl.id}' ({lang}): {exc.message}", tpl.path, tpl.line))
                continue
            used[lang] = set(meta.find_undeclared_variables(ast)) - CONTEXT_NAMES
        declared = set(tpl.slots)
        for lang, names in used.items():
            for name in sorted(names - declared):
                problems.append(Problem(f"template '{tpl.id}' ({lang}) uses undeclared slot '{name}'",
                                        tpl.path, tpl.line))
            for name in sorted(declared - names):
                problems.append(Problem(f"template '{tpl.id}' ({lang}) does not use its slot '{name}'",
                                        tpl.path, tpl.line))
    return problems


def official_texts(statement: Statement, translations: Translations | None) -> frozenset[tuple[str, str]]:
    """(unit id, language) of the texts that are official wording, not drafts: what ``import`` records.

    ``import`` writes a free-form statement (no meeting: the title and clauses as text) whose clauses carry
    the source version inline and the other versions as approved human translations.  So, in a statement with
    no meeting, a clause with no template whose text in a language is given in the statement itself or is an
    approved human translation (origin human, status approved) has an official text in that language, provided
    every language of the statement has such a text for it: the clause came with its signed versions (an
    imported statement, a free-form one with its official texts inline).  A statement drafted for a meeting has
    none (its free clauses are drafting, even once their translations are approved), nor has a free clause still
    waiting for a translation, nor a template clause (the library's wording, to which the house style applies).
    """
    from statementkit.model.translation import Origin, Status

    out: set[tuple[str, str]] = set()
    if statement.meeting is not None:
        return frozenset()
    for unit in statement.units():
        c = unit.clause
        if c.template is not None:
            continue
        langs = set()
        for lang in statement.languages:
            entry = translations.get(unit.id, lang) if translations is not None else None
            if lang in c.texts or (lang == statement.source_language and c.text is not None) or (
                    entry is not None and entry.origin is Origin.HUMAN and entry.status is Status.APPROVED):
                langs.add(lang)
        present = [lg for lg in statement.languages if lg not in c.absent]
        if present and all(lg in langs for lg in present):
            out.update((unit.id, lg) for lg in present)
    return frozenset(out)


def validate_statement(statement: Statement, registry: Registry, library: Library,
                       translations: Translations | None = None, notes: list[Problem] | None = None
                       ) -> list[Problem]:
    """Every reference, slot and rendering problem of one statement, in every one of its languages.

    ``notes``: when a list is given, the house-style findings (genre rules: numbers under ten in Russian
    digits, lone Latin acronyms, dates spoken of as past) on official texts (:func:`official_texts`) go there
    instead of into the problems: the signed wording of an imported statement is not an error of ours to fix.
    Without it (``check --house-style``) they are problems like any other."""
    from statementkit.services.assemble.render import Renderer, assemble, title_template
    from statementkit.services.genre import guard_failures, guard_line, shows_one_date

    st = statement
    problems: list[Problem] = []

    def add(message: str, field: str | None = None, line: int | None = None) -> None:
        problems.append(Problem(message, st.path, line if line is not None else (st.line_of(field) if field else None)))

    m = st.meeting
    if m is not None and m.mechanism not in registry.mechanisms:
        add(f"meeting.mechanism: unknown mechanism '{m.mechanism}'{did_you_mean(m.mechanism, registry.mechanisms)}",
            "meeting.mechanism")
    if m is not None and m.venue not in registry.cities:
        add(f"meeting.venue: unknown city '{m.venue}'{did_you_mean(m.venue, registry.cities)}", "meeting.venue")
    if m is not None and m.host and m.host not in registry.countries:
        add(f"meeting.host: unknown country '{m.host}'{did_you_mean(m.host, registry.countries)}", "meeting.host")
    if st.collective and st.collective not in registry.terms:
        add(f"collective: unknown term '{st.collective}'{did_you_mean(st.collective, registry.terms)}", "collective")
    if st.closing.place and st.closing.place not in registry.cities:
        add(f"closing.place: unknown city '{st.closing.place}'"
                f"{did_you_mean(st.closing.place, registry.cities)}", "closing.place")
    for i, party in enumerate(st.parties):
        office = registry.offices.get(party.office)
        if office is None:
            add(f"parties[{i}]: unknown party office '{party.office}'{did_you_mean(party.office, registry.offices)}", f"parties[{i}]")
            continue
        head = party.head or office.head
        if head is None:
            add(f"parties[{i}]: office '{party.office}' has no registered head; give 'head'", f"parties[{i}]")
        elif head not in registry.officials:
            add(f"parties[{i}]: unknown official '{head}'{did_you_mean(head, registry.officials)}", f"parties[{i}]")
    parties_known = all(p.office in registry.offices for p in st.parties)
    if parties_known:
        countries = {registry.offices[p.office].country for p in st.parties}
        for lang, lead in st.leads.items():
            if lead not in countries:
                add(f"lead.{lang}: '{lead}' is not the country of a party ({', '.join(sorted(countries))})",
                    "lead")
    if st.meeting is not None and len(st.parties) < 2:  # a free-form statement names its parties in its text
        add(f"parties: a joint statement needs at least two parties (this one has {len(st.parties)})", "parties")
    if not st.title_text and (st.title is not None or st.meeting is not None):
        try:
            title_template(st, library)
        except StatementkitError as exc:
            add(exc.message, "title")
    for unit in st.units():
        c = unit.clause
        if c.template is None:
            continue
        tpl = library.get(c.template)
        if tpl is None:
            add(f"clause '{c.id}': unknown template '{c.template}'{did_you_mean(c.template, library.templates)}", f"#{c.id}.template")
            continue
        unknown = [name for name in c.slots if name not in tpl.slots]
        for name in unknown:  # a misspelt slot is reported as itself, with the slot it probably meant
            add(f"clause '{c.id}': template '{tpl.id}' has no slot '{name}' (slots: {', '.join(tpl.slots) or 'none'})"
                f"{did_you_mean(name, tpl.slots)}", f"#{c.id}.slots.{name}")
        for slot in tpl.slots:  # a missing slot that a misspelt one stands for is reported once, as above
            if slot not in c.slots and not did_you_mean(slot, unknown):
                add(f"clause '{c.id}': missing slot '{slot}' (template '{tpl.id}', type {tpl.slots[slot].value})",
                    line=c.line)
        if c.text is not None:
            continue  # edited wording: the template's text is not what is printed
        reasons = guard_failures(tpl, st, registry) if parties_known else []  # else: derived, not news
        if reasons:
            add(guard_line(c.id, tpl, reasons), f"#{c.id}")
        if m is not None and len(m.dates) > 1 and shows_one_date(tpl):
            add(f"clause '{c.id}': template '{tpl.id}' shows one date, and the meeting runs "
                f"{m.dates[0].isoformat()} to {m.dates[-1].isoformat()}: use a template that prints the range "
                "(dates)", f"#{c.id}")
    if problems:  # rendering would only repeat these
        return problems
    renderer = Renderer(st, registry, library, translations)
    for lang in st.languages:
        for unit in st.units():
            if lang in unit.clause.absent or renderer.is_missing(unit, lang):
                continue  # not a fault of the file: the cross-language check reports it as missing
            try:
                renderer.unit_text(unit, lang)
            except StatementkitError as exc:  # a bad slot value fails in every language: report it once
                problem = Problem(exc.message, exc.path, exc.line)
                if problem not in problems:
                    problems.append(problem)
        try:
            doc = assemble(st, registry, library, lang, translations, renderer=renderer)
        except StatementkitError as exc:
            p = Problem(exc.message, exc.path, exc.line)
            if p not in problems:
                problems.append(p)
            continue
        official = official_texts(st, translations) if notes is not None else frozenset()
        for unit_id, problem in _text_problems(st, registry, doc):
            (notes if notes is not None and (unit_id, doc.lang) in official else problems).append(problem)
    return problems


def _text_problems(st: Statement, registry: Registry, doc: RenderedDocument) -> list[tuple[str, Problem]]:
    """Genre checks on one rendered version: past-tense dates after the statement's own date, Latin acronyms
    standing alone in zh/ru running text, and Russian numbers under ten in digits; (unit id, problem)."""
    from statementkit.services.genre import bare_acronyms, future_past_dates, ru_small_numerals

    own = st.closing.date or (st.meeting.dates[-1] if st.meeting else None)  # None: a free-form statement
    out: list[tuple[str, Problem]] = []
    for block in doc.blocks:
        if block.kind in (BlockKind.TITLE, BlockKind.SIGNATURE) or not block.unit_id:
            continue
        line = st.line_of(f"#{block.unit_id}")
        for when in future_past_dates(block.text, doc.lang, own) if own is not None else []:
            out.append((block.unit_id, Problem(
                f"clause '{block.unit_id}' ({doc.lang}): '{when}' lies after the statement's own date "
                f"({own.isoformat() if own else ''}) but the text speaks of it as past", st.path, line)))
        if doc.lang == "ru":
            for digit in dict.fromkeys(ru_small_numerals(block.text)):
                out.append((block.unit_id, Problem(
                    f"clause '{block.unit_id}' (ru): the number {digit} stands in digits: Russian running text "
                    "writes numbers under ten in words («трех», «пяти»)", st.path, line)))
        for token in dict.fromkeys(bare_acronyms(block.text, doc.lang, registry)):
            out.append((block.unit_id, Problem(
                f"clause '{block.unit_id}' ({doc.lang}): the Latin acronym '{token}' stands alone in running "
                f"text: write the full name, or mark the acronym accepted in {doc.lang} in the registry",
                st.path, line)))
    return out
