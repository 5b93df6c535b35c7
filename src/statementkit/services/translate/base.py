"""The small interfaces the translate service works against: a translator and a translation memory."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from statementkit.model.translation import MemoryPair, Origin, Status


@dataclass(frozen=True)
class Hypothesis:
    """One translation of one segment: text, model score (log-probability) and whether the model stopped
    at its length limit rather than at the end of the sentence."""

    text: str
    score: float = 0.0
    truncated: bool = False


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
        return [Hypothesis(b.text, a.score + b.score, a.truncated or b.truncated) for a, b in zip(middle, final, strict=True)]
