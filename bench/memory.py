"""Translation memory at scale (issue 17): TMX import, exact and fuzzy look-up, SQLite and PostgreSQL.

1. Generates a trilingual TMX (en/zh/ru, 6 ordered pairs per unit) of ``--pairs`` pairs
   (statementkit.testing.memory_corpus: Zipf-distributed vocabulary, half the sentences opening with treaty
   phrases).
2. Per backend (a SQLite file; a throwaway PostgreSQL cluster when its binaries are installed):
   ``statementkit tm import`` in a child process -- wall time, CPU time, peak RSS (goals: <= 60 s, <= 300 MB
   at one million pairs); then ``--queries`` exact look-ups (stored en and zh sources; goal p95 <= 1 ms) and
   fuzzy look-ups of edited stored sentences, en and zh (goal p95 <= 50 ms), with how often the edited
   sentence's own source comes first, and, for ``--recall`` of them, whether the indexed result equals the
   full scan's.
3. On a ``--scan-pairs`` memory, for comparison: today's full scan (the previous release's look-up, verbatim,
   on a format-1 copy of the memory), the new full scan (``lookup_fuzzy_scan``: rapidfuzz over the plain
   sources, translations fetched for the best only) and the index.

Run: python bench/memory.py [--pairs 1000000] [--scan-pairs 100000] [--queries 200] [--recall 20]
     [--backends sqlite,postgresql] [--workdir DIR]
The machine is shared: CPU seconds are printed beside wall seconds.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from statementkit.app.memory import open_memory  # noqa: E402
from statementkit.testing.memory_corpus import edit, units, write_tmx  # noqa: E402

LANG_INDEX = {"en": 0, "ru": 1, "zh": 2}


def pct(values: Sequence[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def timed(fn: Callable[..., Any], *args: Any) -> tuple[float, float, Any]:
    """(wall ms, CPU ms, result) of ``fn(*args)``."""
    w, c = time.perf_counter(), time.process_time()
    out = fn(*args)
    return (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000, out


def generated(tmx: Path, n_units: int) -> bool:
    """Write the corpus TMX of ``n_units`` units (seed 17) unless ``tmx`` already holds it: the file is
    written under a temporary name and renamed when complete, so a file of that name is always whole.
    True when an existing file was reused."""
    if tmx.is_file():
        with open(tmx, "rb") as fh:
            fh.seek(max(tmx.stat().st_size - 64, 0))
            if fh.read().endswith(b"</body></tmx>\n"):
                return True
    part = tmx.with_name(tmx.name + ".part")
    write_tmx(part, n_units)
    part.replace(tmx)
    return False


def import_cli(tmx: Path, location: str) -> dict[str, float]:
    """``statementkit tm import`` in a child process: wall s, CPU s (``os.wait4``), peak RSS MB of that process
    alone: its VmHWM, read every 0.1 s (the rusage maximum would include this process's memory, which the
    child shares until it executes Python, and RUSAGE_CHILDREN the largest of all children so far)."""
    start = time.perf_counter()
    peak = 0
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([sys.executable, "-m", "statementkit", "tm", "import", str(tmx), "--tm", location],
                                stdout=out, stderr=err)
        while True:
            with contextlib.suppress(OSError, ValueError, IndexError):
                status_text = Path(f"/proc/{proc.pid}/status").read_text()
                peak = max(peak, int(status_text.split("VmHWM:")[1].split()[0]))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"import failed: {stderr.strip()}")
    print(f"    {stdout.strip()}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": peak / 1024}


def sample(n_units: int, k: int, seed: int) -> list[tuple[str, str, str]]:
    rnd = random.Random(seed)
    picks = set(rnd.sample(range(n_units), min(k, n_units)))
    return [u for i, u in enumerate(units(n_units)) if i in picks]


def lookups(memory: Any, picked: list[tuple[str, str, str]], recall: int, label: str, n_units: int) -> None:
    from rapidfuzz import fuzz

    cpu_word = "client CPU" if label == "postgresql" else "CPU"  # the server's time is not in it
    rnd = random.Random(7)
    for lang, tgt in (("en", "zh"), ("zh", "en")):
        i = LANG_INDEX[lang]
        exact = [timed(memory.lookup_exact, lang, tgt, u[i]) for u in picked]
        assert all(r[2] is not None for r in exact)
        wall = [w for w, _, _ in exact]
        print(f"  {label} exact {lang}->{tgt}: p50 {pct(wall, 50):.2f} ms, p95 {pct(wall, 95):.2f} ms "
              f"({cpu_word} p95 {pct([c for _, c, _ in exact], 95):.2f} ms; {len(wall)} look-ups)")
        queries = [(u[i], edit(u[i], rnd)) for u in picked]
        fuzzy = [timed(memory.lookup_fuzzy, lang, tgt, q) for _, q in queries]
        wall, cpu = [w for w, _, _ in fuzzy], [c for _, c, _ in fuzzy]
        first = sum(1 for (orig, _), (_, _, got) in zip(queries, fuzzy, strict=True) if got and got[0].source == orig)
        lengths = statistics.mean(len(q) for _, q in queries)
        print(f"  {label} fuzzy {lang}->{tgt}: p50 {pct(wall, 50):.1f} ms, p95 {pct(wall, 95):.1f} ms "
              f"({cpu_word} p95 {pct(cpu, 95):.1f} ms); own source first {first}/{len(queries)}; "
              f"mean query {lengths:.0f} chars")
        if recall:
            same = 0
            scan_ms: list[float] = []
            for (_, q), (_, _, got) in list(zip(queries, fuzzy, strict=True))[:recall]:
                w, _, ref = timed(memory.lookup_fuzzy_scan, lang, tgt, q)
                scan_ms.append(w)
                same += got == ref
            print(f"  {label} fuzzy {lang}->{tgt}: index = full scan for {same}/{len(scan_ms)} "
                  f"(full scan p50 {pct(scan_ms, 50):.0f} ms)")
        heads = [u for u in sample(n_units, 4000, 5) if len(u[i]) < 12][:50]
        short = [(u[i], edit(u[i], rnd, 0.3)) for u in heads]
        sh = [timed(memory.lookup_fuzzy, lang, tgt, q, 60) for _, q in short]
        # an edit may take a heading under the threshold or nearer another heading ("Babu bemabe" -> "Babu",
        # which is stored): what counts is that the first match is at least as similar as the own source
        own = first = under = missed = 0
        for (orig, q), (*_, got) in zip(short, sh, strict=True):
            own_score = fuzz.ratio(q, orig)
            if got and got[0].source == orig:
                own += 1
            elif own_score < 60:
                under += 1
            elif got and got[0].score >= own_score:
                first += 1
            else:
                missed += 1
        print(f"  {label} fuzzy {lang}->{tgt} short (edited headings under 12 chars, threshold 60): "
              f"p50 {pct([w for w, _, _ in sh], 50):.1f} ms, p95 {pct([w for w, _, _ in sh], 95):.1f} ms "
              f"({cpu_word} p95 {pct([c for _, c, _ in sh], 95):.1f} ms); own source first {own}/{len(sh)}, "
              f"another at least as similar first {first}, own source under the threshold {under}, "
              f"missed {missed}")


def format_1(path: Path, rows: list[Any]) -> None:
    """The memory as the previous release stored it (format 1: one ``units`` table with the source text)."""
    import sqlite3

    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE units (id INTEGER PRIMARY KEY, src_lang TEXT NOT NULL, tgt_lang TEXT NOT NULL, "
               "source TEXT NOT NULL, target TEXT NOT NULL, origin TEXT NOT NULL, status TEXT NOT NULL, "
               "rank INTEGER NOT NULL, updated REAL NOT NULL, UNIQUE (src_lang, tgt_lang, source, target))")
    db.execute("CREATE INDEX units_by_source ON units (src_lang, tgt_lang, source)")
    db.executemany("INSERT INTO units (src_lang, tgt_lang, source, target, origin, status, rank, updated) "
                   "VALUES (?, ?, ?, ?, ?, ?, 11, 0)", [(a, b, c, d, e.value, f.value) for a, b, c, d, e, f in rows])
    db.commit()
    db.close()


def scan_format_1(path: Path, src_lang: str, tgt_lang: str, text: str, threshold: float = 75.0,
                  limit: int = 3) -> list[tuple[str, str, float]]:
    """The previous release's fuzzy look-up, verbatim: every unit of a comparable length, best target per
    source, rapidfuzz over the sources."""
    import sqlite3

    from rapidfuzz import fuzz, process

    db = sqlite3.connect(path)
    try:
        lo, hi = int(len(text) * 0.5), int(len(text) * 2) + 1
        rows = list(db.execute(
            "SELECT source, target, origin, status FROM units WHERE src_lang = ? AND tgt_lang = ? "
            "AND length(source) BETWEEN ? AND ? ORDER BY rank DESC, updated DESC, id DESC",
            (src_lang, tgt_lang, lo, hi)))
    finally:
        db.close()
    best: dict[str, tuple[Any, ...]] = {}
    for row in rows:
        best.setdefault(str(row[0]), row)
    found = process.extract(text, list(best), scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)
    return [(choice, str(best[choice][1]), float(score)) for choice, score, _ in found]


def server_cpu(data: Path | None) -> float | None:
    """CPU seconds used so far by a PostgreSQL cluster (its postmaster, the backends it has reaped, the live
    ones), from /proc; None without a cluster or /proc."""
    try:
        pid = int((data / "postmaster.pid").read_text().split()[0]) if data else 0
        tick = os.sysconf("SC_CLK_TCK")
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            with contextlib.suppress(OSError):
                total += sum(int(x) for x in Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()[11:13])
        return total / tick
    except (OSError, ValueError, IndexError):
        return None


def run_backend(name: str, location: str, tmx: Path, n_units: int, args: argparse.Namespace,
                data: Path | None = None) -> None:
    print(f"{name}: import {tmx.stat().st_size / 1e6:.0f} MB TMX")
    before = server_cpu(data)
    got = import_cli(tmx, location)
    after = server_cpu(data)
    server = f", server {after - before:.1f} s CPU" if before is not None and after is not None else ""
    print(f"  {name} import: {got['wall']:.1f} s wall, {got['cpu']:.1f} s CPU{server}, peak RSS {got['rss']:.0f} MB "
          f"(load average {os.getloadavg()[0]:.1f})")
    picked = sample(n_units, args.queries, 11)
    with open_memory(location) as memory:
        print(f"  {name}: {len(memory)} pairs stored")
        lookups(memory, picked, args.recall, name, n_units)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=int, default=1_000_000)
    ap.add_argument("--scan-pairs", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--recall", type=int, default=20, help="queries per language also run as a full scan")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="stk-bench-memory-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"cores available: {len(os.sched_getaffinity(0))}, load average {os.getloadavg()[0]:.1f}")
    n_units = max(1, args.pairs // 6)
    tmx = work / f"memory-{args.pairs}.tmx"
    w, _, reused = timed(generated, tmx, n_units)
    print(f"{'reused' if reused else 'generated'} {tmx.name}: {n_units} units = {n_units * 6} pairs, "
          f"{tmx.stat().st_size / 1e6:.0f} MB{'' if reused else f' in {w / 1000:.1f} s'}")
    backends = args.backends.split(",")
    if "sqlite" in backends:
        db = work / f"memory-{args.pairs}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        run_backend("sqlite", str(db), tmx, n_units, args)
    if "postgresql" in backends:
        from statementkit.testing.pg import ThrowawayPostgres, postgres_bin

        if postgres_bin()[0] is None:
            print(f"postgresql: skipped ({postgres_bin()[1]})")
        else:
            with ThrowawayPostgres() as pg:
                run_backend("postgresql", pg.url, tmx, n_units, args, pg.root / "data" if pg.root else None)
    if args.scan_pairs:
        scan_units = max(1, args.scan_pairs // 6)
        small = work / f"memory-{args.scan_pairs}.tmx"
        generated(small, scan_units)
        db = work / f"memory-{args.scan_pairs}.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        import_cli(small, str(db))
        old = work / f"memory-{args.scan_pairs}-format1.sqlite"
        picked = sample(scan_units, 20, 13)
        with open_memory(str(db)) as memory:
            format_1(old, memory.all_units())
            for lang, tgt in (("en", "zh"), ("zh", "en")):
                i = LANG_INDEX[lang]
                queries = [edit(u[i], random.Random(n)) for n, u in enumerate(picked)]
                today = [timed(scan_format_1, old, lang, tgt, q) for q in queries]
                scan = [timed(memory.lookup_fuzzy_scan, lang, tgt, q) for q in queries]
                index = [timed(memory.lookup_fuzzy, lang, tgt, q) for q in queries]
                same = sum(1 for a, b in zip(today, scan, strict=True)
                           if [(m.source, m.target) for m in b[2]] == [(m[0], m[1]) for m in a[2]])
                print(f"at {scan_units * 6} pairs, {lang}->{tgt}: today's full scan (format 1) p50 "
                      f"{pct([t[0] for t in today], 50):.0f} ms, p95 {pct([t[0] for t in today], 95):.0f} ms; "
                      f"new full scan p95 {pct([t[0] for t in scan], 95):.0f} ms (same results {same}/{len(queries)}); "
                      f"index p95 {pct([t[0] for t in index], 95):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
