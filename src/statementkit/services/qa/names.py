"""Registry entities recognised in every language, in any of their forms.

:class:`EntityIndex` compiles, per language, one pattern of every name the registry holds for every entity
of every kind (countries, cities, officials, offices, organisations, mechanisms, terms): the main name, every
variant (``full``, ``short``, ``abbr``, ``side``, ``label`` …) and, in Russian, every case.  Russian words are
matched by stem (a registry that lists only the cases templates need still finds the others: «Китаем»,
«интеллектуальную собственность»); English words by singular or plural.  Where names overlap the longest wins
("China-Central Asia Summit" is not also "China"); entities that share a name at one place form one
:class:`Mention` whose ids are alternatives.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex

from statementkit.model.registry import HONORIFICS, Entry, Official, Registry

_RU_ENDING = regex.compile(
    r"(?:иями|ями|ами|ого|его|ому|ему|ыми|ими|ой|ей|ий|ый|ая|яя|ое|ее|ую|юю|ом|ем|ам|ям|ах|ях|ов|ев|ью|ы|и|а|я|о|е|у|ю|ь|й)$")
_WORDS = regex.compile(r"[\p{L}\p{N}]+|[^\p{L}\p{N}\s]")
_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_CYRILLIC = regex.compile(r"\p{Cyrillic}")
_EN_PLURAL = regex.compile(r"(?:e?s)$")
# A country's adjective in a list of languages names a language, not the country: "in the Chinese, Russian and
# English languages", «на китайском, русском и английском языках» (the testimonium of every statement; the
# Chinese version says 中文, which names no country).
_LANGUAGE_LIST = {
    "en": regex.compile(r"(?:\s*,\s*\p{L}+|\s+and\s+\p{L}+|\s*,\s*and\s+\p{L}+)*\s+languages?\b", regex.I),
    "ru": regex.compile(r"(?:\s*,\s*\p{L}+|\s+и\s+\p{L}+)*\s+язык\w*", regex.I),
}
_THE = regex.compile(r"^the\s+", flags=regex.IGNORECASE)


def _dispatch_key(word: str, lang: str) -> str:
    """What a form's first word and a text's word share when the form may start there: the first three
    letters, case-folded (a Russian stem keeps at least three)."""
    return word.casefold().replace("ё", "е")[:3]


def ru_stem(word: str) -> str:
    """A Russian word without its inflectional ending (at least three letters kept)."""
    w = word.casefold().replace("ё", "е")
    if len(w) <= 3 or not _CYRILLIC.match(w):
        return w
    m = _RU_ENDING.search(w)
    if m and len(w) - len(m.group()) >= 3:
        return w[: m.start()]
    return w


def _key(text: str, lang: str) -> tuple[str, ...]:
    toks = [t for t in _WORDS.findall(text) if t not in "«»“”\"'’"]
    if lang == "ru":
        return tuple(ru_stem(t) for t in toks)
    if lang == "en":
        return tuple(_EN_PLURAL.sub("", t.casefold()) if len(t) > 3 else t.casefold() for t in toks
                     if t.casefold() != "the")
    return tuple(toks)


def _word_pattern(word: str, lang: str) -> str:
    if lang == "ru" and regex.match(r"\p{Cyrillic}", word) and len(word) > 3:
        return regex.escape(ru_stem(word)) + r"\p{L}{0,3}"
    if lang == "en" and regex.match(r"\p{Latin}", word) and len(word) > 3 and word[-1].islower():
        base = regex.sub(r"(?:e?s)$", "", word)
        return regex.escape(base) + r"(?:e?s)?"
    return regex.escape(word)


def _form_pattern(form: str, lang: str) -> str:
    if lang == "zh":
        return regex.escape(form)
    toks = [t for t in _WORDS.findall(form) if t not in "«»“”\"'’"]
    sep = r"[\s«»“”\"'’]*" if lang == "ru" else r"[\s“”\"'’]*(?:the\s+)?"
    body = sep.join(_word_pattern(t, lang) for t in toks)
    return rf"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])"


@dataclass(frozen=True)
class Mention:
    """Where an entity is named: ``ids`` are (kind, id) alternatives sharing the name at that place."""

    ids: frozenset[tuple[str, str]]
    start: int
    end: int
    text: str

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(k for k, _ in self.ids)


# Registry variants that are not names of the entity on their own: a series' head noun ("the meeting", 会议)
# and a country's one-character attributive form (中 of 中乌友好合作关系, read only in pairs: see EntityIndex).
NOT_NAMES = frozenset({"noun", "char"})


def entity_forms(entry: Entry, lang: str) -> list[str]:
    """Every name of ``entry`` in ``lang``: main name and variants, all cases; English "the" dropped; for a
    country, the adjective of its ``side`` variant too ("Chinese" of "the Chinese side", «китайская»); for an
    official, the honorific with each part of the name ("Dr. Shen", «г-н Канязов»)."""
    out = list(entry.names[lang].all_texts()) if lang in entry.names else []
    for key, variants in entry.extra.items():
        if lang in variants and key not in NOT_NAMES:
            out.extend(variants[lang].all_texts())
    if lang == "en":
        out = [_THE.sub("", f) for f in out]
    if isinstance(entry, Official) and lang in ("en", "ru") and lang in entry.names:  # "Dr. Shen", «г-н Канязова»
        hon = entry.honorific.get(lang) or HONORIFICS[lang].get(entry.gender, "")
        if hon:
            for text in entry.names[lang].all_texts():
                out.extend(f"{hon} {part}" for part in text.split() if len(part) > 2)
    side = entry.extra.get("side", {}).get(lang)
    if side is not None and lang in ("en", "ru"):  # the country's adjective: "Chinese", «китайских»
        for f in side.all_texts():
            words = _THE.sub("", f).split()
            if len(words) == 2:
                out.append(words[0])
    return [f for f in dict.fromkeys(out) if f.strip()]


class EntityIndex:
    """Every registry name of every kind, compiled per language."""

    def __init__(self, registry: Registry, kinds: Iterable[str] = Registry.KINDS) -> None:
        self.kinds = tuple(kinds)
        self._by_key: dict[str, dict[tuple[str, ...], set[tuple[str, str]]]] = {}
        self._pattern: dict[str, regex.Pattern[str]] = {}
        self._dispatch: dict[str, dict[str, regex.Pattern[str]]] = {}
        self._chars: frozenset[str] = frozenset()
        self._forms: dict[tuple[str, str, str], list[str]] = {}
        for lang in ("en", "zh", "ru"):
            keys: dict[tuple[str, ...], set[tuple[str, str]]] = {}
            forms: list[str] = []
            for kind in self.kinds:
                for entry in registry.table(kind).values():
                    fs = entity_forms(entry, lang)
                    self._forms[(kind, entry.id, lang)] = fs
                    for f in fs:
                        keys.setdefault(_key(f, lang), set()).add((kind, entry.id))
                        forms.append(f)
            forms = sorted(set(forms), key=lambda f: (-len(f), f))
            self._by_key[lang] = keys
            if lang == "zh":
                # one-character country forms count only in a run of two or more (中乌, 中哈吉) before a noun
                chars = {str(v["zh"]): ("countries", e.id) for e in registry.table("countries").values()
                         if "zh" in (v := e.extra.get("char", {}))} if "countries" in self.kinds else {}
                for c, ident in chars.items():
                    keys.setdefault((c,), set()).add(ident)
                run = (rf"|(?:[{''.join(map(regex.escape, chars))}]{{2,}}(?=\p{{Han}}))" if chars else "")
                self._chars = frozenset(chars)
                self._pattern[lang] = regex.compile("|".join(_form_pattern(f, lang) for f in forms) + run)
                continue
            # English and Russian: forms grouped by the start of their first word, so that a text is
            # matched only at its words' starts, against the few forms that begin there
            groups: dict[str, list[str]] = {}
            for f in forms:
                first = _TOKEN.search(f)
                if first:
                    groups.setdefault(_dispatch_key(first.group(), lang), []).append(f)
            self._dispatch[lang] = {k: regex.compile("|".join(_form_pattern(f, lang) for f in fs),
                                                     flags=regex.IGNORECASE) for k, fs in groups.items()}

    def _matches(self, text: str, lang: str) -> Iterator[regex.Match[str]]:
        if lang == "zh":
            yield from self._pattern[lang].finditer(text)
            return
        dispatch = self._dispatch[lang]
        end = 0
        for tok in _TOKEN.finditer(text):
            if tok.start() < end:
                continue
            pat = dispatch.get(_dispatch_key(tok.group(), lang))
            if pat is None:
                continue
            m = pat.match(text, tok.start())
            if m:
                end = m.end()
                yield m

    def ids(self, kind: str) -> list[str]:
        """The ids of one kind."""
        return sorted({i for (k, i, _) in self._forms if k == kind})

    def forms(self, kind: str, ident: str, lang: str) -> list[str]:
        return self._forms.get((kind, ident, lang), [])

    def mentions(self, text: str, lang: str) -> list[Mention]:
        """Entities named in ``text``, left to right, the longest name winning where names overlap; a country's
        adjective in a list of languages ("the Chinese, Russian and English languages") is not a mention."""
        out: list[Mention] = []
        keys = self._by_key[lang]
        for m in self._matches(text, lang):
            listed = _LANGUAGE_LIST.get(lang)
            if listed is not None and " " not in m.group() and listed.match(text, m.end()):
                continue  # a language's name ("Chinese, Russian and English languages"), not the country
            if lang == "zh" and len(m.group()) > 1 and all(c in self._chars for c in m.group()):
                for j, c in enumerate(m.group()):  # a run of one-character forms: one mention each
                    out.append(Mention(frozenset(keys[(c,)]), m.start() + j, m.start() + j + 1, c))
                continue
            ids = keys.get(_key(m.group(), lang))
            if ids is None:  # a stem pattern matched a form whose key differs: find the nearest key
                k = _key(m.group(), lang)
                ids = next((v for kk, v in keys.items() if len(kk) == len(k)
                            and all(a.startswith(b) or b.startswith(a) for a, b in zip(kk, k, strict=True))), None)
            if ids:
                out.append(Mention(frozenset(ids), m.start(), m.end(), m.group()))
        return out
