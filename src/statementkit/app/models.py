"""Offline translation models: list and install Argos Translate packages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from statementkit.errors import ModelError, UsageError

if TYPE_CHECKING:
    from statementkit.adapters.argos.packages import ArgosPackage


@dataclass
class InstalledModels:
    """The packages folder, the packages found in it, and the errors of those skipped as broken."""

    directory: Path
    packages: list[ArgosPackage]
    broken: list[ModelError]


def list_models(models_dir: Path | None = None) -> InstalledModels:
    """Installed packages in ``models_dir`` (default: $ARGOS_PACKAGES_DIR or Argos' own folder); ModelError
    when a folder given explicitly does not exist (a typo is not an empty folder)."""
    from statementkit.adapters.argos.packages import list_packages, packages_dir

    if models_dir is not None and not models_dir.is_dir():
        raise ModelError("no such folder of Argos packages", path=models_dir)
    directory = packages_dir(models_dir)
    pkgs, broken = list_packages(directory)
    return InstalledModels(directory, pkgs, broken)


def install_model(archive: Path | None = None, source: str | None = None, target: str | None = None,
                  models_dir: Path | None = None) -> ArgosPackage:
    """Install an ``.argosmodel`` file (checked before extraction), or download the ``source``→``target``
    package from the Argos index (needs the [argos] extra).  UsageError unless exactly one is given."""
    from statementkit.adapters.argos.packages import install_archive, packages_dir

    directory = packages_dir(models_dir)
    if archive is not None:
        if source or target:
            raise UsageError("give a .argosmodel file or --from/--to, not both")
        return install_archive(archive, directory)
    if not (source and target):
        raise UsageError("give a .argosmodel file, or --from LANG --to LANG to download")
    from statementkit.adapters.argos.download import download_and_install

    return download_and_install(source, target, directory)
