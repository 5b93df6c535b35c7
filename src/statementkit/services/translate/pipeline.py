"""Translate what is missing or stale in a statement: memory first, then the model, with locked terms,
repair and checks.  Works on the model only; the translator and the memory come in from outside.

Per (unit, language):

* a template unit whose template has that language is counted "from templates" and left alone;
* a free-text unit with a current entry (same source hash) is left alone, byte for byte;
* otherwise (missing or stale): an exact memory match is reused without the model (checked like machine
  output unless it is an approved human translation); else the unit's sentences go to the model, all
  units of a language pair in one batched call.  Fuzzy memory matches become notes, never text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import regex

from statementkit.errors import ModelError, UsageError, check_language
from statementkit.model.statement import Statement, Unit
from statementkit.model.translation import (
    MemoryPair,
    Origin,
    Status,
    TranslationEntry,
    Translations,
    source_hash,
)
from statementkit.services.assemble.render import Renderer
from statementkit.services.translate import checks
from statementkit.services.translate.alternatives import Alternative
from statementkit.services.translate.base import (
    Hypothesis,
    Memory,
    MemoryMatch,
    Scope,
    Translator,
    memory_add_many,
    memory_lookup,
)
from statementkit.services.translate.protect import Protected, Span, TermLock
from statementkit.services.translate.repair import repair
from statementkit.services.translate.segment import Segmented, rebuild, segment, sentence_pairs, tidy_zh

TranslatorFactory = Callable[[str, str], Translator]
Progress = Callable[[int, int], None]  # (segments done, segments in all)

_ZH_PUNCT = str.maketrans({",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"})


@dataclass
class Summary:
    """What one run did, per clause and language.  ``memory``, ``model`` and ``stale`` are disjoint: a stale
    clause re-translated (from the memory or by the model) counts once, as stale; ``flagged`` counts the
    free-text translations that carry flags after the run."""

    templates: int = 0
    memory: int = 0
    model: int = 0
    stale: int = 0
    flagged: int = 0
    segments: int = 0  # sentences (and repair chunks) sent to the model
    case_readings: int = 0  # Russian sentences also sent with their registry names unlocked, to read their case
    left: list[tuple[str, str, str]] = field(default_factory=list)  # (unit id, language, why) not translated
    sentences_kept: int = 0  # sentences of edited clauses kept from their approved/reviewed translation
    sentences_memory: int = 0  # sentences from the memory (exact or repaired) inside model-translated clauses

    def sentence_line(self) -> str:
        readings = f" (and {self.case_readings} with names unlocked, for their case)" if self.case_readings else ""
        return (f"sentences: {self.sentences_kept} kept, {self.sentences_memory} from memory, {self.segments} to the "
                f"model{readings}")

    def line(self) -> str:
        return (f"{self.templates} from templates, {self.memory} from memory, {self.model} by the model, "
                f"{self.stale} stale re-translated, {self.flagged} flagged"
                + (f", {len(self.left)} left" if self.left else ""))

    def left_lines(self) -> list[str]:
        """What is left untranslated: one line per language and reason, naming the clauses."""
        groups: dict[tuple[str, str], list[str]] = {}
        for uid, lang, why in self.left:
            groups.setdefault((lang, why), []).append(uid)
        return [f"{lang}: {len(ids)} clause(s) left untranslated ({', '.join(ids)}): {why}"
                for (lang, why), ids in groups.items()]


@dataclass
class Result:
    translations: Translations
    summary: Summary
    changed: bool


@dataclass
class _Job:
    unit: Unit
    lang: str
    source: str
    hash: str
    old: TranslationEntry | None
    scope: Scope | None = None
    segmented: Segmented | None = None  # the original source, cut into sentences before anything is locked
    origins: list[str] = field(default_factory=list)  # per sentence: SENTENCE_ORIGINS
    outputs: list[str] = field(default_factory=list)
    protected: list[Protected | None] = field(default_factory=list)  # per sentence sent to the model
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    truncated: list[bool] = field(default_factory=list)
    alternatives: list[tuple[tuple[str, float], ...]] = field(default_factory=list)


@dataclass(frozen=True)
class _Written:
    """A pair this run will store (a :class:`MemoryMatch` for look-ups before it is written)."""

    source: str
    target: str
    origin: Origin
    status: Status
    score: float = 100.0


class _Writes:
    """The machine drafts of one run, kept until the end and stored in one transaction
    (:func:`~statementkit.services.translate.base.memory_add_many`).  Exact look-ups during the run see them
    as if already stored: a pending pair answers when the memory has none, or when it is an approved human
    translation and the memory's best is not (the memory ranks approved human translations first).  The
    sentence pairs of an approved or reviewed clause being revised are stored at once (:meth:`store_now`, one
    transaction per clause), as before the run went on: later look-ups, fuzzy ones included, find them."""

    def __init__(self) -> None:
        self.items: list[tuple[MemoryPair, Scope | None]] = []
        self._index: dict[tuple[str, str, str], _Written] = {}
        self._fuzzy: dict[tuple[str, str, str, float], Sequence[MemoryMatch]] = {}

    def fuzzy(self, memory: Memory, src: str, lang: str, source: str, threshold: float) -> Sequence[MemoryMatch]:
        """The memory's fuzzy matches (best 3, as ``lookup_fuzzy``), looked up once per text in a run: the
        memory does not change until the run's writes are stored at its end, so a clause of one sentence (the
        sentence's repair look-up, then the clause's notes) and a sentence repeated across clauses ask once."""
        key = (src, lang, source, threshold)  # (forgotten by store_now when a new source may match it)
        if key not in self._fuzzy:
            self._fuzzy[key] = memory.lookup_fuzzy(src, lang, source, threshold=threshold)
        return self._fuzzy[key]

    def add(self, pair: MemoryPair, scope: Scope | None) -> None:
        self.items.append((pair, scope))
        key = (pair.src_lang, pair.tgt_lang, pair.source.strip())
        best = self._index.get(key)
        if best is None or (_approved(pair.origin, pair.status) and not _approved(best.origin, best.status)):
            self._index[key] = _Written(pair.source, pair.target, pair.origin, pair.status)

    def store_now(self, memory: Memory, pairs: Sequence[MemoryPair], scope: Scope | None) -> None:
        """Store ``pairs`` now, in one transaction; fuzzy results a new source could change are forgotten (those
        of texts within reach of it: rapidfuzz ratio at least the threshold, less one for rounding)."""
        if not pairs:
            return
        memory_add_many(memory, [(p, scope) for p in pairs])
        from rapidfuzz import fuzz

        for key in list(self._fuzzy):
            src, lang, text, threshold = key
            if any(p.src_lang == src and p.tgt_lang == lang and fuzz.ratio(text, p.source) >= threshold - 1
                   for p in pairs):
                del self._fuzzy[key]

    def lookup(self, memory: Memory, src: str, lang: str, source: str, scope: Scope | None) -> MemoryMatch | None:
        found = memory_lookup(memory, src, lang, source, scope)
        mine = self._index.get((src, lang, source.strip()))
        if mine is not None and (found is None or (_approved(mine.origin, mine.status)
                                                   and not _approved(found.origin, found.status))):
            return mine
        return found


def _approved(origin: Origin, status: Status) -> bool:
    return origin is Origin.HUMAN and status is Status.APPROVED


def check_targets(statement: Statement, targets: Sequence[str]) -> list[str]:
    out = []
    for lang in targets:
        check_language(lang)
        if lang == statement.source_language:
            raise UsageError(f"'{lang}' is the statement's source language")
        if lang not in statement.languages:
            raise UsageError(f"the statement has no '{lang}' version (languages: {', '.join(statement.languages)})")
        if lang not in out:
            out.append(lang)
    return out


def free_units(statement: Statement) -> list[Unit]:
    """Units no template covers: their target text must come from a translation."""
    return [u for u in statement.units() if u.clause.is_free]


def translate_statement(statement: Statement, renderer: Renderer, translations: Translations,
                        targets: Sequence[str], translators: TranslatorFactory, memory: Memory | None = None,
                        *, fuzzy_threshold: float = 75.0, registry_lock: Callable[[str, str], TermLock] | None = None,
                        progress: Progress | None = None) -> Result:
    targets = check_targets(statement, targets)
    src = statement.source_language
    summary = Summary()
    jobs: list[_Job] = []
    meeting = statement.meeting
    scope_of: dict[str, Scope | None] = {
        u.id: Scope(meeting.mechanism, f"{meeting.mechanism}#{meeting.ordinal}", u.id) if meeting else None
        for u in statement.units()}
    bound: dict[tuple[str, str], TranslationEntry] = {}
    sources: dict[str, tuple[str, str] | None] = {}

    def source_of(unit: Unit) -> tuple[str, str] | None:
        """The unit's source text and its hash, rendered and hashed once per run (not once per language)."""
        if unit.id not in sources:
            text = renderer.generated_text(unit, src)
            sources[unit.id] = None if text is None else (text, source_hash(text))
        return sources[unit.id]

    for lang in targets:
        for unit in statement.units():
            entry = translations.get(unit.id, lang)
            clause = unit.clause
            if lang in clause.absent or (clause.is_free and lang in clause.texts):
                continue  # not in this language's version, or its official text is in the statement
            known = source_of(unit)
            if clause.is_free and known is None:
                if entry is None:
                    summary.left.append((unit.id, lang, f"no {src} text to translate from"))
                continue
            if known is None:
                renderer.source_text(unit)  # a template clause without source text: its one-line error
                continue
            text, h = known
            if not unit.clause.is_free:
                human = entry is not None and entry.origin is Origin.HUMAN and not entry.is_stale(h)
                if not human and renderer.generated_text(unit, lang) is not None:
                    summary.templates += 1
                continue
            if entry is not None and not entry.source_hash:  # written by hand without a hash: bind it now
                bound[(unit.id, lang)] = entry.with_(source_hash=h)
            if entry is not None and not entry.is_stale(h):
                continue
            scope = scope_of[unit.id]
            jobs.append(_Job(unit, lang, text, h, entry, scope))

    new = {**translations.entries, **bound}
    locks: dict[tuple[str, str], TermLock] = {}

    def lock(lang: str) -> TermLock:
        if (src, lang) not in locks:
            locks[(src, lang)] = (registry_lock or (lambda a, b: TermLock(renderer.registry, a, b)))(src, lang)
        return locks[(src, lang)]

    writes = _Writes()
    model_jobs: list[_Job] = []
    for job in jobs:
        match = writes.lookup(memory, src, job.lang, job.source, job.scope) if memory is not None else None
        from_memory = match is not None
        if match is not None:
            new[(job.unit.id, job.lang)] = _from_memory(job, match, lock(job.lang))
        else:
            _prepare(job, lock(job.lang), src, memory, fuzzy_threshold, summary, writes)
            if "machine" in job.origins:
                model_jobs.append(job)
            else:  # every sentence kept or from the memory: no model
                new[(job.unit.id, job.lang)] = _finish(job, None, lock(job.lang), src, memory, fuzzy_threshold,
                                                       writes)
                from_memory = True
        if job.old is not None:  # the counts are disjoint: a stale clause counts as stale only
            summary.stale += 1
        elif from_memory:
            summary.memory += 1

    by_lang: dict[str, list[_Job]] = {}
    for job in model_jobs:
        by_lang.setdefault(job.lang, []).append(job)
    engines: dict[str, Translator] = {}
    for lang in list(by_lang):  # a language without a model keeps its memory matches; the rest is named
        try:
            engines[lang] = translators(src, lang)
        except ModelError as exc:
            summary.left += [(job.unit.id, lang, exc.message) for job in by_lang.pop(lang)]
    planned = {lang: [p.text for j in js for p in j.protected if p is not None] for lang, js in by_lang.items()}
    # Russian: a sentence with a declinable registry name whose governing word does not decide its case (in
    # the model's locked output) goes to the model a second time with the names unlocked, so that the case the
    # model gives the name can be read (TermLock.restore_cased combines both readings)
    unlocked = {lang: {(ji, si): _case_reading(j, si, lock(lang)) for ji, j in enumerate(js)
                       for si in range(len(j.protected))} for lang, js in by_lang.items()}
    total = sum(len(set(p)) for p in planned.values())
    done = 0

    def run(engine: Translator, segments: list[str]) -> dict[str, Hypothesis]:
        nonlocal done, total
        unique = list(dict.fromkeys(segments))
        start = done

        def report(n: int) -> None:
            if progress:
                progress(start + n, max(total, start + n))

        out = dict(zip(unique, engine.translate(unique, report if progress else None), strict=True))
        summary.segments += len(unique)
        done += len(unique)
        report(len(unique))
        return out

    for lang, js in by_lang.items():
        engine, tl = engines[lang], lock(lang)
        first = run(engine, planned[lang])
        needed = _undecided_readings(js, unlocked[lang], first, tl)
        readings = [r for r in dict.fromkeys(needed.values()) if r not in first]
        if readings:
            total += len(readings)
            first.update(run(engine, readings))
            summary.segments -= len(readings)
            summary.case_readings += len(readings)
        repairs: dict[tuple[int, int], list[str | Span]] = {}
        for ji, job in enumerate(js):
            for si, prot in enumerate(job.protected):
                if prot is None:
                    continue
                hyp = first[prot.text]
                expected = prot.keys_in(prot.text)
                reading = needed.get((ji, si))
                rendering = first[reading].text if reading is not None else None
                restored, problem, case_notes = tl.restore_cased(hyp.text, prot, expected, rendering)
                for note in case_notes:
                    job.notes.append(f"sentence {si + 1}: {note}")
                    if note.startswith("undecided:") and "case-undecided" not in job.flags:
                        job.flags.append("case-undecided")
                job.truncated[si] = hyp.truncated
                job.alternatives[si] = tuple(
                    (alt, score) for alt, score in ((tl.restore(a, prot, expected)[0], sc)
                                                    for a, sc in hyp.alternatives[1:]) if alt is not None)
                if restored is None:
                    repairs[(ji, si)] = tl.split_around(prot.text, prot)
                    job.notes.append(f"sentence {si + 1}: locked terms {problem} by the model; "
                                     "translated around them")
                    if "term-repaired" not in job.flags:
                        job.flags.append("term-repaired")
                else:
                    job.outputs[si] = restored
        chunks = [p for parts in repairs.values() for p in parts if isinstance(p, str) and _has_letters(p)]
        total += len(set(chunks))
        second = run(engine, chunks) if chunks else {}
        for (ji, si), parts in repairs.items():
            case_notes = []
            reading = needed.get((ji, si))
            js[ji].outputs[si] = _join_parts(parts, second, lang, tl, case_notes,
                                             first[reading].text if reading is not None else None)
            for note in case_notes:
                js[ji].notes.append(f"sentence {si + 1}: {note}")
                if note.startswith("undecided:") and "case-undecided" not in js[ji].flags:
                    js[ji].flags.append("case-undecided")
            js[ji].truncated[si] = js[ji].truncated[si] or any(
                second[p].truncated for p in parts if isinstance(p, str) and p in second)
        for job in js:
            new[(job.unit.id, job.lang)] = _finish(job, engine, tl, src, memory, fuzzy_threshold, writes)
            summary.model += job.old is None

    if memory is not None:  # every pair of the run in one transaction
        memory_add_many(memory, writes.items)
    result = Translations(translations.source_language or src, new)
    for lang in targets:
        for unit in free_units(statement):
            e = result.get(unit.id, lang)
            known = source_of(unit)
            if e is not None and e.flags and known is not None and not e.is_stale(known[1]):
                summary.flagged += 1
    return Result(result, summary, changed=bool(bound) or (bool(jobs) and len(summary.left) < len(jobs)))


