"""Download a package from the Argos package index through argostranslate (the optional ``[argos]`` extra).

Imported only by ``statementkit models install --from X --to Y``; argostranslate is imported inside the
function, so nothing else pays for it (its import pulls torch and stanza).
"""

from __future__ import annotations

import os
from pathlib import Path

from statementkit.adapters.argos.packages import ArgosPackage, install_archive
from statementkit.errors import ModelError, UsageError

EXTRA_HINT = "pip install 'statementkit[argos]'"


def download_and_install(source: str, target: str, directory: Path) -> ArgosPackage:
    """Find the pair in the Argos index, download its .argosmodel, then install it with our own checks."""
    os.environ.setdefault("ARGOS_PACKAGES_DIR", str(directory))
    try:
        import argostranslate.package as argos_package
    except ImportError:
        raise UsageError(f"downloading models needs argostranslate: {EXTRA_HINT}, or install a "
                         f".argosmodel file with 'statementkit models install FILE'") from None
    try:
        argos_package.update_package_index()
        available = argos_package.get_available_packages()
    except (OSError, RecursionError, ValueError) as exc:  # offline: URLError is an OSError
        raise ModelError(f"cannot read the Argos package index: {exc}") from None
    match = next((p for p in available if p.from_code == source and p.to_code == target), None)
    if match is None:
        raise ModelError(f"the Argos package index has no {source}->{target} package")
    try:
        downloaded = Path(match.download())
    except OSError as exc:
        raise ModelError(f"download failed: {exc}") from None
    return install_archive(downloaded, directory)
