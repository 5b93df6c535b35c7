"""Argos packages: checked installation, listing, and the CTranslate2 engine on tiny real packages."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from statementkit.adapters.argos.engine import ArgosEngine, Engines, available_cores
from statementkit.adapters.argos.packages import install_archive, list_packages, packages_dir
from statementkit.errors import ModelError
from statementkit.services.translate.base import PivotTranslator


def _members(archive: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_install_and_list(tmp_path: Path, tiny_argos: dict[str, Path]) -> None:
    d = tmp_path / "pkgs"
    pkg = install_archive(tiny_argos["en-zh"], d)
    assert (pkg.from_code, pkg.to_code, pkg.version, pkg.path) == ("en", "zh", "1.0", d / "translate-en_zh-1_0")
    install_archive(tiny_argos["en-zh"], d)  # again: replaces, leaves no staging folder behind
    install_archive(tiny_argos["zh-en"], d)
    pkgs, broken = list_packages(d)
    assert [p.pair for p in pkgs] == ["en->zh", "zh->en"] and broken == []
    assert sorted(p.name for p in d.iterdir()) == ["translate-en_zh-1_0", "translate-zh_en-1_0"]


def test_packages_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert packages_dir() == tmp_path / "xdg" / "argos-translate" / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "env"))
    assert packages_dir() == tmp_path / "env"
    assert packages_dir(tmp_path / "opt") == tmp_path / "opt"


TOP = "translate-en_zh-1_0"


def _hostile(kind: str, good: dict[str, bytes], tmp: Path) -> Path:
    m = dict(good)
    if kind == "traversal":
        m["../evil.txt"] = b"x"
    elif kind == "absolute":
        m["/etc/evil"] = b"x"
    elif kind == "bomb":
        m[f"{TOP}/model/padding.bin"] = b"\0" * (64 * 1024 * 1024)  # 64 MB of zeros: ratio ~1000:1
    elif kind == "no-model":
        del m[f"{TOP}/model/model.bin"]
    elif kind == "no-tokenizer":
        del m[f"{TOP}/sentencepiece.model"]
    elif kind == "bad-json":
        m[f"{TOP}/metadata.json"] = b"{not json"
    elif kind == "bad-codes":
        m[f"{TOP}/metadata.json"] = json.dumps({"from_code": "en", "to_code": "../x"}).encode()
    elif kind == "no-metadata":
        del m[f"{TOP}/metadata.json"]
    elif kind == "two-tops":
        m["other/file"] = b"x"
    path = _zip(tmp / f"{kind}.argosmodel", m)
    if kind == "not-zip":
        path.write_bytes(b"PK? not really a zip")
    return path


@pytest.mark.parametrize(("kind", "message"), [
    ("traversal", "unsafe path '../evil.txt'"),
    ("absolute", "unsafe path '/etc/evil'"),
    ("bomb", "compression ratio"),
    ("no-model", "no model/model.bin"),
    ("no-tokenizer", "no sentencepiece.model"),
    ("bad-json", "bad metadata.json"),
    ("bad-codes", "'to_code' must be a language code"),
    ("no-metadata", "no metadata.json"),
    ("two-tops", "exactly one top folder"),
    ("not-zip", "not a zip archive"),
])
def test_hostile_or_broken_packages_are_refused_and_leave_nothing(
        tmp_path: Path, tiny_argos: dict[str, Path], kind: str, message: str) -> None:
    bad = _hostile(kind, _members(tiny_argos["en-zh"]), tmp_path)
    d = tmp_path / "pkgs"
    d.mkdir()
    with pytest.raises(ModelError, match=message.replace("(", r"\(").replace(".", r"\.")):
        install_archive(bad, d)
    assert list(d.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_threads_default_to_the_cores_this_process_may_use(tiny_argos: dict[str, Path], tmp_path: Path) -> None:
    pkg = install_archive(tiny_argos["en-zh"], tmp_path)
    assert ArgosEngine(pkg).threads == len(os.sched_getaffinity(0)) == available_cores()
    assert ArgosEngine(pkg, threads=1).threads == 1


def test_copy_engine_returns_the_input_and_batches(tiny_argos: dict[str, Path], tmp_path: Path) -> None:
    pkg = install_archive(tiny_argos["en-zh"], tmp_path)
    engine = ArgosEngine(pkg, beam_size=2)
    segments = [f"The Parties will meet {i} times in Z1." for i in range(70)] + ["双方同意。", "A_b c."]
    out = engine.translate(segments)
    assert [h.text for h in out] == segments  # copy weights: input pieces come back (underscore kept)
    assert all(not h.truncated for h in out)
    assert engine._translator.num_translators == engine.threads  # many segments: one replica per core


def test_target_prefix_is_forced_and_removed(tmp_path: Path) -> None:
    from statementkit.testing.tiny_argos import build_package

    archive = build_package("en", "ru", tmp_path / "a", target_prefix="__ru__")
    pkg = install_archive(archive, tmp_path / "pkgs")
    assert pkg.target_prefix == "__ru__"
    engine = ArgosEngine(pkg, threads=1)
    assert [h.text for h in engine.translate(["Both sides support 12 experts."])] == ["Both sides support 12 experts."]
    tokens = engine.tokenize(["x"])
    result = engine._translator.translate_batch(tokens, target_prefix=[["__ru__"]])
    assert result[0].hypotheses[0][0] == "__ru__"  # the model really emits the prefix we strip


def test_pivot_through_english(tiny_argos: dict[str, Path], tmp_path: Path) -> None:
    d = tmp_path / "pkgs"
    for key in ("zh-en", "en-ru"):
        install_archive(tiny_argos[key], d)
    engines = Engines(d, threads=1)
    t = engines("zh", "ru")
    assert isinstance(t, PivotTranslator) and t.label == "argos zh->en 1.0 + argos en->ru 1.0"
    assert [h.text for h in t.translate(["双方同意加强合作。"])] == ["双方同意加强合作。"]
    with pytest.raises(ModelError, match="statementkit models install --from ru --to zh"):
        engines("ru", "zh")