def _has_letters(text: str) -> bool:
    return bool(regex.search(r"\p{L}", text))


def sentence_memory_pairs(src_lang: str, lang: str, source: str, target: str, origin: Origin,
                          status: Status) -> list[MemoryPair]:
    """The sentence pairs of a translated clause of several sentences, to store (when they pair up one to one,
    see :func:`~statementkit.services.translate.segment.sentence_pairs`); empty for one sentence."""
    pairs = sentence_pairs(source, target, src_lang, lang) or []
    return [MemoryPair(src_lang, lang, a, b, origin, status) for a, b in pairs] if len(pairs) > 1 else []


def remember_sentences(memory: Memory, src_lang: str, lang: str, source: str, target: str, origin: Origin,
                       status: Status, scope: Scope | None = None) -> int:
    """Store the sentence pairs of a translated clause of several sentences; return how many."""
    pairs = sentence_memory_pairs(src_lang, lang, source, target, origin, status)
    memory_add_many(memory, [(p, scope) for p in pairs])
    return len(pairs)


def _kept_sentences(old: TranslationEntry | None, src: str, lang: str) -> dict[str, str]:
    """Source sentence -> target sentence of an earlier approved or reviewed translation of the clause (when
    its sentences pair up one to one); empty otherwise."""
    if old is None or old.source is None or old.status not in (Status.APPROVED, Status.REVIEWED):
        return {}
    pairs = sentence_pairs(old.source, old.text, src, lang)
    return dict(pairs) if pairs else {}


