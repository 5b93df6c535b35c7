"""Load everything a use case works on: statement, registry, clause library, translations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.app.paths import default_library_dir
from statementkit.errors import InputError

if TYPE_CHECKING:
    from statementkit.model.library import Library
    from statementkit.model.registry import Registry
    from statementkit.model.statement import Statement
    from statementkit.model.translation import Translations


__all__ = ["Opened", "Workspace", "default_library_dir", "load_library_and_registry", "load_workspace",
           "open_statement"]


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


def load_workspace(spec: Path, library_dir: Path | None = None) -> Workspace:
    """The statement file at ``spec`` with the library and registry it is checked against."""
    from statementkit.adapters.spec_file import read_statement

    statement = read_statement(spec)
    library, registry = load_library_and_registry(library_dir)
    return Workspace(statement, registry, library)


def open_statement(spec: Path, library_dir: Path | None = None) -> Opened:
    """:func:`load_workspace` plus the statement's translations file (empty when there is none)."""
    from statementkit.adapters.translations_file import load_translations, translations_path

    ws = load_workspace(spec, library_dir)
    path = translations_path(spec)
    return Opened(ws, path, load_translations(path, ws.statement.source_language))
