"""Property: random edits of random target cells of a review DOCX — typed through python-docx or written as
tracked changes (insertions, deletions of text, line breaks and tabs, moves, deleted and inserted paragraph
marks) with special characters and white space — arrive exactly as Word shows them with every change
accepted, or are reported; an unedited file is a no-op.  The LibreOffice part re-saves a few edited files
with headless LibreOffice first (what a translator's office suite does) and expects what LibreOffice's save
is known to change (documented in docs/translate.md) and nothing else.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from statementkit.adapters.docx import oxml
from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.model.translation import Origin, Status
from statementkit.services.review.rows import review_key
from tests.acceptance.review.conftest import soffice_resave
from tests.acceptance.review.test_review_reliability import AMENDED, ODD, set_targets

W = oxml.W_NS
ALPHABET = st.sampled_from([*"ab zАБя甲乙。,", "\n", "\t", "\u2011", "\u00ad", "\u00a0", "\u200b", "🙂", "—",
                            "e\u0301"])
TEXTS = st.lists(ALPHABET, max_size=12).map("".join)
REV = 'w:author="R" w:date="2026-11-01T10:00:00Z"'


Chars = tuple[tuple[str, bool], ...]  # (character, deleted) in document order


@dataclass(frozen=True)
class Para:
    chars: Chars
    mark_deleted: bool = False  # a deleted paragraph mark joins this paragraph to the next


def chars(text: str, deleted: bool = False) -> Chars:
    return tuple((c, deleted) for c in text)


@dataclass(frozen=True)
class Edit:
    """One target cell's new content: ``typed`` through python-docx's cell.text, or ``xml`` paragraphs; and
    its paragraphs as written (deleted text included), from which what Word shows is computed."""

    paragraphs: tuple[Para, ...]
    typed: str | None = None
    xml: str | None = None

    def shown(self, strip_paragraph_ends: bool = False) -> str:
        """As Word shows it with every change accepted; ``strip_paragraph_ends``: after LibreOffice's save,
        which drops spaces, tabs and no-break spaces at the end of each paragraph as written (deleted text
        included) before anything is accepted."""
        out = []
        for k, para in enumerate(self.paragraphs):
            cs = list(para.chars)
            while strip_paragraph_ends and cs and cs[-1][0] in " \t\u00a0":
                cs.pop()
            out.append("".join(c for c, deleted in cs if not deleted))
            if k < len(self.paragraphs) - 1 and not para.mark_deleted:
                out.append("\n")
        return unicodedata.normalize("NFC", "".join(out))


class Ids:
    def __init__(self) -> None:
        self.n = 100

    def __call__(self) -> str:
        self.n += 1
        return f'w:id="{self.n}" {REV}'


@st.composite
def runs(draw: st.DrawFn, text: str, deleted: bool = False) -> str:
    """Runs showing ``text``; special characters as their element or as the character, drawn."""
    out = []
    for ch in text:
        if ch == "\n":
            out.append(draw(st.sampled_from(["<w:br/>", "<w:cr/>"])))
        elif ch == "\t":
            out.append("<w:tab/>")
        elif ch == "\u2011" and draw(st.booleans()):
            out.append("<w:noBreakHyphen/>")
        elif ch == "\u00ad" and draw(st.booleans()):
            out.append("<w:softHyphen/>")
        elif ch == "—" and draw(st.booleans()):
            out.append('<w:sym w:font="Symbol" w:char="2014"/>')
        else:
            tag = "w:delText" if deleted else "w:t"
            out.append(f'<{tag} xml:space="preserve">{escape(ch)}</{tag}>')
    # split into several runs at random places
    xml, k = "", 0
    while k < len(out):
        step = draw(st.integers(1, 4))
        xml += "<w:r>" + "".join(out[k:k + step]) + "</w:r>"
        k += step
    return xml


@st.composite
def edits(draw: st.DrawFn, old: str) -> Edit:
    ids = Ids()
    kind = draw(st.sampled_from(["typed", "tracked", "move", "paragraphs"]))
    if kind == "typed":
        new = draw(TEXTS)
        return Edit((Para(chars(new)),), typed=new)
    if kind == "tracked":
        i = draw(st.integers(0, len(old)))
        j = draw(st.integers(i, min(len(old), i + 15)))
        ins = draw(TEXTS)
        xml = (draw(runs(old[:i])) + f"<w:del {ids()}>{draw(runs(old[i:j], True))}</w:del>"
               + f"<w:ins {ids()}>{draw(runs(ins))}</w:ins>" + draw(runs(old[j:])))
        para = Para(chars(old[:i]) + chars(old[i:j], True) + chars(ins) + chars(old[j:]))
        return Edit((para,), xml=f"<w:p>{xml}</w:p>")
    if kind == "move" and len(old) >= 3:
        a, b, c = sorted(draw(st.lists(st.integers(0, len(old)), min_size=3, max_size=3)))
        name = "mv1"
        xml = (draw(runs(old[:a])) + f'<w:moveFrom {ids()} w:name="{name}">{draw(runs(old[a:b], True))}'
               "</w:moveFrom>" + draw(runs(old[b:c])) + f'<w:moveTo {ids()} w:name="{name}">'
               f"{draw(runs(old[a:b]))}</w:moveTo>" + draw(runs(old[c:])))
        para = Para(chars(old[:a]) + chars(old[a:b], True) + chars(old[b:c]) + chars(old[a:b]) + chars(old[c:]))
        return Edit((para,), xml=f"<w:p>{xml}</w:p>")
    first, second = draw(TEXTS), draw(TEXTS)
    mark = draw(st.sampled_from(["deleted", "inserted", "plain"]))
    rpr = {"deleted": f"<w:pPr><w:rPr><w:del {ids()}/></w:rPr></w:pPr>",
           "inserted": f"<w:pPr><w:rPr><w:ins {ids()}/></w:rPr></w:pPr>", "plain": ""}[mark]
    xml = f"<w:p>{rpr}{draw(runs(first))}</w:p><w:p>{draw(runs(second))}</w:p>"
    return Edit((Para(chars(first), mark == "deleted"), Para(chars(second))), xml=xml)


# ---- the statement, exported once -----------------------------------------------------------------------

@dataclass(frozen=True)
class Exported:
    folder: Path
    review: Path
    targets: dict[str, str]  # unit id -> target as exported


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    from click.testing import CliRunner

    from statementkit.cli import cli
    from tests.acceptance.review.conftest import LIBRARY

    folder = tmp_path_factory.mktemp("prop") / "amended"
    shutil.copytree(AMENDED, folder)
    translations_path(folder / "statement.yaml").unlink()
    set_targets(folder / "statement.yaml", "ru", {**ODD, "follow-up-report": "доложить\r\nо ходе "},
                Origin.MACHINE, Status.DRAFT)
    review = folder.parent / "review.docx"
    res = CliRunner().invoke(cli, ["review", "export", str(folder / "statement.yaml"), "--lang", "ru", "-o",
                                   str(review), "--no-memory"], env={"STATEMENTKIT_LIBRARY": str(LIBRARY)})
    assert res.exit_code == 0, res.output
    table = docx.Document(str(review)).tables[0]
    # python-docx's own reading of what the export wrote ("\n" for a line break, "\t" for a tab)
    targets = {oxml.cell_text(r.cells[1]._tc).strip(): r.cells[3].text for r in table.rows[1:]}
    assert targets["follow-up-report"] == "доложить\nо ходе "
    return Exported(folder, review, targets)


def apply_edits(src: Path, dst: Path, chosen: dict[str, Edit]) -> None:
    """Edit the target cells with python-docx: typed text through its API, tracked changes as XML."""
    from lxml import etree

    d = docx.Document(str(src))
    for row in d.tables[0].rows[1:]:
        uid = oxml.cell_text(row.cells[1]._tc).strip()
        edit = chosen.get(uid)
        if edit is None:
            continue
        if edit.typed is not None:
            row.cells[3].text = edit.typed
            continue
        tc = row.cells[3]._tc
        for p in tc.findall(f"{{{W}}}p"):
            tc.remove(p)
        for p in etree.fromstring(f'<x xmlns:w="{W}">{edit.xml}</x>'):
            tc.append(p)
    d.save(str(dst))


def check_import(run: Callable[..., object], ex: Exported, review: Path, chosen: dict[str, Edit],
                 libreoffice: bool = False) -> None:
    """Import into a fresh copy of the statement; every edit is stored exactly as shown, or reported."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "amended"
        shutil.copytree(ex.folder, folder)
        spec = folder / "statement.yaml"
        before = load_translations(translations_path(spec), "en")
        res = run("review", "import", review, spec, "--json", "--no-memory")
        report = {r["unit"]: r for r in json.loads(res.stdout)["rows"]}  # type: ignore[attr-defined]
        withheld = any(r["kind"] == "tampered" for r in report.values())  # an emptied target: not applied
        assert res.exit_code == (1 if withheld else 0), res.output  # type: ignore[attr-defined]
        after = load_translations(translations_path(spec), "en")
        for uid, old in ex.targets.items():
            edit = chosen.get(uid)
            expected = edit.shown(libreoffice) if edit is not None else old
            entry, earlier = after.get(uid, "ru"), before.get(uid, "ru")
            if review_key(expected) == review_key(old):  # no edit (or only what a save does)
                assert uid not in report, (uid, report.get(uid))
                assert entry == earlier
            elif not expected.strip():
                assert report[uid]["kind"] == "tampered" and entry == earlier
            else:
                assert report[uid]["kind"] == "edited", (uid, report.get(uid))
                assert entry is not None and entry.text == expected, (uid, expected, entry)
                assert (entry.origin, entry.status) == (Origin.HUMAN, Status.REVIEWED)


