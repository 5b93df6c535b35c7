"""Browse the trilingual clause library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.errors import InputError

if TYPE_CHECKING:
    from statementkit.model.library import ClauseTemplate


def list_templates(family: str | None = None, library_dir: Path | None = None) -> list[ClauseTemplate]:
    """The library's templates in file order, only ``family`` (opening, areas, …) when given."""
    from statementkit.adapters.library_files import load_library
    from statementkit.app.workspace import default_library_dir

    lib = load_library((library_dir or default_library_dir()) / "clauses")
    return [t for t in lib.templates.values() if family is None or t.family == family]


def show_template(template_id: str, library_dir: Path | None = None) -> ClauseTemplate:
    """One template by id; InputError when the library has none."""
    from statementkit.adapters.library_files import load_library
    from statementkit.app.workspace import default_library_dir

    lib = load_library((library_dir or default_library_dir()) / "clauses")
    tpl = lib.get(template_id)
    if tpl is None:
        raise InputError(f"unknown template '{template_id}' (see 'statementkit templates list')")
    return tpl
