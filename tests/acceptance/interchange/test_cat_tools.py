"""Issue 12 (and issue 10 item 5): what real CAT and terminology tools write is read right.

One test per file in ../shared/cases (the project's own copies under fixtures/cases), files in the shapes
Trados, Okapi, OmegaT, memoQ, Phrase and TBX 2008/2019 tools write (fixtures/tools, or generated from a fresh
export for XLIFF), and round trips: import → export → import gives the same units.
"""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from statementkit.adapters.exchange.tbx import build_tbx, read_tbx, registry_entries
from statementkit.adapters.exchange.xliff import XLIFF_NS, read_review_xliff
from statementkit.adapters.registry_files import load_registry
from statementkit.adapters.tm.sqlite_tm import TranslationMemory
from statementkit.adapters.tm.tmx import TmxPair, read_tmx, write_tmx
from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.model.translation import Origin, Status
from tests.acceptance.interchange.conftest import CASES, TOOLS, one_line_error
from tests.conftest import TEMPLATES

NS = {"x": XLIFF_NS}
X = f"{{{XLIFF_NS}}}"


# ---- the case files ------------------------------------------------------------------------------------
def test_case_tmx_chinese_variants_traditional_skipped_and_counted(cli_run, tmp_path):
    tm = tmp_path / "tm.sqlite"
    r = cli_run("tm", "import", CASES / "tmx-chinese-variants.tmx", "--tm", tm)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == ("imported 2 pairs from 2 units; skipped 1 unit with fewer than two of en, "
                                "zh, ru; skipped "
                                "tuv: 2 Traditional Chinese variant(s) (zh-TW, zh-HK, zh-MO, zh-Hant: never taken "
                                "as zh)")
    with TranslationMemory(tm) as memory:
        first = memory.lookup_exact("en", "zh", "The Parties will strengthen cooperation in the field of patent "
                                    "examination.")
        assert first is not None and first.target == "双方将加强专利审查领域的合作。"
        assert memory.lookup_exact("en", "zh", "The Parties support the exchange of examiners.") is None


def test_case_tmx_line_break_code_leaves_white_space_and_round_trips(cli_run, tmp_path):
    tm, out = tmp_path / "tm.sqlite", tmp_path / "out.tmx"
    assert cli_run("tm", "import", CASES / "tmx-line-break-code.tmx", "--tm", tm).exit_code == 0
    with TranslationMemory(tm) as memory:
        got = memory.lookup_exact("en", "ru", "The Parties noted\nthe results of the meeting.")
        assert got is not None and got.target == "Стороны отметили\nитоги встречи."
        got = memory.lookup_exact("en", "ru", "Annex\tWork plan")
        assert got is not None and got.target == "Приложение\tПлан работы"
    assert cli_run("tm", "export", out, "--tm", tm).exit_code == 0
    texts = [{(p.src_lang, p.tgt_lang, p.source, p.target) for p in read_tmx(f).pairs}
             for f in (out, CASES / "tmx-line-break-code.tmx")]
    assert texts[0] == texts[1]


@pytest.mark.parametrize("name", ["tbx-with-doctype.tbx", "tbx-region-language-tags.tbx"])
def test_case_tbx_read_like_tmx(cli_run, tmp_path, name):
    out = tmp_path / "proposed.yaml"
    r = cli_run("terms", "import", CASES / name, "-o", out)
    assert r.exit_code == 0, r.output
    entry = read_tbx(CASES / name).entries[0]
    assert (entry.kind, entry.id) == ("terms", "intellectual-property")
    assert entry.forms["en"][("abbr", "nom")] == "IP"
    assert entry.forms["ru"][("name", "gen")] == "интеллектуальной собственности"
    assert "知识产权（IP）" in out.read_text(encoding="utf-8")


def test_case_xliff_ignorable_without_target_keeps_the_space(cli_run, tmp_path):
    """Against the project's copy of the statement the case was exported from (fixtures/cases/stmt)."""
    stmt = tmp_path / "stmt" / "statement.yaml"
    shutil.copytree(CASES / "stmt", stmt.parent)
    r = cli_run("review", "import", CASES / "xliff-ignorable-without-target.xlf", stmt)
    assert r.exit_code == 0, r.output
    e = load_translations(translations_path(stmt), "en").get("examiner-training", "ru")
    assert e is not None and e.text == ("В течение следующих 3 лет Стороны подготовят 500 патентных экспертов и "
                                        "проведут 12 совместных семинаров. Не менее 40% мест будет "
                                        "зарезервировано за малыми и средними предприятиями.")
    assert "1 edited, 20 unchanged" in r.stderr  # the wording edit in that unit, and nothing else


