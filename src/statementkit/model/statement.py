"""The statement: meeting, parties, clauses and closing, as drafted by the team.

Clause ids are stable across versions: translation, review and diff key on them, never on numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class OrderRule(StrEnum):
    """How the parties are listed in one language version (opening, collective name, signature block).

    ``alphabetical`` sorts by the country's key in that language (pinyin in Chinese); a party named as
    the language's ``lead`` (see :attr:`Statement.leads`) stays first, so pinyin order never pushes China
    last in a Chinese text it leads.
    """

    AS_LISTED = "as-listed"
    HOST_FIRST = "host-first"
    ALPHABETICAL = "alphabetical"


class ZhNumbering(StrEnum):
    """How the Chinese version numbers its paragraphs: 一、二、 (China–Central Asia texts) or 1. (BRICS)."""

    CHINESE = "chinese"
    ARABIC = "arabic"


@dataclass(frozen=True)
class PartyRef:
    office: str
    head: str | None = None  # official id; None = the office's registered head


@dataclass(frozen=True)
class Meeting:
    mechanism: str
    ordinal: int
    dates: tuple[dt.date, ...]
    venue: str  # city id
    host: str | None = None  # country id; default: the venue's country


@dataclass(frozen=True)
class Clause:
    """One clause: a template with slot values, free text in the source language, or both.

    Both: a template clause whose source-language wording was edited during negotiation.  ``text`` then
    replaces the template's output in the source language, and the other languages need a translation like
    free text (the template's own rendering there no longer says the same thing).
    ``numbered`` is None when the template's family decides (opening/atmosphere/closing are unnumbered).
    ``items`` are sub-clauses rendered as bullets under this one.
    ``texts`` are official texts given in the statement itself, per language (a free-form statement's
    clauses, or an imported one): ``text`` is then ``texts[source language]`` when that language is there.
    A free clause with no text in a language (neither inline nor in the translations file) is *missing* in
    that language: commands report it for that clause and language and work on the rest.
    """

    id: str
    template: str | None = None
    slots: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    text: str | None = None
    numbered: bool | None = None
    texts: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    absent: frozenset[str] = frozenset()  # languages whose version has no such clause (given as null)
    items: tuple[Clause, ...] = ()
    line: int | None = None  # where it stands in the statement file
    # a cell of a table: (table id, row, column), rows and columns from 1; consecutive cell clauses of one
    # table id are laid out as that table (an imported table: ``import`` keeps its layout)
    cell: tuple[str, int, int] | None = None

    @property
    def is_free(self) -> bool:
        """No template covers it in the other languages: free text, or an edited template clause."""
        return self.text is not None or bool(self.texts) or bool(self.absent)

    @property
    def is_edited_template(self) -> bool:
        return self.template is not None and self.text is not None


@dataclass(frozen=True)
class Unit:
    """A translatable unit: a clause or one of its items, with its parent's id for items."""

    id: str
    clause: Clause
    parent: str | None = None


@dataclass(frozen=True)
class Closing:
    place: str | None = None  # city id
    date: dt.date | None = None
    form: str = "none"  # "none", "equally-authentic", or "text"
    text: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # form == "text"
    signatures: bool = False
    originals: int | None = None  # number of original copies signed; None = one per party


@dataclass(frozen=True)
class AcceptedFinding:
    """A QA finding the reviewers accepted: ``check`` on ``clause`` (in ``lang``, or any language when None;
    only findings whose message or span holds ``text`` when given), with the reviewer's ``note``."""

    clause: str
    check: str
    lang: str | None = None
    text: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Statement:
    """A statement.  ``meeting`` and ``parties`` are optional (a free-form statement may be just clauses);
    ``title`` is a title template id (None: the library default unless ``title_text`` is given);
    ``title_text`` is the title as text per language (free-form statements)."""

    title: str | None  # template id or None for the library default
    meeting: Meeting | None
    languages: tuple[str, ...]
    source_language: str
    parties: tuple[PartyRef, ...]
    order: OrderRule
    clauses: tuple[Clause, ...]
    closing: Closing
    collective: str | None = None  # term id naming the parties as a group ("China and Central Asian countries")
    orders: Mapping[str, OrderRule] = field(default_factory=lambda: MappingProxyType({}))  # per-language override
    leads: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # language -> country id first
    zh_numbering: ZhNumbering = ZhNumbering.CHINESE
    path: str | None = None
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # field path -> line
    title_text: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    accepted: tuple[AcceptedFinding, ...] = ()  # QA findings the reviewers accepted

    def order_in(self, lang: str) -> OrderRule:
        """The party order of the ``lang`` version: its own rule, else the statement's."""
        return self.orders.get(lang, self.order)

    def line_of(self, field_path: str) -> int | None:
        """Line of a field path such as ``clauses[3].slots.year``, or of its nearest known parent."""
        path = field_path
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def units(self) -> Iterator[Unit]:
        for c in self.clauses:
            yield Unit(c.id, c)
            for item in c.items:
                yield Unit(item.id, item, parent=c.id)

    def unit(self, ident: str) -> Unit | None:
        return next((u for u in self.units() if u.id == ident), None)
