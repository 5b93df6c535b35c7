"""The rows of a review: one per clause or list item, with what ``build`` would print in the target language."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from statementkit.errors import SpecError, check_language
from statementkit.model.library import Library
from statementkit.model.registry import Registry
from statementkit.model.statement import Statement
from statementkit.model.translation import Origin, Status, Translations, source_hash
from statementkit.services.assemble.render import Renderer


def text_hash(text: str) -> str:
    """Hash of a text exactly as given after NFC (white space kept: a translator's edit may be just that)."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:16]


# What a review file's round trip through a word processor may change in a text that nobody edited
# (measured with python-docx and LibreOffice 7/24: see docs/translate.md, "What counts as an edit").
_TRAILING_DROPPED = " \t\u00a0"


def review_key(text: str) -> str:
    """A target as a review round trip leaves it when nobody edited it; two texts with the same key are the same
    translation as far as an import is concerned.

    NFC; CR LF and CR become LF (a Word line break is one character whatever was exported); spaces, tabs and
    no-break spaces at the end of the text are dropped (LibreOffice drops them from the end of a paragraph
    when it saves).  Everything else — inner white space, U+2011, U+00AD, zero-width characters — counts.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return text.rstrip(_TRAILING_DROPPED)


def key_hash(text: str) -> str:
    """:func:`text_hash` of :func:`review_key`: recorded per row at export to tell an edit from the round trip."""
    return text_hash(review_key(text))


def statement_key(statement: Statement) -> str:
    """Identity of a statement that survives edits to its clauses: meeting, venue, dates, parties, languages.

    A review file records it so that importing the review of another statement is refused; clause edits
    (which change source hashes, reported per row) do not change it.
    """
    m = statement.meeting
    meeting = [] if m is None else [m.mechanism, str(m.ordinal), m.venue, ",".join(d.isoformat() for d in m.dates)]
    title = [f"{k}={v}" for k, v in sorted(statement.title_text.items())]
    parts = [*meeting, *title, ",".join(p.office for p in statement.parties), statement.source_language]
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ReviewRow:
    """One reviewable unit.  ``origin`` None: a free-text clause with no translation yet (empty target).

    ``previous_source`` is the source text the current translation was made from when the source has changed
    since (the review shows the change as a redline); None when unchanged or not recorded.
    """

    unit_id: str
    number: str
    source: str
    source_hash: str
    target: str
    origin: Origin | None
    status: Status
    notes: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    stale: bool = False
    previous_source: str | None = None

    @property
    def target_hash(self) -> str:
        return text_hash(self.target)

    @property
    def target_key_hash(self) -> str:
        return key_hash(self.target)


def clause_numbers(statement: Statement, library: Library) -> dict[str, str]:
    """Number shown per unit, as ``build`` numbers clauses: "3", items "3.1"; unnumbered clauses "–"."""
    out: dict[str, str] = {}
    n = 0
    for clause in statement.clauses:
        numbered = clause.numbered
        if numbered is None:
            tpl = library.get(clause.template) if clause.template else None
            numbered = True if tpl is None else tpl.numbered_by_default
        if numbered:
            n += 1
            label = str(n)
        else:
            label = "–"
        out[clause.id] = label
        for k, item in enumerate(clause.items, 1):
            out[item.id] = f"{label}.{k}" if numbered else f"–.{k}"
    return out


def review_rows(statement: Statement, registry: Registry, library: Library, translations: Translations,
                lang: str) -> list[ReviewRow]:
    """The rows of a review of ``lang``: the target is what ``build`` would print for that clause.

    A template clause's target is its rendered text (origin template) unless a usable human translation
    overrides it; a free-text clause shows its translation entry, or nothing yet.
    """
    check_language(lang)
    if lang == statement.source_language:
        raise SpecError(f"'{lang}' is the statement's source language; review a translation "
                        f"({', '.join(lg for lg in statement.languages if lg != lang)})")
    if lang not in statement.languages:
        raise SpecError(f"the statement has no '{lang}' version (languages: {', '.join(statement.languages)})")
    renderer = Renderer(statement, registry, library, translations)
    numbers = clause_numbers(statement, library)
    rows: list[ReviewRow] = []
    for unit in statement.units():
        if lang in unit.clause.absent or not renderer.has_source(unit):
            continue  # not in this version, or nothing to review it against (a clause of other languages)
        source = renderer.source_text(unit)
        current = source_hash(source)
        entry = translations.get(unit.id, lang)
        try:
            target, used = renderer.unit_text(unit, lang)
        except SpecError:  # free text not translated yet
            target, used = "", None
        notes: list[str] = []
        if used is None and not unit.clause.is_free:
            origin: Origin | None = Origin.TEMPLATE
            status = Status.APPROVED
            if entry is not None:
                notes.append(f"the translations file has a {entry.origin.value} {entry.status.value} text "
                             "for this clause that build does not use (template text preferred)")
        elif used is not None:
            origin, status = used.origin, used.status
        else:
            origin, status = None, Status.DRAFT
        ref = used or entry
        stale = ref is not None and ref.origin is not Origin.TEMPLATE and ref.is_stale(current)
        previous = ref.source if stale and ref is not None and ref.source and ref.source != source else None
        if stale:
            notes.append("source changed since this translation"
                         + ("" if previous else " (the earlier source text is not recorded)"))
        elif ref is not None and ref.previous_source and ref.previous_source != source:
            previous = ref.previous_source  # re-translated after an edit: the change is still to review
            notes.append("source changed since the translation it replaces; re-translated")
        if ref is not None:
            notes.extend(ref.notes)
        rows.append(ReviewRow(
            unit_id=unit.id, number=numbers.get(unit.id, ""), source=source, source_hash=current,
            target=target, origin=origin, status=status, notes=tuple(notes),
            flags=tuple(used.flags) if used is not None else (), stale=stale, previous_source=previous,
        ))
    return rows
