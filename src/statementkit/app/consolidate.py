"""``statementkit consolidate BASE DRAFT… -o OUT.docx``: every party's changes to the base in one DOCX, as
tracked changes attributed to the party (:mod:`statementkit.adapters.docx.consolidate`), and the list of
conflicts.

A draft is given as ``PARTY=FILE`` (or ``FILE``, the party then being the file's stem).  The author
written for a party is its name in the document's language from the registry (``countries``) when the
label is a registry id, else the label itself.  Every input is checked before anything is written:
a draft in another language, a draft that is not a version of the base, a draft identical to the base,
an encrypted or non-DOCX draft, and two drafts from one party are each one error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.errors import InputError, UsageError

# least share of the base's paragraphs a draft must pair to count as a version of it
MIN_MATCHED = 0.5
# least similarity (rapidfuzz ratio, 0-100) for a paired paragraph to count towards it (clause ids alone
# do not: statements built from one clause library share ids)
MIN_SIMILARITY = 80.0


@dataclass(frozen=True)
class ConsolidateOptions:
    """``date``: ISO date of the tracked changes (default now); ``lang``: the documents' language
    (default detected); ``report``: file for the conflict list (JSON when it ends in .json);
    ``library_dir``: where the registry is, for the parties' names."""

    date: str | None = None
    lang: str | None = None
    report: Path | None = None
    library_dir: Path | None = None


@dataclass
class ConsolidateResult:
    output: Path
    lang: str
    authors: dict[str, str]  # party label -> w:author
    stats: Any  # adapters.docx.consolidate.ConsolidateStats
    conflict_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # changes not consolidated, one line each

    def as_json(self) -> dict[str, Any]:
        return {"output": str(self.output), "lang": self.lang, "authors": self.authors,
                "revisions": self.stats.revisions, "shared": self.stats.shared,
                "comments": self.stats.comments,
                "conflicts": [c.to_json() for c in self.stats.conflicts], "warnings": self.warnings}


def parse_draft(arg: str) -> tuple[str, Path]:
    """``PARTY=FILE`` or ``FILE`` → (party, path)."""
    if "=" in arg and not Path(arg).exists():
        party, _, file = arg.partition("=")
        if not party or not file:
            raise UsageError(f"draft {arg!r}: write PARTY=FILE")
        return party, Path(file)
    return Path(arg).stem, Path(arg)


def party_author(label: str, lang: str, registry: Any) -> str:
    """The party's name in ``lang`` from the registry's countries, else ``label``."""
    entry = None if registry is None else registry.find("countries", label)
    if entry is None:
        return label
    try:
        name = entry.name(lang)
    except (KeyError, AttributeError):
        return label
    return str(name) or label


def consolidate_versions(output: Path, base: Path | None = None, drafts: list[str] | None = None,
                         folder: Path | None = None, round_number: int | None = None,
                         options: ConsolidateOptions = ConsolidateOptions()) -> ConsolidateResult:
    """The command's use case: BASE and DRAFTs given (:func:`consolidate_drafts`), or a recorded round of
    the negotiation in ``folder`` (:func:`consolidate_round`); UsageError for both or neither."""
    if (folder is None) == (base is None) or (folder is not None and drafts):
        raise UsageError("give BASE and DRAFT…, or --dir FOLDER (not both)")
    if folder is not None:
        return consolidate_round(folder, output, round_number, options)
    assert base is not None  # checked above
    return consolidate_drafts(base, list(drafts or ()), output, options)


def consolidate_round(folder: Path, output: Path, round_number: int | None = None,
                      options: ConsolidateOptions = ConsolidateOptions()) -> ConsolidateResult:
    """Consolidate the DOCX drafts of one round of the negotiation in ``folder`` (default: the latest)
    against that round's base in ``options.lang`` (default: the first base's language), each party's
    revisions dated with the date its version was recorded.  Raises InputError (no such round, no DOCX
    base or draft in that language, a statement file where a DOCX is needed)."""
    from statementkit.app.rounds import list_rounds

    entries = list_rounds(folder)
    number = round_number if round_number is not None else max((e.round for e in entries), default=0)
    bases = [e for e in entries if e.base and e.round <= number]
    lang = options.lang or (bases[0].language if bases else None)
    base = [e for e in bases if e.language == lang][-1:]
    if not base:
        raise InputError(f"no base in {lang or 'any language'} recorded up to round {number}", path=folder)
    drafts = [e for e in entries if not e.base and e.round == number and e.language == lang]
    if not drafts:
        raise InputError(f"round {number} has no draft in {lang}", path=folder)
    for e in (*base, *drafts):
        if e.kind != "docx":
            raise InputError(f"round {e.round} {e.party}: a statement file; consolidation needs DOCX "
                             "(build it and record the DOCX)", path=folder / e.file)
    dates = {e.party: e.date for e in drafts}
    return consolidate_drafts(folder / base[0].file, [f"{e.party}={folder / e.file}" for e in drafts], output,
                              options, dates=dates)


