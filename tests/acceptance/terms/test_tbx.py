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


@pytest.mark.parametrize("case", ["malformed", "xxe", "not-tbx", "bad-id", "no-name"])
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
    elif case == "bad-id":
        tbx.write_bytes(data.replace(b'termEntry id="terms.patents"', b'termEntry id="patents"'))
        expected = "expected an id"
    else:
        tbx.write_bytes(data.replace("<term>патенты</term>".encode(), b"<term></term>"))
        expected = "no name in ru"
    res = run("terms", "import", str(tbx), "-o", str(out))
    assert res.exit_code == 1
    assert res.stderr.startswith("statementkit: ") and res.stderr.count("\n") == 1, res.stderr
    assert expected in res.stderr
    assert not out.exists()
