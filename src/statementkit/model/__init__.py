"""The pure domain model: plain typed objects, no I/O.

Adapters (YAML, DOCX, XLIFF, SQLite, Argos) import this package; it never imports them.
"""

from statementkit.model.document import Block, BlockKind, RenderedDocument
from statementkit.model.library import ClauseTemplate, Library, SlotType
from statementkit.model.registry import (
    City,
    Country,
    Mechanism,
    Office,
    Official,
    Organisation,
    Registry,
    Term,
    Words,
)
from statementkit.model.statement import (
    Clause,
    Closing,
    Meeting,
    OrderRule,
    PartyRef,
    Statement,
    Unit,
    ZhNumbering,
)
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations, source_hash

__all__ = [
    "Block",
    "BlockKind",
    "City",
    "Clause",
    "ClauseTemplate",
    "Closing",
    "Country",
    "Library",
    "Mechanism",
    "Meeting",
    "Office",
    "Official",
    "OrderRule",
    "Organisation",
    "Origin",
    "PartyRef",
    "Registry",
    "RenderedDocument",
    "SlotType",
    "Statement",
    "Status",
    "Term",
    "TranslationEntry",
    "Translations",
    "Unit",
    "Words",
    "ZhNumbering",
    "source_hash",
]
