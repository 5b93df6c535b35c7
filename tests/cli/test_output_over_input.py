"""Issue 10, item 11: no command writes its output over one of its inputs or stores — the path as given, through
a symbolic link, or a hard link to it — as ``diff`` already refused.  Each refusal is one line, exit 2, and
leaves every file as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, TEMPLATES


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A statement with its translations file, a memory, a TBX and a copy of the library, in one folder."""
    folder = tmp_path / "ws"
    shutil.copytree(EXAMPLES / "china-central-asia-ip-2023-amended", folder)
    shutil.copytree(TEMPLATES, folder / "library")
    monkeypatch.setenv("STATEMENTKIT_LIBRARY", str(folder / "library"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(folder)
    return folder


def _prepare(run, ws: Path) -> None:  # type: ignore[no-untyped-def]
    tmx = ws / "seed.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" '
                   'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
                   '<body><tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ru"><seg>Привет.</seg>'
                   '</tuv></tu></body></tmx>', encoding="utf-8")
    assert run("tm", "import", tmx, "--tm", ws / "mem.sqlite").exit_code == 0
    assert run("terms", "export", ws / "X.tbx").exit_code == 0


CASES = {
    "build over the statement": ["build", "statement.yaml", "--lang", "zh", "-o", "statement.yaml"],
    "build of every language over the statement": ["build", "statement.yaml", "-o", "statement.yaml"],
    "build over the translations": ["build", "statement.yaml", "--lang", "zh", "--format", "txt", "-o",
                                    "statement.translations.yaml"],
    "build over the registry": ["build", "statement.yaml", "--lang", "zh", "-o", "library/registry/countries.yaml"],
    "review export over the statement": ["review", "export", "statement.yaml", "--lang", "zh", "-o",
                                         "statement.yaml", "--format", "docx"],
    "review export over the memory": ["review", "export", "statement.yaml", "--lang", "zh", "-o", "mem.sqlite",
                                      "--format", "docx", "--tm", "mem.sqlite"],
    "tm export over the memory": ["tm", "export", "mem.sqlite", "--tm", "mem.sqlite"],
    "tm import of the memory": ["tm", "import", "mem.sqlite", "--tm", "mem.sqlite"],
    "terms import over its input": ["terms", "import", "X.tbx", "-o", "X.tbx"],
    "terms export over the registry": ["terms", "export", "library/registry/countries.yaml"],
    "translate into the statement as memory": ["translate", "statement.yaml", "--to", "zh", "--tm",
                                               "statement.yaml"],
    "review import with the statement as memory": ["review", "import", "r.docx", "statement.yaml", "--tm",
                                                   "statement.translations.yaml"],
}


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("how", ["as given", "symlink", "hardlink"])
def test_output_over_an_input_or_store_is_refused(run, ws, case, how):
    _prepare(run, ws)
    if case.startswith("review import"):
        assert run("review", "export", "statement.yaml", "--lang", "zh", "-o", "r.docx").exit_code == 0
    args = list(CASES[case])
    if how != "as given":
        # the output (the last path-like argument that names an existing file) reached another way
        k = max(i for i, a in enumerate(args) if (ws / a).is_file() and i > 1)
        link = ws / f"other-name{Path(args[k]).suffix}"
        if how == "symlink":
            link.symlink_to(ws / args[k])
        else:
            os.link(ws / args[k], link)
        args[k] = link.name
    before = _snapshot(ws)
    res = run(*args)
    if how == "hardlink" and "registry" in case:
        # a hard link from outside the library folder is not looked for; the atomic write replaces the link,
        # never the library's own file
        assert (ws / "library/registry/countries.yaml").read_bytes() == before["library/registry/countries.yaml"]
        return
    assert res.exit_code == 2, (case, res.output)
    assert res.stderr.startswith("statementkit: ") and res.stderr.count("\n") == 1, res.stderr
    assert "would overwrite" in res.stderr or "is also" in res.stderr, res.stderr
    assert _snapshot(ws) == before


def test_diff_still_refuses_and_other_outputs_still_work(run, ws, tmp_path):
    assert run("build", "statement.yaml", "--lang", "zh", "-o", "out.docx").exit_code == 0
    res = run("diff", "out.docx", "out.docx", "--format", "docx", "-o", "out.docx")
    assert res.exit_code == 2 and res.stderr.count("\n") == 1
    assert run("review", "export", "statement.yaml", "--lang", "ru", "-o", "r.docx").exit_code == 0
