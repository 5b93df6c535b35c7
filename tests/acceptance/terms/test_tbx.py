"""`statementkit terms export|import`: the registry's terms as TBX, and back; hostile TBX refused."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

from statementkit.adapters.registry_files import load_registry
from tests.conftest import TEMPLATES

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def tbx(run, tmp_path) -> Path:
    out = tmp_path / "terms.tbx"
    res = run("terms", "export", str(out))
    assert res.exit_code == 0, res.output
    return out


def test_export_has_entries_languages_forms_and_status(tbx):
    root = etree.parse(str(tbx)).getroot()
    assert root.tag == "martif"
    reg = load_registry(TEMPLATES / "registry")
    entries = root.findall(".//termEntry")
    assert len(entries) == len(reg.terms) + len(reg.organisations)
    wipo = root.find(".//termEntry[@id='organisations.wipo']")
    assert [ls.get(XML_LANG) for ls in wipo.findall("langSet")] == ["en", "zh", "ru"]
    ru = {t.get("id"): t.findtext("term") for t in wipo.findall("langSet")[2].findall("tig")}
    assert ru["organisations.wipo.ru.name.ins"] == "Всемирной организацией интеллектуальной собственности"
    assert ru["organisations.wipo.ru.abbr.nom"] == "ВОИС"
    status = {t.get("id"): t.findtext("termNote[@type='administrativeStatus']") for t in wipo.iter("tig")}
    assert status["organisations.wipo.en.name.nom"] == "preferredTerm-admn-sts"
    assert status["organisations.wipo.en.abbr.nom"] == "admittedTerm-admn-sts"


def test_round_trip_gives_the_registry_back(run, tbx, tmp_path):
    out = tmp_path / "imported.yaml"
    res = run("terms", "import", str(tbx), "-o", str(out), "--json")
    assert res.exit_code == 0, res.output
    assert {r["state"] for r in json.loads(res.stdout)["entries"]} == {"unchanged"}
    folder = tmp_path / "registry"
    shutil.copytree(TEMPLATES / "registry", folder)
    (folder / "terms.yaml").unlink()
    (folder / "organisations.yaml").unlink()
    shutil.copy(out, folder / "terms.yaml")
    original, back = load_registry(TEMPLATES / "registry"), load_registry(folder)
    assert back.terms == original.terms
    assert back.organisations == original.organisations


def test_edited_termbase_reports_changes(run, tbx, tmp_path):
    tree = etree.parse(str(tbx))
    term = tree.find(".//tig[@id='terms.patents.zh.name.nom']/term")
    term.text = "发明专利"
    tree.write(str(tbx), xml_declaration=True, encoding="UTF-8")
    res = run("terms", "import", str(tbx))
    assert res.exit_code == 0
    assert res.stdout == "changed\tterms.patents\n"
    n = len(load_registry(TEMPLATES / "registry").terms) + len(load_registry(TEMPLATES / "registry").organisations)
    assert f"0 new, 1 changed, {n - 1} unchanged" in res.stderr


@pytest.mark.parametrize("case", ["malformed", "xxe", "not-tbx"])
def test_bad_tbx_fails_in_one_line(run, tbx, tmp_path, case):
    data = tbx.read_bytes()
    out = tmp_path / "out.yaml"
    if case == "malformed":
        tbx.write_bytes(data[:300])
        expected = "malformed XML"
    elif case == "xxe":
        tbx.write_bytes(data.replace(b"?>", b'?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1))
        expected = "internal DTD subset (entity declarations) is refused"
    elif case == "not-tbx":
        tbx.write_bytes(b"<?xml version='1.0'?><html/>")
        expected = "not a TBX termbase"
    res = run("terms", "import", str(tbx), "-o", str(out))
    assert res.exit_code == 1
    assert res.stderr.startswith("statementkit: ") and res.stderr.count("\n") == 1, res.stderr
    assert expected in res.stderr
    assert not out.exists()


# A ministry's own termbase, as MultiTerm or memoQ export it: numeric entry ids, no form ids, a termType for the
# abbreviation, a synonym, one entry without Russian, one entry the registry already has (by its English name).
FOREIGN_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US"><martifHeader><fileDesc><sourceDesc><p>MultiTerm export</p>
</sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="c1">
 <langSet xml:lang="en-US"><tig><term>Patent Cooperation Treaty</term></tig>
  <tig><term>PCT</term><termNote type="termType">acronym</termNote></tig>
  <tig><term>Patent Co-operation Treaty</term><termNote type="termType">synonym</termNote></tig></langSet>
 <langSet xml:lang="zh-CN"><tig><term>专利合作条约</term></tig></langSet>
 <langSet xml:lang="ru-RU"><tig><term>Договор о патентной кооперации</term></tig>
  <tig><term>РСТ</term><termNote type="termType">abbreviation</termNote></tig></langSet>
</termEntry>
<termEntry id="c2">
 <langSet xml:lang="en"><tig><term>intellectual property</term></tig></langSet>
 <langSet xml:lang="zh"><tig><term>知识产权</term></tig></langSet>
 <langSet xml:lang="ru"><tig><term>интеллектуальная собственность</term></tig></langSet>
</termEntry>
<termEntry id="c3">
 <langSet xml:lang="en"><tig><term>utility model</term></tig></langSet>
 <langSet xml:lang="zh"><tig><term>实用新型</term></tig></langSet>
</termEntry>
<termEntry>
 <langSet xml:lang="en"><tig><term>Patent Cooperation Treaty</term></tig></langSet>
 <langSet xml:lang="zh"><tig><term>专利合作条约</term></tig></langSet>
 <langSet xml:lang="ru"><tig><term>Договор о патентной кооперации</term></tig></langSet>
</termEntry>
</body></text></martif>
"""


