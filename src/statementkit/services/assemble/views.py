"""What templates see: language-resolved, read-only views of registry entries and the meeting.

A :class:`Name` prints its nominative and exposes its other forms as attributes (``office.gen`` in
Russian, ``country.full``); asking for a form the registry lacks is an undefined value, which the strict
renderer reports as an error naming clause, language and form.  Views hold no I/O and no mutable state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from statementkit.model.registry import (
    HONORIFICS,
    Country,
    Entry,
    Mechanism,
    Office,
    Official,
    Words,
)
from statementkit.services.assemble import formatting


class Name:
    """A name in one language: ``str()`` is the nominative; cases and variants are attributes."""

    def __init__(self, words: Words, variants: dict[str, Words] | None = None, *, abbr_ok: bool = True) -> None:
        self._words = words
        self._variants = variants or {}
        self._abbr_ok = abbr_ok

    @property
    def ref(self) -> Name:
        """A later mention: the acronym where the registry accepts it alone in this language (WIPO, ВОИС),
        else the full name again (zh 世界知识产权组织, never a bare "WIPO" in Chinese running text)."""
        if self._abbr_ok and "abbr" in self._variants:
            return Name(self._variants["abbr"])
        return self

    def __str__(self) -> str:
        return self._words.nom

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_"):
            raise AttributeError(key)
        form = self._words.form(key)
        if form is not None:
            return form
        if key in self._variants:
            return Name(self._variants[key])
        raise AttributeError(key)

    def __html__(self) -> str:  # Jinja markup protocol (autoescape is off; kept for completeness)
        return str(self)

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def name_of(entry: Entry, lang: str) -> Name:
    variants = {k: v[lang] for k, v in entry.extra.items() if lang in v}
    return Name(entry.names[lang], variants, abbr_ok=lang in entry.abbr_accepted)


class CountryView(Name):
    def __init__(self, country: Country, lang: str) -> None:
        super().__init__(country.names[lang], {k: v[lang] for k, v in country.extra.items() if lang in v})
        self.id = country.id


class OfficeView(Name):
    def __init__(self, office: Office, lang: str) -> None:
        super().__init__(office.names[lang], {k: v[lang] for k, v in office.extra.items() if lang in v})
        self.id = office.id
        self.article = office.en_article if lang == "en" else ""

    @property
    def the(self) -> str:
        """English: the name with its article where it takes one ("the National …", "IP Office of …")."""
        return f"{self.article} {self}".strip()


class HeadView:
    def __init__(self, official: Official, office: Office, lang: str) -> None:
        self.id = official.id
        self.name = name_of(official, lang)
        self.gender = official.gender
        self.honorific = official.honorific.get(lang, HONORIFICS[lang][official.gender])
        self.title = Name(office.head_title[lang])


@dataclass(frozen=True)
class PartyView:
    country: CountryView
    office: OfficeView
    head: HeadView


class MeetingView:
    """The meeting: ``name`` (the series), ``noun`` (совещание / встреча / консультации, 会议 / 会晤, meeting),
    ``gender`` of the Russian noun (m, f, n, p = plural), ordinals, and :meth:`agree` for participles."""

    def __init__(self, mechanism: Mechanism, ordinal: int, dates: tuple[dt.date, ...], lang: str) -> None:
        self.id = mechanism.id
        self.name = name_of(mechanism, lang)
        self.gender = mechanism.genders.get(lang, "n")
        self.plural = self.gender == "p"
        noun = mechanism.variant("noun", lang)
        if noun is None:  # the registry loader requires it; a hand-built registry may lack it
            raise ValueError(f"mechanism '{mechanism.id}' has no {lang} noun")
        self.noun = Name(noun)
        self.number = ordinal
        self.dates = dates
        self._lang = lang

    def agree(self, m: str, f: str, n: str, p: str) -> str:
        """The form agreeing with the series noun: ``meeting.agree('прошел', 'прошла', 'прошло', 'прошли')``."""
        return {"m": m, "f": f, "n": n, "p": p}[self.gender]

    @property
    def ordinal(self) -> OrdinalView:
        return OrdinalView(self.number, self._lang, self.gender)

    @property
    def next(self) -> OrdinalView:
        """The ordinal of the following meeting of the series: clauses that fix the next venue name it
        ("the Third … will be held in …", «провести третье Совещание»)."""
        return OrdinalView(self.number + 1, self._lang, self.gender)

    @property
    def previous(self) -> OrdinalView:
        """The ordinal of the preceding meeting, for clauses that review its outcomes (from the second on)."""
        if self.number < 2:
            raise ValueError("the first meeting of a series has no previous meeting")
        return OrdinalView(self.number - 1, self._lang, self.gender)


class OrdinalView:
    """``{{ meeting.ordinal }}`` → First / 首届 / первое; ``{{ meeting.ordinal.gen }}`` → первого."""

    def __init__(self, n: int, lang: str, gender: str) -> None:
        self._n, self._lang, self._gender = n, lang, gender

    def __str__(self) -> str:
        return formatting.ordinal(self._n, self._lang, gender=self._gender)

    def __getattr__(self, case: str) -> str:
        if case not in ("nom", "gen", "dat", "acc", "ins", "prep"):
            raise AttributeError(case)
        return formatting.ordinal(self._n, self._lang, gender=self._gender, case=case)


@dataclass(frozen=True)
class Month:
    year: int
    month: int
