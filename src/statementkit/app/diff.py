"""Compare two versions of a statement (statement files or DOCX drafts) and write what changed: text,
JSON, HTML or a redline DOCX with tracked changes.

A version is a statement file (clauses by id, rendered in one language) or a DOCX (paragraphs, clause
ids from statementkit bookmarks when present).  The comparison itself is the pure
:mod:`statementkit.services.diff`; the redline DOCX is :mod:`statementkit.adapters.docx.redline`.
:func:`diff_files` is the use case; the functions before it are its steps, for callers that need one.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from statementkit.app.outputs import refuse_overwrite
from statementkit.errors import InputError, UsageError, check_language
from statementkit.services.diff import AlignOptions, ClauseText, DiffResult, compare

FORMATS = ("text", "json", "html", "docx")
SUFFIXES = {"text": (".txt", ".diff"), "json": (".json",), "html": (".html", ".htm"), "docx": (".docx",)}
CHANGES = ("accept", "reject", "error")

_SCRIPTS = (("zh", regex.compile(r"\p{Han}")), ("ru", regex.compile(r"\p{Cyrillic}")),
            ("ar", regex.compile(r"\p{Arabic}")), ("en", regex.compile(r"\p{Latin}")))


def detect_language(texts: list[str]) -> tuple[str | None, int]:
    """The dominant script of ``texts`` as a language code for the diff (zh, ru, ar; "en" stands for any
    Latin-script text) and how many letters decided it."""
    counts: Counter[str] = Counter()
    for t in texts:
        for code, pat in _SCRIPTS:
            counts[code] += len(pat.findall(t))
    if not counts or counts.most_common(1)[0][1] == 0:
        return None, 0
    code, n = counts.most_common(1)[0]
    return code, n


@dataclass
class Version:
    path: Path
    kind: str  # "statement" or "docx"
    docx: Any = None  # DocxDocument
    workspace: Any = None
    translations: Any = None
    languages: tuple[str, ...] = ()
    detected: str | None = None
    letters: int = 0
    _cache: dict[str, list[ClauseText]] = field(default_factory=dict)

    def clauses(self, lang: str) -> list[ClauseText]:
        if lang in self._cache:
            return self._cache[lang]
        if self.kind == "docx":
            out = [ClauseText(p.clause_id, p.text, p.number, p.style) for p in self.docx.paragraphs
                   if p.text.strip()]
        else:
            out = [ClauseText(b.unit_id or "title", b.text, None if b.number is None else f"{b.number}.")
                   for b in self.rendered(lang).blocks]
        self._cache[lang] = out
        return out

    def rendered(self, lang: str) -> Any:
        from statementkit.services.assemble.render import assemble

        ws = self.workspace
        return assemble(ws.statement, ws.registry, ws.library, lang, self.translations)


def _is_zip(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def load_version(path: Path, *, changes: str, library_dir: Path | None = None) -> Version:
    """A DOCX (tracked changes already in it taken as ``changes``: accept, reject or error) or a statement
    file; ``-`` is a DOCX on stdin (a statement needs its folder); InputError for anything else."""
    from statementkit.adapters.docx.reader import read_docx

    if str(path) != "-" and not path.exists():
        raise InputError("file not found", path=path)
    suffix = path.suffix.lower()
    if str(path) == "-" or suffix in (".docx", ".docm", ".dotx") or (suffix not in (".yaml", ".yml") and _is_zip(path)):
        doc = read_docx(path, changes)  # type: ignore[arg-type]
        code, n = detect_language([p.text for p in doc.paragraphs])
        return Version(path, "docx", docx=doc, detected=code, letters=n)
    if suffix not in (".yaml", ".yml"):
        raise InputError("not a DOCX or a statement file (.yaml)", path=path)
    from statementkit.app.workspace import open_statement

    opened = open_statement(path, library_dir)
    return Version(path, "statement", workspace=opened.workspace, translations=opened.translations,
                   languages=opened.statement.languages)


def choose_language(old: Version, new: Version, lang: str | None) -> str:
    """The language to compare in; refuses two files in different languages."""
    if lang:
        check_language(lang)
    for v in (old, new):
        if lang and v.kind == "statement" and lang not in v.languages:
            raise UsageError(f"{v.path.name} has no '{lang}' version (it has {', '.join(v.languages)})")
    docx_langs = [(v, v.detected) for v in (old, new) if v.kind == "docx" and v.detected and v.letters >= 20]
    if len(docx_langs) == 2 and docx_langs[0][1] != docx_langs[1][1]:
        raise InputError(f"the two files are in different languages ({old.path.name}: {docx_langs[0][1]}, "
                         f"{new.path.name}: {docx_langs[1][1]}); compare versions in the same language")
    if lang:
        for v, code in docx_langs:
            if code in ("zh", "ru", "en") and lang in ("zh", "ru", "en") and code != lang:
                raise InputError(f"{v.path.name} is in {code}, not {lang}")
        return lang
    if docx_langs:
        code = docx_langs[0][1]
        assert code is not None
        for v in (old, new):
            if v.kind == "statement" and code not in v.languages:
                raise InputError(f"{v.path.name} has no '{code}' version, the language of the DOCX")
        return code
    statements = [v for v in (old, new) if v.kind == "statement"]
    if statements:
        shared = [lg for lg in statements[-1].languages if all(lg in s.languages for s in statements)]
        if not shared:
            raise InputError("the two statements have no language in common")
        src = statements[-1].workspace.statement.source_language
        return src if src in shared else shared[0]
    return "en"


def diff_versions(old: Version, new: Version, lang: str, opts: AlignOptions) -> DiffResult:
    result = compare(old.clauses(lang), new.clauses(lang), lang, opts,
                     old_label=str(old.path), new_label=str(new.path))
    result.meta = {"old_format": old.kind, "new_format": new.kind}
    if old.kind == "docx" and new.kind == "docx":
        result.stories = story_changes(old.docx, new.docx, lang, opts)
    elif "docx" in (old.kind, new.kind):
        from statementkit.services.diff.stories import StoriesDiff

        doc = old if old.kind == "docx" else new
        labels = [st.label for st in doc.docx.stories if st.text().strip() and st.kind != "comment"]
        if labels:
            result.stories = StoriesDiff(warnings=[
                f"{doc.path.name}: {len(labels)} other stories not compared, a statement file has none "
                f"({'; '.join(labels)})"])
    return result


def story_changes(old: Any, new: Any, lang: str, opts: AlignOptions) -> Any:
    """The other stories of two read DOCX (footnotes, endnotes, headers, footers, text boxes compared;
    comments listed) and the safety net's warnings: content the reader does not compare (field codes,
    equations, drawings' text) changed in the body, and parts statementkit does not read changed."""
    from statementkit.adapters.docx.stories import hidden_text, story_texts, unread_part_warnings
    from statementkit.services.diff.stories import compare_stories, hidden_change

    diff = compare_stories(story_texts(old), story_texts(new), lang, opts)
    body = hidden_change([hidden_text(p.element) for p in old.paragraphs],
                         [hidden_text(p.element) for p in new.paragraphs], "the body")
    diff.warnings[:0] = [body] if body else []
    diff.warnings += unread_part_warnings(old, new)
    return diff


