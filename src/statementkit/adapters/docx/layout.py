"""A plain DOCX of one language version, for redlines between two statement files.

Until ``statementkit build``'s writer can be called for this, a statement version is laid out here with
python-docx's default template: title, paragraphs, numbered clauses in Word's automatic "List Number"
style (so renumbering is never a text change) and items in "List Bullet".  Each paragraph carries its
clause id in a hidden bookmark (:func:`oxml.clause_bookmark_name`), which the reader picks up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from statementkit.adapters.atomic import atomic_path
from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.model.document import BlockKind, RenderedDocument


def _bookmark(p: Any, name: str, ident: int) -> None:
    from lxml import etree

    start = etree.Element(w("bookmarkStart"))
    start.set(w("id"), str(ident))
    start.set(w("name"), name)
    end = etree.Element(w("bookmarkEnd"))
    end.set(w("id"), str(ident))
    ppr = p.find(oxml.PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


def write_plain_docx(doc: RenderedDocument, path: str | Path) -> None:
    import docx

    d = docx.Document()
    styles = {BlockKind.NUMBERED: "List Number", BlockKind.BULLET: "List Bullet"}
    d.add_paragraph(doc.title, style="Title")
    for k, block in enumerate(doc.body(), 1):
        para = d.add_paragraph(block.text, style=styles.get(block.kind))
        name = oxml.clause_bookmark_name(block.unit_id) if block.unit_id else None
        if name:
            _bookmark(para._p, name, k)
    with atomic_path(path) as tmp:
        d.save(str(tmp))
