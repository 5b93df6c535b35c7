"""A throwaway PostgreSQL cluster for tests and benches: ``initdb`` in a temporary folder, the server on a
Unix socket only (no TCP port), UTF-8 with the C.UTF-8 locale (so pg_trgm classes Chinese characters as
letters), stopped and deleted on exit.

PostgreSQL refuses to run as root: when we are root the cluster belongs to the ``postgres`` system user
(Debian's ``postgresql`` package creates it) and its commands run through ``runuser``.  Binaries are found
on PATH or in ``/usr/lib/postgresql/<version>/bin``.  :func:`postgres_bin` says why none can be used.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType


def postgres_bin() -> tuple[Path | None, str]:
    """The folder with ``initdb``/``pg_ctl``, or None and why not."""
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for d in candidates:
        if (d / "initdb").is_file() and (d / "pg_ctl").is_file():
            if os.geteuid() == 0:
                try:
                    pwd.getpwnam("postgres")
                except KeyError:
                    return None, "running as root and there is no 'postgres' user to run the server as"
            return d, ""
    return None, "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"


class ThrowawayPostgres:
    """``with ThrowawayPostgres() as pg: pg.url`` -- a ``postgresql://`` URL of an empty database."""

    def __init__(self, dbname: str = "statementkit") -> None:
        self.dbname = dbname
        self.root: Path | None = None
        self.url = ""

    def _run(self, *cmd: str, timeout: float = 120) -> None:
        argv = list(cmd)
        if os.geteuid() == 0:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        proc = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd[:2])} failed: {(proc.stderr or proc.stdout).strip()[-2000:]}")

    def __enter__(self) -> ThrowawayPostgres:
        bindir, why = postgres_bin()
        if bindir is None:
            raise RuntimeError(why)
        self.root = Path(tempfile.mkdtemp(prefix="stk-pg-"))
        data, sock = self.root / "data", self.root / "sock"
        sock.mkdir()
        if os.geteuid() == 0:
            ent = pwd.getpwnam("postgres")
            for p in (self.root, sock):
                os.chown(p, ent.pw_uid, ent.pw_gid)
        self._bindir = bindir
        try:
            self._run(str(bindir / "initdb"), "-D", str(data), "-E", "UTF8", "--locale=C.UTF-8", "-A", "trust",
                      "-U", "postgres")
            opts = (f"-k {sock} -c listen_addresses='' -c fsync=off -c full_page_writes=off "
                    "-c shared_buffers=128MB -c max_connections=40")
            self._run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "log"), "-o", opts, "-w",
                      "-t", "60", "start")
            self._run(str(bindir / "createdb"), "-h", str(sock), "-U", "postgres", self.dbname)
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.url = f"postgresql://postgres@/{self.dbname}?host={sock}"
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.root is None:
            return
        data = self.root / "data"
        if (data / "postmaster.pid").exists():
            try:
                self._run(str(self._bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop",
                          timeout=60)
            except (RuntimeError, subprocess.TimeoutExpired):
                time.sleep(1)
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
