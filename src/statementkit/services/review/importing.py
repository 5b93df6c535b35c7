"""Decide what an import of a reviewed file applies, and what it only reports.

The review file records at export time (its *manifest*) which units it held, each with the hash of its
source and of its target (exact, and of its :func:`~statementkit.services.review.rows.review_key`) and the
status shown.  Coming back, each returned row is aligned with the manifest by position and id
(:mod:`difflib` on the id sequences):

* a target counts as edited only when its :func:`review_key` differs from the exported one — what a word
  processor's save does to an untouched text (a trailing space dropped, CR LF as one line break) is no edit;
* same id, source unchanged since export, target edited → **edited**: applied as a human translation,
  status *reviewed* unless the translator chose *approved*;
* same id, target as exported but another status chosen → **status**: applied (status only);
* same id, nothing changed, or the change is already in the translations (a second import of the same
  file) → **unchanged**: nothing happens; where a CAT tool dropped the white space between two segments
  (XLIFF ``<ignorable>``), it is put back from the text as exported before comparing
  (:func:`~statementkit.services.review.segments.restore_gaps`);
* the statement's source for the unit changed since export → **source-changed**: reported, not applied;
* the unit's target changed since export (another review imported, a new machine draft) while this file
  edits it or changes its status → **conflict**: reported with both texts, not applied (``force`` applies it);
* a status given to a row with no translation yet → **untranslated**: reported;
* the target cell holds what plain text cannot (a picture, a note, a date field) → **unreadable**: reported;
* a row the manifest does not have → **added**; a manifest row missing → **deleted**;
  a row whose id was overwritten → **tampered**; all reported, none applied.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from statementkit.errors import ReviewError
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations
from statementkit.services.review.rows import key_hash, review_key, text_hash
from statementkit.services.review.segments import restore_gaps


@dataclass(frozen=True)
class ExportedRow:
    """One row as exported.  ``key_hash``: hash of the target's review key (None in files that predate it)."""

    unit_id: str
    source_hash: str
    target_hash: str
    status: Status
    key_hash: str | None = None


@dataclass(frozen=True)
class ReviewManifest:
    """What a review file says about itself: whose statement, which language, which rows as exported."""

    statement_key: str
    statement_name: str
    source_lang: str
    lang: str
    rows: tuple[ExportedRow, ...]


@dataclass(frozen=True)
class ReturnedRow:
    """One row as it came back.  ``status`` None: the status cell/state could not be read (left alone)."""

    position: int  # 1-based row (DOCX) or unit (XLIFF) number in the file
    unit_id: str
    target: str
    status: Status | None
    status_touched: bool = False  # the translator rewrote the status (cell or state), even to the same value
    source_hash: str | None = None  # hash of the source text the row still shows (matches a moved/renamed row)
    problems: tuple[str, ...] = ()  # what the target cell shows that plain text cannot hold (a picture …)
    joins: tuple[int, ...] = ()  # offsets in target where two segments meet with no white space carried
    advice: tuple[str, ...] = ()  # translation candidates the file carries (XLIFF mtc:match), as notes: advice only


class DecisionKind(StrEnum):
    EDITED = "edited"
    STATUS = "status"
    UNCHANGED = "unchanged"
    SOURCE_CHANGED = "source-changed"
    CONFLICT = "conflict"
    ADDED = "added"
    DELETED = "deleted"
    TAMPERED = "tampered"
    UNKNOWN = "unknown-unit"
    UNREADABLE = "unreadable"
    UNTRANSLATED = "untranslated"

    @property
    def applied(self) -> bool:
        return self in (DecisionKind.EDITED, DecisionKind.STATUS)

    @property
    def reported(self) -> bool:
        return not self.applied and self is not DecisionKind.UNCHANGED

    @property
    def withheld(self) -> bool:
        """A returned row whose text was not applied (the translator's work is kept in the file, not taken):
        the import then ends with a non-zero exit, so a script never takes it for a clean import."""
        return self in (DecisionKind.SOURCE_CHANGED, DecisionKind.CONFLICT, DecisionKind.ADDED,
                        DecisionKind.TAMPERED, DecisionKind.UNKNOWN, DecisionKind.UNREADABLE)


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    unit_id: str
    position: int | None
    message: str
    entry: TranslationEntry | None = None  # the entry written, for applied decisions


