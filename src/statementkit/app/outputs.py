"""Where every command's outputs go, by one rule, and the one guard every command runs before it writes.

The rule for ``-o`` (and every other output path) in every command (:func:`output_target`):

- ``-`` is standard output (binary formats only when stdout is not a terminal: see ``adapters/atomic.py``).
- A trailing slash, or an existing folder, names a folder: created if missing, the default file name inside.
- Anything else is a file whose suffix must fit the format: with an explicit format a suffix of another
  format is refused; without one the format is taken from the suffix; a suffix of no format is refused.

The guard (:func:`refuse_overwrite`): no output may be one of the command's inputs or stores.

"The same file" is decided on the path resolved with symbolic links followed, and, where both exist, on the
file itself (:func:`os.path.samefile`: a hard link is the same file).  A folder given as an input (the clause
library) covers every path under it.  ``diff -o`` refused this first; every command now goes through here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from statementkit.errors import OutputError, UsageError


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


# ---- the -o rule ----------------------------------------------------------------------------------------
STDOUT = "-"  # as adapters.atomic.STDOUT: the writers send a file named "-" to standard output


@dataclass(frozen=True)
class Target:
    """Where one output goes: ``path`` (None: stdout) in format ``fmt``."""

    path: Path | None
    fmt: str

    @property
    def stdout(self) -> bool:
        return self.path is None

    @property
    def destination(self) -> Path:
        """The path the writers take (``-`` for stdout)."""
        return Path(STDOUT) if self.path is None else self.path


def is_stdout(output: str | Path | None) -> bool:
    """True for ``-``."""
    from statementkit.adapters.atomic import is_stdout as dash

    return dash(output)


def folder_of(output: str | Path | None, *, create: bool = True) -> Path | None:
    """The folder ``output`` names (trailing slash, or an existing folder), created if missing; else None."""
    if output is None or is_stdout(output):
        return None
    raw = os.fspath(output)
    if not (raw.endswith(("/", os.sep)) or Path(raw).is_dir()):
        return None
    folder = Path(raw)
    if create and not folder.is_dir():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create the folder {raw}: {exc.strerror or exc}") from None
    return folder


def format_of(path: Path, fmt: str | None, suffixes: Mapping[str, tuple[str, ...]], *, option: str = "-o") -> str:
    """The format of an output file: ``fmt`` when given (its suffix must fit), else the one its suffix names.

    ``suffixes`` maps each format to its suffixes, first the usual one (``{"docx": (".docx",), …}``).
    Raises UsageError for a suffix of another format or of none."""
    suffix = path.suffix.lower()
    by_suffix = {s: f for f, ss in suffixes.items() for s in ss}
    known = ", ".join(s for ss in suffixes.values() for s in ss)
    if fmt is not None:
        if suffix in suffixes.get(fmt, ()):
            return fmt
        hint = f"; for {by_suffix[suffix]} use --format {by_suffix[suffix]}" if suffix in by_suffix else ""
        raise UsageError(f"{option} {path}: a {fmt} file ends in {', '.join(suffixes[fmt])}{hint} "
                         "(a trailing slash names a folder)")
    if suffix in by_suffix:
        return by_suffix[suffix]
    raise UsageError(f"{option} {path}: cannot tell the format from the suffix '{suffix or '(none)'}' (known: "
                     f"{known}; a trailing slash names a folder)")


def output_target(output: str | Path | None, fmt: str | None, suffixes: Mapping[str, tuple[str, ...]], *,
                  default_dir: Path, stem: str, default_fmt: str, option: str = "-o",
                  inputs: Mapping[str, Path | None] | None = None,
                  folders: Mapping[str, Path | None] | None = None) -> Target:
    """Resolve one output: None → ``default_dir/stem.<suffix>``; ``-`` → stdout; a folder → inside it;
    else the file, its format checked against its suffix (:func:`format_of`).  The file is first held
    against ``inputs`` and ``folders`` (:func:`refuse_overwrite`): over an input, that is the error to give."""
    if is_stdout(output):
        return Target(None, fmt or default_fmt)
    folder = default_dir if output is None else folder_of(output)
    if folder is not None:
        chosen = fmt or default_fmt
        target = Target(folder / f"{stem}{suffixes[chosen][0]}", chosen)
        refuse_overwrite([target.path], inputs or {}, folders)
        return target
    path = Path(os.fspath(output))  # type: ignore[arg-type]
    refuse_overwrite([path], inputs or {}, folders)
    return Target(path, format_of(path, fmt, suffixes, option=option))
