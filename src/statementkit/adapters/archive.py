"""An archive of past statements, as ``align`` reads it (layout: corpora/README.md).

* a folder per statement holding one file per language (DOCX or text; language from the name,
  ``<name>.en.docx``, or the script), or an imported statement folder (``statement.yaml``, rendered in its
  languages);
* or files side by side, grouped by their name without the language tag (``sco-2025.en.docx`` and
  ``sco-2025.zh.txt`` are one statement).

Files of other kinds (``*.truth.tsv``, images) are skipped, and so are files without a language tag where the
tag decides: side by side at the top level (``notes.md``), and in a statement folder whose other files carry
one (``sco-2025/readme.txt`` beside ``sco-2025/declaration.en.docx``).  In a folder where no file carries a tag
each file's language is read from its script.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

from statementkit.adapters.versions import DOCX_SUFFIXES, TEXT_SUFFIXES, read_version
from statementkit.errors import InputError
from statementkit.services.align.core import Para

_TAG = regex.compile(r"[._\-\s](en|zh|ru)$", regex.I)


@dataclass
class ArchiveDocument:
    """One statement of the archive: its name and its files (or its statement file)."""

    name: str
    files: list[Path] = field(default_factory=list)
    statement: Path | None = None


def _is_version(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in DOCX_SUFFIXES + TEXT_SUFFIXES and not p.name.startswith((".", "~$"))


def _tagged(p: Path) -> bool:
    return _TAG.search(p.name[: -len(p.suffix)]) is not None


def _stem(p: Path) -> str:
    return _TAG.sub("", p.name[: -len(p.suffix)])


def find_documents(archive: Path) -> list[ArchiveDocument]:
    """The statements in ``archive`` in name order.  InputError when it is not a folder or holds none."""
    if not archive.is_dir():
        raise InputError("not a folder (give the archive folder)", path=archive)
    docs: dict[str, ArchiveDocument] = {}
    for entry in sorted(archive.iterdir()):
        if entry.is_dir():
            yaml_files = sorted(entry.glob("*.yaml"))
            statement = next((y for y in yaml_files if not y.name.endswith(".translations.yaml")), None)
            files = sorted(f for f in entry.iterdir() if _is_version(f))
            if any(_tagged(f) for f in files):  # the others are notes
                files = [f for f in files if _tagged(f)]
            if statement is not None:
                docs[entry.name] = ArchiveDocument(entry.name, statement=statement)
            elif files:
                docs[entry.name] = ArchiveDocument(entry.name, files)
        elif _is_version(entry) and _tagged(entry):
            docs.setdefault(_stem(entry), ArchiveDocument(_stem(entry))).files.append(entry)
    if not docs:
        raise InputError("no statements found (a folder per statement, or <name>.<lang>.docx|txt files)",
                         path=archive)
    return [docs[k] for k in sorted(docs)]


def read_document(doc: ArchiveDocument) -> dict[str, list[Para]]:
    """Language → paragraphs of one archive statement given as files (titles included, as the first
    paragraph).  A statement folder (``doc.statement``) is rendered by the use case instead."""
    out: dict[str, list[Para]] = {}
    for f in doc.files:
        v = read_version(f)
        if v.lang in out:
            raise InputError(f"two {v.lang} files in statement '{doc.name}'", path=f)
        out[v.lang] = [Para(p.text, p.label) for p in v.paragraphs]
    return out
