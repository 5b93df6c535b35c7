"""The small interfaces the translate service works against: a translator and a translation memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from statementkit.model.translation import MemoryPair, Origin, Status


@dataclass(frozen=True)
class Hypothesis:
    """One translation of one segment: text, model score (log-probability) and whether the model stopped
    at its length limit rather than at the end of the sentence."""

    text: str
    score: float = 0.0
    truncated: bool = False
    alternatives: tuple[tuple[str, float], ...] = ()  # the model's n best (text, score), best first, when asked


class Translator(Protocol):
    """Translates segments (sentences) from ``source`` to ``target``; ``label`` names engine and model
    (recorded with every machine translation)."""

    source: str
    target: str
    label: str

    def translate(self, segments: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        """Hypotheses in the order of ``segments``; ``progress(n)`` may report segments done so far."""
        ...


class MemoryMatch(Protocol):
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def origin(self) -> Origin: ...
    @property
    def status(self) -> Status: ...


class Memory(Protocol):
    """What the service needs from a translation memory (implemented by adapters.tm.sqlite_tm)."""

    def lookup_exact(self, src_lang: str, tgt_lang: str, source: str) -> MemoryMatch | None: ...

    def lookup_fuzzy(self, src_lang: str, tgt_lang: str, source: str, threshold: float = 75.0,
                     limit: int = 3) -> Sequence[MemoryMatch]: ...

    def add(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
            status: Status) -> None: ...

    def add_many(self, pairs: Iterable[MemoryPair]) -> int:
        """Store the pairs all together (one transaction) or none; return how many were written."""
        ...


@dataclass(frozen=True)
class Scope:
    """Where a memory unit came from: the mechanism (registry id), the statement (``mechanism#ordinal``) and
    the clause (unit id)."""

    mechanism: str
    statement: str
    clause: str


@runtime_checkable
class ScopedMemory(Memory, Protocol):
    """A memory that records the scope of its units and prefers, among equally ranked matches, those of the same
    mechanism (implemented by adapters.tm.sqlite_tm; a backend without it is used through :class:`Memory`)."""

    def add_scoped(self, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
                   status: Status, scope: Scope) -> None: ...

    def add_many_scoped(self, items: Iterable[tuple[MemoryPair, Scope | None]]) -> int:
        """Store the pairs, each with its scope (None: none recorded), all in one transaction or none; return
        how many were written."""
        ...

    def lookup_exact_scoped(self, src_lang: str, tgt_lang: str, source: str,
                            mechanism: str) -> MemoryMatch | None: ...


def memory_lookup(memory: Memory, src_lang: str, tgt_lang: str, source: str,
                  scope: Scope | None) -> MemoryMatch | None:
    """Exact look-up, preferring the scope's mechanism when the memory records scopes."""
    if scope is not None and isinstance(memory, ScopedMemory):
        return memory.lookup_exact_scoped(src_lang, tgt_lang, source, scope.mechanism)
    return memory.lookup_exact(src_lang, tgt_lang, source)


def memory_add(memory: Memory, src_lang: str, tgt_lang: str, source: str, target: str, *, origin: Origin,
               status: Status, scope: Scope | None) -> None:
    """Store a pair, with its scope when the memory records scopes."""
    if scope is not None and isinstance(memory, ScopedMemory):
        memory.add_scoped(src_lang, tgt_lang, source, target, origin=origin, status=status, scope=scope)
    else:
        memory.add(src_lang, tgt_lang, source, target, origin=origin, status=status)


def memory_add_many(memory: Memory, items: Sequence[tuple[MemoryPair, Scope | None]]) -> int:
    """Store the pairs in one transaction (all or none), with their scopes when the memory records scopes;
    return how many were written."""
    if not items:
        return 0
    if isinstance(memory, ScopedMemory):
        return memory.add_many_scoped(items)
    return memory.add_many([p for p, _ in items])


class PivotTranslator:
    """Translates through a middle language (zh -> en -> ru) when no direct model exists."""

    def __init__(self, first: Translator, second: Translator) -> None:
        if first.target != second.source:
            raise ValueError(f"cannot pivot {first.source}->{first.target} into {second.source}->{second.target}")
        self.first, self.second = first, second
        self.source, self.target = first.source, second.target
        self.label = f"{first.label} + {second.label}"

    def translate(self, segments: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        half = (lambda n: progress(n // 2)) if progress else None
        rest = (lambda n: progress((len(segments) + n) // 2)) if progress else None
        middle = self.first.translate(segments, half)
        final = self.second.translate([h.text for h in middle], rest)
        return [Hypothesis(b.text, a.score + b.score, a.truncated or b.truncated, b.alternatives)
                for a, b in zip(middle, final, strict=True)]
