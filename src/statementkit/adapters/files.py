"""Read a user's input file: bounded in size, with one-line errors that name the file."""

from __future__ import annotations

import contextlib
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from statementkit.errors import InputError, StatementkitError

MAX_INPUT_BYTES = 200 * 1024 * 1024
_STDIN: tuple[object, bytes] | None = None  # (the standard input stream read, its bytes)


def open_binary(path: Path, error: type[StatementkitError] = InputError) -> BinaryIO:
    """``path`` opened for reading bytes; a missing file, a folder or an unreadable file is ``error`` in one
    line ("file not found", "is a folder, not a file", "cannot read: …")."""
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise error("file not found", path=path) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", path=path) from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=path) from None


def read_input_bytes(path: str | Path, what: str, max_bytes: int = MAX_INPUT_BYTES,
                     error: type[StatementkitError] = InputError) -> bytes:
    """The file's bytes, never more than ``max_bytes`` (a larger file is refused, not truncated); ``-`` is
    standard input, read once: a reader that opens ``-`` again (a DOCX's other parts) gets the same bytes."""
    global _STDIN
    p = Path(path)
    try:
        if str(path) == "-":
            import sys

            stream = sys.stdin.buffer
            if _STDIN is not None and _STDIN[0] is stream:
                data = _STDIN[1]
            else:
                data = stream.read(max_bytes + 1)
                _STDIN = (stream, data)
        else:
            with open_binary(p, error) as fh:
                data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror}", path=p) from None
    if len(data) > max_bytes:
        raise error(f"{what} larger than {max_bytes // (1024 * 1024)} MB", path=p)
    return data


def read_text_lines(path: str | Path, what: str, error: type[StatementkitError] = InputError) -> list[str]:
    """The lines of a UTF-8 text file as editors on every system write it: a byte-order mark is dropped,
    CRLF and CR end a line like LF, and a missing final newline is fine.  Only those three end a line
    (``str.splitlines`` would also split at U+2028, form feed and other separators inside a line)."""
    p = Path(path)
    data = read_input_bytes(p, what, error=error)
    if data.startswith(b"PK\x03\x04"):
        raise error(f"a zip archive (a DOCX?), not a {what}; name a DOCX *.docx", path=p)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(f"{what} is UTF-16; save it as UTF-8", path=p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error("not UTF-8 text", path=p) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines


@contextlib.contextmanager
def named_input(path: str | Path, suffix: str) -> Iterator[Path]:
    """``path`` itself, or for ``-`` standard input spooled to a temporary file named ``stdin<suffix>``
    (for readers that stream a file by name and read it twice, such as TMX import), removed afterwards."""
    if str(path) != "-":
        yield Path(path)
        return
    with tempfile.TemporaryDirectory(prefix="statementkit-stdin-") as folder:
        spooled = Path(folder) / f"stdin{suffix}"
        with spooled.open("wb") as out:
            shutil.copyfileobj(sys.stdin.buffer, out, 1 << 20)
        yield spooled
