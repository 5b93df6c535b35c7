"""The corpora/ examples, as documented: the README's `score` example on the reference corpus (its commands
read from README.md and run verbatim), and `align` on the archive layout drawn in corpora/README.md (the tree
read from that file, each named file written from a generated statement)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from statementkit.cli import cli
from tests.conftest import REPO

MARKER = "<!-- corpus-score:"


def _readme_block() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(re.escape(MARKER) + r".*?-->\n```sh\n(.*?)```", text, re.S)
    assert block, "README.md lost its corpus score example"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_the_readme_score_example_on_the_reference_corpus_runs_verbatim(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    (work / "corpora").mkdir(parents=True)
    shutil.copy(REPO / "corpora" / "generate.py", work / "corpora" / "generate.py")
    for name in ("src", "templates"):
        (work / name).symlink_to(REPO / name)
    bindir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}"}
    commands = _readme_block()
    assert [c.split()[0] for c in commands] == ["python", "sed", "statementkit"]
    out = ""
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=work, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, (command, done.stderr)
        out = done.stdout
    rows = dict(line.split() for line in out.splitlines()[1:] if re.fullmatch(r"\d+\s+[\d.]+", line.strip()))
    reference = (work / "corpora/sample/statement-0000/statement-0000.ru.txt").read_text(encoding="utf-8")
    assert len(rows) == len(reference.splitlines()) > 20
    assert float(rows["2"]) < 100 and all(float(v) == 100 for k, v in rows.items() if k != "2")
    assert re.search(r"chrF2 = 9\d\.\d\d", out)


def _layout() -> list[tuple[Path, bool]]:
    """The archive tree drawn in corpora/README.md: (path, is_folder), in order."""
    text = (REPO / "corpora" / "README.md").read_text(encoding="utf-8")
    section = text.split("## An archive for `statementkit align`", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block, "corpora/README.md lost its archive layout"
    out: list[tuple[Path, bool]] = []
    stack: list[str] = []
    for line in block.group(1).splitlines():
        name = re.split(r"\s{2,}", line.strip())[0]
        depth = (len(line) - len(line.lstrip())) // 2
        stack[depth:] = [name.rstrip("/")]
        out.append((Path(*stack), name.endswith("/")))
    return out


def test_align_runs_on_the_archive_layout_corpora_readme_documents(tmp_path: Path) -> None:
    import docx

    from statementkit.app.workspace import load_library_and_registry
    from statementkit.testing.corpus import generate_statement

    library, registry = load_library_and_registry(REPO / "templates")
    layout = _layout()
    assert layout[0] == (Path("archive"), True)
    statements: dict[Path, object] = {}
    imported: dict[Path, list[Path]] = {}
    for path, is_folder in layout:
        target = tmp_path / path
        if is_folder:
            target.mkdir()
            continue
        key = path.parent if path.parent != Path("archive") else Path(re.sub(r"\.\w\w\.\w+$", "", str(path)))
        gs = statements.setdefault(key, generate_statement(len(statements), registry, library, seed=41,
                                                           paragraphs=12))
        lang = re.search(r"\.(en|zh|ru)\.", path.name)
        if path.suffix == ".yaml":
            imported.setdefault(path.parent, []).append(path)
            continue
        assert lang, path
        text = gs.text(lang.group(1))  # type: ignore[attr-defined]
        if path.suffix == ".docx":
            document = docx.Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(str(target))
        else:
            target.write_text(text, encoding="utf-8")
    for folder, files in imported.items():  # "or an imported statement folder (statementkit import …)"
        assert sorted(f.name for f in files) == ["statement.translations.yaml", "statement.yaml"]
        gs = statements[folder]
        sources = tmp_path / f"{folder.name}-sources"
        sources.mkdir()
        for lg in ("en", "zh", "ru"):
            (sources / f"s.{lg}.txt").write_text(gs.text(lg), encoding="utf-8")  # type: ignore[attr-defined]
        (tmp_path / folder).rmdir()
        made = CliRunner().invoke(cli, ["import", *(str(sources / f"s.{lg}.txt") for lg in ("en", "zh", "ru")),
                                        "-o", str(tmp_path / folder)])
        assert made.exit_code == 0, made.output
    (tmp_path / "archive" / "photo.jpg").write_bytes(b"\xff\xd8\xff")  # "other files … are skipped"
    # notes without a language tag beside tagged files: skipped, at the top and in a statement folder
    (tmp_path / "archive" / "notes.md").write_text("Archive notes: received from the registry.\n", encoding="utf-8")
    (tmp_path / "archive" / "sco-astana-2024" / "readme.txt").write_text("Scanned copy checked.\n",
                                                                        encoding="utf-8")
    (tmp_path / "archive" / "sco-astana-2024" / "s.truth.tsv").write_text("en-zh\ta\tb\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["align", str(tmp_path / "archive"), "--tmx", str(tmp_path / "out.tmx"),
                                      "--json", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    docs = {d["name"]: d for d in json.loads(result.stdout)["documents"]}
    assert set(docs) == {"sco-astana-2024", "brics-kazan-2024", "c-ca-ip-2023", "bilateral-2022"}
    assert docs["sco-astana-2024"]["languages"] == ["en", "zh", "ru"]
    assert docs["brics-kazan-2024"]["languages"] == ["en", "ru"]
    assert docs["c-ca-ip-2023"]["languages"] == ["en", "zh", "ru"]
    assert docs["bilateral-2022"]["languages"] == ["en", "zh"]
    for d in docs.values():
        assert not d.get("error") and sum(d["approved"].values()) + sum(d["drafts"].values()) >= 10, d
