"""Where the translations of a statement stand: per language, counts by origin and status, and the clauses
that are stale (source edited since), missing or flagged.  Also the review figures ``build`` reports.

Template units count as origin ``template`` with status ``approved`` (library wording is approved text),
unless a current human translation overrides them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from statementkit.errors import plural
from statementkit.model.statement import Statement
from statementkit.model.translation import Origin, Status, Translations, source_hash
from statementkit.services.assemble.render import Renderer


@dataclass
class LanguageStatus:
    lang: str
    origins: dict[str, int] = field(default_factory=lambda: {o.value: 0 for o in Origin})
    statuses: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Status})
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"lang": self.lang, "origin": self.origins, "status": self.statuses, "stale": self.stale,
                "missing": self.missing, "flagged": self.flagged}


def statement_status(statement: Statement, renderer: Renderer, translations: Translations,
                     langs: Sequence[str] | None = None) -> list[LanguageStatus]:
    out = []
    targets = [lg for lg in (langs or statement.languages) if lg != statement.source_language]
    for lang in targets:
        st = LanguageStatus(lang)
        for unit in statement.units():
            if lang in unit.clause.absent:
                continue
            entry = translations.get(unit.id, lang)
            if unit.clause.is_free and lang in unit.clause.texts:  # official text given in the statement
                st.origins[Origin.HUMAN.value] += 1
                st.statuses[Status.APPROVED.value] += 1
                continue
            if not renderer.has_source(unit):  # given only in other languages: nothing to translate from
                if entry is None:
                    st.missing.append(unit.id)
                else:
                    st.origins[entry.origin.value] += 1
                    st.statuses[entry.status.value] += 1
                continue
            current = source_hash(renderer.source_text(unit))
            if not unit.clause.is_free:
                if entry is not None and entry.origin is Origin.HUMAN and not entry.is_stale(current):
                    st.origins[entry.origin.value] += 1
                    st.statuses[entry.status.value] += 1
                else:
                    st.origins[Origin.TEMPLATE.value] += 1
                    st.statuses[Status.APPROVED.value] += 1
                continue
            if entry is None:
                st.missing.append(unit.id)
                continue
            if entry.is_stale(current):
                st.stale.append(unit.id)
                continue
            st.origins[entry.origin.value] += 1
            st.statuses[entry.status.value] += 1
            if entry.flags:
                st.flagged.append(unit.id)
        out.append(st)
    return out


@dataclass(frozen=True)
class ReviewFigures:
    unreviewed: int  # translated clauses (per language) still draft or flagged
    flagged: int
    stale: int
    missing: int = 0  # free clauses with no text in a language (left out of it)
    translated: int = 0  # translated clauses (per language) in all

    @property
    def clean(self) -> bool:
        return not (self.unreviewed or self.flagged or self.stale or self.missing)

    def line(self) -> str:
        """"3 translated clauses unreviewed, 1 flagged, 0 stale" (", 2 missing"), or when clean "12 translated
        clauses, all reviewed" (an account, not an error)."""
        if self.clean:
            return f"{plural(self.translated, 'translated clause')}, all reviewed"
        return (f"{plural(self.unreviewed, 'translated clause')} unreviewed, {self.flagged} flagged, "
                f"{self.stale} stale" + (f", {self.missing} missing" if self.missing else ""))


def review_figures(statement: Statement, renderer: Renderer, translations: Translations,
                   langs: Sequence[str]) -> ReviewFigures:
    """What ``build`` reports and ``build --final`` refuses: over the free-text units of ``langs``."""
    unreviewed = flagged = stale = missing = translated = 0
    for lang in langs:
        missing += len(renderer.missing(lang))
        if lang == statement.source_language:
            continue
        for unit in statement.units():
            if not unit.clause.is_free or lang in unit.clause.texts or lang in unit.clause.absent:
                continue
            entry = translations.get(unit.id, lang)
            if entry is None:
                continue
            translated += 1
            if not renderer.has_source(unit):
                unreviewed += entry.needs_review
                flagged += bool(entry.flags)
            elif entry.is_stale(source_hash(renderer.source_text(unit))):
                stale += 1
            elif entry.needs_review:
                unreviewed += 1
                flagged += bool(entry.flags)
    return ReviewFigures(unreviewed, flagged, stale, missing=missing, translated=translated)
