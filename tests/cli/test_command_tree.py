"""One contract for every command, parametrised from the Click command tree (issue 11).

Every command found by walking ``statementkit``'s group must have a recipe below (a new command fails
``test_every_command_has_a_recipe`` until it gets one, and is then covered by every check): ``--help``;
``-o`` to a missing folder with a trailing slash; ``-`` for stdout where a file is written; ``--json`` on
bad input (stdout is one JSON document with the error, the exit code unchanged); an impossible date in the
statement; a wrong language code answered with a suggestion; exit codes 0, 1 and 2; never a traceback.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from statementkit.cli import cli
from tests.conftest import EXAMPLES, SEED_SPEC


def command_paths() -> list[tuple[str, ...]]:
    """Every leaf command of the CLI, as its words (``("review", "export")``)."""
    out: list[tuple[str, ...]] = []

    def walk(group: click.Group, prefix: tuple[str, ...]) -> None:
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            cmd = group.get_command(ctx, name)
            assert cmd is not None
            if isinstance(cmd, click.Group):
                walk(cmd, (*prefix, name))
            else:
                out.append((*prefix, name))

    walk(cli, ())
    return out


COMMANDS = command_paths()
IDS = [" ".join(c) for c in COMMANDS]


@dataclass
class Recipe:
    """How to run one command well: ``args`` (after the command words); ``output``: how a file output is
    named (``"-o"`` for the option, ``"arg"`` for a last argument, None: the command writes no file);
    ``spec``: index in ``args`` of a statement file (None: none); ``lang``: the option taking a language
    code (None: none); ``bad``: args naming a missing input (exit 1)."""

    args: list[str]
    output: str | None = None
    spec: int | None = None
    lang: str | None = None
    bad: list[str] = field(default_factory=list)
    stdin: bytes | None = None


@dataclass
class World:
    root: Path
    spec: Path
    amended: Path
    tbx: Path
    tmx: Path
    memory: Path
    review_docx: Path
    models: Path
    archive: Path


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, tiny_argos: dict[str, Path]) -> dict[str, Path]:
    """What the recipes only read, made once: a termbase, a memory and its TMX, a review DOCX of the seed
    statement (as ``seed/statement.yaml``, the name each test's copy has), installed models."""
    from statementkit.adapters.argos.packages import install_archive
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.app.memory import export_tmx
    from statementkit.app.review import ExportOptions, export_review
    from statementkit.app.terms import export_terms
    from statementkit.model.translation import Origin, Status

    root = tmp_path_factory.mktemp("inputs")
    (root / "seed").mkdir()
    shutil.copy(SEED_SPEC, root / "seed" / "statement.yaml")
    export_terms(root / "terms.tbx")
    with TranslationMemory(root / "memory.sqlite") as tm:
        tm.add("en", "zh", "Cooperation.", "合作。", origin=Origin.HUMAN, status=Status.REVIEWED)
    export_tmx(root / "in.tmx", root / "memory.sqlite")
    export_review(root / "seed" / "statement.yaml", "zh",
                  ExportOptions(output=root / "review-zh.docx", no_memory=True))
    for key in ("en-zh", "en-ru"):
        install_archive(tiny_argos[key], root / "models")
    return {"tbx": root / "terms.tbx", "tmx": root / "in.tmx", "memory": root / "memory.sqlite",
            "review_docx": root / "review-zh.docx", "models": root / "models", "archive": tiny_argos["zh-en"]}


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs: dict[str, Path]) -> Iterator[World]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # the default memory, if any, lands here
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    (tmp_path / "seed").mkdir()
    spec = tmp_path / "seed" / "statement.yaml"
    shutil.copy(SEED_SPEC, spec)
    (tmp_path / "amended").mkdir()
    amended = tmp_path / "amended" / "statement.yaml"
    shutil.copy(EXAMPLES / "china-central-asia-ip-2023-amended" / "statement.yaml", amended)
    memory = tmp_path / "memory.sqlite"
    shutil.copy(inputs["memory"], memory)
    yield World(tmp_path, spec, amended, inputs["tbx"], inputs["tmx"], memory, inputs["review_docx"],
                inputs["models"], inputs["archive"])


