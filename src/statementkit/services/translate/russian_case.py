"""The grammatical case a locked Russian registry term needs where a placeholder stands in a translated
sentence, decided from the word that governs it, and the term in that case.

Rules (Russian grammar, as in the Академическая грамматика 1980 §§ 1660-1700 on prepositional and nominal
government), applied to the word just before the placeholder (pymorphy3 with its Russian dictionary tells
the part of speech):

* a preposition governs its case: ``для, от, из, у, до, без, после, кроме, среди …`` the genitive;
  ``к, по, благодаря, согласно`` the dative; ``с, между, над, под, перед, за`` the instrumental;
  ``о, при, в, на`` the prepositional — except ``в``/``на`` after a word of entry or direction
  (``вступление в``, ``присоединиться к``…) which take the accusative;
* a noun governs the genitive ("в рамках ВОИС", "деятельность Всемирной организации");
* a transitive verb (pymorphy3's ``tran``) governs the accusative;
* ``и``, ``или``, a comma or an opening parenthesis after another locked term: the same case as that term;
* nothing before it (start of the sentence) or an intransitive verb: the nominative for the former, and for
  the latter no decision (the term stays nominative and the sentence is flagged ``case-undecided``).

The form itself is the registry's curated form for that case (``gen``, ``dat``, ``acc``, ``ins``, ``prep``);
a term without one is inflected by pymorphy3 (the words up to its head noun agree, the rest stays) and
noted.  Abbreviations written in capitals are indeclinable.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

import regex

CASES = ("nom", "gen", "dat", "acc", "ins", "prep")
_PYMORPHY = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "prep": "loct"}

_PREPOSITIONS = {
    **dict.fromkeys(("без", "безо", "для", "до", "из", "изо", "от", "ото", "у", "около", "после", "кроме",
                     "среди", "вокруг", "против", "вне", "внутри", "вместо", "ради", "из-за", "из-под",
                     "относительно", "посредством", "путём", "путем", "возле", "мимо", "накануне"), "gen"),
    **dict.fromkeys(("к", "ко", "по", "благодаря", "согласно", "вопреки", "навстречу", "подобно"), "dat"),
    **dict.fromkeys(("с", "со", "между", "над", "надо", "под", "подо", "перед", "передо", "за"), "ins"),
    **dict.fromkeys(("о", "об", "обо", "при", "в", "во", "на"), "prep"),
}
# lemmas after which в/на mean "into/onto" (accusative)
_DIRECTION = frozenset(("вступление", "вступить", "вступать", "присоединение", "направить", "направлять",
                        "прибыть", "прибывать", "поездка", "визит", "переход", "перейти", "превратиться",
                        "превращение", "трансформация", "внести", "вносить", "вклад", "включить", "включение",
                        "приглашение", "пригласить"))
# words whose government is not the default of their part of speech (a noun: genitive; a transitive verb:
# accusative), from the vocabulary of joint statements
_GOVERNS = {
    **dict.fromkeys(("содействие", "содействовать", "способствовать", "помощь", "помогать", "благодарность",
                     "благодарный", "признательность", "признательный", "служить",
                     "соответствовать", "соответствие", "доверие", "доверять", "уделять", "предоставить",
                     "предоставлять", "оказывать", "оказать", "открытый", "угрожать"), "dat"),
    **dict.fromkeys(("руководить", "руководство", "управлять", "обладать", "пользоваться", "обмениваться",
                     "являться", "стать", "становиться", "заниматься", "располагать", "гордиться",
                     "интересоваться", "делиться"), "ins"),
}
_CONJUNCTIONS = frozenset(("и", "или", "а", "также", ",", "(", "«"))
_WORD = regex.compile(r"[\p{L}\p{N}-]+|[^\s\p{L}\p{N}]")


@functools.lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@functools.lru_cache(maxsize=8192)
def _tags(word: str) -> tuple[tuple[str, str], ...]:
    """(tag, lemma) of each parse of ``word``, most likely first."""
    return tuple((str(p.tag), p.normal_form) for p in _morph().parse(word)[:4])


@functools.lru_cache(maxsize=8192)
def _known(word: str) -> bool:
    """In pymorphy3's dictionary (its guesses for unknown words are not trusted)."""
    return bool(_morph().word_is_known(word))


