"""The native reviewer's corrections of issue 9, each a test on the built text of the examples, and the
refusals the genre needs (one party, a non-title as title, one date of a range, an alternat for a stranger)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from statementkit.app.workspace import load_workspace
from statementkit.model.document import BlockKind
from statementkit.model.statement import Clause, PartyRef
from statementkit.services.assemble.render import Renderer, assemble
from statementkit.services.validate import validate_statement

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "templates"
EX = REPO / "examples"
SPECS = {
    "seed": EX / "china-central-asia-ip-2023" / "statement.yaml",
    "uz": EX / "china-uzbekistan-ip-2024" / "statement.yaml",
    "second": EX / "china-central-asia-ip-2025" / "statement.yaml",
    "astana": EX / "china-kazakhstan-ip-2026" / "statement.yaml",
    "bishkek": EX / "regional-ip-heads-bishkek-2026" / "statement.yaml",
    "vstrecha": EX / "heads-meeting-communique-2026" / "statement.yaml",
    "amended": EX / "china-central-asia-ip-2023-amended" / "statement.yaml",
}


@pytest.fixture(scope="module")
def text() -> Callable[[str, str], str]:
    cache: dict[tuple[str, str], str] = {}

    def get(name: str, lang: str) -> str:
        if (name, lang) not in cache:
            from statementkit.app.build import BuildOptions, build_statement

            res = build_statement(SPECS[name], BuildOptions(langs=[lang], fmt="txt", to_stdout=True))
            assert res.text is not None
            cache[(name, lang)] = res.text
        return cache[(name, lang)]
    return get


def run(*args: object) -> Result:
    from statementkit.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- zh ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["seed", "second", "bishkek"])
def test_zh_tajikistan_and_heads_joined_by_dunhao(text: Callable[[str, str], str], name: str) -> None:
    zh = text(name, "zh")
    assert "塔吉克斯坦经济" not in zh  # 塔吉克斯坦共和国 in every office name
    opening = zh.split("\n\n")[1]
    assert "、乌兹别克斯坦共和国司法部知识产权局局长" in opening  # 、 before the last head, never 和
    assert "和乌兹别克斯坦" not in opening
    assert "（以下称“各方”）" in opening


def test_zh_tajik_office_full_name(text: Callable[[str, str], str]) -> None:
    assert "塔吉克斯坦共和国经济发展与贸易部国家专利信息中心" in text("seed", "zh")


@pytest.mark.parametrize("name", ["seed", "uz", "astana"])
def test_zh_states_as_follows(text: Callable[[str, str], str], name: str) -> None:
    zh = text(name, "zh")
    assert "并声明如下：" in zh and "发表声明如下" not in zh


def test_zh_seed_corrections(text: Callable[[str, str], str]) -> None:
    zh = text("seed", "zh")
    assert "中国政府" not in zh and "“一带一路”知识产权硕士学位项目" in zh
    assert "WIPO" not in zh and "世界知识产权组织管理的" in zh
    assert "以举办此次会议为契机" in zh
    assert "首届中国—中亚峰会" in zh
    assert zh.count("一、") == 1 and "\n七、" in zh  # paragraphs numbered 一、二、


def test_zh_second_summit(text: Callable[[str, str], str]) -> None:
    assert "第二届中国—中亚峰会" in text("second", "zh")


@pytest.mark.parametrize(("name", "pair"), [("uz", "中乌"), ("astana", "中哈")])
def test_zh_bilateral_forms(text: Callable[[str, str], str], name: str, pair: str) -> None:
    zh = text(name, "zh")
    assert "促进两国经济文化发展" in zh and f"{pair}友好合作关系" in zh
    assert "中亚" not in zh and "本地区" not in zh and "各方" not in zh


def test_zh_date_range_across_months(text: Callable[[str, str], str]) -> None:
    assert "2026年6月30日至7月2日" in text("astana", "zh")


# ---- ru ------------------------------------------------------------------------------------------------

def test_ru_seed_corrections(text: Callable[[str, str], str]) -> None:
    ru = text("seed", "ru")
    assert "Первый саммит «Центральная Азия — Китай», состоявшийся" in ru
    assert "сообщества единой судьбы Центральной Азии и Китая" in ru and "судьбы Китая и Центральной Азии" not in ru
    assert "принес ряд важных результатов" in ru and "достиг" not in ru
    assert "Стороны обсудили состояние дружественного сотрудничества" in ru
    assert "подвели итоги ранее проведенных совместных мероприятий" in ru
    assert "заявили о нижеследующем:" in ru
    assert "знание друг о друге и взаимопонимание" in ru and "взаимное знание" not in ru
    assert "по случаю проведения настоящего совещания" in ru
    assert "Публичные услуги в сфере интеллектуальной собственности" in ru and "Государственные услуги" not in ru
    assert "г-н" not in ru and "г-жа" not in ru and "(далее – Стороны)" in ru


def test_ru_second_meeting(text: Callable[[str, str], str]) -> None:
    ru = text("second", "ru")
    assert "второго саммита «Центральная Азия — Китай»" in ru
    assert "будет осуществляться Сторонами поочередно" in ru


def test_ru_numbers_in_words(text: Callable[[str, str], str]) -> None:
    ru = text("amended", "ru")
    assert "в течение следующих трех лет" in ru.lower() and "40 процентов" in ru
    assert "раз в два года" in text("seed", "ru")


def test_ru_periods_in_words() -> None:
    from statementkit.services.assemble import formatting as f

    assert [f.ru_years(n) for n in (2, 3, 5, 7, 11, 21)] == [
        "два года", "три года", "пять лет", "семь лет", "одиннадцать лет", "двадцать один год"]


def test_ru_vstrecha_series_agrees(text: Callable[[str, str], str]) -> None:
    ru = text("vstrecha", "ru")
    assert "Совместное коммюнике третьей Встречи" in ru
    assert "второй Встречи руководителей ведомств интеллектуальной собственности, состоявшейся" in ru
    assert "настоящего Совместного коммюнике" in ru and "Совместного заявления" not in ru
    assert "овещани" not in ru and "Встреча прошла" in ru
    zh = text("vstrecha", "zh")
    assert "本联合公报" in zh and "会议" not in zh and "会晤在热烈" in zh


# ---- originals, languages, signatures ------------------------------------------------------------------

@pytest.mark.parametrize(("name", "zh", "ru", "en"), [
    ("seed", None, None, None),  # form none: no done-in line
    ("uz", "一式两份", "в двух подлинных экземплярах", "in two originals"),
    ("second", "一式六份", "в шести подлинных экземплярах", "in six originals"),
    ("bishkek", "一式四份", "в четырех подлинных экземплярах", "in four originals"),
    ("vstrecha", "一式三份", "в трех подлинных экземплярах", "in three originals"),
])
def test_originals_follow_the_parties(text: Callable[[str, str], str], name: str, zh: str | None, ru: str | None,
                                      en: str | None) -> None:
    if zh is None:
        return
    assert f"{zh}，每份均以中文、俄文和英文写成" in text(name, "zh")
    assert f"{ru}, каждый на китайском, русском и английском языках" in text(name, "ru")
    assert f"{en}, each in the Chinese, Russian and English languages" in text(name, "en")


def test_explicit_originals_win() -> None:
    ws = load_workspace(SPECS["astana"], TEMPLATES)
    st = dataclasses.replace(ws.statement, closing=dataclasses.replace(ws.statement.closing, originals=4))
    done = [b.text for b in assemble(st, ws.registry, ws.library, "ru").blocks if b.kind is BlockKind.PLACE_DATE]
    assert "в четырех подлинных экземплярах" in done[0]


def test_ru_signature_block_in_the_accusative(text: Callable[[str, str], str]) -> None:
    ru = text("second", "ru")
    assert "За Департамент по правам интеллектуальной собственности Министерства юстиции Республики Казахстан" in ru
    assert "За Государственную службу по интеллектуальной собственности" in ru


def test_alternat_lists_the_copy_owner_first(tmp_path: Path) -> None:
    res = run("build", SPECS["astana"], "--copy-for", "all", "--format", "txt", "-o", tmp_path)
    assert res.exit_code == 0, res.output
    cn = (tmp_path / "statement.cnipa.ru.txt").read_text(encoding="utf-8")
    kz = (tmp_path / "statement.kz-ip-department.ru.txt").read_text(encoding="utf-8")
    assert cn.index("Шэнь Чанъюй") < cn.index("Шолпан Абдреева")  # opening and signature block
    assert "между Китаем и Казахстаном" in cn and "между Казахстаном и Китаем" in kz  # the collective name
    assert cn.rindex("За Национальное управление") < cn.rindex("За Департамент")
    assert kz.rindex("За Департамент") < kz.rindex("За Национальное управление")
    zh_kz = (tmp_path / "statement.kz-ip-department.zh.txt").read_text(encoding="utf-8")
    assert zh_kz.index("肖尔潘") < zh_kz.index("申长雨")


def test_alternat_for_a_stranger_is_one_line(tmp_path: Path) -> None:
    res = run("build", SPECS["astana"], "--copy-for", "uz-ip-office", "-o", tmp_path)
    assert res.exit_code == 2 and "'uz-ip-office' is not a party" in res.stderr
    assert list(tmp_path.iterdir()) == []


# ---- refusals ------------------------------------------------------------------------------------------

def _seed_ws():  # type: ignore[no-untyped-def]
    return load_workspace(SPECS["seed"], TEMPLATES)


def test_one_party_is_refused() -> None:
    ws = _seed_ws()
    st = dataclasses.replace(ws.statement, parties=(PartyRef("cnipa"),), collective=None,
                             clauses=(Clause("ip-role", template="reaffirm.ip-role"),))
    problems = [p.message for p in validate_statement(st, ws.registry, ws.library)]
    assert problems == ["parties: a joint statement needs at least two parties (this one has 1)"]


def test_non_title_template_as_title_is_refused() -> None:
    ws = _seed_ws()
    st = dataclasses.replace(ws.statement, title="reaffirm.ip-role")
    problems = [p.message for p in validate_statement(st, ws.registry, ws.library)]
    assert len(problems) == 1 and "'reaffirm.ip-role' is a reaffirm clause, not a title" in problems[0]


def test_opening_shows_the_whole_date_range() -> None:
    ws = _seed_ws()
    m = dataclasses.replace(ws.statement.meeting, dates=(dt.date(2023, 7, 24), dt.date(2023, 7, 26)))
    st = dataclasses.replace(ws.statement, meeting=m)
    assert validate_statement(st, ws.registry, ws.library) == []
    opening = Renderer(st, ws.registry, ws.library).unit_text(next(st.units()), "zh")[0]
    assert opening.startswith("2023年7月24日至26日")


def test_no_circular_group_name() -> None:
    ws = load_workspace(SPECS["uz"], TEMPLATES)
    st = dataclasses.replace(ws.statement, clauses=(Clause("a", template="atmosphere.review-relations"),))
    r = Renderer(st, ws.registry, ws.library)
    zh = r.unit_text(next(st.units()), "zh")[0]
    assert "以下简称" not in zh and "中乌" in zh
    assert "(hereinafter" not in r.unit_text(next(st.units()), "en")[0]


def test_check_flags_a_past_date_after_the_statement(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["uz"].read_text(encoding="utf-8").replace(
        "  - id: conclusion\n", "  - id: memo\n    text: The Parties welcome the memorandum signed on 12 March "
        "2025.\n  - id: conclusion\n"), encoding="utf-8")
    res = run("check", spec)
    assert res.exit_code == 1
    assert "clause 'memo' (en): '12 March 2025' lies after the statement's own date (2024-10-15)" in res.stdout


def test_check_refuses_c_c5_wording_in_a_bilateral_statement(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["uz"].read_text(encoding="utf-8").replace(
        "template: closing.prospects", "template: closing.shared-future"), encoding="utf-8")
    res = run("check", spec)
    assert res.exit_code == 1
    lines = [ln for ln in res.stdout.splitlines() if "closing.shared-future" in ln]
    assert len(lines) == 1 and "China and the five Central Asian states" in lines[0]
    res = run("build", spec, "-o", tmp_path)
    assert res.exit_code == 1 and "does not fit this statement" in res.stderr
    assert not list(tmp_path.glob("*.docx"))


@pytest.mark.parametrize("years", [3, 4, 5, 7])
def test_library_periods_pass_check(years: int, tmp_path: Path) -> None:
    """mechanism.establish with every_years 3, 4, 5 or 7: built only from templates, `check` passes, and the
    period is in words in every language («раз в три года», «раз в семь лет», 每三年, every seven years)."""
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["seed"].read_text(encoding="utf-8").replace("{every_years: 2}", f"{{every_years: {years}}}"),
                    encoding="utf-8")
    res = run("check", spec)
    assert res.exit_code == 0, res.output
    words = {3: ("три года", "三年", "three years"), 4: ("четыре года", "四年", "four years"),
             5: ("пять лет", "五年", "five years"), 7: ("семь лет", "七年", "seven years")}[years]
    out = run("build", spec, "--format", "txt", "-o", "-").stdout
    assert f"раз в {words[0]}" in out and f"每{words[1]}" in out and f"every {words[2]}" in out


def test_zh_numbering_is_a_statement_setting(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["seed"].read_text(encoding="utf-8").replace("order: as-listed\n",
                                                                       "order: as-listed\nzh_numbering: arabic\n"),
                    encoding="utf-8")
    zh = run("build", spec, "--lang", "zh", "--format", "txt", "-o", "-").stdout
    assert "\n1. 各方认识到" in zh and "一、" not in zh
    bad = tmp_path / "bad.yaml"
    bad.write_text(spec.read_text(encoding="utf-8").replace("zh_numbering: arabic", "zh_numbering: roman"),
                   encoding="utf-8")
    res = run("check", bad)
    assert res.exit_code == 1 and "zh_numbering: expected one of chinese, arabic" in res.stderr


def test_order_per_language_in_the_statement_file(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["seed"].read_text(encoding="utf-8").replace(
        "order: as-listed\n", "order: {zh: alphabetical, ru: alphabetical}\n"), encoding="utf-8")
    zh = run("build", spec, "--lang", "zh", "--format", "txt", "-o", "-").stdout
    ru = run("build", spec, "--lang", "ru", "--format", "txt", "-o", "-").stdout
    assert zh.index("申长雨") < zh.index("肖尔潘") < zh.index("拉哈特")  # China leads, then pinyin
    assert ru.index("Шолпан Абдреева") < ru.index("Шэнь Чанъюй")  # Казахстан < Китай
    spec.write_text(SPECS["seed"].read_text(encoding="utf-8").replace("order: as-listed\n", "order: {fr: as-listed}\n"),
                    encoding="utf-8")
    res = run("check", spec)
    assert res.exit_code == 1 and "order.fr: unknown language 'fr'" in res.stderr


def test_new_refuses_a_one_party_statement(tmp_path: Path) -> None:
    res = run("new", tmp_path / "one", "--party", "cnipa", "--venue", "astana", "--date", "2026-06-03")
    assert res.exit_code == 2 and "at least two parties" in res.stderr
    assert not (tmp_path / "one").exists()


def test_check_flags_russian_numbers_under_ten_in_digits(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "amended"
    shutil.copytree(SPECS["amended"].parent, folder)
    tr = folder / "statement.translations.yaml"
    tr.write_text(tr.read_text(encoding="utf-8").replace("следующих трех лет", "следующих 3 лет"), encoding="utf-8")
    res = run("check", folder / "statement.yaml")
    assert res.exit_code == 1
    assert "clause 'examiner-training' (ru): the number 3 stands in digits" in res.stdout
    from statementkit.services.genre import ru_small_numerals

    assert ru_small_numerals("Совершено 2 июля 2026 года, 3,5 процента, п. 3, 40 процентов") == []
    assert ru_small_numerals("раз в 7 лет") == ["7"]


def test_lead_must_be_a_party(tmp_path: Path) -> None:
    spec = tmp_path / "statement.yaml"
    spec.write_text(SPECS["uz"].read_text(encoding="utf-8").replace("order: as-listed\n",
                                                                     "order: as-listed\nlead: {ru: uz, en: kz}\n"),
                    encoding="utf-8")
    res = run("check", spec)
    assert res.exit_code == 1 and "lead.en: 'kz' is not the country of a party (cn, uz)" in res.stdout
    ru = run("build", spec, "--lang", "ru", "--format", "txt", "-o", "-")
    assert ru.exit_code == 0 and ru.stdout.index("Есемурат") < ru.stdout.index("Шэнь")  # ru: Uzbekistan leads
