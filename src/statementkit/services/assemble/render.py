"""Render clause templates per language in Jinja2's sandbox, and lay a statement out as a document.

The sandbox refuses attribute access such as ``__class__``; ``StrictUndefined`` turns a missing slot
or case form into an error that names clause, language and slot.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from statementkit import LANGUAGES, __version__
from statementkit.errors import SpecError, TemplateError, did_you_mean
from statementkit.model.document import Block, BlockKind, RenderedDocument
from statementkit.model.library import ClauseTemplate, Library, SlotType
from statementkit.model.registry import Registry, Words
from statementkit.model.statement import Clause, OrderRule, Statement, Unit
from statementkit.model.translation import Origin, TranslationEntry, Translations, source_hash
from statementkit.services.assemble import formatting
from statementkit.services.assemble.views import (
    CountryView,
    HeadView,
    MeetingView,
    Month,
    Name,
    OfficeView,
    PartyView,
    name_of,
)
from statementkit.services.genre import guard_failures, guard_line

DEFAULT_TITLE = "title.joint-statement"
TEMPLATE_FILTERS = ("date", "month", "and_list", "number", "capfirst", "zhnum", "count", "ordinal", "years")
DONE_IN = "done-in.equally-authentic"
SIGNATURE = "signature.party"
# ids of the blocks that are not clauses; "@" cannot start a clause id, so they never collide
DONE_IN_UNIT = "@done-in"

LANGUAGE_NAMES: Mapping[str, Mapping[str, str]] = {
    "en": {"en": "English", "zh": "Chinese", "ru": "Russian"},
    "zh": {"en": "英文", "zh": "中文", "ru": "俄文"},
    "ru": {"en": "английском", "zh": "китайском", "ru": "русском"},
}
# Order of the languages in the "done in" sentence of each version: its own language first (zh, ru), or
# the order of the statement (en).
_LANG_ORDER = {"zh": ("zh", "ru", "en"), "ru": ("zh", "ru", "en"), "en": ("zh", "ru", "en")}


class _Env:
    """One sandboxed environment per language, with that language's filters and a template cache."""

    def __init__(self, lang: str, registry: Registry) -> None:
        self.lang = lang
        env = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                   keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
        env.filters.update(
            date=self._date, month=self._month, and_list=self._and_list, number=self._number,
            capfirst=lambda s: str(s)[:1].upper() + str(s)[1:], zhnum=formatting.zh_number,
            count=self._count, ordinal=self._ordinal, years=self._years,
        )
        env.globals.update(
            sep=self._sep, term=self._lookup("terms"), org=self._lookup("organisations"),
            country=self._lookup("countries"), city=self._lookup("cities"),
        )
        self.env = env
        self.registry = registry
        self.cache: dict[str, jinja2.Template] = {}

    def _date(self, value: Any) -> str:
        if isinstance(value, (tuple, list)) and value:
            return formatting.date_range(value[0], value[-1], self.lang)
        if isinstance(value, dt.date):
            return formatting.date(value, self.lang)
        raise TemplateError(f"the date filter needs a date, got {value!r}")

    def _month(self, value: Any, preposition: bool = False) -> str:
        if not isinstance(value, Month):
            raise TemplateError(f"the month filter needs a month slot, got {value!r}")
        return formatting.month(value.year, value.month, self.lang, preposition=preposition)

    def _and_list(self, items: Sequence[Any]) -> str:
        return formatting.join([str(i) for i in items], self.lang)

    def _number(self, value: Any) -> str:
        return formatting.number(value, self.lang)

    def _count(self, value: Any, case: str = "nom") -> str:
        """A count in words: six / 六 (两 for 2) / шести (``case``)."""
        return formatting.count_words(int(value), self.lang, case)

    def _ordinal(self, value: Any, gender: str = "m", case: str = "nom") -> str:
        """First / 首届 / первый (Russian agreeing with ``gender`` and ``case``)."""
        return formatting.ordinal(int(value), self.lang, gender=gender, case=case)

    def _years(self, value: Any) -> str:
        """A period of years in words: three years / 三年 (两年) / три года, семь лет."""
        n = int(value)
        if self.lang == "ru":
            return formatting.ru_years(n)
        if self.lang == "zh":
            return f"{formatting.count_words(n, 'zh')}年"
        return f"{formatting.count_words(n, 'en')} year{'s' if n != 1 else ''}"

    def _sep(self, loop: Any) -> str:
        return formatting.separator(loop.index0, loop.length, self.lang)

    def _lookup(self, kind: str) -> Callable[[str], Name]:
        def look(ident: str) -> Name:
            entry = self.registry.find(kind, ident)
            if entry is None:
                raise TemplateError(f"unknown registry entry {kind}.{ident}")
            return name_of(entry, self.lang)
        return look

    def template(self, tpl: ClauseTemplate) -> jinja2.Template:
        got = self.cache.get(tpl.id)
        if got is None:
            try:
                got = self.env.from_string(tpl.text[self.lang])
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(f"template '{tpl.id}' ({self.lang}): {exc.message} (template line {exc.lineno})",
                                    path=tpl.path, line=tpl.line) from None
            self.cache[tpl.id] = got
        return got


