"""Every reader, given a small file built to expand, finishes within a fixed memory bound with one line.

Issue 10 acceptance ("resource test").  Each case runs the real CLI in a subprocess whose address space is
limited to 1 GiB (``RLIMIT_AS``): without the bounds these files need gigabytes (a 1 KB YAML "billion laughs"
expands to 10**9 nodes once copied) and end in MemoryError tracebacks instead.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import SEED_SPEC, TEMPLATES

LIMIT = 1024**3
SEED = SEED_SPEC.read_text(encoding="utf-8")


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _cli(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "statementkit", *map(str, args)], capture_output=True, text=True,
                          timeout=120, preexec_fn=_limited)


def laughs(indent: str = "", levels: int = 9) -> str:
    """10**levels strings of 'lol' from about 100 bytes a level."""
    lines = [f'{indent}l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{indent}l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def merge_laughs(indent: str = "") -> str:
    """The same through merge keys: each level merges ten mappings of the one before."""
    lines = [f"{indent}m0: &m0 {{a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol, j: lol}}"]
    for i in range(1, 10):
        lines.append(f"{indent}m{i}: &m{i}")
        lines += [f"{indent}  k{j}: {{<<: *m{i - 1}}}" for j in range(10)]
    return "\n".join(lines) + "\n"


def _one_line(proc: subprocess.CompletedProcess[str], code: int, fragment: str) -> None:
    assert proc.returncode == code, (proc.returncode, proc.stderr[-2000:])
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr[-2000:]
    assert proc.stderr.count("\n") == 1 and fragment in proc.stderr, proc.stderr[-2000:]


@pytest.mark.parametrize(("where", "text"), [
    ("top-level", SEED + "x-notes:\n" + laughs("  ")),
    ("merge-keys", SEED + "x-notes:\n" + merge_laughs("  ")),
    ("slot", SEED.replace("summit_city: xian", "summit_city:\n" + laughs("        "))),
])
def test_statement_alias_bomb(tmp_path: Path, where: str, text: str) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(text, encoding="utf-8")
    assert spec.stat().st_size < 20_000
    for command in ("check", "build", "status"):
        _one_line(_cli(command, spec), 1, "aliases expand")


def test_translations_file_alias_bomb(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    shutil.copy(SEED_SPEC, spec)
    (tmp_path / "statement.translations.yaml").write_text(
        "statementkit-translations: 1\nsource: en\nunits: {}\nx:\n" + laughs("  "), encoding="utf-8")
    _one_line(_cli("status", spec), 1, "aliases expand")


@pytest.mark.parametrize("folder", ["registry", "clauses"])
def test_library_and_registry_alias_bomb(tmp_path: Path, folder: str) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(TEMPLATES, lib)
    (lib / folder / "zz-bomb.yaml").write_text("bomb:\n" + laughs("  "), encoding="utf-8")
    _one_line(_cli("check", SEED_SPEC, "--library", lib), 1, "aliases expand")


def test_skeleton_alias_bomb(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    shutil.copytree(TEMPLATES, lib)
    (lib / "skeletons" / "bomb.yaml").write_text("description: x\nclauses: []\nx:\n" + laughs("  "),
                                                 encoding="utf-8")
    _one_line(_cli("new", tmp_path / "st", "--party", "cnipa", "--party", "uz-ip-office", "--venue", "urumqi",
                   "--date", "2026-05-20", "--skeleton", "bomb", "--library", lib), 1, "aliases expand")
    assert not (tmp_path / "st").exists() or list((tmp_path / "st").iterdir()) == []


@pytest.mark.parametrize(("text", "fragment"), [
    (SEED.replace("ordinal: 1", "ordinal: " + "7" * 100_000), "a number 100000 characters long"),
    (SEED + "x: " + "[" * 900 + "]" * 900 + "\n", "nested deeper than 100 levels"),
    (SEED + "x: " + "{a: " * 900 + "1" + "}" * 900 + "\n", "nested deeper than 100 levels"),
])
def test_statement_huge_number_and_deep_nesting(tmp_path: Path, text: str, fragment: str) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(text, encoding="utf-8")
    _one_line(_cli("check", spec), 1, fragment)


METADATA = {
    "nested": b'{"from_code": "en", "to_code": "zh", "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}",
    "number": b'{"from_code": "en", "to_code": "zh", "x": ' + b"9" * 60_000 + b"}",
}


@pytest.mark.parametrize("kind", sorted(METADATA))
def test_argos_metadata(tmp_path: Path, kind: str) -> None:
    top = "translate-en_zh-1_0"
    archive = tmp_path / "p.argosmodel"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{top}/metadata.json", METADATA[kind])
        zf.writestr(f"{top}/model/model.bin", b"\0" * 16)
        zf.writestr(f"{top}/sentencepiece.model", b"\0" * 16)
    _one_line(_cli("models", "install", archive, "--models", tmp_path / "pkgs"), 1, "metadata.json")
    installed = tmp_path / "installed" / top
    (installed / "model").mkdir(parents=True)
    (installed / "model" / "model.bin").write_bytes(b"\0")
    (installed / "sentencepiece.model").write_bytes(b"\0")
    (installed / "metadata.json").write_bytes(METADATA[kind])
    good = tmp_path / "installed" / "translate-en_ru-1_0"
    shutil.copytree(installed, good)
    (good / "metadata.json").write_text(json.dumps({"from_code": "en", "to_code": "ru", "package_version": "1.0"}))
    proc = _cli("models", "list", "--models", tmp_path / "installed")
    assert proc.stdout.startswith("en->ru\t1.0\t")
    _one_line(proc, 0, "statementkit: skipped ")


@pytest.mark.parametrize("values", [{"start": "100000000000"}, {"start": "100000000000", "fmt": "lowerRoman"},
                                    {"override": "100000000000"}, {"start": "9" * 5000, "fmt": "decimalZero"},
                                    {"ilvl": "9" * 5000}], ids=lambda v: ",".join(f"{k}={v[k][:12]}" for k in v))
def test_docx_numbering_built_to_expand(tmp_path: Path, values: dict[str, str]) -> None:
    """A 36 KB DOCX whose list starts at 100,000,000,000 with letter numbering once built a 1.15 GB label."""
    from tests.cli.test_ooxml_values import numbered_docx

    ok = numbered_docx(tmp_path / "ok.docx")
    bad = numbered_docx(tmp_path / "bad.docx", **values)
    assert bad.stat().st_size < 64 * 1024
    _one_line(_cli("diff", ok, bad), 1, "bad.docx: w:")
    _one_line(_cli("diff", ok, bad, "--format", "docx", "-o", tmp_path / "red.docx"), 1, "bad.docx: w:")
    assert not (tmp_path / "red.docx").exists()
