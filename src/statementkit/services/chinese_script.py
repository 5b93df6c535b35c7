"""Simplified and Traditional Chinese: the one place both translate's output checks and QA ask OpenCC.

Our zh is Simplified (the PRC's official script, GB/T 2312 / 通用规范汉字表). A character counts as Traditional
when OpenCC's phrase-aware Traditional-to-Simplified conversion (``t2s``) changes it, so names such as 乾隆 and
characters shared by both scripts are never flagged.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import regex

_HAN = regex.compile(r"\p{Han}")


@cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str) -> str:
    """``text`` in Traditional characters (OpenCC ``s2t``)."""
    return str(_opencc("s2t").convert(text))


def to_simplified(text: str) -> str:
    """``text`` in Simplified characters (OpenCC ``t2s``)."""
    return str(_opencc("t2s").convert(text))


def traditional_spans(text: str) -> list[tuple[int, int, str]]:
    """Runs of Traditional characters in a Simplified text, as ``(start, end, text)`` character offsets into
    ``text``, one per run of consecutive changed characters; ``[]`` when there are none."""
    if not _HAN.search(text):
        return []
    simple = to_simplified(text)
    if simple == text:
        return []
    if len(simple) != len(text):  # a phrase mapped to another length: compare character by character
        simple = "".join(to_simplified(c) for c in text)
    out: list[tuple[int, int, str]] = []
    for i, (a, b) in enumerate(zip(text, simple, strict=True)):
        if a == b:
            continue
        if out and out[-1][1] == i:
            start, _, run = out[-1]
            out[-1] = (start, i + 1, run + a)
        else:
            out.append((i, i + 1, a))
    return out


def traditional_chars(text: str) -> str:
    """The Traditional characters of ``text``, in order, each once (``""`` when there are none)."""
    return "".join(dict.fromkeys(c for _, _, run in traditional_spans(text) for c in run))
