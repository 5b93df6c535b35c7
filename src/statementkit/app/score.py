"""Score a translation against a reference (BLEU, chrF, TER with sacrebleu), optionally with a paired
bootstrap test of a second system.  Each side is a statement's translations, a statement, a built DOCX,
or plain lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.errors import InputError

if TYPE_CHECKING:
    from statementkit.services.score import Aligned, ScoreReport


@dataclass(frozen=True)
class ScoreOptions:
    """``metrics``: names among bleu, chrf, ter; ``compare``: a second system tested against HYP
    (paired bootstrap); ``library_dir``: for statements."""

    metrics: Sequence[str] = ("bleu", "chrf", "ter")
    compare: Path | None = None
    library_dir: Path | None = None


@dataclass
class ScoreResult:
    """The report (per-clause chrF, corpus scores with signatures, comparison) and the alignment of HYP
    with REF (``aligned.missing``: REF ids HYP lacks, scored empty)."""

    report: ScoreReport
    aligned: Aligned


def score_files(hyp: Path, ref: Path, lang: str, options: ScoreOptions = ScoreOptions()) -> ScoreResult:
    """Score HYP against REF in ``lang``.  Raises InputError for unreadable or empty inputs."""
    from statementkit.services.score import align, compare, score

    names = [m.strip().lower() for m in options.metrics if m.strip()]
    reference = read_segments(ref, lang, options.library_dir)
    second = None if options.compare is None else read_segments(options.compare, lang, options.library_dir)
    aligned = align(read_segments(hyp, lang, options.library_dir), reference)
    report = score(aligned, lang, names)
    if second is not None:
        report.comparison = compare(aligned, align(second, reference), lang, names)
    return ScoreResult(report, aligned)


def read_segments(path: Path, lang: str, library_dir: Path | None = None) -> dict[str, str] | list[str]:
    """Segments of ``lang`` in ``path``: a mapping clause id → text (translations file, statement) or a list
    of lines (DOCX paragraphs, text lines).  InputError when it has no text at all (an empty file scores
    nothing: 0.00 against anything would look like a result)."""
    got = _read_segments(path, lang, library_dir)
    texts = got.values() if isinstance(got, dict) else got
    if not any(t.strip() for t in texts):
        raise InputError("no text in this file", path=path)
    return got


def _read_segments(path: Path, lang: str, library_dir: Path | None = None) -> dict[str, str] | list[str]:
    name = path.name.lower()
    if str(path) == "-":
        from statementkit.adapters.files import read_text_lines

        return [unicodedata.normalize("NFC", line) for line in read_text_lines(path, "text file")]
    if not path.is_file():
        raise InputError("file not found" if not path.exists() else "not a file", path=path)
    if name.endswith((".translations.yaml", ".translations.yml")):
        from statementkit.adapters.translations_file import load_translations

        tr = load_translations(path, "en")
        got = {e.unit_id: e.text for e in tr if e.lang == lang}
        if not got:
            raise InputError(f"no {lang} translations in this file", path=path)
        return got
    if name.endswith((".yaml", ".yml")):
        from statementkit.adapters.docx.reader import TITLE_ID
        from statementkit.app.workspace import open_statement
        from statementkit.services.assemble.render import Renderer

        opened = open_statement(path, library_dir)
        ws = opened.workspace
        r = Renderer(ws.statement, ws.registry, ws.library, opened.translations)
        # clauses missing or absent in ``lang`` are left out: score pairs the clauses present on both sides
        return {TITLE_ID: r.title(lang), **{u.id: r.unit_text(u, lang)[0] for u in ws.statement.units()
                                            if lang not in u.clause.absent and not r.is_missing(u, lang)}}
    if name.endswith(".docx"):
        from statementkit.adapters.docx.reader import body_segments

        return body_segments(path)
    from statementkit.adapters.files import read_text_lines

    return [unicodedata.normalize("NFC", line) for line in read_text_lines(path, "text file")]
