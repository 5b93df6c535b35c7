"""Plain text and Markdown renderings of a statement (for review by e-mail, diffing, and `-o -`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from statementkit.model.document import Block, BlockKind, RenderedDocument


def _labelled(doc: RenderedDocument) -> Iterator[tuple[Block, str]]:
    """Each body block with its visible label: "3. " for clauses, "- " / "（一）" for sub-items."""
    from statementkit.adapters.docx.writer import clause_label, item_label

    item = 0
    for b in doc.body():
        if b.kind is BlockKind.BULLET:
            item += 1
            yield b, item_label(doc.lang, item) + ("" if doc.lang == "zh" else " ")
            continue
        item = 0
        label = clause_label(doc, b.number) if b.kind is BlockKind.NUMBERED and b.number is not None else ""
        yield b, label


def _render(doc: RenderedDocument, title: str, line: Callable[[Block, str], str]) -> str:
    lines = [title, ""]
    for block, label in _labelled(doc):
        lines += [line(block, label), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _lines(text: str) -> str:
    """A signature block's lines (separated by LINE SEPARATOR in the model) on lines of their own."""
    from statementkit.services.assemble.render import LINE_BREAK

    return text.replace(LINE_BREAK, "\n")


def to_text(doc: RenderedDocument) -> str:
    return _render(doc, doc.title, lambda b, label: _lines(f"{label}{b.text}"))


def to_markdown(doc: RenderedDocument) -> str:
    def line(b: Block, label: str) -> str:
        if b.kind is BlockKind.BULLET:  # a nested list under the numbered clause
            return f"   {label}{b.text}" if doc.lang == "zh" else f"   - {b.text}"
        return _lines(f"{label}{b.text}").replace("\n", "  \n")  # Markdown hard line breaks

    return _render(doc, f"# {doc.title}", line)