# ---- TMX as tools write it --------------------------------------------------------------------------------
TMX_EXPECTED = {
    "trados-studio.tmx": ({("en", "ru", "The Parties noted\nthe results of the first meeting.",
                            "Стороны отметили\nитоги первой встречи."),
                           ("en", "ru", "Annex 1\tWork plan", "Приложение 1\tПлан работы")}, 4, 1, 1),
    "okapi-rainbow.tmx": ({("en", "zh", "The Parties noted\nthe results of the first meeting.", "各方注意到\n首次会议的成果。"),
                           ("ru", "en", "Стороны отметили\nитоги первой встречи.",
                            "The Parties noted\nthe results of the first meeting."),
                           ("en", "zh", "Annex 1\tWork plan", "附件1\t工作计划"),
                           ("en", "zh", "The Parties will strengthen cooperation in the field of patent examination.",
                            "双方将加强专利审查领域的合作。")}, 10, 0, 1),
    "omegat-project-save.tmx": ({("en", "ru", "The Parties noted\nthe results of the meeting.",
                                  "Стороны отметили\nитоги встречи."),
                                 ("en", "zh", "Art. 5 applies.", "第5条适用。")}, 4, 0, 0),
}


@pytest.mark.parametrize("name", sorted(TMX_EXPECTED))
def test_tmx_from_tools(name):
    expected, n_pairs, skipped, traditional = TMX_EXPECTED[name]
    content = read_tmx(TOOLS / name)
    got = {(p.src_lang, p.tgt_lang, p.source, p.target) for p in content.pairs}
    assert expected <= got
    assert (len(content.pairs), content.skipped, content.traditional) == (n_pairs, skipped, traditional)
    assert not any("雙" in p.target or "專" in p.target for p in content.pairs)


@pytest.mark.parametrize("name", [*sorted(TMX_EXPECTED), "../cases/tmx-chinese-variants.tmx",
                                  "../cases/tmx-line-break-code.tmx"])
def test_tmx_round_trip_through_the_memory(cli_run, tmp_path, name):
    """import → export → import gives the same units (pairs with text, origin and status)."""
    src = TOOLS / name
    tm1, tm2, out = tmp_path / "1.sqlite", tmp_path / "2.sqlite", tmp_path / "out.tmx"
    assert cli_run("tm", "import", src, "--tm", tm1).exit_code == 0
    assert cli_run("tm", "export", out, "--tm", tm1).exit_code == 0
    assert cli_run("tm", "import", out, "--tm", tm2).exit_code == 0
    with TranslationMemory(tm1) as a, TranslationMemory(tm2) as b:
        assert sorted(a.all_units()) == sorted(b.all_units())
        assert len(list(a.all_units())) > 0
    assert {(p.src_lang, p.tgt_lang, p.source, p.target) for p in read_tmx(src).pairs} == \
        {(p.src_lang, p.tgt_lang, p.source, p.target) for p in read_tmx(out).pairs}


def test_tmx_tuv_in_other_languages_are_counted(cli_run, tmp_path):
    tmx = tmp_path / "multi.tmx"
    tmx.write_text('<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US"/><body>'
                   '<tu><tuv xml:lang="en-US"><seg>Only</seg></tuv><tuv xml:lang="de-DE"><seg>Nur</seg></tuv>'
                   '<tuv xml:lang="kk-KZ"><seg>Тек</seg></tuv><tuv xml:lang="ru-RU"><seg>Только</seg></tuv></tu>'
                   '<tu><tuv xml:lang="en"><seg>No</seg></tuv><tuv xml:lang="de-DE"><seg>Nein</seg></tuv></tu>'
                   "</body></tmx>", encoding="utf-8")
    assert read_tmx(tmx).other_languages == {"de-DE": 2, "kk-KZ": 1}
    r = cli_run("tm", "import", tmx, "--tm", tmp_path / "tm.sqlite")
    assert r.stdout.strip() == ("imported 2 pairs from 2 units; skipped 1 unit with fewer than two of en, "
                                "zh, ru; skipped tuv: 2 in de-DE, 1 in kk-KZ")


