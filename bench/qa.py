"""Cross-language QA on the reference corpus: false alarms and catch rate per check, and the speed of `check`.

    python bench/qa.py                  # 20 corpus statements (seed 1): tables per fault kind and per check
    python bench/qa.py --statements 50 --seed 3
    python bench/qa.py --library-configs  # the whole library in the six statements of qa_faults.CONFIGS
    python bench/qa.py --calibrate      # length ratios per language pair (for LENGTH_RATIOS)
    python bench/qa.py --missed         # also list every injected fault that was not caught

Inputs: the statements of the reference corpus (corpora/README.md; statementkit.testing.corpus, the texts
`python corpora/generate.py` writes), each clause with its en, zh and ru text reassembled from the corpus
sentences (clauses with a dropped sentence left out: :func:`statementkit.testing.corpus.clause_texts`).  The
clean texts give the false-alarm rate: findings per check over the clause-language texts checked.  The same
texts with injected faults give the catch rate: each fault kind (statementkit.testing.qa_faults.FAULTS) is
injected into every clause and language where it applies, and counts as caught when a finding names that
clause and language; per check, how many of the caught faults it reported.  Speed: `check` (validation and
all QA checks) on a 2,000-clause statement in three languages.  Times are wall and CPU seconds.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def calibrate(statements: list, ctx: object) -> None:
    from statementkit.services.qa.checks import QAContext

    assert isinstance(ctx, QAContext)
    ratios: dict[tuple[str, str], list[float]] = {}
    for units in statements:
        for u in units:
            for a in ("en", "zh", "ru"):
                for b in ("en", "zh", "ru"):
                    ta, tb = u.texts.get(a), u.texts.get(b)
                    if a == b or not ta or not tb:
                        continue
                    la, lb = ctx.analysis(ta, a).length, ctx.analysis(tb, b).length
                    if la >= {"zh": 14}.get(a, 8):
                        ratios.setdefault((a, b), []).append(lb / la)
    print("pair    n    min    max    geo-mean  bounds (12 % wider: LENGTH_RATIOS)")
    for pair, rs in sorted(ratios.items()):
        gm = math.exp(sum(math.log(r) for r in rs) / len(rs))
        print(f"{pair[0]}->{pair[1]}  {len(rs):4d}  {min(rs):.2f}  {max(rs):.2f}  {gm:.2f}      "
              f"({min(rs) * 0.88:.2f}, {max(rs) * 1.12:.2f})")


def speed(n: int = 2000) -> None:
    """Whole-process ``statementkit check`` on an n-clause statement (wall and CPU time), and the same check
    in-process with no reuse of the analysis of a text seen in another clause: the statement cycles through the
    library's templates, so equal texts recur, which a real statement's clauses do not."""
    import resource

    from statementkit.app.workspace import load_workspace
    from statementkit.services.assemble.render import Renderer
    from statementkit.services.qa.checks import Analysis, QAContext, check_units, unit_texts
    from statementkit.services.validate import validate_library, validate_statement
    from statementkit.testing.qa_faults import big_translated_statement

    class PerClause(QAContext):
        """Analyses keyed by the text object: each clause's rendered texts are analysed once, as if unique."""

        def analysis(self, text: str, lang: str) -> Analysis:
            key = (str(id(text)), lang)
            got = self.cache.get(key)
            if got is None:
                got = super().analysis(text, lang)
                del self.cache[(text, lang)]
                self.cache[key] = got
            return got

    with tempfile.TemporaryDirectory() as tmp:
        spec = big_translated_statement(Path(tmp), n, REPO / "templates")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "statementkit", "check", str(spec), "--library",
                              str(REPO / "templates")], capture_output=True, text=True, check=False)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        last = (res.stdout or res.stderr).strip().splitlines()[-1:]
        print(f"statementkit check, {n}-clause statement in en, zh, ru (whole process): {wall:.2f} s wall, "
              f"{cpu:.2f} s CPU (exit {res.returncode}: {last[0] if last else ''})")
        t0 = time.perf_counter()
        c0 = time.process_time()
        ws = load_workspace(spec, REPO / "templates")
        validate_library(ws.library)
        validate_statement(ws.statement, ws.registry, ws.library, None)
        units = list(unit_texts(ws.statement, Renderer(ws.statement, ws.registry, ws.library)))
        found = check_units(units, PerClause.for_registry(ws.registry))
        print(f"same check in-process, every clause's texts analysed afresh: {time.perf_counter() - t0:.2f} s wall, "
              f"{time.process_time() - c0:.2f} s CPU ({len(units)} clauses, {len(found)} findings)")


