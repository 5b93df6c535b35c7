"""YAML reading that remembers where every value stood, so errors can name file:line and field.

This is the one YAML reader of statementkit (statement, translations, registry, library and skeleton files).
Besides PyYAML's safe loader it enforces, before any value is built:

- **aliases**: a document whose aliases would repeat more than :data:`MAX_ALIAS_EXPANSION` nodes beyond its
  own (the "billion laughs": a 3 KB file of nested aliases expands to gigabytes once copied) is refused, as is
  an alias that refers to its own anchor; a scalar counts one node per 64 characters;
- **depth**: nesting deeper than :data:`MAX_DEPTH` levels is refused (it would exhaust Python's stack);
- **typed values**: a value YAML types implicitly or by an explicit tag (``!!int``, ``!!float``, ``!!bool``,
  ``!!timestamp``, ``!!binary``) that cannot be built — an impossible date such as 2023-02-30 or 0000-01-01,
  ``!!int abc``, ``!!bool maybe`` — or a number longer than :data:`MAX_NUMBER_CHARS` characters is one
  error ``file:line: field: problem``, the field written as in the statement's own messages
  (``meeting.date``, ``clauses[2].slots.since``).

Every failure is raised as the caller's :class:`StatementkitError` subclass (exit code 1).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from statementkit.errors import InputError, StatementkitError

try:  # the C loader is ~10x faster; both are safe loaders
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

MAX_ALIAS_EXPANSION = 10_000
"""Nodes that aliases may add to a document, all aliases together (a scalar: one per 64 characters)."""
MAX_DEPTH = 100
"""Deepest nesting of mappings and sequences."""
MAX_NUMBER_CHARS = 64
"""Longest integer or float, in characters (a 5,000-digit integer is refused, not converted)."""

_TAG = "tag:yaml.org,2002:"


class LDict(dict[Any, Any]):
    """A mapping that knows the line of each key (1-based) and its own line."""

    line: int = 0
    key_lines: dict[Any, int]


class LList(list[Any]):
    line: int = 0
    item_lines: list[int]


class _ValueProblem(Exception):
    """A scalar that cannot be built: its field, line and a plain-words problem."""

    def __init__(self, field: str, line: int, problem: str) -> None:
        super().__init__(problem)
        self.field, self.line, self.problem = field, line, problem


class _Loader(_Base):
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self.field_path: list[str] = []  # where construction is now: keys and [index]es

    def field(self) -> str:
        return "".join(p if p.startswith("[") else f".{p}" for p in self.field_path).lstrip(".")


def _expect(node: yaml.Node, kind: type[yaml.Node], what: str) -> None:
    """An explicit ``!!map`` on a list (or ``!!seq`` on a mapping, either on a scalar) is one error."""
    if not isinstance(node, kind):
        raise yaml.constructor.ConstructorError(None, None, f"expected {what}, but found "
                                                f"{type(node).__name__.removesuffix('Node').lower()}",
                                                node.start_mark)


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LDict:
    _expect(node, yaml.MappingNode, "a mapping")
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
        loader.field_path.append(str(key))  # not popped on error: the error names the field
        out[key] = loader.construct_object(value_node, deep=True)
        loader.field_path.pop()
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LList:
    _expect(node, yaml.SequenceNode, "a list")
    out = LList()
    for i, child in enumerate(node.value):
        loader.field_path.append(f"[{i}]")
        out.append(loader.construct_object(child, deep=True))
        loader.field_path.pop()
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "timestamp": "a date (YYYY-MM-DD) or date and time",
    "binary": "base64 data",
}


def _checked_scalar(kind: str) -> Any:
    """Wrap PyYAML's constructor for ``tag:yaml.org,2002:<kind>`` so a bad value is a :class:`_ValueProblem`."""
    construct = _Loader.yaml_constructors[_TAG + kind]

    def build(loader: Any, node: yaml.Node) -> Any:
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            if kind in ("int", "float") and len(node.value) > MAX_NUMBER_CHARS:
                raise _ValueProblem(loader.field(), line, f"a number {len(node.value)} characters long "
                                    f"(limit {MAX_NUMBER_CHARS})")
        else:
            shown = "a " + ("list" if isinstance(node, yaml.SequenceNode) else "mapping")
        try:
            return construct(loader, node)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError,
                yaml.constructor.ConstructorError) as exc:
            if kind == "timestamp" and isinstance(exc, (ValueError, OverflowError)):
                # matched the date pattern but is no calendar date: 2023-02-30, 2023-13-40, 0000-01-01
                reason = "time zone offset out of range" if "offset" in str(exc) else str(exc)
                problem = f"'{shown}' is not a real date ({reason})"
            else:
                problem = f"expected {_EXPECTED[kind]}, got '{shown}'"
            raise _ValueProblem(loader.field(), line, problem) from None

    return build


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
for _kind in _EXPECTED:
    _Loader.add_constructor(_TAG + _kind, _checked_scalar(_kind))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _own_weight(node: yaml.Node) -> int:
    return 1 + len(node.value) // 64 if isinstance(node, yaml.ScalarNode) else 1


def check_node_graph(root: yaml.Node) -> None:
    """Refuse a composed document whose aliases expand too far, that nests too deep, or that refers to itself.

    Walks the node graph (aliases are shared nodes there, so this costs the file's size, not the expansion's)
    without recursion.  Raises :class:`_ValueProblem` with an empty field.
    """
    expanded: dict[int, int] = {}  # id(node) -> weight of its subtree with aliases expanded
    open_nodes: set[int] = set()  # the current path from the root
    distinct = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    while stack:
        node, depth, finished = stack.pop()
        key = id(node)
        line = node.start_mark.line + 1
        if finished:
            open_nodes.discard(key)
            weight = _own_weight(node) + sum(expanded[id(c)] for c in _children(node))
            expanded[key] = weight
            if weight - distinct > MAX_ALIAS_EXPANSION:
                raise _ValueProblem("", line, f"YAML aliases expand this value beyond {MAX_ALIAS_EXPANSION} "
                                    "repeated nodes (a 'billion laughs' file?); write the values out")
            continue
        if key in expanded:
            continue
        if key in open_nodes:
            raise _ValueProblem("", line, "a YAML alias refers to the value that contains it (recursive)")
        if depth > MAX_DEPTH:
            raise _ValueProblem("", line, f"nested deeper than {MAX_DEPTH} levels")
        open_nodes.add(key)
        distinct += _own_weight(node)
        stack.append((node, depth, True))
        for child in reversed(_children(node)):
            if isinstance(child, yaml.ScalarNode):  # most nodes: weighed here, not pushed
                if id(child) not in expanded:
                    expanded[id(child)] = weight = _own_weight(child)
                    distinct += weight
            else:
                stack.append((child, depth + 1, False))


def parse_yaml(text: str, path: str | Path, error: type[StatementkitError] = InputError) -> Any:
    """Parse YAML text; a syntax error, an alias bomb or a bad typed value becomes one ``error`` naming path,
    line and (for a value) its field."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        check_node_graph(node)
        return loader.construct_document(node)
    except _ValueProblem as exc:
        raise error(f"{exc.field}: {exc.problem}" if exc.field else exc.problem, path=path, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "malformed YAML"
        field = loader.field() if isinstance(exc, yaml.constructor.ConstructorError) else ""
        raise error(f"{field}: {problem}" if field else f"malformed YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:  # e.g. a control character (a binary file): one line, not the dump
        reason = getattr(exc, "reason", None) or " ".join(str(exc).split())
        raise error(f"not a YAML text file ({reason})", path=path) from None
    finally:
        loader.dispose()


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
