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

from collections.abc import Callable, Mapping, Sequence
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
    cell: tuple[int, int, int] | None = None  # in a table of the body: (table, row, column), from 1


@dataclass
class ImportedClause:
    id: str
    texts: dict[str, str]  # language -> text, for the languages whose version has this paragraph
    numbered: bool
    item: bool  # a sub-item of the preceding clause
    cell: tuple[str, int, int] | None = None  # a table cell: (table id, row, column)


@dataclass
class ImportPlan:
    source: str
    languages: tuple[str, ...]
    titles: dict[str, str]
    clauses: list[ImportedClause]
    paired: dict[str, int] = field(default_factory=dict)  # other language -> paragraphs paired with the source
    unpaired: list[str] = field(default_factory=list)  # one line per paragraph imported for one language only
    tables: list[str] = field(default_factory=list)  # one line per table whose layout could not be kept


def regular_tables(paras: Sequence[VersionParagraph]) -> tuple[dict[int, dict[tuple[int, int], int]], list[int]]:
    """The tables of a version whose layout a table clause can hold: every row with the same columns and every
    cell one non-empty paragraph.  Returns (table number -> (row, column) -> paragraph index, the numbers of
    the other tables: merged cells, ragged rows, empty cells or several paragraphs in a cell)."""
    found: dict[int, dict[tuple[int, int], list[int]]] = {}
    for k, p in enumerate(paras):
        if p.cell is not None:
            found.setdefault(p.cell[0], {}).setdefault(p.cell[1:], []).append(k)
    regular: dict[int, dict[tuple[int, int], int]] = {}
    irregular: list[int] = []
    for n, cells in sorted(found.items()):
        rows = {r for r, _c in cells}
        cols = {c for _r, c in cells}
        if all(len(v) == 1 for v in cells.values()) and len(cells) == len(rows) * len(cols) \
                and rows == set(range(1, len(rows) + 1)) and cols == set(range(1, len(cols) + 1)):
            regular[n] = {rc: v[0] for rc, v in cells.items()}
        else:
            irregular.append(n)
    return regular, irregular


def _pair_cells(cells: Mapping[tuple[int, int], int], other: Mapping[tuple[int, int], int],
                src: Sequence[VersionParagraph], tgt: Sequence[VersionParagraph],
                anchors_a: Callable[[str], frozenset[str]], anchors_b: Callable[[str], frozenset[str]]
                ) -> dict[int, int]:
    """Source paragraph → target paragraph for the cells of two tables of one shape (``cells``/``other``:
    (row, column) → paragraph index).  A cell whose anchors (registry names, numbers, dates) are those of
    exactly one cell of the other table pairs with it, wherever it stands (signature blocks follow each
    language's order); the others pair by position when that cell is still free."""
    out: dict[int, int] = {}
    keys = {j: anchors_b(tgt[j].text) for j in other.values()}
    for i in cells.values():
        mine = anchors_a(src[i].text)
        same = [j for j, k in keys.items() if mine and k == mine]
        if len(same) == 1 and same[0] not in out.values():
            out[i] = same[0]
    for rc, i in cells.items():
        if i not in out and other[rc] not in out.values():
            out[i] = other[rc]
    return out


def _unique_ids(paras: Sequence[VersionParagraph]) -> dict[str, int]:
    """Clause bookmark id → paragraph index, for the ids that occur on one paragraph only."""
    seen: dict[str, list[int]] = {}
    for i, p in enumerate(paras):
        if p.clause_id:
            seen.setdefault(p.clause_id, []).append(i)
    return {cid: idx[0] for cid, idx in seen.items() if len(idx) == 1}


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
    src_tables, src_odd = regular_tables(src)
    for n in src_odd:
        plan.tables.append(f"{names[source]}: table {n} has merged cells, ragged rows, empty cells or several "
                           "paragraphs in a cell: its cells imported as paragraphs (text kept, table layout not)")
    for lg in others:
        tgt = list(versions[lg])
        tgt_tables, tgt_odd = regular_tables(tgt)
        for n in tgt_odd:
            plan.tables.append(f"{names[lg]}: table {n} has merged cells, ragged rows, empty cells or several "
                               "paragraphs in a cell: its cells paired as paragraphs (text kept, table layout not)")
        cell_pairs: dict[int, int] = {}  # a table of the same number and shape: its cells pair by position
        for n, cells in src_tables.items():
            other = tgt_tables.get(n)
            if other is not None and set(other) == set(cells):
                cell_pairs.update(_pair_cells(cells, other, src, tgt, finders[source].anchors,
                                              finders[lg].anchors))
            elif n not in tgt_odd:
                plan.tables.append(f"{names[lg]}: table {n} {'is not there' if other is None else 'has another shape'}"
                                   f" ({names[source]}: {max(r for r, _ in cells)} rows × {max(c for _, c in cells)} "
                                   "columns): its cells paired as paragraphs")
        # paragraphs carrying the same statementkit clause bookmark in both versions pair first, whatever their
        # text (an id that occurs once in each; the aligner pairs the rest between them)
        src_ids, tgt_ids = _unique_ids(src), _unique_ids(tgt)
        taken = set(cell_pairs.values())
        for cid, i in src_ids.items():
            j = tgt_ids.get(cid)
            if j is not None and i not in cell_pairs and j not in taken:
                cell_pairs[i] = j
                taken.add(j)
        ia = [i for i in range(len(src)) if i not in cell_pairs]
        ib = [j for j in range(len(tgt)) if j not in taken]
        beads = pair_paragraphs([Para(src[i].text, src[i].label) for i in ia],
                                [Para(tgt[j].text, tgt[j].label) for j in ib],
                                finders[source].anchors, finders[lg].anchors, finders[source].terms,
                                finders[lg].terms)
        one = {ia[bd.a[0]]: ib[bd.b[0]] for bd in beads if len(bd.a) == 1 and len(bd.b) == 1 and not bd.moved}
        good = len(cell_pairs) + sum(1 for bd in beads if len(bd.a) == 1 and len(bd.b) == 1 and bd.confidence >= 0.3)
        if good < MIN_PAIRED * max(len(src), len(tgt)):
            raise InputError(f"{names[lg]} and {names[source]} do not look like versions of one statement: "
                             f"{good} of {max(len(src), len(tgt))} paragraphs pair")
        one.update(cell_pairs)
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
        cell = (f"t{p.cell[0]}", p.cell[1], p.cell[2]) if p.cell is not None and p.cell[0] in src_tables else None
        plan.clauses.append(ImportedClause(new_id(p.clause_id, f"p{i + 1:03d}"), texts,
                                           p.kind == "numbered" and cell is None, p.kind == "item" and cell is None,
                                           cell))
    for lg, j in before.get(len(src), []):
        add_lonely(lg, j)
    return plan
