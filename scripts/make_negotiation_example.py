"""Generate the five-party example negotiation in examples/negotiation-2025/ from
examples/china-central-asia-ip-2025: the host's base in en, zh and ru and five drafts (kg, tj, uz on the
English text, cn on the Chinese, tm on the Russian) with overlapping and conflicting edits, a moved clause,
an added and a dropped clause.  The edits are listed in statementkit.testing.negotiation.EXAMPLE_DRAFTS.

Run: ``python scripts/make_negotiation_example.py [OUT]`` (default examples/negotiation-2025).
"""

from __future__ import annotations

import sys
from pathlib import Path

from statementkit.testing.negotiation import make_example

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "examples" / "negotiation-2025"
    for name, path in make_example(REPO / "examples", out).items():
        print(f"{name}: {path.relative_to(out.parent) if path.is_relative_to(out.parent) else path}")


if __name__ == "__main__":
    main()
