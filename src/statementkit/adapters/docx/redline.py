"""Write the new version of a DOCX with real tracked changes against the old one.

The output is NEW's own document part (its styles, numbering, images and untouched runs kept as they
are) with:

* inserted text and paragraphs as ``w:ins`` (paragraph marks in ``w:pPr/w:rPr/w:ins``),
* deleted text and paragraphs copied from OLD as ``w:del`` / ``w:delText`` at the place they stood,
* a clause moved elsewhere as ``w:moveFrom`` (old place) and ``w:moveTo`` (new place) inside named
  move ranges,
* table rows inserted or deleted as ``w:trPr/w:ins`` / ``w:del``,

all attributed to one author and date, so that accepting every change gives NEW's paragraph texts and
rejecting every change gives OLD's.  Paragraph marks at the end of a body or cell follow the rules that
keep that true (the last paragraph mark of a container cannot be inserted or deleted; the mark before it
is).  Content controls are unwrapped (LibreOffice drops tracked changes inside them) and frame
properties are removed from paragraphs that carry changes, for the same reason.

Within each container (the body, a table cell) blocks are aligned with the same service as the
clause report (:func:`statementkit.services.diff.align`); tables are compared row by row.
"""

from __future__ import annotations

import copy
import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from statementkit.adapters.atomic import atomic_path
from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.oxml import w
from statementkit.adapters.docx.reader import DocxDocument, split_number
from statementkit.errors import DocxError
from statementkit.services.diff.align import Alignment, AlignOptions, align
from statementkit.services.diff.inline import inline_diff
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
    rows_inserted: int = 0
    rows_deleted: int = 0


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


def _items(container: Any) -> list[_Item]:
    out = []
    for el in oxml.block_items(container):
        if el.tag == oxml.TBL:
            out.append(_Item(None, _table_key(el), el, True))
        else:
            cid, key = _para_key(el)
            out.append(_Item(cid, key, el, False))
    return out


