"""statementkit tm: import and export the translation memory as TMX 1.4b."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import tm_option


@click.group()
def tm() -> None:
    """Translation memory: import and export TMX."""


@tm.command("import")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
@click.option("--status", "status", type=click.Choice(["draft", "reviewed", "approved"]), default="reviewed",
              show_default=True, help="Status of units without an x-statementkit-status property.")
def import_(tmx: Path, tm_path: Path | None, status: str) -> None:
    """Add the pairs of a TMX file (human translations unless the file says otherwise)."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import read_tmx
    from statementkit.model.translation import Origin, Status

    content = read_tmx(tmx)  # read and check everything before the memory is touched
    with TranslationMemory(tm_path or default_tm_path()) as memory:
        for p in content.pairs:
            memory.add(p.src_lang, p.tgt_lang, p.source, p.target, origin=p.origin or Origin.HUMAN,
                       status=p.status or Status(status))
    click.echo(f"imported {len(content.pairs)} pair(s); skipped {content.skipped} unit(s) with fewer than two "
               f"of en, zh, ru" + (f"; skipped {content.traditional} Traditional Chinese variant(s) (zh-TW, "
                                  "zh-HK, zh-MO, zh-Hant: never taken as zh)" if content.traditional else ""))


@tm.command("export")
@click.argument("tmx", type=click.Path(dir_okay=False, path_type=Path))
@tm_option
def export(tmx: Path, tm_path: Path | None) -> None:
    """Write the whole memory as TMX 1.4b."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx

    with TranslationMemory(tm_path or default_tm_path()) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    n = write_tmx(tmx, pairs)
    click.echo(f"exported {n} unit(s) to {tmx}")