def _prepare(job: _Job, tl: TermLock, src: str, memory: Memory | None, threshold: float,
             summary: Summary, writes: _Writes) -> None:
    """Cut the clause into sentences (on the original text, so that "No. 12" or "Art. 5" stay inside their
    sentence) and find each sentence's target: kept from the earlier approved/reviewed translation when its
    source sentence is unchanged, else an exact sentence match in the memory, else a repaired match, else
    the model (the sentence locked on its own)."""
    job.segmented = segment(job.source, src)
    kept = _kept_sentences(job.old, src, job.lang)
    if memory is not None and kept and job.old is not None and job.old.source is not None:
        writes.store_now(memory, sentence_memory_pairs(src, job.lang, job.old.source, job.old.text, job.old.origin,
                                                       job.old.status), job.scope)
    old_sources = set(segment(job.old.source, src).sentences) if job.old is not None and job.old.source else set()
    changed: list[int] = []
    for i, sentence in enumerate(job.segmented.sentences, start=1):
        origin, text, prot = "machine", "", None
        if sentence in kept:
            origin, text = "kept", kept[sentence]
        elif memory is not None and (m := writes.lookup(memory, src, job.lang, sentence, job.scope)) is not None:
            origin, text = "memory", m.target
            if not (m.origin is Origin.HUMAN and m.status is Status.APPROVED):
                job.flags.extend(f for f in _check_reuse(tl, sentence, m.target, src, job.lang) if f not in job.flags)
        elif memory is not None and (locked := tl.protect(sentence)).spans and (fixed := repair(
                tl, sentence, writes.fuzzy(memory, src, job.lang, sentence, threshold)[:1])) is not None:
            # (a sentence without locked spans cannot be repaired: its memory is not searched for it)
            origin, text = "memory-repaired", fixed.text
            job.notes.append(f"sentence {i}: {fixed.note()}")
            if "memory-repaired" not in job.flags:
                job.flags.append("memory-repaired")
        else:
            prot = locked if memory is not None else tl.protect(sentence)
        if job.old is not None and old_sources and sentence not in old_sources:
            changed.append(i)
        job.origins.append(origin)
        job.outputs.append(text)
        job.protected.append(prot)
        job.truncated.append(False)
        job.alternatives.append(())
    summary.sentences_kept += job.origins.count("kept")
    summary.sentences_memory += len(job.origins) - job.origins.count("kept") - job.origins.count("machine")
    if changed and len(job.origins) > 1:
        job.notes.append("source sentences changed: " + ", ".join(str(i) for i in changed)
                         + f" of {len(job.origins)}; the others kept"
                         * bool(job.origins.count("kept")))


