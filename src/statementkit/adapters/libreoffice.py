"""Read DOCX files through headless LibreOffice with all tracked changes accepted and rejected.

LibreOffice is an independent client of the files statementkit writes: if its accept-all gives NEW's
paragraph texts and its reject-all OLD's, the redline is right.  ``uno`` imports only in Debian's
/usr/bin/python3, so the work runs in :mod:`statementkit.adapters.lo_uno` under that interpreter; one
soffice process (with a private, temporary profile) serves every file of a call.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from statementkit.errors import StatementkitError

SYSTEM_PYTHON = "/usr/bin/python3"


@dataclass(frozen=True)
class LoTexts:
    """Body paragraph texts after accept-all and reject-all, how many redlines LibreOffice imported, and
    the other stories after each (``{"footnotes": [...], "endnotes": [...], "headers": [...], "footers":
    [...], "text boxes": [...]}``, each story's paragraphs joined by "\\n")."""

    accepted: list[str]
    rejected: list[str]
    redlines: int
    accepted_stories: dict[str, list[str]] = field(default_factory=dict)
    rejected_stories: dict[str, list[str]] = field(default_factory=dict)


def available() -> bool:
    """soffice on PATH and a system python3 that can import uno."""
    if not shutil.which("soffice") or not os.path.exists(SYSTEM_PYTHON):
        return False
    r = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    return r.returncode == 0


def accept_reject(files: list[Path], timeout: float = 300, *, stories: bool = False) -> dict[Path, LoTexts]:
    """Paragraph texts of each file after accept-all and after reject-all (one soffice for all); with
    ``stories``, the other stories' texts too (``LoTexts.accepted_stories`` / ``rejected_stories``)."""
    data = _run(files, ["--stories"] if stories else [], timeout)
    out = {}
    for f in files:
        res = data[str(f)]
        out[f] = LoTexts(res["accepted"], res["rejected"], res.get("redlines", 0),
                         res.get("accepted_stories", {}), res.get("rejected_stories", {}))
    return out


def line_layout(files: list[Path], timeout: float = 300) -> dict[Path, list[list[str]]]:
    """How LibreOffice breaks each body paragraph of each file into lines: per paragraph, its lines' texts
    (one soffice for all).  What a reader sees at the end of a line, e.g. whether "2023" is split."""
    data = _run(files, ["--lines"], timeout)
    return {f: data[str(f)]["lines"] for f in files}


def list_labels(files: list[Path], timeout: float = 300) -> dict[Path, list[tuple[str, str, str]]]:
    """The list label LibreOffice shows before each paragraph of each file, with the paragraph's text and,
    for a bullet, its font: per file, (label, text, font) per paragraph in reading order (tables cell by
    cell; label "" when unnumbered, font "" unless a bullet).  A bullet of a symbol font is its private-use
    character (see :mod:`statementkit.adapters.docx.oxml.symbols`)."""
    data = _run(files, ["--labels"], timeout)
    return {f: [(lab, text, font) for lab, text, font in data[str(f)]["labels"]] for f in files}


def resave_docx(files: list[Path], outdir: Path, timeout: float = 300) -> dict[Path, Path]:
    """Open each DOCX in LibreOffice and save it again as DOCX under ``outdir`` (same file name), as a
    counterpart re-saving our document in LibreOffice would; each input → its re-saved copy."""
    data = _run(files, [f"--resave={outdir}"], timeout)
    return {f: Path(data[str(f)]["resaved"]) for f in files}


def _run(files: list[Path], mode: list[str], timeout: float) -> dict[str, dict[str, Any]]:
    """lo_uno.py's JSON for ``files`` (``mode``: its flags); StatementkitError if LibreOffice fails."""
    script = Path(__file__).with_name("lo_uno.py")
    profile = tempfile.mkdtemp(prefix="sk_lo_profile_")
    try:
        r = subprocess.run([SYSTEM_PYTHON, str(script), *mode, profile, *[str(f) for f in files]],
                           capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise StatementkitError(f"LibreOffice did not finish within {timeout:.0f} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if r.returncode != 0:
        raise StatementkitError(f"LibreOffice run failed: {r.stderr.strip().splitlines()[-1:]}")
    data: dict[str, dict[str, Any]] = json.loads(r.stdout)
    for f in files:
        res = data.setdefault(str(f), {})
        if "error" in res:
            raise StatementkitError(f"LibreOffice: {f.name}: {res['error']}")
    return data


# PDF/A-2b through LibreOffice's writer_pdf_Export filter: SelectPdfVersion 2 is PDF/A-2b (1 = PDF/A-1b,
# 3 = PDF/A-3b); JSON filter options on the command line need LibreOffice 7.4 or later.
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
INSTALL_HINT = ("PDF output needs LibreOffice (soffice), which is not installed: "
                "apt-get install --no-install-recommends libreoffice-writer fonts-noto-cjk")


def soffice() -> str | None:
    """The soffice executable on PATH, or None."""
    return shutil.which("soffice")


def convert_to_pdfa(docx_files: list[Path], timeout: float = 300) -> dict[Path, Path]:
    """Convert DOCX files to PDF/A-2b with headless LibreOffice (one soffice run, a private profile).

    Returns each DOCX path → its PDF in a temporary folder the caller moves into place and removes.  Raises
    :class:`StatementkitError` naming the package to install when soffice is missing, and when LibreOffice
    fails or produces no PDF.
    """
    exe = soffice()
    if exe is None:
        raise StatementkitError(INSTALL_HINT)
    profile = tempfile.mkdtemp(prefix="sk_lo_profile_")
    outdir = Path(tempfile.mkdtemp(prefix="sk_pdf_"))
    try:
        r = subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                            "--convert-to", PDFA_FILTER, "--outdir", str(outdir), *[str(f) for f in docx_files]],
                           capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        shutil.rmtree(outdir, ignore_errors=True)
        raise StatementkitError(f"LibreOffice did not finish the PDF export within {timeout:.0f} s") from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = {f: outdir / (f.stem + ".pdf") for f in docx_files}
    missing = [f.name for f, pdf in out.items() if not pdf.is_file()]
    if r.returncode != 0 or missing:
        shutil.rmtree(outdir, ignore_errors=True)
        detail = (r.stderr.strip().splitlines() or r.stdout.strip().splitlines() or ["no output"])[-1]
        raise StatementkitError(f"LibreOffice could not export {', '.join(missing) or 'the PDF'}: {detail}")
    return out
