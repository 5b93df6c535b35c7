"""Run an installed Argos package directly with CTranslate2 and SentencePiece.

Why not ``argostranslate.translate``: importing it pulls torch, stanza and spaCy (over 3 s and 300 MB), it
translates sentence by sentence, and it leaves CTranslate2's thread count at its default, which
oversubscribes small machines (50 x slower on 2 cores).  Here every segment of a run goes to one
``translate_batch`` call, cut into sub-batches that CTranslate2 spreads over the cores.

The translation of each segment is the one argostranslate gives for the same package and options
(tokenize with the package's SentencePiece model, same decoding options: beam 4, length penalty 0.2,
unknowns replaced, target prefix forced then removed, the leading space dropped) — with two deliberate
differences: ``_`` in the output is kept (argostranslate turns every ``_`` into a space), and a prefix
containing ``_`` is removed too.  ``max_decoding_length`` follows the input length (CTranslate2 stops
silently at 256 otherwise); a segment that reaches it is marked truncated.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from statementkit.adapters.argos.packages import ArgosPackage
from statementkit.errors import ModelError, UsageError
from statementkit.services.translate.base import Hypothesis, PivotTranslator, Translator

DEVICES = ("auto", "cpu", "cuda")


def available_cores() -> int:
    """The cores this process may run on (CPU affinity, cgroup-pinned containers), not the machine's."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


class ArgosEngine:
    """A :class:`~statementkit.services.translate.base.Translator` over one installed Argos package."""

    def __init__(self, package: ArgosPackage, *, beam_size: int = 4, device: str = "auto",
                 threads: int | None = None, compute_type: str = "auto", max_batch_size: int = 32,
                 length_penalty: float = 0.2) -> None:
        if beam_size < 1:
            raise UsageError("beam size must be at least 1")
        if device not in DEVICES:
            raise UsageError(f"unknown device '{device}' (choose {', '.join(DEVICES)})")
        if threads is not None and threads < 1:
            raise UsageError("threads must be at least 1")
        self.package = package
        self.source, self.target = package.from_code, package.to_code
        self.label = package.label
        self.beam_size = beam_size
        self.device = device
        self.threads = threads or available_cores()
        self.compute_type = compute_type
        self.max_batch_size = max_batch_size
        self.length_penalty = length_penalty
        self._translator: Any = None
        self._sp: Any = None

    # ---- loading ---------------------------------------------------------------------------------
    def _load(self, n_segments: int) -> None:
        import ctranslate2
        import sentencepiece as spm

        device = self.device
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        # Many segments: one replica per core, each single-threaded (sub-batches run side by side).
        # Few segments (one sub-batch): one replica using every core.
        many = n_segments > self.max_batch_size and device == "cpu"
        inter, intra = (self.threads, 1) if many else (1, self.threads)
        try:
            self._sp = spm.SentencePieceProcessor(model_file=str(self.package.tokenizer))
            self._translator = ctranslate2.Translator(
                str(self.package.model_dir), device=device, compute_type=self.compute_type,
                inter_threads=inter, intra_threads=intra)
        except (RuntimeError, OSError, ValueError) as exc:
            raise ModelError(f"cannot load model {self.package.pair}: {str(exc).splitlines()[0]}",
                             path=self.package.path) from None

    def tokenize(self, segments: Sequence[str]) -> list[list[str]]:
        if self._sp is None:
            self._load(len(segments))
        return [list(t) for t in self._sp.encode(list(segments), out_type=str)]

    def detokenize(self, pieces: Sequence[str]) -> str:
        text = self._sp.decode_pieces(list(pieces)).replace("\u2581", " ")
        prefix = self.package.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix):]
        return text[1:] if text.startswith(" ") else text

    # ---- translation -----------------------------------------------------------------------------
    def translate(self, segments: Sequence[str],
                  progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        """All segments in one call (CTranslate2 sorts them by length and spreads the sub-batches over its
        replicas); results are collected as they finish, for ``progress``."""
        if not segments:
            return []
        if self._translator is None:
            self._load(len(segments))
        tokens = self.tokenize(segments)
        prefix = self.package.target_prefix
        longest = max(len(t) for t in tokens)
        max_len = max(256, 2 * longest + 16)
        try:
            results = self._translator.translate_batch(
                tokens, target_prefix=[[prefix]] * len(tokens) if prefix else None,
                max_batch_size=self.max_batch_size, batch_type="examples", beam_size=self.beam_size,
                num_hypotheses=1, length_penalty=self.length_penalty, replace_unknowns=True,
                return_scores=True, max_decoding_length=max_len, asynchronous=True)
            done = [r.result() for r in _collect(results, progress)]
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"model {self.package.pair} failed: {str(exc).splitlines()[0]}",
                             path=self.package.path) from None
        out = []
        for r in done:
            pieces = r.hypotheses[0]
            out.append(Hypothesis(self.detokenize(pieces), float(r.scores[0]) if r.scores else 0.0,
                                  truncated=len(pieces) >= max_len))
        return out


def _collect(results: list[Any], progress: Callable[[int], None] | None) -> list[Any]:
    """Wait for asynchronous results, reporting how many are done (about every sub-batch)."""
    if progress is None:
        return results
    pending = set(range(len(results)))
    while pending:
        finished = {i for i in pending if results[i].done()}
        if not finished:
            time.sleep(0.01)
            continue
        pending -= finished
        progress(len(results) - len(pending))
    return results


class Engines:
    """Translators per language pair from one models folder: a direct package, else a pivot through
    English (zh -> en -> ru), each package loaded once.  Options apply to every engine."""

    def __init__(self, directory: Path, **options: Any) -> None:
        self.directory = directory
        self.options = options
        self._engines: dict[tuple[str, str], ArgosEngine] = {}

    def _direct(self, source: str, target: str) -> ArgosEngine | None:
        from statementkit.adapters.argos.packages import find_package

        if (source, target) not in self._engines:
            pkg = find_package(self.directory, source, target)
            if pkg is None:
                return None
            self._engines[(source, target)] = ArgosEngine(pkg, **self.options)
        return self._engines[(source, target)]

    def __call__(self, source: str, target: str) -> Translator:
        direct = self._direct(source, target)
        if direct is not None:
            return direct
        if "en" not in (source, target):
            first, second = self._direct(source, "en"), self._direct("en", target)
            if first is not None and second is not None:
                return PivotTranslator(first, second)
        pivot = "" if "en" in (source, target) else f" (nor {source}->en and en->{target} to pivot through)"
        raise ModelError(f"no Argos model for {source}->{target}{pivot} in {self.directory}: install one with "
                         f"'statementkit models install --from {source} --to {target}' or 'statementkit models "
                         f"install FILE.argosmodel', or point --models at a folder of installed packages")
