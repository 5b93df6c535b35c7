"""Read one language version of a statement from a file: DOCX or text, or a statement folder's languages.

A version is its paragraphs in order (:class:`VersionParagraph`: text without its list label, the label
— Word's automatic number or a typed one, ``1.``, ``一、``, ``（一）`` —, and the paragraph's kind) and its
language: from the file name (``….en.docx``, ``…_zh.txt``) or else from the script of its letters.

Text files: UTF-8, one paragraph per non-empty line.  DOCX: through
:func:`statementkit.adapters.docx.reader.read_docx` (numbering, tables, tracked changes accepted).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import regex

from statementkit import LANGUAGES
from statementkit.adapters.files import read_input_bytes
from statementkit.errors import InputError
from statementkit.services.importing import VersionParagraph

TEXT_SUFFIXES = (".txt", ".text", ".md")
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")
_NAME_LANG = regex.compile(r"(?:^|[._\-\s])(en|zh|ru)(?=$|[._\-\s])", regex.I)
_SCRIPTS = (("zh", regex.compile(r"\p{Han}")), ("ru", regex.compile(r"\p{Cyrillic}")),
            ("en", regex.compile(r"\p{Latin}")))
_CELL = regex.compile(r"body/table (\d+) row (\d+) cell (\d+)")  # a cell of a table in the body (not nested)
_TITLE_STYLES = regex.compile(r"title|heading|заголов|标题", regex.I)
_SENTENCE_END = regex.compile(r"[.。!?！？;；:：]\s*$")


@dataclass
class Version:
    path: Path
    lang: str
    paragraphs: list[VersionParagraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the reader read past (a DOCX's numbering part)

    @property
    def title(self) -> str | None:
        return next((p.text for p in self.paragraphs if p.kind == "title"), None)

    @property
    def body(self) -> list[VersionParagraph]:
        return [p for p in self.paragraphs if p.kind != "title"]


def language_of_name(path: Path) -> str | None:
    stem = path.name[: -len("".join(path.suffixes[-1:]))] if path.suffix else path.name
    found = {m.group(1).lower() for m in _NAME_LANG.finditer(stem)}
    return found.pop() if len(found) == 1 else None


def detect_script(texts: list[str]) -> tuple[str | None, int]:
    """The language whose script has most letters in ``texts`` (Han → zh, Cyrillic → ru, Latin → en)."""
    counts = {code: sum(len(pat.findall(t)) for t in texts) for code, pat in _SCRIPTS}
    code = max(counts, key=lambda c: counts[c])
    return (code, counts[code]) if counts[code] else (None, 0)


def _kind(label: str | None, first: bool, style: str | None, text: str) -> str:
    from statementkit.services.align.anchors import label_key

    if first and label is None and (
            (style and _TITLE_STYLES.search(style)) or (len(text) <= 300 and not _SENTENCE_END.search(text))):
        return "title"
    key = label_key(label)
    if key is not None and key[0] == "n":
        return "numbered"
    if label is not None:
        return "item"  # a sub-item label, or a bullet character
    return "paragraph"


def read_version(path: Path, lang: str | None = None) -> Version:
    """Read ``path`` (DOCX or text).  InputError when it has no text, or its language is unclear."""
    suffix = path.suffix.lower()
    raw: list[tuple[str, str | None, str | None, str | None]] = []  # text, label, style, clause id
    cells: dict[int, tuple[int, int, int]] = {}  # index in raw -> (table, row, column) of a top-level table
    warnings: list[str] = []
    if suffix in DOCX_SUFFIXES:
        from statementkit.adapters.docx.reader import read_docx

        doc = read_docx(path)
        warnings = doc.warnings
        for p in doc.paragraphs:
            if p.text.strip():  # table cells too, row by row: no text is dropped
                m = _CELL.fullmatch(p.location)
                if m:
                    cells[len(raw)] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
                raw.append((p.text.strip(), p.number, p.style, p.clause_id))
    elif suffix in TEXT_SUFFIXES:
        from statementkit.adapters.docx.reader import split_number

        data = read_input_bytes(path, "text file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", path=path) from None
        for line in text.splitlines():
            line = unicodedata.normalize("NFC", line).strip()
            if line:
                number, rest = split_number(line)
                raw.append((rest.strip(), number, None, None))
    else:
        raise InputError(f"not a DOCX or text file ({', '.join(DOCX_SUFFIXES[:1] + TEXT_SUFFIXES)})", path=path)
    if not raw:
        raise InputError("no text in this file", path=path)
    code = lang or language_of_name(path)
    detected, letters = detect_script([t for t, *_ in raw])
    if code is None:
        if detected is None or letters < 10:
            raise InputError("cannot tell the language (name the file <name>.en|zh|ru.<ext>)", path=path)
        code = detected
    if code not in LANGUAGES:
        raise InputError(f"unsupported language '{code}' (supported: {', '.join(LANGUAGES)})", path=path)
    if detected is not None and letters >= 20 and detected != code:
        raise InputError(f"the file name says {code} but the text is in {detected}", path=path)
    paras = [VersionParagraph(t, label, _kind(label, k == 0 and k not in cells, style, t), cid, cells.get(k))
             for k, (t, label, style, cid) in enumerate(raw)]
    return Version(path, code, paras, warnings)
