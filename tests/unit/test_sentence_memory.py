"""Issue 16: sentence pairs and zh<->ru pairs stored from review decisions (real SQLite memory)."""

from __future__ import annotations

from pathlib import Path

from statementkit.adapters.tm.sqlite_tm import TranslationMemory
from statementkit.model.translation import Origin, Status, TranslationEntry
from statementkit.services.review.importing import Decision, DecisionKind
from statementkit.services.review.memory import remember_pairs
from statementkit.services.translate.segment import changed_sentences, sentence_pairs

EN = "The Parties met in Urumqi. They agreed on a plan."
RU = "Стороны встретились в Урумчи. Они согласовали план."
ZH = "各方在乌鲁木齐会晤。各方商定了计划。"


def _entry(lang: str, text: str, status: Status = Status.APPROVED) -> TranslationEntry:
    return TranslationEntry("u1", lang, "0" * 16, text, Origin.HUMAN, status)


def test_review_decision_stores_clause_sentence_and_zh_ru_pairs(tmp_path: Path) -> None:
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        n = remember_pairs(memory, "en", "ru", [Decision(DecisionKind.EDITED, "u1", 1, "", _entry("ru", RU))],
                           {"u1": EN}, {"zh": {"u1": _entry("zh", ZH)}})
        assert n == 1
        got = memory.lookup_exact("en", "ru", "They agreed on a plan.")
        assert got is not None and got.target == "Они согласовали план." and got.status is Status.APPROVED
        zr = memory.lookup_exact("zh", "ru", "各方在乌鲁木齐会晤。")
        assert zr is not None and zr.target == "Стороны встретились в Урумчи." and zr.origin is Origin.HUMAN
        rz = memory.lookup_exact("ru", "zh", RU)
        assert rz is not None and rz.target == ZH
        # a reviewed zh makes the zh<->ru pairs reviewed, not approved
        remember_pairs(memory, "en", "ru", [Decision(DecisionKind.EDITED, "u1", 1, "", _entry("ru", RU))],
                       {"u1": EN}, {"zh": {"u1": _entry("zh", "各方会晤。", Status.REVIEWED)}})
        got = memory.lookup_exact("zh", "ru", "各方会晤。")
        assert got is not None and got.status is Status.REVIEWED


def test_sentence_pairs_only_when_counts_agree() -> None:
    assert sentence_pairs(EN, RU, "en", "ru") == [("The Parties met in Urumqi.", "Стороны встретились в Урумчи."),
                                                  ("They agreed on a plan.", "Они согласовали план.")]
    assert sentence_pairs(EN, "Стороны встретились в Урумчи и согласовали план.", "en", "ru") is None
    assert sentence_pairs(EN + "\nA second line.", RU, "en", "ru") is None
    assert changed_sentences(EN, "The Parties met in Urumqi. They agreed on two plans.", "en") == [2]
    assert changed_sentences(EN, EN, "en") == []