def test_termbase_of_another_tool_is_matched_to_the_registry_and_nothing_is_dropped_silently(run, tmp_path):
    import yaml

    tbx = tmp_path / "ministry.tbx"
    tbx.write_text(FOREIGN_TBX, encoding="utf-8")
    out = tmp_path / "proposed.yaml"
    res = run("terms", "import", str(tbx), "-o", str(out))
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    # matched by name to the registry's entries; the file's forms complete the registry's, never remove any:
    # intellectual property is unchanged (the file lacks "IP" and the Russian cases), the PCT changed (the file
    # writes 专利合作条约 without 《》 and РСТ in Cyrillic)
    assert "changed\torganisations.pct\tfrom 'c1'" in lines
    assert not any("intellectual-property" in line for line in lines)
    # the same name a second time: a new entry to review, never merged into the first
    assert "new\tterms.patent-cooperation-treaty\tfrom an entry without an id" in lines
    assert "incomplete\tc3\tno name in ru" in lines
    assert len(lines) == 3
    assert "1 new, 1 changed, 1 unchanged, 1 incomplete (not taken)" in res.stderr
    assert "1 other term(s) (synonyms, full forms)" in res.stderr  # the synonym: counted, not taken
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    pct = data["organisations"]["pct"]
    assert pct["en"] == {"name": "Patent Cooperation Treaty", "abbr": "PCT"}
    assert pct["zh"] == {"name": "专利合作条约", "abbr": "PCT", "accepted": True}
    assert pct["ru"]["abbr"] == "РСТ" and pct["ru"]["accepted"] is True
    assert pct["ru"]["name"]["gen"] == "Договора о патентной кооперации"  # the registry's cases kept
    assert data["terms"]["intellectual-property"]["en"] == {"name": "intellectual property", "abbr": "IP"}
    assert data["terms"]["patent-cooperation-treaty"]["en"] == "Patent Cooperation Treaty"
    assert "utility model" not in str(data)
    report = json.loads(run("terms", "import", str(tbx), "--json").stdout)
    states = {r["entry"]: r["state"] for r in report["entries"]}
    assert states["terms.intellectual-property"] == "unchanged" and states["c3"] == "incomplete"
    assert report["skipped"]["other_terms"] == 1


def test_our_own_ids_still_win_over_names(run, tbx):
    """An entry that keeps our id is that entry even when its English name was edited."""
    tree = etree.parse(str(tbx))
    entry = tree.getroot().find(".//termEntry[@id='terms.patents']")
    entry.find(".//term").text = "patents (edited)"
    tree.write(str(tbx), xml_declaration=True, encoding="UTF-8")
    res = run("terms", "import", str(tbx))
    assert res.exit_code == 0 and res.stdout == "changed\tterms.patents\n", res.output