@dataclass(frozen=True)
class ImportPlan:
    decisions: tuple[Decision, ...]
    translations: Translations  # the translations with every applied decision

    @property
    def applied(self) -> list[Decision]:
        return [d for d in self.decisions if d.kind.applied]

    @property
    def reported(self) -> list[Decision]:
        return [d for d in self.decisions if d.kind.reported]

    @property
    def withheld(self) -> list[Decision]:
        return [d for d in self.decisions if d.kind.withheld]

    @property
    def conflicts(self) -> list[Decision]:
        return [d for d in self.decisions if d.kind is DecisionKind.CONFLICT]


@dataclass(frozen=True)
class CurrentUnit:
    """A unit as the statement has it now: its source text and hash, and its target as a review shows it
    (text, origin, status), which import compares with the target the export showed."""

    source: str
    source_hash: str
    origin: Origin | None
    target: str
    status: Status


def check_identity(manifest: ReviewManifest, statement_key: str, statement_name: str, lang: str) -> None:
    """Refuse a review of another statement or language before looking at any row."""
    if manifest.statement_key != statement_key:
        raise ReviewError(f"this review file belongs to another statement ('{manifest.statement_name}'), "
                          f"not '{statement_name}'")
    if manifest.lang != lang:
        raise ReviewError(f"this review file is for language '{manifest.lang}', not '{lang}'")


