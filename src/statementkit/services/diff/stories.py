"""Story-by-story comparison of two DOCX versions: footnotes, endnotes, headers, footers and text boxes are
compared like the body, each story with its own paragraphs; comments are not diffed but listed when added
or removed; content the reader does not compare (field codes, equations, drawings' text) is a warning when
it changed.  Pure: the caller reads the stories (:mod:`statementkit.adapters.docx.stories`).

Pairing: headers and footers by their key (section and type); notes and text boxes of one kind by
:func:`statementkit.services.diff.align.align` over their whole texts, so a note inserted before another
does not make every later note "changed" (Word renumbers them); comments by author and text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from statementkit.services.diff.align import AlignOptions, align
from statementkit.services.diff.model import ClauseText, DiffResult, compare, normalize

PAIRED_BY_KEY = ("header", "footer")
NOT_DIFFED = ("comment",)


@dataclass(frozen=True)
class StoryText:
    """One story of one version: ``kind`` (footnote, endnote, header, footer, comment, text box), ``key``
    (pairs it), ``label`` (names it), its paragraphs as clauses (every paragraph, empty ones included),
    ``hidden``: per paragraph, the text the reader does not compare (see
    :func:`statementkit.adapters.docx.stories.hidden_text`), and ``author`` (comments)."""

    kind: str
    key: str
    label: str
    clauses: tuple[ClauseText, ...]
    hidden: tuple[str, ...] = ()
    author: str | None = None

    @property
    def id(self) -> str | None:
        return None

    @property
    def text(self) -> str:
        return "\n".join(c.text for c in self.clauses)

    @property
    def key_text(self) -> str:  # what comments are matched on
        return normalize(" ".join(c.text for c in self.clauses))


class _ByText:
    """A story as :func:`align` sees it (no id; its whole text, normalised, as key)."""

    def __init__(self, text: str) -> None:
        self.key = normalize(text)
        self.id: str | None = None


def pair_stories(old: Sequence[Any], new: Sequence[Any], text: Any,
                 opts: AlignOptions | None = None) -> list[tuple[Any, Any]]:
    """(old story or None, new story or None) for every story of every kind but comments, in a stable
    order: headers and footers paired by ``key``, other kinds aligned by ``text(story)``.  Works on any
    objects with ``kind`` and ``key`` (the adapter's stories too, so the redline pairs as the report does)."""
    pairs: list[tuple[Any, Any]] = []
    kinds = list(dict.fromkeys([s.kind for s in old] + [s.kind for s in new]))
    for kind in kinds:
        if kind in NOT_DIFFED:
            continue
        olds = [s for s in old if s.kind == kind]
        news = [s for s in new if s.kind == kind]
        if kind in PAIRED_BY_KEY:
            by_key = {s.key: s for s in news}
            keys = {s.key for s in olds}
            pairs += [(s, by_key.get(s.key)) for s in olds]
            pairs += [(None, s) for s in news if s.key not in keys]
            continue
        al = align([_ByText(text(s)) for s in olds], [_ByText(text(s)) for s in news], opts)
        for step in al.steps():
            if step.kind == "delete":
                assert step.i is not None
                pairs.append((olds[step.i], None))
            elif step.kind == "insert":
                assert step.j is not None
                pairs.append((None, news[step.j]))
            elif step.kind != "move_from":
                assert step.i is not None and step.j is not None
                pairs.append((olds[step.i], news[step.j]))
    return pairs


@dataclass
class StoryChange:
    """A story added, deleted or modified: ``label`` (NEW's, or OLD's for a deleted story), ``old_label``
    when the story was renumbered, and the paragraph-level comparison (``result``; for an added or deleted
    story, every paragraph added or deleted)."""

    kind: str
    status: str  # added, deleted, modified
    label: str
    result: DiffResult
    old_label: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "status": self.status, "label": self.label, "old_label": self.old_label,
                "summary": self.result.counts(), "clauses": [c.to_json() for c in self.result.changes]}


