"""A parallel reference corpus generated from the clause library, with its known alignment.

Each generated statement draws clauses from the library with slot values from the registry (random but
reproducible from ``seed``), renders them in en, zh and ru, and then disturbs the versions the way real
archives differ: two paragraphs merged in one language, a paragraph split in another, a sentence dropped in
one, two paragraphs swapped in one, and a numbering style per language (``1.``, ``(1)``, ``一、``,
``（一）``, ``1)``, none).  Every sentence carries the id of the clause sentence it renders, so the
true sentence pairs of every language pair are known (:attr:`GeneratedStatement.truth`).

Sentence ids are ``<clause>:<n>``.  Where a clause has the same number of sentences in two languages its
sentences pair one to one; otherwise the clause's sentences form one many-to-many pair.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from statementkit.errors import StatementkitError
from statementkit.model.library import Library, SlotType
from statementkit.model.registry import Registry
from statementkit.model.statement import Clause, Closing, Meeting, OrderRule, PartyRef, Statement, Unit
from statementkit.services.assemble.render import Renderer
from statementkit.services.translate.segment import join_sentences, split_sentences

LANGS = ("en", "zh", "ru")
_SKIP_FAMILIES = {"title", "done-in", "signature"}
LABEL_STYLES = {"en": ("1.", "(1)", None), "zh": ("一、", "1.", "（一）"), "ru": ("1.", "1)", None)}
_ZH = "一二三四五六七八九十"

Pair = tuple[frozenset[str], frozenset[str]]


def label(style: str | None, n: int) -> str | None:
    """The typed label number ``n`` in ``style`` (None: unnumbered)."""
    if style is None:
        return None
    if "一" in style:
        zh = _ZH[n - 1] if n <= 10 else ("十" + _ZH[n - 11] if n < 20 else _ZH[n // 10 - 1] + "十"
                                         + (_ZH[n % 10 - 1] if n % 10 else ""))
        return style.replace("一", zh)
    return style.replace("1", str(n))


@dataclass
class Paragraph:
    text: str
    sentence_ids: list[str]
    label: str | None = None


@dataclass
class GeneratedStatement:
    """One statement in three languages, with the truth: per language pair, the sentence-id pairs."""

    name: str
    versions: dict[str, list[Paragraph]]
    truth: dict[tuple[str, str], set[Pair]] = field(default_factory=dict)
    edits: list[str] = field(default_factory=list)  # what was disturbed, for reports
    dropped: set[tuple[str, str]] = field(default_factory=set)  # (language, sentence id) dropped

    def text(self, lang: str) -> str:
        """The version as a text file: one paragraph a line, typed labels before the text."""
        return "".join(f"{p.label + ' ' if p.label else ''}{p.text}\n" for p in self.versions[lang])

    def sentence_ids(self, lang: str) -> list[str]:
        return [s for p in self.versions[lang] for s in p.sentence_ids]


def _slot_value(typ: SlotType, rnd: random.Random, registry: Registry) -> Any:
    def pick(table: Any) -> str:
        return str(rnd.choice(sorted(table)))
    if typ is SlotType.INT:
        return rnd.randint(2, 12)
    if typ is SlotType.YEAR:
        return rnd.randint(2001, 2030)
    if typ is SlotType.DATE:
        return dt.date(rnd.randint(2015, 2030), rnd.randint(1, 12), rnd.randint(1, 28))
    if typ is SlotType.MONTH:
        return f"{rnd.randint(2015, 2030)}-{rnd.randint(1, 12):02d}"
    kinds = {SlotType.CITY: registry.cities, SlotType.COUNTRY: registry.countries, SlotType.OFFICE: registry.offices,
             SlotType.ORGANISATION: registry.organisations, SlotType.TERM: registry.terms}
    if typ in kinds:
        return pick(kinds[typ])
    if typ is SlotType.COUNTRIES:
        return rnd.sample(sorted(registry.countries), 2)
    if typ is SlotType.ORGANISATIONS:
        return rnd.sample(sorted(registry.organisations), 2)
    raise ValueError(typ)  # TEXT slots: templates with them are not drawn


def _statement(rnd: random.Random, registry: Registry, library: Library, n_clauses: int) -> Statement:
    offices = [o for o in sorted(registry.offices) if registry.offices[o].head]
    parties = tuple(PartyRef(o) for o in rnd.sample(offices, min(len(offices), rnd.randint(2, 6))))
    host_city = next(c for c in sorted(registry.cities)
                     if registry.cities[c].country == registry.offices[parties[0].office].country) \
        if any(registry.cities[c].country == registry.offices[parties[0].office].country for c in registry.cities) \
        else sorted(registry.cities)[0]
    meeting = Meeting(mechanism=rnd.choice(sorted(registry.mechanisms)), ordinal=rnd.randint(1, 9),
                      dates=(dt.date(rnd.randint(2015, 2030), rnd.randint(1, 12), rnd.randint(1, 28)),),
                      venue=host_city)
    candidates = [t for t in sorted(library.templates) if library.templates[t].family not in _SKIP_FAMILIES
                  and SlotType.TEXT not in library.templates[t].slots.values()]
    # each template once (a statement does not repeat a paragraph), as many as there are; some draws fail
    # to render (see _render)
    chosen = rnd.sample(candidates, len(candidates))
    clauses = []
    for k, tid in enumerate(chosen):
        tpl = library.templates[tid]
        slots = {name: _slot_value(typ, rnd, registry) for name, typ in tpl.slots.items()}
        clauses.append(Clause(id=f"c{k:03d}", template=tid, slots=MappingProxyType(slots)))
    return Statement(title=None, meeting=meeting, languages=LANGS, source_language="en", parties=parties,
                     order=OrderRule.AS_LISTED, clauses=tuple(clauses), closing=Closing())


_ENVS: dict[int, dict[str, Any]] = {}  # compiled templates per (registry, library), shared by the statements


def _render(st: Statement, registry: Registry, library: Library, n: int) -> dict[str, list[Paragraph]]:
    r = Renderer(st, registry, library, _envs=_ENVS.setdefault(id(library) ^ id(registry), {}))
    out: dict[str, list[Paragraph]] = {lg: [] for lg in LANGS}
    for clause in st.clauses:
        if len(out["en"]) == n:
            break
        try:
            texts = {lg: r.generated_text(Unit(clause.id, clause), lg) or "" for lg in LANGS}
        except StatementkitError:
            continue  # a slot value the template cannot take (e.g. a host party it needs): draw another time
        if any(texts["en"] == p.text for p in out["en"]):
            continue
        for lg, text in texts.items():
            sents = split_sentences(text, lg)
            out[lg].append(Paragraph(join_sentences(sents, lg), [f"{clause.id}:{i}" for i in range(len(sents))]))
    return out


def _truth(versions: dict[str, list[Paragraph]], counts: dict[str, dict[str, int]],
           dropped: set[tuple[str, str]]) -> dict[tuple[str, str], set[Pair]]:
    truth: dict[tuple[str, str], set[Pair]] = {}
    clauses = list(counts["en"])
    for la, lb in (("en", "zh"), ("en", "ru"), ("zh", "ru")):
        pairs: set[Pair] = set()
        for c in clauses:
            na, nb = counts[la][c], counts[lb][c]
            if na == nb:
                for i in range(na):
                    sid = f"{c}:{i}"
                    if (la, sid) not in dropped and (lb, sid) not in dropped:
                        pairs.add((frozenset({sid}), frozenset({sid})))
            elif na and nb:
                pairs.add((frozenset(f"{c}:{i}" for i in range(na)), frozenset(f"{c}:{i}" for i in range(nb))))
        truth[(la, lb)] = pairs
    return truth


def generate_statement(k: int, registry: Registry, library: Library, *, seed: int = 1,
                       paragraphs: int = 30) -> GeneratedStatement:
    """Statement number ``k`` of the corpus drawn with ``seed`` (the same arguments give the same texts)."""
    rnd = random.Random(seed * 1_000_003 + k)
    st = _statement(rnd, registry, library, paragraphs)
    versions = _render(st, registry, library, paragraphs)
    counts = {lg: {p.sentence_ids[0].split(":")[0]: len(p.sentence_ids) for p in versions[lg] if p.sentence_ids}
              for lg in LANGS}
    edits: list[str] = []
    dropped: set[tuple[str, str]] = set()
    langs = list(LANGS)
    rnd.shuffle(langs)
    n = len(versions["en"])
    if n >= 8:
        # a sentence dropped in one language (a clause with as many sentences in all three, at least two)
        lg = langs[0]
        q = n // 4  # each disturbance in its own quarter of the statement, so that they do not overlap
        ok = [i for i in range(0, q) if len({len(versions[x][i].sentence_ids) for x in LANGS}) == 1
              and len(versions[lg][i].sentence_ids) >= 2]
        if ok:
            p = versions[lg][rnd.choice(ok)]
            sents = split_sentences(p.text, lg)
            d = rnd.randrange(len(sents))
            dropped.add((lg, p.sentence_ids[d]))
            p.text = join_sentences(sents[:d] + sents[d + 1:], lg)
            p.sentence_ids = p.sentence_ids[:d] + p.sentence_ids[d + 1:]
            edits.append(f"{lg}: sentence {d + 1} of a paragraph dropped")
        # a paragraph split in two in another language
        lg = langs[1]
        ok = [i for i, p in enumerate(versions[lg]) if q <= i < 2 * q and len(p.sentence_ids) >= 2]
        if ok:
            i = rnd.choice(ok)
            p = versions[lg][i]
            sents = split_sentences(p.text, lg)
            cut = rnd.randrange(1, len(sents))
            versions[lg][i:i + 1] = [Paragraph(join_sentences(sents[:cut], lg), p.sentence_ids[:cut]),
                                     Paragraph(join_sentences(sents[cut:], lg), p.sentence_ids[cut:])]
            edits.append(f"{lg}: paragraph {i + 1} split")
        # two paragraphs merged in a third
        lg = langs[2]
        sep = "" if lg == "zh" else " "
        vs = versions[lg]
        ok = [i for i in range(2 * q, 3 * q)  # merged text still cuts where the two sentences met
              if len(split_sentences(vs[i].text + sep + vs[i + 1].text, lg)) == len(vs[i].sentence_ids)
              + len(vs[i + 1].sentence_ids)]
        if ok:
            i = rnd.choice(ok)
            a, b = vs[i], vs[i + 1]
            vs[i:i + 2] = [Paragraph(a.text + sep + b.text, a.sentence_ids + b.sentence_ids)]
            edits.append(f"{lg}: paragraphs {i + 1} and {i + 2} merged")
        # two paragraphs swapped in one language
        lg = rnd.choice(LANGS)
        if 3 * q + 1 < len(versions[lg]) - 4:
            i = rnd.randrange(3 * q + 1, len(versions[lg]) - 4)
            j = i + rnd.randint(2, 3)
            versions[lg][i], versions[lg][j] = versions[lg][j], versions[lg][i]
            edits.append(f"{lg}: paragraphs {i + 1} and {j + 1} swapped")
    for lg in LANGS:  # typed numbering, renumbered after the edits
        style = rnd.choice(LABEL_STYLES[lg])
        for num, p in enumerate(versions[lg], 1):
            p.label = label(style, num)
    return GeneratedStatement(f"statement-{k:04d}", versions, _truth(versions, counts, dropped), edits, dropped)


def clause_texts(gs: GeneratedStatement) -> list[tuple[str, dict[str, str]]]:
    """The statement's clauses with their text per language, reassembled from the sentences whatever the
    disturbances did to paragraphs (split, merged, swapped); a clause missing a sentence in some language
    (the dropped one) is left out, so every text returned is a complete, correct rendering.  Clause order is
    the English version's."""
    sents: dict[str, dict[str, list[tuple[int, str]]]] = {lg: {} for lg in LANGS}
    for lg in LANGS:
        for p in gs.versions[lg]:
            for sid, text in zip(p.sentence_ids, split_sentences(p.text, lg), strict=True):
                clause, _, k = sid.partition(":")
                sents[lg].setdefault(clause, []).append((int(k), text))
    out = []
    for clause in dict.fromkeys(s.partition(":")[0] for s in gs.sentence_ids("en")):
        parts = {lg: sorted(sents[lg].get(clause, [])) for lg in LANGS}
        if any(not ps or [k for k, _ in ps] != list(range(len(ps))) for ps in parts.values()):
            continue
        if any(sid.partition(":")[0] == clause for _lg, sid in gs.dropped):
            continue
        out.append((clause, {lg: join_sentences([t for _, t in ps], lg) for lg, ps in parts.items()}))
    return out


