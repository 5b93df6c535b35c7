"""statementkit templates list|show: browse the trilingual clause library."""

from __future__ import annotations

from pathlib import Path

import click

from statementkit.cli.options import complete, emit_json, json_option, library_option


@click.group()
def templates() -> None:
    """Browse the clause library."""


@templates.command("list")
@click.option("--family", default=None, shell_complete=complete("family"), help="Only this family (opening, areas, …).")
@library_option
@json_option
def list_(family: str | None, library_dir: Path | None, as_json: bool) -> None:
    """List templates: id, family and slots.

    \b
    Example:
      statementkit templates list --family area
    """
    from statementkit.app.templates import list_templates
    from statementkit.errors import plural

    rows = list_templates(family, library_dir)
    if as_json:
        emit_json([{"id": t.id, "family": t.family, "slots": {k: v.value for k, v in t.slots.items()},
                    "requires": dict(t.requires), "description": t.description} for t in rows])
        return
    width = max((len(t.id) for t in rows), default=2)
    for t in rows:
        slots = ", ".join(f"{k}:{v.value}" for k, v in t.slots.items())
        click.echo(f"{t.id:<{width}}  {t.family:<12}  {slots}")
    click.echo(plural(len(rows), "template"), err=True)


@templates.command("show")
@click.argument("template_id", shell_complete=complete("template"))
@library_option
@json_option
def show(template_id: str, library_dir: Path | None, as_json: bool) -> None:
    """Show one template: family, description, slots, requirements and its text in each language.

    \b
    Example:
      statementkit templates show opening.heads-met
    """
    from statementkit.app.templates import show_template

    tpl = show_template(template_id, library_dir)
    if as_json:
        return emit_json({"id": tpl.id, "family": tpl.family, "description": tpl.description,
                          "slots": {k: v.value for k, v in tpl.slots.items()}, "requires": dict(tpl.requires),
                          "text": dict(tpl.text)})
    click.echo(f"id:          {tpl.id}")
    click.echo(f"family:      {tpl.family}")
    click.echo(f"description: {tpl.description}")
    click.echo("slots:       " + (", ".join(f"{k} ({v.value})" for k, v in tpl.slots.items()) or "none"))
    click.echo("requires:    " + (", ".join(f"{k}: {v}" for k, v in tpl.requires.items()) or "nothing"))
    for lang, text in tpl.text.items():
        click.echo(f"\n[{lang}]\n{text}")
