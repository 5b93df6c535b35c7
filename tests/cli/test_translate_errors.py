"""Bad input to translate, models, status and tm: one line, non-zero exit, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from statementkit.adapters.translations_file import translations_path


def _one_line(result, code: int) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: "), result.stderr
    return lines[0]


def test_no_model_for_the_pair_names_the_install_command(run: Callable, amended: Path, tmp_path: Path) -> None:
    r = run("translate", amended, "--to", "zh", "--models", tmp_path / "empty", "--tm", tmp_path / "tm.sqlite")
    msg = _one_line(r, 1)
    assert "no Argos model for en->zh" in msg and "statementkit models install --from en --to zh" in msg
    assert not translations_path(amended).exists()


def test_unknown_or_wrong_language(run: Callable, amended: Path, models_dir: Path, tmp_path: Path) -> None:
    assert "unknown language 'de'" in _one_line(
        run("translate", amended, "--to", "de", "--models", models_dir, "--tm", tmp_path / "t"), 2)
    assert "source language" in _one_line(
        run("translate", amended, "--to", "en", "--models", models_dir, "--tm", tmp_path / "t"), 2)


def test_unreadable_translation_memory(run: Callable, amended: Path, models_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "tm.sqlite"
    bad.write_bytes(b"\x00garbage" * 512)
    msg = _one_line(run("translate", amended, "--models", models_dir, "--tm", bad), 1)
    assert "not a usable translation memory" in msg
    assert not translations_path(amended).exists()
    assert "not a usable translation memory" in _one_line(run("tm", "export", tmp_path / "o.tmx", "--tm", bad), 1)
    assert not (tmp_path / "o.tmx").exists()


def test_hand_broken_translations_file_is_left_alone(run: Callable, amended: Path, models_dir: Path,
                                                     tmp_path: Path) -> None:
    broken = "statementkit-translations: 1\nsource: en\nunits:\n  tisc-memorandum: [unclosed\n"
    translations_path(amended).write_text(broken, encoding="utf-8")
    msg = _one_line(run("translate", amended, "--models", models_dir, "--tm", tmp_path / "tm.sqlite"), 1)
    assert "statement.translations.yaml" in msg
    assert translations_path(amended).read_text(encoding="utf-8") == broken
    assert _one_line(run("status", amended), 1) == msg
    assert _one_line(run("build", amended, "--format", "txt", "-o", "-"), 1) == msg


def test_hostile_package_via_the_cli(run: Callable, tmp_path: Path) -> None:
    bad = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("translate-en_zh-1_0/metadata.json", '{"from_code": "en", "to_code": "zh"}')
        zf.writestr("translate-en_zh-1_0/../../escape.txt", "x")
    msg = _one_line(run("models", "install", bad, "--models", tmp_path / "m"), 1)
    assert "unsafe path" in msg and not (tmp_path / "escape.txt").exists()
    assert not (tmp_path / "m").exists() or list((tmp_path / "m").iterdir()) == []
    assert "not found" in _one_line(run("models", "install", tmp_path / "nope.argosmodel"), 1)
    assert "give a .argosmodel file" in _one_line(run("models", "install"), 2)


def test_download_without_the_argos_extra_says_what_to_install(run: Callable, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes `import argostranslate…` raise ImportError, as on a machine without the extra
    for name in ("argostranslate", "argostranslate.package", "argostranslate.settings"):
        monkeypatch.setitem(sys.modules, name, None)
    msg = _one_line(run("models", "install", "--from", "en", "--to", "zh", "--models", tmp_path / "m"), 2)
    assert "pip install 'statementkit[argos]'" in msg


def test_broken_tmx_import_leaves_the_memory_untouched(run: Callable, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    assert "malformed XML" in _one_line(run("tm", "import", bad, "--tm", tmp_path / "tm.sqlite"), 1)
    assert not (tmp_path / "tm.sqlite").exists()


def test_cli_and_help_do_not_import_the_engine() -> None:
    code = ("import sys\nfrom click.testing import CliRunner\nfrom statementkit.cli import cli\n"
            "for args in (['--help'], ['translate', '--help'], ['models', 'list', '--help'], ['tm', '--help']):\n"
            "    assert CliRunner().invoke(cli, args).exit_code == 0\n"
            "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'rapidfuzz') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
