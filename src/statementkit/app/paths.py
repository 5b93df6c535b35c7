"""Where the clause library and registry are found by default.

Here, not in the CLI, so Python callers get the same default as ``statementkit`` commands; kept apart from
:mod:`.workspace` so that ``statementkit --help``, whose option bundles name it, imports nothing more.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def default_library_dir() -> Path:
    """The clause library and registry: $STATEMENTKIT_LIBRARY, else the ``templates/`` of this checkout
    (an editable install), else the copy a wheel installs under ``<prefix>/share/statementkit/templates``."""
    env = os.environ.get("STATEMENTKIT_LIBRARY")
    if env:
        return Path(env)
    checkout = Path(__file__).resolve().parents[3] / "templates"
    if (checkout / "clauses").is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "statementkit" / "templates"
