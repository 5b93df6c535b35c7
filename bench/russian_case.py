"""Case of locked Russian registry terms: the clause library's test set (every registry name a Russian template
puts in the genitive, dative, instrumental or prepositional, in its template sentence), names locked, the rest
through a tiny real copy model (CTranslate2), names restored; prints the share that came back in the right case.

The case has two sources: the governing word before the name, and the model's own rendering of the name in
the same sentence sent with the name unlocked (--governing-only: the first alone, for comparison).

Run: python bench/russian_case.py [--show-wrong] [--governing-only]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from statementkit.adapters.argos.engine import ArgosEngine  # noqa: E402
from statementkit.adapters.argos.packages import find_package, install_archive  # noqa: E402
from statementkit.app.workspace import load_library_and_registry  # noqa: E402
from statementkit.testing.russian_cases import case_set, run_case_set  # noqa: E402
from statementkit.testing.tiny_argos import build_package  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--governing-only", action="store_true", help="the governing word alone (no model reading)")
    a = ap.parse_args()
    library, registry = load_library_and_registry(REPO / "templates")
    items = case_set(library, registry)
    with tempfile.TemporaryDirectory() as tmp:
        models = Path(tmp) / "models"
        install_archive(build_package("en", "ru", Path(tmp) / "pkg"), models)
        pkg = find_package(models, "en", "ru")
        assert pkg is not None
        engine = ArgosEngine(pkg)
        start = time.perf_counter()
        results = run_case_set(items, registry, lambda texts: [h.text for h in engine.translate(texts)],
                               model_reading=not a.governing_only)
        took = time.perf_counter() - start
    by_case = Counter(r.item.case for r in results)
    right = Counter(r.item.case for r in results if r.correct)
    flagged = sum(any(n.startswith("undecided") for n in r.notes) for r in results)
    print(f"russian case of locked terms: {sum(right.values())}/{len(results)} correct "
          f"({100 * sum(right.values()) / max(1, len(results)):.1f} %), {flagged} flagged undecided, "
          f"{took:.2f} s through the copy model ({'governing word only' if a.governing_only else 'governing word + the model reading'})")
    for case in ("gen", "dat", "ins", "prep"):
        print(f"  {case}: {right[case]}/{by_case[case]}")
    if a.show_wrong:
        for r in results:
            if not r.correct:
                print(f"  wrong ({r.item.case}, {r.item.template}): {r.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