def consolidate_drafts(base: Path, drafts: list[str], output: Path,
                       options: ConsolidateOptions = ConsolidateOptions(),
                       dates: dict[str, str] | None = None) -> ConsolidateResult:
    """Consolidate ``drafts`` against ``base`` into ``output`` (``dates``: party -> ISO date of its
    revisions, else ``options.date``).  Raises UsageError (output over an input, two drafts from one
    party, no draft), InputError (a bad draft; see the module docstring)."""
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.docx.consolidate import Party, write_consolidated
    from statementkit.adapters.docx.reader import read_docx
    from statementkit.adapters.docx.redline import format_date
    from statementkit.app.diff import detect_language
    from statementkit.services.diff.align import AlignOptions, align

    if not drafts:
        raise UsageError("give at least one DRAFT")
    from statementkit.app.outputs import refuse_overwrite, same_file

    parsed = [parse_draft(d) for d in drafts]
    inputs = [base, *(p for _, p in parsed)]
    refuse_overwrite([output, options.report],
                     {"the base": base, **{f"the draft of {party}": path for party, path in parsed}})
    if options.report is not None and same_file(output, options.report):
        raise UsageError("--report and -o name the same file")
    seen: dict[str, Path] = {}
    for party, path in parsed:
        if party in seen:
            raise UsageError(f"two drafts from {party}: {seen[party].name} and {path.name}")
        seen[party] = path
    stamp = format_date(options.date)
    for path in inputs:
        if not path.is_file():
            raise InputError("file not found", path=path)
    base_doc = read_docx(base, "accept")
    lang = options.lang or detect_language(base_doc.texts())[0] or "en"
    from statementkit.adapters.docx.redline import container_items

    base_items = container_items(base_doc.body)
    docs = []
    for party, path in parsed:
        if path.resolve() == base.resolve():
            raise InputError("is the base itself, not a draft", path=path)
        doc = read_docx(path, "accept")
        code, letters = detect_language(doc.texts())
        if code and letters >= 20 and code != lang:
            raise InputError(f"is in {code}, the base in {lang}; consolidate drafts in the base's language",
                             path=path)
        if doc.texts(nonempty=False) == base_doc.texts(nonempty=False) and \
                [st.text() for st in doc.stories] == [st.text() for st in base_doc.stories]:
            raise InputError("has no change from the base (is it the base itself?)", path=path)
        al = align(base_items, container_items(doc.body), AlignOptions())
        texts = [i for i, item in enumerate(base_items) if item.key]
        kept = sum(1 for i in texts if i in al.pairs and al.similarity.get(i, 0.0) >= MIN_SIMILARITY)
        share = kept / max(1, len(texts))
        if share < MIN_MATCHED:
            raise InputError(f"is not a version of {base.name}: only {share:.0%} of its paragraphs match",
                             path=path)
        docs.append((party, doc))
    registry = _registry(options.library_dir)
    authors = {party: party_author(party, lang, registry) for party, _ in docs}
    parties = [Party(party, authors[party], doc, format_date(dates[party]) if dates and party in dates else None)
               for party, doc in docs]
    stats = write_consolidated(base_doc, parties, output, date=stamp, lang=lang)
    result = ConsolidateResult(output, lang, authors, stats, [c.line() for c in stats.conflicts],
                               list(stats.warnings))
    if options.report is not None:
        if options.report.suffix.lower() == ".json":
            write_text(options.report, json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        else:
            write_text(options.report, "".join(line + "\n" for line in
                                               [*result.conflict_lines, *result.warnings]))
    return result


def _registry(library_dir: Path | None) -> Any:
    from statementkit.app.workspace import load_library_and_registry

    try:
        return load_library_and_registry(library_dir)[1]
    except InputError:
        return None
