"""Start a statement from a standard skeleton of clauses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from statementkit.errors import InputError, OutputError, UsageError, unknown_name


@dataclass(frozen=True)
class NewOptions:
    """``parties``: registry office ids in the order to list them; ``venue``: registry city id; ``date``:
    meeting date YYYY-MM-DD; ``mechanism``: meeting series id; ``ordinal``: 1-99; ``skeleton``: a name under
    the library's ``skeletons/``; ``collective``: a registry term naming the parties as a group."""

    parties: Sequence[str]
    venue: str
    date: str
    mechanism: str = "c-ca-heads-ip"
    ordinal: int = 1
    skeleton: str = "standard"
    collective: str | None = None
    library_dir: Path | None = None


def new_statement(folder: Path, options: NewOptions) -> Path:
    """Write ``folder/statement.yaml`` (the folder is created; it must not exist or be empty) and return its
    path.  Every id is checked against the registry and library first (InputError, UsageError)."""
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.yamlfile import dump_yaml, read_yaml
    from statementkit.app.workspace import default_library_dir, load_library_and_registry

    lib_dir = options.library_dir or default_library_dir()
    parties, venue, mechanism, skeleton = options.parties, options.venue, options.mechanism, options.skeleton
    collective = options.collective
    try:
        day = dt.date.fromisoformat(options.date)
    except ValueError:
        raise UsageError(f"--date: expected YYYY-MM-DD, got '{options.date}'") from None
    library, registry = load_library_and_registry(lib_dir)
    for office in parties:
        if office not in registry.offices:
            raise InputError("--party: " + unknown_name("office", office, registry.offices))
    if len(set(parties)) != len(parties):
        raise UsageError("--party: an office is given twice")
    if len(parties) < 2:
        raise UsageError("--party: a joint statement needs at least two parties")
    if venue not in registry.cities:
        raise InputError("--venue: " + unknown_name("city", venue, registry.cities))
    if mechanism not in registry.mechanisms:
        raise InputError("--mechanism: " + unknown_name("mechanism", mechanism, registry.mechanisms))
    if collective and collective not in registry.terms:
        raise InputError("--collective: " + unknown_name("term", collective, registry.terms))
    skel_path = lib_dir / "skeletons" / f"{skeleton}.yaml"
    if not skel_path.is_file():
        known = sorted(p.stem for p in (lib_dir / "skeletons").glob("*.yaml"))
        raise InputError("--skeleton: " + unknown_name("skeleton", skeleton, known))
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
        "meeting": {"mechanism": mechanism, "ordinal": options.ordinal, "date": day.isoformat(), "venue": venue},
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
    return target


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