def corpus_units(library: object, registry: object, n: int, seed: int) -> list:
    """The corpus statements as QA units: ``<statement>/<clause>``, en as source, the three texts."""
    from types import MappingProxyType

    from statementkit.services.qa.checks import UnitTexts
    from statementkit.testing.corpus import clause_texts, generate_corpus

    return [[UnitTexts(f"{gs.name}/{clause}", "en", MappingProxyType(texts)) for clause, texts in clause_texts(gs)]
            for gs in generate_corpus(n, registry, library, seed=seed)]  # type: ignore[arg-type]


def per_check(clean: list, tallies: dict, texts: int) -> None:
    """Per check: findings on the clean texts (false alarms, per clause-language text checked) and the
    injected faults it reported."""
    from statementkit.services.qa.checks import CHECKS

    alarms: dict[str, int] = {}
    for f in clean:
        alarms[f.check] = alarms.get(f.check, 0) + 1
    reported: dict[str, int] = {}
    for t in tallies.values():
        for name, k in getattr(t, "by_check", {}).items():
            reported[name] = reported.get(name, 0) + k
    print(f"{'check':<28} {'false alarms':>12} {'rate':>8} {'faults reported':>16}")
    for name in sorted(CHECKS):
        print(f"{name:<28} {alarms.get(name, 0):>12} {alarms.get(name, 0) / max(texts, 1):>8.3%} "
              f"{reported.get(name, 0):>16}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--missed", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--statements", type=int, default=20, help="corpus statements (default 20)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1, as corpora/generate.py)")
    ap.add_argument("--library-configs", action="store_true",
                    help="the library in qa_faults.CONFIGS instead of the corpus")
    args = ap.parse_args()

    from statementkit.app.workspace import load_library_and_registry
    from statementkit.services.qa.checks import QAContext
    from statementkit.testing.qa_faults import library_units, run_harness

    library, registry = load_library_and_registry(REPO / "templates")
    if args.library_configs:
        statements = library_units(library, registry)
        what = f"clause library: {len(library.templates)} templates in {len(statements)} statements"
    else:
        statements = corpus_units(library, registry, args.statements, args.seed)
        what = f"reference corpus: {len(statements)} statements (seed {args.seed})"
    ctx = QAContext.for_registry(registry)
    if args.calibrate:
        calibrate(statements, ctx)
        return 0
    t0, c0 = time.perf_counter(), time.process_time()
    tallies, clean = run_harness(statements, ctx)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    n_units = sum(len(u) for u in statements)
    print(f"{what}, {n_units} clauses x 3 languages; harness {elapsed:.1f} s wall, {cpu:.1f} s CPU")
    per_check(clean, tallies, n_units * 3)
    print(f"{'fault kind':<22} {'injected':>8} {'caught':>7} {'rate':>7}")
    ok = True
    for name, t in tallies.items():
        print(f"{name:<22} {t.injected:>8} {t.caught:>7} {t.rate:>7.1%}")
        ok &= t.injected > 0 and t.rate >= 0.95
        if args.missed:
            for m in t.missed:
                print(f"    missed {m}")
    print(f"findings on the uninjected texts: {len(clean)}")
    for f in clean:
        print(f"    {f}")
    ok &= not clean
    if not args.no_speed:
        speed()
    print("acceptance (every kind >= 95 %, no finding on clean texts):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
