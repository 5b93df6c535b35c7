"""Option bundles shared by several commands, and where the library, registry and files are found."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from statementkit.app.paths import default_library_dir

__all__ = ["complete", "default_library_dir", "emit_json", "emit_json_text", "json_option", "language", "language_option", "library_option", "memory_option",
           "models_option", "no_memory_option", "one_stdout", "output_option", "progress_bar", "shown", "tm_option"]

JSON_WRITTEN = "statementkit.json_written"  # ctx.meta key: this run already printed its one JSON document

F = TypeVar("F", bound=Callable[..., Any])


def library_option(f: F) -> F:
    return click.option(
        "--library", "library_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Folder with clauses/ and registry/ (default: $STATEMENTKIT_LIBRARY or the bundled templates/).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True,
                        help="Print one JSON document on stdout (errors too: {\"error\": …, \"exit_code\": …}).")(f)


def emit_json(data: Any) -> None:
    """Print the command's one JSON document (an error after it adds no second one)."""
    import json

    emit_json_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def emit_json_text(text: str) -> None:
    """Print a JSON document already serialised (as :func:`emit_json`)."""
    click.get_current_context().meta[JSON_WRITTEN] = True
    click.echo(text, nl=False)


def one_stdout(as_json: bool, output: str | None) -> None:
    """Refuse ``--json`` with an output of ``-``: stdout holds one document."""
    if as_json and output == "-":
        raise click.UsageError("- (stdout) and --json both write to stdout; choose one")


def shown(path: object) -> str:
    """How a message names an output: ``stdout`` for ``-``."""
    return "stdout" if str(path) == "-" else str(path)


def output_option(help_: str, *names: str) -> Callable[[F], F]:
    """``-o/--output`` (as ``output``) kept as typed, so that a trailing slash still means a folder; ``-`` is
    stdout.  The rule itself is :mod:`statementkit.app.outputs`."""
    return click.option(*(names or ("-o", "--output")), "output", type=click.Path(path_type=str), default=None,
                        help=help_ + " A trailing slash names a folder (created if missing); - is stdout.")


def complete(kind: str) -> Callable[[click.Context, click.Parameter, str], list[str]]:
    """Shell completion of library and registry ids (``template``, ``family``, ``office``, ``city``,
    ``mechanism``, ``term``, ``skeleton``) or ``language`` codes, from the ``--library`` given, if any."""

    def shell_complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
        if kind == "language":
            from statementkit import LANGUAGES

            return [lg for lg in LANGUAGES if lg.startswith(incomplete)]
        from statementkit.app.templates import known_ids

        return [i for i in known_ids(kind, ctx.params.get("library_dir")) if i.startswith(incomplete)]

    return shell_complete


def language_option(help_: str, *names: str, required: bool = False, multiple: bool = False) -> Callable[[F], F]:
    """``--lang`` (or ``names``): checked with the one wording for a wrong code, completed by the shell."""
    return click.option(*(names or ("--lang",)), required=required, multiple=multiple, callback=language,
                        shell_complete=complete("language"), metavar="LANG", help=help_)


def language(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Click callback for language options: the one wording, with a suggestion, for a wrong code."""
    from statementkit.errors import check_language

    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(check_language(v) for v in value)
    return check_language(value)


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


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback for a use case, drawing a bar on stderr once work starts."""
    with contextlib.ExitStack() as stack:
        bars: list[Any] = []

        def progress(done: int, total: int) -> None:
            if not bars:
                make: Any = click.progressbar
                bars.append(stack.enter_context(make(length=total, label=label, file=sys.stderr)))
            bars[0].length = total
            bars[0].update(done - bars[0].pos)

        yield progress


def memory_option(help: str) -> Callable[[F], F]:
    """``--tm`` (a memory file or a postgresql:// URL) with a command's own help text."""
    return click.option("--tm", "tm_path", type=MemoryLocation(), default=None, help=help)
