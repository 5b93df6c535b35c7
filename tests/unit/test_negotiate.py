"""Rounds, history and consolidation on the five-party example (statementkit.testing.negotiation):
attribution of every change, the conflict list, and per-party accept/reject identity at the XML level."""

from __future__ import annotations

import copy
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from statementkit.cli import cli

REPO = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from statementkit.testing.negotiation import make_example

    return make_example(REPO / "examples", tmp_path_factory.mktemp("negotiation"))


def _run(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args))


def _texts(root: Any) -> list[str]:
    from statementkit.adapters.docx import oxml

    return [oxml.paragraph_text(p) for p in root.iter(oxml.P)]


def _as_party(path: Path, author: str) -> list[str]:
    from statementkit.adapters.docx import oxml
    from statementkit.adapters.docx.reader import load_parts

    root = copy.deepcopy(load_parts(path)[1])
    oxml.resolve_for_author(root, author)
    return _texts(root)


def _draft_texts(path: Path) -> list[str]:
    from statementkit.adapters.docx.reader import load_parts

    return _texts(load_parts(path)[1])


def _folder(example: dict[str, Path], tmp_path: Path) -> Path:
    folder = tmp_path / "nego"
    for lang in ("en", "zh", "ru"):
        res = _run("round", "add", str(example[f"base.{lang}"]), "--party", "kz", "--base", "--date",
                   "2025-09-01", "--dir", str(folder))
        assert res.exit_code == 0, res.output
    for party in ("kg", "tj", "uz", "cn", "tm"):
        res = _run("round", "add", str(example[party]), "--party", party, "--date", "2025-09-05",
                   "--dir", str(folder))
        assert res.exit_code == 0, res.output
    return folder


