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
from statementkit.model.translation import Origin, Status, TranslationEntry, Translations, source_hash
from statementkit.services.assemble.render import Renderer
from statementkit.services.translate import checks
from statementkit.services.translate.base import Hypothesis, Memory, MemoryMatch, Translator
from statementkit.services.translate.protect import Protected, Span, TermLock
from statementkit.services.translate.segment import Segmented, rebuild, segment, tidy_zh

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
    left: list[tuple[str, str, str]] = field(default_factory=list)  # (unit id, language, why) not translated

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
    protected: Protected | None = None
    segmented: Segmented | None = None
    outputs: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    truncated: list[bool] = field(default_factory=list)


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
    bound: dict[tuple[str, str], TranslationEntry] = {}
    for lang in targets:
        for unit in statement.units():
            entry = translations.get(unit.id, lang)
            clause = unit.clause
            if lang in clause.absent or (clause.is_free and lang in clause.texts):
                continue  # not in this language's version, or its official text is in the statement
            if clause.is_free and not renderer.has_source(unit):
                if entry is None:
                    summary.left.append((unit.id, lang, f"no {src} text to translate from"))
                continue
            if not unit.clause.is_free:
                text = renderer.source_text(unit)
                human = entry is not None and entry.origin is Origin.HUMAN and not entry.is_stale(source_hash(text))
                if not human and renderer.generated_text(unit, lang) is not None:
                    summary.templates += 1
                continue
            text = renderer.source_text(unit)
            h = source_hash(text)
            if entry is not None and not entry.source_hash:  # written by hand without a hash: bind it now
                bound[(unit.id, lang)] = entry.with_(source_hash=h)
            if entry is not None and not entry.is_stale(h):
                continue
            jobs.append(_Job(unit, lang, text, h, entry))

    new = {**translations.entries, **bound}
    locks: dict[tuple[str, str], TermLock] = {}

    def lock(lang: str) -> TermLock:
        if (src, lang) not in locks:
            locks[(src, lang)] = (registry_lock or (lambda a, b: TermLock(renderer.registry, a, b)))(src, lang)
        return locks[(src, lang)]

    model_jobs: list[_Job] = []
    for job in jobs:
        match = memory.lookup_exact(src, job.lang, job.source) if memory is not None else None
        if match is not None:
            new[(job.unit.id, job.lang)] = _from_memory(job, match, lock(job.lang))
        else:
            model_jobs.append(job)
        if job.old is not None:  # the counts are disjoint: a stale clause counts as stale only
            summary.stale += 1
        elif match is not None:
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
    planned = {lang: _plan(js, lock(lang), src) for lang, js in by_lang.items()}
    total = sum(len(p) for p in planned.values())
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
        repairs: dict[tuple[int, int], list[str | Span]] = {}
        for ji, job in enumerate(js):
            assert job.protected is not None and job.segmented is not None
            for si, seg in enumerate(job.segmented.sentences):
                hyp = first[seg]
                restored, problem = tl.restore(hyp.text, job.protected, job.protected.keys_in(seg))
                job.truncated.append(hyp.truncated)
                if restored is None:
                    repairs[(ji, si)] = tl.split_around(seg, job.protected)
                    job.outputs.append("")
                    job.notes.append(f"sentence {si + 1}: locked terms {problem} by the model; "
                                     "translated around them")
                    if "term-repaired" not in job.flags:
                        job.flags.append("term-repaired")
                else:
                    job.outputs.append(restored)
        chunks = [p for parts in repairs.values() for p in parts if isinstance(p, str) and _has_letters(p)]
        total += len(set(chunks))
        second = run(engine, chunks) if chunks else {}
        for (ji, si), parts in repairs.items():
            js[ji].outputs[si] = _join_parts(parts, second, lang)
            js[ji].truncated[si] = js[ji].truncated[si] or any(
                second[p].truncated for p in parts if isinstance(p, str) and p in second)
        for job in js:
            new[(job.unit.id, job.lang)] = _finish(job, engine, tl, src, memory, fuzzy_threshold)
            summary.model += job.old is None

    result = Translations(translations.source_language or src, new)
    for lang in targets:
        for unit in free_units(statement):
            e = result.get(unit.id, lang)
            if e is not None and e.flags and renderer.has_source(unit) and not e.is_stale(
                    source_hash(renderer.source_text(unit))):
                summary.flagged += 1
    return Result(result, summary, changed=bool(bound) or (bool(jobs) and len(summary.left) < len(jobs)))


