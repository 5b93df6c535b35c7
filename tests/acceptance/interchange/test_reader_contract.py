"""One contract, every reader (TMX, TBX, XLIFF, review DOCX): the same XML rules through the one guard.

An external-DTD DOCTYPE line is accepted; an internal subset is refused whatever the encoding and wherever it
stands (UTF-16, after a long comment); an entity reference is refused; bytes that are not the declared
encoding are refused; BCP 47 region tags are read.  Every refusal is one line, exit 1, nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import regex
from click.testing import Result

from statementkit.adapters.translations_file import translations_path
from tests.acceptance.interchange.conftest import one_line_error, rewrite_member

TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
       '<tu><tuv xml:lang="en"><seg>The Parties noted the results.</seg></tuv>'
       '<tuv xml:lang="ru"><seg>Стороны отметили итоги.</seg></tuv>'
       '<tuv xml:lang="zh"><seg>各方注意到成果。</seg></tuv></tu></body></tmx>')


@dataclass(frozen=True)
class Format:
    make: Callable[[Callable[..., Result], Path, Path], Path]  # (cli_run, stmt, tmp) -> file
    read: Callable[[Callable[..., Result], Path, Path], Result]  # (cli_run, file, stmt) -> result
    xml_part: str | None  # the DOCX member to change; None: the file itself
    text_open: str  # an element whose text we can prefix with an entity reference
    tags: dict[str, str]  # attribute text to replace to get region tags


def _tmx(run: Callable[..., Result], stmt: Path, tmp: Path) -> Path:
    (tmp / "in.tmx").write_text(TMX, encoding="utf-8")
    return tmp / "in.tmx"


def _tbx(run: Callable[..., Result], stmt: Path, tmp: Path) -> Path:
    assert run("terms", "export", tmp / "in.tbx").exit_code == 0
    return tmp / "in.tbx"


def _review(fmt: str) -> Callable[[Callable[..., Result], Path, Path], Path]:
    def make(run: Callable[..., Result], stmt: Path, tmp: Path) -> Path:
        out = tmp / f"in.{'xlf' if fmt == 'xliff' else 'docx'}"
        assert run("review", "export", stmt, "--lang", "ru", "--format", fmt, "-o", out).exit_code == 0
        return out
    return make


FORMATS = {
    "tmx": Format(_tmx, lambda run, f, stmt: run("tm", "import", f, "--tm", f.parent / "tm.sqlite"), None, "<seg>",
                  {'xml:lang="en"': 'xml:lang="en-US"', 'xml:lang="ru"': 'xml:lang="ru-RU"',
                   'xml:lang="zh"': 'xml:lang="zh-Hans-CN"'}),
    "tbx": Format(_tbx, lambda run, f, stmt: run("terms", "import", f, "-o", f.parent / "proposed.yaml"), None,
                  "<term>", {'xml:lang="en"': 'xml:lang="en-GB"', 'xml:lang="ru"': 'xml:lang="RU-ru"',
                             'xml:lang="zh"': 'xml:lang="zh_CN"'}),
    "xliff": Format(_review("xliff"), lambda run, f, stmt: run("review", "import", f, stmt), None, "<target>",
                    {'srcLang="en"': 'srcLang="en-US"', 'trgLang="ru"': 'trgLang="ru-RU"'}),
    "review-docx": Format(_review("docx"), lambda run, f, stmt: run("review", "import", f, stmt),
                          "word/document.xml", "<w:t>", {}),
}


def _change(fmt: Format, path: Path, change: Callable[[str], bytes]) -> None:
    if fmt.xml_part is None:
        path.write_bytes(change(path.read_bytes().decode("utf-8")))
    else:
        rewrite_member(path, fmt.xml_part, lambda data: change(data.decode("utf-8")))


def _after_declaration(text: str, insert: str) -> str:
    m = regex.match(r"<\?xml[^>]*\?>\s*", text)
    end = m.end() if m else 0
    return text[:end] + insert + text[end:]


@pytest.fixture(params=sorted(FORMATS))
def fmt_file(request, cli_run, stmt, tmp_path) -> tuple[Format, Path]:  # type: ignore[no-untyped-def]
    fmt = FORMATS[request.param]
    return fmt, fmt.make(cli_run, stmt, tmp_path)


def test_external_dtd_line_is_accepted(cli_run, stmt, fmt_file):
    fmt, path = fmt_file
    _change(fmt, path, lambda t: _after_declaration(t, '<!DOCTYPE x SYSTEM "x.dtd">\n').encode())
    r = fmt.read(cli_run, path, stmt)
    assert r.exit_code == 0, r.output


@pytest.mark.parametrize("where", ["start", "after-long-comment"])
def test_internal_subset_in_utf16_is_refused(cli_run, stmt, fmt_file, where):
    fmt, path = fmt_file
    before = translations_path(stmt).read_bytes()
    comment = "<!-- " + "padding " * 10_000 + "-->\n" if where == "after-long-comment" else ""

    def hostile(text: str) -> bytes:
        text = regex.sub(r"encoding=['\"]UTF-8['\"]", 'encoding="UTF-16"', text, count=1)
        text = _after_declaration(text, comment + '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n')
        return text.replace(fmt.text_open, fmt.text_open + "&e;", 1).encode("utf-16")

    _change(fmt, path, hostile)
    assert "internal DTD subset" in one_line_error(fmt.read(cli_run, path, stmt))
    assert translations_path(stmt).read_bytes() == before


def test_entity_reference_is_refused(cli_run, stmt, fmt_file):
    fmt, path = fmt_file
    _change(fmt, path, lambda t: _after_declaration(t, '<!DOCTYPE x SYSTEM "x.dtd">').replace(
        fmt.text_open, fmt.text_open + "&name;", 1).encode())
    assert "entity reference" in one_line_error(fmt.read(cli_run, path, stmt))


def test_bytes_not_in_the_declared_encoding_are_refused(cli_run, stmt, fmt_file):
    fmt, path = fmt_file
    _change(fmt, path, lambda t: regex.sub(r"encoding=['\"]UTF-8['\"]", 'encoding="ISO-8859-1"', t,
                                           count=1).encode())
    assert "its bytes are UTF-8" in one_line_error(fmt.read(cli_run, path, stmt))


@pytest.mark.parametrize("name", ["tmx", "tbx", "xliff"])
def test_region_tags_are_read(cli_run, stmt, tmp_path, name):
    fmt = FORMATS[name]
    path = fmt.make(cli_run, stmt, tmp_path)
    text = path.read_text(encoding="utf-8")
    for old, new in fmt.tags.items():
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    r = fmt.read(cli_run, path, stmt)
    assert r.exit_code == 0, r.output
    if name == "tmx":
        assert r.stdout.startswith("imported 6 pairs")


def test_review_docx_language_properties_as_bcp47(cli_run, stmt, tmp_path):
    path = FORMATS["review-docx"].make(cli_run, stmt, tmp_path)
    tag = b'name="statementkit.lang"><vt:lpwstr>'
    rewrite_member(path, "docProps/custom.xml", lambda b: b.replace(tag + b"ru<", tag + b"ru-RU<"))
    assert cli_run("review", "import", path, stmt).exit_code == 0
    rewrite_member(path, "docProps/custom.xml", lambda b: b.replace(tag + b"ru-RU<", tag + b"zh-TW<"))
    assert "Traditional script" in one_line_error(cli_run("review", "import", path, stmt))
