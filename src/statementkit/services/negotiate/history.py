"""Per-clause history of a negotiation: who proposed which wording in which round, and where each clause
stands now.

Every version is aligned to the base text with :func:`statementkit.services.diff.align` (ids first, then
content and order, as ``diff`` does).  A clause of the base is identified by its place in the base; a
clause no base has is identified by its text (two parties proposing the same new clause propose one
clause).  Status, from each party's *latest* version:

* ``agreed``: every party's latest version has the same wording (the base's or a common new one) in the
  same place;
* ``contested``: the latest versions differ (a different wording, the clause dropped by some, or moved by
  some: a moved clause is placed after another clause than in the base, and two moves agree when they put it
  after the same clause);
* ``new``: the clause is in no base (proposed by the parties named).

The bracketed text is the consolidated text in the form negotiators circulate: agreed wording plain,
each contested stretch as ``[base wording (base, tj) / other wording (kz, uz)]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from statementkit.services.diff.align import AlignOptions, align
from statementkit.services.diff.inline import InlineOp, inline_diff
from statementkit.services.diff.model import ClauseText, normalize


@dataclass(frozen=True)
class PartyVersion:
    """One party's version in one round: clauses in the history's language, or in another language
    ``lang`` with ``base``, the base in that language (the same statement's clauses, paired with the
    history's base by clause id, else by position when both have as many clauses)."""

    party: str
    round: int
    date: str
    clauses: Sequence[ClauseText]
    lang: str | None = None
    base: Sequence[ClauseText] | None = None


@dataclass(frozen=True)
class Proposal:
    """A party's wording of a clause in one round; ``text`` None when the version drops the clause;
    ``moved_after`` when the version moves it: the text of the clause it now follows ("" at the start);
    ``lang`` when the version is in another language than the history: then ``text`` is the base's wording
    when the party kept its base's wording in its language, else the party's own text in ``lang``."""

    party: str
    round: int
    date: str
    text: str | None
    moved_after: str | None = None
    lang: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"party": self.party, "round": self.round, "date": self.date, "text": self.text,
                "moved_after": self.moved_after, **({"lang": self.lang} if self.lang else {})}


@dataclass
class ClauseHistory:
    """One clause: its id (if known), base text (None for a new clause), every proposal in round order,
    and its status (agreed, contested, new)."""

    key: str
    id: str | None
    base: str | None
    proposals: list[Proposal] = field(default_factory=list)
    status: str = "agreed"

    def latest(self) -> dict[str, str | None]:
        """Each party's wording in its latest version (None: dropped)."""
        out: dict[str, str | None] = {}
        for p in sorted(self.proposals, key=lambda p: p.round):
            out[p.party] = p.text
        return out

    def latest_places(self) -> dict[str, str | None]:
        """Each party's placement in its latest version: None where the base has it, else the text of the
        clause it follows."""
        out: dict[str, str | None] = {}
        for p in sorted(self.proposals, key=lambda p: p.round):
            out[p.party] = p.moved_after
        return out

    def latest_langs(self) -> dict[str, str | None]:
        """Each party's language in its latest version when it is not the history's, else None."""
        out: dict[str, str | None] = {}
        for p in sorted(self.proposals, key=lambda p: p.round):
            out[p.party] = p.lang
        return out

    def changes(self) -> list[Proposal]:
        """Proposals whose wording differs from the base."""
        return [p for p in self.proposals if p.text != self.base]

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "id": self.id, "status": self.status, "base": self.base,
                "latest": self.latest(), "proposals": [p.to_json() for p in self.proposals]}


@dataclass
class History:
    lang: str
    parties: list[str]
    clauses: list[ClauseHistory]

    def counts(self) -> dict[str, int]:
        out = {"agreed": 0, "contested": 0, "new": 0}
        for c in self.clauses:
            out[c.status] += 1
        return out

    def summary(self) -> str:
        n = self.counts()
        return f"{n['agreed']} agreed, {n['contested']} contested, {n['new']} new"

    def to_json(self) -> dict[str, Any]:
        return {"schema": "statementkit-history", "version": 1, "lang": self.lang, "parties": self.parties,
                "summary": self.counts(), "clauses": [c.to_json() for c in self.clauses]}


