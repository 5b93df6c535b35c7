"""Render a :class:`DiffResult` as terminal text or as one self-contained HTML page."""

from __future__ import annotations

import html
from collections.abc import Callable

from statementkit.services.diff.inline import InlineOp
from statementkit.services.diff.model import ClauseChange, DiffResult, Kind

Style = Callable[[str, str], str]  # (text, role) -> text; roles: del, ins, kind-<kind>, dim


def plain_style(text: str, role: str) -> str:
    """No colour: deletions as [-…-], insertions as {+…+} (wdiff's notation)."""
    if role == "del":
        return f"[-{text}-]"
    if role == "ins":
        return f"{{+{text}+}}"
    return text


def ansi_style(text: str, role: str) -> str:
    import click

    if role == "del":
        return click.style(text, fg="red", strikethrough=True)
    if role == "ins":
        return click.style(text, fg="green", underline=True)
    if role.startswith("kind-"):
        colour = {"added": "green", "deleted": "red", "modified": "yellow", "moved": "cyan"}.get(role[5:])
        return click.style(text, fg=colour, bold=True)
    if role == "dim":
        return click.style(text, dim=True)
    return text


def _label(c: ClauseChange) -> str:
    num = c.new_number if c.new_index is not None else c.old_number
    parts = []
    if num:
        parts.append(num)
    if c.id:
        parts.append(f"[{c.id}]")
    elif c.new_index is not None:
        parts.append(f"#{c.new_index + 1}")
    else:
        parts.append(f"old #{(c.old_index or 0) + 1}")
    if c.kind is Kind.MOVED:
        was = c.old_number if c.old_number and c.old_number != c.new_number else f"#{(c.old_index or 0) + 1}"
        parts.append(f"(was {was})")
    return " ".join(parts)


def inline_text(ops: tuple[InlineOp, ...] | list[InlineOp], style: Style) -> str:
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(op.text)
        else:
            out.append(style(op.text, "del" if op.op == "delete" else "ins"))
    return "".join(out)


def change_line(c: ClauseChange, style: Style) -> str:
    head = style(f"{c.kind.value:<9}", f"kind-{c.kind.value}") + " " + _label(c) + ": "
    if c.kind is Kind.ADDED:
        body = style(c.new_text or "", "ins")
    elif c.kind is Kind.DELETED:
        body = style(c.old_text or "", "del")
    elif c.ops:
        body = inline_text(c.ops, style)
    else:
        body = style((c.new_text or "")[:80] + ("…" if len(c.new_text or "") > 80 else ""), "dim")
    return head + body.replace("\n", " ⏎ ")


def render_text(result: DiffResult, style: Style = plain_style, *, summary: bool = True) -> str:
    lines = [change_line(c, style) for c in result.changes if c.kind is not Kind.UNCHANGED]
    if result.stories is not None:
        from statementkit.services.diff.stories import story_lines

        lines += story_lines(result.stories, style)
    if summary:
        lines.append(result.summary())
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;margin:1.5em;
color:#1b1b1b}
h1{font-size:1.3em} .summary{margin:.5em 0 1em;font-weight:600}
table{border-collapse:collapse;width:100%;table-layout:fixed} td,th{border:1px solid #ccc;padding:.4em .6em;
vertical-align:top;text-align:left;white-space:pre-wrap;overflow-wrap:anywhere}
th.k{width:7em} th.n{width:5em} del{background:#fdd;color:#900} ins{background:#dfd;color:#060;
text-decoration:underline} tr.unchanged td{color:#777} tr.added td.new{background:#f3fff3}
tr.deleted td.old{background:#fff3f3} tr.moved td{background:#f2f8ff} .kind{font-weight:600}
"""


def render_html(result: DiffResult, title: str = "Comparison") -> str:
    """One self-contained page: old text on the left, new on the right, one row per clause."""
    e = html.escape
    rows = _rows(result)
    if result.stories is not None:
        for ch in result.stories.changes:
            rows.append(f'<tr class="story"><th colspan="5">{e(ch.label)} ({e(ch.status)})</th></tr>')
            rows += _rows(ch.result)
        for line in [*result.stories.comments, *(f"warning: {w}" for w in result.stories.warnings)]:
            rows.append(f'<tr class="note"><td colspan="5">{e(line)}</td></tr>')
    lang = e(result.lang if result.lang in ("en", "zh", "ru") else "und")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{e(title)}</h1><p>{e(result.old_label)} → {e(result.new_label)}</p>"
        f'<p class="summary">{e(result.summary())}</p>\n'
        '<table><thead><tr><th class="k">change</th><th class="n">old no.</th><th>old</th>'
        '<th class="n">new no.</th><th>new</th></tr></thead><tbody>\n'
        + "\n".join(rows) + "\n</tbody></table></body></html>\n")


def _rows(result: DiffResult) -> list[str]:
    e = html.escape
    rows = []
    for c in result.changes:
        if c.ops:
            left = "".join(e(o.text) if o.op == "equal" else f"<del>{e(o.text)}</del>"
                           for o in c.ops if o.op != "insert")
            right = "".join(e(o.text) if o.op == "equal" else f"<ins>{e(o.text)}</ins>"
                            for o in c.ops if o.op != "delete")
        else:
            left = e(c.old_text or "") if c.kind is not Kind.DELETED else f"<del>{e(c.old_text or '')}</del>"
            right = e(c.new_text or "") if c.kind is not Kind.ADDED else f"<ins>{e(c.new_text or '')}</ins>"
        rows.append(
            f'<tr class="{c.kind.value}"><td class="kind">{e(c.kind.value)}'
            f'{"<br><small>" + e(c.id) + "</small>" if c.id else ""}</td>'
            f'<td>{e(c.old_number or "")}</td><td class="old">{left}</td>'
            f'<td>{e(c.new_number or "")}</td><td class="new">{right}</td></tr>')
    return rows
