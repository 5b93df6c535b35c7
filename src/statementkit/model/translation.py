"""Per clause and language translations with provenance and review status."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Origin(StrEnum):
    TEMPLATE = "template"
    MEMORY = "memory"
    MACHINE = "machine"
    HUMAN = "human"


class Status(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    APPROVED = "approved"


def source_hash(text: str) -> str:
    """Stable hash of a source text (NFC, surrounding white space ignored): 16 hex digits of sha256."""
    norm = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class TranslationEntry:
    unit_id: str
    lang: str
    source_hash: str
    text: str
    origin: Origin
    status: Status = Status.DRAFT
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    engine: str | None = None  # model package and version for machine output
    source: str | None = None  # the source text translated (kept so a later source change can be redlined)
    # the source text of the translation this one replaced after the source was edited (the last one a
    # reviewer saw): the review still redlines the change after a re-translation
    previous_source: str | None = None

    def is_stale(self, current_source_hash: str) -> bool:
        """The source changed since this translation.  An entry with no hash (``""``: official translations
        written into the translations file by hand) is taken as a translation of the current source."""
        return bool(self.source_hash) and self.source_hash != current_source_hash

    @property
    def needs_review(self) -> bool:
        return bool(self.flags) or self.status is Status.DRAFT

    def with_(self, **changes: object) -> TranslationEntry:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Translations:
    """All translations of one statement: (unit id, language) -> entry; source language recorded."""

    source_language: str
    entries: Mapping[tuple[str, str], TranslationEntry] = field(default_factory=dict)

    def get(self, unit_id: str, lang: str) -> TranslationEntry | None:
        return self.entries.get((unit_id, lang))

    def __iter__(self) -> Iterator[TranslationEntry]:
        return iter(self.entries.values())

    def put(self, entry: TranslationEntry) -> Translations:
        new = dict(self.entries)
        new[(entry.unit_id, entry.lang)] = entry
        return Translations(self.source_language, new)


@dataclass(frozen=True)
class MemoryPair:
    """One translation to store: ``source`` in ``src_lang`` translated as ``target`` in ``tgt_lang``."""

    src_lang: str
    tgt_lang: str
    source: str
    target: str
    origin: Origin
    status: Status
