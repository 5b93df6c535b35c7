"""Genre rules of a joint statement that `check` enforces beyond rendering: where a template may be used.

A clause template declares what it needs of the statement (``requires:`` in the clause file, see
:data:`statementkit.model.library.REQUIREMENTS`): China–Central Asia wording needs China and the five
Central Asian states, the Belt and Road clauses need China among the parties, an invitation needs a party
from the host country, a review of the previous meeting needs a second meeting.  :func:`guard_failures`
says why a template does not fit a statement, in one line per reason.
"""

from __future__ import annotations

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
    if req.get("previous_meeting") and statement.meeting.ordinal < 2:
        reasons.append("it reviews the previous meeting, and this is the first of the series")
    return reasons


def guard_line(clause_id: str, tpl: ClauseTemplate, reasons: list[str]) -> str:
    """The one line `check` and `build` print for a template used outside what it declares."""
    return f"clause '{clause_id}': template '{tpl.id}' does not fit this statement: {'; '.join(reasons)}"
