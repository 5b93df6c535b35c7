"""Translate a 200-clause synthetic statement (en -> zh, ru) with tiny Argos models, three ways, side by side:

(a) raw CTranslate2: load the models, SentencePiece-encode the very segments statementkit sends, one
    ``translate_batch`` per language (same beam, threads, batching), decode;
(b) ``statementkit translate SPEC --to zh --to ru`` in-process (statement, registry, memory, segmentation,
    term lock, checks, translations file written);
(c) argostranslate 1.x sentence by sentence on the same source sentences with the same thread count,
    when it is installed (its sentencizer replaced: it would try to download one).

(d) revision: the statement translated, every translation approved, then 10 % of its clauses with one
    sentence edited and translated again: the model must get exactly the edited sentences, and the time must be
    at most 0.15 x the full translation.

Goals: b/a <= 1.25, c/b >= 5, d: calls = edited sentences, time <= 0.15 x full.
Run: python bench/translate.py [--clauses N] [--runs N] [--argos-sized] [--revision-only]
(BENCH_PROFILE=N: cProfile of the revision's translate call, the N costliest functions by cumulative time.)
(--argos-sized: a 32 000-piece output layer and d_model 512, ~130 MB like a real Argos package).
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import os
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from statementkit.adapters.argos.engine import ArgosEngine, available_cores  # noqa: E402
from statementkit.adapters.argos.packages import ArgosPackage, install_archive  # noqa: E402
from statementkit.services.translate.base import Hypothesis  # noqa: E402
from statementkit.testing.synthetic import synthetic_statement  # noqa: E402
from statementkit.testing.tiny_argos import build_package  # noqa: E402

LANGS = ("zh", "ru")


class _Recorder:
    """Stands in for the model to learn which segments statementkit sends (returns them unchanged)."""

    def __init__(self, source: str, target: str, sink: dict[str, list[str]]) -> None:
        self.source, self.target, self.label = source, target, "recorder"
        self.sink = sink

    def translate(self, segments: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        self.sink.setdefault(self.target, []).extend(segments)
        return [Hypothesis(s) for s in segments]


def segments_sent(spec: Path) -> tuple[dict[str, list[str]], list[str]]:
    from statementkit.adapters.translations_file import load_translations
    from statementkit.app.workspace import load_workspace
    from statementkit.cli.options import default_library_dir
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import translate_statement
    from statementkit.services.translate.segment import split_sentences

    ws = load_workspace(spec, default_library_dir())
    tr = load_translations(spec.with_name("none.yaml"), "en")
    sink: dict[str, list[str]] = {}
    translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, tr), tr, LANGS,
                        lambda a, b: _Recorder(a, b, sink), None)
    sources = [s for u in ws.statement.units() if u.clause.text for s in split_sentences(u.clause.text, "en")]
    return sink, sources


def raw_ct2(packages: dict[str, ArgosPackage], segments: dict[str, list[str]], threads: int, beam: int) -> float:
    import ctranslate2
    import sentencepiece as spm

    start = time.perf_counter()
    for lang in LANGS:
        pkg, segs = packages[lang], segments[lang]
        inter, intra = (threads, 1) if len(segs) > 32 else (1, threads)  # the engine's rule
        sp = spm.SentencePieceProcessor(model_file=str(pkg.tokenizer))
        tr = ctranslate2.Translator(str(pkg.model_dir), device="cpu", compute_type="auto", inter_threads=inter,
                                    intra_threads=intra)
        tokens = sp.encode(segs, out_type=str)
        results = tr.translate_batch(tokens, max_batch_size=32, beam_size=beam, length_penalty=0.2,
                                     replace_unknowns=True, return_scores=True)
        [sp.decode_pieces(r.hypotheses[0]) for r in results]
    return time.perf_counter() - start


def statementkit_cli(spec_text: str, models: Path, work: Path, threads: int, beam: int, run: int) -> float:
    from click.testing import CliRunner

    from statementkit.cli import cli

    d = work / f"b{run}"
    d.mkdir()
    spec = d / "statement.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    start = time.perf_counter()
    result = CliRunner().invoke(cli, ["translate", str(spec), "--to", "zh", "--to", "ru", "--models", str(models),
                                      "--tm", str(d / "tm.sqlite"), "--threads", str(threads), "--beam", str(beam)])
    elapsed = time.perf_counter() - start
    if result.exit_code != 0:
        raise SystemExit(f"statementkit translate failed: {result.output}")
    print(f"    statementkit: {result.stdout.strip().splitlines()[-1]}")
    return elapsed


class _Counter:
    """Wraps a translator, counting the segments it is sent."""

    def __init__(self, inner: Any, sink: list[str], clock: list[float] | None = None) -> None:
        self.inner, self.sink, self.clock = inner, sink, clock
        self.source, self.target, self.label = inner.source, inner.target, inner.label

    def translate(self, segments: Sequence[str], progress: Callable[[int], None] | None = None) -> list[Hypothesis]:
        self.sink.extend(segments)
        start = time.perf_counter()
        out = list(self.inner.translate(segments, progress))
        if self.clock is not None:
            self.clock.append(time.perf_counter() - start)  # model load and decoding
        return out


def _edit_one_sentence(text: str) -> str:
    """The clause with its first sentence edited (one word added), the others untouched."""
    from statementkit.services.translate.segment import split_sentences

    first = split_sentences(text, "en")[0]
    return text.replace(first, first[:-1] + " jointly" + first[-1], 1)


def revision(spec_text: str, models: Path, work: Path, threads: int, beam: int) -> None:
    """(d): full translation, all approved, 10 % of clauses with one sentence edited, translated again."""
    import re

    from statementkit.adapters.argos.engine import Engines
    from statementkit.adapters.tm.sqlite_tm import TranslationMemory
    from statementkit.adapters.translations_file import (
        load_translations,
        save_translations,
        translations_path,
    )
    from statementkit.app.workspace import load_workspace
    from statementkit.cli.options import default_library_dir
    from statementkit.model.translation import Origin, Status, Translations
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.translate.pipeline import translate_statement

    d = work / "revision"
    d.mkdir()
    spec = d / "statement.yaml"
    spec.write_text(spec_text, encoding="utf-8")

    def translate(sent: list[str]) -> float:
        ws = load_workspace(spec, default_library_dir())
        tr = load_translations(translations_path(spec), "en")
        engines = Engines(models, threads=threads, beam_size=beam)
        clocks.append([])
        start, cpu = time.perf_counter(), time.process_time()
        profile = cProfile.Profile() if os.environ.get("BENCH_PROFILE") and sent is rev_sent else None
        if profile is not None:
            profile.enable()
        with TranslationMemory(d / "tm.sqlite") as memory:
            result = translate_statement(ws.statement, Renderer(ws.statement, ws.registry, ws.library, tr), tr,
                                         LANGS, lambda a, b: _Counter(engines(a, b), sent, clocks[-1]), memory)
        if profile is not None:
            profile.disable()
            pstats.Stats(profile).sort_stats("cumulative").print_stats(int(os.environ["BENCH_PROFILE"]))
        save_translations(translations_path(spec), result.translations, [u.id for u in ws.statement.units()])
        readings.append(result.summary.case_readings)
        cpus.append(time.process_time() - cpu)
        return time.perf_counter() - start

    cpus: list[float] = []
    readings: list[int] = []
    clocks: list[list[float]] = []
    rev_sent: list[str] = []
    full_sent: list[str] = []
    full = translate(full_sent)
    tr = load_translations(translations_path(spec), "en")
    approved = {k: e.with_(origin=Origin.HUMAN, status=Status.APPROVED, flags=(), notes=()) for k, e in tr.entries.items()}
    save_translations(translations_path(spec), Translations("en", approved))
    clauses = re.findall(r'(?m)^    text: "(.*)"$', spec_text)
    edited = clauses[::10]
    text = spec_text
    for c in edited:
        text = text.replace(f'text: "{c}"', f'text: "{_edit_one_sentence(c)}"', 1)
    spec.write_text(text, encoding="utf-8")
    rev = translate(rev_sent)
    expected = len(edited) * len(LANGS)
    sentences = len(rev_sent) - readings[1]
    print(f"(d) revision: {len(clauses)} approved clauses, {len(edited)} with one sentence edited: "
          f"{sentences} sentences to the model (expected {expected}: edited sentences x {len(LANGS)} languages)"
          f" + {readings[1]} Russian ones with their names unlocked (case readings; full run: {readings[0]})"
          f"; full translation {full:.2f} s ({len(full_sent)} segments, CPU {cpus[0]:.2f} s), revision {rev:.2f} s "
          f"(CPU {cpus[1]:.2f} s): "
          f"ratio {rev / full:.3f} (goal <= 0.15) -> {'OK' if sentences == expected and rev <= 0.15 * full else 'MISSED'}")
    model = sum(clocks[1])
    print(f"    revision: model (load + decoding) {model:.2f} s, the rest (memory, segmentation, locking, checks) "
          f"{rev - model:.2f} s")


def argos(models: Path, sources: list[str], threads: int, beam: int) -> float | None:
    if importlib.util.find_spec("argostranslate") is None:
        return None
    os.environ.update(ARGOS_PACKAGES_DIR=str(models), ARGOS_INTRA_THREADS=str(threads), ARGOS_INTER_THREADS="1",
                      ARGOS_BEAM_SIZE=str(beam), ARGOS_DEVICE_TYPE="cpu")
    import argostranslate.translate as at

    class OneSentence:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    start = time.perf_counter()
    for lang in LANGS:
        t = at.get_translation_from_codes("en", lang)
        t.underlying.sentencizer = OneSentence()  # type: ignore[attr-defined]
        for s in sources:
            t.translate(s)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clauses", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5, help="runs of (a) and (b); the best is reported")
    ap.add_argument("--beam", type=int, default=4)
    ap.add_argument("--argos-sized", action="store_true")
    ap.add_argument("--revision-only", action="store_true", help="only the revision scenario (d)")
    a = ap.parse_args()
    threads = available_cores()
    with tempfile.TemporaryDirectory(prefix="bench-translate-") as tmp:
        work = Path(tmp)
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(work / var.lower())
        size = dict(width=224, pad_vocab=32000) if a.argos_sized else {}
        t0 = time.perf_counter()
        models = work / "models"
        packages = {lang: install_archive(build_package("en", lang, work / "pkgs", **size), models) for lang in LANGS}
        mb = sum(f.stat().st_size for p in packages.values() for f in p.model_dir.iterdir()) / 2 / 1e6
        spec_text = synthetic_statement(a.clauses)
        spec = work / "plan.yaml"
        spec.write_text(spec_text, encoding="utf-8")
        segments, sources = segments_sent(spec)
        print(f"models: {'argos-sized' if a.argos_sized else 'tiny'} copy en->zh, en->ru ({mb:.1f} MB each, "
              f"built in {time.perf_counter() - t0:.1f} s); {a.clauses} clauses, "
              f"{sum(map(len, segments.values()))} segments ({len(sources)} sentences x {len(LANGS)} languages, and "
              f"Russian sentences with their names unlocked for their case); "
              f"threads={threads}, beam={a.beam}")
        ArgosEngine(packages["zh"], threads=threads).translate(["warm up"])  # page the libraries in
        if a.revision_only:
            revision(spec_text, models, work, threads, a.beam)
            return
        raw: list[float] = []
        ours: list[float] = []
        for i in range(a.runs):  # interleaved, so that load from other processes hits both alike
            raw.append(raw_ct2(packages, segments, threads, a.beam))
            ours.append(statementkit_cli(spec_text, models, work, threads, a.beam, i))
        ta, tb = min(raw), min(ours)
        tc = argos(models, sources, threads, a.beam)
        print(f"(a) raw CTranslate2 translate_batch   {ta:7.2f} s   (best of {a.runs}: "
              f"{', '.join(f'{x:.2f}' for x in raw)})")
        print(f"(b) statementkit translate            {tb:7.2f} s   (best of {a.runs}: "
              f"{', '.join(f'{x:.2f}' for x in ours)})")
        print(f"(c) argostranslate sentence by sentence {'   n/a (not installed)' if tc is None else f'{tc:5.2f} s'}")
        ratio_c = "n/a" if tc is None else f"{tc / tb:.2f}"
        print(f"translate ratios: statementkit/raw={tb / ta:.2f} argos/statementkit={ratio_c}")
        revision(spec_text, models, work, threads, a.beam)


if __name__ == "__main__":
    main()
