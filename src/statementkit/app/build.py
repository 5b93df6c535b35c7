"""Build a statement into signature-ready DOCX, Markdown or text per language, or one parallel DOCX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit import LANGUAGES
from statementkit.errors import OutputError, ProblemsFound, UsageError, check_language, did_you_mean

if TYPE_CHECKING:
    from statementkit.model.document import RenderedDocument

FORMATS = ("docx", "md", "txt", "pdf")
SUFFIXES = {"docx": (".docx",), "md": (".md", ".markdown"), "txt": (".txt",), "pdf": (".pdf",)}


@dataclass(frozen=True)
class BuildOptions:
    """``langs``: language codes, comma lists or "all" (as ``--lang``); ``fmt``: docx, md, txt or pdf (None: from
    the output file's suffix, else docx); ``output``: a file (one document), a folder (trailing slash or an
    existing folder; created if missing), ``-`` for stdout, None for beside the statement (the one rule of
    :mod:`statementkit.app.outputs`); ``to_stdout``: the same as ``output="-"``; ``final``: refuse
    unreviewed, flagged or stale translations; ``copy_for``: the alternat, office ids (or "all") whose own
    copies to build, each listing that party first (files ``<stem>.<office>.<lang>.<ext>``).  ``fmt`` pdf is
    PDF/A-2b through headless LibreOffice."""

    langs: Sequence[str] = ("all",)
    fmt: str | None = None
    parallel: bool = False
    output: str | Path | None = None
    to_stdout: bool = False
    final: bool = False
    library_dir: Path | None = None
    copy_for: Sequence[str] = ()


@dataclass
class BuildResult:
    """The rendered documents; the files written (none with ``to_stdout``); the text for stdout; and the
    review line ("n machine translations …") when it is worth telling."""

    documents: list[RenderedDocument]
    written: list[Path] = field(default_factory=list)
    text: str | None = None
    review_line: str | None = None
    missing: list[str] = field(default_factory=list)  # one line per clause and language not built


def build_statement(spec: Path, options: BuildOptions = BuildOptions(),
                    notify: Callable[[str], None] | None = None) -> BuildResult:
    """Render every wanted language before writing anything (a bad clause leaves no file behind), then
    write them atomically.  ``notify`` receives the review line before any file is written.

    Raises UsageError (bad options), ProblemsFound (``final`` and not final), InputError, OutputError."""
    from statementkit.app.outputs import is_stdout, refuse_overwrite, statement_inputs
    from statementkit.app.workspace import open_statement
    from statementkit.services.assemble.render import Renderer, assemble
    from statementkit.services.translate.status import review_figures

    wanted = parse_languages(options.langs)
    fmt = options.fmt
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if options.parallel and fmt not in (None, "docx"):
        raise UsageError("--parallel writes DOCX; drop --format or use --format docx")
    output = "-" if options.to_stdout else options.output
    if options.parallel and options.copy_for:
        raise UsageError("--copy-for builds the signed copies; drop --parallel")

    if str(spec) == "-" and output is None:
        raise UsageError("SPEC is - (stdin): give -o (by default the outputs go beside SPEC)")
    opened = open_statement(spec, options.library_dir)
    spec = opened.spec
    ws, translations = opened.workspace, opened.translations
    st = ws.statement
    wanted = [lg for lg in (st.languages if wanted is None else wanted)]
    missing = [lg for lg in wanted if lg not in st.languages]
    if missing:
        raise UsageError(f"the statement has no {', '.join(missing)} version (its languages: "
                         f"{', '.join(st.languages)})")
    renderer = Renderer(st, ws.registry, ws.library, translations)
    review = review_figures(st, renderer, translations, wanted)
    if options.final and not review.clean:
        raise ProblemsFound(f"not final: {review.line()} (see 'statementkit status {spec}')")
    copies: list[str | None] = list(_copies(options.copy_for, [p.office for p in st.parties]))
    docs = [assemble(st, ws.registry, ws.library, lg, translations,
                     renderer=Renderer(st, ws.registry, ws.library, translations, copy_for=c) if c else renderer)
            for c in (copies or [None]) for lg in wanted]
    # a language with a clause missing is not built (one line per clause); the complete ones are
    missing = list(dict.fromkeys(
        f"clause '{uid}' is free text with no {d.lang} translation yet: the {d.lang} version is not built "
        f"(run 'statementkit translate {spec} --to {d.lang}')" for d in docs for uid in d.missing))
    docs = [d for d in docs if not d.missing]
    if missing and not docs:
        for line in missing[:-1]:
            if notify is not None:
                notify(line)
        raise ProblemsFound(missing[-1])

    stem = "statement" if str(spec) == "-" else spec.name[: -len(spec.suffix)] if spec.suffix else spec.name
    tags = [f"{d.meta['copy_for']}.{d.lang}" if d.meta.get("copy_for") else d.lang for d in docs]
    guard = statement_inputs(spec, options.library_dir)
    targets, fmt = _targets(output, spec, stem, tags, fmt, options.parallel, guard)
    refuse_overwrite([t for t in targets if not is_stdout(t)], *guard)  # before anything is said or written

    result = BuildResult(docs, missing=missing)
    if any(int(d.meta.get("translations", "0")) for d in docs) or review.unreviewed or review.flagged \
            or review.stale:
        result.review_line = review.line()
        if notify is not None:
            notify(result.review_line)
    if is_stdout(output) and fmt not in ("docx", "pdf"):
        result.text = "\n".join(_as_text(d, fmt) for d in docs)
        return result
    _write(docs, targets, fmt, options.parallel)
    result.written = [t for t in targets if not is_stdout(t)]
    return result


def _copies(copy_for: Sequence[str], parties: list[str]) -> list[str]:
    """The parties whose copies to build: each ``copy_for`` office, or every party for "all"."""
    out: list[str] = []
    for item in copy_for:
        for office in (parties if item == "all" else [item]):
            if office not in parties:
                raise UsageError(f"--copy-for: '{office}' is not a party of the statement (parties: "
                                 f"{', '.join(parties)}, or all){did_you_mean(office, parties)}")
            if office not in out:
                out.append(office)
    return out


def parse_languages(langs: Sequence[str]) -> list[str] | None:
    """Codes from ``--lang`` values (each a code or comma list), in order, once each; None for "all"."""
    out: list[str] = []
    for item in langs:
        for lg in item.split(","):
            lg = lg.strip()
            if lg == "all":
                return None
            check_language(lg, (*LANGUAGES, "all"))
            if lg not in out:
                out.append(lg)
    return out


def _targets(out: str | Path | None, spec: Path, stem: str, langs: list[str], fmt: str | None,
             parallel: bool, guard: tuple[dict[str, Path | None], dict[str, Path | None]]) -> tuple[list[Path], str]:
    """The files to write (``-`` for stdout) and the format, by the one rule of :mod:`statementkit.app.outputs`."""
    from statementkit.app.outputs import folder_of, is_stdout, output_target

    if parallel or len(langs) == 1 or (is_stdout(out) and fmt in ("md", "txt")):
        name = f"{stem}.parallel" if parallel else f"{stem}.{langs[0]}"
        suffixes = {"docx": SUFFIXES["docx"]} if parallel else SUFFIXES
        target = output_target(out, fmt, suffixes, default_dir=spec.parent, stem=name, default_fmt="docx",
                               inputs=guard[0], folders=guard[1])
        if parallel or len(langs) == 1:
            return [target.destination], target.fmt
        return [], target.fmt
    fmt = fmt or "docx"
    if is_stdout(out):
        raise UsageError(f"several {fmt.upper()} files cannot go to stdout: give one --lang, or --format txt or md")
    if out is not None:  # an input named as the output is refused first, whatever else is wrong with it
        from statementkit.app.outputs import refuse_overwrite

        refuse_overwrite([Path(out)], guard[0], guard[1])
    folder = spec.parent if out is None else folder_of(out)
    if folder is None:
        raise OutputError(f"-o {out}: several languages go to a folder: end it with a slash ({out}/)")
    return [folder / f"{stem}.{lg}{SUFFIXES[fmt][0]}" for lg in langs], fmt


def _write(docs: list[RenderedDocument], targets: list[Path], fmt: str, parallel: bool) -> None:
    from statementkit.adapters.atomic import check_parent, write_text

    for t in targets:
        check_parent(t)
    if parallel:
        from statementkit.adapters.docx.writer import write_parallel_docx

        write_parallel_docx(docs, targets[0])
        return
    if fmt == "pdf":
        from statementkit.adapters.docx.writer import write_pdf

        write_pdf(docs, targets)
        return
    for doc, target in zip(docs, targets, strict=True):
        if fmt == "docx":
            from statementkit.adapters.docx.writer import write_docx

            write_docx(doc, target)
        else:
            write_text(target, _as_text(doc, fmt))


def _as_text(doc: RenderedDocument, fmt: str) -> str:
    from statementkit.adapters.textout import to_markdown, to_text

    return to_text(doc) if fmt == "txt" else to_markdown(doc)
