"""Read what ``score`` compares: a statement's translations, a statement, a built DOCX, or plain lines."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from statementkit.errors import InputError


def read_segments(path: Path, lang: str, library_dir: Path) -> dict[str, str] | list[str]:
    """Segments of ``lang`` in ``path``: a mapping clause id → text (translations file, statement) or a list
    of lines (DOCX paragraphs, text lines)."""
    name = path.name.lower()
    if not path.is_file():
        raise InputError("file not found" if not path.exists() else "not a file", path=path)
    if name.endswith((".translations.yaml", ".translations.yml")):
        from statementkit.adapters.translations_file import load_translations

        tr = load_translations(path, "en")
        got = {e.unit_id: e.text for e in tr if e.lang == lang}
        if not got:
            raise InputError(f"no {lang} translations in this file", path=path)
        return got
    if name.endswith((".yaml", ".yml")):
        from statementkit.adapters.translations_file import load_translations, translations_path
        from statementkit.adapters.workspace import load_workspace
        from statementkit.services.assemble.render import Renderer

        ws = load_workspace(path, library_dir)
        tr = load_translations(translations_path(path), ws.statement.source_language)
        r = Renderer(ws.statement, ws.registry, ws.library, tr)
        return {u.id: r.unit_text(u, lang)[0] for u in ws.statement.units()}
    if name.endswith(".docx"):
        return _docx_paragraphs(path)
    from statementkit.adapters.files import read_text_lines

    return [unicodedata.normalize("NFC", line) for line in read_text_lines(path, "text file")]


def _docx_paragraphs(path: Path) -> list[str]:
    """Non-empty body paragraphs of a DOCX, in order (tables' cells row by row)."""
    from statementkit.adapters.docx import oxml
    from statementkit.adapters.xmlsafe import parse_xml
    from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked, read_member

    with open_checked(path, "DOCX", DOCX_LIMITS) as zf:
        root = parse_xml(read_member(zf, "word/document.xml", 256 * 1024 * 1024, f"{path.name}"),
                         f"{path.name} word/document.xml")
    body = root.find(oxml.w("body"))
    if body is None:
        raise InputError("not a Word document (no body)", path=path)
    out = []
    for p in body.iter(oxml.w("p")):
        text = unicodedata.normalize("NFC", oxml.element_text(p)).strip()
        if text:
            out.append(text)
    return out