def _check_reuse(tl: TermLock, source: str, target: str, src: str, lang: str) -> list[str]:
    """Checks on a reused (not approved human) translation: locked terms present, not degenerate."""
    flags: list[str] = ["term-missing"] if tl.missing(source, target) else []
    spans = tl.protect(source).spans
    flags += checks.check(checks.Output(_strip_spans(source, spans, False), _strip_spans(target, spans, True),
                                        src, lang))
    return flags


def _undecided_readings(js: list[_Job], unlocked: dict[tuple[int, int], str | None],
                        first: dict[str, Hypothesis], tl: TermLock) -> dict[tuple[int, int], str]:
    """(job, sentence) -> the sentence with its names unlocked, for the sentences whose locked output leaves
    the case of a Russian registry name undecided by its governing word (or whose terms the model did not
    keep, so that the repaired sentence has the model's reading too)."""
    out: dict[tuple[int, int], str] = {}
    for (ji, si), reading in unlocked.items():
        prot = js[ji].protected[si]
        if reading is None or prot is None:
            continue
        restored, _, notes = tl.restore_cased(first[prot.text].text, prot, prot.keys_in(prot.text))
        if restored is None or any(n.startswith("undecided:") for n in notes):
            out[(ji, si)] = reading
    return out


def _case_reading(job: _Job, si: int, tl: TermLock) -> str | None:
    """Sentence ``si`` of the job as sent with its names unlocked, when it goes to the model and its locked
    terms include a Russian registry name that declines; else None."""
    prot = job.protected[si]
    if prot is None or job.segmented is None or not tl.wants_case_reading(prot):
        return None
    return job.segmented.sentences[si]


