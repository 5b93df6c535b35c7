"""Repaired memory matches: a fuzzy match whose source differs from the new source only in locked spans
(numbers, dates, registry names, acronyms) becomes a translation, with the new values put into the match's
target (the "placeable" substitution of CAT tools: memoQ's auto-patched matches, Trados' auto-localisation).

A match qualifies only when both sources, with their locked spans replaced by placeholders, are the same text,
with the same kinds of span in the same order; every span that differs must then be found exactly once in the
match's target (one of its accepted target forms), otherwise the match is left alone.  Russian registry terms
keep the grammatical case the match's target used (the registry's form for that case).  Any other fuzzy
match stays a note.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import regex

from statementkit.services.translate.base import MemoryMatch
from statementkit.services.translate.protect import Protected, Span, TermLock


@dataclass(frozen=True)
class Repaired:
    text: str
    match: MemoryMatch
    changes: tuple[tuple[str, str], ...]  # (old target form, new target form)

    def note(self) -> str:
        done = ", ".join(f"{a} -> {b}" for a, b in self.changes)
        return (f"memory match {self.match.score:.0f}% ({self.match.origin.value}, {self.match.status.value}) "
                f"repaired: {done}")


def _shape(p: Protected) -> tuple[str, tuple[str, ...]]:
    return p.placeholder_re().sub("\x00", p.text), tuple(s.kind for s in p.spans)


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    """Where ``form`` stands in ``text``, not inside a longer number or word."""
    if not form:
        return []
    edge = r"[\p{N}\p{Latin}\p{Cyrillic}]"  # a Chinese character next to a number is no boundary problem
    rx = regex.compile(rf"(?<!{edge}){regex.escape(form)}(?!{edge})", regex.I)
    return [m.span() for m in rx.finditer(text)]


def repair(tl: TermLock, source: str, matches: Sequence[MemoryMatch]) -> Repaired | None:
    """The best match (the first of ``matches``, best first) repaired for ``source``, or None when it differs in
    more than locked spans or its target cannot be patched safely.  Only the best match is tried: a lower one
    is never used silently in its place."""
    if not matches:
        return None
    best = matches[0]
    new, old = tl.protect(source), tl.protect(best.source)
    if _shape(new) != _shape(old) or not new.spans:
        return None
    edits: list[tuple[int, int, str, str]] = []
    places = [_hits(best.target, o) for o in old.spans]
    for k, (o, n) in enumerate(zip(old.spans, new.spans, strict=True)):
        if o.source == n.source:
            continue
        others = [h for j, hs in enumerate(places) if j != k for h in hs]
        found = _find_span(places[k], others)
        if found is None:
            return None
        a, b, form_name = found
        edits.append((a, b, best.target[a:b], tl.target_form(n, form_name)))
    if not edits:
        return None
    edits.sort()
    if any(edits[i][1] > edits[i + 1][0] for i in range(len(edits) - 1)):
        return None
    out, pos = [], 0
    for a, b, _, new_text in edits:
        out += [best.target[pos:a], new_text]
        pos = b
    out.append(best.target[pos:])
    return Repaired("".join(out), best, tuple((old_text, new_text) for _, _, old_text, new_text in edits))


def _hits(target: str, span: Span) -> dict[tuple[int, int], str]:
    """Every place one of the span's target forms stands in ``target``, with the form's name."""
    form_of: dict[tuple[int, int], str] = {}
    for name, form in (*span.forms, ("nom", span.target), *(("nom", a) for a in span.accepted)):
        for hit in _occurrences(target, form):
            form_of.setdefault(hit, name)
    return form_of


def _find_span(hits: dict[tuple[int, int], str], others: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The one place of a span among its ``hits`` (start, end, form name): hits inside another span's place
    (a number inside a date) and inside a longer hit of its own (a short form inside a long one) do not
    count; None when no place or more than one is left."""
    def inside(h: tuple[int, int], pool: list[tuple[int, int]]) -> bool:
        return any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in pool)

    mine = list(hits)
    left = [h for h in mine if not inside(h, mine) and not inside(h, others)]
    if len(left) != 1:
        return None
    a, b = left[0]
    return a, b, hits[(a, b)]
