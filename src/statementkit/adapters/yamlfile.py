"""YAML reading that remembers where every value stood, so errors can name file:line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from statementkit.errors import InputError, StatementkitError

try:  # the C loader is ~10x faster; both are safe loaders
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class LDict(dict[Any, Any]):
    """A mapping that knows the line of each key (1-based) and its own line."""

    line: int = 0
    key_lines: dict[Any, int]


class LList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _Loader(_Base):
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LDict:
    loader.flatten_mapping(node)
    out = LDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            ) from exc
        if key in out:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LList:
    out = LList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def parse_yaml(text: str, path: str | Path, error: type[StatementkitError] = InputError) -> Any:
    """Parse YAML text; a syntax error becomes one ``error`` naming path and line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise error(f"malformed YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:  # e.g. a control character (a binary file): one line, not the dump
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        raise error(f"not a YAML text file ({reason})", path=path) from None


def read_yaml(path: str | Path, error: type[StatementkitError] = InputError) -> Any:
    from statementkit.adapters.files import read_input_bytes

    p = Path(path)
    data = read_input_bytes(p, "YAML file", error=error)
    if data.startswith(b"PK\x03\x04"):
        kind = "DOCX document" if p.suffix.lower() == ".docx" else "zip archive (a DOCX?)"
        raise error(f"a {kind}, not a YAML text file; give the statement.yaml (a built DOCX is its output)",
                    path=p)
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is not part of the text
    except UnicodeDecodeError:
        raise error("not UTF-8 text", path=p) from None
    return parse_yaml(text, p, error)


def line_of(container: Any, key: Any = None) -> int | None:
    """Line of ``container[key]`` (or of the container itself) when known."""
    if key is not None:
        if isinstance(container, LDict):
            return container.key_lines.get(key) or container.line
        if isinstance(container, LList) and isinstance(key, int) and 0 <= key < len(container.item_lines):
            return container.item_lines[key]
    return getattr(container, "line", None) or None


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # multi-line text as a literal block: readable in a git diff (the emitter falls back to quoting
    # where a block cannot hold the text exactly, e.g. trailing spaces)
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def dump_yaml(data: Any) -> str:
    """Deterministic, human-friendly YAML (unicode kept, keys in insertion order, text blocks literal)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100,
                     default_flow_style=False)
