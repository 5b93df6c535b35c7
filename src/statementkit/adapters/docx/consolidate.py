"""Consolidate N parties' drafts against one base into one DOCX of tracked changes, each attributed to the
party that proposed it.

The output is BASE's package with its document part rewritten.  Each draft is aligned to the base block
by block (:func:`statementkit.services.diff.align`, clause ids first), then each paragraph both have is
diffed word by word (:func:`statementkit.services.diff.inline.inline_diff`).  A draft's changes become
revisions whose ``w:author`` is that party:

* an edit inside a paragraph: the base words it removes as ``w:del``, the words it adds as ``w:ins`` right
  after them;
* a paragraph the draft drops: all its runs and its paragraph mark as ``w:del``;
* a paragraph (or table) the draft adds: a copy of it as ``w:ins``, placed after the base block it
  follows in the draft; parties adding at the same place follow one another in party order;
* a moved paragraph: dropped at its old place and added at its new place (two revisions, not Word's move
  ranges, so that each party's move stays independent of the others' edits of the same clause).

Two parties making the same edit make one revision whose author names both ("Kazakhstan; Uzbekistan").
Two parties whose edits overlap (the same words changed differently, a paragraph one drops and the other
edits, two different insertions at one place) conflict: both proposals appear (each base word deleted
once, by the first party in order whose edit covers it; every party's added words after it) and the
conflict is reported.  Where two parties replaced the same words differently, the later party's proposal is a
change inside the earlier one's, as Word records a reviewer editing another's insertion: the earlier party's
inserted words stand inside its ``w:ins`` as a ``w:del`` of the later party, followed by the later party's
``w:ins``, and the replaced words are deleted in the name of all of them; accepting every revision gives the
last proposal, accepting one party's alone (rejecting the others) its own wording.  Comments in the drafts are carried over with their authors
(:mod:`statementkit.adapters.docx.comments`), each anchored to the whole paragraph it stood in.  Where a party's edits conflict with nobody's, accepting that party's revisions and
rejecting everyone else's gives that party's draft's paragraph texts exactly
(:func:`oxml.resolve_for_author`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.adapters.docx import oxml
from statementkit.adapters.docx.reader import DocxDocument
from statementkit.adapters.docx.redline import container_items, write_document_part
from statementkit.services.diff.align import AlignOptions, align
from statementkit.services.diff.inline import inline_diff, map_offset


@dataclass(frozen=True)
class Party:
    """A draft and who sent it: ``label`` (kz), ``author`` (the name written as ``w:author``) and
    ``date`` of its revisions (``YYYY-MM-DDThh:mm:ssZ``; None: the consolidation's date)."""

    label: str
    author: str
    doc: DocxDocument
    date: str | None = None


@dataclass(frozen=True)
class Conflict:
    """Overlapping changes to one base paragraph (``paragraph``: 1-based block number in the base
    body): the base words at stake and each party's wording of them."""

    paragraph: int
    base: str
    proposals: tuple[tuple[str, str], ...]  # (party label, its wording)

    def line(self) -> str:
        props = "; ".join(f"{p}: \"{t}\"" if t else f"{p}: (deleted)" for p, t in self.proposals)
        return f"conflict in paragraph {self.paragraph}: \"{self.base}\" -> {props}"

    def to_json(self) -> dict[str, Any]:
        return {"paragraph": self.paragraph, "base": self.base,
                "proposals": [{"party": p, "text": t} for p, t in self.proposals]}


@dataclass
class ConsolidateStats:
    revisions: dict[str, int] = field(default_factory=dict)  # party label -> revisions attributed to it
    conflicts: list[Conflict] = field(default_factory=list)
    shared: int = 0  # edits two or more parties made alike
    matched: dict[str, float] = field(default_factory=dict)  # party -> share of base blocks it pairs
    warnings: list[str] = field(default_factory=list)  # changes not consolidated, one line each
    comments: int = 0  # comments carried over from the drafts


@dataclass
class _Edit:
    a: int
    b: int
    text: str
    parties: list[int]
    whole: bool = False  # the paragraph dropped (its mark too)


def _edits(base_text: str, draft_text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) on base characters turning ``base_text`` into ``draft_text``."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    for op in inline_diff(base_text, draft_text, lang):
        n = len(op.text)
        if op.op == "equal":
            pos += n
        elif op.op == "delete":
            out.append((pos, pos + n, ""))
            pos += n
        elif out and out[-1][1] == pos and not out[-1][2]:
            a, b, _ = out[-1]
            out[-1] = (a, b, op.text)
        else:
            out.append((pos, pos, op.text))
    return out


def _overlap(x: _Edit, y: _Edit) -> bool:
    if x.a < y.b and y.a < x.b:
        return True
    if (x.a == x.b and y.a < x.a < y.b) or (y.a == y.b and x.a < y.a < x.b):
        return True
    return x.a == x.b == y.a == y.b


class _Consolidator:
    def __init__(self, base: DocxDocument, parties: list[Party], date: str, lang: str,
                 opts: AlignOptions) -> None:
        self.root = copy.deepcopy(base.root)
        self.base = base
        self.parties = parties
        self.lang = lang
        self.opts = opts
        self.revs = oxml.Revisions(self.root, "", date)
        self.date = date
        self.num_ids = oxml.num_ids(base.numbering)
        self.stats = ConsolidateStats({p.label: 0 for p in parties})
        from statementkit.adapters.docx.redline import element_copies

        self.parts = {name: copy.deepcopy(r) for name, r in base.parts.items()}
        self.where = element_copies(base.root, self.root)  # base element -> the output's, before any edit
        for name, r in base.parts.items():
            self.where.update(element_copies(r, self.parts[name]))
        self.touched: set[str] = set()  # story parts that received tracked changes
        self.carried: set[tuple[int, str, str]] = set()  # (party, note kind, draft's id) of notes carried over
        self.added_notes: dict[int, dict[tuple[str, str], Any]] = {}  # party -> its added notes' elements

    def _author(self, parties: list[int]) -> str:
        for k in parties:
            self.stats.revisions[self.parties[k].label] += 1
        self.revs.date = self.parties[parties[0]].date or self.date
        self.revs.author = "; ".join(self.parties[k].author for k in parties)
        return self.revs.author

    def run(self) -> Any:
        body = self.root.find(oxml.w("body"))
        old_items = container_items(self.base.body)
        out_blocks = oxml.block_items(body)
        n = len(old_items)
        # the paragraphs (or tables) of the output that receive edits: id -> (element, base block number)
        targets: dict[int, tuple[Any, int]] = {}
        edits: dict[int, list[_Edit]] = {}

        def add(el: Any, block: int, e: _Edit) -> None:
            targets.setdefault(id(el), (el, block))
            edits.setdefault(id(el), []).append(e)

        inserts: dict[int, list[tuple[int, list[Any]]]] = {}
        self.placed: dict[int, Any] = {}  # id(draft paragraph) -> the output paragraph holding it
        from statementkit.services.diff.stories import pair_stories

        for k, party in enumerate(self.parties):
            self.added_notes[k] = {(n.kind, n.element.get(oxml.w("id")) or ""): n.element
                                   for o, n in pair_stories(self.base.stories, party.doc.stories,
                                                            lambda st: st.text(), self.opts)
                                   if o is None and n is not None and n.kind in ("footnote", "endnote")}
        for k, party in enumerate(self.parties):
            new_items = container_items(party.doc.body)
            al = align(old_items, new_items, self.opts)
            for i, j in list(al.pairs.items()):
                if i in al.moved or old_items[i].is_table != new_items[j].is_table:
                    del al.pairs[i]
            al.moved = set()
            self.stats.matched[party.label] = len(al.pairs) / max(1, n)
            anchor = -1
            for step in al.steps():
                if step.kind == "delete":
                    assert step.i is not None
                    anchor = step.i
                    text = "" if old_items[step.i].is_table else oxml.paragraph_text(out_blocks[step.i])
                    add(out_blocks[step.i], step.i, _Edit(0, len(text), "", [k], whole=True))
                elif step.kind == "insert":
                    assert step.j is not None
                    group = inserts.setdefault(anchor, [])
                    if group and group[-1][0] == k:
                        group[-1][1].append(new_items[step.j].element)
                    else:
                        group.append((k, [new_items[step.j].element]))
                else:
                    assert step.i is not None and step.j is not None
                    anchor = step.i
                    pairs = self._paragraph_pairs(old_items[step.i].element, out_blocks[step.i],
                                                  new_items[step.j].element)
                    for _, out_p, new_p in pairs or ():
                        self.placed[id(new_p)] = out_p
                    if old_items[step.i].is_table and old_items[step.i].key == new_items[step.j].key:
                        continue
                    if pairs is None:
                        self.stats.warnings.append(
                            f"{party.label}: table at paragraph {step.i + 1} changed in its rows or cells; "
                            "not consolidated (compare it by hand)")
                        continue
                    for old_p, out_p, new_p in pairs:
                        bt, dt = oxml.paragraph_text(old_p), oxml.paragraph_text(new_p)
                        if self.added_notes[k]:
                            self._carry_notes(k, bt, dt, out_p, new_p)
                        if bt != dt:
                            for a, b, t in _edits(bt, dt, self.lang):
                                add(out_p, step.i, _Edit(a, b, t, [k]))
        for key in sorted(targets, key=lambda x: targets[x][1]):
            el, block = targets[key]
            self._block(block, el, edits[key])
        for anchor in sorted(inserts, reverse=True):
            self._insert(anchor, out_blocks, body, inserts[anchor])
        return self.root

    def carry_comments(self, sink: Any) -> None:
        """Every comment of every draft into ``sink``, anchored to the output paragraph that holds the
        draft paragraph it stood in; a comment with no such paragraph is a warning."""
        from statementkit.adapters.docx.comments import anchored_comments, read_comments

        next_id = sink.next_id(self.root)
        # a comment the output already has (the base's own, or one an earlier draft carried) is not repeated
        have = {_comment_key(c) for c in sink.root.iter(oxml.w("comment"))}
        for party in self.parties:
            comments = read_comments(party.doc.path, party.doc.part_name)
            if not comments:
                continue
            done: set[str] = set()
            for p in party.doc.root.iter(oxml.P):
                for cid in anchored_comments(p):
                    if cid in done or cid not in comments:
                        continue
                    done.add(cid)
                    if _comment_key(comments[cid]) in have:
                        continue
                    have.add(_comment_key(comments[cid]))
                    target = self.placed.get(id(p))
                    if target is None:
                        self.stats.warnings.append(f"{party.label}: comment {cid} stands in a paragraph that "
                                                   "could not be placed; not carried")
                        continue
                    sink.add(comments[cid], target, next_id)
                    next_id += 1
                    self.stats.comments += 1

    def _carry_notes(self, k: int, base_text: str, draft_text: str, out_p: Any, new_p: Any) -> None:
        """The notes party ``k`` added in ``new_p`` (a draft paragraph paired with base paragraph ``out_p``):
        each note copied into the base's notes part as inserted text, and its reference an inserted run at
        the same place in ``out_p``, both attributed to the party.  A note whose kind the base has no part
        for stays a warning (:meth:`stories`)."""
        from lxml import etree

        ops = inline_diff(base_text, draft_text, self.lang) if base_text != draft_text else []
        runs = oxml.text_runs(out_p)
        for run, start, _ in oxml.text_runs(new_p):
            for kind in ("footnote", "endnote"):
                for ref in run.iter(oxml.w(f"{kind}Reference")):
                    key = (kind, ref.get(oxml.w("id")) or "")
                    note = self.added_notes[k].get(key)
                    part = next((name for name, el in self.parts.items() if el.tag == oxml.w(f"{kind}s")), None)
                    if note is None or part is None:
                        continue
                    ids = [oxml.revision_id(n.get(oxml.w("id"))) for n in self.parts[part]]
                    new_id = str(max([i for i in ids if i is not None] + [0]) + 1)
                    self._author([k])
                    c = copy.deepcopy(note)
                    oxml.sanitize_foreign(c, self.num_ids)
                    c.set(oxml.w("id"), new_id)
                    for p in c.iter(oxml.P):
                        oxml.mark_paragraph(p, "ins", self.revs)
                    last = list(c.iter(oxml.P))[-1:]
                    for p in last:
                        oxml.clear_paragraph_mark(p)  # a note's last paragraph mark stays
                    new_run = etree.Element(oxml.R)
                    rpr = run.find(oxml.RPR)
                    if rpr is not None:
                        new_run.append(copy.deepcopy(rpr))
                    etree.SubElement(new_run, oxml.w(f"{kind}Reference")).set(oxml.w("id"), new_id)
                    wrapper = self.revs.element("ins")
                    wrapper.append(new_run)
                    at = map_offset(ops, start, to_old=True)
                    before = [r for r, s, e in runs if e == at and e > s]
                    after = [r for r, s, e in runs if s == at and e > s]
                    if before:
                        before[-1].addnext(wrapper)
                    elif after:
                        after[0].addprevious(wrapper)
                    else:
                        out_p.append(wrapper)
                    self.parts[part].append(c)
                    self.carried.add((k, *key))
                    self.touched.add(part)

    def stories(self) -> dict[str, Any]:
        """Each party's edits of the base's footnotes, endnotes, headers, footers and text boxes as tracked
        changes attributed to it, inside the part that holds the story (as ``diff`` redlines them).  A
        story two parties changed differently, a story a draft adds or drops, and a story whose draft holds
        pictures, notes or links into the draft's own package are warnings (not consolidated).  Returns the
        parts that received changes (name -> root)."""
        from statementkit.adapters.docx.redline import _Redliner
        from statementkit.adapters.docx.stories import fallback_twin
        from statementkit.services.diff.stories import pair_stories

        changed: dict[int, list[tuple[int, Any, Any]]] = {}
        for k, party in enumerate(self.parties):
            for o, n in pair_stories(self.base.stories, party.doc.stories, lambda st: st.text(), self.opts):
                if o is None or n is None:
                    st = n or o
                    if o is None and (k, n.kind, n.element.get(oxml.w("id")) or "") in self.carried:
                        continue
                    if st.text().strip():
                        self.stats.warnings.append(f"{party.label}: {st.label} {'added' if o is None else 'dropped'}"
                                                   " in the draft; not consolidated (compare it by hand)")
                elif o.text() != n.text():
                    changed.setdefault(id(o.element), []).append((k, o, n))
        touched = self.touched
        for items in changed.values():
            _, o, n = items[0]
            labels = ", ".join(self.parties[k].label for k, _, _ in items)
            if len({x.text() for _, _, x in items}) > 1:
                self.stats.warnings.append(f"{o.label}: changed differently by {labels}; not consolidated "
                                           "(compare it by hand)")
                continue
            draft = copy.deepcopy(n.element)
            if any(True for _ in draft.iter(*_FOREIGN_IN_STORY)) or any(
                    a.startswith(f"{{{oxml.R_NS}}}") for el in draft.iter() for a in el.attrib):
                self.stats.warnings.append(f"{o.label}: changed by {labels}, but it holds pictures, notes or "
                                           "links; not consolidated (compare it by hand)")
                continue
            red = _Redliner(self.root, self.num_ids, "", self.date, self.lang, self.opts)
            red.revs = self.revs
            before = self.revs.count
            self._author([k for k, _, _ in items])
            red.container(o.element, draft)
            for k, _, _ in items:
                self.stats.revisions[self.parties[k].label] += self.revs.count - before - 1
            target = self.where[id(o.element)]
            for twin in (target, fallback_twin(target) if o.kind == "text box" else None):
                if twin is None:
                    continue
                for c in [c for c in twin if c.tag != oxml.w("sectPr")]:
                    twin.remove(c)
                for c in draft:
                    twin.append(copy.deepcopy(c))
            if o.part != self.base.part_name:
                touched.add(o.part)
        from statementkit.adapters.docx.stories import renumber_notes

        for name in touched:
            root = self.parts[name]
            for kind in ("footnote", "endnote"):
                if root.tag == oxml.w(f"{kind}s") and any(c[1] == kind for c in self.carried):
                    renumber_notes(self.root, root, kind)
        return {name: self.parts[name] for name in touched}

    @staticmethod
    def _paragraph_pairs(old: Any, out: Any, new: Any) -> list[tuple[Any, Any, Any]] | None:
        """(base, output, draft) paragraphs of one block: the paragraph itself, or a table's paragraphs
        cell by cell when both tables have the same rows, cells and paragraphs (else None)."""
        if old.tag == oxml.P:
            return [(old, out, new)]
        lists = [list(t.iter(oxml.P)) for t in (old, out, new)]
        shapes = [[len(oxml.row_cells(r)) for r in oxml.table_rows(t)] for t in (old, new)]
        if shapes[0] != shapes[1] or len(lists[0]) != len(lists[2]):
            return None
        return list(zip(*lists, strict=True))

    # ---- changes inside one base block ------------------------------------------------------------------
    def _block(self, i: int, el: Any, raw: list[_Edit]) -> None:
        merged: list[_Edit] = []
        for e in raw:  # the same edit from several parties is one revision
            same = next((m for m in merged if (m.a, m.b, m.text, m.whole) == (e.a, e.b, e.text, e.whole)), None)
            if same is not None:
                same.parties.extend(e.parties)
                self.stats.shared += 1
            else:
                merged.append(e)
        self._conflicts(i, el, merged)
        if el.tag == oxml.TBL:
            for e in merged:
                if e.whole:
                    self._author(e.parties)
                    for tr in oxml.table_rows(el):
                        oxml.mark_row(tr, "del", self.revs)
            return
        merged.sort(key=lambda e: (min(e.parties), e.a))
        oxml.split_at(el, {x for e in merged for x in (e.a, e.b)})
        runs = oxml.text_runs(el)
        by_run: dict[int, _Edit] = {}
        for e in merged:
            for idx, (_, s, t) in enumerate(runs):
                if t > s and e.a <= s and t <= e.b and idx not in by_run:
                    by_run[idx] = e
        for e in merged:
            mine = [runs[idx][0] for idx in sorted(by_run) if by_run[idx] is e]
            if mine:  # the words are deleted by every party that replaced exactly them, whatever its wording
                rivals = [k for m in merged if m is not e and (m.a, m.b) == (e.a, e.b) and m.text and e.text
                          and not m.whole and not e.whole for k in m.parties]
                self._author(sorted(set(e.parties + rivals), key=(e.parties + rivals).index))
                oxml.wrap_runs(mine, "del", self.revs)
        # competing proposals for the same words: each later one is a change inside the earlier one's (its
        # words deleted by the later party, inside that party's insertion), so accepting every revision gives
        # the last proposal, and accepting one party's alone (rejecting the rest) still gives its own wording
        host: dict[int, _Edit] = {}
        for e in merged:
            if e.text and not e.whole and e.a < e.b:
                earlier = [m for m in merged if m is not e and (m.a, m.b) == (e.a, e.b) and m.text and not m.whole
                           and min(m.parties) < min(e.parties)]
                if earlier:
                    host[id(e)] = max(earlier, key=lambda m: min(m.parties))
        last_at: dict[int, Any] = {}
        wrappers: dict[int, Any] = {}
        for e in sorted(merged, key=lambda e: (e.b, min(e.parties))):
            if e.text:
                self._add_text(el, runs, e, last_at)
                wrappers[id(e)] = last_at[e.b]
                if id(e) in host and id(host[id(e)]) in wrappers:
                    self._delete_inside(wrappers[id(host[id(e)])], e)
        for e in merged:
            if e.whole:
                self._drop_mark(el, e)

    def _conflicts(self, i: int, el: Any, merged: list[_Edit]) -> None:
        seen: set[int] = set()
        text = oxml.paragraph_text(el) if el.tag == oxml.P else ""
        for x, e in enumerate(merged):
            if x in seen:
                continue
            group = [e]
            for y in range(x + 1, len(merged)):
                if y not in seen and any(_overlap(g, merged[y]) for g in group):
                    group.append(merged[y])
                    seen.add(y)
            if len(group) < 2 or len({k for g in group for k in g.parties}) < 2:
                continue
            a, b = min(g.a for g in group), max(g.b for g in group)
            props: list[tuple[str, str]] = []
            for g in group:
                wording = text[a:g.a] + g.text + text[g.b:b] if not g.whole else ""
                props.extend((self.parties[k].label, wording) for k in g.parties)
            self.stats.conflicts.append(Conflict(i + 1, text[a:b], tuple(props)))

    def _add_text(self, p: Any, runs: list[tuple[Any, int, int]], e: _Edit, last_at: dict[int, Any]) -> None:
        from lxml import etree

        x = e.b
        before = [r for r, s, t in runs if t == x and t > s]
        after = [r for r, s, t in runs if s == x and t > s]
        model = before[-1] if before else (after[0] if after else None)
        run = etree.Element(oxml.R)
        rpr = None if model is None else model.find(oxml.RPR)
        if rpr is not None:
            run.append(copy.deepcopy(rpr))
        t = etree.SubElement(run, oxml.T)
        t.text = e.text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self._author(e.parties)
        wrapper = self.revs.element("ins")
        wrapper.append(run)
        if x in last_at:
            last_at[x].addnext(wrapper)
        elif before:
            r = before[-1]
            anchor = r.getparent() if r.getparent().tag in (oxml.INS, oxml.DEL) else r
            anchor.addnext(wrapper)
        elif after:
            r = after[0]
            anchor = r.getparent() if r.getparent().tag in (oxml.INS, oxml.DEL) else r
            anchor.addprevious(wrapper)
        else:
            p.append(wrapper)
        last_at[x] = wrapper

    def _delete_inside(self, insertion: Any, e: _Edit) -> None:
        """Mark the runs of an earlier party's ``w:ins`` as deleted by ``e``'s parties (a ``w:del`` inside the
        ``w:ins``, as Word records one reviewer deleting another's insertion)."""
        runs = [r for r in insertion if r.tag == oxml.R]
        if not runs:
            return
        self._author(e.parties)
        wrapper = self.revs.element("del")
        runs[0].addprevious(wrapper)
        for r in runs:
            wrapper.append(r)
            for t in r.iter(oxml.T):
                t.tag = oxml.DEL_TEXT

    def _drop_mark(self, p: Any, e: _Edit) -> None:
        nxt = p.getnext()
        while nxt is not None and nxt.tag not in (oxml.P, oxml.TBL, oxml.w("sectPr")):
            nxt = nxt.getnext()
        self._author(e.parties)
        if nxt is not None and nxt.tag == oxml.P:
            oxml.set_paragraph_mark(p, "del", self.revs)
            return
        prev = p.getprevious()
        while prev is not None and prev.tag not in (oxml.P, oxml.TBL):
            prev = prev.getprevious()
        if prev is not None and prev.tag == oxml.P and not _mark_revised(prev):
            oxml.set_paragraph_mark(prev, "del", self.revs)  # the last paragraph's mark cannot go

    # ---- blocks a party adds ----------------------------------------------------------------------------
    def _insert(self, anchor: int, blocks: list[Any], body: Any, groups: list[tuple[int, list[Any]]]) -> None:
        new: list[Any] = []
        for k, elements in groups:
            for src in elements:
                c = copy.deepcopy(src)
                oxml.sanitize_foreign(c, self.num_ids)
                for src_p, c_p in zip(src.iter(oxml.P), c.iter(oxml.P), strict=True):
                    self.placed[id(src_p)] = c_p
                self._author([k])
                if c.tag == oxml.TBL:
                    for tr in oxml.table_rows(c):
                        oxml.mark_row(tr, "ins", self.revs)
                else:
                    oxml.mark_paragraph(c, "ins", self.revs)
                new.append((k, c))
        if anchor >= 0:
            cursor = blocks[anchor]
            for _, c in new:
                cursor.addnext(c)
                cursor = c
        else:
            first = blocks[0] if blocks else None
            for _, c in new:
                if first is not None:
                    first.addprevious(c)
                else:
                    body.insert(0, c)
        last_k, last = new[-1]
        nxt = last.getnext()
        while nxt is not None and nxt.tag not in (oxml.P, oxml.TBL, oxml.w("sectPr")):
            nxt = nxt.getnext()
        if last.tag == oxml.P and (nxt is None or nxt.tag != oxml.P):
            # the last mark of the body (or before a table) cannot be inserted: the mark before it is
            prev = last.getprevious()
            if prev is not None and prev.tag == oxml.P and not _mark_revised(prev):
                oxml.clear_paragraph_mark(last)
                self._author([last_k])
                oxml.set_paragraph_mark(prev, "ins", self.revs)


# what a draft's story may hold that points into the draft's own package (and so cannot be copied over)
_FOREIGN_IN_STORY = tuple(oxml.w(t) for t in ("drawing", "pict", "object", "footnoteReference",
                                             "endnoteReference", "commentReference"))


def _comment_key(c: Any) -> tuple[str, str]:
    """A comment's author and text, what tells two copies of one comment apart from two comments."""
    return c.get(oxml.w("author")) or "", " ".join("".join(c.itertext()).split())


def _mark_revised(p: Any) -> bool:
    ppr = p.find(oxml.PPR)
    rpr = None if ppr is None else ppr.find(oxml.RPR)
    return rpr is not None and any(c.tag in (oxml.INS, oxml.DEL) for c in rpr)


def consolidate_tree(base: DocxDocument, parties: list[Party], *, date: str, lang: str,
                     opts: AlignOptions | None = None) -> tuple[Any, ConsolidateStats]:
    """BASE's document element with every party's changes as attributed tracked changes (a new tree)."""
    c = _Consolidator(base, parties, date, lang, opts or AlignOptions())
    root = c.run()
    return root, c.stats


def write_consolidated(base: DocxDocument, parties: list[Party], out: str | Path, *, date: str, lang: str,
                       opts: AlignOptions | None = None) -> ConsolidateStats:
    """Write the consolidated DOCX to ``out`` atomically (BASE's package, document part replaced)."""
    from lxml import etree

    from statementkit.adapters.docx.comments import CommentSink

    c = _Consolidator(base, parties, date, lang, opts or AlignOptions())
    root = c.run()
    stories = c.stories()
    sink = CommentSink(base.path, base.part_name)
    c.carry_comments(sink)
    parts = {name: etree.tostring(r, xml_declaration=True, encoding="UTF-8", standalone=True)
             for name, r in stories.items()}
    write_document_part(base, root, out, {**parts, **sink.parts()})
    return c.stats
