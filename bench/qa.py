"""Cross-language QA: fault injection over the whole clause library, and the speed of `check`.

    python bench/qa.py              # the table per fault kind, findings on clean texts, check time
    python bench/qa.py --calibrate  # length ratios of the library per language pair (for LENGTH_RATIOS)
    python bench/qa.py --missed     # also list every injected fault that was not caught

The library is rendered in en, zh and ru inside several statements (statementkit.testing.qa_faults.CONFIGS);
each fault kind is injected into every clause and language where it applies, and counts as caught when a
finding names that clause and language.  Speed: `check` (validation and all QA checks, one process-local run)
on a 2,000-clause statement in three languages.
"""

from __future__ import annotations

import argparse
import math
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
    print("pair    n    min    max    geo-mean")
    for pair, rs in sorted(ratios.items()):
        gm = math.exp(sum(math.log(r) for r in rs) / len(rs))
        print(f"{pair[0]}->{pair[1]}  {len(rs):4d}  {min(rs):.2f}  {max(rs):.2f}  {gm:.2f}")


def speed(n: int = 2000) -> float:
    from click.testing import CliRunner

    from statementkit.cli import main
    from statementkit.testing.qa_faults import big_translated_statement

    with tempfile.TemporaryDirectory() as tmp:
        spec = big_translated_statement(Path(tmp), n, REPO / "templates")
        t0 = time.perf_counter()
        res = CliRunner().invoke(main, ["check", str(spec), "--library", str(REPO / "templates")])
        dt = time.perf_counter() - t0
        lines = res.output.strip().splitlines()
        print(f"check of a {n}-clause statement in en, zh, ru: {dt:.2f} s (exit {res.exit_code}: "
              f"{lines[-1] if lines else ''})")
        return dt


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--calibrate", action="store_true")
    ap.add_argument("--missed", action="store_true")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()

    from statementkit.adapters.workspace import load_library_and_registry
    from statementkit.services.qa.checks import QAContext
    from statementkit.testing.qa_faults import iter_faults, library_units, run_harness

    library, registry = load_library_and_registry(REPO / "templates")
    statements = library_units(library, registry)
    ctx = QAContext.for_registry(registry)
    if args.calibrate:
        calibrate(statements, ctx)
        return 0
    t0 = time.perf_counter()
    tallies, clean = run_harness(statements, ctx)
    elapsed = time.perf_counter() - t0
    n_units = sum(len(u) for u in statements)
    print(f"clause library: {len(library.templates)} templates, {len(statements)} statements, {n_units} clauses "
          f"x 3 languages; harness {elapsed:.1f} s")
    print(f"{'fault kind':<22} {'injected':>8} {'caught':>7} {'rate':>7}")
    ok = True
    docs = dict(iter_faults())
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
    del docs
    print("acceptance (every kind >= 95 %, no finding on clean texts):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
