"""Benchmark ``statementkit align`` on the reference corpus generated from the clause library.

1. Quality: 200 statements of ~30 paragraphs in en, zh and ru (paragraphs merged and split, a sentence
   dropped, two paragraphs swapped, numbering styles varied: :mod:`statementkit.testing.corpus`) are aligned
   and compared with their known alignment: sentence-pair precision and recall per language pair at the
   default ``--min-confidence`` (goal: precision ≥ 98 %, recall ≥ 95 %).
2. Speed: 1,000 such statements are written as an archive of text files, and ``statementkit align ARCHIVE
   --tmx OUT --jobs 2`` runs on the first 250, 500 and 1,000 in a fresh process each: wall time and peak
   memory (the sum of the resident sets of the command and its worker processes, sampled every 50 ms).
   Goal: 1,000 statements ≤ 180 s and ≤ 1 GB on two cores.

Run: ``PYTHONPATH=src python bench/align.py`` (``--quick``: 60 statements for quality, 50/100 for speed;
``--no-lexicon``: quality with paragraphs paired without the clause library's terms, :mod:`statementkit.services.
align.lexicon`, for comparison; ``--quality-only``: skip the speed part).
The last line is ``align figures: P(en-zh)=… R(en-zh)=… … t1000=<s> cpu1000=<s> mem1000=<MB>
scale=<t1000/t250> cpu_scale=<cpu1000/cpu250>`` (CPU: user + system seconds of the command and its
workers, which a busy machine does not inflate as it does wall time).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from statementkit.app.align import AlignOptions  # noqa: E402
from statementkit.app.workspace import load_library_and_registry  # noqa: E402
from statementkit.services.align import AnchorFinder, Para, align_document  # noqa: E402
from statementkit.services.align.lexicon import library_lexicon  # noqa: E402
from statementkit.testing.corpus import Score, generate_corpus, score_alignment, write_corpus  # noqa: E402

PAIRS = (("en", "zh"), ("en", "ru"), ("zh", "ru"))
LEXICON = "--no-lexicon" not in sys.argv  # --no-lexicon: paragraphs paired without the library's terms


def quality(n: int, seed: int) -> dict[tuple[str, str], Score]:
    library, registry = load_library_and_registry(ROOT / "templates")
    lexicon = library_lexicon(library) if LEXICON else None
    finders = {lg: AnchorFinder(registry, lg, lexicon) for lg in ("en", "zh", "ru")}
    total = {p: Score() for p in PAIRS}
    for gs in generate_corpus(n, registry, library, seed=seed):
        doc = align_document({lg: [Para(p.text, p.label) for p in ps] for lg, ps in gs.versions.items()}, finders)
        for pair, s in score_alignment(gs, doc, AlignOptions().min_confidence).items():
            total[pair].add(s)
    return total


def _tree_rss(pid: int) -> int:
    """Resident set of ``pid`` and its descendants, in kB (Linux /proc)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
            for t in Path(f"/proc/{p}/task").iterdir():
                kids = (t / "children").read_text().split()
                todo += [int(k) for k in kids]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_align(archive: Path, out: Path) -> tuple[float, float, float, str]:
    cmd = [sys.executable, "-m", "statementkit", "align", str(archive), "--tmx", str(out), "--jobs", "2"]
    cpu0 = _cpu_children()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.05)
    t = threading.Thread(target=sample)
    t.start()
    _out, err = proc.communicate()
    t.join()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"align failed ({proc.returncode}): {err.strip()}")
    return elapsed, peak[0] / 1024, _cpu_children() - cpu0, err.strip().splitlines()[-1]


def main() -> None:
    quick = "--quick" in sys.argv
    nq = 60 if quick else 200
    sizes = (50, 100) if quick else (250, 500, 1000)
    t0, c0 = time.perf_counter(), time.process_time()
    scores = quality(nq, seed=11)
    print(f"quality: {nq} statements (seed 11), min-confidence {AlignOptions().min_confidence}, "
          f"{'without' if not LEXICON else 'with'} the library's terms, {time.perf_counter() - t0:.1f} s wall, "
          f"{time.process_time() - c0:.1f} s CPU in one process")
    for (la, lb), s in scores.items():
        print(f"  {la}-{lb}: precision {100 * s.precision:.2f} % ({s.correct}/{s.found}), "
              f"recall {100 * s.recall:.2f} % ({s.correct}/{s.true})")
    if "--quality-only" in sys.argv:
        return
    library, registry = load_library_and_registry(ROOT / "templates")
    figures: dict[int, tuple[float, float, float]] = {}
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "all"
        t0 = time.perf_counter()
        write_corpus(generate_corpus(max(sizes), registry, library, seed=3), full)
        print(f"speed: archive of {max(sizes)} statements generated in {time.perf_counter() - t0:.1f} s")
        names = sorted(p.name for p in full.iterdir())
        for n in sizes:
            sub = Path(tmp) / f"first-{n}"
            sub.mkdir()
            for name in names[:n]:
                (sub / name).symlink_to(full / name)
            elapsed, mem, cpu, line = run_align(sub, Path(tmp) / f"out-{n}.tmx")
            figures[n] = (elapsed, mem, cpu)
            print(f"  {n:>5} statements: {elapsed:6.1f} s wall, {cpu:6.1f} s CPU (all processes), "
                  f"peak {mem:6.0f} MB (command and 2 workers); {line}")
    big, small = max(sizes), min(sizes)
    scale = figures[big][0] / figures[small][0]
    cpu_scale = figures[big][2] / figures[small][2]
    print(f"  scaling {small}→{big}: ×{scale:.2f} wall time, ×{cpu_scale:.2f} CPU time for ×{big // small} "
          f"statements (load average at the start {load:.1f} on {os.cpu_count()} cores: wall time includes "
          "waiting for other processes)")
    pr = " ".join(f"P({a}-{b})={100 * s.precision:.2f} R({a}-{b})={100 * s.recall:.2f}"
                  for (a, b), s in scores.items())
    print(f"align figures: {pr} t{big}={figures[big][0]:.1f} cpu{big}={figures[big][2]:.1f} "
          f"mem{big}={figures[big][1]:.0f} scale={scale:.2f} cpu_scale={cpu_scale:.2f}")


if __name__ == "__main__":
    main()
