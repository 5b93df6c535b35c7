"""statementkit build: signature-ready DOCX (or Markdown/text) per language, or one parallel DOCX."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from statementkit import LANGUAGES
from statementkit.cli.options import default_library_dir, library_option
from statementkit.errors import ProblemsFound, UsageError

if TYPE_CHECKING:
    from statementkit.model.document import RenderedDocument

_EXT = {"docx": "docx", "md": "md", "txt": "txt"}


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "langs", multiple=True, default=("all",), show_default=True,
              help="en, zh, ru or all (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "txt"]), default="docx", show_default=True)
@click.option("--parallel", is_flag=True, help="One trilingual DOCX: a row per clause, a column per language.")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=None,
              help="Output file (one language), folder (several), or - for text formats on stdout. "
                   "Default: beside SPEC.")
@click.option("--final", is_flag=True,
              help="Refuse to build while a machine-translated clause is unreviewed, flagged or stale.")
@library_option
def build(spec: Path, langs: tuple[str, ...], fmt: str, parallel: bool, out: Path | None, final: bool,
          library_dir: Path | None) -> None:
    """Build SPEC into DOCX, Markdown or text.

    \b
    Example:
      statementkit build examples/china-central-asia-ip-2023/statement.yaml --lang all -o out/
    """
    from statementkit.adapters.translations_file import load_translations, translations_path
    from statementkit.adapters.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer, assemble
    from statementkit.services.translate.status import review_figures

    wanted = _languages(langs)
    if parallel and fmt != "docx":
        raise UsageError("--parallel writes DOCX; drop --format or use --format docx")
    if str(out) == "-" and fmt == "docx":
        raise UsageError("-o - writes text to stdout; use --format txt or md")

    ws = load_workspace(spec, library_dir or default_library_dir())
    st = ws.statement
    wanted = [lg for lg in (st.languages if wanted is None else wanted)]
    missing = [lg for lg in wanted if lg not in st.languages]
    if missing:
        raise UsageError(f"the statement has no {', '.join(missing)} version (its languages: "
                         f"{', '.join(st.languages)})")
    translations = load_translations(translations_path(spec), st.source_language)
    renderer = Renderer(st, ws.registry, ws.library, translations)
    review = review_figures(st, renderer, translations, wanted)
    if final and not review.clean:
        raise ProblemsFound(f"not final: {review.line()} (see 'statementkit status {spec}')")
    # render everything before writing anything: a bad clause leaves no file behind
    docs = [assemble(st, ws.registry, ws.library, lg, translations, renderer=renderer) for lg in wanted]

    # a language with a clause missing is not built (one line per clause); the complete ones are
    missing = [f"clause '{uid}' is free text with no {d.lang} translation yet: the {d.lang} version is not "
               f"built (run 'statementkit translate {spec} --to {d.lang}')" for d in docs for uid in d.missing]
    docs = [d for d in docs if not d.missing]
    if missing and not docs:
        for line in missing[:-1]:
            click.echo(f"statementkit: {line}", err=True)
        raise ProblemsFound(missing[-1])
    if any(int(d.meta.get("translations", "0")) for d in docs) or review.unreviewed or review.flagged \
            or review.stale:
        click.echo(f"statementkit: {review.line()}", err=True)
    stem = spec.name[: -len(spec.suffix)] if spec.suffix else spec.name
    if str(out) == "-":
        _print_text(docs, fmt)
        if missing:
            raise ProblemsFound(f"{len(missing)} clause(s) missing (not built): {'; '.join(missing)}")
        return
    targets = _targets(out, spec, stem, [d.lang for d in docs], fmt, parallel)
    _write(docs, targets, fmt, parallel)
    for path in targets:
        click.echo(str(path), err=True)
    if missing:
        for line in missing[:-1]:
            click.echo(f"statementkit: {line}", err=True)
        raise ProblemsFound(missing[-1])


def _languages(langs: tuple[str, ...]) -> list[str] | None:
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
    from statementkit.errors import OutputError

    if parallel:
        name = f"{stem}.parallel.docx"
        if out is None:
            return [spec.parent / name]
        return [out / name] if out.is_dir() else [out]
    names = [f"{stem}.{lg}.{_EXT[fmt]}" for lg in langs]
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
    for doc, target in zip(docs, targets, strict=True):
        if fmt == "docx":
            from statementkit.adapters.docx.writer import write_docx

            write_docx(doc, target)
        else:
            from statementkit.adapters.textout import to_markdown, to_text

            write_text(target, to_text(doc) if fmt == "txt" else to_markdown(doc))


def _print_text(docs: list[RenderedDocument], fmt: str) -> None:
    from statementkit.adapters.textout import to_markdown, to_text

    parts = [to_text(d) if fmt == "txt" else to_markdown(d) for d in docs]
    sys.stdout.write("\n".join(parts))
