import datetime as dt

import pytest

from statementkit.services.assemble import formatting as f

D = dt.date(2023, 7, 24)


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "July 24, 2023"), ("zh", "2023年7月24日"), ("ru", "24 июля 2023 года")])
def test_dates(lang: str, expected: str) -> None:
    assert f.date(D, lang) == expected


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "July 24–26, 2023"), ("zh", "2023年7月24日至26日"), ("ru", "24–26 июля 2023 года")])
def test_date_ranges(lang: str, expected: str) -> None:
    assert f.date_range(D, dt.date(2023, 7, 26), lang) == expected


def test_month_with_preposition() -> None:
    assert f.month(2023, 5, "en", preposition=True) == "in May 2023"
    assert f.month(2023, 5, "ru", preposition=True) == "в мае 2023 года"
    assert f.month(2023, 5, "zh") == "2023年5月"


@pytest.mark.parametrize(("lang", "expected"), [("en", "A, B and C"), ("zh", "A、B和C"), ("ru", "A, B и C")])
def test_lists(lang: str, expected: str) -> None:
    assert f.join(["A", "B", "C"], lang) == expected


def test_serial_comma_only_for_items_with_commas() -> None:
    assert f.join(["X, a", "Y, b", "Z, c"], "en") == "X, a, Y, b, and Z, c"
    parts = ["X, a", "Y, b", "Z, c"]
    assert "".join(p + f.separator(i, 3, "en") for i, p in enumerate(parts)) == "X, a, Y, b, and Z, c"
    # Chinese lists heads of delegation with 、 throughout, never 和 before the last
    assert "".join(p + f.separator(i, 3, "zh") for i, p in enumerate(parts)) == "X, a、Y, b、Z, c"


def test_two_item_list() -> None:
    assert f.join(["A", "B"], "en") == "A and B"
    assert f.join(["A", "B"], "zh") == "A和B"


@pytest.mark.parametrize(("n", "gender", "case", "expected"), [
    (1, "n", "nom", "первое"), (1, "n", "gen", "первого"), (2, "n", "nom", "второе"),
    (2, "m", "nom", "второй"), (3, "f", "nom", "третья"), (3, "n", "gen", "третьего"),
    (5, "f", "acc", "пятую"), (7, "m", "nom", "седьмой"), (10, "m", "ins", "десятым")])
def test_russian_ordinals_agree(n: int, gender: str, case: str, expected: str) -> None:
    assert f.ordinal(n, "ru", gender=gender, case=case) == expected


def test_en_and_zh_ordinals() -> None:
    assert f.ordinal(1, "en") == "First"
    assert f.ordinal(21, "en") == "21st"
    assert f.ordinal(1, "zh") == "首届"
    assert f.ordinal(2, "zh") == "第二届"
    assert f.ordinal(12, "zh") == "第十二届"
    assert f.zh_number(20) == "二十"
