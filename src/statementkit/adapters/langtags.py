"""Language tags as CAT and terminology tools write them (BCP 47), mapped to the three languages we work in.

Tags are parsed by ``langcodes`` (BCP 47 / RFC 5646): compared case-insensitively (``ZH-CN``), with ``_`` for
``-`` (the ``zh_CN`` locale ids some tools write), ISO 639-2 codes (``rus``), extended language subtags
(``zh-cmn-Hans-CN``) and private-use suffixes (``en-US-x-twain``) understood.  The script is the tag's own
script subtag or, without one, the script CLDR's likely subtags give the language and region
(``zh-TW``, ``zh-HK``, ``zh-MO`` → Hant; ``zh-CN``, ``zh-SG``, bare ``zh`` → Hans).

Our ``zh`` is Simplified Chinese: a tag for Chinese in Traditional script is never taken as ``zh``; readers
skip and count what carries it (:data:`TRADITIONAL`) or refuse it with a line saying why.
"""

from __future__ import annotations

from functools import lru_cache

from statementkit import LANGUAGES

TRADITIONAL = "zh-Hant"  # the class of Chinese tags in Traditional script
_SCRIPT = {"en": "Latn", "ru": "Cyrl", "zh": "Hans"}
_MANDARIN = {"cmn"}
_MAX_TAG = 80  # RFC 5646 §4.4.1: 35 characters hold any practical tag; longer is not a tag we read  # ISO 639-3 Mandarin: written Chinese, as zh


@lru_cache(maxsize=256)
def classify(tag: str | None) -> str | None:
    """``en``/``zh``/``ru`` for a tag of one of our languages in its usual script, :data:`TRADITIONAL` for
    Chinese in Traditional script, None for anything else (another language or script, or no valid tag)."""
    import langcodes

    if not tag or not tag.strip() or len(tag) > _MAX_TAG:
        return None
    try:
        parsed = langcodes.Language.get(tag.strip(), normalize=True)
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        return None
    lang = "zh" if parsed.language in _MANDARIN else parsed.language
    if lang not in LANGUAGES:
        return None
    script = parsed.script or parsed.maximize().script
    if lang == "zh" and script == "Hant":
        return TRADITIONAL
    return lang if script == _SCRIPT.get(lang) else None


def require_language(tag: str | None, what: str) -> str:
    """Our code for ``tag`` where one of en, zh, ru is required; ValueError with a one-line reason otherwise
    (callers wrap it in their own error with the file)."""
    lang = classify(tag)
    if lang == TRADITIONAL:
        raise ValueError(f"{what} '{tag}' is Chinese in Traditional script; statementkit's zh is Simplified "
                         "Chinese (zh, zh-CN, zh-Hans, zh-SG), so Traditional text is never taken as zh")
    if lang is None:
        raise ValueError(f"{what} '{tag}' is not one of en, zh, ru (BCP 47 tags such as en-US, zh-CN, ru-RU)")
    return lang