def _join_parts(parts: list[str | Span], translated: dict[str, Hypothesis], lang: str,
                tl: TermLock | None = None, notes: list[str] | None = None, rendering: str | None = None) -> str:
    """Rebuild a repaired sentence: chunk translations and approved forms in source order (a Russian name in
    the case the translated text before it needs, when ``tl`` is given; its notes go to ``notes``)."""
    pieces: list[str] = []
    for p in parts:
        if isinstance(p, Span):
            if tl is not None and lang == "ru":
                form, note = tl.form_in_context(p, " ".join(pieces), rendering=rendering)
                pieces.append(form)
                if note and notes is not None:
                    notes.append(note)
            else:
                pieces.append(p.target)
        elif _has_letters(p):
            pieces.append(translated[p].text.strip())
        else:
            pieces.append(p.strip().translate(_ZH_PUNCT) if lang == "zh" else p.strip())
    pieces = [p for p in pieces if p]
    if lang == "zh":
        return tidy_zh("".join(pieces))
    text = " ".join(pieces)
    text = regex.sub(r"\s+([,.;:!?%)\]»])", r"\1", text)
    return regex.sub(r"([(\[«])\s+", r"\1", text)


def _strip_spans(text: str, spans: Sequence[Span], use_target: bool) -> str:
    for s in sorted(spans, key=lambda s: -len(s.target if use_target else s.source)):
        text = text.replace(s.target if use_target else s.source, " ")
    return text