def recipe(command: tuple[str, ...], w: World) -> Recipe:
    """The recipe of ``command``; KeyError for a command nobody wrote one for."""
    missing = str(w.root / "missing.yaml")
    table: dict[tuple[str, ...], Recipe] = {
        ("build",): Recipe([str(w.spec), "--lang", "en"], "-o", 0, "--lang", [missing]),
        ("check",): Recipe([str(w.spec)], None, 0, None, [missing]),
        ("diff",): Recipe([str(w.spec), str(w.amended), "--lang", "en"], "-o", 0, "--lang", [missing, str(w.spec)]),
        ("models", "install"): Recipe([str(w.archive), "--models", str(w.root / "m2")], None, None, None,
                                      [str(w.root / "missing.argosmodel")]),
        ("models", "list"): Recipe(["--models", str(w.models)], None, None, None, ["--models", missing]),
        ("new",): Recipe(["--party", "cnipa", "--party", "uz-ip-office", "--venue", "tashkent", "--date",
                          "2026-05-20", str(w.root / "n")],
                         None, None, None, ["--party", "cnipz", "--party", "uz-ip-office", "--venue", "tashkent",
                                            "--date", "2026-05-20", str(w.root / "n2")]),
        ("review", "export"): Recipe([str(w.spec), "--lang", "zh", "--no-memory"], "-o", 0, "--lang",
                                     [missing, "--lang", "zh"]),
        ("review", "import"): Recipe([str(w.review_docx), str(w.spec), "--dry-run", "--no-memory"], None, 1,
                                     "--lang", [str(w.root / "missing.docx"), str(w.spec)]),
        ("score",): Recipe([str(w.spec), str(w.spec), "--lang", "zh"], None, 0, "--lang",
                           [missing, str(w.spec), "--lang", "zh"]),
        ("status",): Recipe([str(w.spec)], None, 0, None, [missing]),
        ("templates", "list"): Recipe([], None, None, None, ["--family", "areaz"]),
        ("templates", "show"): Recipe(["opening.heads-met"], None, None, None, ["opening.heads-mte"]),
        ("terms", "export"): Recipe([], "arg", None, None, ["--library", str(w.root / "nolib"), "t.tbx"]),
        ("terms", "import"): Recipe([str(w.tbx)], "-o", None, None, [str(w.root / "missing.tbx")]),
        ("tm", "export"): Recipe(["--tm", str(w.memory)], "arg", None, None,
                                 ["--tm", str(w.root / "typo.sqlite"), "out.tmx"]),
        ("tm", "stats"): Recipe(["--tm", str(w.memory)], None, None, None, ["--tm", str(w.root / "typo.sqlite")]),
        ("tm", "delete"): Recipe(["--tm", str(w.memory), "--origin", "machine"], None, None, None,
                                 ["--tm", str(w.root / "typo.sqlite"), "--origin", "machine"]),
        ("tm", "import"): Recipe([str(w.tmx), "--tm", str(w.root / "m.sqlite")], None, None, None,
                                 [str(w.root / "missing.tmx"), "--tm", str(w.root / "m.sqlite")]),
        ("import",): Recipe([*map(str, _versions(w.root / "imp")), "-o", str(w.root / "imported")], None, None, "--source",
                            [missing, str(_versions(w.root / "imp")[0]), "-o", str(w.root / "imported2")]),
        ("align",): Recipe([str(_versions(w.root / "archive" / "s1")[0].parent.parent), "--tmx",
                            str(w.root / "a.tmx"), "--jobs", "1"], None, None, None,
                           [str(w.root / "missing-archive"), "--tmx", str(w.root / "b.tmx")]),
        ("translate",): Recipe([str(w.amended), "--models", str(w.models), "--no-memory", "--to", "zh"], None, 0,
                               "--to", [missing, "--no-memory"]),
        ("round", "add"): Recipe([str(w.spec), "--party", "kz", "--base", "--lang", "en", "--dir", str(w.root / "nego")],
                                 None, None, "--lang", [missing, "--party", "kz", "--dir", str(w.root / "nego")]),
        ("round", "list"): Recipe(["--dir", str(w.root)], None, None, None, ["--dir", str(w.root / "missing")]),
        ("history",): Recipe(["--dir", str(_negotiation(w))], None, None, "--lang",
                             ["--dir", str(w.root / "missing")]),
        ("consolidate",): Recipe([*_drafts(w), "-o", str(w.root / "consolidated.docx")], None, None, "--lang",
                                 [str(w.root / "missing.docx"), *_drafts(w)[1:], "-o", str(w.root / "c.docx")]),
    }
    return table[command]


