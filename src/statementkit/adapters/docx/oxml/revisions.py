"""Revisions (tracked changes): counting, accepting or rejecting those already in a document, and
writing new ones (``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo`` and their range markers)."""

from __future__ import annotations

from typing import Any

from statementkit.adapters.docx.oxml.ns import (
    DEL,
    DEL_INSTR_TEXT,
    DEL_TEXT,
    INS,
    INSTR_TEXT,
    MOVE_FROM,
    MOVE_TO,
    PPR,
    PROPERTY_CHANGES,
    RANGE_MARKS,
    REVISION_TAGS,
    RPR,
    TBL,
    TCPR,
    TR,
    TRPR,
    P,
    T,
    is_mark,
    unwrap,
    w,
)
from statementkit.adapters.docx.oxml.text import get_or_add_ppr, paragraph_runs
from statementkit.adapters.docx.oxml.values import revision_id


def count_revisions(root: Any) -> int:
    return sum(1 for el in root.iter() if el.tag in REVISION_TAGS)


def _merge_with_next(p: Any) -> None:
    """A paragraph whose mark goes away joins the following paragraph (which keeps its own mark)."""
    nxt = p.getnext()
    while nxt is not None and nxt.tag in RANGE_MARKS | {w("bookmarkStart"), w("bookmarkEnd"),
                                                        w("commentRangeStart"), w("commentRangeEnd")}:
        nxt = nxt.getnext()
    if nxt is None or nxt.tag != P:
        return  # last paragraph of its container: Word keeps it
    ppr = nxt.find(PPR)
    idx = 0 if ppr is None else nxt.index(ppr) + 1
    for k, child in enumerate([c for c in p if c.tag != PPR]):
        nxt.insert(idx + k, child)
    p.getparent().remove(p)


def resolve_revisions(root: Any, mode: str) -> int:
    """Accept (``mode="accept"``) or reject (``"reject"``) every tracked change under ``root``, in place.

    Returns how many revision elements there were.  Moves are a deletion plus an insertion; deleted
    paragraph marks join their paragraph to the next; deleted table rows are removed; property changes
    keep the current (accept) or restore the former (reject) properties."""
    n = count_revisions(root)
    if not n:
        return 0
    accept = mode == "accept"
    drop = {DEL, MOVE_FROM} if accept else {INS, MOVE_TO}
    keep = {INS, MOVE_TO} if accept else {DEL, MOVE_FROM}
    # table rows and cells first
    for trpr in list(root.iter(TRPR)):
        marks = {c.tag for c in trpr}
        tr = trpr.getparent()
        if marks & drop and tr.getparent() is not None:
            tr.getparent().remove(tr)
            continue
        for c in list(trpr):
            if c.tag in keep:
                trpr.remove(c)
    for tcpr in list(root.iter(TCPR)):
        for c in list(tcpr):
            if c.tag in (w("cellIns"), w("cellDel"), w("cellMerge")):
                tcpr.remove(c)
    for tbl in list(root.iter(TBL)):
        if tbl.find(TR) is None and tbl.getparent() is not None:
            tbl.getparent().remove(tbl)
    # paragraph marks
    joined = []
    for el in list(root.iter(INS, DEL, MOVE_FROM, MOVE_TO)):
        if not is_mark(el):
            continue
        rpr = el.getparent()
        holder = rpr.getparent()
        rpr.remove(el)
        if el.tag in drop and holder is not None and holder.tag == PPR:
            joined.append(holder.getparent())
    for p in reversed(joined):
        if p is not None and p.getparent() is not None:
            _merge_with_next(p)
    # run containers
    for el in list(root.iter(INS, DEL, MOVE_FROM, MOVE_TO)):
        if el.getparent() is None:
            continue
        if el.tag in drop:
            el.getparent().remove(el)
        else:
            if not accept:
                for t in el.iter(DEL_TEXT):
                    t.tag = T
                for t in el.iter(DEL_INSTR_TEXT):
                    t.tag = INSTR_TEXT
            unwrap(el)
    for el in list(root.iter(*RANGE_MARKS)):
        el.getparent().remove(el)
    for el in list(root.iter(*PROPERTY_CHANGES)):
        parent = el.getparent()
        if parent is None:
            continue
        if not accept:
            former = next(iter(el), None)
            if former is not None and el.tag != w("numberingChange"):
                carry = {RPR, w("sectPr")} if parent.tag == PPR else set()
                for c in list(parent):
                    if c is not el and c.tag not in carry:
                        parent.remove(c)
                for k, c in enumerate(list(former)):
                    parent.insert(k, c)
        parent.remove(el)
    return n


