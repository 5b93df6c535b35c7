"""Our engine gives, sentence by sentence, exactly what argostranslate gives for the same package and options.

Skipped unless argostranslate is installed (the ``[argos]`` extra; it pulls torch).  argostranslate runs in a
subprocess because it reads its settings from the environment when imported; its sentencizer is replaced by
one that returns the sentence (offline, it would try to download a MiniSBD model).
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from statementkit.adapters.argos.engine import ArgosEngine
from statementkit.adapters.argos.packages import install_archive
from statementkit.testing.tiny_argos import build_package

pytestmark = pytest.mark.skipif(importlib.util.find_spec("argostranslate") is None,
                                reason="argostranslate is not installed (pip install 'statementkit[argos]')")

SENTENCES = [
    "The Parties agree to strengthen cooperation in the field of intellectual property.",
    "Over the next 3 years, the Parties will train 500 patent examiners and hold 12 joint workshops.",
    "At least 40% of the places will be reserved for small and medium-sized enterprises.",
    "The Z1 and the Z2 will meet on Z3 in Urumqi.",
    "Both sides welcome the exchange of patent information from 24 July 2023.",
    "双方同意加强知识产权领域的合作。",
    "Стороны подтверждают сотрудничество в области интеллектуальной собственности.",
    "WIPO, CNIPA (China) & C+C5: 1.5 / 2,000!",
]

_ARGOS_SIDE = """
import json, sys
import argostranslate.translate as at

class OneSentence:
    def split_sentences(self, text):
        return [text]

out = {}
for pair in json.loads(sys.argv[1]):
    a, b = pair.split("-")
    t = at.get_translation_from_codes(a, b)
    t.underlying.sentencizer = OneSentence()
    out[pair] = [t.translate(s) for s in json.loads(sys.argv[2])]
print(json.dumps(out, ensure_ascii=False))
"""


def test_same_translations_as_argostranslate(tmp_path: Path) -> None:
    models = tmp_path / "packages"
    specs = {"en-zh": dict(mode="scramble"), "en-ru": dict(mode="copy"), "zh-en": dict(mode="scramble",
                                                                                       target_prefix="XXen")}
    engines = {}
    for pair, opts in specs.items():
        a, b = pair.split("-")
        pkg = install_archive(build_package(a, b, tmp_path / "built" / pair, **opts), models)  # type: ignore[arg-type]
        engines[pair] = ArgosEngine(pkg, beam_size=4, threads=1)
    env = dict(os.environ, ARGOS_PACKAGES_DIR=str(models), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               ARGOS_INTRA_THREADS="1", ARGOS_DEVICE_TYPE="cpu")
    done = subprocess.run([sys.executable, "-c", _ARGOS_SIDE, json.dumps(list(specs)), json.dumps(SENTENCES)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    theirs = json.loads(done.stdout.strip().splitlines()[-1])
    for pair, engine in engines.items():
        ours = [h.text for h in engine.translate(SENTENCES)]
        assert ours == theirs[pair], pair
    assert theirs["en-ru"][0] == SENTENCES[0]  # copy model: a meaningful comparison, not two empty lists
    assert theirs["en-zh"][0] != SENTENCES[0]