@dataclass
class Renderer:
    """Renders one statement's clauses in any of its languages."""

    statement: Statement
    registry: Registry
    library: Library
    translations: Translations | None = None
    copy_for: str | None = None  # alternat: the office whose copy this is, listed first in every language
    _envs: dict[str, _Env] = field(default_factory=dict)
    _base: dict[str, dict[str, Any]] = field(default_factory=dict)

    def env(self, lang: str) -> _Env:
        if lang not in self._envs:
            self._envs[lang] = _Env(lang, self.registry)
        return self._envs[lang]

    # ---- context --------------------------------------------------------------------------------
    def parties(self, lang: str) -> list[PartyView]:
        reg = self.registry
        views = []
        for i, ref in enumerate(self.statement.parties):  # the same wording and line as validate_statement
            line = self.statement.line_of(f"parties[{i}]")
            office = reg.offices.get(ref.office)
            if office is None:
                raise SpecError(f"parties[{i}]: unknown party office '{ref.office}'"
                                f"{did_you_mean(ref.office, reg.offices)}", path=self.statement.path, line=line)
            head_id = ref.head or office.head
            head = reg.officials.get(head_id or "")
            if head is None:
                raise SpecError(f"parties[{i}]: party '{ref.office}' has no head official (give 'head')",
                                path=self.statement.path, line=line)
            country = reg.countries[office.country]
            views.append(PartyView(CountryView(country, lang), OfficeView(office, lang),
                                   HeadView(head, office, lang)))
        st = self.statement
        order = st.order_in(lang)
        if order is OrderRule.ALPHABETICAL:
            # pinyin order would put China (zhongguo) last; in a Chinese text China leads
            lead = st.leads.get(lang) or ("cn" if lang == "zh" else "")
            views.sort(key=lambda p: (p.country.id != lead, reg.countries[p.country.id].sort_key(lang).casefold()))
        elif order is OrderRule.HOST_FIRST:
            host = self.host_id()
            views.sort(key=lambda p: p.country.id != host)  # stable: others keep their listed order
        elif lang in st.leads:
            views.sort(key=lambda p: p.country.id != st.leads[lang])
        if self.copy_for is not None:
            if all(p.office.id != self.copy_for for p in views):
                raise SpecError(f"--copy-for: '{self.copy_for}' is not a party (parties: "
                                f"{', '.join(p.office for p in st.parties)})", path=st.path)
            views.sort(key=lambda p: p.office.id != self.copy_for)  # the alternat: this party's copy
        return views

    def host_id(self) -> str:
        m = self.statement.meeting
        if m is None:
            return ""
        if m.host:
            return m.host
        city = self.registry.cities.get(m.venue)
        return city.country if city else ""

    def base_context(self, lang: str) -> dict[str, Any]:
        if lang in self._base:
            return self._base[lang]
        st, reg = self.statement, self.registry
        if st.meeting is None:
            self._base[lang] = self._context_without_meeting(lang)
            return self._base[lang]
        mech = reg.mechanisms.get(st.meeting.mechanism)
        if mech is None:
            raise SpecError(f"meeting.mechanism: unknown mechanism '{st.meeting.mechanism}'"
                            f"{did_you_mean(st.meeting.mechanism, reg.mechanisms)}",
                            path=st.path, line=st.line_of("meeting.mechanism"))
        venue = reg.cities.get(st.meeting.venue)
        if venue is None:
            raise SpecError(f"meeting.venue: unknown city '{st.meeting.venue}'{did_you_mean(st.meeting.venue, reg.cities)}",
                            path=st.path, line=st.line_of("meeting.venue"))
        host = reg.countries.get(self.host_id())
        if host is None:
            raise SpecError(f"meeting.host: unknown country '{self.host_id()}'"
                            f"{did_you_mean(self.host_id(), reg.countries)}", path=st.path,
                            line=st.line_of("meeting"))
        parties = self.parties(lang)
        collective = self.collective(parties, lang)
        host_party: Any = next((p for p in parties if p.country.id == host.id), None)
        if host_party is None:  # only templates that name the host's office need one; they fail with this hint
            host_party = jinja2.StrictUndefined(
                hint=f"no party is from the host country '{host.id}' (meeting.host, or the venue's country), "
                     f"which this clause names as the inviting office", name="host_party")
        order = [lg for lg in _LANG_ORDER[lang] if lg in st.languages]
        title = self.library.get(st.title or DEFAULT_TITLE)
        document = reg.terms.get(title.document or "") if title is not None else None
        ctx = {
            "lang": lang,
            "parties": parties,
            "both": len(parties) == 2,
            "countries": [p.country for p in parties],
            "collective": collective,
            "meeting": MeetingView(mech, st.meeting.ordinal, st.meeting.dates, lang),
            "venue": name_of(venue, lang),
            "host": CountryView(host, lang),
            "host_party": host_party,  # the PartyView from the host country (the inviting office)
            "date": st.meeting.dates[0],
            "dates": st.meeting.dates,
            "languages": [LANGUAGE_NAMES[lang][lg] for lg in order],
            # the document type the title names: "this Joint Statement", 本联合声明, настоящего Совместного заявления
            "doc": name_of(document, lang) if document is not None else jinja2.StrictUndefined(
                hint="the statement's title template names no document type", name="doc"),
        }
        self._base[lang] = ctx
        return ctx

    def _context_without_meeting(self, lang: str) -> dict[str, Any]:
        """A free-form statement (no meeting): the meeting's variables are undefined and say why when a
        template uses them."""
        st = self.statement
        parties = self.parties(lang)

        def undefined(name: str) -> Any:
            return jinja2.StrictUndefined(hint=f"the statement has no meeting, which this clause names ({name})",
                                          name=name)
        ctx: dict[str, Any] = {name: undefined(name) for name in ("meeting", "venue", "host", "host_party", "date",
                                                                    "dates")}
        order = [lg for lg in _LANG_ORDER[lang] if lg in st.languages]
        ctx.update({
            "lang": lang,
            "parties": parties,
            "both": len(parties) == 2,
            "countries": [p.country for p in parties],
            "collective": self.collective(parties, lang) if parties or st.collective else undefined("collective"),
            "languages": [LANGUAGE_NAMES[lang][lg] for lg in order],
        })
        return ctx

    def collective(self, parties: list[PartyView], lang: str) -> Name:
        """The parties as a group: the statement's registry term, or their countries joined per language."""
        st = self.statement
        if st.collective:
            term = self.registry.terms.get(st.collective)
            if term is None:
                raise SpecError(f"collective: unknown term '{st.collective}'"
                                f"{did_you_mean(st.collective, self.registry.terms)}", path=st.path,
                                line=st.line_of("collective"))
            variants = {k: v[lang] for k, v in term.extra.items() if lang in v}
            variants.setdefault("attr", term.names[lang])  # used attributively: the name itself
            return Name(term.names[lang], variants, abbr_ok=lang in term.abbr_accepted)
        entries = [self.registry.countries[p.country.id] for p in parties]
        countries = [c.names[lang] for c in entries]
        forms = {}
        for case in ("gen", "dat", "acc", "ins", "prep"):
            got = [w.form(case) for w in countries]
            if all(got):
                forms[case] = formatting.join([g for g in got if g], lang)
        words = Words(formatting.join([w.nom for w in countries], lang), MappingProxyType(forms))
        # attributive form before a noun: 中乌友好合作关系 (a bilateral pair by one character each)
        chars = [c.variant("char", lang) for c in entries]
        attr = Words("".join(str(c) for c in chars)) if len(entries) == 2 and all(chars) else words
        return Name(words, {"short": words, "label": words, "attr": attr})

    def slot_values(self, clause: Clause, tpl: ClauseTemplate, lang: str) -> dict[str, Any]:
        st = self.statement
        values: dict[str, Any] = {}
        for name in clause.slots:
            if name not in tpl.slots:
                raise SpecError(f"clause '{clause.id}': template '{tpl.id}' has no slot '{name}' "
                                f"(slots: {', '.join(tpl.slots) or 'none'}){did_you_mean(name, tpl.slots)}",
                                path=st.path, line=st.line_of(f"#{clause.id}.slots.{name}"))
        for name, typ in tpl.slots.items():  # after the unknown ones: a misspelt slot is named as itself
            if name not in clause.slots:
                raise SpecError(f"clause '{clause.id}': missing slot '{name}' (template '{tpl.id}', type {typ.value})",
                                path=st.path, line=clause.line)
        for name, value in clause.slots.items():
            values[name] = convert_slot(value, tpl.slots[name], lang, self.registry,
                                        where=f"clause '{clause.id}', slot '{name}'",
                                        path=st.path, line=st.line_of(f"#{clause.id}.slots.{name}"))
        return values

    # ---- rendering ------------------------------------------------------------------------------
    def render_template(self, tpl: ClauseTemplate, lang: str, extra: Mapping[str, Any],
                        clause_id: str | None = None) -> str:
        """Render ``tpl`` in ``lang``; errors name the clause (or the template) and the language."""
        who = f"clause '{clause_id}'" if clause_id else tpl.id
        line = self.statement.line_of(f"#{clause_id}") if clause_id else None
        env = self.env(lang)
        ctx = {**self.base_context(lang), **extra}
        try:
            text = env.template(tpl).render(ctx)
        except jinja2.exceptions.SecurityError as exc:
            raise TemplateError(f"{who} ({lang}): template '{tpl.id}' is unsafe: {exc}",
                                path=tpl.path, line=tpl.line) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(f"{who} ({lang}): template '{tpl.id}': missing slot or form: {exc.message}",
                                path=self.statement.path, line=line) from None
        except TemplateError as exc:
            raise TemplateError(f"{who} ({lang}): {exc.message}", path=exc.path, line=exc.line) from None
        except (TypeError, ValueError, AttributeError) as exc:
            raise TemplateError(f"{who} ({lang}): template '{tpl.id}' failed: {exc}",
                                path=tpl.path, line=tpl.line) from None
        return _tidy(text, lang)

    def template_of(self, clause: Clause) -> ClauseTemplate:
        assert clause.template is not None
        tpl = self.library.get(clause.template)
        if tpl is None:
            raise SpecError(f"clause '{clause.id}': unknown template '{clause.template}'"
                            f"{did_you_mean(clause.template, self.library.templates)}",
                            path=self.statement.path, line=self.statement.line_of(f"#{clause.id}.template"))
        return tpl

    def generated_text(self, unit: Unit, lang: str) -> str | None:
        """The text the statement itself gives: template output, or free text in the source language.

        Items of a list get ``end``: the punctuation that closes an item in that language (";" or "."
        for the last; "；" / "。" in Chinese).
        """
        clause = unit.clause
        if lang in clause.texts:  # an official text given in the statement itself
            return clause.texts[lang]
        if clause.is_free:  # free text, or a template clause whose wording was edited
            return clause.text if lang == self.statement.source_language else None
        tpl = self.template_of(clause)
        reasons = guard_failures(tpl, self.statement, self.registry)
        if reasons:
            raise TemplateError(guard_line(clause.id, tpl, reasons), path=self.statement.path,
                                line=self.statement.line_of(f"#{clause.id}"))
        extra = self.slot_values(clause, tpl, lang)
        if unit.parent is not None:
            extra["end"] = _ITEM_END[lang][self._is_last_item(unit)]
        return self.render_template(tpl, lang, extra, clause.id)

    def _is_last_item(self, unit: Unit) -> bool:
        parent = next(c for c in self.statement.clauses if c.id == unit.parent)
        return parent.items[-1].id == unit.id

    def source_text(self, unit: Unit) -> str:
        """The unit's text in the source language; SpecError when the clause has none (a clause that a
        free-form or imported statement gives only in other languages)."""
        lang = self.statement.source_language
        text = self.generated_text(unit, lang)
        if text is None:
            raise SpecError(f"clause '{unit.id}' has no {lang} text (the source language)",
                            path=self.statement.path, line=self.statement.line_of(f"#{unit.id}"))
        return text

    def has_source(self, unit: Unit) -> bool:
        return self.generated_text(unit, self.statement.source_language) is not None

    def is_missing(self, unit: Unit, lang: str) -> bool:
        """True when a free clause has no text in ``lang``: none in the statement, no translation entry
        usable (see :meth:`unit_text`)."""
        if not unit.clause.is_free or lang in unit.clause.absent or self.generated_text(unit, lang) is not None:
            return False
        if lang == self.statement.source_language:
            return True
        return (self.translations.get(unit.id, lang) if self.translations else None) is None

    def missing(self, lang: str) -> list[str]:
        """Ids of the units missing in ``lang`` (see :meth:`is_missing`), in statement order."""
        return [u.id for u in self.statement.units() if self.is_missing(u, lang)]

    def title(self, lang: str) -> str:
        """The title in ``lang``: the statement's own text (free-form), else its title template rendered;
        "" when a free-form title lacks that language."""
        st = self.statement
        if st.title_text:
            return st.title_text.get(lang, "")
        if st.title is None and st.meeting is None:  # a free-form statement without a title
            return ""
        return self.special(title_template(st, self.library).id, lang, {})

    def unit_text(self, unit: Unit, lang: str) -> tuple[str, TranslationEntry | None]:
        """The text of a unit in ``lang`` and the translation entry it came from (None: generated)."""
        generated = self.generated_text(unit, lang)
        if lang == self.statement.source_language:
            if generated is None:
                return self.source_text(unit), None  # raises: the clause has no source-language text
            return generated, None
        entry = self.translations.get(unit.id, lang) if self.translations else None
        if entry is not None and (generated is None or self.has_source(unit)):
            current = source_hash(self.source_text(unit)) if self.has_source(unit) else entry.source_hash
            usable = generated is None or (entry.origin is Origin.HUMAN and not entry.is_stale(current))
            if usable:
                return entry.text, entry
        if generated is None:
            raise SpecError(f"clause '{unit.id}' is free text with no {lang} translation yet: "
                            f"run 'statementkit translate {self.statement.path or 'SPEC'} --to {lang}'",
                            path=self.statement.path, line=self.statement.line_of(f"#{unit.id}"))
        return generated, None

    def special(self, template_id: str, lang: str, extra: Mapping[str, Any]) -> str:
        tpl = self.library.get(template_id)
        if tpl is None:
            raise TemplateError(f"the clause library has no '{template_id}' template")
        return self.render_template(tpl, lang, extra)


