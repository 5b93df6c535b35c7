"""Record the versions of a negotiation, round by round (``statementkit round add``, ``round list``).

A negotiation folder holds ``negotiation.json`` and a copy of every version received under
``rounds/<N>/<party>.<ext>`` (:mod:`statementkit.adapters.negotiation_file`).  A version is a DOCX draft
or a statement file; its language is detected from the DOCX text (as ``diff`` does) or taken from
``--lang`` / the statement's source language.  One party sends at most one version per round.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex

from statementkit.errors import InputError, UsageError

_PARTY = regex.compile(r"^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,39}$")


@dataclass(frozen=True)
class RoundOptions:
    """``party``: the party's label (e.g. ``kz``; letters, digits, ``_ . -``); ``date``: ISO date the
    version was received (default today); ``round``: round number (default the latest round, 1 when
    none); ``base``: the version is the round's base text (the host's circulated draft); ``lang``: its
    language (default detected)."""

    party: str
    date: str | None = None
    round: int | None = None
    base: bool = False
    lang: str | None = None


def _iso_date(value: str | None) -> str:
    if not value:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date: not an ISO date (YYYY-MM-DD): {value!r}") from None


def version_language(path: Path, lang: str | None, library_dir: Path | None = None) -> tuple[str, str]:
    """(kind, language) of a version file; InputError when it is neither a DOCX nor a statement, or a
    statement lacking ``lang``."""
    from statementkit.app.diff import load_version

    v = load_version(path, changes="accept", library_dir=library_dir)
    if v.kind == "docx":
        if lang:
            return "docx", lang
        if v.detected is None:
            raise InputError("no text to tell the language from; give --lang", path=path)
        return "docx", v.detected
    if lang and lang not in v.languages:
        raise InputError(f"has no '{lang}' version (it has {', '.join(v.languages)})", path=path)
    return "statement", lang or v.workspace.statement.source_language


def add_round(folder: Path, file: Path, options: RoundOptions, library_dir: Path | None = None) -> Any:
    """Copy ``file`` into ``folder`` and record it; returns the new
    :class:`~statementkit.adapters.negotiation_file.RoundEntry`.  Raises UsageError (bad party, date or
    round), InputError (unreadable file, a second version of a party in one round, a second base)."""
    from statementkit.adapters.negotiation_file import RoundEntry, read_index, store_copy, write_index

    if not _PARTY.match(options.party):
        raise UsageError(f"--party: {options.party!r} is not a party label (letters, digits, _ . -)")
    if not file.is_file():
        raise InputError("file not found", path=file)
    date = _iso_date(options.date)
    entries = read_index(folder)
    latest = max((e.round for e in entries), default=0)
    number = options.round if options.round is not None else max(latest, 1)
    if number < 1:
        raise UsageError("--round: rounds are numbered from 1")
    kind, lang = version_language(file, options.lang, library_dir)
    for e in entries:
        if options.base and e.round == number and e.base and e.language == lang:
            raise InputError(f"round {number} already has a base in {lang} ({e.source} from {e.party})")
        if not options.base and not e.base and e.round == number and e.party == options.party:
            raise InputError(f"round {number} already has a version from {options.party} ({e.source}); "
                             "record this one in another round (--round)")
    data = file.read_bytes()
    suffix = file.suffix.lower() or (".docx" if kind == "docx" else ".yaml")
    rel = f"rounds/{number}/{options.party}{'-base.' + lang if options.base else ''}{suffix}"
    target = folder / rel
    if target.resolve() == file.resolve():
        raise UsageError("the file is already the folder's copy")
    store_copy(file, target)
    extra = _translations_copy(file, target) if kind == "statement" else None
    entry = RoundEntry(number, options.party, date, lang, kind, options.base, rel, file.name,
                       hashlib.sha256(data).hexdigest())
    try:
        write_index(folder, [*entries, entry])
    except BaseException:
        target.unlink(missing_ok=True)
        if extra is not None:
            extra.unlink(missing_ok=True)
        raise
    return entry


def _translations_copy(file: Path, target: Path) -> Path | None:
    """A statement's translations file travels with it (its other languages live there)."""
    from statementkit.adapters.negotiation_file import store_copy
    from statementkit.adapters.translations_file import translations_path

    source = translations_path(file)
    if not source.is_file():
        return None
    dest = translations_path(target)
    try:
        store_copy(source, dest)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return dest


def list_rounds(folder: Path) -> list[Any]:
    """Every version recorded in ``folder``, by round then party (base first)."""
    from statementkit.adapters.negotiation_file import read_index

    if not folder.is_dir():
        raise InputError("not a folder", path=folder)
    return sorted(read_index(folder), key=lambda e: (e.round, not e.base, e.party))
