"""Registry of parties and terms: official names in en, zh and ru, with Russian case forms.

A :class:`Words` holds one name in one language with its grammatical forms.  English and Chinese have
one form; Russian names carry the cases templates ask for (``gen``, ``dat``, ``acc``, ``ins``, ``prep``).
Asking a name for a form it does not have is an error in the template, not a silent fallback.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")


@dataclass(frozen=True)
class Words:
    """One name in one language: nominative text plus optional grammatical and stylistic variants."""

    nom: str
    forms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    indeclinable: bool = False  # every case is the nominative (an acronym: «ВОИС», «в рамках ВОИС»)

    def form(self, name: str) -> str | None:
        if name == "nom" or (self.indeclinable and name in CASES):
            return self.nom
        return self.forms.get(name)

    def all_texts(self) -> list[str]:
        return [self.nom, *self.forms.values()]

    def __str__(self) -> str:
        return self.nom


Names = Mapping[str, Words]  # language -> Words


@dataclass(frozen=True)
class Entry:
    id: str
    names: Names  # the main name per language ("name")
    extra: Mapping[str, Names] = field(default_factory=lambda: MappingProxyType({}))  # short, full, abbr …
    # languages whose running text may use the acronym alone (registry ``accepted: true`` in that language);
    # elsewhere a later mention repeats the full name.  English always accepts its acronyms.
    abbr_accepted: frozenset[str] = frozenset({"en"})

    def name(self, lang: str) -> Words:
        return self.names[lang]

    def variant(self, key: str, lang: str) -> Words | None:
        v = self.extra.get(key)
        return None if v is None else v.get(lang)


@dataclass(frozen=True)
class Country(Entry):
    """``names`` is the short name (China); ``extra['full']`` the official long name.

    ``region`` groups countries for template guards ("central-asia").
    """

    sort_keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    region: str = ""

    def sort_key(self, lang: str) -> str:
        return self.sort_keys.get(lang) or self.names[lang].nom


@dataclass(frozen=True)
class City(Entry):
    country: str = ""


@dataclass(frozen=True)
class Office(Entry):
    """An IP office.  ``head_title`` is the title of its head per language (Commissioner, 局长, Директор)."""

    country: str = ""
    head_title: Names = field(default_factory=lambda: MappingProxyType({}))
    head: str | None = None  # default official id
    en_article: str = "the"  # "Commissioner of the National …" vs "Head of IP Office of …"


@dataclass(frozen=True)
class Official(Entry):
    """A person.  ``names`` is the person's name; gender drives honorifics and Russian agreement."""

    gender: str = "m"  # "m" or "f"
    office: str = ""
    honorific: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # overrides


@dataclass(frozen=True)
class Organisation(Entry):
    pass


@dataclass(frozen=True)
class Mechanism(Entry):
    """A meeting series ("China-Central Asia Heads of Intellectual Property Office Meeting").

    ``genders`` gives the grammatical gender of the head noun per language where it matters: ``m``, ``f``,
    ``n`` or ``p`` (plural, «консультации»; in English "consultations were held").  The noun itself is the
    ``noun`` variant (совещание / 会议 / meeting) that clauses use for "the meeting" in running text.
    """

    genders: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True)
class Term(Entry):
    """A locked term: concept with its approved name per language (and accepted variants in ``extra``)."""


HONORIFICS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {
        "en": MappingProxyType({"m": "Mr.", "f": "Ms."}),
        "ru": MappingProxyType({"m": "г-н", "f": "г-жа"}),
        "zh": MappingProxyType({"m": "", "f": ""}),
    }
)


@dataclass(frozen=True)
class Registry:
    countries: Mapping[str, Country]
    cities: Mapping[str, City]
    offices: Mapping[str, Office]
    officials: Mapping[str, Official]
    organisations: Mapping[str, Organisation]
    mechanisms: Mapping[str, Mechanism]
    terms: Mapping[str, Term]

    KINDS = ("countries", "cities", "offices", "officials", "organisations", "mechanisms", "terms")

    def table(self, kind: str) -> Mapping[str, Entry]:
        return getattr(self, kind)

    def find(self, kind: str, ident: str) -> Entry | None:
        return self.table(kind).get(ident)

    def all_entries(self) -> list[tuple[str, Entry]]:
        return [(kind, e) for kind in self.KINDS for e in self.table(kind).values()]

    def locked_terms(self, lang: str) -> list[tuple[str, Entry]]:
        """Every (kind, entry) that names something in ``lang``: what translation must never garble."""
        return [(k, e) for k, e in self.all_entries() if k != "officials" or lang in e.names]