@dataclass
class StoriesDiff:
    """What changed outside the body: ``changes`` per story, ``comments`` (information lines: comments
    added or removed), ``warnings`` (a change the comparison does not show, named by where it is)."""

    changes: list[StoryChange] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.changes or self.comments or self.warnings)

    def summary(self) -> str:
        """``2 other stories changed (footnote 1; header default, section 1), 1 comment added or removed,
        0 warnings`` (labels hold commas: they are separated by semicolons)."""
        def count(n: int, word: str, plural: str) -> str:
            return f"{n} {word if n == 1 else plural}"

        names = "; ".join(c.label for c in self.changes)
        return (count(len(self.changes), "other story", "other stories") + " changed"
                + (f" ({names})" if names else "")
                + f", {count(len(self.comments), 'comment', 'comments')} added or removed, "
                + count(len(self.warnings), "warning", "warnings"))

    def to_json(self) -> dict[str, Any]:
        return {"stories": [c.to_json() for c in self.changes], "comments": self.comments,
                "warnings": self.warnings}


def hidden_change(old: Sequence[str], new: Sequence[str], where: str) -> str | None:
    """A warning when the content the reader does not compare differs between ``old`` and ``new`` (per
    paragraph, compared as multisets so that a paragraph moving is no change), else None."""
    a, b = Counter(h for h in old if h), Counter(h for h in new if h)
    if a == b:
        return None
    gone, came = list((a - b).elements()), list((b - a).elements())

    def show(xs: list[str]) -> str:
        if not xs:
            return "nothing"
        s = " | ".join(x.replace("\x1f", " ").strip() for x in xs)
        return repr(s[:60] + ("…" if len(s) > 60 else ""))

    return (f"{where}: content the comparison does not show changed (field codes, equations or drawings' "
            f"text): {show(gone)} -> {show(came)}")


def compare_stories(old: Sequence[StoryText], new: Sequence[StoryText], lang: str,
                    opts: AlignOptions | None = None) -> StoriesDiff:
    """Pair the stories of two versions kind by kind and compare each pair (see the module docstring)."""
    out = StoriesDiff()
    _comments([s for s in old if s.kind in NOT_DIFFED], [s for s in new if s.kind in NOT_DIFFED], out)
    for o, n in pair_stories(old, new, lambda s: s.text, opts):
        _pair(o, n, lang, opts, out)
    return out


def _pair(o: StoryText | None, n: StoryText | None, lang: str, opts: AlignOptions | None,
          out: StoriesDiff) -> None:
    old_clauses = [c for c in (o.clauses if o else ()) if c.text.strip()]
    new_clauses = [c for c in (n.clauses if n else ()) if c.text.strip()]
    story = n or o
    assert story is not None
    result = compare(old_clauses, new_clauses, lang, opts)
    if o is None or n is None:
        if old_clauses or new_clauses:
            out.changes.append(StoryChange(story.kind, "added" if o is None else "deleted", story.label, result))
        hidden = hidden_change(o.hidden if o else (), n.hidden if n else (), story.label)
    else:
        if result.has_changes:
            out.changes.append(StoryChange(story.kind, "modified", n.label, result,
                                           o.label if o.label != n.label else None))
        hidden = hidden_change(o.hidden, n.hidden, n.label)
    if hidden:
        out.warnings.append(hidden)


def _comments(olds: list[StoryText], news: list[StoryText], out: StoriesDiff) -> None:
    def sig(s: StoryText) -> tuple[str, str]:
        return (s.author or "", s.key_text)

    a, b = Counter(sig(s) for s in olds), Counter(sig(s) for s in news)
    for (author, text), k in (a - b).items():
        out.comments.extend([f"comment removed ({author or 'no author'}): {text[:80]!r}"] * k)
    for (author, text), k in (b - a).items():
        out.comments.extend([f"comment added ({author or 'no author'}): {text[:80]!r}"] * k)


def story_lines(diff: StoriesDiff, style: Any) -> list[str]:
    """Text lines for :func:`statementkit.services.diff.render.render_text`: each changed story's changes
    prefixed with its label, then the comments and warnings."""
    from statementkit.services.diff.model import Kind
    from statementkit.services.diff.render import change_line

    lines = []
    for ch in diff.changes:
        head = ch.label + (f" (was {ch.old_label})" if ch.old_label else "")
        for c in ch.result.changes:
            if c.kind is not Kind.UNCHANGED:
                lines.append(f"{head}: {change_line(c, style)}")
    lines += diff.comments
    lines += [f"warning: {w}" for w in diff.warnings]
    if not diff.empty:
        lines.append(diff.summary())
    return lines
