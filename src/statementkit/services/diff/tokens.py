"""Split clause text into the tokens the inline diff works on.

en and ru: words (letters, marks and digits, with inner apostrophes and hyphens), numbers with their
decimal or thousands separators, each punctuation mark on its own, and runs of white space.

zh: one token per Han character (and per CJK punctuation mark); Latin words and numbers inside Chinese
text stay whole.  Character level is chosen over word segmentation because no Chinese segmenter ships
with statementkit (jieba is not a dependency) and because segmenters disagree on treaty vocabulary;
the cleanup pass in :mod:`.inline` then folds short equal stretches between edits into the edit, so the
redline shows whole phrases replaced rather than single characters.
"""

from __future__ import annotations

import regex

_WORDS = regex.compile(
    r"""
    \p{N}+(?:[.,\u00a0\u202f]\p{N}+)*      # numbers: 2023, 1.5, 10,000
  | [\p{L}\p{M}\p{N}_]+(?:['’\-‐][\p{L}\p{M}\p{N}_]+)*   # words, incl. don't, Central-Asian
  | \s+                                  # white space, kept so the diff can be re-joined exactly
  | \X                                   # anything else (punctuation): one grapheme each
    """,
    regex.VERBOSE,
)

_ZH = regex.compile(
    r"""
    \p{Han}                               # one Han character
  | [A-Za-z\p{Latin}\p{Cyrillic}\p{M}]+(?:['’\-][A-Za-z\p{Latin}\p{Cyrillic}\p{M}]+)*
  | \p{N}+(?:[.,]\p{N}+)*
  | \s+
  | \X
    """,
    regex.VERBOSE,
)


def tokenize(text: str, lang: str) -> list[str]:
    """Tokens whose concatenation is exactly ``text``."""
    pattern = _ZH if lang.startswith("zh") else _WORDS
    return pattern.findall(text)


def is_word(token: str) -> bool:
    """True for a token that carries meaning (not white space or a lone punctuation mark)."""
    return bool(regex.search(r"[\p{L}\p{N}]", token))