class _Redliner:
    def __init__(self, new_root: Any, known_num_ids: set[str], author: str, date: str, lang: str,
                 opts: AlignOptions) -> None:
        self.revs = oxml.Revisions(new_root, author, date)
        self.num_ids = known_num_ids
        self.lang = lang
        self.opts = opts
        self.stats = RedlineStats(0)

    # ---- alignment --------------------------------------------------------------------------------------
    def _align(self, old: list[_Item], new: list[_Item]) -> Alignment:
        al = align(old, new, self.opts)
        for i, j in list(al.pairs.items()):
            if old[i].is_table != new[j].is_table or (i in al.moved and (not old[i].key or old[i].is_table)):
                del al.pairs[i]
                al.moved.discard(i)
        return al

    def _foreign(self, el: Any) -> Any:
        c = copy.deepcopy(el)
        oxml.sanitize_foreign(c, self.num_ids)
        return c

    # ---- containers -------------------------------------------------------------------------------------
    def container(self, old_c: Any, new_c: Any) -> None:
        old = _items(old_c)
        new = _items(new_c)
        al = self._align(old, new)
        seq: list[tuple[Any, str]] = []  # (element, status) in final order; status eq/ins/del/mfrom/mto
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

        for step in al.steps():
            if step.kind in ("delete", "move_from"):
                assert step.i is not None
                o = old[step.i]
                el = self._foreign(o.element)
                place(el)
                if o.is_table:
                    for tr in oxml.table_rows(el):
                        oxml.mark_row(tr, "del", self.revs)
                        self.stats.rows_deleted += 1
                    seq.append((el, "table"))
                elif step.kind == "move_from":
                    name = self.revs.move_name()
                    moves[step.i] = name
                    oxml.wrap_runs(oxml.paragraph_runs(el), "moveFrom", self.revs)
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
                    seq.append((n.element, "table"))
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
                oxml.wrap_runs(oxml.paragraph_runs(n.element), "moveTo", self.revs)
                oxml.wrap_move_range(n.element, "moveTo", self.revs, name)
                seq.append((n.element, "mto"))
                continue
            if n.is_table:
                self.table(o.element, n.element)
                seq.append((n.element, "table"))
            else:
                self.paragraph(o.element, n.element)
                seq.append((n.element, "eq"))
        self._marks(seq)

    def _marks(self, seq: list[tuple[Any, str]]) -> None:
        """Set paragraph marks so that accept-all and reject-all give exactly NEW and OLD (see module
        docstring): normally a paragraph's mark shares its status; the container's last mark is kept and
        the mark before the trailing block of changes takes its place."""
        kind_of = {"ins": "ins", "del": "del", "mfrom": "moveFrom", "mto": "moveTo"}
        for el, st in seq:
            if st in kind_of:
                oxml.set_paragraph_mark(el, kind_of[st], self.revs)
                self._unframe(el)
        # a table, like the end of the container, has no paragraph mark to take over: treat every stretch
        # of paragraphs before a table or the end as a container of its own
        segment: list[tuple[Any, str]] = []
        for item in [*seq, (None, "table")]:
            if item[1] == "table":
                if segment:
                    self._tail(segment, kind_of)
                segment = []
            else:
                segment.append(item)

    def _tail(self, seq: list[tuple[Any, str]], kind_of: dict[str, str]) -> None:
        k = len(seq)
        while k > 0 and seq[k - 1][1] in kind_of:
            k -= 1
        tail = seq[k:]
        if not tail:
            return
        dels = [el for el, st in tail if st in ("del", "mfrom")]
        inss = [el for el, st in tail if st in ("ins", "mto")]
        prev = seq[k - 1] if k > 0 and seq[k - 1][1] == "eq" else None
        last = tail[-1][0]
        if prev is not None:
            if inss and not dels:
                oxml.set_paragraph_mark(prev[0], "ins", self.revs)
            else:
                oxml.set_paragraph_mark(prev[0], "del", self.revs)
                if inss:
                    oxml.set_paragraph_mark(dels[-1], "ins", self.revs)
            self._unframe(prev[0])
            oxml.clear_paragraph_mark(last)
        elif dels and inss:
            # nothing before the changes in this container: the last deleted paragraph and the first
            # inserted one share a paragraph (the deleted text, then the inserted text)
            dm, i1 = dels[-1], inss[0]
            ppr = i1.find(oxml.PPR)
            at = 0 if ppr is None else i1.index(ppr) + 1
            for c in [c for c in dm if c.tag != oxml.PPR]:
                i1.insert(at, c)
                at += 1
            end = dm.getnext()
            if end is not None and end.tag in oxml.RANGE_MARKS:
                i1.addnext(end)
            dm.getparent().remove(dm)
            if len(dels) > 1:
                oxml.set_paragraph_mark(dels[-2], "del", self.revs)
            oxml.clear_paragraph_mark(last)
        else:
            oxml.clear_paragraph_mark(last)

    def _unframe(self, p: Any) -> None:
        ppr = p.find(oxml.PPR)
        fr = None if ppr is None else ppr.find(w("framePr"))
        if fr is not None:
            ppr.remove(fr)

    # ---- one paragraph ----------------------------------------------------------------------------------
    def paragraph(self, old_p: Any, new_p: Any) -> None:
        old_text = oxml.paragraph_text(old_p)
        new_text = oxml.paragraph_text(new_p)
        if old_text == new_text:
            return
        ops = inline_diff(old_text, new_text, self.lang)
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
                        t.text = text[lo - pos:hi - pos]
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


def redline_tree(old: DocxDocument, new: DocxDocument, *, author: str, date: str, lang: str,
                 opts: AlignOptions | None = None) -> tuple[Any, RedlineStats]:
    """NEW's document element with OLD → NEW as tracked changes (a new tree; inputs untouched)."""
    root = copy.deepcopy(new.root)
    r = _Redliner(root, oxml.num_ids(new.numbering), author, date, lang, opts or AlignOptions())
    r.container(old.body, root.find(w("body")))
    r.stats.revisions = r.revs.count
    return root, r.stats


def write_redline(old: DocxDocument, new: DocxDocument, out: str | Path, *, author: str, date: str,
                  lang: str, opts: AlignOptions | None = None) -> RedlineStats:
    """Write the redline DOCX to ``out`` atomically: NEW's package with its document part replaced."""
    from lxml import etree

    root, stats = redline_tree(old, new, author=author, date=date, lang=lang, opts=opts)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with atomic_path(out) as tmp:
        try:
            with zipfile.ZipFile(new.path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():
                    if info.filename == new.part_name:
                        dst.writestr(info, data)
                    else:
                        dst.writestr(info, src.read(info.filename))
        except (OSError, zipfile.BadZipFile) as exc:
            raise DocxError(f"cannot write the redline from {new.path.name}: {exc}") from None
    return stats
