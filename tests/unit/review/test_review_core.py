"""Unit tests for the pure review core: the source redline, lossless sentence split, import decisions."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from statementkit.model.translation import Origin, Status, TranslationEntry, Translations
from statementkit.services.diff.inline import inline_diff, new_text, old_text
from statementkit.services.review import DecisionKind, ExportedRow, ReturnedRow, ReviewManifest, plan_import
from statementkit.services.review.importing import CurrentUnit
from statementkit.services.review.rows import text_hash
from statementkit.services.review.segments import split_sentences


def test_source_redline_marks_words():
    ops = inline_diff("held on a biennial basis", "held on a 3-year basis", "en")
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "held on a "), ("delete", "biennial"), ("insert", "3-year"), ("equal", " basis")]


def test_source_redline_chinese_by_character():
    ops = inline_diff("会议每两年举办一次", "会议每三年举办一次", "zh")
    assert [(o.op, o.text) for o in ops if o.op != "equal"] == [("delete", "两"), ("insert", "三")]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab .。\n", max_size=30), st.text(alphabet="ab .。\n", max_size=30),
       st.sampled_from(["en", "zh", "ru"]))
def test_source_redline_reads_as_both_versions(old, new, lang):
    ops = inline_diff(old, new, lang)
    if not ops:
        assert old == new
    else:
        assert (new_text(ops), old_text(ops)) == (new, old)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="Ab .。!\n ", max_size=40), st.sampled_from(["en", "zh", "ru"]))
def test_split_sentences_is_lossless(text, lang):
    assert "".join(p.text for p in split_sentences(text, lang)) == text


def test_split_sentences_keeps_gaps():
    pieces = split_sentences("One. Two.", "en")
    assert [(p.text, p.is_gap) for p in pieces] == [("One.", False), (" ", True), ("Two.", False)]
    assert [p.text for p in split_sentences("Совещание прошло. Стороны, т.е. все, решили.", "ru")
            if not p.is_gap] == ["Совещание прошло.", "Стороны, т.е. все, решили."]


def _manifest(*rows: ExportedRow) -> ReviewManifest:
    return ReviewManifest("k", "s.yaml", "en", "zh", rows)


def test_plan_import_kinds():
    rows = [ExportedRow(u, f"h{u}", text_hash(f"t{u}"), Status.DRAFT) for u in ("a", "b", "c", "d")]
    current = {u: CurrentUnit(f"src {u}", f"h{u}", Origin.MACHINE, f"t{u}", Status.DRAFT) for u in ("a", "b", "c")}
    current["d"] = CurrentUnit("src d changed", "hd2", Origin.MACHINE, "td", Status.DRAFT)
    old = TranslationEntry("b", "zh", "hb", "tb", Origin.MACHINE, Status.DRAFT, flags=("term-repaired",))
    translations = Translations("en", {("b", "zh"): old})
    returned = [
        ReturnedRow(1, "a", "ta edited", Status.DRAFT),
        ReturnedRow(2, "b", "tb", Status.APPROVED, status_touched=True),
        ReturnedRow(3, "c", "tc", Status.DRAFT),
        ReturnedRow(4, "d", "td edited", Status.DRAFT),
        ReturnedRow(5, "e", "new", None),
    ]
    plan = plan_import(_manifest(*rows), returned, current, translations)
    kinds = [(d.kind, d.unit_id) for d in plan.decisions]
    assert kinds == [(DecisionKind.EDITED, "a"), (DecisionKind.STATUS, "b"), (DecisionKind.UNCHANGED, "c"),
                     (DecisionKind.SOURCE_CHANGED, "d"), (DecisionKind.ADDED, "e")]
    a = plan.translations.get("a", "zh")
    assert a is not None and (a.origin, a.status, a.text, a.source) == (Origin.HUMAN, Status.REVIEWED,
                                                                         "ta edited", "src a")
    b = plan.translations.get("b", "zh")
    assert b is not None and (b.origin, b.status, b.flags) == (Origin.MACHINE, Status.APPROVED, ())
    assert plan.translations.get("d", "zh") is None


def test_plan_import_tampered_and_deleted():
    rows = [ExportedRow(u, f"h{u}", text_hash(f"t{u}"), Status.DRAFT) for u in ("a", "b", "c")]
    current = {u: CurrentUnit(f"src {u}", f"h{u}", Origin.MACHINE, f"t{u}", Status.DRAFT) for u in ("a", "b", "c")}
    returned = [ReturnedRow(1, "a", "ta", Status.DRAFT), ReturnedRow(2, "zz", "x", Status.DRAFT, source_hash="hc")]
    plan = plan_import(_manifest(*rows), returned, current, Translations("en", {}))
    assert sorted((d.kind.value, d.unit_id) for d in plan.decisions) == [
        ("deleted", "b"), ("tampered", "c"), ("unchanged", "a")]
    assert not plan.applied
