"""``statementkit score``: BLEU, chrF and TER of a translation against a reference, with sacrebleu."""

from __future__ import annotations

import json
from pathlib import Path

import click

from statementkit.cli.options import default_library_dir, json_option, library_option


@click.command()
@click.argument("hyp", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ref", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", required=True, type=click.Choice(["zh", "ru", "en"]), help="Language of HYP and REF.")
@click.option("--metrics", default="bleu,chrf,ter", show_default=True, help="Comma-separated metrics.")
@click.option("--compare", "hyp2", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A second system: paired bootstrap test of it against HYP.")
@library_option
@json_option
def score(hyp: Path, ref: Path, lang: str, metrics: str, hyp2: Path | None, library_dir: Path | None,
          as_json: bool) -> None:
    """Score HYP against REF: each a translations file or statement (matched by clause id), a built DOCX,
    or line-aligned text.  Prints chrF per clause and corpus scores with sacrebleu's signatures.

    \b
    Example:
      statementkit score machine.translations.yaml statement.translations.yaml --lang zh
    """
    from statementkit.adapters.score_inputs import read_segments
    from statementkit.services.score import align, compare
    from statementkit.services.score import score as run_score

    lib = library_dir or default_library_dir()
    names = [m.strip().lower() for m in metrics.split(",") if m.strip()]
    reference = read_segments(ref, lang, lib)
    aligned = align(read_segments(hyp, lang, lib), reference)
    report = run_score(aligned, lang, names)
    if hyp2 is not None:
        report.comparison = compare(aligned, align(read_segments(hyp2, lang, lib), reference), lang, names)
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return
    width = max(len(i) for i in aligned.ids)
    click.echo(f"{'clause':<{width}}  chrF")
    for ident, value in report.per_segment:
        click.echo(f"{ident:<{width}}  {value:6.2f}")
    for c in report.corpus:
        click.echo(f"{c.text}\n  {c.signature}")
    for row in report.comparison:
        click.echo(f"{row['metric']}: baseline {row['baseline']:.2f}, system {row['system']:.2f} "
                   f"(p = {row['p_value']:.4f}, paired bootstrap)")
    if aligned.missing:
        click.echo(f"missing in HYP (scored empty): {', '.join(aligned.missing)}", err=True)
