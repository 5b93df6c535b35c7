"""The one YAML reader (adapters/yamlfile.py) on hostile and odd input: alias expansion, nesting, typed values.

Issue 10 items 6 and 7, issue 11 item 1.  Every failure is one ``file:line: field: problem`` error with exit 1;
the expansions here are small enough that the old reader accepted them (the gigabyte forms are in
test_resource_bounds.py, under a memory limit).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from statementkit.adapters.library_files import load_library
from statementkit.adapters.registry_files import load_registry
from statementkit.adapters.spec_file import read_statement
from statementkit.adapters.translations_file import load_translations
from statementkit.adapters.yamlfile import MAX_ALIAS_EXPANSION, parse_yaml
from statementkit.errors import InputError, RegistryError, SpecError, TemplateError, TranslationStoreError
from tests.conftest import SEED_SPEC, TEMPLATES

SEED = SEED_SPEC.read_text(encoding="utf-8")


def laughs(levels: int, width: int = 10, key: str = "lol") -> str:
    """The "billion laughs": each level a list of ``width`` aliases of the one before (width**levels leaves)."""
    out = [f'{key}0: &l0 ["{"ha" * 4}"]']
    out += [f"{key}{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]" for i in range(1, levels + 1)]
    return "\n".join(out) + "\n"


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


# ---- aliases --------------------------------------------------------------------------------------------------
def test_a_small_alias_is_still_read() -> None:
    data = parse_yaml("base: &b {en: x, zh: y}\ncopy: *b\n", "f.yaml")
    assert data["copy"] == {"en": "x", "zh": "y"}


def test_alias_expansion_beyond_the_bound_is_refused_before_anything_is_built() -> None:
    text = laughs(5)  # 100,000 leaves from a 400-byte text
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    assert f"beyond {MAX_ALIAS_EXPANSION}" in str(info.value)
    assert str(info.value).startswith("f.yaml:")


def test_statement_with_alias_bomb_under_an_unknown_key_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED + "x-notes:\n" + "".join("  " + line + "\n" for line in laughs(5).splitlines()),
                    encoding="utf-8")
    with pytest.raises(SpecError, match="aliases expand"):
        read_statement(spec)


def test_recursive_alias_and_deep_nesting_are_one_line() -> None:
    with pytest.raises(InputError, match="refers to the value that contains it"):
        parse_yaml("a: &a [1, *a]\n", "f.yaml")
    with pytest.raises(InputError, match="nested deeper than 100 levels"):
        parse_yaml("a: " + "[" * 800 + "]" * 800 + "\n", "f.yaml")  # libyaml itself stops at 1000


# ---- typed values in a statement ----------------------------------------------------------------------------
STATEMENT_VALUES = [
    ("date: 2023-07-24", "date: 2023-02-30", "meeting.date", "'2023-02-30' is not a real date"),
    ("date: 2023-07-24", "date: 2023-13-40", "meeting.date", "'2023-13-40' is not a real date"),
    ("date: 2023-07-24", "date: 0000-01-01", "meeting.date", "'0000-01-01' is not a real date"),
    ("date: 2023-07-24", "date: !!timestamp not-a-date", "meeting.date", "expected a date"),
    ("date: 2023-07-24", "dates: [2023-07-24, 2023-02-29]", "meeting.dates[1]", "not a real date"),
    ("ordinal: 1", "ordinal: " + "9" * 5000, "meeting.ordinal", "a number 5000 characters long"),
    ("ordinal: 1", "ordinal: !!int abc", "meeting.ordinal", "expected a whole number, got 'abc'"),
    ("ordinal: 1", "ordinal: !!float abc", "meeting.ordinal", "expected a number, got 'abc'"),
    ("order: as-listed", "order: !!bool maybe", "order", "expected true or false, got 'maybe'"),
    ("summit_city: xian", "summit_city: !!int [1]", "clauses[2].slots.summit_city", "got 'a list'"),
    ("summit_city: xian", "summit_city: 2023-02-30", "clauses[2].slots.summit_city", "not a real date"),
    ("summit_city: xian", "summit_city: !!map [1]", "clauses[2].slots.summit_city",
     "expected a mapping, but found sequence"),
    ("summit_city: xian", "summit_city: !!seq x", "clauses[2].slots.summit_city", "expected a list, but found scalar"),
    ("summit_city: xian", "summit_city: !!python/object:os.system {}", "clauses[2].slots.summit_city",
     "could not determine a constructor"),
]


@pytest.mark.parametrize(("old", "new", "field", "problem"), STATEMENT_VALUES)
def test_statement_typed_value_names_file_line_and_field(tmp_path: Path, old: str, new: str, field: str,
                                                         problem: str) -> None:
    text = SEED.replace(old, new, 1)
    assert text != SEED
    spec = tmp_path / "statement.yaml"
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as info:
        read_statement(spec)
    line = _line_of(text, new.split(":")[0] + ":")
    assert str(info.value).startswith(f"{spec}:{line}: {field}: "), str(info.value)
    assert problem in str(info.value)


def test_closing_date_out_of_range(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    closing = "  place: urumqi\n  date: 2023-07-24"
    assert closing in SEED
    spec.write_text(SEED.replace(closing, "  place: urumqi\n  date: 2023-04-31"), encoding="utf-8")
    with pytest.raises(SpecError, match=r"statement\.yaml:\d+: closing\.date: '2023-04-31' is not a real date"):
        read_statement(spec)


# ---- every command that reads a statement (issue 11 item 1) -------------------------------------------------
COMMANDS = [
    ("check", "{spec}"),
    ("build", "{spec}", "--format", "txt", "-o", "-"),
    ("diff", "{spec}", "{seed}"),
    ("diff", "{seed}", "{spec}"),
    ("translate", "{spec}", "--models", "{tmp}/models"),
    ("status", "{spec}"),
    ("review", "export", "{spec}", "--lang", "zh", "-o", "{tmp}/r.docx"),
    ("score", "{spec}", "{seed}", "--lang", "zh"),
]


@pytest.mark.parametrize(("args", "date"), [(a, d) for a, d in zip(COMMANDS, ["2023-13-40", "2023-02-30",
                                                                                "0000-01-01"] * 3, strict=False)],
                         ids=lambda a: " ".join(a[:2]) if isinstance(a, tuple) else a)
def test_impossible_date_is_one_line_in_every_command(run: Callable[..., Result], tmp_path: Path, date: str,
                                                      args: tuple[str, ...]) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SEED.replace("date: 2023-07-24", f"date: {date}"), encoding="utf-8")
    result = run(*(a.format(spec=spec, seed=SEED_SPEC, tmp=tmp_path) for a in args))
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stderr.strip() == (f"statementkit: {spec}:{_line_of(SEED, 'date:')}: meeting.date: "
                                     f"'{date}' is not a real date ({result.stderr.split('(')[-1].strip()}"), \
        result.stderr
    assert not (tmp_path / "r.docx").exists()


# ---- translations, registry and library files ---------------------------------------------------------------
TRANSLATIONS = """statementkit-translations: 1
source: en
units:
  opening:
    zh:
      source_hash: 0123456789abcdef
      text: 各方
      origin: machine
      status: draft
