"""Installed Argos Translate packages, and installing a ``.argosmodel`` file safely.

Where packages live: ``--models DIR``, else ``$ARGOS_PACKAGES_DIR``, else argostranslate's default
``$XDG_DATA_HOME/argos-translate/packages`` (``~/.local/share/…``).  Nothing is created by looking.

An archive is checked before anything is extracted (adapters/zipsafe.py: a zip, no absolute or ``..``
paths, bounded sizes), must hold exactly one top folder with ``metadata.json`` (type translate, language
codes), ``model/model.bin`` and ``sentencepiece.model``; it is extracted into a temporary folder beside the
destination (``.installing-<host>-<pid>-…``) and renamed into place, so a failed install leaves nothing behind;
the folder of an install killed outright is removed by the next install once its process is gone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import regex

from statementkit.adapters.atomic import remove_stale, writer_tag
from statementkit.adapters.zipsafe import ZipLimits, open_checked
from statementkit.errors import ModelError

ARGOS_LIMITS = ZipLimits(max_members=2_000, max_total_bytes=4 * 1024**3, max_member_bytes=3 * 1024**3,
                         max_ratio=200.0)
_MAX_METADATA = 64 * 1024  # bytes; far beyond any real package's metadata.json
_MAX_METADATA_DEPTH = 16  # nested arrays/objects
_MAX_NUMBER_CHARS = 64
_JSON_STRING = regex.compile(r'"(?:[^"\\]|\\.)*"')
_WRITER = r"(?P<host>[0-9a-f]{8})-(?P<pid>\d+)"  # adapters.atomic.writer_tag()
_STALE_INSTALLS = (re.compile(rf"^\.installing-{_WRITER}-[A-Za-z0-9_]+$"), re.compile(rf"^\.replaced-.+-{_WRITER}$"))
_CODE = regex.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})?$")


def packages_dir(models: Path | None = None) -> Path:
    """``--models`` > ``$ARGOS_PACKAGES_DIR`` > ``$XDG_DATA_HOME/argos-translate/packages``."""
    if models is not None:
        return Path(models)
    env = os.environ.get("ARGOS_PACKAGES_DIR")
    if env:
        return Path(env)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "argos-translate" / "packages"


@dataclass(frozen=True)
class ArgosPackage:
    from_code: str
    to_code: str
    version: str
    path: Path
    target_prefix: str = ""

    @property
    def pair(self) -> str:
        return f"{self.from_code}->{self.to_code}"

    @property
    def label(self) -> str:
        """Engine signature recorded with every machine translation."""
        return f"argos {self.pair} {self.version}"

    @property
    def model_dir(self) -> Path:
        return self.path / "model"

    @property
    def tokenizer(self) -> Path:
        return self.path / "sentencepiece.model"


def _json_number(text: str) -> float | int:
    if len(text) > _MAX_NUMBER_CHARS:
        raise ValueError(f"a number {len(text)} characters long (limit {_MAX_NUMBER_CHARS})")
    return float(text) if any(c in text for c in ".eE") else int(text)


def parse_metadata(data: bytes, where: str | Path) -> dict[str, Any]:
    """Check metadata.json: at most 64 KiB, nested at most 16 deep, numbers and the version at most 64
    characters; a JSON object, type translate, from/to codes, optional version and prefix.  Every failure is one
    :class:`ModelError`."""
    if len(data) > _MAX_METADATA:
        raise ModelError(f"bad metadata.json: larger than {_MAX_METADATA} bytes", path=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ModelError(f"bad metadata.json: not UTF-8 ({exc.reason})", path=where) from None
    depth = deepest = 0  # measured before parsing: the json module recurses once per level
    for bracket in regex.findall(r"[\[\]{}]", _JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > _MAX_METADATA_DEPTH:
        raise ModelError(f"bad metadata.json: nested deeper than {_MAX_METADATA_DEPTH} levels", path=where)
    try:
        meta = json.loads(text, parse_int=_json_number, parse_float=_json_number)
    except ValueError as exc:  # JSONDecodeError is a ValueError, as is a refused number
        raise ModelError(f"bad metadata.json: {exc}", path=where) from None
    if not isinstance(meta, dict):
        raise ModelError("bad metadata.json: expected a JSON object", path=where)
    if meta.get("type", "translate") != "translate":
        raise ModelError(f"not a translation package (type {meta.get('type')!r})", path=where)
    for key in ("from_code", "to_code"):
        v = meta.get(key)
        if not isinstance(v, str) or not _CODE.match(v):
            raise ModelError(f"bad metadata.json: '{key}' must be a language code, got {v!r}", path=where)
    for key in ("package_version", "target_prefix"):
        if key in meta and not isinstance(meta[key], str):
            raise ModelError(f"bad metadata.json: '{key}' must be text", path=where)
    if len(meta.get("package_version", "")) > _MAX_NUMBER_CHARS:  # its numbers are compared as integers
        raise ModelError(f"bad metadata.json: 'package_version' is longer than {_MAX_NUMBER_CHARS} characters",
                         path=where)
    return meta


def read_package(path: Path) -> ArgosPackage:
    """An installed package folder, checked as far as needed to run it."""
    meta_path = path / "metadata.json"
    try:
        with open(meta_path, "rb") as fh:
            data = fh.read(_MAX_METADATA + 1)
    except FileNotFoundError:
        raise ModelError("not an Argos package (no metadata.json)", path=path) from None
    except OSError as exc:
        raise ModelError(f"cannot read metadata.json: {exc.strerror or exc}", path=path) from None
    meta = parse_metadata(data, meta_path)
    if not (path / "model" / "model.bin").is_file():
        raise ModelError("package has no model/model.bin", path=path)
    if not (path / "sentencepiece.model").is_file():
        if (path / "bpe.model").is_file():
            raise ModelError("package uses a BPE tokenizer; statementkit runs SentencePiece packages only",
                             path=path)
        raise ModelError("package has no sentencepiece.model", path=path)
    return ArgosPackage(meta["from_code"], meta["to_code"], str(meta.get("package_version", "")), path,
                        str(meta.get("target_prefix", "")))


def list_packages(directory: Path) -> tuple[list[ArgosPackage], list[ModelError]]:
    """Installed packages (sorted by pair, newest version first) and the folders that are broken."""
    if not directory.is_dir():
        return [], []
    found: list[ArgosPackage] = []
    broken: list[ModelError] = []
    for sub in sorted(directory.iterdir()):
        if not sub.is_dir() or sub.name.startswith("."):
            continue
        try:
            found.append(read_package(sub))
        except ModelError as exc:
            broken.append(exc)
    found.sort(key=lambda p: (p.from_code, p.to_code, [-x for x in _version_key(p.version)]))
    return found, broken


def _version_key(version: str) -> list[int]:
    return [int(x) for x in regex.findall(r"\d+", version)] or [0]


def find_package(directory: Path, source: str, target: str) -> ArgosPackage | None:
    """The newest installed package for a pair (None if there is none)."""
    pkgs, _ = list_packages(directory)
    return next((p for p in pkgs if p.from_code == source and p.to_code == target), None)


def install_archive(archive: Path, directory: Path) -> ArgosPackage:
    """Check, extract and install a ``.argosmodel`` file; an older install of the same folder is replaced."""
    zf = open_checked(archive, "Argos package", ARGOS_LIMITS, ModelError)
    with zf:
        infos = zf.infolist()
        tops = {PurePosixPath(i.filename).parts[0] for i in infos if PurePosixPath(i.filename).parts}
        if len(tops) != 1:
            raise ModelError(f"an Argos package holds exactly one top folder (found {len(tops)})", path=archive)
        top = tops.pop()
        if top in (".", "..") or top.startswith("."):
            raise ModelError(f"bad top folder name '{top}'", path=archive)
        names = {i.filename.rstrip("/") for i in infos}
        meta_name = f"{top}/metadata.json"
        if meta_name not in names:
            raise ModelError("package has no metadata.json", path=archive)
        meta_info = zf.getinfo(meta_name)
        if meta_info.file_size > _MAX_METADATA:
            raise ModelError("metadata.json is too large", path=archive)
        try:
            meta_bytes = zf.read(meta_name)
        except (OSError, RuntimeError, ValueError) as exc:
            raise ModelError(f"corrupt metadata.json: {exc}", path=archive) from None
        parse_metadata(meta_bytes, archive)
        if f"{top}/model/model.bin" not in names:
            raise ModelError("package has no model/model.bin", path=archive)
        if f"{top}/sentencepiece.model" not in names:
            raise ModelError("package has no sentencepiece.model tokenizer", path=archive)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ModelError(f"cannot create the models folder: {exc.strerror}", path=directory) from None
        for leftover in _STALE_INSTALLS:  # from an install killed outright (kill -9)
            remove_stale(directory, leftover)
        staging = Path(tempfile.mkdtemp(prefix=f".installing-{writer_tag()}-", dir=directory))
        try:
            for info in infos:
                dest = staging.joinpath(*PurePosixPath(info.filename).parts)
                if not dest.resolve().is_relative_to(staging.resolve()):
                    raise ModelError(f"unsafe path '{info.filename}'", path=archive)
                if info.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                _extract(zf, info, dest, archive)
            package = read_package(staging / top)
            final = directory / top
            old = None
            if final.exists():
                old = directory / f".replaced-{top}-{writer_tag()}"
                os.replace(final, old)
            os.replace(staging / top, final)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return ArgosPackage(package.from_code, package.to_code, package.version, final, package.target_prefix)


def _extract(zf: Any, info: Any, dest: Path, archive: Path) -> None:
    """Copy one member, never more bytes than its header declared (the header was checked)."""
    limit = info.file_size
    written = 0
    try:
        with zf.open(info) as src, open(dest, "wb") as out:
            while chunk := src.read(1024 * 1024):
                written += len(chunk)
                if written > limit:
                    raise ModelError(f"member '{info.filename}' is larger than declared (zip bomb?)", path=archive)
                out.write(chunk)
    except (OSError, RuntimeError, ValueError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ModelError(f"corrupt member '{info.filename}': {exc}", path=archive) from None