def build_history(base: Sequence[ClauseText], versions: Sequence[PartyVersion], lang: str,
                  opts: AlignOptions | None = None) -> History:
    """The history of every clause of ``base`` and of every clause a version adds, in base order (new
    clauses after the base clause they follow)."""
    rows = [ClauseHistory(f"#{i + 1}", c.id, normalize(c.text)) for i, c in enumerate(base)]
    new_rows: dict[str, ClauseHistory] = {}
    after: dict[str, int] = {}  # new clause key -> base index it follows (-1: the start)
    ordered = sorted(versions, key=lambda v: (v.round, v.party))
    for v in ordered:
        if v.base is not None and v.lang and v.lang != lang:
            _foreign_version(rows, base, v, new_rows, after, opts)
            continue
        al = align(base, v.clauses, opts)
        rev = {j: i for i, j in al.pairs.items()}
        for i, row in enumerate(rows):
            j = al.pairs.get(i)
            moved_after = None
            if j is not None and i in al.moved:
                moved_after = normalize(v.clauses[j - 1].text) if j > 0 else ""
            row.proposals.append(Proposal(v.party, v.round, v.date,
                                          None if j is None else normalize(v.clauses[j].text), moved_after))
        _added_clauses(v, rev, al.moved, {i: i for i in range(len(rows))}, new_rows, after, None)
    parties = sorted({v.party for v in versions})
    last_round = {p: max(v.round for v in versions if v.party == p) for p in parties}
    for row in [*rows, *new_rows.values()]:
        latest = row.latest()
        for p in parties:  # a party whose latest version lacks a new clause has not adopted it
            if row.base is None and p not in latest:
                latest[p] = None
        if row.base is None:
            row.status = "new"
            for p in parties:
                if not any(x.party == p and x.round == last_round[p] for x in row.proposals):
                    row.proposals.append(Proposal(p, last_round[p], "", None))
        else:
            places = row.latest_places()
            wordings = {(t, places.get(p)) for p, t in latest.items()}
            row.status = "agreed" if len(wordings) <= 1 else "contested"
    out: list[ClauseHistory] = []
    pending = sorted(new_rows.items(), key=lambda kv: after[kv[0]])
    k = 0
    for i in range(-1, len(rows)):
        if i >= 0:
            out.append(rows[i])
        while k < len(pending) and after[pending[k][0]] == i:
            out.append(pending[k][1])
            k += 1
    return History(lang, parties, out)


def _pair_bases(base: Sequence[ClauseText], other: Sequence[ClauseText]) -> dict[int, int]:
    """Clause i of the history's base → clause of the same statement's base in another language: by clause
    id, and by position for the rest when both bases have as many clauses."""
    ids = {c.id: k for k, c in enumerate(other) if c.id}
    out = {i: ids[c.id] for i, c in enumerate(base) if c.id and c.id in ids}
    if len(base) == len(other):
        taken = set(out.values())
        for i in range(len(base)):
            if i not in out and i not in taken:
                out[i] = i
    return out


def _foreign_version(rows: list[ClauseHistory], base: Sequence[ClauseText], v: PartyVersion,
                     new_rows: dict[str, ClauseHistory], after: dict[str, int], opts: AlignOptions | None) -> None:
    """Add the proposals of ``v`` (in another language, with its base): aligned to its own base, each base
    clause's wording kept (the history base's text stands for it) or changed (the party's own text)."""
    assert v.base is not None
    pairs = _pair_bases(base, v.base)
    back = {k: i for i, k in pairs.items()}
    al = align(v.base, v.clauses, opts)
    rev = {j: k for k, j in al.pairs.items()}
    for i, row in enumerate(rows):
        k = pairs.get(i)
        if k is None:
            continue  # a clause its base does not have: no proposal from this party
        j = al.pairs.get(k)
        text = None if j is None else normalize(v.clauses[j].text)
        if text is not None and text == normalize(v.base[k].text):
            text = row.base
        moved_after = None
        if j is not None and k in al.moved:
            before = rev.get(j - 1) if j > 0 else None
            moved_after = "" if j == 0 else (rows[back[before]].base or "") if before in back \
                else normalize(v.clauses[j - 1].text)
        row.proposals.append(Proposal(v.party, v.round, v.date, text, moved_after, v.lang))
    _added_clauses(v, rev, al.moved, back, new_rows, after, v.lang)


