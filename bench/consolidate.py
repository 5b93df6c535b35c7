"""Benchmark ``statementkit consolidate``: a 500-clause base and 5 party drafts, each editing 10 % of the
clauses (a few words replaced or added), the edited clauses drawn from the same 30 % of the text so that
drafts overlap and conflict, plus one paragraph added and one dropped per draft.

Times the whole pipeline in a fresh process (``statementkit consolidate`` with interpreter start: read six
DOCX, align and diff, write the consolidated DOCX) and, in this process, the use case alone.  Goal: ≤ 5 s
on two cores.  When python-redlines (``pip install "python-redlines[all]==2.0.0"``) runs here, its
Docxodus engine is timed on the same five base→draft pairs (it compares two documents at a time) as the
peer figure.

Run: ``PYTHONPATH=src python bench/consolidate.py``.  The last line is
``consolidate figures: cli=<s> in_process=<s> revisions=<n> conflicts=<n> redlines_pairs=<s or n/a>``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from statementkit.testing.negotiation import synthetic_negotiation

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff import redlines_time

N, PARTIES, SHARE = 500, ("kz", "kg", "tj", "tm", "uz"), 0.10


def main() -> None:
    from statementkit.app.consolidate import consolidate_drafts

    with tempfile.TemporaryDirectory(prefix="sk_bench_cons_") as tmp:
        folder = Path(tmp)
        base, drafts = synthetic_negotiation(folder, N, PARTIES, SHARE)
        args = [f"{p}={d}" for p, d in drafts]
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "statementkit", "consolidate", str(base), *args,
                               "-o", str(folder / "cli.docx"), "--report", str(folder / "report.txt")],
                              capture_output=True, text=True)
        cli = time.perf_counter() - t0
        if proc.returncode != 0:
            raise SystemExit(f"consolidate failed: {proc.stderr.strip()}")
        t0 = time.perf_counter()
        result = consolidate_drafts(base, args, folder / "lib.docx")
        in_process = time.perf_counter() - t0
        revisions = sum(result.stats.revisions.values())
        print(f"{N} clauses, {len(drafts)} drafts ({SHARE:.0%} of clauses edited each): cli {cli:.3f} s "
              f"(goal <= 5 s), use case {in_process:.3f} s; {revisions} revisions, "
              f"{len(result.stats.conflicts)} conflicts, {result.stats.shared} shared edits")
        red: float | None = 0.0
        for _, d in drafts:
            one = redlines_time(base, d)
            if one is None:
                red = None
                break
            red += one
        if red is not None:
            print(f"python-redlines (Docxodus engine), the same 5 pairs one after another: {red:.3f} s")
        print(f"consolidate figures: cli={cli:.3f} in_process={in_process:.3f} revisions={revisions} "
              f"conflicts={len(result.stats.conflicts)} redlines_pairs={'n/a' if red is None else f'{red:.3f}'}")


if __name__ == "__main__":
    main()