def test_tmx_written_then_read_keeps_white_space_codes(tmp_path):
    pairs = [TmxPair("en", "ru", "A\nB\tC", "А\nБ\tВ", Origin.HUMAN, Status.APPROVED)]
    write_tmx(tmp_path / "x.tmx", pairs)
    assert pairs[0] in read_tmx(tmp_path / "x.tmx").pairs


# ---- TBX dialects ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "traditional", "other"), [
    ("tbx-basic-ntig.tbx", 1, {"de-DE": 1}), ("tbx-2019-dca.tbx", 0, {}), ("tbx-2019-dct.tbx", 1, {})])
def test_tbx_dialects_from_tools(cli_run, name, traditional, other):
    content = read_tbx(TOOLS / name)
    registry = {(e.kind, e.id): e.forms for e in registry_entries(load_registry(TEMPLATES / "registry"))}
    [entry] = content.entries
    assert entry.forms == registry[("terms", "patents")]
    assert (content.traditional, content.other_languages) == (traditional, other)
    r = cli_run("terms", "import", TOOLS / name)
    assert r.exit_code == 0 and "0 new, 0 changed, 1 unchanged" in r.stderr
    if traditional:
        assert "Traditional Chinese" in r.stderr


@pytest.mark.parametrize("name", ["tbx-basic-ntig.tbx", "tbx-2019-dca.tbx", "tbx-2019-dct.tbx",
                                  "../cases/tbx-with-doctype.tbx", "../cases/tbx-region-language-tags.tbx"])
def test_tbx_round_trip(tmp_path, name):
    first = read_tbx(TOOLS / name).entries
    out = tmp_path / "again.tbx"
    out.write_bytes(build_tbx(first))
    assert read_tbx(out).entries == first


def test_tbx_min_and_unknown_dialects(tmp_path):
    tbx_min = tmp_path / "min.tbx"
    tbx_min.write_text(
        '<?xml version="1.0"?><TBX dialect="TBX-Min"><header><languages source="en-US" target="ru-RU"/></header>'
        '<body><entry id="terms.patents"><langGroup xml:lang="en-US"><termGroup><term>patents</term></termGroup>'
        '</langGroup><langGroup xml:lang="zh-CN"><termGroup><term>专利</term></termGroup></langGroup>'
        '<langGroup xml:lang="ru-RU"><termGroup><term>патенты</term></termGroup></langGroup></entry></body></TBX>',
        encoding="utf-8")
    assert read_tbx(tbx_min).entries[0].forms["ru"] == {("name", "nom"): "патенты"}
    odd = tmp_path / "odd.tbx"
    odd.write_text('<martif type="TBX"><text><body><concept id="x"><lang code="en"/></concept></body></text>'
                   "</martif>", encoding="utf-8")
    from statementkit.errors import XmlError

    with pytest.raises(XmlError, match=r"no termEntry .* or conceptEntry .*; found <concept>"):
        read_tbx(odd)


# ---- XLIFF 2.0 as CAT tools return it ------------------------------------------------------------------
def _export(cli_run, stmt: Path, out: Path, lang: str = "ru") -> etree._Element:
    r = cli_run("review", "export", stmt, "--lang", lang, "--format", "xliff", "-o", out)
    assert r.exit_code == 0, r.output
    return etree.parse(str(out)).getroot()


def _save(root: etree._Element, path: Path) -> Path:
    etree.ElementTree(root).write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def _okapi_shape(root: etree._Element) -> etree._Element:
    """Ignorables dropped, segments glued, region tags, and a units re-declared with originalData."""
    root.set("srcLang", "en-US")
    root.set("trgLang", "ru-RU")
    for ign in list(root.iter(X + "ignorable")):
        ign.getparent().remove(ign)
    return root


def _memoq_shape(root: etree._Element) -> etree._Element:
    """Adjacent segments joined into one (the space between them now inside), terms in <mrk>."""
    for unit in root.iter(X + "unit"):
        segs = unit.findall(X + "segment")
        if len(segs) < 2:
            continue
        first = segs[0]
        rest = [c for c in list(unit)[list(unit).index(first) + 1:] if c.tag in (X + "segment", X + "ignorable")]
        for part in ("source", "target"):
            first.find(X + part).text = "".join([first.find(X + part).text, *(c.find(X + part).text for c in rest)])
        for child in rest:
            unit.remove(child)
        target = first.find(X + "target")
        word = "Стороны"
        if target.text and word in target.text:
            before, after = target.text.split(word, 1)
            target.text = before
            mrk = etree.SubElement(target, X + "mrk", id="m1", type="term")
            mrk.text = word
            mrk.tail = after
    return root