def _added_clauses(v: PartyVersion, rev: dict[int, int], moved: Any, to_base: dict[int, int],
                   new_rows: dict[str, ClauseHistory], after: dict[str, int], lang: str | None) -> None:
    """The clauses ``v`` adds (those ``rev``, version clause → aligned base clause, does not hold), each a new
    row (or a proposal on the same text another party added) placed after the history-base clause
    (``to_base``) its last aligned, unmoved predecessor stands for."""
    prev = -1
    for j, c in enumerate(v.clauses):
        if j in rev:
            k = rev[j]
            prev = to_base.get(k, prev) if k not in moved else prev
            continue
        text = normalize(c.text)
        found = new_rows.get(text)
        if found is None:
            found = ClauseHistory(f"new:{v.party}:{v.round}:{j + 1}", c.id, None)
            new_rows[text] = found
            after[text] = prev
        found.proposals.append(Proposal(v.party, v.round, v.date, text, None, lang))


def _project(ops: Sequence[InlineOp], base: str, a: int, b: int) -> str:
    """The version's text for base characters [a, b) (insertions at a..b included); ``ops`` empty means
    the version equals the base."""
    if not ops:
        return base[a:b]
    out = []
    pos = 0
    for op in ops:
        n = len(op.text)
        if op.op == "insert":
            if a <= pos <= b:
                out.append(op.text)
            continue
        if op.op == "equal":
            lo, hi = max(a, pos), min(b, pos + n)
            if lo < hi:
                out.append(op.text[lo - pos:hi - pos])
        pos += n
    return "".join(out)


