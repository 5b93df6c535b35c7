"""Turn the language versions of one statement (paragraphs per language) into one statement's clauses.

The source version's paragraphs are paired with each other version's by
:func:`statementkit.services.align.core.pair_paragraphs` (list labels, anchors, then length).  A paragraph
paired one to one becomes one clause with a text in both languages; every other paragraph (one side of a
merge or split, a paragraph moved, a paragraph with no counterpart) becomes a clause of its own language
only, absent from the others, and is reported.  Nothing is dropped: every paragraph of every version is the
text of exactly one clause in that language, in that version's order, so building the imported statement
gives the input texts back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import regex

from statementkit.errors import InputError
from statementkit.services.align.anchors import AnchorFinder
from statementkit.services.align.core import Para, pair_paragraphs

MIN_PAIRED = 0.5  # versions of one statement pair at least half their paragraphs one to one
_ID = regex.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@dataclass(frozen=True)
class VersionParagraph:
    """One paragraph of a version.  ``kind``: "title", "numbered" (a top-level list label), "item" (a
    sub-item label or bullet) or "paragraph"; ``clause_id``: a statementkit clause bookmark, if any."""

    text: str
    label: str | None
    kind: str
    clause_id: str | None = None


@dataclass
class ImportedClause:
    id: str
    texts: dict[str, str]  # language -> text, for the languages whose version has this paragraph
    numbered: bool
    item: bool  # a sub-item of the preceding clause


@dataclass
class ImportPlan:
    source: str
    languages: tuple[str, ...]
    titles: dict[str, str]
    clauses: list[ImportedClause]
    paired: dict[str, int] = field(default_factory=dict)  # other language -> paragraphs paired with the source
    unpaired: list[str] = field(default_factory=list)  # one line per paragraph imported for one language only


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:47] + "…"


def plan_import(versions: Mapping[str, Sequence[VersionParagraph]], titles: Mapping[str, str], source: str,
                finders: Mapping[str, AnchorFinder], names: Mapping[str, str]) -> ImportPlan:
    """Pair the body paragraphs of ``versions`` (language → paragraphs, titles excluded) with the
    ``source`` version's.  ``names``: language → file name, for messages.

    Raises InputError when a version pairs fewer than half its paragraphs with the source (another
    statement's text)."""
    src = list(versions[source])
    others = [lg for lg in versions if lg != source]
    maps: dict[str, dict[int, int]] = {}
    plan = ImportPlan(source, (source, *others), dict(titles), [])
    for lg in others:
        tgt = list(versions[lg])
        beads = pair_paragraphs([Para(p.text, p.label) for p in src], [Para(p.text, p.label) for p in tgt],
                                finders[source].anchors, finders[lg].anchors, finders[source].terms,
                                finders[lg].terms)
        one = {bd.a[0]: bd.b[0] for bd in beads if len(bd.a) == 1 and len(bd.b) == 1 and not bd.moved}
        good = sum(1 for bd in beads if len(bd.a) == 1 and len(bd.b) == 1 and bd.confidence >= 0.3)
        if good < MIN_PAIRED * max(len(src), len(tgt)):
            raise InputError(f"{names[lg]} and {names[source]} do not look like versions of one statement: "
                             f"{good} of {max(len(src), len(tgt))} paragraphs pair")
        maps[lg] = one
        plan.paired[lg] = len(one)
    # each other language's unpaired paragraphs go before the source clause its next paired paragraph has
    before: dict[int, list[tuple[str, int]]] = {}
    for lg in others:
        inv = {j: i for i, j in maps[lg].items()}
        pending: list[int] = []
        for j in range(len(versions[lg])):
            if j in inv:
                before.setdefault(inv[j], []).extend((lg, x) for x in pending)
                pending = []
            else:
                pending.append(j)
        before.setdefault(len(src), []).extend((lg, x) for x in pending)
    used: set[str] = set()

    def new_id(preferred: str | None, fallback: str) -> str:
        ident = preferred if preferred and _ID.fullmatch(preferred) and preferred not in used else fallback
        n = 2
        while ident in used:
            ident, n = f"{fallback}-{n}", n + 1
        used.add(ident)
        return ident

    def add_lonely(lg: str, j: int) -> None:
        p = versions[lg][j]
        plan.clauses.append(ImportedClause(new_id(p.clause_id, f"{lg}-{j + 1:03d}"), {lg: p.text},
                                           p.kind == "numbered", p.kind == "item"))
        plan.unpaired.append(f"{names[lg]}: paragraph {j + 1} ({_short(p.text)}) has no counterpart in "
                             f"{names[source]}: imported as a clause of the {lg} version only")

    for i, p in enumerate(src):
        for lg, j in before.get(i, []):
            add_lonely(lg, j)
        texts = {source: p.text}
        for lg in others:
            if i in maps[lg]:
                texts[lg] = versions[lg][maps[lg][i]].text
        missing = [lg for lg in others if lg not in texts]
        if missing:
            plan.unpaired.append(f"{names[source]}: paragraph {i + 1} ({_short(p.text)}) has no counterpart in "
                                 f"{', '.join(names[lg] for lg in missing)}: imported without a "
                                 f"{'/'.join(missing)} text")
        plan.clauses.append(ImportedClause(new_id(p.clause_id, f"p{i + 1:03d}"), texts, p.kind == "numbered",
                                           p.kind == "item"))
    for lg, j in before.get(len(src), []):
        add_lonely(lg, j)
    return plan