def _phrase_shape(root: etree._Element) -> etree._Element:
    """A segment split at its first comma; ignorables kept but written without <target>."""
    for ign in root.iter(X + "ignorable"):
        target = ign.find(X + "target")
        if target is not None:
            ign.remove(target)
    for unit in root.iter(X + "unit"):
        seg = unit.find(X + "segment")
        src, tgt = seg.find(X + "source").text, seg.find(X + "target").text
        if ", " not in src or ", " not in tgt:
            continue
        s1, s2 = src.split(", ", 1)
        t1, t2 = tgt.split(", ", 1)
        seg.find(X + "source").text, seg.find(X + "target").text = s1 + ",", t1 + ","
        new = copy.deepcopy(seg)
        new.set("id", seg.get("id") + "-split")
        new.find(X + "source").text, new.find(X + "target").text = " " + s2, " " + t2
        seg.addnext(new)
    return root


SHAPES: dict[str, Callable[[etree._Element], etree._Element]] = {
    "okapi": _okapi_shape, "memoq": _memoq_shape, "phrase": _phrase_shape}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_unedited_xliff_from_a_cat_tool_is_a_no_op(cli_run, stmt, tmp_path, shape):
    """Dropped ignorables, joined and split segments, mrk, region tags: nothing edited, nothing written."""
    before = translations_path(stmt).read_bytes()
    root = SHAPES[shape](_export(cli_run, stmt, tmp_path / "r.xlf"))
    path = _save(root, tmp_path / f"{shape}.xlf")
    r = cli_run("review", "import", path, stmt, "--json")
    assert r.exit_code == 0, r.output
    assert '"translations_written": false' in r.stdout and '"edited"' not in r.stdout, r.stdout
    assert translations_path(stmt).read_bytes() == before


def test_dropped_ignorables_restored_around_an_edited_segment(cli_run, stmt, tmp_path):
    root = _okapi_shape(_export(cli_run, stmt, tmp_path / "r.xlf"))
    unit = root.find(".//x:unit[@id='area-human-resources']", NS)
    segs = unit.findall("x:segment", NS)
    segs[1].find("x:target", NS).text = "Стороны совместно укрепят сотрудничество."
    segs[2].find("x:target", NS).text = "Китай пригласит должностных лиц."
    r = cli_run("review", "import", _save(root, tmp_path / "e.xlf"), stmt)
    assert r.exit_code == 0, r.output
    e = load_translations(translations_path(stmt), "en").get("area-human-resources", "ru")
    assert e is not None and e.text == ("Развитие кадровых ресурсов в сфере интеллектуальной собственности. "
                                        "Стороны совместно укрепят сотрудничество. "
                                        "Китай пригласит должностных лиц.")
    assert (e.origin, e.status) == (Origin.HUMAN, Status.REVIEWED)


def test_inline_codes_cp_and_original_data(cli_run, stmt, tmp_path):
    root = _export(cli_run, stmt, tmp_path / "r.xlf")
    unit = root.find(".//x:unit[@id='follow-up']", NS)
    target = unit.find("x:segment/x:target", NS)
    assert target.text == "Стороны договорились о следующих шагах:"
    # Okapi: the break as a code with its native markup in originalData; Phrase: a no-break space as <cp>
    data = etree.Element(X + "originalData")
    etree.SubElement(data, X + "data", id="d1").text = "<br/>"
    unit.insert(list(unit).index(unit.find("x:segment", NS)), data)
    target.text = "Стороны договорились"
    etree.SubElement(target, X + "cp", hex="00A0").tail = "о следующих"
    etree.SubElement(target, X + "ph", id="1", dataRef="d1").tail = "шагах:"
    etree.SubElement(target, X + "ph", id="2", equiv="", disp="{b}")  # formatting: vanishes
    plain = root.find(".//x:unit[@id='follow-up-report']/x:segment/x:target", NS)
    words = plain.text.split(" ", 1)
    plain.text = words[0]
    etree.SubElement(plain, X + "cp", hex="0020").tail = words[1]  # the same text, spelled with cp
    _, rows = read_review_xliff(_save(root, tmp_path / "codes.xlf"))
    got = {r.unit_id: r.target for r in rows}
    assert got["follow-up"] == "Стороны договорились\u00a0о следующих\nшагах:"
    r = cli_run("review", "import", tmp_path / "codes.xlf", stmt, "--json")
    assert r.exit_code == 0 and '"unit": "follow-up"' in r.stdout and "follow-up-report" not in r.stdout