_ITEM_END = {"en": {False: ";", True: "."}, "ru": {False: ";", True: "."}, "zh": {False: "；", True: "。"}}
_SPACES = re.compile(r"[ \t]*\n[ \t]*|[ \t]{2,}")


def _tidy(text: str, lang: str) -> str:
    """Collapse template line breaks and doubled spaces; Chinese text has no spaces between clauses."""
    out = _SPACES.sub(" ", text.strip()) if "\n" in text or "  " in text else text.strip()
    if lang == "zh":
        out = re.sub(r"(?<=[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff]) (?=\S)|(?<=\S) "
                                   r"(?=[\u3000-\u303f\uff00-\uffef\u4e00-\u9fff])", "", out)
    return out


def convert_slot(value: Any, typ: SlotType, lang: str, registry: Registry, *, where: str,
                 path: str | None, line: int | None) -> Any:
    def bad(expected: str) -> SpecError:
        return SpecError(f"{where}: expected {expected}, got {value!r}", path=path, line=line)

    def entry(kind: str, ident: Any) -> Name:
        if not isinstance(ident, str):
            raise bad(f"a {kind} id")
        e = registry.find(kind, ident)
        if e is None:
            raise SpecError(f"{where}: unknown {kind} '{ident}'{did_you_mean(ident, registry.table(kind))}",
                            path=path, line=line)
        return CountryView(e, lang) if kind == "countries" else name_of(e, lang)  # type: ignore[arg-type]

    if typ is SlotType.TEXT:
        if isinstance(value, Mapping):
            missing = [lg for lg in LANGUAGES if not isinstance(value.get(lg), str)]
            if lang in missing:
                raise SpecError(f"{where}: no {lang} text", path=path, line=line)
            return value[lang].strip()
        raise bad("text in each language ({en: …, zh: …, ru: …})")
    if typ in (SlotType.INT, SlotType.YEAR):
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad("a whole number" if typ is SlotType.INT else "a year")
        if typ is SlotType.YEAR and not 1900 <= value <= 2200:
            raise bad("a year")
        return value
    if typ is SlotType.DATE:
        if isinstance(value, dt.date):
            return value
        raise bad("a date (YYYY-MM-DD)")
    if typ is SlotType.MONTH:
        if isinstance(value, str):
            try:
                y, m = (int(x) for x in value.split("-"))
                if 1 <= m <= 12:
                    return Month(y, m)
            except ValueError:
                pass
        raise bad("a month (YYYY-MM, quoted)")
    kinds = {SlotType.CITY: "cities", SlotType.COUNTRY: "countries", SlotType.OFFICE: "offices",
             SlotType.ORGANISATION: "organisations", SlotType.TERM: "terms"}
    if typ in kinds:
        return entry(kinds[typ], value)
    if typ in (SlotType.COUNTRIES, SlotType.ORGANISATIONS):
        if not isinstance(value, list) or not value:
            raise bad("a list of ids")
        kind = "countries" if typ is SlotType.COUNTRIES else "organisations"
        return [entry(kind, v) for v in value]
    raise bad(typ.value)  # pragma: no cover


