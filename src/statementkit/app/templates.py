"""Browse the trilingual clause library."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.errors import InputError, unknown_name

if TYPE_CHECKING:
    from statementkit.model.library import ClauseTemplate


def list_templates(family: str | None = None, library_dir: Path | None = None) -> list[ClauseTemplate]:
    """The library's templates in file order, only ``family`` (opening, areas, …) when given; InputError
    for a family the library does not have."""
    from statementkit.adapters.library_files import load_library
    from statementkit.app.workspace import default_library_dir

    lib = load_library((library_dir or default_library_dir()) / "clauses")
    if family is not None and family not in lib.families():
        raise InputError(unknown_name("family", family, lib.families()))
    return [t for t in lib.templates.values() if family is None or t.family == family]


def show_template(template_id: str, library_dir: Path | None = None) -> ClauseTemplate:
    """One template by id; InputError when the library has none."""
    from statementkit.adapters.library_files import load_library
    from statementkit.app.workspace import default_library_dir

    lib = load_library((library_dir or default_library_dir()) / "clauses")
    tpl = lib.get(template_id)
    if tpl is None:
        raise InputError(unknown_name("template", template_id, lib.templates) + " (see 'statementkit templates list')")
    return tpl


COMPLETABLE = ("template", "family", "office", "city", "mechanism", "term", "skeleton")


def known_ids(kind: str, library_dir: Path | None = None) -> list[str]:
    """The ids of ``kind`` (one of :data:`COMPLETABLE`) in the library and registry, sorted: what shell
    completion offers.  Never raises: a library that cannot be read offers nothing."""
    from statementkit.app.workspace import default_library_dir, load_library_and_registry
    from statementkit.errors import StatementkitError

    folder = library_dir or default_library_dir()
    try:
        if kind == "skeleton":
            return sorted(p.stem for p in (folder / "skeletons").glob("*.yaml"))
        library, registry = load_library_and_registry(folder)
    except (StatementkitError, OSError):
        return []
    tables = {"template": library.templates, "family": library.families(), "office": registry.offices,
              "city": registry.cities, "mechanism": registry.mechanisms, "term": registry.terms}
    return sorted(tables.get(kind, ()))
