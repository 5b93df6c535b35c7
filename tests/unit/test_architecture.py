"""The layers hold: services and model import no adapters, use cases or CLI; importing the CLI and the
use-case layer loads no heavy library (python-docx, lxml, CTranslate2)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import statementkit

PACKAGE = Path(statementkit.__file__).resolve().parent
UPWARD = ("statementkit.adapters", "statementkit.app", "statementkit.cli")
HEAVY = ("ctranslate2", "docx", "lxml")


def imported_modules(path: Path, package: str) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file, including those inside functions and
    under TYPE_CHECKING; relative imports are resolved against ``package``, the file's package."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            out.append((node.lineno, module))
            out += [(node.lineno, f"{module}.{a.name}") for a in node.names]
    return out


def upward_imports(root: Path, layer: str, forbidden: tuple[str, ...] = UPWARD) -> list[str]:
    """``file:line: module`` for each import of a ``forbidden`` package (default: adapters, app, cli) under
    ``root/layer`` (``root`` is the statementkit package folder)."""
    bad = []
    for path in sorted((root / layer).rglob("*.py")):
        package = ".".join(("statementkit", *path.relative_to(root).parent.parts))
        for line, module in sorted(imported_modules(path, package)):
            if module in forbidden or module.startswith(tuple(f"{u}." for u in forbidden)):
                bad.append(f"{path.relative_to(root)}:{line}: {module}")
    return bad


@pytest.mark.parametrize("layer", ["services", "model"])
def test_lower_layers_import_nothing_above_them(layer: str) -> None:
    assert upward_imports(PACKAGE, layer) == []


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("adapters", ("statementkit.app", "statementkit.cli")),
    ("app", ("statementkit.cli",)),
    # the CLI reaches the rest only through the use cases
    ("cli", ("statementkit.adapters", "statementkit.services", "statementkit.model")),
])
def test_upper_layers_import_only_downwards(layer: str, forbidden: tuple[str, ...]) -> None:
    assert upward_imports(PACKAGE, layer, forbidden) == []


def test_walker_sees_imports_inside_functions_and_relative(tmp_path: Path) -> None:
    """The walker itself: an import hidden in a function, or written relative, is still found."""
    (tmp_path / "services" / "qa").mkdir(parents=True)
    (tmp_path / "services" / "qa" / "probe.py").write_text(
        "from statementkit.model.statement import Statement\n"
        "def f():\n    from statementkit.adapters.atomic import write_text\n"
        "from ...cli import options\nimport statementkit.app.build\n", encoding="utf-8")
    assert upward_imports(tmp_path, "services") == [
        "services/qa/probe.py:3: statementkit.adapters.atomic",
        "services/qa/probe.py:3: statementkit.adapters.atomic.write_text",
        "services/qa/probe.py:4: statementkit.cli",
        "services/qa/probe.py:4: statementkit.cli.options",
        "services/qa/probe.py:5: statementkit.app.build",
    ]


def test_cli_and_app_import_no_heavy_library() -> None:
    """Import the CLI group, every command module and every use-case module in a fresh interpreter."""
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import statementkit.app, statementkit.cli\n"
        "for pkg in (statementkit.app, statementkit.cli):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(f'{pkg.__name__}.{m.name}')\n"
        "from statementkit.cli import cli\n"
        "json.dump(sorted(sys.modules), sys.stdout)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(done.stdout)
    assert "statementkit.app.build" in loaded and "statementkit.cli.diff" in loaded
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == []


def test_readme_python_example_runs(tmp_path: Path) -> None:
    """The README's "From Python" example, run as written from a folder holding the example and out/."""
    import re
    import shutil

    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## From Python", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    assert len([line for line in code.group(1).splitlines() if line.strip()]) <= 5
    shutil.copytree(REPO / "examples" / "china-central-asia-ip-2023", tmp_path / "examples" / "china-central-asia-ip-2023")
    (tmp_path / "out").mkdir()
    done = subprocess.run([sys.executable, "-c", code.group(1)], cwd=tmp_path, capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[PosixPath('out/statement.zh.docx'), PosixPath('out/statement.ru.docx')]"
    from statementkit.adapters.docx.reader import read_docx

    zh = read_docx(tmp_path / "out" / "statement.zh.docx")
    assert any("知识产权" in p.text for p in zh.paragraphs)


def _commands(path: Path) -> list[ast.FunctionDef]:
    """The functions of a CLI module decorated as Click commands (``@click.command``, ``@group.command``)."""
    out = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call) and isinstance(d.func, ast.Attribute) and d.func.attr == "command"
                for d in node.decorator_list):
            out.append(node)
    return out


def use_case_calls(command: ast.FunctionDef) -> list[str]:
    """Calls in ``command`` of functions imported from statementkit.app (options classes not counted)."""
    imported = {a.asname or a.name for n in ast.walk(command) if isinstance(n, ast.ImportFrom)
                and (n.module or "").startswith("statementkit.app") for a in n.names}
    return [n.func.id for n in ast.walk(command) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
            and n.func.id in imported and not n.func.id.endswith("Options")]


def test_each_command_is_one_use_case_call_in_a_short_module() -> None:
    modules = sorted(p for p in (PACKAGE / "cli").glob("*.py") if p.stem not in ("__init__", "options"))
    found = {}
    for path in modules:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 80, path.name
        for command in _commands(path):
            found[f"{path.stem}.{command.name}"] = use_case_calls(command)
    assert len(found) >= 17  # every command of the CLI was seen
    assert {name: calls for name, calls in found.items() if len(calls) != 1} == {}
