"""Argos package metadata and zip archives on hostile input (issue 10 items 9 and 12).

metadata.json: bounded size, depth and number length, each failure one line, in ``models install`` and in
``models list`` (which still lists the sound packages).  Zips: duplicate member names refused; the ratio check
covers small members through a cumulative bound.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from statementkit.adapters.argos.packages import install_archive, list_packages, parse_metadata
from statementkit.adapters.zipsafe import DOCX_LIMITS, ZipLimits, open_checked
from statementkit.errors import DocxError, InputError, ModelError
from tests.conftest import SHARED

TOP = "translate-en_zh-1_0"
GOOD = {"type": "translate", "from_code": "en", "to_code": "zh", "package_version": "1.0"}


def _members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _zip(path: Path, members: dict[str, bytes] | list[tuple[str, bytes]]) -> Path:
    items = members.items() if isinstance(members, dict) else members
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in items:
            zf.writestr(name, data)
    return path


HOSTILE_METADATA = {
    "huge-number": (b'{"type": "translate", "from_code": "en", "to_code": "zh", "size": ' + b"9" * 5000 + b"}",
                    "a number 5000 characters long"),
    "huge-float": (b'{"from_code": "en", "to_code": "zh", "x": 1.' + b"5" * 5000 + b"}", "characters long"),
    "deep": (b'{"from_code": "en", "to_code": "zh", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
             "larger than 65536 bytes"),
    "deep-small": (b'{"from_code": "en", "to_code": "zh", "x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
                   "nested deeper than 16 levels"),
    "deep-objects": (b'{"from_code": "en", "to_code": "zh", "x": ' + b'{"a":' * 2000 + b"1" + b"}" * 2000 + b"}",
                     "nested deeper than 16 levels"),
    "not-utf8": (b'{"from_code": "\xff"}', "not UTF-8"),
    "huge-version": (b'{"from_code": "en", "to_code": "zh", "package_version": "1.' + b"9" * 5000 + b'"}',
                     "'package_version' is longer than 64 characters"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_METADATA))
def test_metadata_is_bounded(kind: str) -> None:
    data, fragment = HOSTILE_METADATA[kind]
    with pytest.raises(ModelError, match=fragment):
        parse_metadata(data, "metadata.json")


def test_brackets_inside_strings_do_not_count_as_depth() -> None:
    meta = dict(GOOD, note='[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{ " \\ ]]]]')
    assert parse_metadata(json.dumps(meta).encode(), "m")["note"].startswith("[[[")


@pytest.mark.parametrize("kind", ["huge-number", "deep-small", "deep-objects"])
def test_models_install_refuses_hostile_metadata_in_one_line(
        run: Callable[..., Result], tmp_path: Path, tiny_argos: dict[str, Path], kind: str) -> None:
    members = _members(tiny_argos["en-zh"])
    members[f"{TOP}/metadata.json"] = HOSTILE_METADATA[kind][0]
    bad = _zip(tmp_path / "bad.argosmodel", members)
    result = run("models", "install", bad, "--models", tmp_path / "pkgs")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and HOSTILE_METADATA[kind][1] in result.stderr, result.stderr
    assert not (tmp_path / "pkgs").exists() or list((tmp_path / "pkgs").iterdir()) == []


def test_models_list_reports_each_broken_package_and_lists_the_rest(
        run: Callable[..., Result], tmp_path: Path, tiny_argos: dict[str, Path]) -> None:
    d = tmp_path / "pkgs"
    install_archive(tiny_argos["en-zh"], d)
    for kind in ("huge-number", "deep-small", "deep-objects", "not-utf8", "huge-version"):
        broken = d / f"broken-{kind}"
        broken.mkdir()
        (broken / "metadata.json").write_bytes(HOSTILE_METADATA[kind][0])
    (d / "broken-huge-version" / "model").mkdir()
    (d / "broken-huge-version" / "model" / "model.bin").write_bytes(b"\0")
    (d / "broken-huge-version" / "sentencepiece.model").write_bytes(b"\0")
    (d / "broken-huge-file").mkdir()
    (d / "broken-huge-file" / "metadata.json").write_bytes(b" " * (2 * 1024 * 1024))
    pkgs, problems = list_packages(d)
    assert [p.pair for p in pkgs] == ["en->zh"] and len(problems) == 6
    result = run("models", "list", "--models", d)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("en->zh\t1.0\t")
    skipped = result.stderr.strip().splitlines()
    assert len(skipped) == 6 and all(s.startswith("statementkit: skipped ") for s in skipped), skipped
    assert "Traceback" not in result.stderr


# ---- zips ----------------------------------------------------------------------------------------------------
def test_duplicate_member_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with pytest.warns(UserWarning, match="Duplicate name"):
        _zip(path, [("word/document.xml", b"<a/>"), ("word/document.xml", b"<b/>")])
    with pytest.raises(InputError, match=r"holds the member 'word/document\.xml' twice"):
        open_checked(path, "DOCX file")


def test_names_equal_after_normalisation_are_duplicates(tmp_path: Path) -> None:
    path = _zip(tmp_path / "dup.zip", [("word/document.xml", b"<a/>"), ("word//document.xml", b"<b/>")])
    with pytest.raises(InputError, match="twice"):
        open_checked(path, "DOCX file")


def test_duplicate_entry_in_an_argos_package_is_refused(tmp_path: Path, tiny_argos: dict[str, Path]) -> None:
    members = list(_members(tiny_argos["en-zh"]).items())
    meta = json.dumps(dict(GOOD, to_code="ru")).encode()
    with pytest.warns(UserWarning):
        bad = _zip(tmp_path / "dup.argosmodel", [*members, (f"{TOP}/metadata.json", meta)])
    with pytest.raises(ModelError, match="twice"):
        install_archive(bad, tmp_path / "pkgs")


def test_many_small_highly_compressed_members_are_refused(tmp_path: Path) -> None:
    # 64 members of 512 KiB of zeros (each under the old 1 MiB threshold, ratio ~1000:1): 32 MiB from ~33 KB
    path = _zip(tmp_path / "bomb.zip", {f"part{i}.xml": b"\0" * (512 * 1024) for i in range(64)})
    assert path.stat().st_size < 100_000
    with pytest.raises(DocxError, match=r"compression ratio of .* such members unpack to more than 1048576 bytes"):
        open_checked(path, "DOCX file", DOCX_LIMITS, DocxError)


def test_a_few_small_repetitive_members_are_allowed(tmp_path: Path) -> None:
    path = _zip(tmp_path / "ok.zip", {"a.xml": b"\0" * (300 * 1024), "b.xml": b"<w:p/>" * 40_000})
    open_checked(path, "DOCX file", DOCX_LIMITS, DocxError).close()
    with pytest.raises(InputError, match="zip bomb"):
        open_checked(path, "DOCX file", ZipLimits(ratio_allowance=100 * 1024)).close()


def test_real_documents_pass_the_ratio_check() -> None:
    docs = sorted((SHARED / "realdocs").rglob("*.docx")) if (SHARED / "realdocs").is_dir() else []
    if not docs:
        pytest.skip("../shared/realdocs not present")
    for doc in docs:
        open_checked(doc, "DOCX file", DOCX_LIMITS, DocxError).close()
