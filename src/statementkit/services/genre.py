"""Genre rules of a joint statement that `check` enforces beyond rendering: where a template may be used.

A clause template declares what it needs of the statement (``requires:`` in the clause file, see
:data:`statementkit.model.library.REQUIREMENTS`): China–Central Asia wording needs China and the five
Central Asian states, the Belt and Road clauses need China among the parties, an invitation needs a party
from the host country, a review of the previous meeting needs a second meeting.  :func:`guard_failures`
says why a template does not fit a statement, in one line per reason.

Text checks on the rendered versions: a date after the statement's own date governed by a past verb
("signed on 12 March 2024" in a statement of 24 July 2023), and Latin acronyms standing alone in Chinese or
Russian running text where the registry does not accept them.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from statementkit.model.library import ClauseTemplate
from statementkit.model.registry import Registry
from statementkit.model.statement import Statement

C_C5 = frozenset({"cn", "kz", "kg", "tj", "tm", "uz"})


def party_countries(statement: Statement, registry: Registry) -> list[str]:
    """The country ids of the parties, in the order listed (unknown offices are skipped)."""
    out = []
    for p in statement.parties:
        office = registry.offices.get(p.office)
        if office is not None:
            out.append(office.country)
    return out


def host_country(statement: Statement, registry: Registry) -> str:
    m = statement.meeting
    if m is None:  # a free-form statement: no meeting, no host
        return ""
    if m.host:
        return m.host
    city = registry.cities.get(m.venue)
    return city.country if city else ""


def guard_failures(tpl: ClauseTemplate, statement: Statement, registry: Registry) -> list[str]:
    """Why ``tpl`` cannot be used in ``statement`` (empty when it can): one reason per unmet requirement."""
    countries = party_countries(statement, registry)
    n = len(countries)
    reasons = []
    req = tpl.requires
    kind = req.get("parties")
    if kind == "bilateral" and n != 2:
        reasons.append(f"it is for bilateral statements (this one has {n} parties)")
    if kind == "multilateral" and n < 3:
        reasons.append(f"it is for multilateral statements of three or more parties (this one has {n})")
    if req.get("format") == "c-c5" and set(countries) != C_C5:
        reasons.append("its wording is for China and the five Central Asian states (C+C5), which are not "
                       "the parties here")
    party = req.get("party")
    if isinstance(party, str) and party not in countries:
        name = registry.countries[party].names["en"].nom if party in registry.countries else party
        reasons.append(f"it needs a party from {name}")
    if req.get("host_party") and host_country(statement, registry) not in countries:
        reasons.append("it names the host country's office as the inviting side, and no party is from the "
                       "host country")
    if req.get("previous_meeting") and (statement.meeting is None or statement.meeting.ordinal < 2):
        reasons.append("it reviews the previous meeting, and this is the first of the series")
    return reasons


def guard_line(clause_id: str, tpl: ClauseTemplate, reasons: list[str]) -> str:
    """The one line `check` and `build` print for a template used outside what it declares."""
    return f"clause '{clause_id}': template '{tpl.id}' does not fit this statement: {'; '.join(reasons)}"


def shows_one_date(tpl: ClauseTemplate) -> bool:
    """True when the template prints the meeting's first date (``date``) and never its range (``dates``)."""
    return _shows_one_date(tuple(tpl.text[lang] for lang in ("en", "zh", "ru")))


@cache
def _shows_one_date(texts: tuple[str, ...]) -> bool:
    """Parsed once per template text: a statement uses the same template in many clauses."""
    from jinja2 import meta
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment()
    env.filters.update({name: (lambda *a, **k: "") for name in _FILTERS})
    for text in texts:
        names = meta.find_undeclared_variables(env.parse(text))
        if "date" in names and "dates" not in names:
            return True
    return False


_FILTERS = ("date", "month", "and_list", "number", "capfirst", "zhnum", "count", "ordinal", "years")


# ---- text checks on the rendered versions ----------------------------------------------------------

