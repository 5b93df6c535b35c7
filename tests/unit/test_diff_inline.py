"""Tokenising and inline diffs: exact round trip, cleanup into lawyer-sized edits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from statementkit.services.diff.inline import InlineOp, inline_diff, new_text, old_text
from statementkit.services.diff.tokens import tokenize


def test_tokens_keep_punctuation_apart() -> None:
    assert tokenize("Parties agreed, in 2023, to co-operate.", "en") == [
        "Parties", " ", "agreed", ",", " ", "in", " ", "2023", ",", " ", "to", " ", "co-operate", "."]
    assert tokenize("Стороны согласились.", "ru") == ["Стороны", " ", "согласились", "."]
    assert tokenize("各方同意WIPO合作。", "zh") == ["各", "方", "同", "意", "WIPO", "合", "作", "。"]


def test_word_level_replacement_is_one_edit() -> None:
    ops = inline_diff("the big red car is here.", "a small blue car is there!", "en")
    assert ops == [InlineOp("delete", "the big red"), InlineOp("insert", "a small blue"),
                   InlineOp("equal", " car is "), InlineOp("delete", "here."), InlineOp("insert", "there!")]


def test_chinese_cleanup_merges_single_characters() -> None:
    ops = inline_diff("中国与中亚国家加强知识产权合作。", "中国与中亚各国深化知识产权领域合作。", "zh")
    edits = [o for o in ops if o.op != "equal"]
    # "国家加强" → "各国深化" as one replacement, not 国/各 … 加强/深化 piecemeal
    assert InlineOp("delete", "国家加强") in edits and InlineOp("insert", "各国深化") in edits
    assert all(len(o.text) >= 2 for o in edits)


def test_russian_word_edit() -> None:
    ops = inline_diff("раз в два года", "раз в три года", "ru")
    assert ops == [InlineOp("equal", "раз в "), InlineOp("delete", "два"), InlineOp("insert", "три"),
                   InlineOp("equal", " года")]


def test_equal_texts_give_no_ops() -> None:
    assert inline_diff("Same.", "Same.", "en") == []


@given(st.text(alphabet="ab ,.中文Яз", max_size=40), st.text(alphabet="ab ,.中文Яз", max_size=40),
       st.sampled_from(["en", "ru", "zh"]))
def test_ops_rebuild_both_texts(a: str, b: str, lang: str) -> None:
    ops = inline_diff(a, b, lang)
    if a != b:
        assert old_text(ops) == a and new_text(ops) == b
    assert "".join(tokenize(a, lang)) == a
