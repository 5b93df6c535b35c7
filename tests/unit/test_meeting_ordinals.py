"""MeetingView.next / .previous: the ordinals of the neighbouring meetings of a series, per language."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

import pytest

from statementkit.model.registry import Mechanism, Words
from statementkit.services.assemble.views import MeetingView


def _mechanism(gender: str) -> Mechanism:
    names = MappingProxyType({"en": Words("Meeting"), "zh": Words("会议"), "ru": Words("Совещание")})
    nouns = MappingProxyType({"en": Words("meeting"), "zh": Words("会议"), "ru": Words("совещание")})
    return Mechanism(id="m", names=names, genders=MappingProxyType({"ru": gender}),
                     extra=MappingProxyType({"noun": nouns}))


@pytest.mark.parametrize(("number", "lang", "gender", "nxt", "prev"), [
    (2, "en", "n", "Third", "First"),
    (2, "zh", "n", "第三届", "首届"),
    (2, "ru", "n", "третье", "первое"),
    (9, "zh", "n", "第十届", "第八届"),
    (2, "ru", "f", "третья", "первая"),
    (2, "ru", "m", "третий", "первый"),
])
def test_next_and_previous_ordinals(number: int, lang: str, gender: str, nxt: str, prev: str) -> None:
    view = MeetingView(_mechanism(gender), number, (dt.date(2025, 9, 18),), lang)
    assert str(view.next) == nxt
    assert str(view.previous) == prev
    assert str(view.ordinal) not in (nxt, prev)  # the meeting's own ordinal is untouched


def test_russian_cases_agree_with_the_head_noun() -> None:
    view = MeetingView(_mechanism("n"), 2, (dt.date(2025, 9, 18),), "ru")
    assert view.next.acc == "третье"
    assert view.previous.gen == "первого"
    fem = MeetingView(_mechanism("f"), 1, (dt.date(2025, 9, 18),), "ru")
    assert fem.next.acc == "вторую"


def test_first_meeting_has_no_previous() -> None:
    view = MeetingView(_mechanism("n"), 1, (dt.date(2025, 9, 18),), "en")
    with pytest.raises(ValueError, match="no previous meeting"):
        _ = view.previous
