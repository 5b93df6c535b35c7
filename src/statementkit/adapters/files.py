"""Read a user's input file: bounded in size, with one-line errors that name the file."""

from __future__ import annotations

from pathlib import Path

from statementkit.errors import InputError, StatementkitError

MAX_INPUT_BYTES = 200 * 1024 * 1024


def read_input_bytes(path: str | Path, what: str, max_bytes: int = MAX_INPUT_BYTES,
                     error: type[StatementkitError] = InputError) -> bytes:
    """The file's bytes, never more than ``max_bytes`` (a larger file is refused, not truncated)."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise error("file not found", path=p) from None
    except IsADirectoryError:
        raise error("is a folder, not a file", path=p) from None
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(f"{what} is UTF-16; save it as UTF-8", path=p)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error("not UTF-8 text", path=p) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    return lines[:-1] if text.endswith("\n") else lines
