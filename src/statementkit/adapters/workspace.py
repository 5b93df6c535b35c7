"""Load everything a command works on: statement, registry, clause library, translations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from statementkit.errors import InputError
from statementkit.model.library import Library
from statementkit.model.registry import Registry
from statementkit.model.statement import Statement


@dataclass(frozen=True)
class Workspace:
    statement: Statement
    registry: Registry
    library: Library


def load_library_and_registry(library_dir: Path) -> tuple[Library, Registry]:
    from statementkit.adapters.library_files import load_library
    from statementkit.adapters.registry_files import load_registry

    if not library_dir.is_dir():
        raise InputError("clause library folder not found", path=library_dir)
    return load_library(library_dir / "clauses"), load_registry(library_dir / "registry")


def load_workspace(spec: Path, library_dir: Path) -> Workspace:
    from statementkit.adapters.spec_file import read_statement

    statement = read_statement(spec)
    library, registry = load_library_and_registry(library_dir)
    return Workspace(statement, registry, library)
