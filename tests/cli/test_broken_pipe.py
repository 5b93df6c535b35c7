"""A reader that goes away (`statementkit status … | head -1`) ends the command quietly: no error line."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import SEED_SPEC


@pytest.mark.parametrize("args", [["status", str(SEED_SPEC)], ["build", str(SEED_SPEC), "--format", "txt",
                                                               "--lang", "en", "-o", "-"]])
def test_output_into_a_closed_pipe_is_not_an_error(args: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line: every write meets a broken pipe
    try:
        proc = subprocess.run([sys.executable, "-m", "statementkit", *args], stdout=write,
                              stderr=subprocess.PIPE, timeout=120)
    finally:
        os.close(write)
    err = proc.stderr.decode()
    assert "Broken pipe" not in err and "Traceback" not in err, err
    assert proc.returncode == 0