def all_languages(old: Version, new: Version, opts: AlignOptions) -> tuple[dict[str, DiffResult], list[dict[str, Any]]]:
    """Every language both statements have, and the clauses changed in some languages but not in all."""
    if old.kind != "statement" or new.kind != "statement":
        raise UsageError("--all-langs compares two statement files")
    langs = [lg for lg in new.languages if lg in old.languages]
    if not langs:
        raise InputError("the two statements have no language in common")
    results = {lg: diff_versions(old, new, lg, opts) for lg in langs}
    changed: dict[str, set[str]] = {}
    for lg, r in results.items():
        for c in r.changes:
            if c.kind.value != "unchanged" and c.id:
                changed.setdefault(c.id, set()).add(lg)
    flags = [{"id": cid, "changed_in": sorted(ls), "unchanged_in": sorted(set(langs) - ls)}
             for cid, ls in changed.items() if ls != set(langs)]
    return results, flags


def write_docx_redline(old: Version, new: Version, lang: str, out: Path, *, author: str, date: str,
                       opts: AlignOptions) -> Any:
    """The redline DOCX: NEW with OLD → NEW as tracked changes.  Statement files are laid out as plain
    DOCX first (one temporary file each)."""
    from statementkit.adapters.docx.reader import read_docx
    from statementkit.adapters.docx.redline import write_redline
    from statementkit.adapters.docx.writer import write_docx

    with tempfile.TemporaryDirectory(prefix="sk_diff_") as tmp:
        docs = []
        for name, v in (("old", old), ("new", new)):
            if v.kind == "docx":
                docs.append(v.docx)
            else:
                p = Path(tmp) / f"{name}.docx"
                write_docx(v.rendered(lang), p)
                docs.append(read_docx(p, "accept"))
        return write_redline(docs[0], docs[1], out, author=author, date=date, lang=lang, opts=opts)


@dataclass(frozen=True)
class DiffOptions:
    """``lang``: language to compare in (default: the DOCX's, else NEW's source language); ``all_langs``:
    every language of two statement files, flagging clauses changed in some languages only; ``fmt``: text,
    json, html or docx (None: from the output's suffix, else text); ``output``: file, folder or ``-`` as
    :mod:`statementkit.app.outputs` (required for docx; None returns the body); ``author`` and
    ``date`` (ISO, default now) of the tracked changes; ``changes``: what to do with tracked changes already
    in a DOCX input; thresholds (0-100) as :class:`~statementkit.services.diff.AlignOptions`; ``colour``:
    ANSI colour in text output."""

    lang: str | None = None
    all_langs: bool = False
    fmt: str | None = None
    output: str | Path | None = None
    author: str = "statementkit"
    date: str | None = None
    changes: str = "accept"
    match_threshold: float = 60.0
    move_threshold: float = 75.0
    colour: bool = False
    library_dir: Path | None = None


