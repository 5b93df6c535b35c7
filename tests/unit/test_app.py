"""The use-case layer called from Python, as a library user would: results, files written, and the errors of
bad input (the same exception tree the CLI turns into one line)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from statementkit.errors import InputError, OutputError, ProblemsFound, ReviewError, UsageError
from tests.conftest import EXAMPLES, SEED_SPEC

AMENDED = EXAMPLES / "china-central-asia-ip-2023-amended" / "statement.yaml"


def test_build_text_and_files(seed_copy: Path, tmp_path: Path) -> None:
    from statementkit.app.build import BuildOptions, build_statement

    shown = build_statement(seed_copy, BuildOptions(langs=["en"], fmt="txt", to_stdout=True))
    assert shown.written == [] and shown.text is not None and "Urumqi" in shown.text
    built = build_statement(seed_copy, BuildOptions(langs=["zh,ru", "zh"], fmt="md"))
    assert built.written == [seed_copy.parent / "statement.zh.md", seed_copy.parent / "statement.ru.md"]
    assert "乌鲁木齐" in built.written[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("options", "error", "words"), [
    ({"langs": ["fr"]}, UsageError, "unknown language 'fr'"),
    ({"fmt": "odt"}, UsageError, "unknown format 'odt'"),
    ({"parallel": True, "fmt": "md"}, UsageError, "--parallel writes DOCX"),
    ({"to_stdout": True}, UsageError, "several DOCX files cannot go to stdout"),
    ({"output": Path("/nonexistent/folder")}, OutputError, "several languages go to a folder"),
])
def test_build_refuses_bad_options(seed_copy: Path, options: dict[str, object], error: type[Exception],
                                   words: str) -> None:
    from statementkit.app.build import BuildOptions, build_statement

    with pytest.raises(error, match=words):
        build_statement(seed_copy, BuildOptions(**options))  # type: ignore[arg-type]
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == ["statement.yaml"]  # nothing half-written


def test_build_final_refuses_unreviewed_translations(tmp_path: Path) -> None:
    from statementkit.app.build import BuildOptions, build_statement

    folder = tmp_path / "amended"
    shutil.copytree(AMENDED.parent, folder)
    notes: list[str] = []
    result = build_statement(folder / "statement.yaml", BuildOptions(langs=["zh"]), notify=notes.append)
    assert notes == [result.review_line] == ["5 translated clauses, all reviewed"]
    spec = folder / "statement.yaml"  # edit a translated clause's source: its translations are stale
    spec.write_text(spec.read_text(encoding="utf-8").replace("The Parties welcome the memorandum",
                                                             "The Parties warmly welcome the memorandum"),
                    encoding="utf-8")
    with pytest.raises(ProblemsFound, match=r"not final: .*1 stale"):
        build_statement(folder / "statement.yaml", BuildOptions(langs=["zh"], final=True))


def test_check_and_status() -> None:
    from statementkit.app.check import check_statement
    from statementkit.app.status import translation_status

    result = check_statement(SEED_SPEC)
    assert result.count == 0 and result.clauses > 10 and set(result.languages) == {"zh", "ru", "en"}
    assert result.as_json() == {"problems": [], "findings": [], "accepted": [], "notes": [], "stale_accepted": []}
    assert {r.lang for r in translation_status(AMENDED)} == {"zh", "ru"}
    with pytest.raises(InputError):
        check_statement(SEED_SPEC.parent / "missing.yaml")


def test_diff_files(tmp_path: Path) -> None:
    from statementkit.app.diff import DiffOptions, diff_files

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = SEED_SPEC.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("slots: {every_years: 2}", "slots: {every_years: 3}"), encoding="utf-8")
    outcome = diff_files(old, new, DiffOptions(lang="en"))
    assert outcome.differs and outcome.body is not None and outcome.summaries == []
    assert outcome.body.splitlines()[-1].startswith("0 added, 0 deleted, 1 modified")
    html = tmp_path / "d.html"
    outcome = diff_files(old, new, DiffOptions(fmt="html", output=html))
    assert outcome.body is None and html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(UsageError, match="overwrite an input"):
        diff_files(old, new, DiffOptions(fmt="json", output=old))
    with pytest.raises(UsageError, match="unknown format"):
        diff_files(old, new, DiffOptions(fmt="pdf"))


def test_memory_round_trip_through_tmx(tmp_path: Path) -> None:
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.app.memory import export_tmx, import_tmx
    from statementkit.model.translation import Origin, Status

    with TranslationMemory(tmp_path / "a.sqlite") as tm:
        tm.add("en", "zh", "The Parties agree.", "各方同意。", origin=Origin.HUMAN, status=Status.APPROVED)
    assert export_tmx(tmp_path / "a.tmx", tmp_path / "a.sqlite") == 1
    assert import_tmx(tmp_path / "a.tmx", tmp_path / "b.sqlite").imported == 2  # both directions
    with TranslationMemory(tmp_path / "b.sqlite") as tm:
        match = tm.lookup_exact("en", "zh", "The Parties agree.")
    assert match is not None and match.target == "各方同意。"


def test_review_round_trip_and_refusals(tmp_path: Path) -> None:
    from statementkit.app.review import ExportOptions, ImportOptions, export_review, import_review

    folder = tmp_path / "amended"
    shutil.copytree(AMENDED.parent, folder)
    spec = folder / "statement.yaml"
    exported = export_review(spec, "zh", ExportOptions(output=tmp_path / "r.xlf", no_memory=True))
    assert exported.fmt == "xliff" and exported.rows
    report = import_review(tmp_path / "r.xlf", spec, ImportOptions(no_memory=True, dry_run=True))
    assert report.lang == "zh" and not report.written and report.counts == {"unchanged": len(exported.rows)}
    with pytest.raises(ReviewError, match="not 'ru'"):
        import_review(tmp_path / "r.xlf", spec, ImportOptions(lang="ru", no_memory=True))
    with pytest.raises(UsageError, match=r"cannot tell the format from the suffix '\.pdf'"):
        export_review(spec, "zh", ExportOptions(output=tmp_path / "r.pdf", no_memory=True))


def test_templates_and_new(tmp_path: Path) -> None:
    from statementkit.app.new import NewOptions, new_statement
    from statementkit.app.templates import list_templates, show_template

    areas = list_templates("area")
    assert areas and all(t.family == "area" for t in areas)
    assert show_template(areas[0].id).id == areas[0].id
    with pytest.raises(InputError, match="unknown template"):
        show_template("no.such-template")
    options = NewOptions(parties=["cnipa", "uz-ip-office"], venue="tashkent", date="2026-05-20")
    spec = new_statement(tmp_path / "s", options)
    assert spec == tmp_path / "s" / "statement.yaml" and "tashkent" in spec.read_text(encoding="utf-8")
    with pytest.raises(OutputError, match="not an empty folder"):
        new_statement(tmp_path / "s", options)
    with pytest.raises(UsageError, match="YYYY-MM-DD"):
        new_statement(tmp_path / "t", NewOptions(parties=["cnipa", "uz-ip-office"], venue="tashkent", date="20 May"))


def test_models_install_needs_one_source(tmp_path: Path) -> None:
    from statementkit.app.models import install_model, list_models

    found = list_models(tmp_path)
    assert found.directory == tmp_path and found.packages == [] and found.broken == []
    with pytest.raises(UsageError, match="not both"):
        install_model(tmp_path / "x.argosmodel", source="en", models_dir=tmp_path)
    with pytest.raises(UsageError, match="--from LANG --to LANG"):
        install_model(source="en", models_dir=tmp_path)


def test_build_copy_for_the_alternat(tmp_path: Path) -> None:
    from statementkit.app.build import BuildOptions, build_statement

    spec = Path(__file__).resolve().parents[2] / "examples" / "china-kazakhstan-ip-2026" / "statement.yaml"
    result = build_statement(spec, BuildOptions(langs=["ru"], fmt="txt", output=tmp_path,
                                                copy_for=["all"]))
    assert [p.name for p in result.written] == ["statement.cnipa.ru.txt", "statement.kz-ip-department.ru.txt"]
    assert [d.meta["copy_for"] for d in result.documents] == ["cnipa", "kz-ip-department"]
    with pytest.raises(UsageError, match="not a party"):
        build_statement(spec, BuildOptions(copy_for=["tj-ncpi"], output=tmp_path))
