"""Write the new version of a DOCX with real tracked changes against the old one.

The output is NEW's own document part (its styles, numbering, images and untouched runs kept as they
are) with:

* inserted text and paragraphs as ``w:ins`` (paragraph marks in ``w:pPr/w:rPr/w:ins``),
* deleted text and paragraphs copied from OLD as ``w:del`` / ``w:delText`` at the place they stood,
* a clause moved elsewhere as ``w:moveFrom`` (old place) and ``w:moveTo`` (new place) inside named
  move ranges; when it was also edited, the words it lost are ``w:del`` at the old place and the words
  it gained ``w:ins`` at the new place (see :meth:`_Redliner._wrap_moved` for why not Word's nesting),
* table rows inserted or deleted as ``w:trPr/w:ins`` / ``w:del``,

all attributed to one author and date, so that accepting every change gives NEW's paragraph texts and
rejecting every change gives OLD's.  Paragraph marks at the end of a body or cell follow the rules that
keep that true (the last paragraph mark of a container cannot be inserted or deleted; the mark before it
is).  Content controls are unwrapped (LibreOffice drops tracked changes inside them) and frame
properties are removed from paragraphs that carry changes, for the same reason.

Within each container (the body, a table cell) blocks are aligned with the same service as the
clause report (:func:`statementkit.services.diff.align`); tables are compared row by row.

The other stories (footnotes, endnotes, headers, footers, text boxes) are paired as the report pairs them
and redlined the same way inside their own parts (:func:`redline_package`); a note added or dropped takes
its reference with it.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.adapters.atomic import atomic_path
from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.docx.reader import DocxDocument, split_number
from statementkit.errors import DocxError
from statementkit.services.diff.align import Alignment, AlignOptions, Step, align
from statementkit.services.diff.inline import InlineOp, inline_diff, map_offset
from statementkit.services.diff.model import normalize


@dataclass(frozen=True)
class _Item:
    """A block (paragraph or table) as the container alignment sees it."""

    id: str | None
    key: str
    element: Any
    is_table: bool


@dataclass
class RedlineStats:
    revisions: int
    paragraphs_inserted: int = 0
    paragraphs_deleted: int = 0
    paragraphs_modified: int = 0
    moves: int = 0
    moves_edited: int = 0
    rows_inserted: int = 0
    rows_deleted: int = 0
    stories: list[str] = field(default_factory=list)  # labels of the other stories that got tracked changes
    warnings: list[str] = field(default_factory=list)  # changes not shown as tracked changes, one line each


def format_date(value: str | None) -> str:
    """``--date``: an ISO date or date-time; default now.  Written as Word does: UTC, seconds, ``Z``."""
    if not value:
        return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        except ValueError:
            from statementkit.errors import UsageError

            raise UsageError(f"--date: not an ISO date or date-time: {value!r}") from None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed.strftime("%Y-%m-%dT%H:%M:%SZ")


def _para_key(p: Any) -> tuple[str | None, str]:
    cid = None
    for name in oxml.paragraph_bookmarks(p):
        cid = oxml.clause_id_of_bookmark(name)
        if cid:
            break
    _, text = split_number(oxml.paragraph_text(p))
    return cid, normalize(text)


def _table_key(tbl: Any) -> str:
    rows = []
    for tr in oxml.table_rows(tbl):
        rows.append("\x1f".join(normalize(oxml.paragraph_text(p)) for p in tr.iter(oxml.P)))
    return "\x00table\x00" + "\x1e".join(rows)


def container_items(container: Any) -> list[_Item]:
    """The blocks of a container (paragraphs keyed by clause id and text without number; tables by
    their cells' text), as the alignment sees them."""
    return _items(container)


def _items(container: Any) -> list[_Item]:
    out = []
    for el in oxml.block_items(container):
        if el.tag == oxml.TBL:
            out.append(_Item(None, _table_key(el), el, True))
        else:
            cid, key = _para_key(el)
            out.append(_Item(cid, key, el, False))
    return out


_BAD_GROUP = 1000  # a group with no paragraph of its version (an extra empty one) or with two
_MERGE = 3  # a paragraph merged for good with the next one (its own properties are lost)
_KEEPS = {"accept": {"eq", "ins", "mto"}, "reject": {"eq", "del", "mfrom"}}
# Which tables stand between paragraphs in each view when marks are resolved.  Every table does, even
# one whose rows are all deleted (accept) or inserted (reject): LibreOffice resolves the paragraph mark
# before the rows, so a deleted mark right before a deleted table still does not join the paragraph to
# the one after the table (checked in tests/acceptance, case generated-tables).
_TABLE_KEPT = {"accept": {"teq", "tins", "tdel"}, "reject": {"teq", "tins", "tdel"}}


def _plan_marks(statuses: list[str]) -> tuple[int, list[tuple[bool, bool] | None]]:
    """The cost and, for each block (None for tables), whether its paragraph mark survives accept-all
    and reject-all.

    A dynamic programme over the paragraphs; the state is, per view, how many paragraphs of that
    version the open group holds (0, 1, or 2 = too many).  Constraints: a mark stays in a view when
    the next block of that view is not a paragraph; a mark removed in both views is a merge with the
    next block, which must then be a paragraph.  Cost: each departure from "a paragraph's mark shares
    its status", a little more for a merge, and a large cost for a group that does not hold exactly
    one paragraph of its version (only when nothing else is possible: the result then has an extra
    empty paragraph, or two paragraphs joined)."""
    n = len(statuses)
    is_p = [not st.startswith("t") for st in statuses]
    views = ("accept", "reject")
    next_p: dict[str, list[bool]] = {}  # is the next block of the view a paragraph?
    for v in views:
        flags = [False] * n
        following = False
        for k in range(n - 1, -1, -1):
            flags[k] = following
            if is_p[k]:
                following = True
            elif statuses[k] in _TABLE_KEPT[v]:
                following = False
        next_p[v] = flags
    choices = ((True, True), (True, False), (False, True), (False, False))
    State = tuple[int, int]
    best: dict[State, int] = {(0, 0): 0}
    back: list[dict[State, tuple[State, tuple[bool, bool]]]] = []  # per paragraph: state -> (prev, choice)
    para_index: list[int] = []
    for k, st in enumerate(statuses):
        if not is_p[k]:
            continue
        keeps = (st in _KEEPS["accept"], st in _KEEPS["reject"])
        adjacent_p = k + 1 < n and is_p[k + 1]
        nxt: dict[State, int] = {}
        bp: dict[State, tuple[State, tuple[bool, bool]]] = {}
        for s, cost in best.items():
            for ends in choices:
                if ends == (False, False) and not adjacent_p:
                    continue
                c = cost + (_MERGE if ends == (False, False) else 0)
                counts = []
                for vi, v in enumerate(views):
                    count = min(2, s[vi] + keeps[vi])
                    if not ends[vi] and not next_p[v][k]:
                        break
                    if ends[vi] != keeps[vi]:
                        c += 1
                    if ends[vi]:
                        c += _BAD_GROUP * (count != 1)
                        count = 0
                    counts.append(count)
                else:
                    key = (counts[0], counts[1])
                    if key not in nxt or c < nxt[key]:
                        nxt[key] = c
                        bp[key] = (s, ends)
        best = nxt
        back.append(bp)
        para_index.append(k)
    out: list[tuple[bool, bool] | None] = [None] * n
    if not back:
        return 0, out
    final = {s: c + _BAD_GROUP * ((s[0] > 0) + (s[1] > 0)) for s, c in best.items()}
    state = min(final, key=lambda s: final[s])
    cost = final[state]
    for bp, k in zip(reversed(back), reversed(para_index), strict=True):
        state, out[k] = bp[state]
    return cost, out


def _status(step: Step, old: list[_Item], new: list[_Item]) -> str:
    if step.kind in ("delete", "move_from"):
        assert step.i is not None
        return "tdel" if old[step.i].is_table else ("del" if step.kind == "delete" else "mfrom")
    assert step.j is not None
    if step.kind in ("insert", "move_to"):
        return "tins" if new[step.j].is_table else ("ins" if step.kind == "insert" else "mto")
    return "teq" if new[step.j].is_table else "eq"


def _order_steps(steps: list[Step], old: list[_Item], new: list[_Item]) -> list[Step]:
    """The redline order of a container's blocks.  Between two unchanged blocks the old ones normally
    come first, then the new ones; but a deleted paragraph cannot end right before an inserted table
    (nor an inserted paragraph before a deleted table) when no paragraph is there to take over its
    mark.  Where the marks cannot be planned exactly (see :func:`_plan_marks`), each stretch of
    changes with a table in it tries the other orders (new first; alternating) and keeps the best."""
    statuses = [_status(st, old, new) for st in steps]
    cost, _ = _plan_marks(statuses)
    if cost < _BAD_GROUP:
        return steps
    steps = list(steps)
    k = 0
    while k < len(steps):
        if steps[k].kind == "equal":
            k += 1
            continue
        end = k
        while end < len(steps) and steps[end].kind != "equal":
            end += 1
        region = steps[k:end]
        if any(statuses[x].startswith("t") for x in range(k, end)):
            olds = [st for st in region if st.kind in ("delete", "move_from")]
            news = [st for st in region if st.kind in ("insert", "move_to")]
            alternating = [st for pair in zip(olds, news, strict=False) for st in pair]
            alternating += olds[len(news):] + news[len(olds):]
            for cand in (news + olds, alternating):
                trial = steps[:k] + cand + steps[end:]
                c, _ = _plan_marks([_status(st, old, new) for st in trial])
                if c < cost:
                    cost, steps = c, trial
                    statuses = [_status(st, old, new) for st in steps]
        k = end
    return steps


def _merge_into_next(p: Any) -> None:
    """Put the content of paragraph ``p`` at the start of the next paragraph (with any range marks or
    bookmarks between them) and remove ``p``: the two are one paragraph in both versions."""
    between = []
    nxt = p.getnext()
    while nxt is not None and nxt.tag not in (oxml.P, oxml.TBL):
        between.append(nxt)
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != oxml.P:
        return
    ppr = nxt.find(oxml.PPR)
    at = 0 if ppr is None else nxt.index(ppr) + 1
    for c in [*[c for c in p if c.tag != oxml.PPR], *between]:
        nxt.insert(at, c)
        at += 1
    p.getparent().remove(p)


class _Redliner:
    def __init__(self, new_root: Any, known_num_ids: set[str], author: str, date: str, lang: str,
                 opts: AlignOptions) -> None:
        self.revs = oxml.Revisions(new_root, author, date)
        self.num_ids = known_num_ids
        self.lang = lang
        self.opts = opts
        self.stats = RedlineStats(0)
        self.new_notes: set[tuple[str, str]] = set()  # (footnote|endnote, id) of notes NEW added
        # (footnote|endnote, OLD's id) of notes NEW dropped -> the id of their deleted copy in NEW's part
        self.gone_notes: dict[tuple[str, str], str] = {}

    # ---- alignment --------------------------------------------------------------------------------------
    def _align(self, old: list[_Item], new: list[_Item]) -> Alignment:
        al = align(old, new, self.opts)
        for i, j in list(al.pairs.items()):
            if old[i].is_table != new[j].is_table or (i in al.moved and (not old[i].key or old[i].is_table)):
                del al.pairs[i]
                al.moved.discard(i)
        return al

    def _foreign(self, el: Any) -> Any:
        """A copy of OLD's ``el`` safe to put in NEW (:func:`oxml.sanitize_foreign`), keeping the references
        to notes NEW dropped (renumbered to their deleted copies in NEW's notes part)."""
        c = copy.deepcopy(el)
        kept = []
        for kind in ("footnote", "endnote"):
            for ref in list(c.iter(w(f"{kind}Reference"))):
                nid = self.gone_notes.get((kind, ref.get(w("id")) or ""))
                if nid is not None:
                    run = ref.getparent()
                    kept.append((run, run.index(ref), ref))
                    run.remove(ref)
                    ref.set(w("id"), nid)
        oxml.sanitize_foreign(c, self.num_ids)
        for run, idx, ref in kept:
            run.insert(idx, ref)
        return c

    def _dropped_references(self, old_p: Any, new_p: Any, ops: list[InlineOp]) -> None:
        """Put into ``new_p``, as deleted runs at the place they stood, OLD's references to notes NEW dropped
        (the notes themselves are deleted copies in NEW's part), so that rejecting every change restores
        them.  ``ops``: the inline diff of the two paragraphs' texts."""
        refs = []
        for run, start, _ in oxml.text_runs(old_p):
            for kind in ("footnote", "endnote"):
                if any((kind, r.get(w("id")) or "") in self.gone_notes for r in run.iter(w(f"{kind}Reference"))):
                    refs.append((run, start))
        if not refs:
            return
        runs = oxml.text_runs(new_p)
        for run, start in refs:
            at = map_offset(ops, start)
            wrapper = self.revs.element("del")
            wrapper.append(self._foreign(run))
            oxml.to_deleted_text(wrapper)
            before = [r for r, s, e in runs if e == at and e > s]
            after = [r for r, s, e in runs if s == at and e > s]
            if before:
                anchor = before[-1].getparent() if before[-1].getparent().tag in (oxml.INS, oxml.DEL) else before[-1]
                anchor.addnext(wrapper)
            elif after:
                anchor = after[0].getparent() if after[0].getparent().tag in (oxml.INS, oxml.DEL) else after[0]
                anchor.addprevious(wrapper)
            else:
                new_p.append(wrapper)

    # ---- containers -------------------------------------------------------------------------------------
    def container(self, old_c: Any, new_c: Any) -> None:
        old = _items(old_c)
        new = _items(new_c)
        al = self._align(old, new)
        # (element, status) in final order; paragraphs eq/ins/del/mfrom/mto, tables teq/tins/tdel
        seq: list[tuple[Any, str]] = []
        cursor: Any = None
        moves: dict[int, str] = {}  # old index -> move range name

        def place(el: Any) -> None:
            nonlocal cursor
            if cursor is not None:
                cursor.addnext(el)
            else:
                first = next(iter(oxml.block_items(new_c)), None)
                if first is not None:
                    first.addprevious(el)
                else:
                    new_c.append(el)
            cursor = el

        for step in _order_steps(al.steps(), old, new):
            if step.kind in ("delete", "move_from"):
                assert step.i is not None
                o = old[step.i]
                el = self._foreign(o.element)
                place(el)
                if o.is_table:
                    for tr in oxml.table_rows(el):
                        oxml.mark_row(tr, "del", self.revs)
                        self.stats.rows_deleted += 1
                    seq.append((el, "tdel"))
                elif step.kind == "move_from":
                    name = moves.get(step.i) or self.revs.move_name()
                    moves[step.i] = name
                    assert step.j is not None
                    self._wrap_moved(el, self._move_ops(o.element, new[step.j].element), "old")
                    oxml.wrap_move_range(el, "moveFrom", self.revs, name)
                    seq.append((el, "mfrom"))
                    self.stats.moves += 1
                else:
                    runs = oxml.paragraph_runs(el)
                    if runs:
                        oxml.wrap_runs(runs, "del", self.revs)
                    seq.append((el, "del"))
                    self.stats.paragraphs_deleted += 1
                continue
            assert step.j is not None
            n = new[step.j]
            cursor = n.element
            if step.kind == "insert":
                if n.is_table:
                    for tr in oxml.table_rows(n.element):
                        oxml.mark_row(tr, "ins", self.revs)
                        self.stats.rows_inserted += 1
                    seq.append((n.element, "tins"))
                else:
                    runs = oxml.paragraph_runs(n.element)
                    if runs:
                        oxml.wrap_runs(runs, "ins", self.revs)
                    seq.append((n.element, "ins"))
                    self.stats.paragraphs_inserted += 1
                continue
            assert step.i is not None
            o = old[step.i]
            if step.kind == "move_to":
                name = moves.get(step.i) or self.revs.move_name()
                moves[step.i] = name
                ops = self._move_ops(o.element, n.element)
                if ops:
                    self.stats.moves_edited += 1
                self._wrap_moved(n.element, ops, "new")
                oxml.wrap_move_range(n.element, "moveTo", self.revs, name)
                seq.append((n.element, "mto"))
                continue
            if n.is_table:
                self.table(o.element, n.element)
                seq.append((n.element, "teq"))
            else:
                self.paragraph(o.element, n.element)
                seq.append((n.element, "eq"))
        self._marks(seq)

    def _marks(self, seq: list[tuple[Any, str]]) -> None:
        """Choose every paragraph mark so that accept-all gives exactly NEW's paragraphs and reject-all
        exactly OLD's.

        In each view (accept, reject) a removed paragraph mark joins its paragraph to the next one, which
        is only possible when the next block is a paragraph: before a table (any table: LibreOffice
        resolves the mark before the table's rows) and at the end of the container the mark must stay.  So in each view the paragraphs fall into groups
        that end at a surviving mark, and each group must hold exactly one paragraph of that version
        (the others in it are empty there).  Normally each paragraph is its own group (its mark shares
        its status); a run of changes before a table or the end needs a mark to move: the deleted
        paragraphs join the kept paragraph before them, or the last deleted paragraph takes over the
        inserted one's role.  :func:`_plan_marks` finds the assignment that departs least from the normal
        one; a paragraph whose mark goes away in both views is merged with the next paragraph."""
        _, plan = _plan_marks([st for _, st in seq])
        kind_of = {"ins": "ins", "del": "del", "mfrom": "moveFrom", "mto": "moveTo"}
        for (el, st), choice in zip(seq, plan, strict=True):
            if choice is None:
                continue
            if st in kind_of:
                self._unframe(el)
            end_a, end_r = choice
            if end_a and end_r:
                oxml.clear_paragraph_mark(el)
                continue
            self._unframe(el)
            if end_a:
                oxml.set_paragraph_mark(el, "moveTo" if st == "mto" else "ins", self.revs)
            elif end_r:
                oxml.set_paragraph_mark(el, "moveFrom" if st == "mfrom" else "del", self.revs)
            else:
                _merge_into_next(el)

    def _unframe(self, p: Any) -> None:
        ppr = p.find(oxml.PPR)
        fr = None if ppr is None else ppr.find(w("framePr"))
        if fr is not None:
            ppr.remove(fr)

    def added_shape(self, txbx: Any) -> None:
        """Mark as inserted the run holding a text box NEW added (unless it is already inside an insertion),
        so that rejecting every change removes the shape, not only its text."""
        run = txbx.getparent()
        while run is not None and run.tag != oxml.R:
            run = run.getparent()
        if run is None:
            return
        anc = run.getparent()
        while anc is not None:
            if anc.tag in (oxml.INS, oxml.MOVE_TO):
                return
            anc = anc.getparent()
        oxml.wrap_runs([run], "ins", self.revs)

    def dropped_note(self, note: Any, part: Any) -> str:
        """Append to NEW's notes ``part`` a copy of OLD's ``note`` with every run deleted (and every paragraph
        mark but the last, which a note keeps); returns the copy's id."""
        ids = [oxml.revision_id(n.get(w("id"))) for n in part]
        new_id = str(max([i for i in ids if i is not None] + [0]) + 1)
        c = copy.deepcopy(note)
        oxml.sanitize_foreign(c, self.num_ids)
        c.set(w("id"), new_id)
        paragraphs = list(c.iter(oxml.P))
        for k, p in enumerate(paragraphs):
            runs = oxml.paragraph_runs(p)
            if runs:
                oxml.wrap_runs(runs, "del", self.revs)
            if k < len(paragraphs) - 1:
                oxml.set_paragraph_mark(p, "del", self.revs)
        part.append(c)
        return new_id

    # ---- a moved paragraph ------------------------------------------------------------------------------
    def _move_ops(self, old_p: Any, new_p: Any) -> list[InlineOp]:
        """The inline diff of a moved paragraph (empty when it moved unchanged)."""
        return inline_diff(oxml.paragraph_text(old_p), oxml.paragraph_text(new_p), self.lang)

    def _wrap_moved(self, p: Any, ops: list[InlineOp], side: str) -> None:
        """Mark every run of a moved paragraph: at the old place (``side="old"``, a copy of OLD's
        paragraph) the text both versions share as ``w:moveFrom`` and the text the edit removed as
        ``w:del``; at the new place (``"new"``, NEW's paragraph) the shared text as ``w:moveTo`` and the
        text the edit added as ``w:ins``.  Runs without text (fields, drawings) go with the move.

        Why flat, and not as Word writes it (the whole old clause moved, the removed words as ``w:del``
        nested in ``w:moveTo`` at the new place): LibreOffice 7.4 does not resolve nested revisions exactly
        (Accept All keeps the removed words, Reject All leaves them at the new place; the evidence is
        tests/acceptance/test_diff_realdocs.py, nested-word-form).  Here every revision stands alone, so
        any client that accepts or rejects them one by one gets NEW or OLD; Word still pairs the two
        places as one move by the range name."""
        move_kind, edit_kind, edit_op = (("moveFrom", "del", "delete") if side == "old"
                                         else ("moveTo", "ins", "insert"))
        if not ops:
            oxml.wrap_runs(oxml.paragraph_runs(p), move_kind, self.revs)
            return
        edits: list[tuple[int, int]] = []  # this side's coordinates
        cuts: set[int] = set()
        pos = 0
        for op in ops:
            if op.op != "equal" and op.op != edit_op:
                continue
            end = pos + len(op.text)
            if op.op == edit_op:
                edits.append((pos, end))
            cuts.update((pos, end))
            pos = end
        oxml.split_at(p, cuts)
        moved: list[Any] = []
        edited: list[Any] = []
        for run, s, e in oxml.text_runs(p):
            in_edit = e > s and any(a <= s and e <= b for a, b in edits)
            (edited if in_edit else moved).append(run)
        if moved:
            oxml.wrap_runs(moved, move_kind, self.revs)
        if edited:
            oxml.wrap_runs(edited, edit_kind, self.revs)

    # ---- one paragraph ----------------------------------------------------------------------------------
    def _added_references(self, p: Any) -> None:
        """Mark as inserted the runs of ``p`` that reference a note NEW added (the note's own text is marked
        inserted in its part), so that rejecting every change removes the note."""
        for kind in ("footnote", "endnote"):
            for ref in p.iter(w(f"{kind}Reference")):
                run = ref.getparent()
                if (kind, ref.get(w("id"))) in self.new_notes and run.tag == oxml.R \
                        and run.getparent().tag not in (oxml.INS, oxml.MOVE_TO):
                    oxml.wrap_runs([run], "ins", self.revs)

    def paragraph(self, old_p: Any, new_p: Any) -> None:
        if self.new_notes:
            self._added_references(new_p)
        old_text = oxml.paragraph_text(old_p)
        new_text = oxml.paragraph_text(new_p)
        ops = inline_diff(old_text, new_text, self.lang) if old_text != new_text else \
            [InlineOp("equal", new_text)]
        if self.gone_notes:
            self._dropped_references(old_p, new_p, ops)
        if old_text == new_text:
            return
        self.stats.paragraphs_modified += 1
        self._unframe(new_p)
        # positions: in new coordinates for equal/insert, old coordinates for delete
        cuts: set[int] = set()
        pos_new = pos_old = 0
        plan: list[tuple[str, int, int, int]] = []  # (op, new_start, new_end | old_start, old_end)
        for op in ops:
            n = len(op.text)
            if op.op == "equal":
                pos_new += n
                pos_old += n
            elif op.op == "insert":
                plan.append(("insert", pos_new, pos_new + n, 0))
                cuts.update((pos_new, pos_new + n))
                pos_new += n
            else:
                plan.append(("delete", pos_new, pos_old, pos_old + n))
                cuts.add(pos_new)
                pos_old += n
        oxml.split_at(new_p, cuts)
        runs = oxml.text_runs(new_p)
        for kind, a, b, _c in plan:
            if kind == "insert":
                inside = [r for r, s, e in runs if e > s and s >= a and e <= b]
                if inside:
                    oxml.wrap_runs(inside, "ins", self.revs)
        runs = oxml.text_runs(new_p)
        for kind, a, b, c in plan:
            if kind != "delete":
                continue
            dels = self._old_piece(old_p, b, c)
            if not dels:
                continue
            wrapper = self.revs.element("del")
            for r in dels:
                wrapper.append(r)
            oxml.to_deleted_text(wrapper)
            after = next((r for r, s, e in runs if s == a and e > s), None)
            if after is not None:
                anchor = after.getparent() if after.getparent().tag in (oxml.INS,) else after
                anchor.addprevious(wrapper)
                continue
            before = [r for r, s, e in runs if e == a and e > s]
            if before:
                anchor = before[-1].getparent() if before[-1].getparent().tag == oxml.INS else before[-1]
                anchor.addnext(wrapper)
            else:
                new_p.append(wrapper)

    def _old_piece(self, old_p: Any, a: int, b: int) -> list[Any]:
        """Copies of OLD's runs covering old characters [a, b), trimmed to that range."""
        from lxml import etree

        out = []
        for run, s, e in oxml.text_runs(old_p):
            if e <= a or s >= b or e == s:
                continue
            new = etree.Element(oxml.R)
            rpr = run.find(oxml.RPR)
            if rpr is not None:
                new.append(copy.deepcopy(rpr))
            pos = s
            for child, text in oxml.run_pieces(run):
                n = len(text)
                if not n:
                    continue
                lo, hi = max(a, pos), min(b, pos + n)
                if lo < hi:
                    if child.tag in (oxml.T, oxml.DEL_TEXT):
                        t = etree.SubElement(new, oxml.T)
                        t.text = (child.text or "")[lo - pos:hi - pos]  # the file's characters (a symbol
                        # font's private-use ones included: oxml.run_pieces shows them mapped, same length)
                        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    else:
                        new.append(copy.deepcopy(child))
                pos += n
            oxml.sanitize_foreign(new, self.num_ids)
            out.append(new)
        return out

    # ---- tables -----------------------------------------------------------------------------------------
    def table(self, old_t: Any, new_t: Any) -> None:
        old_rows = oxml.table_rows(old_t)
        new_rows = oxml.table_rows(new_t)
        shape_o = [len(oxml.row_cells(r)) for r in old_rows]
        shape_n = [len(oxml.row_cells(r)) for r in new_rows]
        if shape_o == shape_n:
            for ro, rn in zip(old_rows, new_rows, strict=True):
                self.row(ro, rn)
            return
        ko = [_Item(None, "\x1f".join(normalize(oxml.paragraph_text(p)) for p in r.iter(oxml.P)), r, False)
              for r in old_rows]
        kn = [_Item(None, "\x1f".join(normalize(oxml.paragraph_text(p)) for p in r.iter(oxml.P)), r, False)
              for r in new_rows]
        al = align(ko, kn, self.opts)
        al.pairs = {i: j for i, j in al.pairs.items()
                    if i not in al.moved and shape_o[i] == shape_n[j]}
        al.moved = set()
        cursor: Any = None
        for step in al.steps():
            if step.kind in ("delete", "move_from"):
                assert step.i is not None
                el = self._foreign(old_rows[step.i])
                if cursor is None:
                    new_rows[0].addprevious(el)
                else:
                    cursor.addnext(el)
                cursor = el
                oxml.mark_row(el, "del", self.revs)
                self.stats.rows_deleted += 1
                continue
            assert step.j is not None
            cursor = new_rows[step.j]
            if step.kind in ("insert", "move_to"):
                oxml.mark_row(cursor, "ins", self.revs)
                self.stats.rows_inserted += 1
            else:
                assert step.i is not None
                self.row(old_rows[step.i], cursor)

    def row(self, old_r: Any, new_r: Any) -> None:
        for co, cn in zip(oxml.row_cells(old_r), oxml.row_cells(new_r), strict=True):
            self.container(co, cn)


def _new_notes_part(doc: DocxDocument, kind: str) -> tuple[str, dict[str, Any]]:
    """A notes part (``kind``: footnote or endnote) for a package that has none: (its name, the members to
    write: the part with Word's two separator notes, the main part's relationships and the content types
    with the part added)."""
    import posixpath

    from lxml import etree

    from statementkit.adapters.docx.comments import CT_NS
    from statementkit.adapters.docx.stories import RT, rels_name
    from statementkit.adapters.xmlsafe import parse_xml
    from statementkit.adapters.zipsafe import DOCX_LIMITS, open_checked, read_member

    name = posixpath.join(posixpath.dirname(doc.part_name), f"{kind}s.xml")
    rels_part = rels_name(doc.part_name)
    with open_checked(doc.path, "DOCX", DOCX_LIMITS, DocxError) as zf:
        types = parse_xml(read_member(zf, "[Content_Types].xml", 16 * 1024 * 1024, doc.path.name, DocxError),
                          f"{doc.path.name}: [Content_Types].xml", DocxError)
        rels = (parse_xml(read_member(zf, rels_part, 16 * 1024 * 1024, doc.path.name, DocxError),
                          f"{doc.path.name}: {rels_part}", DocxError) if rels_part in zf.namelist()
                else etree.Element(f"{{{oxml.PKG_RELS_NS}}}Relationships", nsmap={None: oxml.PKG_RELS_NS}))
    root = etree.Element(w(f"{kind}s"), nsmap={"w": oxml.W_NS})
    for nid, sep in (("-1", "separator"), ("0", "continuationSeparator")):
        note = etree.SubElement(root, w(kind))
        note.set(w("type"), sep)
        note.set(w("id"), nid)
        etree.SubElement(etree.SubElement(etree.SubElement(note, oxml.P), oxml.R), w(sep))
    etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + name,
                     ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml")
    ids = {r.get("Id") for r in rels}
    rid = next(f"rIdSk{kind.title()}s{k}" for k in range(1, 10_000) if f"rIdSk{kind.title()}s{k}" not in ids)
    etree.SubElement(rels, f"{{{oxml.PKG_RELS_NS}}}Relationship", Id=rid, Type=f"{RT}{kind}s",
                     Target=posixpath.relpath(name, posixpath.dirname(doc.part_name)))
    return name, {name: root, rels_part: rels, "[Content_Types].xml": types}


def redline_tree(old: DocxDocument, new: DocxDocument, *, author: str, date: str, lang: str,
                 opts: AlignOptions | None = None) -> tuple[Any, RedlineStats]:
    """NEW's document element with OLD → NEW as tracked changes (a new tree; inputs untouched).  The other
    stories are left as they are: :func:`redline_package` covers them."""
    root, _, stats = redline_package(old, new, author=author, date=date, lang=lang, opts=opts, stories=False)
    return root, stats


def element_copies(original: Any, copied: Any) -> dict[int, Any]:
    """id(element of ``original``) -> the same element in its deep copy ``copied``."""
    return {id(a): b for a, b in zip(original.iter(), copied.iter(), strict=True)}


def redline_package(old: DocxDocument, new: DocxDocument, *, author: str, date: str, lang: str,
                    opts: AlignOptions | None = None, stories: bool = True
                    ) -> tuple[Any, dict[str, Any], RedlineStats]:
    """NEW's document element and its story parts (part name -> root; only those that received tracked
    changes) with OLD → NEW as tracked changes, story by story: the body, then each footnote, endnote,
    header, footer and text box paired as the report pairs them
    (:func:`statementkit.services.diff.stories.pair_stories`), each redlined inside its own part (a text
    box inside its ``w:txbxContent``, and its ``mc:Fallback`` copy made the same).  A note NEW added is
    inserted text and its reference an inserted run; what cannot be shown as a tracked change (a story
    OLD had and NEW dropped, a header NEW no longer has) is a line in ``stats.warnings``."""
    from lxml import etree

    from statementkit.adapters.docx.stories import fallback_twin
    from statementkit.services.diff.stories import pair_stories

    root = copy.deepcopy(new.root)
    parts = {name: copy.deepcopy(r) for name, r in new.parts.items()} if stories else {}
    where = element_copies(new.root, root)
    for name, r in new.parts.items() if stories else ():
        where.update(element_copies(r, parts[name]))
    r = _Redliner(root, oxml.num_ids(new.numbering), author, date, lang, opts or AlignOptions())
    for part in parts.values():
        r.revs.next_id = max(r.revs.next_id, oxml.Revisions(part, author, date).next_id)
    pairs = pair_stories(old.stories, new.stories, lambda s: s.text(), opts) if stories else []
    touched: set[str] = set()
    for o, n in pairs:
        if o is None and n is not None and n.kind in ("footnote", "endnote"):
            r.new_notes.add((n.kind, n.element.get(w("id"))))
        if n is None and o is not None and o.kind in ("footnote", "endnote"):
            part = next((name for name, el in parts.items() if el.tag == w(f"{o.kind}s")), None)
            if part is None and stories:
                part, added = _new_notes_part(new, o.kind)
                parts.update(added)
                touched.update(added)
            if part is not None:
                r.gone_notes[(o.kind, o.element.get(w("id")) or "")] = r.dropped_note(o.element, parts[part])
                r.stats.stories.append(o.label)
                touched.add(part)
    r.container(old.body, root.find(w("body")))
    for o, n in pairs:
        if n is None:
            assert o is not None
            if o.text().strip() and (o.kind, o.element.get(w("id")) or "") not in r.gone_notes:
                r.stats.warnings.append(f"{o.label}: deleted in NEW; not shown as a tracked change")
            continue
        if o is not None and o.text() == n.text():
            continue
        target = where[id(n.element)]
        before = r.revs.count
        if o is None and n.kind == "text box":
            r.added_shape(target)
        empty = etree.Element(n.element.tag)
        r.container(o.element if o is not None else empty, target)
        if r.revs.count == before:
            continue
        twin = fallback_twin(target) if n.kind == "text box" else None
        if twin is not None:
            for c in list(twin):
                twin.remove(c)
            for c in target:
                twin.append(copy.deepcopy(c))
        r.stats.stories.append(n.label)
        if n.part != new.part_name:
            touched.add(n.part)
    from statementkit.adapters.docx.stories import renumber_notes

    for name in touched:
        for kind in ("footnote", "endnote"):
            if parts[name].tag == w(f"{kind}s") and any(key[0] == kind for key in r.gone_notes):
                renumber_notes(root, parts[name], kind)
    r.stats.revisions = r.revs.count
    return root, {name: parts[name] for name in touched}, r.stats


def write_redline(old: DocxDocument, new: DocxDocument, out: str | Path, *, author: str, date: str,
                  lang: str, opts: AlignOptions | None = None) -> RedlineStats:
    """Write the redline DOCX to ``out`` atomically: NEW's package with its document part and the story
    parts that received tracked changes replaced (:func:`redline_package`)."""
    from lxml import etree

    root, parts, stats = redline_package(old, new, author=author, date=date, lang=lang, opts=opts)
    write_document_part(new, root, out, {name: etree.tostring(part, xml_declaration=True, encoding="UTF-8",
                                                              standalone=True) for name, part in parts.items()})
    return stats


def write_document_part(doc: DocxDocument, root: Any, out: str | Path, parts: dict[str, bytes] | None = None) -> None:
    """Write ``doc``'s package to ``out`` atomically with its main document part replaced by ``root`` and
    the members in ``parts`` (name -> bytes) replaced or added."""
    from lxml import etree

    extra = dict(parts or {})
    extra[doc.part_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with atomic_path(out) as tmp:
        try:
            with zipfile.ZipFile(doc.path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    dst.writestr(info, extra.pop(info.filename) if info.filename in extra
                                 else src.read(info.filename))
                for name, data in extra.items():
                    dst.writestr(name, data)
        except (OSError, zipfile.BadZipFile) as exc:
            raise DocxError(f"cannot write {Path(out).name} from {doc.path.name}: {exc}") from None
