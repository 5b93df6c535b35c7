"""Bringing existing texts in: free-form statements, ``import`` of language versions, ``align`` of an archive."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from statementkit.adapters.versions import read_version
from statementkit.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "china-central-asia-ip-2023" / "statement.yaml"
SCO = ROOT / "examples" / "sco-declaration" / "statement.yaml"
LANGS = ("en", "zh", "ru")


def run(*args: Any) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def one_line(result: Result, code: int = 1) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("seed")
    assert run("build", SEED, "-o", out).exit_code == 0
    return {lg: out / f"statement.{lg}.docx" for lg in LANGS}


def texts(path: Path) -> list[tuple[str, str]]:
    return [(p.text, p.kind) for p in read_version(path).paragraphs]


def test_import_of_the_seed_builds_the_input_texts_exactly(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    folder = tmp_path / "imported"
    result = run("import", *seed_docx.values(), "-o", folder)
    assert result.exit_code == 0, result.output
    assert "0 unpaired" in result.stdout
    spec = folder / "statement.yaml"
    top = spec.read_text(encoding="utf-8")
    assert "\nmeeting:" not in top and "\nparties:" not in top  # a free-form statement
    translations = (folder / "statement.translations.yaml").read_text(encoding="utf-8")
    assert "origin: human" in translations and "status: approved" in translations
    out = tmp_path / "rebuilt"
    out.mkdir()
    assert run("build", spec, "-o", out).exit_code == 0
    for lg in LANGS:
        assert texts(out / f"statement.{lg}.docx") == texts(seed_docx[lg])
        diff = run("diff", spec, seed_docx[lg], "--lang", lg)
        assert diff.exit_code == 0 and "0 added, 0 deleted, 0 modified, 0 moved" in diff.output
    assert run("check", spec).exit_code == 0


def _typed_draft(source: Path, target: Path, lang: str) -> None:
    """The same text with typed numbers (1. / 一、, (a) / （一） / а)) instead of Word numbering."""
    import docx

    d = docx.Document()
    n = k = 0
    for p in read_version(source).paragraphs:
        if p.kind == "numbered":
            n, k = n + 1, 0
            label = f"{'一二三四五六七八九十'[n - 1]}、" if lang == "zh" else f"{n}. "
        elif p.kind == "item":
            k += 1
            label = {"zh": f"（{'一二三四五六七八九十'[k - 1]}）", "en": f"({'abcdefgh'[k - 1]}) ",
                     "ru": f"{'абвгдежз'[k - 1]}) "}[lang]
        else:
            label = ""
        d.add_paragraph(label + p.text)
    d.save(str(target))


def _shape(folder: Path) -> list[Any]:
    from statementkit.adapters.translations_file import load_translations
    from statementkit.app.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer

    ws = load_workspace(folder / "statement.yaml", ROOT / "templates")
    tr = load_translations(folder / "statement.translations.yaml", "en")
    r = Renderer(ws.statement, ws.registry, ws.library, tr)
    return [(u.parent is not None, u.clause.numbered, [r.unit_text(u, lg)[0] for lg in LANGS])
            for u in ws.statement.units()]


def test_typed_numbers_and_word_numbering_import_the_same(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    typed = {}
    for lg, path in seed_docx.items():
        typed[lg] = tmp_path / f"typed.{lg}.docx"
        _typed_draft(path, typed[lg], lg)
    assert read_version(typed["zh"]).paragraphs[3].label == "一、"
    assert run("import", *seed_docx.values(), "-o", tmp_path / "word").exit_code == 0
    assert run("import", *typed.values(), "-o", tmp_path / "typed").exit_code == 0
    assert _shape(tmp_path / "typed") == _shape(tmp_path / "word")
    assert any(item for item, _n, _t in _shape(tmp_path / "typed"))


def test_unpaired_paragraphs_are_reported_and_kept(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    import docx

    zh = docx.Document(str(seed_docx["zh"]))
    extra = zh.add_paragraph("本声明于2023年7月24日在乌鲁木齐签署，一式六份，每份均用中文、俄文和英文写成，各文本同等作准。")
    assert extra.text
    zh.save(str(tmp_path / "extra.zh.docx"))
    folder = tmp_path / "imported"
    result = run("import", seed_docx["en"], tmp_path / "extra.zh.docx", "-o", folder)
    assert result.exit_code == 0, result.output
    assert "extra.zh.docx: paragraph 17" in result.stderr and "no counterpart" in result.stderr
    out = tmp_path / "rebuilt"
    out.mkdir()
    assert run("build", folder / "statement.yaml", "-o", out).exit_code == 0
    assert texts(out / "statement.zh.docx") == texts(tmp_path / "extra.zh.docx")
    assert texts(out / "statement.en.docx") == texts(seed_docx["en"])
    spec = folder / "statement.yaml"
    assert run("check", spec).exit_code == 0  # a clause of one version only is no fault
    assert "0 missing" in run("status", spec).stdout
    review = run("review", "export", spec, "--lang", "zh", "-o", tmp_path / "review.docx")
    assert review.exit_code == 0 and "16 clauses" in review.output  # the zh-only paragraph has no source


def test_import_bad_inputs_give_one_line_and_write_nothing(seed_docx: dict[str, Path], tmp_path: Path) -> None:
    import docx

    out = tmp_path / "out"
    other = tmp_path / "other.zh.txt"
    assert run("build", SCO, "--lang", "zh", "--format", "txt", "-o", other).exit_code == 0
    assert "do not look like versions of one statement" in one_line(run("import", seed_docx["en"], other, "-o", out))
    empty = tmp_path / "empty.ru.txt"
    empty.write_text("\n\n", encoding="utf-8")
    assert "no text in this file" in one_line(run("import", seed_docx["en"], empty, "-o", out))
    not_statement = tmp_path / "memo.ru.docx"
    memo = docx.Document()
    for line in ("Служебная записка", "Прошу выделить 3 ноутбука для отдела кадров.", "Бухгалтерия, каб. 12"):
        memo.add_paragraph(line)
    memo.save(str(not_statement))
    assert "do not look like versions" in one_line(run("import", seed_docx["en"], not_statement, "-o", out))
    broken = tmp_path / "broken.zh.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    one_line(run("import", seed_docx["en"], broken, "-o", out))
    copy = tmp_path / "copy.en.docx"
    shutil.copy(seed_docx["en"], copy)
    assert "are both en" in one_line(run("import", seed_docx["en"], copy, "-o", out))
    assert "one file per language" in one_line(run("import", seed_docx["en"], "-o", out), 2)
    assert not out.exists()
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert "not empty" in one_line(run("import", seed_docx["en"], seed_docx["zh"], "-o", out))
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_sco_declaration_in_ten_lines_builds_diffs_and_scores(tmp_path: Path) -> None:
    lines = SCO.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 10 and not any(line.startswith(("parties:", "meeting:")) for line in lines)
    out = tmp_path / "out"
    out.mkdir()
    assert run("build", SCO, "-o", out).exit_code == 0
    assert texts(out / "statement.zh.docx")[0] == ("上海合作组织成员国元首宣言", "title")
    assert texts(out / "statement.ru.docx")[1][0] == "Государства-члены подтверждают приверженность Хартии ШОС."
    edited = tmp_path / "edited" / "statement.yaml"
    edited.parent.mkdir()
    edited.write_text(SCO.read_text(encoding="utf-8").replace("2026", "2027"), encoding="utf-8")
    diff = run("diff", SCO, edited, "--lang", "zh")
    assert diff.exit_code == 0 and "[-2026-]{+2027+}" in diff.output and "1 modified" in diff.output
    score = run("score", edited, SCO, "--lang", "ru")
    assert score.exit_code == 0 and "BLEU" in score.output


def test_a_clause_missing_in_one_language_is_reported_and_the_rest_works(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    p3 = ("  - id: p3\n"
          "    text: {en: The Member States welcome the Republic of Belarus., zh: 成员国欢迎白俄罗斯共和国。}\n")
    spec.write_text(SCO.read_text(encoding="utf-8").replace("closing:", p3 + "closing:"), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    build = run("build", spec, "-o", out)
    assert build.exit_code == 1
    assert "clause 'p3' is free text with no ru translation yet" in build.stderr
    assert sorted(p.name for p in out.iterdir()) == ["statement.en.docx", "statement.zh.docx"]
    edited = tmp_path / "edited.yaml"
    edited.write_text(spec.read_text(encoding="utf-8").replace("2026", "2027"), encoding="utf-8")
    diff = run("diff", spec, edited, "--lang", "ru")
    assert diff.exit_code == 0 and "1 modified" in diff.output  # on the clauses present in Russian
    score = run("score", edited, spec, "--lang", "ru")
    assert score.exit_code == 0 and "p3" not in score.output.split("BLEU")[0]
    empty = tmp_path / "no-models"
    empty.mkdir()
    tr = run("translate", spec, "--to", "ru", "--models", empty, "--no-memory")
    line = one_line(tr)
    assert "ru: 1 clause(s) left untranslated (p3)" in line and "no Argos model" in line


def test_translations_written_by_hand_need_no_hash(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text("\n".join([
        "statementkit: 1", "title: {en: Joint Communiqué, zh: 联合公报, ru: Совместное коммюнике}",
        "clauses:", "  - id: p1", "    text: The Parties met in Astana.", ""]), encoding="utf-8")
    (tmp_path / "statement.translations.yaml").write_text("\n".join([
        "statementkit-translations: 1", "source: en", "units:", "  p1:",
        "    zh: {text: 各方在阿斯塔纳举行会晤。, origin: human, status: approved}",
        "    ru: {text: Стороны встретились в Астане., origin: human, status: approved}", ""]), encoding="utf-8")
    result = run("build", spec, "--format", "txt", "-o", "-")
    assert result.exit_code == 0, result.output
    assert "各方在阿斯塔纳举行会晤。" in result.stdout and "Стороны встретились в Астане." in result.stdout
    assert run("build", spec, "--final", "--format", "txt", "-o", "-").exit_code == 0


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from statementkit.app.workspace import load_library_and_registry
    from statementkit.testing.corpus import generate_corpus, write_corpus

    library, registry = load_library_and_registry(ROOT / "templates")
    folder = tmp_path_factory.mktemp("archive")
    write_corpus(generate_corpus(4, registry, library, seed=2), folder)
    return folder


def test_align_an_archive_into_the_memory_that_translate_reuses(archive: Path, tmp_path: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.adapters.tm.tmx import read_tmx

    tm, tmx = tmp_path / "memory.sqlite", tmp_path / "archive.tmx"
    result = run("align", archive, "--tm", tm, "--tmx", tmx, "--jobs", "1")
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4 and lines[0].startswith("statement-0000: en-zh ")
    assert "en-ru" in lines[0] and "zh-ru" in lines[0] and "left out" in lines[0]
    pairs = read_tmx(tmx).pairs
    assert len(pairs) > 300
    assert {frozenset((p.src_lang, p.tgt_lang)) for p in pairs} == {frozenset(x) for x in (("en", "zh"), ("en", "ru"), ("zh", "ru"))}
    with TranslationMemory(tm) as memory:  # both directions of each unit, the same pairs as the TMX
        assert 300 < len(memory) <= len(pairs)
        en_zh = next(p for p in pairs if (p.src_lang, p.tgt_lang) == ("en", "zh") and len(p.source) > 60)
        assert memory.lookup_exact("zh", "en", en_zh.target) is not None
    spec = tmp_path / "new" / "statement.yaml"
    spec.parent.mkdir()
    spec.write_text("\n".join(["statementkit: 1", "languages: [en, zh]", "clauses:", "  - id: p1",
                               f"    text: {en_zh.source!r}", ""]), encoding="utf-8")
    empty = tmp_path / "no-models"
    empty.mkdir()
    tr = run("translate", spec, "--to", "zh", "--tm", tm, "--models", empty)
    assert tr.exit_code == 0, tr.output
    assert "1 from memory" in tr.stdout
    assert en_zh.target in (spec.parent / "statement.translations.yaml").read_text(encoding="utf-8")


def test_align_json_and_confidence_thresholds(archive: Path, tmp_path: Path) -> None:
    import json

    loose = json.loads(run("align", archive, "--tmx", tmp_path / "a.tmx", "--min-confidence", "0",
                           "--json", "--jobs", "1").stdout)
    strict = json.loads(run("align", archive, "--tmx", tmp_path / "b.tmx", "--min-confidence", "0.6",
                            "--json", "--jobs", "1").stdout)
    assert strict["units"] < loose["units"]
    doc = strict["documents"][0]
    assert doc["languages"] == ["en", "zh", "ru"] and doc["left_out"]


def test_align_bad_inputs(tmp_path: Path) -> None:
    assert "not a folder" in one_line(run("align", tmp_path / "nothing", "--tmx", tmp_path / "x.tmx"))
    (tmp_path / "empty").mkdir()
    assert "no statements found" in one_line(run("align", tmp_path / "empty", "--tmx", tmp_path / "x.tmx"))
    assert "--tm and/or --tmx" in one_line(run("align", tmp_path / "empty"), 2)
    assert not (tmp_path / "x.tmx").exists()


def test_model_score_rescores_pairs_with_the_local_model(tmp_path: Path, models_dir: Path) -> None:
    """Bleualign's check with the tiny copy model (it repeats its input): English copied into a Chinese
    pair's place matches the Chinese target poorly, so every confidence drops and fewer pairs pass 0.5."""
    import json

    from statementkit.app.workspace import load_library_and_registry
    from statementkit.testing.corpus import generate_statement

    library, registry = load_library_and_registry(ROOT / "templates")
    gs = generate_statement(0, registry, library, seed=4, paragraphs=12)
    two = tmp_path / "en-zh"
    two.mkdir()
    for lg in ("en", "zh"):
        (two / f"s.{lg}.txt").write_text(gs.text(lg), encoding="utf-8")
    args = ["align", two, "--min-confidence", "0.5", "--json", "--jobs", "1", "--models", models_dir]
    plain = json.loads(run(*args, "--tmx", tmp_path / "a.tmx").stdout)
    scored = run(*args, "--tmx", tmp_path / "b.tmx", "--model-score")
    assert scored.exit_code == 0, scored.output
    assert plain["units"] >= 8 and json.loads(scored.stdout)["units"] < plain["units"] / 2


