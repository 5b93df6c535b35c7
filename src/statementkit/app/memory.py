"""The translation memory: import and export TMX 1.4b."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from statementkit.app.outputs import refuse_overwrite


@dataclass(frozen=True)
class TmxImport:
    imported: int
    skipped: int  # units with fewer than two of en, zh, ru


def import_tmx(tmx: Path, tm_path: Path | None = None, status: str = "reviewed") -> TmxImport:
    """Add the pairs of a TMX file to the memory at ``tm_path`` (default: the user's).  Units without an
    origin or status property count as human translations of ``status`` (draft, reviewed, approved).
    The whole file is read and checked before the memory is touched."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import read_tmx
    from statementkit.model.translation import Origin, Status

    refuse_overwrite([tm_path or default_tm_path()], {"the TMX file": tmx})
    pairs, skipped = read_tmx(tmx)
    with TranslationMemory(tm_path or default_tm_path()) as memory:
        for p in pairs:
            memory.add(p.src_lang, p.tgt_lang, p.source, p.target, origin=p.origin or Origin.HUMAN,
                       status=p.status or Status(status))
    return TmxImport(len(pairs), skipped)


def export_tmx(tmx: Path, tm_path: Path | None = None) -> int:
    """Write the whole memory at ``tm_path`` (default: the user's) as TMX 1.4b; return the units written."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx

    refuse_overwrite([tmx], {"the translation memory": tm_path or default_tm_path()})
    with TranslationMemory(tm_path or default_tm_path()) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    return write_tmx(tmx, pairs)
