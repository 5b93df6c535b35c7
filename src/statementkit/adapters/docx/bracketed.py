"""The bracketed consolidated text of a negotiation as a DOCX (``history --format docx``): a title, then
one paragraph per clause; contested stretches (square brackets, proposing parties named) in bold so that
they stand out when the text is circulated."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from statementkit.adapters.atomic import atomic_path


def write_bracketed_docx(paragraphs: Sequence[Sequence[tuple[str, bool]]], path: str | Path, *, lang: str,
                         title: str) -> None:
    """Write ``paragraphs`` (pieces of text, True = bracketed) to ``path`` atomically."""
    from statementkit.adapters.docx.writer import TITLE_STYLE, new_document

    document = new_document(lang)
    document.add_paragraph(title, style=TITLE_STYLE)
    for pieces in paragraphs:
        para = document.add_paragraph()
        for text, bracketed in pieces:
            para.add_run(text).bold = bracketed or None
    with atomic_path(path) as tmp:
        document.save(str(tmp))
