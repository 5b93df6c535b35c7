"""Checks on machine output for the known failure modes of small NMT models.  Each check is a small named
function returning a flag (or None); the docstring is its explanation.  A flag means "a reviewer must look",
never "rejected": the text is still used, marked as such.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from statementkit.services.chinese_script import traditional_chars

# Expected length of a translation relative to its source (characters), from parallel official texts:
# Chinese is about a third of English, Russian slightly longer.
_LENGTH_RATIO = {"en": 1.0, "ru": 1.15, "zh": 0.32}
_LENGTH_TOLERANCE = 3.0  # flag outside [expected / 3, expected * 3]
_MIN_LENGTH_CHECKED = 16

_LETTER = regex.compile(r"\p{L}")
# what is not a letter / not of the script: removed, the rest counted (no list of one-letter strings; a TMX
# import checks every text of a million units)
_NOT_LETTER = regex.compile(r"\P{L}+")
_NOT_SCRIPT = {lang: regex.compile(r"\P{" + name + "}+") for lang, name in
               (("zh", "Han"), ("ru", "Cyrillic"), ("en", "Latin"))}
_HAN = regex.compile(r"\p{Han}")
_SPACES = regex.compile(r"\s+")
_TOKENS = regex.compile(r"\w+|[^\w\s]")
_WORD = regex.compile(r"\w")


@dataclass(frozen=True)
class Output:
    """What a check sees: source and target of one segment, with the locked spans already taken out."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    truncated: bool = False


def repetition(o: Output) -> str | None:
    """The output repeats a word or phrase in a loop (the same 1-4 tokens four times in a row) where the
    source does not."""
    def looped(text: str, lang: str) -> bool:
        tokens = list(_SPACES.sub("", text)) if lang == "zh" else _TOKENS.findall(text)
        for n in range(1, 5):
            run = 1
            for i in range(n, len(tokens) - n + 1, n):
                if tokens[i:i + n] == tokens[i - n:i]:
                    run += 1
                    if run >= 4 and any(_WORD.match(t) for t in tokens[i:i + n]):
                        return True
                else:
                    run = 1
        return False

    if looped(o.target, o.tgt_lang) and not looped(o.source, o.src_lang):
        return "repetition"
    return None


def wrong_script(o: Output) -> str | None:
    """Most letters of the output are not in the target language's script: the model left the text in
    the source language (or produced another language)."""
    letters = len(_NOT_LETTER.sub("", o.target))
    if letters < 4:
        return None
    in_script = len(_NOT_SCRIPT[o.tgt_lang].sub("", o.target))
    if in_script / letters < 0.5:
        return "wrong-script"
    return None


def untranslated(o: Output) -> str | None:
    """The output is the source, unchanged."""
    if o.src_lang != o.tgt_lang and _LETTER.search(o.source) and \
            _SPACES.sub(" ", o.source).strip() == _SPACES.sub(" ", o.target).strip():
        return "untranslated"
    return None


def traditional_script(o: Output) -> str | None:
    """Chinese output in Traditional characters: our zh is Simplified, and a memory or a model may hand back
    Traditional text (a TMX unit mislabelled zh-CN, a model trained on mixed data).  A character counts when
    OpenCC's Traditional-to-Simplified conversion (phrase-aware, ``t2s``) changes it."""
    if o.tgt_lang != "zh" or not _HAN.search(o.target):
        return None
    return "traditional-script" if traditional_chars(o.target) else None


def length(o: Output) -> str | None:
    """The output is far longer or shorter than a translation of this source should be (a model that
    stops early or rambles)."""
    src = _SPACES.sub("", o.source)
    tgt = _SPACES.sub("", o.target)
    if len(src) < _MIN_LENGTH_CHECKED:
        return None
    expected = _LENGTH_RATIO[o.tgt_lang] / _LENGTH_RATIO[o.src_lang]
    ratio = len(tgt) / len(src)
    if not expected / _LENGTH_TOLERANCE <= ratio <= expected * _LENGTH_TOLERANCE:
        return "length"
    return None


def truncated(o: Output) -> str | None:
    """The model stopped at its length limit, not at the end of the sentence."""
    return "truncated" if o.truncated else None


CHECKS: Sequence[Callable[[Output], str | None]] = (repetition, untranslated, wrong_script, traditional_script,
                                                    length, truncated)


def check(o: Output) -> list[str]:
    """All flags for one segment, in a stable order."""
    return [f for f in (c(o) for c in CHECKS) if f]
