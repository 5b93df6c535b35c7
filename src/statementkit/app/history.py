"""``statementkit history``: per clause of a negotiation, who proposed which wording in which round, and
whether it is agreed, contested or new (:mod:`statementkit.services.negotiate.history`).

The versions are those recorded in the negotiation folder (:mod:`statementkit.app.rounds`); the base is
the latest base recorded in the history's language.  A version in another language is aligned to the
latest base in its own language, whose clauses are paired with the history's base by clause id (or
position): a kept wording counts as the base's, a changed one is shown in its language.  Versions in a
language no base is recorded in are listed in ``skipped``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.errors import InputError, UsageError

FORMATS = ("text", "json", "html", "bracketed", "docx")


@dataclass(frozen=True)
class HistoryOptions:
    """``fmt``: text, json, html, bracketed (the consolidated text with contested wording in square
    brackets) or docx (the bracketed text as a DOCX; needs ``output``); ``lang``: language (default the base's); ``output``: file to write (None: returned as
    ``body``)."""

    fmt: str = "text"
    lang: str | None = None
    output: Path | None = None
    library_dir: Path | None = None


@dataclass
class HistoryResult:
    history: Any  # services.negotiate.History
    body: str | None = None
    skipped: list[str] = field(default_factory=list)


def load_entry_clauses(folder: Path, entry: Any, lang: str, library_dir: Path | None = None) -> list[Any]:
    """The clauses of one recorded version in ``lang``."""
    from statementkit.app.diff import load_version

    v = load_version(folder / entry.file, changes="accept", library_dir=library_dir)
    return v.clauses(lang)


def report_history(folder: Path, options: HistoryOptions = HistoryOptions()) -> HistoryResult:
    """The history of the negotiation in ``folder``.  Raises UsageError (unknown format), InputError (no
    base or no version recorded)."""
    from statementkit.adapters.atomic import write_text
    from statementkit.app.outputs import refuse_overwrite
    from statementkit.app.rounds import list_rounds
    from statementkit.services.negotiate import PartyVersion, bracketed_text, build_history
    from statementkit.services.negotiate.history import render_history_html, render_history_text

    refuse_overwrite([options.output], {"the negotiation index": folder / "negotiation.json"},
                     {"the negotiation's copies": folder / "rounds"})
    if options.fmt not in FORMATS:
        raise UsageError(f"unknown format '{options.fmt}' (known: {', '.join(FORMATS)})")
    if options.fmt == "docx" and (options.output is None or options.output.suffix.lower() != ".docx"):
        raise UsageError("--format docx needs -o/--output FILE.docx")
    entries = list_rounds(folder)
    bases = [e for e in entries if e.base]
    if not bases:
        raise InputError("no base recorded (statementkit round add FILE --party HOST --base)", path=folder)
    lang = options.lang or bases[0].language
    in_lang = [e for e in bases if e.language == lang]
    if not in_lang:
        raise InputError(f"no base in {lang} recorded", path=folder)
    base = in_lang[-1]
    base_in = {e.language: e for e in bases}  # the latest base in each language
    drafts = [e for e in entries if not e.base and e.language in base_in]
    skipped = [f"round {e.round} {e.party}: {e.language} (no base in {e.language})" for e in entries
               if not e.base and e.language not in base_in]
    if not drafts:
        raise InputError(f"no version recorded besides the base (in {', '.join(sorted(base_in))})", path=folder)
    base_clauses = load_entry_clauses(folder, base, lang, options.library_dir)
    other_bases = {lg: load_entry_clauses(folder, e, lg, options.library_dir) for lg, e in base_in.items()
                   if lg != lang and any(d.language == lg for d in drafts)}
    versions = [PartyVersion(e.party, e.round, e.date, load_entry_clauses(folder, e, e.language, options.library_dir),
                             e.language, other_bases[e.language]) if e.language != lang else
                PartyVersion(e.party, e.round, e.date, load_entry_clauses(folder, e, lang, options.library_dir))
                for e in drafts]
    history = build_history(base_clauses, versions, lang)
    if options.fmt == "json":
        body = json.dumps({**history.to_json(), "skipped": skipped}, ensure_ascii=False, indent=2) + "\n"
    elif options.fmt == "html":
        body = render_history_html(history, f"Negotiation history ({lang})")
    elif options.fmt == "bracketed":
        body = bracketed_text(history)
    elif options.fmt == "docx":
        from statementkit.adapters.docx.bracketed import write_bracketed_docx
        from statementkit.services.negotiate.history import bracketed_pieces

        assert options.output is not None  # checked above
        write_bracketed_docx(bracketed_pieces(history), options.output, lang=lang,
                             title=f"Consolidated text ({lang}): {history.summary()}")
        return HistoryResult(history, skipped=skipped)
    else:
        body = render_history_text(history)
    result = HistoryResult(history, skipped=skipped)
    if options.output is None:
        result.body = body
    else:
        write_text(options.output, body)
    return result