def _finish(job: _Job, engine: Translator | None, tl: TermLock, src: str, memory: Memory | None,
            threshold: float, writes: _Writes) -> TranslationEntry:
    assert job.segmented is not None
    lang = job.lang
    text = rebuild(job.segmented, job.outputs, lang)
    if lang == "zh":
        text = tidy_zh(text)
    whole = tl.protect(job.source)
    flags = list(job.flags)
    notes = list(job.notes)
    for i, (prot, out, trunc) in enumerate(zip(job.protected, job.outputs, job.truncated, strict=True), start=1):
        if prot is None:
            continue
        seg_src = prot.placeholder_re().sub(" ", prot.text)
        for f in checks.check(checks.Output(seg_src, _strip_spans(out, prot.spans, True), src, lang, trunc)):
            if f not in flags:
                flags.append(f)
        for n, (alt, score) in enumerate(job.alternatives[i - 1], start=2):
            notes.append(Alternative(n, i if len(job.outputs) > 1 else None, score, alt).note())
    missing = tl.missing(job.source, text, whole)
    if missing:
        flags.append("term-missing")
        notes.append("locked terms missing: " + ", ".join(s.source for s in missing))
    if job.old is not None and job.old.origin is Origin.HUMAN:
        notes.append(f"earlier human translation (source since edited): {job.old.text}")
    if memory is not None:
        for m in writes.fuzzy(memory, src, lang, job.source, threshold):
            if m.score < 100.0:
                notes.append(f"memory {m.score:.0f}% ({m.origin.value}, {m.status.value}): {m.target}")
    if memory is not None and not flags:
        writes.add(MemoryPair(src, lang, job.source, text, Origin.MACHINE, Status.DRAFT), job.scope)
        for seg, how, out in zip(job.segmented.sentences, job.origins, job.outputs, strict=True):
            if how == "machine" and len(job.outputs) > 1:
                writes.add(MemoryPair(src, lang, seg, out, Origin.MACHINE, Status.DRAFT), job.scope)
    origin = Origin.MACHINE if "machine" in job.origins else Origin.MEMORY
    return TranslationEntry(job.unit.id, lang, job.hash, text, origin, Status.DRAFT, tuple(flags),
                            tuple(notes), engine.label if engine is not None and origin is Origin.MACHINE else None,
                            source=job.source, sentences=tuple(job.origins), previous_source=_previous_source(job))


