"""Issue 3 acceptance: install, list, translate, status and rebuild on tiny real Argos packages."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

import regex
import yaml

from statementkit.adapters.translations_file import load_translations, translations_path
from statementkit.app.workspace import load_workspace
from statementkit.model.translation import Origin, Status
from statementkit.services.translate.base import Hypothesis, Translator
from statementkit.services.translate.protect import TermLock
from tests.conftest import TEMPLATES

FREE = ["tisc-memorandum", "examiner-training", "follow-up", "follow-up-contacts", "follow-up-report"]



def _units(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    data = yaml.safe_load(translations_path(path).read_text(encoding="utf-8"))
    return data["units"]


def _one_line_error(result, code: int = 1) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("statementkit: "), result.stderr
    return lines[0]


def test_install_list_translate_status_rebuild(run: Callable, amended: Path, tiny_argos: dict[str, Path],
                                               tmp_path: Path) -> None:
    models, tm = tmp_path / "models", tmp_path / "tm.sqlite"
    for key in ("en-zh", "en-ru"):
        r = run("models", "install", tiny_argos[key], "--models", models)
        assert r.exit_code == 0 and r.stdout.startswith(f"installed {key.replace('-', '->')} 1.0 in ")
    r = run("models", "list", "--models", models)
    assert r.stdout.splitlines() == [f"en->ru\t1.0\t{models / 'translate-en_ru-1_0'}",
                                     f"en->zh\t1.0\t{models / 'translate-en_zh-1_0'}"]

    r = run("translate", amended, "--to", "zh", "--to", "ru", "--models", models, "--tm", tm)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1] == \
        "32 from templates, 0 from memory, 10 by the model, 0 stale re-translated, 10 flagged"
    units = _units(amended)
    assert list(units) == FREE
    zh = {u: units[u]["zh"]["text"] for u in FREE}
    ru = {u: units[u]["ru"]["text"] for u in FREE}
    for name in ("中华人民共和国国家知识产权局", "世界知识产权组织", "技术与创新支持中心", "中亚五国", "2023年3月12日"):
        assert name in zh["tisc-memorandum"]
    for name in ("Национальное управление интеллектуальной собственности Китайской Народной Республики",
                 "Всемирная организация интеллектуальной собственности", "12 марта 2023 года",
                 "центры поддержки технологий и инноваций", "государства Центральной Азии"):
        assert name in ru["tisc-memorandum"]
    for n in ("500", "12", "40%"):
        assert re.search(rf"(?<!\d){n}", zh["examiner-training"]) and re.search(rf"(?<!\d){n}", ru["examiner-training"])
    assert "中小企业" in zh["examiner-training"] and "малые и средние предприятия" in ru["examiner-training"]
    assert zh["follow-up-report"].endswith("2025年7月.") and "в июле 2025 года" in ru["follow-up-report"]
    entry = units["tisc-memorandum"]["zh"]
    assert (entry["origin"], entry["status"], entry["engine"]) == ("machine", "draft", "argos en->zh 1.0")
    assert "wrong-script" in entry["flags"]  # the copy model leaves English: flagged, never silently wrong

    before = translations_path(amended).read_bytes()
    r = run("translate", amended, "--to", "zh", "--to", "ru", "--models", models, "--tm", tm)
    assert r.stdout.splitlines()[-1] == \
        "32 from templates, 0 from memory, 0 by the model, 0 stale re-translated, 10 flagged"
    assert translations_path(amended).read_bytes() == before

    r = run("status", amended)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0] == ("zh: 16 template, 0 memory, 5 machine, 0 human; 5 draft, 0 reviewed, "
                                        "16 approved; 0 stale, 0 missing, 5 flagged")

    r = run("build", amended, "--format", "txt", "-o", "-")
    assert r.exit_code == 0, r.output
    assert "中华人民共和国国家知识产权局" in r.stdout and "Всемирная организация интеллектуальной собственности" in r.stdout
    assert "10 translated clauses unreviewed, 10 flagged, 0 stale" in r.stderr
    out = tmp_path / "out"
    out.mkdir()
    r = run("build", amended, "--lang", "zh", "--lang", "ru", "-o", out)
    assert r.exit_code == 0, r.output
    import docx

    zh_doc = "\n".join(p.text for p in docx.Document(str(out / "statement.zh.docx")).paragraphs)
    ru_doc = "\n".join(p.text for p in docx.Document(str(out / "statement.ru.docx")).paragraphs)
    assert "世界知识产权组织" in zh_doc and "2023年3月12日" in zh_doc and "中小企业" in zh_doc
    assert "Всемирная организация интеллектуальной собственности" in ru_doc and "12 марта 2023 года" in ru_doc
    for f in out.iterdir():
        f.unlink()
    r = run("build", amended, "--final", "-o", out)
    assert "not final: 10 translated clauses unreviewed" in _one_line_error(r)
    assert list(out.iterdir()) == []

    # a source edit makes exactly that clause stale
    text = amended.read_text(encoding="utf-8").replace("within 30 days", "within 45 days")
    amended.write_text(text, encoding="utf-8")
    r = run("status", amended)
    assert "  stale: follow-up-contacts" in r.stdout.splitlines()
    assert sum(line.startswith("  stale:") for line in r.stdout.splitlines()) == 2  # zh and ru
    r = run("translate", amended, "--models", models, "--tm", tm)
    assert r.stdout.splitlines()[-1] == \
        "32 from templates, 0 from memory, 0 by the model, 2 stale re-translated, 10 flagged"
    assert "45" in _units(amended)["follow-up-contacts"]["ru"]["text"]


def test_term_lock_holds_on_a_scrambling_model(run: Callable, amended: Path, tiny_argos: dict[str, Path],
                                               tmp_path: Path) -> None:
    """The scramble model garbles every placeholder: each segment is repaired, flagged, and still carries
    every locked term, date and number in its approved target form."""
    models = tmp_path / "models"
    for key in ("scramble-en-zh", "scramble-en-ru"):
        assert run("models", "install", tiny_argos[key], "--models", models).exit_code == 0
    r = run("translate", amended, "--models", models, "--tm", tmp_path / "tm.sqlite")
    assert r.exit_code == 0, r.output
    ws = load_workspace(amended, TEMPLATES)
    translations = load_translations(translations_path(amended), "en")
    checked = 0
    for unit_id in FREE:
        source = ws.statement.unit(unit_id).clause.text  # type: ignore[union-attr]
        for lang in ("zh", "ru"):
            entry = translations.get(unit_id, lang)
            assert entry is not None
            spans = TermLock(ws.registry, "en", lang).protect(source).spans
            for span in spans:
                # the repair path guarantees it (a Russian name in one of the registry's case forms)
                assert any(f in entry.text for f in (span.target, *dict(span.forms).values())), (unit_id, lang)
                checked += 1
            if spans:
                assert "term-repaired" in entry.flags
            if lang == "zh":
                assert regex.search(r"\p{Han}", entry.text)
    assert checked >= 20


class _Counting:
    """Wraps a real engine and records every segment sent to it."""

    def __init__(self, inner: Translator, sent: list[str]) -> None:
        self.inner, self.sent = inner, sent
        self.source, self.target, self.label = inner.source, inner.target, inner.label

    def translate(self, segments: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        self.sent.extend(segments)
        return self.inner.translate(segments, progress)


def _blocks(path: Path) -> dict[str, str]:
    """The translations file cut into its per-unit text blocks."""
    text = translations_path(path).read_text(encoding="utf-8")
    parts = re.split(r"(?m)^  (?=\S)", text.split("\nunits:\n", 1)[1])
    return {p.split(":", 1)[0]: p for p in parts if p}


def test_editing_one_clause_of_200_sends_only_its_segments(run: Callable, tmp_path: Path,
                                                           models_dir: Path) -> None:
    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.adapters.translations_file import save_translations
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import translate_statement
    from statementkit.services.translate.segment import split_sentences
    from statementkit.testing.synthetic import synthetic_statement

    spec = tmp_path / "big.yaml"
    spec.write_text(synthetic_statement(200), encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    r = run("translate", spec, "--models", models_dir, "--tm", tm)
    assert r.stdout.splitlines()[-1].startswith("2 from templates, 0 from memory, 400 by the model, 0 stale")
    before = _blocks(spec)

    text = spec.read_text(encoding="utf-8")
    old = re.search(r'  - id: free-117\n    text: "(.*)"', text)
    assert old is not None
    edited = "The Parties agree to hold 7 joint seminars on patents. They will report in July 2026."
    spec.write_text(text.replace(old.group(1), edited), encoding="utf-8")

    ws = load_workspace(spec, TEMPLATES)
    translations = load_translations(translations_path(spec), "en")
    engines = Engines(models_dir)
    sent: list[str] = []
    with TranslationMemory(tm) as memory:
        result = translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, translations),
                                     translations, ["zh", "ru"], lambda a, b: _Counting(engines(a, b), sent), memory)
    save_translations(translations_path(spec), result.translations, [u.id for u in ws.statement.units()])
    # the edited clause's sentences (x 2 languages), and its Russian sentence with a registry name once more,
    # unlocked, to read the name's case
    assert result.summary.segments == 2 * len(split_sentences(edited, "en")) == 4
    assert result.summary.case_readings == 1 and len(sent) == 5
    assert "The Parties agree to hold 7 joint seminars on patents." in sent
    assert "Z1 joint seminars on Z2." in sent[0]
    assert (result.summary.model, result.summary.stale) == (0, 2)
    after = _blocks(spec)
    assert set(after) == set(before)
    changed = [u for u in after if after[u] != before[u]]
    assert changed == ["free-117"]


def test_memory_exact_human_wins_fuzzy_is_only_a_note(run: Callable, amended: Path, models_dir: Path,
                                                       tmp_path: Path) -> None:
    tm = tmp_path / "tm.sqlite"
    tmx = tmp_path / "in.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="en"><seg>to designate contact points within 30 days;</seg></tuv>'
        '<tuv xml:lang="zh"><seg>在30天内指定联络点；</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>The Parties agree on the following steps.</seg></tuv>'
        '<tuv xml:lang="ru"><seg>Стороны договорились о следующих шагах.</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>The Parties agree on the following measures.</seg></tuv>'
        '<tuv xml:lang="zh"><seg>双方商定以下措施。</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>Over the next three years, the Parties will train 500 patent examiners and hold '
        '12 joint workshops. At least 40% of the places will be reserved for small and medium-sized enterprises.'
        '</seg></tuv><tuv xml:lang="ru"><seg>В ближайшие 3 года Стороны подготовят 500 патентных экспертов и проведут '
        '12 семинаров; 40% мест получат предприятия.</seg></tuv></tu>'
        '</body></tmx>', encoding="utf-8")
    r = run("tm", "import", tmx, "--tm", tm, "--status", "approved")
    assert r.exit_code == 0 and r.stdout.strip() == \
        "imported 8 pairs from 4 units; skipped 0 units with fewer than two of en, zh, ru"
    r = run("translate", amended, "--models", models_dir, "--tm", tm)
    assert r.stdout.splitlines()[-1] == \
        "32 from templates, 3 from memory, 7 by the model, 0 stale re-translated, 7 flagged"
    tr = load_translations(translations_path(amended), "en")
    e = tr.get("follow-up-contacts", "zh")
    assert e is not None and (e.text, e.origin, e.status, e.flags) == (
        "在30天内指定联络点；", Origin.MEMORY, Status.APPROVED, ())
    e = tr.get("follow-up", "zh")  # only a fuzzy match in zh: the model's text, the memory's as a note
    assert e is not None and e.origin is Origin.MACHINE and e.text != "双方商定以下措施。"
    assert any(n.startswith("memory ") and n.endswith("双方商定以下措施。") for n in e.notes)

    r = run("tm", "export", tmp_path / "out.tmx", "--tm", tm)
    assert r.exit_code == 0 and r.stderr.startswith("exported 8 units")
    r = run("tm", "import", tmp_path / "out.tmx", "--tm", tmp_path / "other.sqlite")
    assert r.stdout.startswith("imported 16 pairs")


def test_memory_reuse_is_checked_unless_approved(run: Callable, amended: Path, models_dir: Path,
                                                 tmp_path: Path) -> None:
    """A reviewed (not approved) memory match that lacks a locked term is reused but flagged."""
    tm = tmp_path / "tm.sqlite"
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory

    src = ("Over the next three years, the Parties will train 500 patent examiners and hold 12 joint workshops. "
           "At least 40% of the places will be reserved for small and medium-sized enterprises.")
    with TranslationMemory(tm) as memory:
        memory.add("en", "ru", src, "В ближайшие 3 года Стороны подготовят 500 экспертов и проведут 12 семинаров; "
                   "40% мест получат компании.", origin=Origin.HUMAN, status=Status.REVIEWED)
    r = run("translate", amended, "--to", "ru", "--models", models_dir, "--tm", tm)
    assert r.exit_code == 0
    e = load_translations(translations_path(amended), "en").get("examiner-training", "ru")
    assert e is not None and e.origin is Origin.MEMORY and e.status is Status.DRAFT
    assert e.flags == ("term-missing",) and "small and medium-sized enterprises" in e.notes[-1]


def test_template_clause_edited_in_negotiation_is_translated(run: Callable, seed_copy: Path, models_dir: Path,
                                                            tmp_path: Path) -> None:
    """A template clause whose English wording was edited: the edit replaces the template in English, and
    zh/ru need a translation like free text (the template's own zh/ru no longer say the same thing)."""
    edited = ("The Parties realize the important role intellectual property has played in stimulating "
              "innovation, and in facilitating the green and digital development of countries.")
    text = seed_copy.read_text(encoding="utf-8").replace(
        "  - id: ip-role\n    template: reaffirm.ip-role\n",
        f"  - id: ip-role\n    template: reaffirm.ip-role\n    text: \"{edited}\"\n")
    seed_copy.write_text(text, encoding="utf-8")

    en = run("build", seed_copy, "--lang", "en", "--format", "txt", "-o", "-")
    assert f"\n2. {edited}\n" in en.stdout  # still numbered as its template's family says
    assert "no zh translation yet" in _one_line_error(run("build", seed_copy, "--lang", "zh"))

    r = run("translate", seed_copy, "--to", "zh", "--models", models_dir, "--tm", tmp_path / "tm.sqlite")
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[-1].startswith("15 from templates, 0 from memory, 1 by the model, ")
    assert list(_units(seed_copy)) == ["ip-role"]
    zh = run("build", seed_copy, "--lang", "zh", "--format", "txt", "-o", "-")
    assert zh.exit_code == 0
    line = next(ln for ln in zh.stdout.splitlines() if ln.startswith("二、"))
    assert "各方认识到知识产权在激励创新创造" not in line  # not the template's zh: the edited clause's translation
    status = run("status", seed_copy)
    assert status.stdout.startswith("zh: 15 template, 0 memory, 1 machine, 0 human;"), status.stdout
