"""Text inputs as editors on every system save them (issue 12 kind 6): a UTF-8 BOM is stripped, CRLF and a
missing final newline are fine, and only line ends split lines."""

from __future__ import annotations

import json

from statementkit.adapters.files import read_text_lines
from tests.acceptance.interchange.conftest import one_line_error

REF = ["The Parties noted the results of the meeting.", "Стороны отметили итоги встречи.",
       "The Parties support the exchange of examiners."]
HYP = ["The Parties noted results of the meeting.", "Стороны отметили итоги.",
       "The Parties support exchange of examiners."]


def test_read_text_lines(tmp_path):
    p = tmp_path / "t.txt"
    for data in (b"\xef\xbb\xbf" + "a\r\nb\u2028c\r\n".encode(), "a\nb\u2028c".encode(), "a\rb\u2028c\r".encode()):
        p.write_bytes(data)
        assert read_text_lines(p, "text file") == ["a", "b\u2028c"]


def test_score_reads_bom_crlf_and_no_final_newline_like_plain_text(cli_run, tmp_path):
    plain_ref, plain_hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    plain_ref.write_text("\n".join(REF) + "\n", encoding="utf-8")
    plain_hyp.write_text("\n".join(HYP) + "\n", encoding="utf-8")
    win_ref, win_hyp = tmp_path / "ref-win.txt", tmp_path / "hyp-win.txt"
    win_ref.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(REF).encode())  # Notepad: BOM, CRLF, no final newline
    win_hyp.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(HYP).encode() + b"\r\n")
    plain = cli_run("score", plain_hyp, plain_ref, "--lang", "en", "--json")
    win = cli_run("score", win_hyp, win_ref, "--lang", "en", "--json")
    assert plain.exit_code == 0 and win.exit_code == 0, win.output
    assert json.loads(plain.stdout) == json.loads(win.stdout)


def test_utf16_text_is_one_line(cli_run, tmp_path):
    ref, hyp = tmp_path / "ref.txt", tmp_path / "hyp.txt"
    ref.write_text("\n".join(REF), encoding="utf-16")
    hyp.write_text("\n".join(HYP), encoding="utf-8")
    assert "save it as UTF-8" in one_line_error(cli_run("score", hyp, ref, "--lang", "en"))


def test_statement_yaml_with_bom_and_crlf(cli_run, stmt):
    data = stmt.read_bytes()
    stmt.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n").rstrip(b"\r\n"))
    r = cli_run("check", stmt)
    assert r.exit_code in (0, 1) and "not a YAML" not in r.output and "malformed" not in r.output, r.output
    assert cli_run("build", stmt, "--lang", "en", "--format", "txt", "-o", "-").exit_code == 0
