"""The one guard every command runs before it writes: no output may be one of the command's inputs or stores.

"The same file" is decided on the path resolved with symbolic links followed, and, where both exist, on the
file itself (:func:`os.path.samefile`: a hard link is the same file).  A folder given as an input (the clause
library) covers every path under it.  ``diff -o`` refused this first; every command now goes through here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from statementkit.errors import UsageError


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError):  # a symlink loop: compare as given
        return path.absolute()


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: the same resolved path, or the same existing file (hard links)."""
    if _resolved(a) == _resolved(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_overwrite(outputs: Iterable[Path | None], inputs: Mapping[str, Path | None],
                     folders: Mapping[str, Path | None] | None = None) -> None:
    """Raise UsageError (exit 2) when an output is one of ``inputs`` (label → path: "the statement", "the
    translation memory" …) or lies under one of ``folders`` (label → folder).  None entries are skipped."""
    for out in outputs:
        if out is None:
            continue
        for label, path in inputs.items():
            if path is not None and same_file(out, path):
                raise UsageError(f"the output {out} would overwrite an input ({label}: {path}); choose another "
                                 "path")
        for label, folder in (folders or {}).items():
            if folder is not None and _resolved(out).is_relative_to(_resolved(folder)):
                raise UsageError(f"the output {out} would overwrite an input (part of {label}: {folder}); "
                                 "choose a path outside it")


def statement_inputs(spec: Path, library_dir: Path | None) -> tuple[dict[str, Path | None], dict[str, Path | None]]:
    """(inputs, folders) of a command on the statement at ``spec``: the statement file, its translations file
    and the clause library folder (templates and registry)."""
    from statementkit.adapters.translations_file import translations_path
    from statementkit.app.paths import default_library_dir

    return ({"the statement": spec, "its translations file": translations_path(spec)},
            {"the clause library": library_dir or default_library_dir()})