def _changed_spans(ops: Sequence[InlineOp]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for op in ops:
        n = len(op.text)
        if op.op == "insert":
            spans.append((pos, pos))
        elif op.op == "delete":
            spans.append((pos, pos + n))
            pos += n
        else:
            pos += n
    return spans


Piece = tuple[str, bool]  # (text, part of a bracketed, contested stretch)


def bracketed_pieces(history: History) -> list[list[Piece]]:
    """The consolidated text as paragraphs of pieces: one paragraph per clause; contested wording in
    square brackets with the proposing parties named (``[two years (base, uz) / year (kz)]``, ``—`` for
    no words), dropped clauses and new clauses bracketed whole.  Bracketed pieces are flagged True."""
    out: list[list[Piece]] = []
    for c in history.clauses:
        latest = c.latest()
        if c.base is None:
            by = [p for p, t in latest.items() if t is not None]
            text = next(t for t in latest.values() if t is not None)
            out.append([(f"[{text}] ({', '.join(by)})", True)])
            continue
        dropped = sorted(p for p, t in latest.items() if t is None)
        langs = c.latest_langs()
        foreign = {p: t for p, t in latest.items() if t is not None and t != c.base and langs.get(p)}
        kept = {p: t for p, t in latest.items() if t is not None and p not in foreign}
        other: list[Piece] = [(f" [{p} ({langs[p]}): {t}]", True) for p, t in sorted(foreign.items())]
        movers = sorted(p for p, where in c.latest_places().items() if where is not None and latest.get(p) is not None)
        moved: list[Piece] = [(f" [moved: {', '.join(movers)}]", True)] if movers and c.status != "agreed" else []
        if c.status == "agreed" or not kept:
            plain = kept or not dropped
            out.append(([(c.base, False)] if plain else [(f"[{c.base}] (deleted: {', '.join(dropped)})", True)])
                       + other + moved)
            continue
        ops = {p: inline_diff(c.base, t, history.lang) for p, t in kept.items()}
        spans = sorted(s for o in ops.values() for s in _changed_spans(o))
        groups: list[list[int]] = []
        for a, b in spans:
            if groups and a <= groups[-1][1]:
                groups[-1][1] = max(groups[-1][1], b)
            else:
                groups.append([a, b])
        parts: list[Piece] = []
        pos = 0
        for a, b in groups:
            parts.append((c.base[pos:a], False))
            options: dict[str, list[str]] = {c.base[a:b]: ["base"]}
            for p in sorted(kept):
                options.setdefault(_project(ops[p], c.base, a, b), []).append(p)
            parts.append(("[" + " / ".join(f"{t or '—'} ({', '.join(ps)})" for t, ps in options.items()) + "]",
                          True))
            pos = b
        parts.append((c.base[pos:], False))
        parts = [x for x in parts if x[0]]
        if dropped:
            parts = [("[", True), *parts, (f"] (deleted: {', '.join(dropped)})", True)]
        out.append(parts + other + moved)
    return out


def bracketed_text(history: History) -> str:
    """:func:`bracketed_pieces` as plain text, one line per clause."""
    return "".join("".join(t for t, _ in para) + "\n" for para in bracketed_pieces(history))


def render_history_text(history: History) -> str:
    """Per clause: status, base wording, then each proposal that differs from it."""
    out = []
    for c in history.clauses:
        label = c.id or c.key
        out.append(f"[{label}] {c.status}")
        if c.base is not None:
            out.append(f"  base: {c.base}")
        for p in c.proposals:
            if p.text == c.base and p.moved_after is None:
                continue
            what = "drops the clause" if p.text is None else p.text if p.text != c.base else "keeps the wording"
            if p.lang and p.text is not None and p.text != c.base:
                what = f"({p.lang}) {what}"
            if p.moved_after is not None:
                what += f"; moves it {_after(p.moved_after)}"
            out.append(f"  {p.party} (round {p.round}{', ' + p.date if p.date else ''}): {what}")
    out.append(history.summary())
    return "\n".join(out) + "\n"


def _after(text: str) -> str:
    """Where a moved clause now stands, for text output: "to the start", "after «first words…»"."""
    if not text:
        return "to the start"
    return f"after «{text[:40]}{'…' if len(text) > 40 else ''}»"


def render_history_html(history: History, title: str = "Negotiation history") -> str:
    """One row per clause: the base, then one column per party's latest proposal with the words it
    changes marked (``<del>``/``<ins>``)."""
    from html import escape as e

    head = "".join(f"<th>{e(p)}</th>" for p in history.parties)
    rows = []
    for c in history.clauses:
        latest = c.latest()
        cells = []
        places = c.latest_places()
        for p in history.parties:
            t = latest.get(p)
            if t is not None and places.get(p) is not None:
                cells.append(f"<td class=moved><small>moved {e(_after(places[p] or ''))}</small><br>"
                             + ("".join(e(o.text) if o.op == "equal" else f"<{o.op[:3]}>{e(o.text)}</{o.op[:3]}>"
                                        for o in inline_diff(c.base, t, history.lang)) if c.base else e(t))
                             + "</td>")
            elif t is None:
                cells.append(f"<td class=dropped><del>{e(c.base or '')}</del></td>")
            elif c.base is None or t == c.base or c.latest_langs().get(p):
                cells.append(f"<td lang={c.latest_langs().get(p) or history.lang}>{e(t)}</td>")
            else:
                cells.append("<td>" + "".join(
                    e(o.text) if o.op == "equal" else f"<{o.op[:3]}>{e(o.text)}</{o.op[:3]}>"
                    for o in inline_diff(c.base, t, history.lang)) + "</td>")
        rows.append(f"<tr class={c.status}><td>{e(c.id or c.key)}<br><small>{c.status}</small></td>"
                    f"<td>{e(c.base or '')}</td>{''.join(cells)}</tr>")
    return (f"<!doctype html><html lang={history.lang}><meta charset=utf-8><title>{e(title)}</title>"
            "<style>table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;vertical-align:top}"
            "del{color:#a00}ins{color:#070}tr.contested{background:#fff6e0}</style>"
            f"<h1>{e(title)}</h1><table><tr><th>clause</th><th>base</th>{head}</tr>{''.join(rows)}</table>"
            f"<p>{e(history.summary())}</p></html>\n")
