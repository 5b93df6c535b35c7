"""The translation memory: import and export TMX 1.4b, figures, and removing units by origin or status."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class TmxImport:
    imported: int
    skipped: int  # units with fewer than two of en, zh, ru
    wrong_script: int = 0  # pairs left out: one side is not in its language's script (mislabelled languages)


def import_tmx(tmx: Path, tm_path: Path | None = None, status: str = "reviewed") -> TmxImport:
    """Add the pairs of a TMX file to the memory at ``tm_path`` (default: the user's).  Units without an
    origin or status property count as human translations of ``status`` (draft, reviewed, approved).
    The whole file is read and checked before the memory is touched."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import read_tmx
    from statementkit.model.translation import Origin, Status
    from statementkit.services.translate import checks

    pairs, skipped = read_tmx(tmx)
    good = [p for p in pairs if checks.wrong_script(checks.Output(p.source, p.target, p.src_lang, p.tgt_lang)) is None
            and checks.wrong_script(checks.Output(p.target, p.source, p.tgt_lang, p.src_lang)) is None]
    with TranslationMemory(tm_path or default_tm_path()) as memory:
        for p in good:
            memory.add(p.src_lang, p.tgt_lang, p.source, p.target, origin=p.origin or Origin.HUMAN,
                       status=p.status or Status(status))
    return TmxImport(len(good), skipped, len(pairs) - len(good))


@dataclass(frozen=True)
class MemoryStats:
    """Units of a memory by language pair, origin and status."""

    rows: tuple[tuple[str, str, str, str, int], ...]  # (src_lang, tgt_lang, origin, status, units)

    @property
    def total(self) -> int:
        return sum(r[4] for r in self.rows)

    def as_json(self) -> dict[str, object]:
        return {"total": self.total, "units": [dict(zip(("source", "target", "origin", "status", "units"), r,
                                                        strict=True)) for r in self.rows]}


def memory_stats(tm_path: Path | None = None) -> MemoryStats:
    """How many units the memory at ``tm_path`` (default: the user's) holds, by pair, origin and status."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path

    path = tm_path or default_tm_path()
    if not path.exists():
        from statementkit.errors import InputError

        raise InputError("no translation memory here", path=path)
    with TranslationMemory(path) as memory:
        return MemoryStats(tuple((a, b, o.value, s.value, n) for a, b, o, s, n in memory.stats()))


def delete_units(tm_path: Path | None = None, origin: str | None = None, status: str | None = None) -> int:
    """Remove the units of ``origin`` (template, memory, machine, human) and/or ``status`` from the memory;
    return how many.  Raises UsageError when neither is given."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.errors import InputError, UsageError
    from statementkit.model.translation import Origin, Status

    if origin is None and status is None:
        raise UsageError("say what to delete: --origin and/or --status")
    path = tm_path or default_tm_path()
    if not path.exists():
        raise InputError("no translation memory here", path=path)
    with TranslationMemory(path) as memory:
        return memory.delete(origin=Origin(origin) if origin else None, status=Status(status) if status else None)


def export_tmx(tmx: Path, tm_path: Path | None = None) -> int:
    """Write the whole memory at ``tm_path`` (default: the user's) as TMX 1.4b; return the units written."""
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory, default_tm_path
    from statementkit.adapters.tm.tmx import TmxPair, write_tmx

    with TranslationMemory(tm_path or default_tm_path()) as memory:
        pairs = [TmxPair(*u) for u in memory.all_units()]
    return write_tmx(tmx, pairs)
