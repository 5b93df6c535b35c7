"""A rendered statement in one language: what the DOCX, Markdown and text writers lay out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class BlockKind(StrEnum):
    TITLE = "title"
    PARAGRAPH = "paragraph"  # unnumbered body paragraph (preamble, closing)
    NUMBERED = "numbered"  # numbered clause
    BULLET = "bullet"  # sub-item of the preceding clause
    CELL = "cell"  # a table cell (``Block.cell``: table id, row, column)
    SIGNATURE = "signature"  # one line of the signature block
    PLACE_DATE = "place-date"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    unit_id: str | None = None
    number: int | None = None
    cell: tuple[str, int, int] | None = None  # CELL blocks: table id, row, column (from 1)


@dataclass(frozen=True)
class RenderedDocument:
    lang: str
    title: str
    blocks: tuple[Block, ...]
    meta: dict[str, str] = field(default_factory=dict)  # signature: versions, template library …
    missing: tuple[str, ...] = ()  # ids of clauses with no text in this language, left out (reported)

    def body(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind is not BlockKind.TITLE)