def plan_import(manifest: ReviewManifest, returned: Sequence[ReturnedRow], current: Mapping[str, CurrentUnit],
                translations: Translations, *, force: bool = False) -> ImportPlan:
    """Align returned rows with the manifest and decide per row; build the updated translations.

    ``force``: apply edits and statuses of rows whose target changed since the export (conflicts) anyway."""
    lang = manifest.lang
    exported_ids = [r.unit_id for r in manifest.rows]
    returned_ids = [r.unit_id for r in returned]
    if len(set(exported_ids)) != len(exported_ids):
        raise ReviewError("the review file's hidden row list is corrupt (duplicate ids)")
    decisions: list[Decision] = []
    new = translations
    matcher = difflib.SequenceMatcher(a=exported_ids, b=returned_ids, autojunk=False)
    pairs: list[tuple[ExportedRow, ReturnedRow]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        exp, ret = list(manifest.rows[i1:i2]), list(returned[j1:j2])
        if op == "equal":
            pairs.extend(zip(exp, ret, strict=True))
            continue
        # a replaced id where an exported row went missing is tampering: pair by the source the row still
        # shows, then by position; the rest is added or deleted
        tampered: list[tuple[ExportedRow, ReturnedRow]] = []
        for r in list(ret):
            e = next((x for x in exp if r.source_hash and x.source_hash == r.source_hash), None)
            if e is not None and r.unit_id not in exported_ids:
                tampered.append((e, r))
                exp.remove(e)
                ret.remove(r)
        n = min(len(exp), len(ret)) if op == "replace" and not tampered else 0
        tampered += list(zip(exp[:n], ret[:n], strict=True))
        for e, r in tampered:
            got = r.unit_id or "(empty)"
            decisions.append(Decision(DecisionKind.TAMPERED, e.unit_id, r.position,
                                      f"row {r.position}: id changed from '{e.unit_id}' to '{got}'; not applied"))
        for r in ret[n:]:
            if r.unit_id in exported_ids:
                decisions.append(Decision(DecisionKind.TAMPERED, r.unit_id, r.position,
                                          f"row {r.position}: id '{r.unit_id}' appears twice or moved; "
                                          "not applied"))
            else:
                decisions.append(Decision(DecisionKind.ADDED, r.unit_id, r.position,
                                          f"row {r.position}: added row '{r.unit_id or '(no id)'}' is not in "
                                          "the exported review; not applied"))
        for e in exp[n:]:
            if e.unit_id not in returned_ids:
                decisions.append(Decision(DecisionKind.DELETED, e.unit_id, None,
                                          f"clause '{e.unit_id}' was deleted from the review file"))
    for exp_row, ret_row in pairs:
        decision = _decide(exp_row, ret_row, current.get(exp_row.unit_id), translations, lang, force)
        decisions.append(decision)
        if decision.entry is not None:
            new = new.put(decision.entry)
    decisions.sort(key=lambda d: (d.position is None, d.position or 0))
    return ImportPlan(tuple(decisions), new)


def _same_as_exported(exp: ExportedRow, text: str) -> bool:
    """Whether ``text`` is the exported target, exactly or as the round trip leaves it."""
    return text_hash(text) == exp.target_hash or (exp.key_hash is not None and key_hash(text) == exp.key_hash)


def _quote(text: str, limit: int = 200) -> str:
    shown = text if len(text) <= limit else text[:limit] + "…"
    return "«" + shown.replace("\n", "⏎") + "»"


def _decide(exp: ExportedRow, ret: ReturnedRow, cur: CurrentUnit | None, translations: Translations,
            lang: str, force: bool) -> Decision:
    uid, pos = exp.unit_id, ret.position
    if ret.problems:
        return Decision(DecisionKind.UNREADABLE, uid, pos,
                        f"row {pos}: the target of '{uid}' holds {', '.join(ret.problems)}, which a translation "
                        "cannot carry; not applied (type it as text)")
    target = ret.target
    if ret.joins:
        exported = cur.target if cur is not None and _same_as_exported(exp, cur.target) else None
        target = restore_gaps(target, ret.joins, exported, lang)
    target = unicodedata.normalize("NFC", target)
    edited = not _same_as_exported(exp, target)
    new_status = ret.status if ret.status is not None and ret.status is not exp.status else None
    status_changed = new_status is not None
    if not edited and new_status is None:
        return Decision(DecisionKind.UNCHANGED, uid, pos, f"row {pos}: '{uid}' unchanged")
    if cur is None:
        return Decision(DecisionKind.UNKNOWN, uid, pos,
                        f"row {pos}: clause '{uid}' is no longer in the statement; not applied")
    if cur.source_hash != exp.source_hash:
        return Decision(DecisionKind.SOURCE_CHANGED, uid, pos,
                        f"row {pos}: the source of '{uid}' changed since the export; edit not applied "
                        "(export a new review)")
    old = translations.get(uid, lang)
    same_text_now = review_key(cur.target) == review_key(target)
    if edited:
        if not target.strip():
            return Decision(DecisionKind.TAMPERED, uid, pos,
                            f"row {pos}: the target of '{uid}' was emptied; not applied")
        # the status the translator chose, if they changed it; an edit of a text shown as approved is
        # not an approval of the new text
        chosen = ret.status if status_changed or ret.status_touched else None
        status = chosen if chosen in (Status.REVIEWED, Status.APPROVED) else Status.REVIEWED
        if same_text_now and cur.origin is Origin.HUMAN and cur.status is status:
            return Decision(DecisionKind.UNCHANGED, uid, pos, f"row {pos}: '{uid}' already imported")
    elif same_text_now and cur.status is new_status:
        return Decision(DecisionKind.UNCHANGED, uid, pos, f"row {pos}: '{uid}' already has this status")
    if not _same_as_exported(exp, cur.target) and not force:
        what = "edit" if edited else f"status {new_status.value if new_status else '?'}"
        return Decision(DecisionKind.CONFLICT, uid, pos,
                        f"row {pos}: the target of '{uid}' changed since the export; {what} not applied "
                        f"(now {_quote(cur.target)}, review {_quote(target)}; --force applies the review)")
    if edited:
        entry = TranslationEntry(unit_id=uid, lang=lang, source_hash=cur.source_hash, text=target,
                                 origin=Origin.HUMAN, status=status, flags=(),
                                 notes=_with_advice(old.notes if old is not None else (), ret.advice), engine=None,
                                 source=cur.source)
        return Decision(DecisionKind.EDITED, uid, pos,
                        f"row {pos}: '{uid}' edited; stored as human, {status.value}", entry)
    if new_status is None:  # pragma: no cover - not edited and no status change returned UNCHANGED above
        return Decision(DecisionKind.UNCHANGED, uid, pos, f"row {pos}: '{uid}' unchanged")
    if not cur.target.strip():
        return Decision(DecisionKind.UNTRANSLATED, uid, pos,
                        f"row {pos}: '{uid}' has no translation yet; status {new_status.value} not applied")
    if old is not None and not old.is_stale(cur.source_hash):
        entry = old.with_(status=new_status, flags=() if new_status is Status.APPROVED else old.flags,
                          notes=_with_advice(old.notes, ret.advice))
    else:  # a template text (or an entry build does not use) approved as it stands
        origin = cur.origin or Origin.HUMAN
        entry = TranslationEntry(unit_id=uid, lang=lang, source_hash=cur.source_hash, text=cur.target,
                                 origin=origin, status=new_status, source=cur.source)
    return Decision(DecisionKind.STATUS, uid, pos,
                    f"row {pos}: '{uid}' status {exp.status.value} → {new_status.value}", entry)


def _with_advice(notes: tuple[str, ...], advice: tuple[str, ...]) -> tuple[str, ...]:
    """The entry's notes and, after them, the returned file's translation candidates it does not yet hold
    (advice only: never the target)."""
    return notes + tuple(a for a in advice if a not in notes)
