"""Write files atomically: to a temporary file in the target folder, then rename over the target.

The path ``-`` is standard output, for every writer: the whole output is written to a temporary file first
(nothing half-written reaches the pipe either), then copied to stdout.  Binary output (a DOCX, a zip) is
refused when stdout is a terminal.

Temporary files are named ``.<target>.statementkit-<host>-<pid>-<random>.tmp`` (``<host>``: 8 hex digits of a
hash of the host name).  A run killed outright (``kill -9``, power loss) cannot remove its own; the next write
into the same folder removes every such file whose process is gone (:func:`remove_stale`), so leftovers never
accumulate beside the outputs.  On a folder shared between machines a file of another host is removed only
once it is a day old, since its process cannot be asked.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import re
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from statementkit.errors import OutputError

STDOUT = "-"
TEMP_MARK = "statementkit"
HOST_TAG = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]
"""This machine in temporary names: a writer's pid means something only on its own host."""
OTHER_HOST_STALE_AFTER = 24 * 3600  # seconds
_STALE_TEMP = re.compile(rf"^\..+\.{TEMP_MARK}-(?P<host>[0-9a-f]{{8}})-(?P<pid>\d+)-[A-Za-z0-9_]+\.tmp$")


def writer_tag() -> str:
    """``<host>-<pid>`` of this process, for the names of temporary files and folders."""
    return f"{HOST_TAG}-{os.getpid()}"


def is_stdout(path: str | Path | None) -> bool:
    """True for ``-``, the name of standard output and standard input."""
    return path is not None and str(path) == STDOUT


def check_parent(path: Path) -> None:
    if is_stdout(path):
        return
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OutputError(f"output folder does not exist: {parent}")


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (one owned by another user counts)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, someone else's
        return True
    return True


def _stale(entry: os.DirEntry[str], host: str, pid: int) -> bool:
    if host == HOST_TAG:
        return not pid_alive(pid)
    try:
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > OTHER_HOST_STALE_AFTER
    except OSError:
        return False


def remove_stale(folder: Path, pattern: re.Pattern[str] = _STALE_TEMP) -> list[Path]:
    """Remove the entries of ``folder`` whose name matches ``pattern`` (groups ``host`` and ``pid``: the writer,
    as :func:`writer_tag` writes it) and whose writer is gone; files and folders alike.  Returns what was
    removed; never raises."""
    import shutil

    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = pattern.match(entry.name)
        if not m or not _stale(entry, m.group("host"), int(m.group("pid"))):
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def _quiet_finalisers() -> Iterator[None]:
    """Swallow errors raised by finalisers (``__del__``) while the objects of a failed write are released."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _: None
    try:
        yield
    finally:
        sys.unraisablehook = hook


def _release_failed_writer(exc: BaseException) -> None:
    """Free what a failed writer left open, now and quietly.

    A library writer that fails mid-way (python-docx saving onto a full disk) leaves its ``ZipFile`` open in
    the frames of the traceback; released later, its ``__del__`` retries the write and prints "Exception
    ignored in ZipFile.__del__" after our one-line error.  Clearing those frames here runs the finalisers
    while their complaints are swallowed.
    """
    with _quiet_finalisers():
        tb = exc.__traceback__
        traceback.clear_frames(tb)  # the finished frames below us; a running one is skipped
        exc.__traceback__ = None
        del tb
        gc.collect()


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success rename it to ``path``, on failure remove it.
    ``-`` is standard output (see the module docstring).

    Raises :class:`OutputError` (one line) when the folder is missing or the disk refuses the write.
    """
    if is_stdout(path):
        with _stdout_path() as piped:
            yield piped
        return
    target = Path(path)
    check_parent(target)
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale(folder)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{TEMP_MARK}-{writer_tag()}-", suffix=".tmp",
                                   dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except OSError as exc:  # disk full, permissions, a folder in the way …
        reason = exc.strerror or str(exc)
        _release_failed_writer(exc)
        with contextlib.suppress(OSError):
            tmp_path.unlink()
        raise OutputError(f"cannot write {target}: {reason}") from None
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
    fd, tmp = tempfile.mkstemp(prefix=f".stdout.{TEMP_MARK}-{writer_tag()}-", suffix=".tmp")
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