@pytest.mark.parametrize("value", ["", "zz", "D800", "110000", "1" * 40])
def test_bad_code_point_is_one_line(cli_run, stmt, tmp_path, value):
    root = _export(cli_run, stmt, tmp_path / "r.xlf")
    target = root.find(".//x:unit[@id='follow-up']/x:segment/x:target", NS)
    etree.SubElement(target, X + "cp", hex=value)
    r = cli_run("review", "import", _save(root, tmp_path / "cp.xlf"), stmt)
    assert "is not a Unicode code point" in one_line_error(r)


@pytest.mark.parametrize(("state", "sub", "expected"), [
    ("final", None, Status.APPROVED), ("FINAL", None, Status.APPROVED), ("reviewed", None, Status.REVIEWED),
    ("signed-off", None, Status.REVIEWED), ("needs-review-translation", None, Status.DRAFT),
    ("translated", "memoq:reviewer1confirmed", Status.DRAFT), (None, "x-trados:ApprovedSignOff", Status.APPROVED),
    (None, "memoq:reviewer1confirmed", Status.REVIEWED), (None, None, Status.DRAFT), ("bogus", None, None),
])
def test_segment_states_and_substates_other_tools_write(cli_run, stmt, tmp_path, state, sub, expected):
    root = _export(cli_run, stmt, tmp_path / "r.xlf")
    seg = root.find(".//x:unit[@id='follow-up']/x:segment", NS)
    del seg.attrib["state"]
    if state is not None:
        seg.set("state", state)
    if sub is not None:
        seg.set("subState", sub)
    _, rows = read_review_xliff(_save(root, tmp_path / "s.xlf"))
    assert next(r for r in rows if r.unit_id == "follow-up").status is expected


def test_xliff_language_tags(cli_run, stmt, tmp_path):
    root = _export(cli_run, stmt, tmp_path / "r.xlf", "zh")
    root.set("trgLang", "zh-Hans-CN")
    root.set("srcLang", "EN-us")
    manifest, _ = read_review_xliff(_save(root, tmp_path / "ok.xlf"))
    assert (manifest.source_lang, manifest.lang) == ("en", "zh")
    root.set("trgLang", "zh-TW")
    r = cli_run("review", "import", _save(root, tmp_path / "tw.xlf"), stmt)
    assert "Traditional script" in one_line_error(r)


def test_xliff_round_trip_after_a_tool_edit(cli_run, stmt, tmp_path):
    """import (memoQ shape, one edit) → export → import gives the same units and changes nothing more."""
    root = _memoq_shape(_export(cli_run, stmt, tmp_path / "r.xlf"))
    seg = root.find(".//x:unit[@id='examiner-training']/x:segment", NS)
    seg.find("x:target", NS).text = seg.find("x:target", NS).text.replace("для малых", "за малыми", 1)
    assert cli_run("review", "import", _save(root, tmp_path / "e.xlf"), stmt).exit_code == 0
    first = load_translations(translations_path(stmt), "en")
    again = _memoq_shape(_export(cli_run, stmt, tmp_path / "r2.xlf"))
    r = cli_run("review", "import", _save(again, tmp_path / "e2.xlf"), stmt, "--json")
    assert '"translations_written": false' in r.stdout
    assert load_translations(translations_path(stmt), "en") == first
    _, rows1 = read_review_xliff(tmp_path / "r2.xlf")
    _, rows2 = read_review_xliff(tmp_path / "e2.xlf")
    assert [(r.unit_id, r.target) for r in rows1] == [(r.unit_id, r.target) for r in rows2]


# ---- Traditional text never reaches zh unflagged -----------------------------------------------------------
def test_traditional_text_from_memory_is_flagged(cli_run, amended, models_dir, tmp_path):
    tm, tmx = tmp_path / "tm.sqlite", tmp_path / "in.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en-US"/><body>'
        '<tu><tuv xml:lang="en-US"><seg>to designate contact points within 30 days;</seg></tuv>'
        '<tuv xml:lang="zh-TW"><seg>在30天內指定聯絡點；</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>在30天内指定联络点；</seg></tuv></tu>'
        '<tu><tuv xml:lang="en-US"><seg>to report on progress to the next meeting in July 2025.</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg>向2025年7月的下次會議報告進展情況。</seg></tuv></tu>'  # mislabelled
        '</body></tmx>', encoding="utf-8")
    assert cli_run("tm", "import", tmx, "--tm", tm, "--status", "approved").exit_code == 0
    assert cli_run("translate", amended, "--to", "zh", "--models", models_dir, "--tm", tm).exit_code == 0
    tr = load_translations(translations_path(amended), "en")
    e = tr.get("follow-up-contacts", "zh")
    assert e is not None and (e.text, e.status, e.flags) == ("在30天内指定联络点；", Status.APPROVED, ())
    e = tr.get("follow-up-report", "zh")
    assert e is not None and e.status is Status.DRAFT and "traditional-script" in e.flags


