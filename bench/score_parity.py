"""Score parity: `statementkit score` against the sacrebleu command line on the same line-aligned files.

Reference: the seed statement's clauses rendered in each language; hypothesis: the same with every 5th
word (Chinese: character) dropped.  Prints both sets of corpus figures and the time each side took.
Run: python bench/score_parity.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from statementkit.app.workspace import load_workspace  # noqa: E402
from statementkit.services.assemble.render import Renderer  # noqa: E402
from statementkit.services.score import align, score  # noqa: E402
from statementkit.testing.synthetic import degrade  # noqa: E402


def main() -> None:
    ws = load_workspace(REPO / "examples" / "china-central-asia-ip-2023" / "statement.yaml", REPO / "templates")
    r = Renderer(ws.statement, ws.registry, ws.library)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("zh", "ru", "en"):
            refs = [r.unit_text(u, lang)[0] for u in ws.statement.units()]
            hyps = degrade(refs, 5)
            ref, hyp = Path(tmp) / f"ref.{lang}", Path(tmp) / f"hyp.{lang}"
            ref.write_text("\n".join(refs) + "\n", encoding="utf-8")
            hyp.write_text("\n".join(hyps) + "\n", encoding="utf-8")
            t0 = time.perf_counter()
            ours = score(align(hyps, refs), lang)
            t1 = time.perf_counter()
            args = [sys.executable, "-m", "sacrebleu", str(ref), "-i", str(hyp), "-m", "bleu", "chrf", "ter",
                    "-w", "4", "--format", "json"]
            if lang == "zh":
                args += ["-tok", "zh", "--ter-normalized", "--ter-asian-support"]
            cli = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
            t2 = time.perf_counter()
            print(f"[{lang}] {len(refs)} segments; statementkit {1000 * (t1 - t0):.0f} ms, "
                  f"sacrebleu CLI {1000 * (t2 - t1):.0f} ms")
            for mine, theirs in zip(ours.corpus, cli, strict=True):
                same = "same" if round(mine.score, 4) == theirs["score"] else "DIFFERENT"
                print(f"  {theirs['name']:<6} statementkit {mine.score:.4f}  sacrebleu-cli {theirs['score']:.4f}  "
                      f"{same}  [{mine.signature}]")


if __name__ == "__main__":
    main()