def test_align_reads_imported_statement_folders_and_reports_bad_ones(seed_docx: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    assert run("import", *seed_docx.values(), "-o", archive / "c-ca-2023").exit_code == 0
    (archive / "broken").mkdir()
    (archive / "broken" / "draft.en.txt").write_text("Only one language here.\n", encoding="utf-8")
    result = run("align", archive, "--tmx", tmp_path / "out.tmx", "--json", "--jobs", "1")
    assert result.exit_code == 1  # one statement could not be aligned; the other was
    import json

    report = {d["name"]: d for d in json.loads(result.stdout)["documents"]}
    assert "only one language" in report["broken"]["error"]
    good = report["c-ca-2023"]
    assert good["languages"] == ["en", "zh", "ru"] and good["paragraphs"]["en"] == 17
    assert sum(good["approved"].values()) + sum(good["drafts"].values()) > 60


def test_house_style_on_an_imported_statement_is_reported_as_notes(tmp_path: Path) -> None:
    """The signed wording of an imported statement breaks our house style (a Russian number under ten in
    digits, a doubled space): `check` reports it as notes and passes; `--house-style` makes them problems.
    The same wording in a drafter's statement, with a machine draft for Russian, stays a problem."""
    import json

    (tmp_path / "s.en.txt").write_text("1. The Parties signed the agreement in 3 copies on 5 May 2024.\n"
                                       "2. The Parties thanked the partners  for their support in Astana.\n",
                                       encoding="utf-8")
    (tmp_path / "s.ru.txt").write_text("1. Стороны подписали соглашение в 3 экземплярах 5 мая 2024 года.\n"
                                       "2. Стороны поблагодарили партнеров  за поддержку в Астане.\n", encoding="utf-8")
    folder = tmp_path / "imported"
    assert run("import", tmp_path / "s.en.txt", tmp_path / "s.ru.txt", "-o", folder).exit_code == 0
    result = run("check", folder)
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stdout.splitlines() if line.startswith("note (official text, house style)")]
    assert len(notes) == 3 and any("the number 3 stands in digits" in n for n in notes)
    assert sum("doubled space" in n for n in notes) == 2
    assert result.stdout.rstrip().endswith("ok (2 clauses, en, ru; 3 notes)")
    data = json.loads(run("check", folder, "--json").stdout)
    assert data["problems"] == [] and data["findings"] == [] and len(data["notes"]) == 3
    strict = run("check", folder, "--house-style")
    assert strict.exit_code == 1 and "3 problems found" in strict.stderr
    # a drafter's free clause whose Russian is a machine draft: not official, the house style applies
    translations = (folder / "statement.translations.yaml").read_text(encoding="utf-8")
    (folder / "statement.translations.yaml").write_text(
        translations.replace("origin: human", "origin: machine").replace("status: approved", "status: draft"),
        encoding="utf-8")
    drafted = run("check", folder)
    assert drafted.exit_code == 1 and "note (" not in drafted.stdout
    assert "the number 3 stands in digits" in drafted.stdout


