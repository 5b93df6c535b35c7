"""Read a user's input file: bounded in size, with one-line errors that name the file."""

from __future__ import annotations

from pathlib import Path

from statementkit.errors import InputError, StatementkitError

MAX_INPUT_BYTES = 200 * 1024 * 1024


def read_input_bytes(path: str | Path, what: str, max_bytes: int = MAX_INPUT_BYTES,
                     error: type[StatementkitError] = InputError) -> bytes:
    """The file's bytes, never more than ``max_bytes`` (a larger file is refused, not truncated); ``-`` is
    standard input."""
    p = Path(path)
    try:
        if str(path) == "-":
            import sys

            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
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
