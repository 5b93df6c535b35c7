"""Start and stop a real LibreTranslate server on 127.0.0.1, offline, loaded with tiny Argos packages.

LibreTranslate (``pip install libretranslate``) pins many libraries (Flask 2.2, numpy < 2, requests 2.31,
its own ``argos-translate-lt``), so it lives in a virtual environment of its own; the executable is
``$STATEMENTKIT_LIBRETRANSLATE``, else ``libretranslate`` on PATH, else ``.lt-venv/bin/libretranslate`` in
the checkout (what ``.ci/run`` and the README's set-up create).

What keeps it offline: with at least two packages installed in ``ARGOS_PACKAGES_DIR`` and no
``--update-models``, it downloads no models at start; ``--load-only`` limits it to en, zh, ru; each
package carries a tiny MiniSBD model (:mod:`.tiny_minisbd`), so its sentence splitter downloads nothing at
the first request; ``HOME`` and the XDG folders point into a temporary folder so nothing of the user's
is read or written.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

REPO = Path(__file__).resolve().parents[3]


def libretranslate_executable() -> tuple[Path | None, str]:
    """The ``libretranslate`` executable, or None and why none was found."""
    env = os.environ.get("STATEMENTKIT_LIBRETRANSLATE")
    candidates = [Path(env)] if env else []
    found = shutil.which("libretranslate")
    candidates += [Path(found)] if found else []
    candidates.append(REPO / ".lt-venv" / "bin" / "libretranslate")
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c, ""
    return None, ("LibreTranslate not installed: python3 -m venv .lt-venv && .lt-venv/bin/pip install "
                  "libretranslate (or set STATEMENTKIT_LIBRETRANSLATE to its executable)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LibreTranslateServer:
    """``with LibreTranslateServer(archives) as url:`` -- a running server with those ``.argosmodel``
    packages installed (each given a tiny MiniSBD model).  ``extra_args`` go to the command line."""

    def __init__(self, archives: Iterable[Path], extra_args: Iterable[str] = (), start_timeout: float = 180) -> None:
        self.archives = list(archives)
        self.extra_args = list(extra_args)
        self.start_timeout = start_timeout
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._root: Path | None = None

    def __enter__(self) -> str:
        from statementkit.adapters.argos.packages import install_archive
        from statementkit.testing.tiny_minisbd import add_to_package

        exe, why = libretranslate_executable()
        if exe is None:
            raise RuntimeError(why)
        self._root = Path(tempfile.mkdtemp(prefix="stk-lt-"))
        packages = self._root / "packages"
        for archive in self.archives:
            install_archive(archive, packages)
        for pkg in packages.iterdir():
            if pkg.is_dir():
                add_to_package(pkg)
        port = _free_port()
        env = {**os.environ, "ARGOS_PACKAGES_DIR": str(packages), "HOME": str(self._root / "home"),
               "XDG_DATA_HOME": str(self._root / "data"), "XDG_CACHE_HOME": str(self._root / "cache"),
               "XDG_CONFIG_HOME": str(self._root / "config"), "ARGOS_DEVICE_TYPE": "cpu",
               "OMP_NUM_THREADS": "1"}
        log = open(self._root / "server.log", "wb")
        self._log = log
        self._proc = subprocess.Popen(
            [str(exe), "--host", "127.0.0.1", "--port", str(port), "--load-only", "en,zh,ru", "--disable-web-ui",
             "--threads", "2", *self.extra_args], env=env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/languages", timeout=2) as resp:
                    if isinstance(json.loads(resp.read()), list):
                        return self.url
            except OSError:
                time.sleep(0.3)
        tail = self.log_tail()
        self.__exit__(None, None, None)
        raise RuntimeError(f"LibreTranslate did not start: {tail}")

    def log_tail(self, n: int = 2000) -> str:
        if self._root is None:
            return ""
        try:
            return (self._root / "server.log").read_text(encoding="utf-8", errors="replace")[-n:]
        except OSError:
            return ""

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._proc is not None:
            self._proc.terminate()
            try:
                self._proc.wait(20)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait(10)
            self._proc = None
            self._log.close()
        if self._root is not None:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
