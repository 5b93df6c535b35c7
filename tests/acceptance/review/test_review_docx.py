"""Review DOCX round trip: export, edit as a translator would (python-docx, LibreOffice), import."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result

from statementkit.adapters.docx import oxml
from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.app.workspace import load_workspace
from statementkit.model.translation import Origin, Status
from statementkit.services.assemble.render import assemble
from tests.acceptance.review.conftest import LIBRARY, soffice_resave

ZH_EDIT = "各方认识到知识产权的重要作用。\n第二行：促进发展🙂"
RU_EDIT = "Стороны осознают важную роль «интеллектуальной собственности»."


def export(run: Callable[..., Result], spec: Path, lang: str, out: Path) -> None:
    res = run("review", "export", spec, "--lang", lang, "-o", out)
    assert res.exit_code == 0, res.output
    assert out.is_file()


def row_of(table, unit_id: str):  # type: ignore[no-untyped-def]
    for row in table.rows[1:]:
        if row.cells[1].text.strip() == unit_id or oxml.cell_text(row.cells[1]._tc).strip() == unit_id:
            return row
    raise AssertionError(f"no row {unit_id}")


def edit_docx(path: Path, edits: dict[str, str], statuses: dict[str, str] | None = None) -> None:
    d = docx.Document(str(path))
    table = d.tables[0]
    for uid, text in edits.items():
        row_of(table, uid).cells[3].text = text  # python-docx turns "\n" into a line break
    for uid, status in (statuses or {}).items():
        row_of(table, uid).cells[4].text = status
    d.save(str(path))


def test_export_has_header_table_identity_and_locked_ids(run, spec, tmp_path):
    out = tmp_path / "review-zh.docx"
    export(run, spec, "zh", out)
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Joint Statement of the First China-Central Asia Heads of Intellectual Property Office Meeting" in text
    assert "(en → zh)" in text and "Edit only the Target column" in text
    table = d.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Id", "Source (en)", "Target (zh)", "Status", "Notes"]
    ws = load_workspace(spec, LIBRARY)
    units = [u.id for u in ws.statement.units()]
    assert len(table.rows) == 1 + len(units)
    row = row_of(table, "mechanism")
    assert row.cells[0].text == "5"
    assert "每两年举办一次" in row.cells[3].text
    assert row.cells[4].text.splitlines() == ["approved", "(template)"]
    assert row_of(table, "area-enforcement").cells[0].text == "6.2"
    with zipfile.ZipFile(out) as zf:
        root = oxml.parse_document_part = None  # noqa: F841 - readability
        from lxml import etree
        doc = etree.fromstring(zf.read("word/document.xml"))
        props = oxml.read_custom_properties(etree.fromstring(zf.read("docProps/custom.xml")))
    locks = oxml.content_control_locks(doc)
    assert locks == {f"statementkit-id:{u}": "sdtContentLocked" for u in units}
    assert props["statementkit.lang"] == "zh"
    assert props["statementkit.rows"] == str(len(units))
    assert props["statementkit.row.0001"].startswith("opening ")


def test_unedited_import_changes_nothing_byte_for_byte(run, spec, tmp_path):
    tpath = translations_path(spec)
    tpath.write_text("statementkit-translations: 1\nsource: en\nunits: {}\n", encoding="utf-8")
    before = tpath.read_bytes()
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    res = run("review", "import", out, spec)
    assert res.exit_code == 0, res.output
    assert "16 unchanged; nothing written" in res.output
    assert tpath.read_bytes() == before


def _check_translator_edits_landed(spec: Path, lang: str, edits: dict[str, str], statuses: dict[str, Status],
                                   untouched: list[str]) -> None:
    tr = load_translations(translations_path(spec), "en")
    for uid, text in edits.items():
        e = tr.get(uid, lang)
        assert e is not None and e.text == text and e.origin is Origin.HUMAN
        assert e.status is statuses.get(uid, Status.REVIEWED)
    for uid in untouched:
        assert tr.get(uid, lang) is None
    # build now prints the translator's text, also where a template covers the clause
    ws = load_workspace(spec, LIBRARY)
    doc = assemble(ws.statement, ws.registry, ws.library, lang, tr)
    by_id = {b.unit_id: b.text for b in doc.blocks}
    for uid, text in edits.items():
        assert by_id[uid] == text


def test_translator_edits_land_exactly(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    edit_docx(out, {"ip-role": ZH_EDIT, "wipo": "各方认识到WIPO的重要性。"}, {"conclusion": "reviewed"})
    res = run("review", "import", out, spec, "--json")
    assert res.exit_code == 0, res.output
    tr = load_translations(translations_path(spec), "en")
    assert {(e.unit_id, e.lang) for e in tr} == {("ip-role", "zh"), ("wipo", "zh"), ("conclusion", "zh")}
    _check_translator_edits_landed(spec, "zh", {"ip-role": ZH_EDIT, "wipo": "各方认识到WIPO的重要性。"}, {},
                                   ["opening", "mechanism", "area-awareness"])
    closing = tr.get("conclusion", "zh")
    assert closing is not None and closing.origin is Origin.TEMPLATE and closing.status is Status.REVIEWED
    # a second import of the same file changes nothing more
    before = translations_path(spec).read_bytes()
    res = run("review", "import", out, spec)
    assert res.exit_code == 0
    assert translations_path(spec).read_bytes() != b""  # file exists
    tr2 = load_translations(translations_path(spec), "en")
    assert tr2.get("ip-role", "zh") == tr.get("ip-role", "zh")
    assert translations_path(spec).read_bytes() == before


def test_russian_edit_with_changed_status(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "ru", out)
    edit_docx(out, {"ip-role": RU_EDIT}, {"ip-role": "approved"})
    res = run("review", "import", out, spec)
    assert res.exit_code == 0, res.output
    _check_translator_edits_landed(spec, "ru", {"ip-role": RU_EDIT}, {"ip-role": Status.APPROVED}, ["wipo"])


@pytest.mark.libreoffice
def test_libreoffice_resaved_review_still_imports(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    edit_docx(out, {"ip-role": ZH_EDIT, "area-awareness": "提高知识产权意识🙂"}, {"wipo": "reviewed"})
    resaved = soffice_resave(out, tmp_path / "lo")
    res = run("review", "import", resaved, spec)
    assert res.exit_code == 0, res.output
    _check_translator_edits_landed(spec, "zh", {"ip-role": ZH_EDIT, "area-awareness": "提高知识产权意识🙂"}, {},
                                   ["opening", "conclusion"])
    wipo = load_translations(translations_path(spec), "en").get("wipo", "zh")
    assert wipo is not None and wipo.status is Status.REVIEWED and wipo.origin is Origin.TEMPLATE


@pytest.mark.libreoffice
def test_libreoffice_resaved_unedited_review_changes_nothing(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "ru", out)
    resaved = soffice_resave(out, tmp_path / "lo")
    res = run("review", "import", resaved, spec)
    assert res.exit_code == 0, res.output
    assert "nothing written" in res.output
    assert not translations_path(spec).exists()


def test_source_changed_added_deleted_and_tampered_rows_are_reported_not_applied(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    d = docx.Document(str(out))
    table = d.tables[0]
    row_of(table, "mechanism").cells[3].text = "会议每三年举办一次。"
    row_of(table, "bripc").cells[3].text = "改过的译文"
    # tamper: overwrite an id (the content control does not stop python-docx)
    tampered = row_of(table, "wipo")
    tampered.cells[1].paragraphs[0].runs  # noqa: B018
    for t in tampered.cells[1]._tc.iter(oxml.w("t")):
        t.text = "wipo-x"
    tampered.cells[3].text = "篡改"
    # delete a row and add one
    gone = row_of(table, "area-awareness")._tr
    gone.getparent().remove(gone)
    new = table.add_row()
    new.cells[1].text = "my-new-clause"
    new.cells[3].text = "新条款"
    d.save(str(out))
    # and the source of `mechanism` changes after the export
    text = spec.read_text(encoding="utf-8").replace("every_years: 2", "every_years: 3")
    spec.write_text(text, encoding="utf-8")
    res = run("review", "import", out, spec, "--json")
    assert res.exit_code == 1, res.output  # rows not applied: exit 1 after the report
    assert "3 returned row(s) not applied (added, source-changed, tampered)" in res.stderr
    import json
    report = json.loads(res.stdout)
    kinds = {(r["kind"], r["unit"]) for r in report["rows"]}
    assert kinds == {("source-changed", "mechanism"), ("edited", "bripc"), ("tampered", "wipo"),
                     ("deleted", "area-awareness"), ("added", "my-new-clause")}
    tr = load_translations(translations_path(spec), "en")
    assert [(e.unit_id, e.text) for e in tr] == [("bripc", "改过的译文")]


def test_redline_shows_source_change_since_approved_translation(run, spec, tmp_path):
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    edit_docx(out, {"mechanism": "会议每两年举办一次（人工译文）。"}, {"mechanism": "approved"})
    assert run("review", "import", out, spec).exit_code == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace("every_years: 2", "every_years: 3"), encoding="utf-8")
    out2 = tmp_path / "r2.docx"
    export(run, spec, "zh", out2)
    d = docx.Document(str(out2))
    cell = row_of(d.tables[0], "mechanism").cells[2]
    runs = cell.paragraphs[0].runs
    struck = "".join(r.text for r in runs if r.font.strike)
    underlined = "".join(r.text for r in runs if r.font.underline)
    assert "biennial" in struck and "three years" in underlined and "3" not in underlined
    assert "source changed since this translation" in row_of(d.tables[0], "mechanism").cells[5].text
    # the stale human text is not used by build: the template output is, and the review shows it
    assert "每三年举办一次" in row_of(d.tables[0], "mechanism").cells[3].text


@pytest.mark.parametrize("case", ["other-statement", "other-language", "restructured", "merged", "not-zip",
                                  "xxe", "no-identity", "damaged-identity"])
def test_bad_review_files_fail_in_one_line_and_touch_nothing(run, spec, tmp_path, case):
    tpath = translations_path(spec)
    tpath.write_text("statementkit-translations: 1\nsource: en\nunits: {}\n", encoding="utf-8")
    before, spec_before = tpath.read_bytes(), spec.read_bytes()
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    edit_docx(out, {"ip-role": ZH_EDIT})
    args: list[str | Path] = ["review", "import", out, spec]
    if case == "other-statement":
        other = tmp_path / "other" / "statement.yaml"
        shutil.copytree(spec.parent, other.parent)
        other.write_text(spec.read_text(encoding="utf-8").replace("ordinal: 1", "ordinal: 2"), encoding="utf-8")
        args = ["review", "import", out, other]
        tpath, before = translations_path(other), translations_path(other).read_bytes()
        expected = "belongs to another statement"
    elif case == "other-language":
        args.append("--lang=ru")
        expected = "is for language 'zh', not 'ru'"
    elif case == "restructured":
        d = docx.Document(str(out))
        for row in d.tables[0].rows:
            tc = row.cells[5]._tc
            tc.getparent().remove(tc)
        d.save(str(out))
        expected = "review table was restructured"
    elif case == "merged":
        d = docx.Document(str(out))
        t = d.tables[0]
        t.cell(3, 2).merge(t.cell(3, 3))
        d.save(str(out))
        expected = "review table was restructured"
    elif case == "not-zip":
        out.write_bytes(b"PK\x03\x04 definitely not a zip")
        expected = "not a review DOCX"
    elif case == "xxe":
        _rewrite_member(out, "word/document.xml", lambda b: b.replace(
            b"?>", b'?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1))
        expected = "internal DTD subset (entity declarations) is refused"
    elif case == "no-identity":
        d = docx.Document()
        d.add_table(rows=2, cols=6)
        d.save(str(out))
        expected = "not a statementkit review file"
    else:
        _rewrite_member(out, "docProps/custom.xml", lambda b: b.replace(b"statementkit.rows", b"x", 1))
        expected = "hidden identity is damaged"
    res = run(*args)
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and res.stderr.startswith("statementkit: "), res.stderr
    assert expected in res.stderr
    assert "Traceback" not in res.output
    assert tpath.read_bytes() == before
    assert spec.read_bytes() == spec_before


def _rewrite_member(path: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)
    tmp.replace(path)


def test_memory_receives_reviewed_pairs_and_feeds_suggestions(run, spec, tmp_path):
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    tm = tmp_path / "memory.sqlite"
    out = tmp_path / "r.docx"
    export(run, spec, "zh", out)
    edit_docx(out, {"ip-role": ZH_EDIT}, {"wipo": "reviewed"})
    res = run("review", "import", out, spec, "--tm", tm)
    assert res.exit_code == 0, res.output
    assert "2 pairs added to the memory" in res.stderr
    with TranslationMemory(tm) as memory:
        units = memory.all_units()
    assert {(u[3], u[4].value, u[5].value) for u in units} == {
        (ZH_EDIT, "human", "reviewed"),
        ("各方认识到世界知识产权组织的重要性及其在全球知识产权发展中的重要作用，将共同努力，推动更好地利用世界知识产权组织管理的全球知识产权服务体系。",
         "template", "reviewed")}
    # a near match of the ip-role source in the memory shows up in the next review's notes
    with TranslationMemory(tm) as memory:
        src = next(u[2] for u in memory.all_units() if u[3] == ZH_EDIT)
        memory.add("en", "zh", src.replace("realize", "recognize"), "各方承认知识产权的重要作用。",
                   origin=Origin.HUMAN, status=Status.APPROVED)
    out2 = tmp_path / "r2.docx"
    res = run("review", "export", spec, "--lang", "zh", "-o", out2, "--tm", tm)
    assert res.exit_code == 0, res.output
    notes = row_of(docx.Document(str(out2)).tables[0], "ip-role").cells[5].text
    assert "memory 9" in notes and "(human, approved): 各方承认知识产权的重要作用。" in notes
    # the pair already used as the target is not suggested again
    assert ZH_EDIT not in notes
