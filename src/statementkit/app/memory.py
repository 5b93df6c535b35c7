"""The translation memory: import and export TMX 1.4b."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from statementkit.app.outputs import refuse_overwrite
from statementkit.errors import TranslationStoreError


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


def export_tmx(tmx: str | Path, tm_path: Path | None = None) -> int:
    """Write the whole memory at ``tm_path`` (default: the user's) as TMX 1.4b to ``tmx`` (a file, a folder or
    ``-`` as :mod:`statementkit.app.outputs`); return the units written.  A memory that does not exist is an
    error: reading never creates a store."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx
    from statementkit.app.outputs import output_target

    path = tm_path or default_tm_path()
    target = output_target(tmx, "tmx", {"tmx": (".tmx",)}, default_dir=Path("."), stem="memory", default_fmt="tmx",
                           option="TMX", inputs={"the translation memory": path})
    existing_memory(path)
    with TranslationMemory(path) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    return write_tmx(target.destination, pairs)


def existing_memory(path: Path) -> Path:
    """``path`` if a memory is there; TranslationStoreError otherwise (commands that only read a memory must
    not create one)."""
    if not path.is_file():
        raise TranslationStoreError("no translation memory here (a memory is created by 'tm import', "
                                    "'translate' or 'review import')", path=path)
    return path