_PAST_VERB = {
    "en": r"\bsigned\b|\badopted\b|\bconcluded\b|\bheld\b",
    "ru": r"подписанн\w*|подписал\w*|принят\w*|состоявш\w*|заключенн\w*",
    "zh": r"签署|通过|举行|签订",
}


def dates_in(text: str, lang: str) -> list[tuple[int, int, dt.date]]:
    """Every full date written out in ``text`` as (start, end, date): 12 March 2024 / March 12, 2024 /
    12 марта 2024 года / 2024年3月12日 (month names from CLDR through Babel)."""
    from babel.dates import get_month_names

    from statementkit.services.assemble.formatting import LOCALES

    out = []
    if lang == "zh":
        for m in re.finditer(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text):
            out.append((m.start(), m.end(), _date(m.group(1), m.group(2), m.group(3))))
        return [x for x in out if x[2] is not None]  # type: ignore[misc]
    months = {}
    for width_ctx in (("wide", "format"), ("wide", "stand-alone")):
        for no, name in get_month_names(*width_ctx, locale=LOCALES[lang]).items():
            months[str(name).casefold()] = no
    alt = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    for m in re.finditer(rf"\b(\d{{1,2}})\s+({alt})\s+(\d{{4}})", text, re.IGNORECASE):
        out.append((m.start(), m.end(), _date(m.group(3), str(months[m.group(2).casefold()]), m.group(1))))
    if lang == "en":
        for m in re.finditer(rf"\b({alt})\s+(\d{{1,2}}),\s+(\d{{4}})", text, re.IGNORECASE):
            out.append((m.start(), m.end(), _date(m.group(3), str(months[m.group(1).casefold()]), m.group(2))))
    return [x for x in out if x[2] is not None]  # type: ignore[misc]


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def future_past_dates(text: str, lang: str, statement_date: dt.date) -> list[str]:
    """Dates after the statement's own date that a past verb governs ("signed on 12 March 2024" in a
    statement of 24 July 2023): each as the words around it.  The verb must stand within 40 characters of
    the date (either side: en/zh put it after or before, ru usually before)."""
    found = []
    for start, end, when in dates_in(text, lang):
        if when <= statement_date:
            continue
        window = text[max(0, start - 40):min(len(text), end + 40)]
        if re.search(_PAST_VERB[lang], window, re.IGNORECASE):
            found.append(text[start:end])
    return found


_LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9+&]*")


def bare_acronyms(text: str, lang: str, registry: Registry) -> list[str]:
    """Latin acronyms standing alone in zh/ru running text (WIPO, BRIPC) that the registry does not accept
    alone in that language.  An acronym in brackets right after the name it abbreviates is not alone."""
    if lang == "en":
        return []
    accepted = set()
    known = set()
    for _kind, entry in registry.all_entries():
        for lg in ("en", lang):
            abbr = entry.variant("abbr", lg)
            if abbr is not None and _LATIN_TOKEN.fullmatch(abbr.nom):
                known.add(abbr.nom)
                if lang in entry.abbr_accepted and lg == lang:
                    accepted.add(abbr.nom)
    out = []
    for m in _LATIN_TOKEN.finditer(text):
        token = m.group(0)
        if token not in known or token in accepted:
            continue
        before, after = text[:m.start()].rstrip(), text[m.end():]
        if before.endswith(("（", "(")) and after.startswith(("）", ")")):
            continue
        out.append(token)
    return out


def ru_small_numerals(text: str) -> list[str]:
    """Digits 1–9 standing alone in Russian running text, where the genre writes the number in words («в
    течение следующих трех лет», not «3 лет»).  Dates («2 июля»), decimals, ranges, percentages and numbered
    references (п. 3) are not counted."""
    from babel.dates import get_month_names

    months = "|".join(str(m) for m in get_month_names("wide", "format", locale="ru_RU").values())
    pattern = re.compile(rf"(?<![\d.,:/–\-№])\b([1-9])\b(?![\d.,:/%–\-])(?!\s+(?:{months})\b)", re.IGNORECASE)
    return [m.group(1) for m in pattern.finditer(text)
            if not re.search(r"(?:п\.|пункт\w*|стать\w*|№)\s*$", text[:m.start()])]
