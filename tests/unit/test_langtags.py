"""BCP 47 language tags as tools write them → en, zh, ru; Traditional Chinese never zh (issue 12 kind 1)."""

from __future__ import annotations

import pytest

from statementkit.adapters.langtags import TRADITIONAL, classify, require_language


@pytest.mark.parametrize(("tag", "expected"), [
    ("en", "en"), ("en-US", "en"), ("EN-GB", "en"), ("en_US", "en"), ("en-us", "en"), ("eng", "en"),
    ("en-US-x-twain", "en"),
    ("zh", "zh"), ("ZH-CN", "zh"), ("zh_CN", "zh"), ("zh-cn", "zh"), ("zh-Hans", "zh"), ("zh-Hans-CN", "zh"),
    ("zh-SG", "zh"), ("zh-hans-sg", "zh"), ("cmn-Hans-CN", "zh"), ("zh-cmn-Hans-CN", "zh"), ("zho", "zh"),
    ("ru", "ru"), ("ru-RU", "ru"), ("RU_ru", "ru"), ("ru-KZ", "ru"), ("rus", "ru"),
    ("zh-TW", TRADITIONAL), ("zh-HK", TRADITIONAL), ("zh-MO", TRADITIONAL), ("zh-Hant", TRADITIONAL),
    ("zh-Hant-HK", TRADITIONAL), ("zh_Hant_TW", TRADITIONAL), ("ZH-TW", TRADITIONAL), ("zh-Hant-CN", TRADITIONAL),
    ("de-DE", None), ("zh-Latn", None), ("ru-Latn", None), ("yue-HK", None), ("x-private", None), ("", None),
    (None, None), ("not a tag", None), ("*all*", None), ("en-" + "x" * 10_000, None),
])
def test_tags_map_to_our_languages(tag: str | None, expected: str | None) -> None:
    assert classify(tag) == expected


def test_required_language_says_why_in_one_line() -> None:
    assert require_language("ru-RU", "trgLang") == "ru"
    with pytest.raises(ValueError, match="Traditional script"):
        require_language("zh-TW", "trgLang")
    with pytest.raises(ValueError, match="not one of en, zh, ru"):
        require_language("de", "trgLang")
