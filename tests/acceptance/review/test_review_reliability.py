"""Issue 10, items 1-4: a translator's work in a review round trip is never lost or silently altered.

1. lost updates: a row whose target changed since the export is a conflict (both texts shown), unless --force;
2. a re-saved, unedited review is a no-op, and importing the same file twice changes nothing anywhere;
3. target cells are read as Word shows them with every tracked change accepted;
4. the memory and the translations file are written both or neither.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import Result
from lxml import etree

from statementkit.adapters.docx import oxml
from statementkit.adapters.translations_file import load_translations, save_translations, translations_path
from statementkit.app.workspace import load_workspace
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations
from statementkit.services.review.rows import review_rows
from tests.acceptance.review.conftest import LIBRARY, REPO, soffice_resave

AMENDED = REPO / "examples" / "china-central-asia-ip-2023-amended"
FREE = ("tisc-memorandum", "examiner-training", "follow-up", "follow-up-contacts", "follow-up-report")
W = oxml.W_NS


@pytest.fixture
def amended(tmp_path: Path) -> Path:
    folder = tmp_path / "amended"
    shutil.copytree(AMENDED, folder)
    translations_path(folder / "statement.yaml").unlink()
    return folder / "statement.yaml"


def set_targets(spec: Path, lang: str, texts: dict[str, str], origin: Origin = Origin.MACHINE,
                status: Status = Status.DRAFT) -> None:
    """Store translations of free-text units (as ``translate`` would), with the current source hashes."""
    ws = load_workspace(spec, LIBRARY)
    tpath = translations_path(spec)
    tr = load_translations(tpath, "en") if tpath.exists() else Translations("en", {})
    rows = {r.unit_id: r for r in review_rows(ws.statement, ws.registry, ws.library, tr, lang)}
    for uid, text in texts.items():
        tr = tr.put(TranslationEntry(uid, lang, rows[uid].source_hash, text, origin, status,
                                     source=rows[uid].source))
    save_translations(tpath, tr, [u.id for u in ws.statement.units()])


def export(run: Callable[..., Result], spec: Path, lang: str, out: Path) -> Path:
    res = run("review", "export", spec, "--lang", lang, "-o", out, "--no-memory")
    assert res.exit_code == 0, res.output
    return out


def edit(path: Path, edits: dict[str, str], statuses: dict[str, str] | None = None) -> None:
    d = docx.Document(str(path))
    for row in d.tables[0].rows[1:]:
        uid = oxml.cell_text(row.cells[1]._tc).strip()
        if uid in edits:
            row.cells[3].text = edits[uid]
        if uid in (statuses or {}):
            row.cells[4].text = (statuses or {})[uid]
    d.save(str(path))


def stored(spec: Path, lang: str) -> dict[str, tuple[str, Origin, Status]]:
    tr = load_translations(translations_path(spec), "en")
    return {e.unit_id: (e.text, e.origin, e.status) for e in tr if e.lang == lang}


def rows_of(res: Result) -> dict[str, dict[str, str]]:
    return {r["unit"]: r for r in json.loads(res.stdout)["rows"]}


# ---- 1. lost updates ----------------------------------------------------------------------------------

def test_second_reviewer_of_the_same_export_gets_a_conflict_not_a_silent_overwrite(run, amended, tmp_path):
    set_targets(amended, "ru", {"follow-up": "Стороны согласны о шагах."})
    a, b = export(run, amended, "ru", tmp_path / "a.docx"), tmp_path / "b.docx"
    shutil.copy(a, b)
    edit(a, {"follow-up": "Стороны договорились о следующих шагах."})
    edit(b, {"follow-up": "Стороны согласовали следующие шаги.", "follow-up-report": "доложить."})
    assert run("review", "import", a, amended).exit_code == 0
    res = run("review", "import", b, amended, "--json")
    assert res.exit_code == 1 and "1 returned row(s) not applied (conflict)" in res.stderr, res.output  # withheld rows: exit 1
    row = rows_of(res)["follow-up"]
    assert row["kind"] == "conflict"
    assert "«Стороны договорились о следующих шагах.»" in row["message"]  # now
    assert "«Стороны согласовали следующие шаги.»" in row["message"]  # the second review
    got = stored(amended, "ru")
    assert got["follow-up"][0] == "Стороны договорились о следующих шагах."
    assert got["follow-up-report"] == ("доложить.", Origin.HUMAN, Status.REVIEWED)  # other rows still apply
    # --force applies the second review
    res = run("review", "import", b, amended, "--force")
    assert res.exit_code == 0, res.output
    assert stored(amended, "ru")["follow-up"] == ("Стороны согласовали следующие шаги.", Origin.HUMAN,
                                                  Status.REVIEWED)


def test_reimporting_an_old_review_does_not_revert_a_later_approved_correction(run, amended, tmp_path):
    set_targets(amended, "zh", {"follow-up": "各方商定下列步骤。"})
    old = export(run, amended, "zh", tmp_path / "old.docx")
    edit(old, {"follow-up": "各方同意下列步骤。"})
    assert run("review", "import", old, amended).exit_code == 0
    new = export(run, amended, "zh", tmp_path / "new.docx")
    edit(new, {"follow-up": "各方一致同意采取下列步骤。"}, {"follow-up": "approved"})
    assert run("review", "import", new, amended).exit_code == 0
    res = run("review", "import", old, amended)
    assert res.exit_code == 1 and "1 returned row(s) not applied (conflict)" in res.stderr, res.output  # withheld rows: exit 1
    assert "conflict\tfollow-up" in res.stdout and "1 conflict" in res.stderr
    assert stored(amended, "zh")["follow-up"] == ("各方一致同意采取下列步骤。", Origin.HUMAN, Status.APPROVED)


def test_status_change_on_a_target_changed_since_export_is_a_conflict(run, amended, tmp_path):
    set_targets(amended, "zh", {"follow-up": "草稿一。"})
    out = export(run, amended, "zh", tmp_path / "r.docx")
    edit(out, {}, {"follow-up": "approved"})
    set_targets(amended, "zh", {"follow-up": "草稿二。"})  # a new machine draft after the export
    res = run("review", "import", out, amended)
    assert "conflict\tfollow-up" in res.stdout
    assert stored(amended, "zh")["follow-up"] == ("草稿二。", Origin.MACHINE, Status.DRAFT)


# ---- 2. not a no-op -----------------------------------------------------------------------------------

ODD = {  # machine drafts with what a word processor's save touches
    "tisc-memorandum": "Стороны приветствуют меморандум 2024\u2011го года о ЦПТИ.",
    "examiner-training": "Стороны подготовят 500 патент\u00adных экспертов. ",
    "follow-up": "Стороны согласны:\r\nследующие шаги\u00a0",
    "follow-up-contacts": "назначить\tконтактные лица\u200b;",
}


def _snapshot(spec: Path, memory: Path) -> tuple[bytes, list[tuple[object, ...]]]:
    with sqlite3.connect(memory) as db:
        rows = list(db.execute("SELECT * FROM units ORDER BY id"))
    return translations_path(spec).read_bytes(), rows


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_resaved_unedited_review_leaves_machine_drafts_alone(run, amended, tmp_path):
    set_targets(amended, "ru", ODD)
    memory = tmp_path / "memory.sqlite"
    assert run("tm", "import", _empty_tmx(tmp_path), "--tm", memory).exit_code == 0
    before = _snapshot(amended, memory)
    out = export(run, amended, "ru", tmp_path / "r.docx")
    resaved = soffice_resave(out, tmp_path / "lo")
    for _ in range(2):
        res = run("review", "import", resaved, amended, "--tm", memory)
        assert res.exit_code == 0, res.output
        assert "nothing written" in res.stderr and "edited" not in res.stderr, res.output
        assert _snapshot(amended, memory) == before
    final = run("build", amended, "--final", "--lang", "ru", "-o", tmp_path / "final.docx")
    assert final.exit_code != 0  # machine drafts still block a final build


def _empty_tmx(tmp_path: Path) -> Path:
    tmx = tmp_path / "seed.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en" datatype="plaintext" '
                   'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
                   '<body><tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ru"><seg>Привет.</seg>'
                   '</tuv></tu></body></tmx>', encoding="utf-8")
    return tmx


def test_word_like_resave_of_an_unedited_review_is_a_no_op(run, amended, tmp_path):
    """What LibreOffice writes for the same text, without LibreOffice: U+2011 and U+00AD as elements, the
    trailing white space of a paragraph dropped, CR LF as one line break."""
    set_targets(amended, "ru", ODD)
    before = translations_path(amended).read_bytes()
    out = export(run, amended, "ru", tmp_path / "r.docx")

    def as_libreoffice(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        for t in list(root.iter(f"{{{W}}}t")):
            text = (t.text or "").rstrip(" \t\u00a0") if t.getnext() is None else t.text or ""
            run_el, idx = t.getparent(), t.getparent().index(t)
            run_el.remove(t)
            for k, piece in enumerate(_split_keep(text, "\u2011\u00ad")):
                if piece == "\u2011":
                    el = etree.Element(f"{{{W}}}noBreakHyphen")
                elif piece == "\u00ad":
                    el = etree.Element(f"{{{W}}}softHyphen")
                else:
                    el = etree.Element(f"{{{W}}}t")
                    el.text = piece
                    el.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                run_el.insert(idx + k, el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    _rewrite(out, "word/document.xml", as_libreoffice)
    res = run("review", "import", out, amended)
    assert res.exit_code == 0, res.output
    assert "nothing written" in res.stderr, res.output
    assert translations_path(amended).read_bytes() == before


def _split_keep(text: str, chars: str) -> list[str]:
    out, cur = [], ""
    for ch in text:
        if ch in chars:
            out += [cur, ch] if cur else [ch]
            cur = ""
        else:
            cur += ch
    return out + ([cur] if cur else [])


def test_importing_the_same_file_twice_changes_nothing_anywhere(run, amended, tmp_path):
    set_targets(amended, "zh", {"follow-up": "各方商定下列步骤。", "follow-up-report": "报告进展。"})
    memory = tmp_path / "memory.sqlite"
    out = export(run, amended, "zh", tmp_path / "r.docx")
    edit(out, {"follow-up": "各方同意下列步骤。", "follow-up-report": "报告进展。\r\n第二行 "},
         {"follow-up": "approved", "follow-up-contacts": "reviewed"})
    res = run("review", "import", out, amended, "--tm", memory)
    assert res.exit_code == 0 and "2 pairs added to the memory" in res.stderr, res.output
    assert "untranslated\tfollow-up-contacts" in res.stdout  # no empty text approved
    before = _snapshot(amended, memory)
    res = run("review", "import", out, amended, "--tm", memory, "--json")
    assert res.exit_code == 0, res.output
    report = json.loads(res.stdout)
    assert set(report["counts"]) == {"unchanged", "untranslated"}  # reported again, nothing applied
    assert report["translations_written"] is False and report["memory_added"] == 0
    assert _snapshot(amended, memory) == before


# ---- 3. tracked changes -------------------------------------------------------------------------------

def _target_cell(root: etree._Element, uid: str) -> etree._Element:
    for tr in root.iter(f"{{{W}}}tr"):
        cells = tr.findall(f"{{{W}}}tc")
        if len(cells) == 6 and oxml.cell_text(cells[1]).strip() == uid:
            return cells[3]
    raise AssertionError(uid)


def _set_cell_xml(path: Path, uid: str, paragraphs: str) -> None:
    """Replace the paragraphs of a target cell by WordprocessingML (``w:`` prefix bound)."""
    def change(xml: bytes) -> bytes:
        root = etree.fromstring(xml)
        tc = _target_cell(root, uid)
        for p in tc.findall(f"{{{W}}}p"):
            tc.remove(p)
        frag = etree.fromstring(f'<x xmlns:w="{W}">{paragraphs}</x>')
        for p in frag:
            tc.append(p)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _rewrite(path, "word/document.xml", change)


def _rewrite(path: Path, name: str, change: Callable[[bytes], bytes]) -> None:
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, change(data) if info.filename == name else data)
    tmp.replace(path)


REV = 'w:id="{n}" w:author="Reviewer" w:date="2026-11-01T10:00:00Z"'

TRACKED = {
    # a deleted line break and a deleted tab are gone
    "tisc-memorandum": (
        f'<w:p><w:r><w:t>Стороны</w:t></w:r><w:del {REV.format(n=1)}><w:r><w:br/><w:tab/></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> приветствуют.</w:t></w:r></w:p>',
        "Стороны приветствуют."),
    # a moved word counts once, where it now stands
    "examiner-training": (
        f'<w:p><w:moveFrom {REV.format(n=2)} w:name="m1"><w:r><w:t xml:space="preserve">срочно </w:t></w:r>'
        '</w:moveFrom><w:r><w:t xml:space="preserve">подготовят экспертов </w:t></w:r>'
        f'<w:moveTo {REV.format(n=3)} w:name="m1"><w:r><w:t>срочно</w:t></w:r></w:moveTo></w:p>',
        "подготовят экспертов срочно"),
    # a deleted paragraph mark joins the paragraphs; an inserted one separates them
    "follow-up": (
        f'<w:p><w:pPr><w:rPr><w:del {REV.format(n=4)}/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Стороны '
        f'</w:t></w:r></w:p><w:p><w:pPr><w:rPr><w:ins {REV.format(n=5)}/></w:rPr></w:pPr><w:r><w:t>согласны'
        '</w:t></w:r></w:p><w:p><w:ins ' + REV.format(n=6) + '><w:r><w:t>на шаги</w:t></w:r></w:ins></w:p>',
        "Стороны согласны\nна шаги"),
    # special characters are kept: non-breaking and soft hyphens, a symbol, a tab, a field's result
    "follow-up-contacts": (
        '<w:p><w:r><w:t>2024</w:t><w:noBreakHyphen/><w:t>го</w:t><w:softHyphen/><w:t>да</w:t>'
        '<w:sym w:font="Symbol" w:char="2014"/><w:tab/><w:t>x</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>итог</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:hyperlink><w:r><w:t>ссылка</w:t></w:r></w:hyperlink><w:del {REV.format(n=7)}><w:r>'
        '<w:delText>удалено</w:delText></w:r></w:del></w:p>',
        "2024\u2011го\u00adда\u2014\tx" "итог" "ссылка"),
}


def test_tracked_changes_in_target_cells_are_read_as_word_shows_them_accepted(run, amended, tmp_path):
    out = export(run, amended, "ru", tmp_path / "r.docx")
    for uid, (xml, _) in TRACKED.items():
        _set_cell_xml(out, uid, xml)
    res = run("review", "import", out, amended, "--json")
    assert res.exit_code == 0, res.output
    got = stored(amended, "ru")
    assert {uid: got[uid][0] for uid in TRACKED} == {uid: text for uid, (_, text) in TRACKED.items()}
    assert all(got[uid][1:] == (Origin.HUMAN, Status.REVIEWED) for uid in TRACKED)


@pytest.mark.parametrize(("xml", "what"), [
    ('<w:p><w:r><w:t>текст</w:t><w:drawing/></w:r></w:p>', "a picture or object"),
    ('<w:p><w:r><w:t>текст</w:t><w:footnoteReference w:id="1"/></w:r></w:p>', "a note reference"),
    ('<w:p><w:r><w:t>текст</w:t><w:sym w:font="Symbol" w:char="99999999999"/></w:r></w:p>',
     "a symbol with an unreadable character code"),
    ('<w:p><w:r><w:t>текст</w:t><w:yearLong/></w:r></w:p>', "a date or page number field"),
])
def test_target_content_that_text_cannot_hold_is_reported_not_dropped(run, amended, tmp_path, xml, what):
    out = export(run, amended, "ru", tmp_path / "r.docx")
    _set_cell_xml(out, "follow-up", xml)
    res = run("review", "import", out, amended, "--json")
    assert res.exit_code == 1 and "1 returned row(s) not applied (unreadable)" in res.stderr, res.output  # withheld rows: exit 1
    row = rows_of(res)["follow-up"]
    assert row["kind"] == "unreadable" and what in row["message"]
    assert not translations_path(amended).exists()


# ---- 4. both or neither -------------------------------------------------------------------------------

def test_locked_memory_leaves_the_translations_file_unchanged(run, amended, tmp_path, monkeypatch):
    from statementkit.adapters.tm import sqlite_tm

    set_targets(amended, "zh", {"follow-up": "各方商定下列步骤。"})
    memory = tmp_path / "memory.sqlite"
    sqlite_tm.TranslationMemory(memory).close()
    before = translations_path(amended).read_bytes()
    out = export(run, amended, "zh", tmp_path / "r.docx")
    edit(out, {"follow-up": "各方同意下列步骤。"})
    monkeypatch.setattr(sqlite_tm, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(memory, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writes, past the busy timeout
    try:
        res = run("review", "import", out, amended, "--tm", memory)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and "database is locked" in res.stderr
    assert "nothing imported (translations file and memory unchanged)" in res.stderr
    assert translations_path(amended).read_bytes() == before
    assert not list(amended.parent.glob("*.tmp"))
    with sqlite3.connect(memory) as db:
        assert db.execute("SELECT count(*) FROM units").fetchone() == (0,)
    # once the memory is free, the same import writes both
    res = run("review", "import", out, amended, "--tm", memory)
    assert res.exit_code == 0 and "1 pairs added to the memory" in res.stderr, res.output
    assert stored(amended, "zh")["follow-up"][0] == "各方同意下列步骤。"


def test_memory_that_is_not_writable_changes_nothing(run, amended, tmp_path):
    set_targets(amended, "zh", {"follow-up": "各方商定下列步骤。"})
    memory = tmp_path / "memory.sqlite"
    memory.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84)  # a damaged database file
    before = translations_path(amended).read_bytes()
    out = export(run, amended, "zh", tmp_path / "r.docx")
    edit(out, {"follow-up": "各方同意下列步骤。"})
    res = run("review", "import", out, amended, "--tm", memory)
    assert res.exit_code == 1 and res.stderr.count("\n") == 1, res.output
    assert "translations file and memory unchanged" in res.stderr
    assert translations_path(amended).read_bytes() == before


def test_xliff_reviews_get_the_same_conflicts_and_second_imports_change_nothing(run, amended, tmp_path):
    """The kind in the other review format: two XLIFF files from one export."""
    from tests.acceptance.review.test_review_xliff import set_unit_target, unit

    set_targets(amended, "ru", {"follow-up": "Стороны согласны о шагах."})
    a = tmp_path / "a.xlf"
    assert run("review", "export", amended, "--lang", "ru", "-o", a, "--no-memory").exit_code == 0
    b = tmp_path / "b.xlf"
    shutil.copy(a, b)
    for path, text in ((a, "Стороны договорились о следующих шагах."), (b, "Стороны согласовали шаги.")):
        tree = etree.parse(str(path))
        set_unit_target(unit(tree.getroot(), "follow-up"), text)
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run("review", "import", a, amended, "--no-memory").exit_code == 0
    before = translations_path(amended).read_bytes()
    res = run("review", "import", b, amended, "--json", "--no-memory")
    assert rows_of(res)["follow-up"]["kind"] == "conflict"
    assert translations_path(amended).read_bytes() == before
    res = run("review", "import", a, amended, "--json", "--no-memory")  # the same file again
    assert json.loads(res.stdout)["translations_written"] is False and "follow-up" not in rows_of(res)
    assert translations_path(amended).read_bytes() == before