def generate_corpus(n: int, registry: Registry, library: Library, *, seed: int = 1,
                    paragraphs: int = 30) -> Iterator[GeneratedStatement]:
    for k in range(n):
        yield generate_statement(k, registry, library, seed=seed, paragraphs=paragraphs)


def write_corpus(statements: Iterator[GeneratedStatement], folder: Path) -> int:
    """Write the archive layout ``align`` reads: ``<folder>/<statement>/<statement>.<lang>.txt`` (one
    paragraph a line), and the known alignment ``<statement>.truth.tsv`` (language pair, sentence ids of
    each side, comma-separated).  Returns the number of statements."""
    n = 0
    for gs in statements:
        d = folder / gs.name
        d.mkdir(parents=True, exist_ok=True)
        for lg in LANGS:
            (d / f"{gs.name}.{lg}.txt").write_text(gs.text(lg), encoding="utf-8")
        rows = ["\t".join((f"{la}-{lb}", ",".join(sorted(a)), ",".join(sorted(b))))
                for (la, lb), pairs in gs.truth.items() for a, b in sorted(pairs, key=lambda p: sorted(p[0]))]
        (d / f"{gs.name}.truth.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        n += 1
    return n


@dataclass
class Score:
    """Sentence-pair counts for one language pair: pairs found, pairs true, pairs both."""

    found: int = 0
    true: int = 0
    correct: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.true if self.true else 1.0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.true += other.true
        self.correct += other.correct


def score_alignment(gs: GeneratedStatement, doc: Any, min_confidence: float = 0.0) -> dict[tuple[str, str], Score]:
    """Compare a :class:`statementkit.services.align.DocumentAlignment` of ``gs`` with its truth.

    A found pair counts as correct when its sentence ids on both sides equal a true pair's exactly, or its
    texts do (two clauses of a statement can share a sentence word for word: either pairing is right)."""
    ids: dict[str, list[str]] = {}
    for lg in LANGS:
        got = [s.text for s in doc.sentences[lg]]
        if len(got) != len(gs.sentence_ids(lg)):
            raise ValueError(f"{gs.name} ({lg}): {len(got)} sentences segmented, {len(gs.sentence_ids(lg))} generated")
        ids[lg] = gs.sentence_ids(lg)
    text = {lg: dict(zip(ids[lg], (s.text for s in doc.sentences[lg]), strict=True)) for lg in LANGS}
    out = {}
    def texts(la: str, lb: str, pair: Pair) -> tuple[str, str]:
        return (" ".join(text[la][i] for i in sorted(pair[0])), " ".join(text[lb][j] for j in sorted(pair[1])))

    for (la, lb), truth in gs.truth.items():
        true_texts = {texts(la, lb, t) for t in truth}
        found = {(frozenset(ids[la][i] for i in p.a), frozenset(ids[lb][j] for j in p.b))
                 for p in doc.pairs.get((la, lb), []) if p.confidence >= min_confidence}
        correct = sum(1 for f in found if f in truth or texts(la, lb, f) in true_texts)
        out[(la, lb)] = Score(len(found), len(truth), min(correct, len(truth)))
    return out
