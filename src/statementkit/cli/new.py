"""statementkit new: start a statement from a standard skeleton of clauses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from statementkit.cli.options import default_library_dir, library_option
from statementkit.errors import InputError, OutputError, UsageError


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--party", "parties", multiple=True, required=True,
              help="Office id from the registry (repeatable, in the order to list them).")
@click.option("--venue", required=True, help="City id from the registry.")
@click.option("--date", "date_", required=True, help="Meeting date, YYYY-MM-DD.")
@click.option("--mechanism", default="c-ca-heads-ip", show_default=True, help="Meeting series id.")
@click.option("--ordinal", default=1, show_default=True, type=click.IntRange(1, 99))
@click.option("--skeleton", default="standard", show_default=True, help="Skeleton name (templates/skeletons).")
@click.option("--collective", default=None, help="Registry term naming the parties as a group.")
@library_option
def new(folder: Path, parties: tuple[str, ...], venue: str, date_: str, mechanism: str, ordinal: int,
        skeleton: str, collective: str | None, library_dir: Path | None) -> None:
    """Start a statement in FOLDER (created; must not exist or be empty), ready to edit and build.

    \b
    Example:
      statementkit new my-statement --party cnipa --party uz-ip-office --venue tashkent --date 2026-05-20
    """
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.workspace import load_library_and_registry
    from statementkit.adapters.yamlfile import dump_yaml, read_yaml

    lib_dir = library_dir or default_library_dir()
    try:
        day = dt.date.fromisoformat(date_)
    except ValueError:
        raise UsageError(f"--date: expected YYYY-MM-DD, got '{date_}'") from None
    library, registry = load_library_and_registry(lib_dir)
    for office in parties:
        if office not in registry.offices:
            raise InputError(f"--party: unknown office '{office}' (known: {', '.join(sorted(registry.offices))})")
    if len(set(parties)) != len(parties):
        raise UsageError("--party: an office is given twice")
    if venue not in registry.cities:
        raise InputError(f"--venue: unknown city '{venue}' (known: {', '.join(sorted(registry.cities))})")
    if mechanism not in registry.mechanisms:
        raise InputError(f"--mechanism: unknown mechanism '{mechanism}'")
    if collective and collective not in registry.terms:
        raise InputError(f"--collective: unknown term '{collective}'")
    skel_path = lib_dir / "skeletons" / f"{skeleton}.yaml"
    if not skel_path.is_file():
        known = sorted(p.stem for p in (lib_dir / "skeletons").glob("*.yaml"))
        raise InputError(f"--skeleton: unknown skeleton '{skeleton}' (known: {', '.join(known)})")
    skel = read_yaml(skel_path, InputError)
    missing = [c.get("template") for c in _walk(skel.get("clauses") or []) if library.get(c.get("template")) is None]
    if missing:
        raise InputError(f"skeleton '{skeleton}' names templates the library lacks: {', '.join(map(str, missing))}")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} exists and is not an empty folder")
    if not folder.parent.is_dir():
        raise OutputError(f"output folder does not exist: {folder.parent}")

    spec = {
        "statementkit": 1,
        "title": "title.joint-statement",
        "meeting": {"mechanism": mechanism, "ordinal": ordinal, "date": day.isoformat(), "venue": venue},
        "languages": ["zh", "ru", "en"],
        "source": "en",
        "parties": list(parties),
        "order": "as-listed",
        **({"collective": collective} if collective else {}),
        "clauses": _plain(skel["clauses"]),
        "closing": {"place": venue, "date": day.isoformat(), "form": "equally-authentic"},
    }
    header = (f"# Statement started by `statementkit new` from the '{skeleton}' skeleton.\n"
              "# Edit the clauses (see `statementkit templates list`), then `statementkit check` and `build`.\n")
    folder.mkdir(exist_ok=True)
    target = folder / "statement.yaml"
    write_text(target, header + dump_yaml(spec))
    click.echo(str(target))


def _walk(clauses: list[Any]) -> list[Any]:
    """Clauses and their items, flattened."""
    out = []
    for c in clauses:
        out.append(c)
        out.extend(_walk(c.get("items") or []))
    return out


def _plain(value: object) -> object:
    """Line-aware YAML containers back to plain dicts and lists for dumping."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