"""


@pytest.mark.parametrize(("old", "new", "fragment"), [
    ("text: 各方", "text: !!int abc", "units.opening.zh.text: expected a whole number, got 'abc'"),
    ("source_hash: 0123456789abcdef", "source_hash: 2023-02-30",
     "units.opening.zh.source_hash: '2023-02-30' is not a real date"),
    ("status: draft", "status: !!bool maybe", "units.opening.zh.status: expected true or false"),
    ("origin: machine", "origin: " + "1" * 5000, "units.opening.zh.origin: a number 5000 characters long"),
    ("source: en", "source: [en]", "'source' must be one of en, zh, ru, got ['en']"),
    ("source: en", "source: fr", "'source' must be one of en, zh, ru, got 'fr'"),
])
def test_translations_file_typed_values(tmp_path: Path, old: str, new: str, fragment: str) -> None:
    text = TRANSLATIONS.replace(old, new)
    path = tmp_path / "s.translations.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TranslationStoreError) as info:
        load_translations(path, "en")
    assert str(info.value).startswith(f"{path}:{_line_of(text, new.split(':')[0] + ':')}: "), str(info.value)
    assert fragment in str(info.value)


def _library(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    shutil.copytree(TEMPLATES, lib)
    return lib


def _edit(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return _line_of(text, new.strip().split("\n")[0])


@pytest.mark.parametrize(("file", "old", "new", "fragment"), [
    ("officials.yaml", "gender: m", "gender: !!bool maybe", "officials.shen-changyu.gender: expected true or false"),
    ("officials.yaml", "honorific: {en: Dr.}", "honorific: [Dr.]",
     "officials.shen-changyu.honorific: expected a mapping of en/zh/ru"),
    ("officials.yaml", "honorific: {en: Dr.}", "honorific: {en: 2023-02-30}", "is not a real date"),
    ("officials.yaml", "office: cnipa", "office: [cnipa]", "officials.shen-changyu.office: expected non-empty text"),
    ("mechanisms.yaml", "genders: {ru: n}", "genders: {ru: x}",
     "mechanisms.c-ca-heads-ip.genders.ru: must be one of m, f, n, p, got 'x'"),
    ("mechanisms.yaml", "genders: {ru: n}", "genders: 5", "mechanisms.c-ca-heads-ip.genders: expected a mapping"),
    ("offices.yaml", "head: shen-changyu", "head: [shen-changyu]", "offices.cnipa.head: expected non-empty text"),
    ("offices.yaml", "country: cn", "country: 5", "offices.cnipa.country: expected non-empty text, got '5'"),
    ("cities.yaml", "country: cn", "country: 0000-01-01", "cities.urumqi.country: '0000-01-01' is not a real date"),
])
def test_registry_typed_values(tmp_path: Path, file: str, old: str, new: str, fragment: str) -> None:
    lib = _library(tmp_path)
    path = lib / "registry" / file
    line = _edit(path, old, new)
    with pytest.raises(RegistryError) as info:
        load_registry(lib / "registry")
    assert str(info.value).startswith(f"{path}:{line}: "), str(info.value)
    assert fragment in str(info.value)


def test_library_typed_value(tmp_path: Path) -> None:
    lib = _library(tmp_path)
    path = lib / "clauses" / "01-opening.yaml"
    text = path.read_text(encoding="utf-8")
    first_id = next(line for line in text.splitlines() if line.strip().startswith("- id:"))
    line = _edit(path, first_id, first_id + "\n    description: !!float abc") + 1
    with pytest.raises(TemplateError) as info:
        load_library(lib / "clauses")
    assert str(info.value).startswith(f"{path}:{line}: clauses[0].description: expected a number"), str(info.value)


def test_registry_value_reaches_the_command_as_one_line(run: Callable[..., Result], tmp_path: Path) -> None:
    lib = _library(tmp_path)
    line = _edit(lib / "registry" / "officials.yaml", "gender: m", "gender: !!bool maybe")
    result = run("check", SEED_SPEC, "--library", lib)
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"statementkit: {lib / 'registry' / 'officials.yaml'}:{line}: "
                                     "officials.shen-changyu.gender: expected true or false, got 'maybe'")


@pytest.mark.parametrize("args", [("status", "{spec}"), ("build", "{spec}", "--format", "txt", "-o", "-"),
                                  ("review", "export", "{spec}", "--lang", "zh", "-o", "{tmp}/r.docx")],
                         ids=["status", "build", "review-export"])
def test_translations_typed_value_is_one_line_in_commands(run: Callable[..., Result], tmp_path: Path,
                                                          args: tuple[str, ...]) -> None:
    spec = tmp_path / "statement.yaml"
    shutil.copy(SEED_SPEC, spec)
    text = TRANSLATIONS.replace("status: draft", "status: !!bool maybe")
    (tmp_path / "statement.translations.yaml").write_text(text, encoding="utf-8")
    result = run(*(a.format(spec=spec, tmp=tmp_path) for a in args))
    assert result.exit_code == 1
    assert result.stderr.strip() == (f"statementkit: {tmp_path / 'statement.translations.yaml'}:"
                                     f"{_line_of(text, 'status:')}: units.opening.zh.status: expected true or "
                                     "false, got 'maybe'"), result.stderr