def _has_letters(text: str) -> bool:
    return bool(regex.search(r"\p{L}", text))


def _plan(jobs: list[_Job], tl: TermLock, src: str) -> list[str]:
    segments: list[str] = []
    for job in jobs:
        job.protected = tl.protect(job.source)
        job.segmented = segment(job.protected.text, src)
        segments.extend(job.segmented.sentences)
    return segments


def _join_parts(parts: list[str | Span], translated: dict[str, Hypothesis], lang: str) -> str:
    """Rebuild a repaired sentence: chunk translations and approved forms in source order."""
    pieces: list[str] = []
    for p in parts:
        if isinstance(p, Span):
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


def _finish(job: _Job, engine: Translator, tl: TermLock, src: str, memory: Memory | None,
            threshold: float) -> TranslationEntry:
    assert job.protected is not None and job.segmented is not None
    lang = job.lang
    text = rebuild(job.segmented, job.outputs, lang)
    if lang == "zh":
        text = tidy_zh(text)
    spans = job.protected.spans
    flags = list(job.flags)
    for seg, out, trunc in zip(job.segmented.sentences, job.outputs, job.truncated, strict=True):
        seg_src = job.protected.placeholder_re().sub(" ", seg)
        for f in checks.check(checks.Output(seg_src, _strip_spans(out, spans, True), src, lang, trunc)):
            if f not in flags:
                flags.append(f)
    missing = tl.missing(job.source, text, job.protected)
    if missing:
        flags.append("term-missing")
        job.notes.append("locked terms missing: " + ", ".join(s.source for s in missing))
    notes = list(job.notes)
    if job.old is not None and job.old.origin is Origin.HUMAN:
        notes.append(f"earlier human translation (source since edited): {job.old.text}")
    if memory is not None:
        for m in memory.lookup_fuzzy(src, lang, job.source, threshold=threshold):
            if m.score < 100.0:
                notes.append(f"memory {m.score:.0f}% ({m.origin.value}, {m.status.value}): {m.target}")
    if memory is not None and not flags:
        memory.add(src, lang, job.source, text, origin=Origin.MACHINE, status=Status.DRAFT)
    return TranslationEntry(job.unit.id, lang, job.hash, text, Origin.MACHINE, Status.DRAFT, tuple(flags),
                            tuple(notes), engine.label, source=job.source, previous_source=_previous_source(job))


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
    flags: list[str] = []
    notes = [f"exact memory match ({match.origin.value}, {match.status.value})"]
    if checks.traditional_script(checks.Output(job.source, match.target, tl.source, job.lang)):
        approved = False  # Traditional text never reaches zh unflagged, whoever approved it
    if not approved:
        missing = tl.missing(job.source, match.target)
        if missing:
            flags.append("term-missing")
            notes.append("locked terms missing: " + ", ".join(s.source for s in missing))
        spans = tl.protect(job.source).spans
        for f in checks.check(checks.Output(_strip_spans(job.source, spans, False),
                                            _strip_spans(match.target, spans, True), tl.source, job.lang)):
            flags.append(f)
    return TranslationEntry(job.unit.id, job.lang, job.hash, match.target, Origin.MEMORY,
                            Status.APPROVED if approved else Status.DRAFT, tuple(flags), tuple(notes), None,
                            source=job.source, previous_source=_previous_source(job))