SIGNATURE_RULE = "_" * 24  # the space to sign on
LINE_BREAK = "\u2028"  # a line break inside one block (signature block lines); writers break the line there


def originals(statement: Statement) -> int:
    """Number of originals signed: ``closing.originals``, else one for each party (the genre's rule: each
    party keeps one original in every language)."""
    return statement.closing.originals or len(statement.parties)


def title_template(statement: Statement, library: Library) -> ClauseTemplate:
    """The statement's title template; refuses a template that is not a title (family ``title``)."""
    ident = statement.title or DEFAULT_TITLE
    tpl = library.get(ident)
    if tpl is None:
        raise SpecError(f"title: unknown template '{ident}'", path=statement.path, line=statement.line_of("title"))
    if tpl.family != "title":
        titles = ", ".join(sorted(t.id for t in library.templates.values() if t.family == "title"))
        raise SpecError(f"title: '{ident}' is a {tpl.family} clause, not a title (titles: {titles})",
                        path=statement.path, line=statement.line_of("title"))
    return tpl


def check_parties(statement: Statement) -> None:
    """A joint statement needs at least two parties: one party cannot state anything jointly.  A free-form
    statement (no meeting: a declaration, an imported text) names its parties in its own text."""
    if statement.meeting is not None and len(statement.parties) < 2:
        raise SpecError(f"parties: a joint statement needs at least two parties (this one has "
                        f"{len(statement.parties)})", path=statement.path, line=statement.line_of("parties[0]"))


