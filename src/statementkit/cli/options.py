"""Option bundles shared by several commands, and where the library, registry and files are found."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from statementkit.app.paths import default_library_dir

__all__ = ["default_library_dir", "json_option", "library_option", "models_option", "no_memory_option",
           "tm_option"]

F = TypeVar("F", bound=Callable[..., Any])


def library_option(f: F) -> F:
    return click.option(
        "--library", "library_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Folder with clauses/ and registry/ (default: $STATEMENTKIT_LIBRARY or the bundled templates/).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")(f)


def models_option(f: F) -> F:
    return click.option(
        "--models", "models_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Folder of installed Argos packages (default: $ARGOS_PACKAGES_DIR or Argos' own).",
    )(f)


class MemoryLocation(click.ParamType):
    """``--tm``: a ``postgresql://`` URL (kept as text) or a SQLite file path."""

    name = "FILE|URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str | Path:
        if isinstance(value, Path):
            return value
        text = str(value)
        if text.startswith(("postgresql://", "postgres://")):
            return text
        if "://" in text:
            self.fail(f"'{text}' is neither a file nor a postgresql:// URL", param, ctx)
        return Path(text)


TM_HELP = ("Translation memory: a SQLite file (default: memory.sqlite in the user data folder) or a team "
           "memory's postgresql://user@host/db URL.")


def tm_option(f: F) -> F:
    return click.option("--tm", "tm_path", type=MemoryLocation(), default=None, help=TM_HELP)(f)


def no_memory_option(help_: str) -> Callable[[F], F]:
    """``--no-memory`` (as ``no_memory``), with the command's own help text."""
    return click.option("--no-memory", is_flag=True, help=help_)