@dataclass(frozen=True)
class Decision:
    case: str | None  # one of CASES, or None when it cannot be decided
    why: str


def governing_case(before: str, earlier: dict[int, str] | None = None,
                   placeholder: regex.Pattern[str] | None = None, after: str = "") -> Decision:
    """The case a noun phrase needs right after ``before`` (the sentence up to it; ``after`` is the rest).
    ``earlier`` maps the end offsets in ``before`` of earlier placeholders to their cases (coordination),
    ``placeholder`` finds them."""
    tokens = [(m.group(0), m.end()) for m in _WORD.finditer(before)]
    if not tokens or tokens[-1][0] in (".", "!", "?", ":", ";", "—", "–"):
        return Decision("nom", "start of a sentence or clause")
    i = len(tokens) - 1
    while i >= 0 and tokens[i][0].casefold() in _CONJUNCTIONS:
        i -= 1
    if i < len(tokens) - 1 and i >= 0 and earlier and placeholder is not None and \
            placeholder.fullmatch(tokens[i][0]) and tokens[i][1] in earlier:
        return Decision(earlier[tokens[i][1]], f"coordinated with the term before ('{tokens[i + 1][0]}')")
    word = tokens[-1][0]
    low = word.casefold()
    if placeholder is not None and placeholder.fullmatch(word):
        return Decision("gen", "right after another term (a genitive chain)")
    if low in _PREPOSITIONS:
        case = _PREPOSITIONS[low]
        if low in ("в", "во", "на") and len(tokens) > 1:
            lemmas = {lemma for _, lemma in _tags(tokens[-2][0].casefold())}
            if lemmas & _DIRECTION:
                return Decision("acc", f"'{tokens[-2][0]} {word}' (direction)")
        return Decision(case, f"preposition '{word}'")
    if not regex.search(r"\p{Cyrillic}", word):
        return Decision(None, f"no Russian word before it ('{word}')")
    if not _known(low):
        return Decision(None, f"'{word}' is not in the dictionary")
    tags = _tags(low)
    first = tags[0][0]
    governed = next((_GOVERNS[lemma] for _, lemma in tags[:1] if lemma in _GOVERNS), None)
    if governed is not None:
        return Decision(governed, f"'{word}' governs the {governed}")
    if first.startswith(("ADJF", "PRTF")):
        agreed = next((c for c, g in _PYMORPHY.items() if g in first), None)
        if agreed is not None:
            return Decision(agreed, f"agrees with '{word}'")
    if first.startswith("NOUN") and regex.search(r"(?:ни|ти|ци)[яиюей]$", low) and _genitive_follows(after):
        return Decision("ins", f"agent of the action noun '{word}' (its object follows in the genitive)")
    if first.startswith("NOUN") or first.startswith("NPRO"):
        return Decision("gen", f"noun '{word}'")
    if first.startswith(("VERB", "INFN", "GRND", "PRTF", "PRTS")):
        if "tran" in first:
            return Decision("acc", f"transitive verb '{word}'")
        return Decision(None, f"verb '{word}' (its government is not in the dictionary)")
    return Decision(None, f"'{word}'")


def _genitive_follows(after: str) -> bool:
    """The first word after the phrase (past a parenthesis) is a noun in the genitive only."""
    text = regex.sub(r"^\s*\([^()]*\)", "", after)
    m = regex.match(r"\s*(\p{Cyrillic}+)", text)
    if m is None:
        return False
    tags = _tags(m.group(1).casefold())
    return bool(tags) and all(t.startswith("NOUN") and "gent" in t for t, _ in tags)


