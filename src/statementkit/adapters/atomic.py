"""Write files atomically: to a temporary file in the target folder, then rename over the target.

The path ``-`` is standard output, for every writer: the whole output is written to a temporary file first
(nothing half-written reaches the pipe either), then copied to stdout.  Binary output (a DOCX, a zip) is
refused when stdout is a terminal."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from statementkit.errors import OutputError

STDOUT = "-"


def is_stdout(path: str | Path | None) -> bool:
    """True for ``-``, the name of standard output and standard input."""
    return path is not None and str(path) == STDOUT


def check_parent(path: Path) -> None:
    if is_stdout(path):
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"output folder does not exist: {parent}")


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, on failure remove it."""
    if is_stdout(path):
        with _stdout_path() as piped:
            yield piped
        return
    target = Path(path)
    check_parent(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or ".")
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except OSError as exc:  # disk full, permissions, a folder in the way …
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise


def write_text(path: str | Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_with(path: str | Path, writer: Callable[[IO[bytes]], None]) -> None:
    with atomic_path(path) as tmp, open(tmp, "wb") as fh:
        writer(fh)


def is_binary(data: bytes) -> bool:
    """Bytes a terminal cannot show: a NUL byte or not UTF-8 (DOCX and other zips always are)."""
    if b"\x00" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


@contextlib.contextmanager
def _stdout_path() -> Iterator[Path]:
    import sys

    fd, tmp = tempfile.mkstemp(prefix=".statementkit-stdout.", suffix=".tmp")
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        data = tmp_path.read_bytes()
        stream = sys.stdout
        if is_binary(data) and stream.isatty():
            raise OutputError("binary output is not written to a terminal: redirect stdout (> file) or give "
                              "-o FILE")
        stream.flush()
        stream.buffer.write(data)
        stream.buffer.flush()
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink()
