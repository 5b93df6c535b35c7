"""Open zip archives (DOCX, .argosmodel) defensively: no path traversal, no duplicate names, no zip bombs.

Compression ratio: a member that unpacks to more than ``max_ratio`` times its stored size is suspect whatever
its size; such members may unpack to :data:`RATIO_ALLOWANCE` bytes in all (a few highly repetitive XML parts),
beyond that the archive is refused.  Without the cumulative bound, thousands of small members each under the
per-member threshold expand a 4 MB package to gigabytes.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from statementkit.errors import InputError, StatementkitError


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 10_000
    max_total_bytes: int = 2 * 1024**3  # uncompressed
    max_member_bytes: int = 1024**3
    max_ratio: float = 200.0  # uncompressed / compressed, per member
    ratio_allowance: int = 1024 * 1024  # bytes that members over max_ratio may unpack to, all together


DOCX_LIMITS = ZipLimits(max_members=5_000, max_total_bytes=512 * 1024**2, max_member_bytes=256 * 1024**2)


def article(noun: str) -> str:
    """"a" or "an" before ``noun`` by its first letter ("an Argos package", "a DOCX", "an XLIFF file")."""
    return "an" if noun[:1].lower() in "aeiou" or noun.split()[0] in ("XLIFF", "XML") else "a"


def _unsafe_name(name: str) -> bool:
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in PurePosixPath(name).parts)


def open_checked(path: str | Path, what: str, limits: ZipLimits = ZipLimits(),
                 error: type[StatementkitError] = InputError) -> zipfile.ZipFile:
    """Open a zip and check every member's name and size before anything is read or extracted."""
    p = Path(path)
    source: Path | io.BytesIO = p
    if str(path) == "-":  # standard input, read whole (bounded) since a zip is read from its end
        from statementkit.adapters.files import read_input_bytes

        source = io.BytesIO(read_input_bytes(p, what, limits.max_total_bytes, error))
    elif not p.is_file():
        raise error(f"{what} not found" if not p.exists() else f"{what} is not a file", path=p)
    try:
        zf = zipfile.ZipFile(source)
    except zipfile.BadZipFile:
        raise error(f"not {article(what)} {what} (not a zip archive; an encrypted Office file is not a zip either)",
                    path=p) from None
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror}", path=p) from None
    try:
        infos = zf.infolist()
        if len(infos) > limits.max_members:
            raise error(f"{what} has {len(infos)} members (limit {limits.max_members})", path=p)
        total = 0
        over_ratio = 0
        seen: set[tuple[str, ...]] = set()
        for info in infos:
            if _unsafe_name(info.filename):
                raise error(f"{what} contains an unsafe path '{info.filename}' (path traversal)", path=p)
            parts = PurePosixPath(info.filename).parts
            if parts in seen:  # two members for one path: which one a reader sees depends on the reader
                raise error(f"{what} holds the member '{info.filename}' twice", path=p)
            seen.add(parts)
            if info.flag_bits & 0x1:
                raise error(f"{what} is encrypted", path=p)
            if info.file_size > limits.max_member_bytes:
                raise error(f"{what} member '{info.filename}' would unpack to {info.file_size} bytes "
                            f"(limit {limits.max_member_bytes}; zip bomb?)", path=p)
            if info.file_size > limits.max_ratio * info.compress_size:
                over_ratio += info.file_size
                if over_ratio > limits.ratio_allowance:
                    ratio = f"{info.file_size / info.compress_size:.0f}:1" if info.compress_size else "unbounded"
                    raise error(f"{what} member '{info.filename}' has a compression ratio of {ratio}, and "
                                f"such members unpack to more than {limits.ratio_allowance} bytes (zip bomb?)",
                                path=p)
            total += info.file_size
            if total > limits.max_total_bytes:
                raise error(f"{what} would unpack to more than {limits.max_total_bytes} bytes (zip bomb?)", path=p)
    except BaseException:
        zf.close()
        raise
    return zf


def read_member(zf: zipfile.ZipFile, name: str, limit: int, what: str,
                error: type[StatementkitError] = InputError) -> bytes:
    """Read one member, never more than ``limit`` bytes, whatever its header claims."""
    try:
        with zf.open(name) as fh:
            data = fh.read(limit + 1)
    except KeyError:
        raise error(f"{what}: missing part '{name}'") from None
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise error(f"{what}: corrupt part '{name}': {exc}") from None
    if len(data) > limit:
        raise error(f"{what}: part '{name}' is larger than {limit} bytes (zip bomb?)")
    return data
