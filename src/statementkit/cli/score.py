"""``statementkit score``: BLEU, chrF and TER of a translation against a reference, with sacrebleu."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import emit_json, json_option, language_option, library_option


@click.command()
@click.argument("hyp", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("ref", type=click.Path(dir_okay=False, path_type=Path))
@language_option("Language of HYP and REF (zh, ru or en).", required=True)
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
    from statementkit.app.score import ScoreOptions, score_files
    from statementkit.errors import plural

    result = score_files(hyp, ref, lang, ScoreOptions(metrics=tuple(metrics.split(",")), compare=hyp2,
                                                      library_dir=library_dir))
    report, aligned = result.report, result.aligned
    if as_json:
        emit_json(report.as_json())
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
    if aligned.left_out:
        click.echo(f"scored {plural(len(aligned.ids), 'clause')} present in both; left out {aligned.left_out} "
                   f"(only in REF: {len(aligned.missing)}, only in HYP: {len(aligned.extra)})", err=True)
