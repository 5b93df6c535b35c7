"""Whole-process start-up time of `statementkit --help` and `statementkit build --lang all` on the seed example.

Run: python bench/startup.py [--runs N]
Goals (issue 2): --help under 0.3 s, build --lang all under 1.5 s.  Prints the best and median of N runs.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO / "examples" / "china-central-asia-ip-2023" / "statement.yaml"


def timed(args: list[str], runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "statementkit", *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    bare = timed(["--version"], runs)  # interpreter + package import: the floor
    help_ = timed(["--help"], runs)
    with tempfile.TemporaryDirectory() as out:
        build = timed(["build", str(SPEC), "--lang", "all", "-o", out], runs)
    print(f"{'command':<32} {'best s':>8} {'median s':>9} {'goal s':>7}")
    print(f"{'statementkit --version':<32} {bare[0]:>8.3f} {bare[1]:>9.3f} {'':>7}")
    print(f"{'statementkit --help':<32} {help_[0]:>8.3f} {help_[1]:>9.3f} {0.3:>7.1f}")
    print(f"{'statementkit build --lang all':<32} {build[0]:>8.3f} {build[1]:>9.3f} {1.5:>7.1f}")
    print(f"ratios to goal: help={help_[1] / 0.3:.2f} build_all={build[1] / 1.5:.2f}")
    print(f"startup figures: help={help_[1]:.3f} build_all={build[1]:.3f}")


if __name__ == "__main__":
    main()
