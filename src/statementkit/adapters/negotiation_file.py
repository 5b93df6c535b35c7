"""The negotiation folder: ``negotiation.json`` (the index of rounds) and ``rounds/<N>/`` (copies of every
version received).

Index shape (schema ``statementkit-negotiation``, version 1)::

    {"schema": "statementkit-negotiation", "version": 1,
     "versions": [{"round": 1, "party": "kz", "date": "2026-05-01", "language": "en",
                   "kind": "docx" | "statement", "base": false,
                   "file": "rounds/1/kz.docx", "source": "draft-kz.docx", "sha256": "…"}]}

``file`` is relative to the folder.  The index and the copies are written atomically; a copy never
overwrites a file already in the folder.  Errors: :class:`InputError` for an unreadable or foreign index.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from statementkit.errors import InputError

INDEX_NAME = "negotiation.json"
SCHEMA = "statementkit-negotiation"
VERSION = 1


@dataclass(frozen=True)
class RoundEntry:
    """One version received: round number (1-based), party label, ISO date, language code, kind
    (``docx`` or ``statement``), whether it is the round's base text, its copy in the folder (relative
    path), the name it came under, and the SHA-256 of its bytes."""

    round: int
    party: str
    date: str
    language: str
    kind: str
    base: bool
    file: str
    source: str
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_index(folder: Path) -> list[RoundEntry]:
    """The versions recorded in ``folder`` (empty when it has no index yet)."""
    path = folder / INDEX_NAME
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read the negotiation index: {exc}", path=path) from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("versions"), list):
        raise InputError(f"not a statementkit negotiation index (schema {SCHEMA})", path=path)
    out = []
    for k, item in enumerate(data["versions"]):
        try:
            out.append(RoundEntry(int(item["round"]), str(item["party"]), str(item["date"]),
                                  str(item["language"]), str(item["kind"]), bool(item.get("base", False)),
                                  str(item["file"]), str(item.get("source", "")), str(item.get("sha256", ""))))
        except (KeyError, TypeError, ValueError):
            raise InputError(f"versions[{k}]: missing or bad field", path=path) from None
    return out


def write_index(folder: Path, entries: list[RoundEntry]) -> None:
    from statementkit.adapters.atomic import write_text

    body = {"schema": SCHEMA, "version": VERSION, "versions": [e.to_json() for e in entries]}
    write_text(folder / INDEX_NAME, json.dumps(body, ensure_ascii=False, indent=2) + "\n")


def store_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target`` atomically; refuses to replace an existing file."""
    from statementkit.adapters.atomic import atomic_path

    if target.exists():
        raise InputError("already in the negotiation folder; record it under another round or party",
                         path=target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        tmp.write_bytes(source.read_bytes())