def _chosen(draw: st.DrawFn, ex: Exported) -> dict[str, Edit]:
    uids = draw(st.lists(st.sampled_from(sorted(ex.targets)), unique=True, max_size=4))
    return {uid: draw(edits(ex.targets[uid])) for uid in uids}


@pytest.fixture
def cli_run() -> Callable[..., object]:
    from click.testing import CliRunner

    from statementkit.cli import cli
    from tests.acceptance.review.conftest import LIBRARY

    def invoke(*args: object) -> object:
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False,
                                  env={"STATEMENTKIT_LIBRARY": str(LIBRARY)})
    return invoke


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_python_docx_edits_arrive_as_word_shows_them(cli_run, exported, data):
    chosen = _chosen(data.draw, exported)
    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp) / "edited.docx"
        apply_edits(exported.review, edited, chosen)
        check_import(cli_run, exported, edited, chosen)


@pytest.mark.slow
@pytest.mark.libreoffice
@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.generate],  # no shrinking: minutes
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_libreoffice_resaved_edits_arrive_as_word_shows_them(cli_run, exported, data, tmp_path):
    chosen = _chosen(data.draw, exported)
    with tempfile.TemporaryDirectory() as tmp:
        edited = Path(tmp) / "edited.docx"
        apply_edits(exported.review, edited, chosen)
        resaved = soffice_resave(edited, Path(tmp) / "lo")
        with zipfile.ZipFile(resaved) as zf:
            assert "docProps/custom.xml" in zf.namelist()
        check_import(cli_run, exported, resaved, chosen, libreoffice=True)


def test_an_unedited_review_is_a_no_op(cli_run, exported):
    check_import(cli_run, exported, exported.review, {})
