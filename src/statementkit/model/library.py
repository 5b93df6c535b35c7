"""The trilingual clause library: templates with the same slots in every language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class SlotType(StrEnum):
    """What a slot accepts in a statement file."""

    TEXT = "text"  # a mapping language -> string
    INT = "int"
    YEAR = "year"
    DATE = "date"
    CITY = "city"
    COUNTRY = "country"
    COUNTRIES = "countries"
    OFFICE = "office"
    ORGANISATION = "organisation"
    ORGANISATIONS = "organisations"
    TERM = "term"
    MONTH = "month"  # "2023-05"


UNNUMBERED_FAMILIES = frozenset({"title", "opening", "atmosphere", "closing", "signature", "done-in"})

# What a template may require of the statement that uses it (``requires:`` in the clause file):
#   parties: bilateral | multilateral   exactly two parties / three or more
#   format: c-c5                          China and all five Central Asian states (C+C5 wording)
#   party: <country id>                   a party from that country (cn for the Belt and Road clauses)
#   host_party: true                      a party from the host country (the inviting office)
#   previous_meeting: true                the second or a later meeting of the series
REQUIREMENTS = {"parties": ("bilateral", "multilateral"), "format": ("c-c5",), "party": None,
                "host_party": (True,), "previous_meeting": (True,)}


@dataclass(frozen=True)
class ClauseTemplate:
    id: str
    family: str
    slots: Mapping[str, SlotType]
    text: Mapping[str, str]  # language -> Jinja2 source
    description: str = ""
    path: str | None = None
    line: int | None = None
    requires: Mapping[str, object] = field(default_factory=dict)  # see REQUIREMENTS
    document: str | None = None  # title templates: the document type they name (a registry term id)

    @property
    def numbered_by_default(self) -> bool:
        return self.family not in UNNUMBERED_FAMILIES


@dataclass(frozen=True)
class Library:
    templates: Mapping[str, ClauseTemplate]
    version: str = ""

    def get(self, ident: str) -> ClauseTemplate | None:
        return self.templates.get(ident)

    def families(self) -> list[str]:
        return sorted({t.family for t in self.templates.values()})
