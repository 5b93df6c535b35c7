"""The thin Click layer: parse options, call one use case of :mod:`statementkit.app`, render the result.

Command groups live one per module and are imported only when invoked (or listed by --help); heavy
libraries are imported inside the commands.  Every :class:`StatementkitError` becomes one line on stderr
and its exit code; nothing below this package calls ``sys.exit``.
"""

from __future__ import annotations

import importlib
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

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except StatementkitError as exc:
            click.echo(f"statementkit: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except OSError as exc:  # an I/O failure no adapter anticipated: still one line, never a traceback
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"statementkit: {where}{exc.strerror or exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("statementkit: interrupted", err=True)
            ctx.exit(130)


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
