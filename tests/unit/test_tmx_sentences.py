"""Issue 16: `tm import` splits units of several sentences into sentence pairs (services/align/units.py),
stored beside the unit; only confident one-to-one pairs; a unit that does not pair stays a unit only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from statementkit.app.memory import open_memory
from statementkit.model.translation import Origin, Status

EN3 = ("The Parties agree to strengthen cooperation on patents. They will exchange information on trademarks. "
       "The offices will hold 4 joint seminars every year.")
RU3 = ("Стороны договорились укреплять сотрудничество в области патентов. Они будут обмениваться информацией о "
       "товарных знаках. Ведомства будут ежегодно проводить 4 совместных семинара.")
ZH3 = "双方同意加强专利领域合作。双方将交流商标信息。两局每年举办4次联合研讨会。"
# four English sentences; Russian merges the first two into one
EN4 = ("The heads of the offices met in Tashkent. They reviewed the work of the past year. The offices will "
       "publish 2 joint reports in 2027. Both sides support small and medium-sized enterprises.")
RU4 = ("Руководители ведомств встретились в Ташкенте и рассмотрели работу за прошедший год. Ведомства опубликуют "
       "2 совместных доклада в 2027 году. Обе стороны поддерживают малые и средние предприятия.")
EN2 = "The Parties met. They signed nothing."
RU2 = ("Стороны провели продолжительную встречу и обсудили весь спектр вопросов двустороннего сотрудничества в "
       "области интеллектуальной собственности и авторского права. Нет.")


def _tu(**texts: str) -> str:
    return "<tu>" + "".join(f'<tuv xml:lang="{k}"><seg>{v}</seg></tuv>' for k, v in texts.items()) + "</tu>"


TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
       + _tu(en=EN3, ru=RU3, zh=ZH3) + _tu(en=EN4, ru=RU4) + _tu(en=EN2, ru=RU2)
       + _tu(en="One sentence only.", ru="Только одно предложение.") + "</body></tmx>")


def test_units_of_several_sentences_give_their_sentence_pairs(run: Callable, tmp_path: Path,
                                                              tm_location: str) -> None:
    """The same on a SQLite file and a PostgreSQL memory."""
    (tmp_path / "in.tmx").write_text(TMX, encoding="utf-8")
    tm = tm_location
    r = run("tm", "import", tmp_path / "in.tmx", "--tm", tm)
    assert r.exit_code == 0, r.output
    # units: 6 pairs (en-ru, en-zh, ru-zh both ways) + 2 + 2 + 2 = 12; sentences: unit 1 gives 3 one-to-one pairs
    # per language pair (3 pairs x 3 language pairs x 2 directions = 18), unit 2 the two unmerged sentences
    # (2 x 2 = 4), unit 3 none (its lengths disagree), unit 4 is one sentence
    assert r.stdout.strip() == ("imported 34 pairs from 4 units (22 sentence pairs from 2 units of several "
                                "sentences); skipped 0 units with fewer than two of en, zh, ru")
    with open_memory(tm) as memory:
        for en, ru, zh in zip(EN3.split(". "), RU3.split(". "), ["双方同意加强专利领域合作。", "双方将交流商标信息。",
                                                                  "两局每年举办4次联合研讨会。"], strict=True):
            en, ru = en.rstrip(".") + ".", ru.rstrip(".") + "."
            m = memory.lookup_exact("en", "ru", en)
            assert m is not None and m.target == ru and (m.origin, m.status) == (Origin.HUMAN, Status.REVIEWED)
            back = memory.lookup_exact("ru", "en", ru)
            assert back is not None and back.target == en
            z = memory.lookup_exact("zh", "ru", zh)
            assert z is not None and z.target == ru
        whole = memory.lookup_exact("en", "ru", EN3)  # the unit is kept as it is
        assert whole is not None and whole.target == RU3
        # the merged sentence pairs with nothing; the other two pair
        assert memory.lookup_exact("en", "ru", "The heads of the offices met in Tashkent.") is None
        assert memory.lookup_exact("en", "ru", "They reviewed the work of the past year.") is None
        two = memory.lookup_exact("en", "ru", "The offices will publish 2 joint reports in 2027.")
        assert two is not None and two.target == "Ведомства опубликуют 2 совместных доклада в 2027 году."
        assert memory.lookup_exact("ru", "en", "Обе стороны поддерживают малые и средние предприятия.") is not None
        # a unit that does not pair confidently stays a unit only
        assert memory.lookup_exact("en", "ru", "The Parties met.") is None
        assert memory.lookup_exact("en", "ru", EN2) is not None
    data = json.loads(run("tm", "import", tmp_path / "in.tmx", "--tm", tm, "--json").stdout)
    assert (data["sentence_pairs"], data["split_units"], data["imported"]) == (22, 2, 34)


def test_sentence_pairs_keep_the_units_origin_and_status_and_skip_wrong_scripts(run: Callable,
                                                                               tmp_path: Path) -> None:
    tmx = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
           '<tu><prop type="x-statementkit-status">approved</prop>'
           f'<tuv xml:lang="en"><seg>{EN3}</seg></tuv><tuv xml:lang="ru"><seg>{RU3}</seg></tuv></tu>'
           # a Russian side in Latin letters: neither the unit nor its sentences are stored
           f'<tu><tuv xml:lang="en"><seg>{EN3}</seg></tuv><tuv xml:lang="ru"><seg>{EN3}</seg></tuv></tu>'
           '</body></tmx>')
    (tmp_path / "in.tmx").write_text(tmx, encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    r = run("tm", "import", tmp_path / "in.tmx", "--tm", tm, "--status", "draft")
    assert r.exit_code == 0, r.output
    assert "(6 sentence pairs from 1 unit of several sentences)" in r.stdout
    with open_memory(tm) as memory:
        m = memory.lookup_exact("en", "ru", "They will exchange information on trademarks.")
        assert m is not None and m.status is Status.APPROVED and m.origin is Origin.HUMAN
        assert len(memory) == 8  # 2 unit pairs + 6 sentence pairs


def test_unit_sentence_pairs_confidence() -> None:
    from statementkit.app.workspace import load_library_and_registry
    from statementkit.services.align import AnchorFinder
    from statementkit.services.align.units import UNIT_SENTENCE_CONFIDENCE, unit_sentence_pairs

    _lib, registry = load_library_and_registry()
    finders = {lg: AnchorFinder(registry, lg) for lg in ("en", "zh", "ru")}
    pairs = unit_sentence_pairs(EN3, ZH3, "en", "zh", finders)
    assert [b for _, b, _ in pairs] == ["双方同意加强专利领域合作。", "双方将交流商标信息。", "两局每年举办4次联合研讨会。"]
    assert all(c >= UNIT_SENTENCE_CONFIDENCE for _, _, c in pairs)
    assert unit_sentence_pairs("One sentence.", "Одно предложение.", "en", "ru", finders) == []
    assert unit_sentence_pairs(EN2, RU2, "en", "ru", finders, min_confidence=0.0) == []
