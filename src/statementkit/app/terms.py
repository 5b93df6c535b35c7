"""Exchange the registry's locked terms and organisation names with terminology tools as a TBX termbase."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.app.paths import default_library_dir

STATES = ("new", "changed", "unchanged", "incomplete")


def export_terms(file: str | Path, library_dir: Path | None = None) -> int:
    """Write the registry's terms and organisations to ``file`` (TBX, en/zh/ru, Russian cases included; a
    folder or ``-`` as :mod:`statementkit.app.outputs`); return the number of entries."""
    from statementkit.adapters.exchange.tbx import write_tbx
    from statementkit.app.outputs import output_target
    from statementkit.app.workspace import load_library_and_registry

    target = output_target(file, "tbx", {"tbx": (".tbx",)}, default_dir=Path("."), stem="terms", default_fmt="tbx",
                           option="FILE", folders={"the clause library": library_dir or default_library_dir()})
    _, registry = load_library_and_registry(library_dir)
    return write_tbx(target.destination, registry)


@dataclass
class TermsImport:
    """Per entry of the termbase, ``{"entry": "kind.id", "state": new|changed|unchanged|incomplete}`` (with
    ``"source_id"`` when the file named the entry otherwise, ``"missing"`` languages for an incomplete entry,
    which is not taken); ``written``: the registry file written, if any."""

    rows: list[dict[str, str]]
    written: Path | None = None
    traditional: int = 0  # language sections in Traditional Chinese, skipped (never taken as zh)
    other_languages: dict[str, int] = field(default_factory=dict)  # tag -> sections skipped
    other_terms: int = 0  # synonyms and other terms without a registry place (not taken)

    @property
    def skipped(self) -> list[str]:
        """What was skipped, in words (empty when nothing was)."""
        out = [f"{self.traditional} Traditional Chinese language section(s) (never taken as zh)"] * bool(
            self.traditional)
        out += [f"{n} in {tag}" for tag, n in self.other_languages.items()]
        return out + [f"{self.other_terms} other term(s) (synonyms, full forms)"] * bool(self.other_terms)

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for r in self.rows if r["state"] == s) for s in STATES}

    def as_json(self) -> dict[str, Any]:
        return {"entries": self.rows, "skipped": {"traditional_chinese": self.traditional,
                                                  "other_languages": self.other_languages,
                                                  "other_terms": self.other_terms}}

    def row_lines(self) -> list[str]:
        """``state<TAB>kind.id`` per entry that is not unchanged (and why, for the others' ids and the
        incomplete)."""
        out = []
        for r in self.rows:
            if r["state"] == "unchanged":
                continue
            source = r.get("source_id")
            why = ([f"from '{source}'" if source else "from an entry without an id"] if source is not None else []) + (
                [f"no name in {r['missing']}"] if "missing" in r else [])
            out.append("\t".join([r["state"], r["entry"], *(["; ".join(why)] if why else [])]))
        return out


def import_terms(file: Path, output: str | Path | None = None, library_dir: Path | None = None) -> TermsImport:
    """Read the TBX ``file`` and compare it with the registry.  The curated registry files are never
    rewritten; with ``output`` the termbase is written there as a registry YAML file to review and merge."""
    from statementkit.adapters.atomic import write_text
    from statementkit.adapters.exchange.tbx import (
        TermEntry,
        identify,
        read_tbx,
        registry_entries,
        registry_yaml,
    )
    from statementkit.adapters.yamlfile import dump_yaml
    from statementkit.app.outputs import output_target
    from statementkit.app.workspace import load_library_and_registry

    target = None if output is None else output_target(
        output, "yaml", {"yaml": (".yaml", ".yml")}, default_dir=Path("."), stem="terms.registry", default_fmt="yaml",
        inputs={"the TBX file": file}, folders={"the clause library": library_dir or default_library_dir()})
    content = read_tbx(file)
    _, registry = load_library_and_registry(library_dir)
    known = registry_entries(registry)
    current = {(e.kind, e.id): e.forms for e in known}
    accepted = {(e.kind, e.id): e.accepted for e in known}
    rows: list[dict[str, str]] = []
    entries = []
    for e, written in identify(content.entries, known):
        old = current.get((e.kind, e.id))
        if old is not None and written != f"{e.kind}.{e.id}":
            # another tool's entry matched by name: its forms complete the registry's, never remove any
            # (a termbase without Russian cases or abbreviations is not a proposal to drop them)
            e = TermEntry(e.kind, e.id, {lang: {**old.get(lang, {}), **e.forms.get(lang, {})} for lang in old},
                          accepted[(e.kind, e.id)])
        state = "new" if old is None else "unchanged" if old == e.forms else "changed"
        rows.append({"entry": f"{e.kind}.{e.id}", "state": state}
                    | ({"source_id": written} if written != f"{e.kind}.{e.id}" else {}))
        entries.append(e)
    rows += [{"entry": ident or "(no id)", "state": "incomplete", "missing": ", ".join(missing)}
             for ident, missing in content.incomplete]
    if target is not None:
        write_text(target.destination, dump_yaml(registry_yaml(entries)))
    return TermsImport(rows, None if target is None or target.stdout else target.destination, content.traditional,
                       content.other_languages, content.other_terms)
