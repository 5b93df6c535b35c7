"""Load everything a use case works on: statement, registry, clause library, translations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.app.paths import default_library_dir
from statementkit.errors import InputError, UsageError

if TYPE_CHECKING:
    from statementkit.model.library import Library
    from statementkit.model.registry import Registry
    from statementkit.model.statement import Statement
    from statementkit.model.translation import Translations


__all__ = ["Opened", "Workspace", "default_library_dir", "load_library_and_registry", "load_workspace",
           "needs_path", "open_statement", "statement_file"]


@dataclass(frozen=True)
class Workspace:
    statement: Statement
    registry: Registry
    library: Library


@dataclass(frozen=True)
class Opened:
    """A statement with its library, registry and translations file (path and contents)."""

    workspace: Workspace
    translations_path: Path
    translations: Translations
    spec: Path  # the statement file (SPEC, or the statement.yaml of the folder given as SPEC)

    @property
    def statement(self) -> Statement:
        return self.workspace.statement


def load_library_and_registry(library_dir: Path | None = None) -> tuple[Library, Registry]:
    """The clause library (``clauses/``) and registry (``registry/``) under ``library_dir`` (default:
    :func:`default_library_dir`).  Raises InputError when the folder is missing."""
    from statementkit.adapters.library_files import load_library
    from statementkit.adapters.registry_files import load_registry

    library_dir = library_dir or default_library_dir()
    if not library_dir.is_dir():
        raise InputError("clause library folder not found", path=library_dir)
    return load_library(library_dir / "clauses"), load_registry(library_dir / "registry")


def statement_file(spec: Path) -> Path:
    """The statement file SPEC names: the file itself, or in a folder (as ``new`` makes) its
    ``statement.yaml`` (else its one ``*.yaml`` that is not a translations file), or ``-``: standard input
    (a statement without translations; commands that write beside SPEC refuse it, :func:`needs_path`)."""
    if str(spec) == "-" or not spec.is_dir():
        return spec
    for name in ("statement.yaml", "statement.yml"):
        if (spec / name).is_file():
            return spec / name
    found = [p for p in sorted(spec.glob("*.y*ml")) if not p.name.endswith((".translations.yaml", ".translations.yml"))]
    if len(found) == 1:
        return found[0]
    raise InputError("a folder with no statement.yaml (give the statement file)" if not found else
                     f"a folder with {len(found)} YAML files and no statement.yaml: give one of them", path=spec)


def needs_path(spec: Path, why: str) -> None:
    """UsageError when SPEC is ``-`` (stdin) for a job that needs the statement's place on disk (``why``)."""
    if str(spec) == "-":
        raise UsageError(f"SPEC cannot be - (stdin) here: {why}; give the statement file")


def load_workspace(spec: Path, library_dir: Path | None = None) -> Workspace:
    """The statement file at ``spec`` (a file or a folder: :func:`statement_file`) with the library and
    registry it is checked against."""
    from statementkit.adapters.spec_file import read_statement

    statement = read_statement(statement_file(spec))
    library, registry = load_library_and_registry(library_dir)
    return Workspace(statement, registry, library)


def open_statement(spec: Path, library_dir: Path | None = None) -> Opened:
    """:func:`load_workspace` plus the statement's translations file (empty when there is none)."""
    from statementkit.adapters.translations_file import load_translations, translations_path

    spec = statement_file(spec)
    ws = load_workspace(spec, library_dir)
    path = translations_path(spec)
    if str(spec) == "-":  # a statement on stdin has no translations file
        from statementkit.model.translation import Translations

        return Opened(ws, path, Translations(ws.statement.source_language, {}), spec)
    return Opened(ws, path, load_translations(path, ws.statement.source_language), spec)