def _negotiation(w: World) -> Path:
    """A negotiation folder: the seed statement as kz's base, the amended one as uz's version (made once)."""
    from statementkit.app.rounds import RoundOptions, add_round
    from statementkit.errors import StatementkitError

    folder = w.root / "nego-h"
    if not (folder / "negotiation.json").exists():
        try:
            add_round(folder, w.spec, RoundOptions("kz", base=True, lang="en"))
            add_round(folder, w.amended, RoundOptions("uz", lang="en"))
        except StatementkitError:  # the placeholder World of test_every_command_has_a_recipe
            pass
    return folder


def _drafts(w: World) -> list[str]:
    """A base DOCX built from the seed statement and one party's edited draft of it (made once)."""
    from statementkit.errors import StatementkitError

    base, draft = w.root / "base.en.docx", w.root / "draft-kg.en.docx"
    if not draft.exists():
        try:
            from statementkit.app.build import BuildOptions, build_statement
            from statementkit.testing.negotiation import make_draft

            build_statement(w.spec, BuildOptions(langs=("en",), output=base))
            make_draft(base, draft, [("delete", "opening")])
        except (StatementkitError, OSError, KeyError):
            pass
    return [str(base), f"kg={draft}"]


def _versions(folder: Path) -> list[Path]:
    """Two language versions of a small statement as text files in ``folder`` (for import and align)."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"en": "1. The Parties agree to cooperate in 2026.\n2. The next meeting will be held in Astana.\n",
             "zh": "一、双方同意于2026年开展合作。\n二、下次会议将在阿斯塔纳举行。\n"}
    out = []
    for lang, text in texts.items():
        (folder / f"s.{lang}.txt").write_text(text, encoding="utf-8")
        out.append(folder / f"s.{lang}.txt")
    return out


def invoke(*args: str, input: bytes | None = None) -> Result:
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    no_traceback(result)
    return result


def no_traceback(result: Result) -> None:
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr


def one_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: "), result.stderr
    assert "Usage:" not in result.stderr
    return lines[0]


def test_every_command_has_a_recipe(tmp_path: Path) -> None:
    w = World(*(tmp_path,) * 9)  # type: ignore[arg-type]
    assert len(COMMANDS) >= 17
    assert [c for c in COMMANDS if _has_recipe(c, w) is None] == []


def _has_recipe(command: tuple[str, ...], w: World) -> Recipe | None:
    try:
        return recipe(command, w)
    except KeyError:
        return None


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_help(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.stdout and "--json" in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_exit_codes_0_1_2(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    ok = invoke(*command, *r.args, *(["-o", "out/"] if r.output == "-o" else ["out/"] if r.output else []))
    assert ok.exit_code == 0, ok.stderr
    bad = invoke(*command, *r.bad)
    assert bad.exit_code == 1, bad.stderr
    one_line(bad)
    usage = invoke(*command, *r.args, "--no-such-option")
    assert usage.exit_code == 2
    assert "no such option" in one_line(usage).lower()


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_json_on_bad_input(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    result = invoke(*command, *r.bad, "--json")
    assert result.exit_code == 1, result.stderr
    document = json.loads(result.stdout)
    assert document["exit_code"] == 1 and document["error"] in one_line(result)


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_json_on_success_is_one_document(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    result = invoke(*command, *r.args, *(["out/"] if r.output == "arg" else []), "--json")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)


def test_json_on_bad_usage_is_json_too(world: World) -> None:
    result = invoke("check", str(world.spec), "--json", "--no-such-option")
    assert result.exit_code == 2 and json.loads(result.stdout)["exit_code"] == 2


WRITERS = [c for c in COMMANDS if c in {("build",), ("diff",), ("review", "export"), ("terms", "export"),
                                         ("terms", "import"), ("tm", "export")}]


def test_the_writers_are_every_command_with_an_output(tmp_path: Path) -> None:
    w = World(*(tmp_path,) * 9)  # type: ignore[arg-type]
    assert sorted(c for c in COMMANDS if recipe(c, w).output) == sorted(WRITERS)


def _with_output(r: Recipe, value: str) -> list[str]:
    return [*r.args, "-o", value] if r.output == "-o" else [*r.args, value]


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c))
def test_output_to_a_missing_folder_with_a_trailing_slash(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    result = invoke(*command, *_with_output(r, "new/deeper/"))
    assert result.exit_code == 0, result.stderr
    folder = world.root / "new" / "deeper"
    assert folder.is_dir() and len(list(folder.iterdir())) == 1, list(world.root.iterdir())


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c))
def test_output_suffix_of_another_format_is_refused(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    result = invoke(*command, *_with_output(r, "x.odt"))
    assert result.exit_code == 2 and "x.odt" in one_line(result)
    assert not (world.root / "x.odt").exists()


@pytest.mark.parametrize("command", WRITERS, ids=lambda c: " ".join(c))
def test_dash_is_stdout(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    result = invoke(*command, *_with_output(r, "-"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes and not (world.root / "-").exists()


SPEC_READERS = [c for c in COMMANDS if c in {("build",), ("check",), ("diff",), ("review", "export"),
                                             ("review", "import"), ("score",), ("status",), ("translate",)}]


def test_the_spec_readers_are_every_command_with_a_statement(tmp_path: Path) -> None:
    w = World(*(tmp_path,) * 9)  # type: ignore[arg-type]
    assert sorted(c for c in COMMANDS if recipe(c, w).spec is not None) == sorted(SPEC_READERS)


def _spec_with(world: World, old: str, new: str) -> str:
    text = world.spec.read_text(encoding="utf-8")
    assert old in text
    world.spec.write_text(text.replace(old, new), encoding="utf-8")
    return str(world.spec)


@pytest.mark.parametrize("date", ["2023-13-40", "2023-02-30"])
@pytest.mark.parametrize("command", SPEC_READERS, ids=lambda c: " ".join(c))
def test_impossible_date(command: tuple[str, ...], world: World, date: str) -> None:
    r = recipe(command, world)
    args = list(r.args)
    assert r.spec is not None
    args[r.spec] = _spec_with(world, "date: 2023-07-24", f"date: {date}")
    result = invoke(*command, *args)
    assert result.exit_code == 1, result.stderr
    assert "statement.yaml:8: meeting.date: " in one_line(result)


@pytest.mark.parametrize("command", COMMANDS, ids=IDS)
def test_wrong_language_code_has_a_suggestion(command: tuple[str, ...], world: World) -> None:
    r = recipe(command, world)
    if r.lang is not None:
        args = list(r.args)
        if r.lang in args:
            args[args.index(r.lang) + 1] = "cn"
        else:
            args += [r.lang, "cn"]
        result = invoke(*command, *args)
        assert result.exit_code == 2
    elif r.spec is not None:
        args = list(r.args)
        args[r.spec] = _spec_with(world, "source: en", "source: eng")
        result = invoke(*command, *args)
        assert result.exit_code == 1
    else:
        pytest.skip("takes no language code")
    line = one_line(result)
    assert "unknown language" in line and "did you mean" in line, line
