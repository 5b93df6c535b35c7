"""Nothing left behind (issue 10 item 12): killed writers' temporary files, a full disk, a memory that could
not be created.

The full-disk tests mount a real 64 KiB tmpfs (needs root and ``mount``; skipped otherwise); the finaliser
test simulates the same failure anywhere.
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from statementkit.adapters.atomic import HOST_TAG, atomic_path, write_text, writer_tag
from statementkit.errors import OutputError
from tests.conftest import SEED_SPEC

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en"
creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="en"><seg>The Parties agreed.</seg></tuv><tuv xml:lang="zh"><seg>各方同意。</seg></tuv></tu>
</body></tmx>
"""


def _cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "statementkit", *map(str, args)], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# ---- kill -9 -------------------------------------------------------------------------------------------------
WRITER = """
import sys, time
from statementkit.adapters.atomic import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    tmp.write_text("half", encoding="utf-8")
    print("ready", flush=True)
    time.sleep(120)
"""


def test_temp_file_of_a_killed_run_is_removed_by_the_next(run: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "statement.en.txt"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].endswith(".tmp") and not out.exists()
    result = run("build", SEED_SPEC, "--lang", "en", "--format", "txt", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["statement.en.txt"]


def test_temp_files_of_running_writers_are_kept(tmp_path: Path) -> None:
    mine = tmp_path / f".other.txt.statementkit-{writer_tag()}-abc123.tmp"
    stale = tmp_path / f".other.txt.statementkit-{HOST_TAG}-{_dead_pid()}-abc123.tmp"
    foreign = tmp_path / ".other.txt.abc123.tmp"  # not ours: never touched
    other_host = tmp_path / f".b.txt.statementkit-{'0' * 8 if HOST_TAG != '0' * 8 else '1' * 8}-{_dead_pid()}-x.tmp"
    old_other_host = other_host.with_name(other_host.name.replace("-x.tmp", "-y.tmp"))
    for p in (mine, stale, foreign, other_host, old_other_host):
        p.write_text("x")
    day_ago = time.time() - 25 * 3600
    os.utime(old_other_host, (day_ago, day_ago))
    write_text(tmp_path / "a.txt", "a")
    assert mine.exists() and foreign.exists() and other_host.exists()
    assert not stale.exists() and not old_other_host.exists()


def test_staging_folders_of_a_killed_install_are_removed(tmp_path: Path, tiny_argos: dict[str, Path]) -> None:
    from statementkit.adapters.argos.packages import install_archive

    d = tmp_path / "pkgs"
    dead = _dead_pid()
    for name in (f".installing-{HOST_TAG}-{dead}-k2j3h4", f".replaced-translate-en_ru-1_0-{HOST_TAG}-{dead}"):
        (d / name / "model").mkdir(parents=True)
        (d / name / "model" / "model.bin").write_bytes(b"\0" * 1024)
    live = d / f".installing-{writer_tag()}-zzzzzz"
    live.mkdir()
    install_archive(tiny_argos["en-zh"], d)
    assert sorted(p.name for p in d.iterdir()) == [live.name, "translate-en_zh-1_0"]


# ---- a failed writer's finalisers stay quiet ---------------------------------------------------------------
class _FullDisk:
    """A file object that accepts nothing more: every write and the final flush fail with ENOSPC."""

    def __init__(self, fh: Any) -> None:
        self._fh = fh

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        self._fh.close()
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fh, name)


def _save_like_python_docx(tmp: Path) -> None:
    """What python-docx does: open a ZipFile on the path, write parts, close at the end (no try/finally)."""
    zf = zipfile.ZipFile(tmp, "w")
    zf.writestr("[Content_Types].xml", b"<Types/>")
    zf.fp = _FullDisk(zf.fp)
    zf.writestr("word/document.xml", b"<w:document/>" * 100)  # raises ENOSPC, zf stays open
    zf.close()


def test_failed_library_writer_leaves_no_finaliser_noise(tmp_path: Path) -> None:
    complaints: list[Any] = []
    saved = sys.unraisablehook
    sys.unraisablehook = complaints.append
    try:
        with pytest.raises(OutputError, match="No space left on device"), atomic_path(tmp_path / "x.docx") as tmp:
            _save_like_python_docx(tmp)
        gc.collect()
    finally:
        sys.unraisablehook = saved
    assert complaints == []
    assert list(tmp_path.iterdir()) == []


# ---- a real full disk ----------------------------------------------------------------------------------------
@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs filled to the last byte (root only)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    d = tmp_path / "full"
    d.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(d)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        fd = os.open(d / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        yield d
    finally:
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


@pytest.mark.parametrize("args", [
    ("build", "{spec}", "--parallel", "-o", "{full}/p.docx"),
    ("build", "{spec}", "--lang", "en", "-o", "{full}/en.docx"),
    ("review", "export", "{spec}", "--lang", "zh", "-o", "{full}/r.docx"),
    ("build", "{spec}", "--lang", "zh", "--format", "md", "-o", "{full}/zh.md"),
], ids=["parallel-docx", "docx", "review-docx", "markdown"])
def test_full_disk_is_one_clean_line_and_nothing_left(full_disk: Path, tmp_path: Path, args: tuple[str, ...]
                                                      ) -> None:
    spec = tmp_path / "statement.yaml"
    shutil.copy(SEED_SPEC, spec)
    proc = _cli(*(a.format(spec=spec, full=full_disk) for a in args))
    assert proc.returncode == 1
    target = args[-1].format(full=full_disk)
    assert proc.stderr == f"statementkit: cannot write {target}: No space left on device\n", proc.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_memory_that_cannot_be_created_on_a_full_disk_is_not_left(full_disk: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "in.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    memory = full_disk / "memory.sqlite"
    proc = _cli("tm", "import", tmx, "--tm", memory)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"statementkit: {memory}: ") and proc.stderr.count("\n") == 1, proc.stderr
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler"]


def test_an_existing_memory_is_never_removed_on_failure(tmp_path: Path) -> None:
    memory = tmp_path / "memory.sqlite"
    memory.write_bytes(b"not a database at all, but the user's file" * 10)
    tmx = tmp_path / "in.tmx"
    tmx.write_text(TMX, encoding="utf-8")
    proc = _cli("tm", "import", tmx, "--tm", memory)
    assert proc.returncode == 1 and memory.exists()
