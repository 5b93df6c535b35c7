"""Terms the clause library uses in the same clauses in every language: anchors that need no model.

A ministry's clause library is a small parallel corpus: each template says the same thing in en, zh and ru.
A word that occurs in the fixed wording (slots left out) of exactly the same few templates in every language
is, for the aligner, one term across the three languages: "trademarks", 商标 and «товарный знак» all occur in
the same two clauses, so they share the key ``lex:<those clause ids>``.  Only words found in at most
:data:`MAX_CLAUSES` templates count (frequent words such as "cooperation"/合作 tell paragraphs apart poorly), and
only keys found in all three languages of the library.

Words are English words of four letters or more (lower-cased, a plural ``-s`` dropped), Russian words reduced
to their dictionary form by pymorphy3 (so every case form of a term is one word), and Chinese character
bigrams (Chinese has no spaces; a two-character word is the commonest length).  Two paragraphs with the same
keys talk about the same things: :func:`statementkit.services.align.core.pair_paragraphs` weighs the share of
keys they have in common, which pairs paragraphs that have no name, number or date (e.g. two such paragraphs
swapped in one version).  The registry's names and locked terms are anchors of their own (:mod:`.anchors`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import regex

from statementkit.model.library import Library

MAX_CLAUSES = 3  # a word in more templates than this is too common to anchor a paragraph
LANGS = ("en", "zh", "ru")
_JINJA = regex.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", regex.S)
_WORD = regex.compile(r"\p{L}+")
_HAN_RUN = regex.compile(r"\p{Han}+")


@functools.lru_cache(maxsize=1)
def _morph() -> object:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=65536)
def _ru_lemma(word: str) -> str:
    return str(_morph().parse(word)[0].normal_form)  # type: ignore[attr-defined]


def words(text: str, lang: str) -> Iterator[str]:
    """The words of ``text`` as the lexicon keys them (see the module docstring)."""
    if lang == "zh":
        for run in _HAN_RUN.findall(text):
            for k in range(len(run) - 1):
                yield run[k:k + 2]
        return
    for w in _WORD.findall(text.casefold()):
        if len(w) < 4:
            continue
        if lang == "ru":
            yield _ru_lemma(w.replace("ё", "е"))
        elif lang == "en":
            yield w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w


@dataclass(frozen=True)
class Lexicon:
    """Per language, word → key (``lex:<template ids>``); :meth:`terms` gives a text's keys."""

    keys: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def terms(self, text: str, lang: str) -> frozenset[str]:
        table = self.keys.get(lang, {})
        return frozenset(table[w] for w in words(text, lang) if w in table)

    def __len__(self) -> int:
        return len(next(iter(self.keys.values()), {}))


def fixed_wording(source: str) -> str:
    """A template's text without its Jinja2 markup (slots, conditions, quoted alternatives)."""
    return _JINJA.sub(" ", source)


def library_lexicon(library: Library, max_clauses: int = MAX_CLAUSES) -> Lexicon:
    """The lexicon of ``library`` (see the module docstring); empty for a library without en, zh and ru."""
    where: dict[str, dict[str, set[str]]] = {lg: {} for lg in LANGS}
    for tpl in library.templates.values():
        if not all(lg in tpl.text for lg in LANGS):
            continue
        for lg in LANGS:
            for w in set(words(fixed_wording(tpl.text[lg]), lg)):
                where[lg].setdefault(w, set()).add(tpl.id)
    signatures = {lg: {w: "lex:" + "+".join(sorted(ids)) for w, ids in table.items() if len(ids) <= max_clauses}
                  for lg, table in where.items()}
    common = set.intersection(*(set(sig.values()) for sig in signatures.values()))
    return Lexicon({lg: {w: k for w, k in sig.items() if k in common} for lg, sig in signatures.items()})
