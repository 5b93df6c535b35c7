"""Build a statement into signature-ready DOCX, Markdown or text per language, or one parallel DOCX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit import LANGUAGES
from statementkit.errors import OutputError, ProblemsFound, UsageError

if TYPE_CHECKING:
    from statementkit.model.document import RenderedDocument

FORMATS = ("docx", "md", "txt", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    """``langs``: language codes, comma lists or "all" (as ``--lang``); ``fmt``: docx, md or txt;
    ``output``: a file (one language) or folder, None for beside the statement; ``to_stdout``: return the
    text instead of writing files (md/txt); ``final``: refuse unreviewed, flagged or stale translations;
    ``copy_for``: the alternat, office ids (or "all") whose own copies to build, each listing that party
    first (files ``<stem>.<office>.<lang>.<ext>``).  ``fmt`` pdf is PDF/A-2b through headless LibreOffice."""

    langs: Sequence[str] = ("all",)
    fmt: str = "docx"
    parallel: bool = False
    output: Path | None = None
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
    from statementkit.app.outputs import refuse_overwrite, statement_inputs
    from statementkit.app.workspace import open_statement
    from statementkit.services.assemble.render import Renderer, assemble
    from statementkit.services.translate.status import review_figures

    wanted = parse_languages(options.langs)
    fmt = options.fmt
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    if options.parallel and fmt != "docx":
        raise UsageError("--parallel writes DOCX; drop --format or use --format docx")
    if options.to_stdout and fmt in ("docx", "pdf"):
        raise UsageError("-o - writes text to stdout; use --format txt or md")
    if options.parallel and options.copy_for:
        raise UsageError("--copy-for builds the signed copies; drop --parallel")

    opened = open_statement(spec, options.library_dir)
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

    stem = spec.name[: -len(spec.suffix)] if spec.suffix else spec.name
    tags = [f"{d.meta['copy_for']}.{d.lang}" if d.meta.get("copy_for") else d.lang for d in docs]
    targets = [] if options.to_stdout else _targets(options.output, spec, stem, tags, fmt, options.parallel)
    refuse_overwrite(targets, *statement_inputs(spec, options.library_dir))  # before anything is said or written

    result = BuildResult(docs, missing=missing)
    if any(int(d.meta.get("translations", "0")) for d in docs) or review.unreviewed or review.flagged \
            or review.stale:
        result.review_line = review.line()
        if notify is not None:
            notify(result.review_line)
    if options.to_stdout:
        result.text = "\n".join(_as_text(d, fmt) for d in docs)
        return result
    result.written = targets
    _write(docs, result.written, fmt, options.parallel)
    return result


def _copies(copy_for: Sequence[str], parties: list[str]) -> list[str]:
    """The parties whose copies to build: each ``copy_for`` office, or every party for "all"."""
    out: list[str] = []
    for item in copy_for:
        for office in (parties if item == "all" else [item]):
            if office not in parties:
                raise UsageError(f"--copy-for: '{office}' is not a party of the statement (parties: "
                                 f"{', '.join(parties)}, or all)")
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
            if lg not in LANGUAGES:
                raise UsageError(f"unsupported language '{lg}' (supported: {', '.join(LANGUAGES)}, all)")
            if lg not in out:
                out.append(lg)
    return out


def _targets(out: Path | None, spec: Path, stem: str, langs: list[str], fmt: str, parallel: bool) -> list[Path]:
    if parallel:
        name = f"{stem}.parallel.docx"
        if out is None:
            return [spec.parent / name]
        return [out / name] if out.is_dir() else [out]
    names = [f"{stem}.{lg}.{fmt}" for lg in langs]
    if out is None:
        return [spec.parent / n for n in names]
    if len(langs) == 1 and not out.is_dir():
        if not (out.parent if str(out.parent) else Path(".")).is_dir():
            raise OutputError(f"output folder does not exist: {out.parent}")
        return [out]
    if not out.is_dir():
        raise OutputError(f"output folder does not exist: {out} (several languages go to a folder)")
    return [out / n for n in names]


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
