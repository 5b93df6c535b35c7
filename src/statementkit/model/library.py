"""The trilingual clause library: templates with the same slots in every language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ClauseTemplate:
    id: str
    family: str
    slots: Mapping[str, SlotType]
    text: Mapping[str, str]  # language -> Jinja2 source
    description: str = ""
    path: str | None = None
    line: int | None = None

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