def test_align_outputs_never_overwrite_the_archive_and_a_bad_memory_leaves_the_tmx(archive: Path,
                                                                                   tmp_path: Path) -> None:
    """--tmx or --tm naming a file of the archive: exit 2, the file untouched; a memory that cannot be opened:
    one line, and the TMX of an earlier run is left as it was (the memory is written first)."""
    version = next(p for p in sorted(archive.rglob("*")) if p.is_file() and p.suffix in (".docx", ".txt"))
    before = version.read_bytes()
    for option in ("--tmx", "--tm"):
        res = run("align", archive, option, version, "--jobs", "1")
        assert res.exit_code == 2 and "would overwrite an input" in res.stderr, res.output
        assert version.read_bytes() == before
    keep = tmp_path / "keep.tmx"
    assert run("align", archive, "--tmx", keep, "--jobs", "1").exit_code == 0
    kept = keep.read_bytes()
    bad = tmp_path / "not-a-memory.sqlite"
    bad.write_text("plain text, not a database\n", encoding="utf-8")
    res = run("align", archive, "--tmx", keep, "--tm", bad, "--jobs", "1")
    assert res.exit_code == 1 and res.stderr.count("\n") == 1 and "translation memory" in res.stderr, res.output
    assert keep.read_bytes() == kept


