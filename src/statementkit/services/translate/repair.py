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
    rx = regex.compile(rf"(?<![\p{{N}}\p{{L}}]){regex.escape(form)}(?![\p{{N}}\p{{L}}])", regex.I)
    plain = regex.compile(regex.escape(form), regex.I)
    return [m.span() for m in (rx if not regex.search(r"\p{Han}", form) else plain).finditer(text)]


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
    for o, n in zip(old.spans, new.spans, strict=True):
        if o.source == n.source:
            continue
        found = _find_span(best.target, o)
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


def _find_span(target: str, span: Span) -> tuple[int, int, str] | None:
    """The one place the span's target stands in ``target``: (start, end, form name), None when it is not
    there or there more than once."""
    hits: set[tuple[int, int]] = set()
    form_of: dict[tuple[int, int], str] = {}
    for name, form in span.forms or (("nom", span.target),):
        for hit in _occurrences(target, form):
            hits.add(hit)
            form_of.setdefault(hit, name)
    for form in span.accepted:
        for hit in _occurrences(target, form):
            hits.add(hit)
            form_of.setdefault(hit, "nom")
    # keep only the longest hits (a form inside a longer form of the same term is the same place)
    longest = [h for h in hits if not any(o != h and o[0] <= h[0] and h[1] <= o[1] for o in hits)]
    if len(longest) != 1:
        return None
    a, b = longest[0]
    return a, b, form_of[(a, b)]