@pytest.mark.parametrize("name", [*sorted(TMX_EXPECTED), "../cases/tmx-chinese-variants.tmx"])
def test_per_unit_functions_serve_a_streaming_reader(name):
    """What a streaming TMX import does: guard the bytes, iterparse ``tu`` by ``tu`` with the hardened options,
    check and read each with :func:`check_tree` and :func:`parse_tu` before freeing it — same as read_tmx."""
    from statementkit.adapters.tm.tmx import parse_tu
    from statementkit.adapters.xmlsafe import check_tree, check_xml_chunks

    path = TOOLS / name
    with open(path, "rb") as fh:
        check_xml_chunks(iter(lambda: fh.read(64), b""), path.name)
    pairs, traditional = [], 0
    context = etree.iterparse(str(path), events=("end",), tag=("{*}tu", "tu"), resolve_entities=False,
                              no_network=True, load_dtd=False, huge_tree=False)
    for _, tu in context:
        check_tree(tu, context.error_log, path.name)
        unit = parse_tu(tu)
        traditional += unit.traditional
        if len(unit.texts) >= 2:
            pairs.extend(unit.pairs())
        tu.clear()
    whole = read_tmx(path)
    assert (pairs, traditional) == (whole.pairs, whole.traditional)


@pytest.mark.parametrize("style", ["dca", "dct", "tbx-basic-ntig"])
def test_deprecated_abbreviation_read_in_every_dialect(tmp_path, style):
    """An abbr term marked deprecatedTerm-admn-sts is not to stand alone in that language (registry
    ``accepted``), whichever way the dialect writes the status."""
    def term(lang: str, variant: str, text: str, status: str) -> str:
        ident = f"organisations.wipo.{lang}.{variant}.nom"
        if style == "dct":
            return (f'<termSec id="{ident}"><term>{text}</term><basic:administrativeStatus>{status}'
                    "</basic:administrativeStatus></termSec>")
        if style == "dca":
            return (f'<termSec id="{ident}"><term>{text}</term><termNote type="administrativeStatus">{status}'
                    "</termNote></termSec>")
        return (f'<ntig id="{ident}"><termGrp><term>{text}</term><termNote type="administrativeStatus">{status}'
                "</termNote></termGrp></ntig>")

    names = {"en": ("World Intellectual Property Organization", "WIPO"), "zh": ("世界知识产权组织", "WIPO"),
             "ru": ("Всемирная организация интеллектуальной собственности", "ВОИС")}
    deprecated = {"ru"}
    sections = "".join(
        f'<{"langSet" if style == "tbx-basic-ntig" else "langSec"} xml:lang="{lang}-{"US" if lang == "en" else lang.upper()}">'
        + term(lang, "name", name, "preferredTerm-admn-sts")
        + term(lang, "abbr", abbr, "deprecatedTerm-admn-sts" if lang in deprecated else "admittedTerm-admn-sts")
        + f'</{"langSet" if style == "tbx-basic-ntig" else "langSec"}>'
        for lang, (name, abbr) in names.items())
    if style == "tbx-basic-ntig":
        text = (f'<martif type="TBX-Basic"><text><body><termEntry id="organisations.wipo">{sections}</termEntry>'
                "</body></text></martif>")
    else:
        text = (f'<tbx style="{style}" type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2" '
                'xmlns:basic="http://www.tbxinfo.net/ns/basic"><text><body>'
                f'<conceptEntry id="organisations.wipo">{sections}</conceptEntry></body></text></tbx>')
    path = tmp_path / "t.tbx"
    path.write_text(text, encoding="utf-8")
    [entry] = read_tbx(path).entries
    assert entry.accepted == frozenset({"en", "zh"})
    assert entry.forms["ru"] == {("name", "nom"): names["ru"][0], ("abbr", "nom"): "ВОИС"}
