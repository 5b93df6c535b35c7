"""Validate a statement against the registry and clause library, collecting every problem at once.

Also checks the library itself: every template uses the same slots in every language, declares every slot
it uses, and uses every slot it declares.
"""

from __future__ import annotations

from dataclasses import dataclass

from statementkit import LANGUAGES
from statementkit.errors import StatementkitError
from statementkit.model.library import Library
from statementkit.model.registry import Registry
from statementkit.model.statement import Statement
from statementkit.model.translation import Translations

# names every template may use without declaring them (see render.Renderer.base_context and _Env)
CONTEXT_NAMES = frozenset({
    "lang", "parties", "both", "countries", "collective", "meeting", "venue", "host", "date", "dates",
    "languages", "end", "place", "copies", "party", "sep", "term", "org", "country", "city", "loop", "host_party",
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


def validate_statement(statement: Statement, registry: Registry, library: Library,
                       translations: Translations | None = None) -> list[Problem]:
    """Every reference, slot and rendering problem of one statement, in every one of its languages."""
    from statementkit.services.assemble.render import Renderer, assemble

    st = statement
    problems: list[Problem] = []

    def add(message: str, field: str | None = None, line: int | None = None) -> None:
        problems.append(Problem(message, st.path, line if line is not None else (st.line_of(field) if field else None)))

    m = st.meeting
    if m is not None and m.mechanism not in registry.mechanisms:
        add(f"meeting.mechanism: unknown mechanism '{m.mechanism}'", "meeting.mechanism")
    if m is not None and m.venue not in registry.cities:
        add(f"meeting.venue: unknown city '{m.venue}'", "meeting.venue")
    if m is not None and m.host and m.host not in registry.countries:
        add(f"meeting.host: unknown country '{m.host}'", "meeting.host")
    if st.collective and st.collective not in registry.terms:
        add(f"collective: unknown term '{st.collective}'", "collective")
    if st.closing.place and st.closing.place not in registry.cities:
        add(f"closing.place: unknown city '{st.closing.place}'", "closing.place")
    for i, party in enumerate(st.parties):
        office = registry.offices.get(party.office)
        if office is None:
            add(f"parties[{i}]: unknown party office '{party.office}'", f"parties[{i}]")
            continue
        head = party.head or office.head
        if head is None:
            add(f"parties[{i}]: office '{party.office}' has no registered head; give 'head'", f"parties[{i}]")
        elif head not in registry.officials:
            add(f"parties[{i}]: unknown official '{head}'", f"parties[{i}]")
    for unit in st.units():
        c = unit.clause
        if c.template is None:
            continue
        tpl = library.get(c.template)
        if tpl is None:
            add(f"clause '{c.id}': unknown template '{c.template}'", f"#{c.id}.template")
            continue
        for slot in tpl.slots:
            if slot not in c.slots:
                add(f"clause '{c.id}': missing slot '{slot}' (template '{tpl.id}', type {tpl.slots[slot].value})",
                    line=c.line)
    if problems:  # rendering would only repeat these
        return problems
    renderer = Renderer(st, registry, library, translations)
    for lang in st.languages:
        for unit in st.units():
            if lang in unit.clause.absent or renderer.is_missing(unit, lang):
                continue  # not a fault of the file: the cross-language check reports it as missing
            try:
                renderer.unit_text(unit, lang)
            except StatementkitError as exc:
                problems.append(Problem(exc.message, exc.path, exc.line))
        try:
            assemble(st, registry, library, lang, translations, renderer=renderer)
        except StatementkitError as exc:
            p = Problem(exc.message, exc.path, exc.line)
            if p not in problems:
                problems.append(p)
    return problems
