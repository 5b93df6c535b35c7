"""Generate the reference corpus: statements rendered from the clause library in en, zh and ru, disturbed
the way archives differ, with their known sentence alignment (statementkit.testing.corpus).

Run: ``python corpora/generate.py [N] [--seed S] [-o corpora/reference]`` (default 50 statements, seed 1).
Writes ``<out>/statement-NNNN/statement-NNNN.{en,zh,ru}.txt`` and ``statement-NNNN.truth.tsv``; refuses an
output folder that is not empty.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from statementkit.app.workspace import load_library_and_registry  # noqa: E402
from statementkit.testing.corpus import generate_corpus, write_corpus  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=50, help="number of statements (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--paragraphs", type=int, default=30, help="paragraphs per statement (about)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "corpora" / "reference")
    args = parser.parse_args()
    if args.output.exists() and any(args.output.iterdir()):
        sys.exit(f"generate.py: {args.output} is not empty")
    library, registry = load_library_and_registry(ROOT / "templates")
    n = write_corpus(generate_corpus(args.n, registry, library, seed=args.seed, paragraphs=args.paragraphs),
                     args.output)
    print(f"{n} statements in {args.output}")


if __name__ == "__main__":
    main()
