"""The signing set as PDF/A-2b through headless LibreOffice, and one clear line when LibreOffice is absent."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "examples" / "china-kazakhstan-ip-2026" / "statement.yaml"


def _run(*args: object, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from statementkit.cli import cli

    return CliRunner(env=env).invoke(cli, [str(a) for a in args], catch_exceptions=False)


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_declares_pdfa_2b_and_carries_the_signature_page(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    res = _run("build", SPEC, "--format", "pdf", "--copy-for", "kz-ip-department", "-o", tmp_path)
    assert res.exit_code == 0, res.output
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["statement.kz-ip-department.en.pdf", "statement.kz-ip-department.ru.pdf",
                                      "statement.kz-ip-department.zh.pdf"]
    for pdf in pdfs:
        reader = pypdf.PdfReader(str(pdf))
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp)
        conformance = re.search(r"pdfaid:conformance(?:>|=\")([AB])", xmp)
        assert part and part.group(1) == "2" and conformance and conformance.group(1) == "B", pdf.name
        last = reader.pages[-1].extract_text()
        assert "________________________" in last  # the signature page is the last page
    ru_last = " ".join(
        pypdf.PdfReader(str(tmp_path / "statement.kz-ip-department.ru.pdf")).pages[-1].extract_text().split())
    assert "Совершено в Астане" in ru_last and "За Департамент" in ru_last
    assert ru_last.index("За Департамент") < ru_last.index("За Национальное")  # the Kazakh copy: Kazakhstan first


def test_pdf_without_libreoffice_is_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    res = _run("build", SPEC, "--format", "pdf", "-o", out, env={"PATH": str(empty)})
    assert res.exit_code == 1
    assert res.stderr.count("\n") == 1 and "libreoffice-writer" in res.stderr and "Traceback" not in res.stderr
    assert list(out.iterdir()) == []


def test_pdf_is_not_for_stdout_or_the_parallel_table(tmp_path: Path) -> None:
    assert _run("build", SPEC, "--format", "pdf", "-o", "-").exit_code == 2
    assert _run("build", SPEC, "--format", "pdf", "--parallel", "-o", tmp_path).exit_code == 2