def inflect(phrase: str, case: str) -> str | None:
    """``phrase`` (a nominative noun phrase) in ``case``: words up to and including the first noun are
    inflected (adjectives agree with it), the rest (a genitive tail, quotes) stays.  None when pymorphy3
    cannot do it."""
    if case == "nom":
        return phrase
    grammeme = _PYMORPHY[case]
    out: list[str] = []
    done = False
    for piece in regex.split(r"(\s+)", phrase):
        if done or not regex.fullmatch(r"\p{Cyrillic}+(?:-\p{Cyrillic}+)?", piece):
            out.append(piece)
            continue
        parses = [p for p in _morph().parse(piece.casefold()) if "nomn" in p.tag]
        if not parses:
            return None
        got = parses[0].inflect({grammeme})
        if got is None:
            return None
        word = got.word
        out.append(word[:1].upper() + word[1:] if piece[:1].isupper() else word)
        done = str(parses[0].tag).startswith("NOUN")
    return "".join(out) if done else None


def is_indeclinable(text: str) -> bool:
    """An abbreviation in capitals (ВОИС, ЦПТИ, BRIPC) or a phrase with no Russian letters."""
    letters = regex.findall(r"\p{L}", text)
    return not regex.search(r"\p{Cyrillic}", text) or all(ch.isupper() for ch in letters)


_FROM_PYMORPHY = {"nomn": "nom", "gent": "gen", "gen2": "gen", "datv": "dat", "accs": "acc", "ablt": "ins",
                  "loct": "prep", "loc2": "prep"}


@dataclass(frozen=True)
class Reading:
    """The cases a name can be in as the model rendered it (``cases``, empty: not found), and the ``text``
    found in the model's output."""

    cases: frozenset[str]
    text: str = ""


def reading_in_rendering(name: str, forms: dict[str, str], rendering: str, nth: int = 0,
                         count: int = 1) -> Reading:
    """The case of the registry name ``name`` (nominative; ``forms``: its curated forms by case) where a
    model's translation of the sentence with the name *unlocked* (``rendering``) puts it.

    First the curated forms (and the nominative) are looked for in ``rendering``; a form shared by several
    cases (an inanimate accusative is the nominative) gives all of them.  Without a curated form there, the
    name's head noun is looked for by its lemma (pymorphy3) and the cases its parses allow are taken.  When
    the sentence holds the same name ``count`` times and the rendering shows it as often, the ``nth`` (0-based)
    occurrence is read; otherwise every occurrence found counts (their cases together)."""
    by_form: dict[str, set[str]] = {}
    for case in CASES:
        form = forms.get(case) or (name if case == "nom" else None)
        if form:
            by_form.setdefault(form.casefold(), set()).add(case)
    folded = rendering.casefold()
    hits: list[tuple[int, int, frozenset[str]]] = []
    for form in sorted(by_form, key=len, reverse=True):  # longest first: a form inside a longer one is not it
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}]){regex.escape(form)}(?![\p{{L}}\p{{N}}])", folded):
            if not any(a < m.end() and m.start() < b for a, b, _ in hits):
                hits.append((m.start(), m.end(), frozenset(by_form[form])))
    if not hits:
        hits = _lemma_hits(name, rendering)
    if not hits:
        return Reading(frozenset())
    hits.sort()
    chosen = [hits[nth]] if len(hits) == count and nth < count else hits
    return Reading(frozenset().union(*(c for _, _, c in chosen)),
                   " / ".join(rendering[a:b] for a, b, _ in chosen))


def _lemma_hits(name: str, rendering: str) -> list[tuple[int, int, frozenset[str]]]:
    """Words of ``rendering`` that are forms of the name's head noun (its first noun), with their cases."""
    head = next((w for w in regex.findall(r"\p{Cyrillic}+", name)
                 if any(t.startswith("NOUN") and "nomn" in t for t, _ in _tags(w.casefold()))), None)
    if head is None:
        return []
    lemma = next(lm for t, lm in _tags(head.casefold()) if t.startswith("NOUN"))
    out = []
    for m in regex.finditer(r"\p{Cyrillic}+", rendering):
        cases = {_FROM_PYMORPHY[g] for t, lm in _tags(m.group(0).casefold()) if lm == lemma and t.startswith("NOUN")
                 for g in _FROM_PYMORPHY if g in t}
        if cases:
            out.append((m.start(), m.end(), frozenset(cases)))
    return out
