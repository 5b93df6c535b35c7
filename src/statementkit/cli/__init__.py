"""The thin Click layer: parse options, call one use case of :mod:`statementkit.app`, render the result.

Command groups live one per module and are imported only when invoked (or listed by --help); heavy
libraries are imported inside the commands.  Every :class:`StatementkitError` becomes one line on stderr
and its exit code; nothing below this package calls ``sys.exit``.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from typing import Any

import click

from statementkit import __version__
from statementkit.errors import StatementkitError

# command name -> "module:attribute" (relative to statementkit.cli)
COMMANDS: dict[str, str] = {
    "align": "align:align",
    "build": "build:build",
    "check": "check:check",
    "consolidate": "consolidate:consolidate",
    "diff": "diff:diff",
    "history": "history:history",
    "import": "importing:import_",
    "new": "new:new",
    "models": "models:models",
    "review": "review:review",
    "round": "rounds:round_group",
    "score": "score:score",
    "status": "status:status",
    "templates": "templates:templates",
    "terms": "terms:terms",
    "tm": "tm:tm",
    "translate": "translate:translate",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy or {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy:
            module, attr = self.lazy[cmd_name].split(":")
            mod = importlib.import_module(f"statementkit.cli.{module}")
            cmd: click.Command = getattr(mod, attr)
            return cmd
        return super().get_command(ctx, cmd_name)

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as exc:  # an error in the top-level options: one line too
            if parent is not None:
                raise
            click.echo(f"statementkit: {exc.format_message()} (see 'statementkit --help')", err=True)
            if "--json" in args:
                click.echo(json.dumps({"error": exc.format_message(), "exit_code": exc.exit_code}))
            raise click.exceptions.Exit(exc.exit_code) from None

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the whole command line, to know whether errors must be JSON
            ctx.meta[ARGV] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort):  # --help, --version, ctx.exit: not errors
            raise
        except StatementkitError as exc:
            fail(ctx, str(exc), exc.exit_code)
        except click.ClickException as exc:  # bad usage: one line too, not Click's usage block
            where = getattr(exc, "ctx", None)
            hint = f" (see '{where.command_path} --help')" if isinstance(exc, click.UsageError) and where else ""
            fail(ctx, exc.format_message() + hint, exc.exit_code)
        except BrokenPipeError:  # the reader went away (`statementkit status … | head`): nothing to say
            devnull = os.open(os.devnull, os.O_WRONLY)  # Python's recipe: no second error when stdout is flushed
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(0)
        except OSError as exc:  # an I/O failure no adapter anticipated: still one line, never a traceback
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            fail(ctx, f"{where}{exc.strerror or exc}", 1)
        except KeyboardInterrupt:
            fail(ctx, "interrupted", 130)
        except Exception as exc:  # a bug: still one line (STATEMENTKIT_DEBUG=1 shows the traceback)
            if os.environ.get("STATEMENTKIT_DEBUG"):
                raise
            fail(ctx, f"internal error: {type(exc).__name__}: {exc} (a bug: please report it; run with "
                 "STATEMENTKIT_DEBUG=1 for the traceback)", 70)


ARGV = "statementkit.argv"


def fail(ctx: click.Context, message: str, code: int) -> None:
    """One line on stderr and exit ``code``; with ``--json`` also the error as stdout's one JSON document."""
    from statementkit.cli.options import JSON_WRITTEN

    click.echo(f"statementkit: {message}", err=True)
    argv = ctx.meta.get(ARGV, [])
    wants_json = "--json" in (argv[: argv.index("--")] if "--" in argv else argv)
    if wants_json and not ctx.meta.get(JSON_WRITTEN):
        click.echo(json.dumps({"error": message, "exit_code": code}, ensure_ascii=False))
    ctx.exit(code)


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="statementkit")
def cli() -> None:
    """Draft, translate, review and negotiate multilateral joint statements in Chinese, Russian and
    English, all texts equally authentic."""


def main() -> None:
    try:
        cli.main(prog_name="statementkit", standalone_mode=True)
    except BrokenPipeError:  # pragma: no cover - e.g. `statementkit build … | head`
        sys.stderr.close()
        sys.exit(0)