def test_align_takes_a_postgresql_url_as_a_url(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                               ) -> None:
    """--tm postgresql://… is the team memory (here unreachable: one line), never a local file of that name."""
    monkeypatch.chdir(tmp_path)
    res = run("align", archive, "--tm", "postgresql://nobody@127.0.0.1:1/x", "--jobs", "1")
    assert res.exit_code == 1 and "PostgreSQL" in res.stderr and res.stderr.count("\n") == 1, res.output
    assert not any(tmp_path.iterdir())


def test_import_pairs_paragraphs_by_their_clause_bookmarks_first(tmp_path: Path) -> None:
    """The five-party example's base in en, zh and ru (statementkit DOCX: clause bookmarks): every paragraph
    pairs, each bookmarked clause has its three texts, and the imported statement checks clean of crossings."""
    import yaml

    base = ROOT / "examples" / "negotiation-2025"
    out = tmp_path / "imported"
    res = run("import", base / "base.en.docx", base / "base.zh.docx", base / "base.ru.docx", "-o", out, "--json")
    assert res.exit_code == 0, res.output
    report = __import__("json").loads(res.stdout)
    assert report["unpaired"] == [], report["unpaired"]
    spec = yaml.safe_load((out / "statement.yaml").read_text(encoding="utf-8"))
    ids = [c.get("id") for c in spec["clauses"]] + [i.get("id") for c in spec["clauses"] for i in c.get("items", [])]
    assert "area-patent-examination" in ids
    assert not any(str(i).startswith(("zh-", "ru-")) for i in ids)
    # the signature blocks stand in each language's own order: their cells pair by the names they hold
    checked = run("check", out / "statement.yaml")
    assert "clause-order" not in checked.stdout and "(office cnipa) here" not in checked.stdout, checked.stdout