def _previous_source(job: _Job) -> str | None:
    """The source text a reviewer last saw for this clause, when the source has changed since: kept
    through any number of re-translations until a review replaces the entry."""
    old = job.old
    if old is None:
        return None
    earlier = old.previous_source or old.source
    return earlier if earlier is not None and earlier != job.source else None


def _from_memory(job: _Job, match: MemoryMatch, tl: TermLock) -> TranslationEntry:
    """Reuse an exact memory match.  Approved human translations are taken as they are; anything else is
    checked like machine output (locked terms present, not degenerate)."""
    approved = match.origin is Origin.HUMAN and match.status is Status.APPROVED
    notes = [f"exact memory match ({match.origin.value}, {match.status.value})"]
    if checks.traditional_script(checks.Output(job.source, match.target, tl.source, job.lang)):
        approved = False  # Traditional text never reaches zh unflagged, whoever approved it
    flags = [] if approved else _check_reuse(tl, job.source, match.target, tl.source, job.lang)
    if "term-missing" in flags:
        notes.append("locked terms missing: " + ", ".join(s.source for s in tl.missing(job.source, match.target)))
    return TranslationEntry(job.unit.id, job.lang, job.hash, match.target, Origin.MEMORY,
                            Status.APPROVED if approved else Status.DRAFT, tuple(flags), tuple(notes), None,
                            source=job.source, previous_source=_previous_source(job))