@dataclass
class DiffOutcome:
    """``results``: the comparison per language compared; ``flags``: clauses changed in some languages but
    not in the others (``all_langs``); ``body``: the text/JSON/HTML when no output file was given;
    ``summaries``: the lines for stderr (the summary for formats other than text; warnings about a DOCX's
    numbering part, each "warning: FILE: …"); ``differs``: any change."""

    results: dict[str, DiffResult]
    flags: list[dict[str, Any]] = field(default_factory=list)
    body: str | None = None
    summaries: list[str] = field(default_factory=list)

    @property
    def differs(self) -> bool:
        return any(r.has_changes for r in self.results.values())


def diff_files(old: Path, new: Path, options: DiffOptions = DiffOptions()) -> DiffOutcome:
    """Compare OLD and NEW and render the result in ``options.fmt``, written to ``options.output`` or
    returned as ``body``.  Raises UsageError (bad options, output over an input), InputError."""
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.docx.redline import format_date
    from statementkit.app.outputs import output_target
    from statementkit.services.diff.render import ansi_style, plain_style, render_html, render_text

    fmt = options.fmt
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    output: Path | None = None
    if options.output is not None and str(options.output) != "-" and \
            Path(options.output).resolve() in (Path(old).resolve(), Path(new).resolve()):
        raise UsageError("the output would overwrite an input")
    if options.output is not None:
        target = output_target(options.output, fmt, SUFFIXES, default_dir=Path("."), stem=f"{Path(new).stem}.diff",
                               default_fmt="text")
        fmt, output = target.fmt, target.destination
    fmt = fmt or "text"
    if fmt == "docx" and output is None:
        raise UsageError("--format docx needs -o/--output FILE.docx")
    if fmt == "docx" and options.all_langs:
        raise UsageError("--all-langs cannot write one docx; give --lang")
    refuse_overwrite([None if output is None or str(output) == "-" else output],
                     {"the old version": old, "the new version": new})
    stamp = format_date(options.date)
    opts = AlignOptions(match_threshold=options.match_threshold, move_threshold=options.move_threshold)
    v_old = load_version(old, changes=options.changes, library_dir=options.library_dir)
    v_new = load_version(new, changes=options.changes, library_dir=options.library_dir)
    style = ansi_style if options.colour and output is None else plain_style
    numbering = [f"warning: {v.path.name}: {line}" for v in (v_old, v_new) if v.kind == "docx"
                 for line in v.docx.warnings]

    if options.all_langs:
        results, flags = all_languages(v_old, v_new, opts)
        outcome = DiffOutcome(results, flags)
        if fmt == "json":
            body = json.dumps({"schema": "statementkit-diff-all", "version": 1,
                               "languages": {lg: r.to_json() for lg, r in results.items()},
                               "inconsistent": flags}, ensure_ascii=False, indent=2) + "\n"
        elif fmt == "html":
            body = "".join(render_html(r, f"{old.name} → {new.name} ({lg})") for lg, r in results.items())
        else:
            body = _all_languages_text(results, flags, style)
        if fmt != "text":
            outcome.summaries = [f"{lg}: {r.summary()}" for lg, r in results.items()]
    else:
        language = choose_language(v_old, v_new, options.lang)
        result = diff_versions(v_old, v_new, language, opts)
        outcome = DiffOutcome({language: result})
        body = ""
        if fmt == "text":
            body = render_text(result, style)
        elif fmt == "json":
            body = json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"
        elif fmt == "html":
            body = render_html(result, f"{old.name} → {new.name}")
        elif output is not None:  # docx, whose output file is required above
            stats = write_docx_redline(v_old, v_new, language, output, author=options.author, date=stamp,
                                       opts=opts)
            if result.stories is not None:
                result.stories.warnings += stats.warnings
        if fmt != "text":  # the summary line last, as the text output ends with it
            outcome.summaries = [result.summary()]
            if result.stories is not None and not result.stories.empty:
                outcome.summaries[:0] = [*(f"warning: {w}" for w in result.stories.warnings),
                                         result.stories.summary()]
    outcome.summaries[:0] = numbering
    if output is None:
        outcome.body = body
    elif fmt != "docx":
        write_text(output, body)
    return outcome


def _all_languages_text(results: dict[str, DiffResult], flags: list[dict[str, Any]], style: Any) -> str:
    from statementkit.services.diff.render import render_text

    parts = []
    for lg, r in results.items():
        parts.append(f"== {lg} ==\n" + render_text(r, style, summary=False) + f"{lg}: {r.summary()}\n")
    for f in flags:
        parts.append(f"inconsistent [{f['id']}]: changed in {', '.join(f['changed_in'])}, "
                     f"not in {', '.join(f['unchanged_in'])}\n")
    total = {k: sum(r.counts()[k] for r in results.values()) for k in
             ("added", "deleted", "modified", "moved", "unchanged")}
    parts.append(f"{total['added']} added, {total['deleted']} deleted, {total['modified']} modified, "
                 f"{total['moved']} moved, {total['unchanged']} unchanged\n")
    return "".join(parts)