# ---- rounds ---------------------------------------------------------------------------------------------
def test_round_add_records_copies_and_languages(example: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(example, tmp_path)
    index = json.loads((folder / "negotiation.json").read_text(encoding="utf-8"))
    assert index["schema"] == "statementkit-negotiation"
    langs = {(v["party"], v["base"]): v["language"] for v in index["versions"]}
    assert langs[("cn", False)] == "zh" and langs[("tm", False)] == "ru" and langs[("kg", False)] == "en"
    for v in index["versions"]:
        assert (folder / v["file"]).read_bytes() == example[v["party"] if not v["base"] else
                                                            f"base.{v['language']}"].read_bytes()
    listed = _run("round", "list", "--dir", str(folder), "--json")
    assert [e["party"] for e in json.loads(listed.output)][:3] == ["kz", "kz", "kz"]


def test_round_add_bad_input_one_line_nothing_written(example: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(example, tmp_path)
    before = (folder / "negotiation.json").read_bytes()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    for args in (["--party", "kg"],  # a second version from kg in round 1
                 ["--party", "kz", "--base"],  # a second en base in round 1
                 ["--party", "kg", "--date", "5 May"],
                 ["--party", "k g", "--round", "2"]):
        res = _run("round", "add", str(example["kg"]), *args, "--dir", str(folder))
        assert res.exit_code != 0
        assert len(res.output.strip().splitlines()) == 1 and "Traceback" not in res.output, res.output
    assert (folder / "negotiation.json").read_bytes() == before
    assert sorted(p for p in folder.rglob("*") if p.is_file()) == files
    res = _run("round", "add", str(example["kg"]), "--party", "kg", "--round", "2", "--dir", str(folder))
    assert res.exit_code == 0 and (folder / "rounds/2/kg.docx").is_file()


def test_round_add_statement_file_and_history_against_it(example: dict[str, Path], tmp_path: Path) -> None:
    spec = REPO / "examples" / "china-central-asia-ip-2023-amended" / "statement.yaml"
    res = _run("round", "add", str(spec), "--party", "kz", "--base", "--lang", "ru", "--dir", str(tmp_path))
    assert res.exit_code == 0, res.output
    (entry,) = json.loads(_run("round", "list", "--dir", str(tmp_path), "--json").output)
    assert (entry["kind"], entry["language"], entry["file"]) == ("statement", "ru", "rounds/1/kz-base.ru.yaml")
    assert (tmp_path / "rounds/1/kz-base.ru.translations.yaml").read_bytes() == \
        spec.with_name("statement.translations.yaml").read_bytes()  # its other languages travel with it
    folder = tmp_path / "statement-base"
    spec = REPO / "examples" / "china-central-asia-ip-2025" / "statement.yaml"
    assert _run("round", "add", str(spec), "--party", "kz", "--base", "--lang", "en", "--dir", str(folder)).exit_code == 0
    for party in ("kg", "tj", "uz"):
        assert _run("round", "add", str(example[party]), "--party", party, "--dir", str(folder)).exit_code == 0
    data = json.loads(_run("history", "--dir", str(folder), "--json").stdout)
    assert data["summary"] == {"agreed": 25, "contested": 7, "new": 1}  # as against the built base DOCX


# ---- history --------------------------------------------------------------------------------------------
def test_history_statuses_and_proposals(example: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(example, tmp_path)
    res = _run("history", "--dir", str(folder), "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["parties"] == ["cn", "kg", "tj", "tm", "uz"]  # the zh and ru drafts against their own bases
    by_id = {c["id"]: c for c in data["clauses"] if c["id"]}
    summit = by_id["summit-consensus"]
    assert summit["status"] == "contested"
    assert summit["latest"]["kg"].startswith("The Parties reiterate their commitment")
    assert summit["latest"]["tj"].startswith("The Parties confirm their firm commitment")
    assert summit["latest"]["uz"] == summit["base"]
    assert by_id["new-technologies"]["status"] == "contested" and by_id["new-technologies"]["latest"]["tj"] is None
    assert by_id["wipo"]["status"] == "contested"  # kg and uz alike, tj keeps the base
    treaties = by_id["treaties"]  # kg moved it, nobody changed its wording: contested by position
    assert treaties["status"] == "contested" and set(treaties["latest"].values()) == {treaties["base"]}
    moves = {p["party"]: p["moved_after"] for p in treaties["proposals"]}
    assert moves["tj"] is None and moves["uz"] is None and moves["kg"]
    new = [c for c in data["clauses"] if c["status"] == "new"]
    assert len(new) == 2 and new[1]["latest"] == {"tj": new[1]["latest"]["tj"], "cn": None, "kg": None, "tm": None,
                                                  "uz": None}
    assert new[0]["latest"]["cn"] == "各方愿加强在知识产权国际规则制定方面的沟通协调。"
    assert data["summary"] == {"agreed": 23, "contested": 9, "new": 2}  # uz also edits a signature cell
    driver = by_id["ip-driver"]  # changed in zh by cn and in ru by tm, kept by the others
    assert driver["status"] == "contested" and "重要驱动力" in driver["latest"]["cn"]
    assert "важным" in driver["latest"]["tm"] and driver["latest"]["kg"] == driver["base"]
    assert {p["party"]: p.get("lang") for p in driver["proposals"]}["cn"] == "zh"
    assert by_id["bripc"]["status"] == "contested" and by_id["bripc"]["latest"]["tm"] is None
    assert by_id["bripc"]["latest"]["cn"] == by_id["bripc"]["base"]  # cn kept it (in Chinese)
    assert data["skipped"] == []
    zh = json.loads(_run("history", "--dir", str(folder), "--json", "--lang", "zh").stdout)
    assert zh["summary"] == data["summary"] and zh["parties"] == data["parties"]
    text = _run("history", "--dir", str(folder)).stdout
    assert "[summit-consensus] contested" in text and "tj (round 1, 2025-09-05): drops the clause" in text
    assert "[treaties] contested" in text and "keeps the wording; moves it after «" in text


def test_history_bracketed_and_html(example: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(example, tmp_path)
    brk = _run("history", "--dir", str(folder), "--format", "bracketed").stdout.splitlines()
    assert "The Parties [reaffirm (base, cn, tm, uz) / reiterate (kg) / confirm (tj)] their" in brk[3]
    assert "every [two years (base, cn, kg, tj, tm) / year (uz)]" in brk[8]  # after cn's new clause (zh)
    assert brk[5].startswith("[The Parties note") and brk[5].endswith("(deleted: tj)")
    html = _run("history", "--dir", str(folder), "--format", "html").stdout
    assert "<th>cn</th><th>kg</th><th>tj</th><th>tm</th><th>uz</th>" in html and "<td lang=zh>" in html
    assert "<del>reaffirm</del><ins>reiterate</ins>" in html
    out = tmp_path / "h.html"
    assert _run("history", "--dir", str(folder), "--format", "html", "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8") == html
    import docx

    out = tmp_path / "bracketed.docx"
    assert _run("history", "--dir", str(folder), "--format", "docx", "-o", str(out)).exit_code == 0
    paras = docx.Document(str(out)).paragraphs
    assert [p.text for p in paras[1:]] == brk
    bold = [r.text for r in paras[4].runs if r.bold]
    assert bold == ["[reaffirm (base, cn, tm, uz) / reiterate (kg) / confirm (tj)]",
                    "[— (base, cn, kg, tm, uz) /  firm (tj)]"]
    assert any("[cn (zh): 各方认识到" in line and "[tm (ru): Стороны признают" in line for line in brk)
    assert any("[moved: kg]" in line for line in brk)
    res = _run("history", "--dir", str(folder), "--format", "docx")
    assert res.exit_code == 2 and "needs -o" in res.output
    res = _run("history", "--dir", str(folder), "-o", str(folder / "negotiation.json"))
    assert res.exit_code == 2 and "overwrite" in res.output


# ---- consolidate ----------------------------------------------------------------------------------------
def test_consolidate_attribution_conflicts_and_identity(example: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "consolidated.docx"
    report = tmp_path / "conflicts.json"
    res = _run("consolidate", str(example["base.en"]), f"kg={example['kg']}", f"tj={example['tj']}",
               f"uz={example['uz']}", "-o", str(out), "--report", str(report), "--date", "2025-09-10")
    assert res.exit_code == 0, res.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["authors"] == {"kg": "Kyrgyzstan", "tj": "Tajikistan", "uz": "Uzbekistan"}
    assert data["conflicts"] == [{"paragraph": 4, "base": "reaffirm", "proposals": [
        {"party": "kg", "text": "reiterate"}, {"party": "tj", "text": "confirm"}]}]
    assert data["shared"] == 1  # kg and uz both "deepen"
    assert data["comments"] == 1
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode()
        comments = z.read("word/comments.xml").decode()
        assert "comments+xml" in z.read("[Content_Types].xml").decode()
    assert 'w:author="Aida Sultanova"' in comments and "Kyrgyzstan could host in 2027" in comments
    from lxml import etree

    root = etree.fromstring(xml.encode())
    authors = {el.get(f"{W}author") for el in root.iter(f"{W}ins", f"{W}del")}
    # "reaffirm" replaced by kg and by tj: deleted in both names
    assert authors == {"Kyrgyzstan", "Tajikistan", "Uzbekistan", "Kyrgyzstan; Uzbekistan", "Kyrgyzstan; Tajikistan"}
    # tj's competing proposal is a change inside kg's: kg's "reiterate" deleted by tj inside kg's insertion
    (nested,) = [d for d in root.iter(f"{W}del") if d.getparent().tag == f"{W}ins"]
    assert nested.get(f"{W}author") == "Tajikistan" and nested.getparent().get(f"{W}author") == "Kyrgyzstan"
    assert "".join(t.text for t in nested.iter(f"{W}delText")) == "reiterate"
    cell = next(ins for ins in root.iter(f"{W}ins") if "".join(ins.itertext()) == "the ")
    assert cell.get(f"{W}author") == "Uzbekistan" and any(a.tag == f"{W}tc" for a in cell.iterancestors())
    deleted = "".join(t.text for d in root.iter(f"{W}del") if d.get(f"{W}author") == "Tajikistan"
                      for t in d.iter(f"{W}delText"))
    assert "The Parties note that the rapid development" in deleted
    base = _draft_texts(example["base.en"])
    for party, name in (("kg", "Kyrgyzstan"), ("uz", "Uzbekistan"), ("tj", "Tajikistan")):
        assert _as_party(out, name) == _draft_texts(example[party]), party  # the conflict included
    from statementkit.adapters.docx import oxml as ox

    (start,) = list(root.iter(f"{W}commentRangeStart"))
    assert ox.paragraph_text(start.getparent()).startswith("The Parties agree that the China-Central Asia Heads")
    assert "every two years" in ox.paragraph_text(start.getparent())  # the base paragraph uz edits
    rejected = copy.deepcopy(root)
    from statementkit.adapters.docx import oxml

    oxml.resolve_revisions(rejected, "reject")
    assert _texts(rejected) == base
    accepted = copy.deepcopy(root)
    oxml.resolve_revisions(accepted, "accept")  # every revision: the last proposal of the conflict stands
    (para,) = [t for t in _texts(accepted) if "commitment to implementing" in t]
    assert "confirm" in para and "reiterate" not in para and "reaffirm" not in para


@pytest.mark.parametrize(("lang", "party", "author"), [("zh", "cn", "中国"), ("ru", "tm", "Туркменистан")])
def test_consolidate_single_party_in_zh_and_ru(example: dict[str, Path], tmp_path: Path, lang: str, party: str,
                                               author: str) -> None:
    out = tmp_path / f"c.{lang}.docx"
    res = _run("consolidate", str(example[f"base.{lang}"]), f"{party}={example[party]}", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert _as_party(out, author) == _draft_texts(example[party])
    assert f'w:author="{author}"' in zipfile.ZipFile(out).read("word/document.xml").decode()


def test_consolidate_bad_input_one_line_nothing_written(example: dict[str, Path], tmp_path: Path) -> None:
    encrypted = tmp_path / "encrypted.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    other = tmp_path / "other.docx"
    from statementkit.app.build import BuildOptions, build_statement

    build_statement(REPO / "examples" / "china-kazakhstan-ip-2026" / "statement.yaml",
                    BuildOptions(langs=("en",), output=other))
    base = str(example["base.en"])
    out = tmp_path / "out.docx"
    cases = {
        "is not a version of": [f"kg={other}"],
        "is the base itself": [f"kg={base}"],
        "encrypted": [f"kg={encrypted}"],
        "two drafts from kg": [f"kg={example['kg']}", f"kg={example['tj']}"],
        "is in zh": [f"cn={example['cn']}"],
        "would overwrite an input": ["-o", base, f"kg={example['kg']}"],
    }
    for expected, drafts in cases.items():
        args = ["consolidate", base, *drafts] + ([] if "-o" in drafts else ["-o", str(out)])
        res = _run(*args)
        assert res.exit_code != 0, expected
        assert res.output.count("\n") == 1 and expected in res.output, res.output
        assert not out.exists()
    copy_of_base = tmp_path / "copy.docx"
    copy_of_base.write_bytes(example["base.en"].read_bytes())
    res = _run("consolidate", base, f"kg={copy_of_base}", "-o", str(out))
    assert res.exit_code == 1 and "no change from the base" in res.output and not out.exists()


@pytest.mark.parametrize("seed", [3, 11])
def test_consolidate_identity_per_party_outside_conflicts(tmp_path: Path, seed: int) -> None:
    """Five synthetic drafts with overlapping edits, added and dropped paragraphs: accepting one party's
    changes and rejecting the others' gives its draft in every paragraph but those of its conflicts."""
    import difflib

    from statementkit.app.consolidate import consolidate_drafts
    from statementkit.testing.negotiation import synthetic_negotiation

    base, drafts = synthetic_negotiation(tmp_path, 60, ("kz", "kg", "tj", "tm", "uz"), 0.15, seed)
    out = tmp_path / "out.docx"
    result = consolidate_drafts(base, [f"{p}={d}" for p, d in drafts], out)
    assert result.stats.conflicts  # the drafts do overlap
    for party, draft in drafts:
        mine = {c.paragraph for c in result.stats.conflicts if any(p == party for p, _ in c.proposals)}
        got, want = _as_party(out, result.authors[party]), _draft_texts(draft)
        ops = difflib.SequenceMatcher(None, want, got, autojunk=False).get_opcodes()
        bad = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in ops if tag != "equal")
        assert len(got) == len(want) and bad <= len(mine), (party, bad, sorted(mine))


def test_committed_example_is_what_the_script_generates(example: dict[str, Path]) -> None:
    committed = REPO / "examples" / "negotiation-2025"
    for path in example.values():
        assert _draft_texts(committed / path.name) == _draft_texts(path), path.name


def test_consolidate_table_reshaped_is_a_warning_never_silent(tmp_path: Path) -> None:
    import docx

    def write(rows: list[list[str]], path: Path) -> None:
        d = docx.Document()
        for k in range(6):
            d.add_paragraph(f"Clause {k} of the statement on intellectual property cooperation.")
        t = d.add_table(rows=len(rows), cols=2)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                t.cell(r, c).text = text
        d.add_paragraph("Done at Astana.")
        d.save(str(path))

    base, draft = tmp_path / "base.docx", tmp_path / "kg.docx"
    write([["For Kazakhstan", "For China"]], base)
    write([["For Kazakhstan", "For China"], ["For Kyrgyzstan", ""]], draft)
    out = tmp_path / "out.docx"
    res = _run("consolidate", str(base), f"kg={draft}", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "warning: kg: table at paragraph 7 changed in its rows or cells; not consolidated" in res.output


def test_history_across_rounds_latest_version_decides() -> None:
    from statementkit.services.diff import ClauseText
    from statementkit.services.negotiate import PartyVersion, bracketed_text, build_history

    base = [ClauseText("a", "The Parties will meet every two years."), ClauseText("b", "Done at Astana.")]
    r1 = [ClauseText("a", "The Parties will meet every year."), ClauseText("b", "Done at Astana.")]
    r2 = [ClauseText("a", "The Parties will meet every two years."), ClauseText("b", "Done at Astana.")]
    h = build_history(base, [PartyVersion("kz", 1, "2025-05-01", r1), PartyVersion("kz", 2, "2025-06-01", r2),
                             PartyVersion("uz", 1, "2025-05-02", base)], "en")
    a = h.clauses[0]
    assert [(p.party, p.round, p.text == base[0].text) for p in a.proposals] == [
        ("kz", 1, False), ("uz", 1, True), ("kz", 2, True)]
    assert a.status == "agreed"  # kz came back to the base wording in round 2
    h = build_history(base, [PartyVersion("kz", 1, "2025-05-01", r1), PartyVersion("uz", 1, "", base)], "en")
    assert h.clauses[0].status == "contested"
    assert bracketed_text(h).splitlines()[0] == "The Parties will meet every [two years (base, uz) / year (kz)]."


def test_consolidate_a_round_from_the_folder(example: dict[str, Path], tmp_path: Path) -> None:
    folder = _folder(example, tmp_path)
    out = tmp_path / "round1.en.docx"
    res = _run("consolidate", "--dir", str(folder), "-o", str(out), "--date", "2025-09-10")
    assert res.exit_code == 0, res.output
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert 'w:author="Kyrgyzstan" w:date="2025-09-05T00:00:00Z"' in xml  # the date kg's version came in
    assert _as_party(out, "Uzbekistan") == _draft_texts(example["uz"])
    zh = tmp_path / "round1.zh.docx"
    assert _run("consolidate", "--dir", str(folder), "--lang", "zh", "-o", str(zh)).exit_code == 0
    assert _as_party(zh, "中国") == _draft_texts(example["cn"])
    for args, message in ((["--round", "2"], "round 2 has no draft in en"),
                          ([str(example["base.en"])], "not both"), ([], "not both")):
        extra = ["--dir", str(folder)] if args != [] else []
        res = _run("consolidate", *extra, *args, "-o", str(tmp_path / "x.docx"))
        assert res.exit_code != 0 and message in res.output and res.output.count("\n") == 1, res.output
    assert not (tmp_path / "x.docx").exists()