class Revisions:
    """Hands out w:id values and builds w:ins / w:del / w:moveFrom / w:moveTo elements for one author and
    date.  Ids start above every w:id already in the document, so they never collide."""

    def __init__(self, root: Any, author: str, date: str) -> None:
        top = 0
        wid = w("id")
        for el in root.iter():
            n = revision_id(el.get(wid))
            if n is not None:
                top = max(top, n)
        self.next_id = top + 1
        self.author = author
        self.date = date
        self.count = 0
        self.move_names = 0

    def element(self, tag: str, *, count: bool = True) -> Any:
        from lxml import etree

        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        self.next_id += 1
        el.set(w("author"), self.author)
        el.set(w("date"), self.date)
        if count:
            self.count += 1
        return el

    def move_name(self) -> str:
        self.move_names += 1
        return f"_skMove{self.move_names}"


def resolve_for_author(root: Any, author: str) -> None:
    """Accept the insertions and deletions of ``author`` and reject everyone else's, in place (what a
    reviewer gets by accepting one party's changes alone).  An author attribute naming several parties
    ("Kazakhstan; Uzbekistan", a change they proposed alike) counts for each of them.  Other revisions are
    turned into their opposite and then every revision is accepted."""
    for el in list(root.iter(INS, DEL)):
        names = [a.strip() for a in (el.get(w("author")) or "").split(";")]
        if author in names:
            continue
        if not is_mark(el):
            if el.tag == INS:
                for t in el.iter(T):
                    t.tag = DEL_TEXT
                for t in el.iter(INSTR_TEXT):
                    t.tag = DEL_INSTR_TEXT
            else:
                for t in el.iter(DEL_TEXT):
                    t.tag = T
                for t in el.iter(DEL_INSTR_TEXT):
                    t.tag = INSTR_TEXT
        el.tag = DEL if el.tag == INS else INS
    resolve_revisions(root, "accept")


_PPR_AFTER_RPR = {w("sectPr"), w("pPrChange")}


def set_paragraph_mark(p: Any, kind: str, revs: Revisions) -> None:
    """Mark the paragraph mark of ``p`` as inserted/deleted/moved (``kind`` = ins, del, moveFrom, moveTo),
    replacing any mark it had."""
    from lxml import etree

    ppr = get_or_add_ppr(p)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        anchor = next((c for c in ppr if c.tag in _PPR_AFTER_RPR), None)
        if anchor is None:
            ppr.append(rpr)
        else:
            anchor.addprevious(rpr)
    for c in list(rpr):
        if c.tag in (INS, DEL, MOVE_FROM, MOVE_TO):
            rpr.remove(c)
    rpr.insert(0, revs.element(kind, count=False))


def clear_paragraph_mark(p: Any) -> None:
    ppr = p.find(PPR)
    rpr = None if ppr is None else ppr.find(RPR)
    if rpr is not None:
        for c in list(rpr):
            if c.tag in (INS, DEL, MOVE_FROM, MOVE_TO):
                rpr.remove(c)


def to_deleted_text(el: Any) -> None:
    """w:t → w:delText and w:instrText → w:delInstrText under ``el`` (text inside a deletion)."""
    for t in el.iter(T):
        t.tag = DEL_TEXT
    for t in el.iter(INSTR_TEXT):
        t.tag = DEL_INSTR_TEXT


def wrap_runs(runs: list[Any], kind: str, revs: Revisions) -> None:
    """Wrap ``runs`` (in document order) in w:ins/w:del/w:moveFrom/w:moveTo, one wrapper per stretch of
    adjacent sibling runs."""
    k = 0
    while k < len(runs):
        first = runs[k]
        group = [first]
        while k + len(group) < len(runs) and runs[k + len(group)].getprevious() is group[-1]:
            group.append(runs[k + len(group)])
        wrapper = revs.element(kind)
        first.addprevious(wrapper)
        for r in group:
            wrapper.append(r)
        if kind in ("del", "moveFrom"):
            to_deleted_text(wrapper)
        k += len(group)


def mark_paragraph(p: Any, kind: str, revs: Revisions) -> None:
    """Every run of ``p`` and (by default) its mark as inserted/deleted/moved."""
    runs = paragraph_runs(p)
    if runs:
        wrap_runs(runs, kind, revs)
    set_paragraph_mark(p, kind, revs)


def mark_row(tr: Any, kind: str, revs: Revisions) -> None:
    """A table row inserted or deleted (w:trPr/w:ins or w:del), with all its runs."""
    from lxml import etree

    trpr = tr.find(TRPR)
    if trpr is None:
        trpr = etree.Element(TRPR)
        ex = tr.find(w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    trpr.append(revs.element("ins" if kind in ("ins", "moveTo") else "del"))
    for p in tr.iter(P):
        runs = paragraph_runs(p)
        if runs:
            wrap_runs(runs, "ins" if kind in ("ins", "moveTo") else "del", revs)


def wrap_move_range(p: Any, kind: str, revs: Revisions, name: str) -> None:
    """Put ``p`` inside a moveFromRange / moveToRange (range markers as Word writes them)."""
    from lxml import etree

    start = revs.element(f"{kind}RangeStart", count=False)
    start.set(w("name"), name)
    end = etree.Element(w(f"{kind}RangeEnd"))
    end.set(w("id"), start.get(w("id")))
    ppr = p.find(PPR)
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.addnext(end)