def assemble(statement: Statement, registry: Registry, library: Library, lang: str,
             translations: Translations | None = None, renderer: Renderer | None = None) -> RenderedDocument:
    """Lay a statement out in one language: title, preamble, numbered clauses with bullets, closing, and the
    signature page ("Done at" line and one block per party in this copy's order)."""
    check_parties(statement)
    r = renderer or Renderer(statement, registry, library, translations)
    title = r.title(lang)
    blocks: list[Block] = [Block(BlockKind.TITLE, title)] if title else []
    number = 0
    used: list[TranslationEntry] = []
    missing: list[str] = []
    for unit in statement.units():
        clause = unit.clause
        if lang in clause.absent:  # this language's version has no such clause
            continue
        if r.is_missing(unit, lang):  # reported by the caller; the rest of the language is laid out
            missing.append(unit.id)
            continue
        text, entry = r.unit_text(unit, lang)
        if entry is not None:
            used.append(entry)
        if unit.parent is not None:
            blocks.append(Block(BlockKind.BULLET, text, unit.id))
            continue
        if clause.cell is not None:
            blocks.append(Block(BlockKind.CELL, text, unit.id, cell=clause.cell))
            continue
        numbered = clause.numbered
        if numbered is None:
            numbered = True if clause.template is None else r.template_of(clause).numbered_by_default
        if numbered:
            number += 1
            blocks.append(Block(BlockKind.NUMBERED, text, unit.id, number))
        else:
            blocks.append(Block(BlockKind.PARAGRAPH, text, unit.id))
    closing = statement.closing
    if closing.form != "none":
        if closing.form == "text":
            blocks.append(Block(BlockKind.PLACE_DATE, closing.text[lang], DONE_IN_UNIT))
        else:
            extra: dict[str, Any] = {"copies": originals(statement)}
            meeting = statement.meeting
            place_id = closing.place or (meeting.venue if meeting else None)
            date = closing.date or (meeting.dates[-1] if meeting else None)
            if place_id is None or date is None:
                raise SpecError("closing: a statement without a meeting needs closing.place and closing.date",
                                path=statement.path, line=statement.line_of("closing"))
            place = registry.cities.get(place_id)
            if place is None:
                raise SpecError(f"closing.place: unknown city '{closing.place}'"
                                f"{did_you_mean(str(closing.place), registry.cities)}", path=statement.path,
                                line=statement.line_of("closing.place"))
            extra["place"] = name_of(place, lang)
            extra["date"] = date
            blocks.append(Block(BlockKind.PLACE_DATE, r.special(DONE_IN, lang, extra), DONE_IN_UNIT))
    if closing.signatures:
        for p in r.parties(lang):
            text = r.special(SIGNATURE, lang, {"party": p, "rule": SIGNATURE_RULE, "br": LINE_BREAK})
            blocks.append(Block(BlockKind.SIGNATURE, text, f"@signature.{p.office.id}"))
    meta = {
        "statementkit": __version__,
        "library": library.version,
        "translations": str(len(used)),
        "unreviewed": str(sum(1 for e in used if e.needs_review)),
        "flagged": str(sum(1 for e in used if e.flags)),
        "copy_for": r.copy_for or "",
        "zh_numbering": statement.zh_numbering.value,
    }
    return RenderedDocument(lang, title, tuple(blocks), meta, missing=tuple(missing))


__all__ = ["HeadView", "OfficeView", "Renderer", "assemble", "convert_slot"]
