"""Plain text and Markdown renderings of a statement (for review by e-mail, diffing, and `-o -`)."""

from __future__ import annotations

from statementkit.model.document import BlockKind, RenderedDocument


def _item_label(lang: str, index: int) -> str:
    from statementkit.adapters.docx.writer import item_label

    return item_label(lang, index)


def to_text(doc: RenderedDocument) -> str:
    lines = [doc.title, ""]
    item = 0
    for b in doc.body():
        if b.kind is BlockKind.NUMBERED:
            lines.append(f"{b.number}. {b.text}")
            item = 0
        elif b.kind is BlockKind.BULLET:
            item += 1
            label = _item_label(doc.lang, item)
            lines.append(f"{label}{'' if doc.lang == 'zh' else ' '}{b.text}")
        else:
            lines.append(b.text)
            item = 0
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_markdown(doc: RenderedDocument) -> str:
    lines = [f"# {doc.title}", ""]
    item = 0
    for b in doc.body():
        if b.kind is BlockKind.NUMBERED:
            lines.append(f"{b.number}. {b.text}")
            item = 0
        elif b.kind is BlockKind.BULLET:
            item += 1
            if doc.lang == "zh":
                lines.append(f"   {_item_label('zh', item)}{b.text}")
            else:
                lines.append(f"   - {b.text}")
        else:
            lines.append(b.text)
            item = 0
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
