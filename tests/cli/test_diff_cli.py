"""``statementkit diff`` through Click's CliRunner: outputs, summary line, exit codes, bad input."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from statementkit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
REALDOCS = ROOT / ".." / "shared" / "realdocs"
EXAMPLE = ROOT / "examples" / "china-central-asia-ip-2023" / "statement.yaml"
SUMMARY = r"^\d+ added, \d+ deleted, \d+ modified, \d+ moved, \d+ unchanged$"


def run(*args: str | Path) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, ["diff", *map(str, args)])
    return r.exit_code, r.stdout, r.stderr


def make_docx(path: Path, paras: list[str]) -> Path:
    import docx

    d = docx.Document()
    for k, t in enumerate(paras, 1):
        d.add_paragraph(f"{k}. {t}")
    d.save(str(path))
    return path


CLAUSES = ["The Parties met in Urumqi on 24 July 2023.", "They reviewed the state of cooperation.",
           "They agreed to exchange information on patents.", "They will meet every two years.",
           "Done in Chinese, Russian and English."]


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    new = [CLAUSES[0], CLAUSES[3], CLAUSES[1], CLAUSES[2].replace("patents", "patents and trademarks"),
           "They welcomed the new mechanism.", CLAUSES[4]]
    return make_docx(tmp_path / "old.docx", CLAUSES), make_docx(tmp_path / "new.docx", new)


def test_self_diff_no_changes_exit_0(pair: tuple[Path, Path]) -> None:
    code, out, _ = run(pair[0], pair[0])
    assert code == 0
    assert out == "0 added, 0 deleted, 0 modified, 0 moved, 5 unchanged\n"
    assert run(pair[0], pair[0], "--exit-code")[0] == 0


def test_text_output_and_summary_last(pair: tuple[Path, Path]) -> None:
    code, out, _ = run(*pair)
    lines = out.splitlines()
    assert code == 0
    assert lines[-1] == "1 added, 0 deleted, 1 modified, 1 moved, 3 unchanged"
    assert "moved     2. #2 (was 4.): They will meet every two years." in lines
    assert "modified  4. #4: They agreed to exchange information on patents{+ and trademarks+}." in lines
    assert "\x1b[" not in out  # CliRunner is not a terminal: no colour
    assert run(*pair, "--exit-code")[0] == 1


def test_renumbering_alone_is_no_change(tmp_path: Path) -> None:
    a = make_docx(tmp_path / "a.docx", CLAUSES)
    import docx

    d = docx.Document()
    for k, t in enumerate(CLAUSES):
        d.add_paragraph(f"({chr(97 + k)}) {t}")
    d.save(str(tmp_path / "b.docx"))
    assert run(a, tmp_path / "b.docx")[1] == "0 added, 0 deleted, 0 modified, 0 moved, 5 unchanged\n"


def test_json_schema(pair: tuple[Path, Path]) -> None:
    _code, out, err = run(*pair, "--format", "json")
    data = json.loads(out)
    assert data["schema"] == "statementkit-diff" and data["version"] == 1
    assert data["summary"] == {"added": 1, "deleted": 0, "modified": 1, "moved": 1, "unchanged": 3}
    moved = [c for c in data["clauses"] if c["kind"] == "moved"]
    assert moved[0]["old"]["number"] == "4." and moved[0]["new"]["number"] == "2."
    assert err.strip() == "1 added, 0 deleted, 1 modified, 1 moved, 3 unchanged"


def test_html_is_self_contained(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "d.html"
    code, _, err = run(*pair, "--format", "html", "-o", out)
    page = out.read_text(encoding="utf-8")
    assert code == 0 and page.startswith("<!DOCTYPE html>")
    assert "<ins> and trademarks</ins>" in page and "<script" not in page and "http" not in page
    assert "1 added, 0 deleted, 1 modified, 1 moved, 3 unchanged" in err


def test_docx_redline(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "red.docx"
    code, _, err = run(*pair, "--format", "docx", "-o", out, "--author", "Kyrgyz Republic", "--date", "2024-05-01")
    assert code == 0, err
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="Kyrgyz Republic"' in xml and 'w:date="2024-05-01T00:00:00Z"' in xml
    assert "<w:moveFrom " in xml and "<w:moveTo " in xml and "<w:ins " in xml
    from statementkit.adapters.docx.reader import read_docx

    assert read_docx(out, "accept").texts() == read_docx(pair[1]).texts()
    assert read_docx(out, "reject").texts() == read_docx(pair[0]).texts()


def test_docx_needs_output(pair: tuple[Path, Path]) -> None:
    code, _, err = run(*pair, "--format", "docx")
    assert code == 2 and err.startswith("statementkit: --format docx needs")


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="example statement missing")
def test_statement_files_by_id_and_all_langs(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    new = text.replace("slots: {every_years: 2}", "slots: {every_years: 3}")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(new, encoding="utf-8")
    code, out, _ = run(tmp_path / "old.yaml", tmp_path / "new.yaml", "--lang", "zh")
    assert code == 0
    assert "[mechanism]" in out and "[-两-]{+三+}" in out
    assert out.splitlines()[-1] == "0 added, 0 deleted, 1 modified, 0 moved, 16 unchanged"
    code, out, _ = run(tmp_path / "old.yaml", tmp_path / "new.yaml", "--all-langs")
    assert "== zh ==" in out and "== ru ==" in out and "== en ==" in out
    assert out.splitlines()[-1] == "0 added, 0 deleted, 3 modified, 0 moved, 48 unchanged"
    assert "inconsistent" not in out
    code, out, _ = run(tmp_path / "old.yaml", tmp_path / "new.yaml", "--all-langs", "--format", "json")
    assert json.loads(out)["inconsistent"] == []


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="example statement missing")
def test_all_langs_flags_one_language_changes(tmp_path: Path) -> None:
    """A human ru translation of one clause changes ru only: the clause is flagged as inconsistent."""
    from statementkit.adapters.translations_file import translations_path
    from statementkit.app.workspace import load_workspace
    from statementkit.cli.options import default_library_dir
    from statementkit.model.translation import source_hash
    from statementkit.services.assemble.render import Renderer

    text = EXAMPLE.read_text(encoding="utf-8")
    (tmp_path / "old.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(text, encoding="utf-8")
    ws = load_workspace(tmp_path / "new.yaml", default_library_dir())
    r = Renderer(ws.statement, ws.registry, ws.library)
    unit = ws.statement.unit("mechanism")
    assert unit is not None
    h = source_hash(r.source_text(unit))
    translations_path(tmp_path / "new.yaml").write_text(
        "statementkit-translations: 1\nsource: en\nunits:\n  mechanism:\n    ru:\n"
        f"      source_hash: {h}\n      text: Стороны учреждают механизм совещаний.\n"
        "      origin: human\n      status: approved\n", encoding="utf-8")
    code, out, err = run(tmp_path / "old.yaml", tmp_path / "new.yaml", "--all-langs")
    assert code == 0, err
    assert "inconsistent [mechanism]: changed in ru, not in en, zh" in out
    code, out, _ = run(tmp_path / "old.yaml", tmp_path / "new.yaml", "--all-langs", "--format", "json")
    assert json.loads(out)["inconsistent"] == [
        {"id": "mechanism", "changed_in": ["ru"], "unchanged_in": ["en", "zh"]}]


# ---- bad input: one line, non-zero exit, nothing left behind ----------------------------------------------
def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


DOC_HEAD = b'<?xml version="1.0"?>'
W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def bad_inputs(tmp: Path) -> dict[str, Path]:
    out = {}
    (tmp / "text.docx").write_text("just text", encoding="utf-8")
    out["not a docx"] = tmp / "text.docx"
    good = make_docx(tmp / "good.docx", CLAUSES)
    data = good.read_bytes()
    (tmp / "corrupt.docx").write_bytes(data[: len(data) // 2])
    out["corrupt"] = tmp / "corrupt.docx"
    (tmp / "enc.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    out["encrypted"] = tmp / "enc.docx"
    xxe = DOC_HEAD + b'<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ' + W + \
        b"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    out["xxe"] = _zip(tmp / "xxe.docx", {"word/document.xml": xxe})
    bomb = DOC_HEAD + b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' \
        b"<w:document " + W + b"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    out["entity bomb"] = _zip(tmp / "bomb.docx", {"word/document.xml": bomb})
    out["zip bomb"] = _zip(tmp / "zipbomb.docx", {"word/document.xml": b"<" + b" " * (300 * 1024 * 1024)})
    out["no document part"] = _zip(tmp / "empty.docx", {"hello.txt": b"hi"})
    return out


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", ["not a docx", "corrupt", "encrypted", "xxe", "entity bomb", "zip bomb",
                                  "no document part"])
@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_bad_input_one_line_no_output(bad_files: dict[str, Path], tmp_path: Path, case: str, fmt: str) -> None:
    files = bad_files
    good = files["not a docx"].parent / "good.docx"
    out = tmp_path / "out" / "red.docx"
    out.parent.mkdir()
    code, _stdout, err = run(good, files[case], "--format", fmt, *(["-o", out] if fmt == "docx" else []))
    assert code != 0
    assert err.count("\n") == 1 and err.startswith("statementkit: "), err
    assert "Traceback" not in err
    assert list(out.parent.iterdir()) == []


def test_different_languages(tmp_path: Path) -> None:
    a = make_docx(tmp_path / "en.docx", CLAUSES)
    b = make_docx(tmp_path / "zh.docx", ["各方于2023年7月24日在乌鲁木齐举行会议。", "各方回顾了合作情况。"])
    out = tmp_path / "red.docx"
    code, _, err = run(a, b, "--format", "docx", "-o", out)
    assert code == 1 and "different languages" in err and err.count("\n") == 1
    assert not out.exists()


def test_changes_error_mode(tmp_path: Path) -> None:
    if not REALDOCS.is_dir():
        pytest.skip("no realdocs")
    f = REALDOCS / "RP015-MoveFrom-MoveTo.docx"
    code, _, err = run(f, f, "--changes", "error")
    assert code == 1 and "tracked changes" in err
    code, out, _ = run(REALDOCS / "RP015-MoveFrom-MoveTo-Rejected.docx", f, "--changes", "reject")
    assert out.splitlines()[-1] == "0 added, 0 deleted, 0 modified, 0 moved, 4 unchanged"


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="no realdocs")
@pytest.mark.parametrize(("a", "b", "summary"), [
    ("WC027-Twenty-Paras-Before", "WC027-Twenty-Paras-After-1", "1 added, 1 deleted, 0 modified, 0 moved, 19 unchanged"),
    ("WC027-Twenty-Paras-Before", "WC027-Twenty-Paras-After-2", "0 added, 0 deleted, 2 modified, 0 moved, 18 unchanged"),
    ("WC015-Three-Paragraphs", "WC015-Three-Paragraphs-After", "0 added, 1 deleted, 1 modified, 0 moved, 1 unchanged"),
    ("WC004-Large", "WC004-Large-Mod", "0 added, 0 deleted, 1 modified, 0 moved, 258 unchanged"),
    ("WC006-Table", "WC006-Table-Delete-Row", "0 added, 2 deleted, 0 modified, 0 moved, 4 unchanged"),
    ("RP015-MoveFrom-MoveTo-Rejected", "RP015-MoveFrom-MoveTo-Accepted", "0 added, 0 deleted, 0 modified, 1 moved, 3 unchanged"),
])
def test_realdoc_pairs_expected_changes(a: str, b: str, summary: str) -> None:
    code, out, _ = run(REALDOCS / f"{a}.docx", REALDOCS / f"{b}.docx")
    assert code == 0 and out.splitlines()[-1] == summary
