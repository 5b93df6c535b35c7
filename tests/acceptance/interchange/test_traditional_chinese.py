"""Traditional Chinese never passes as our (Simplified) zh: flagged by translate (test_cat_tools) and by check."""

from __future__ import annotations

import pytest

from statementkit.adapters.translations_file import translations_path
from statementkit.services.translate.checks import traditional_chars


@pytest.mark.parametrize(("text", "expected"), [
    ("双方将加强专利审查领域的合作。", ""), ("著作权和知识产权", ""), ("干部于是乾隆皇后", ""), ("Stороны", ""),
    ("雙方將加強專利審查領域的合作。", "雙將強專審領"), ("後來", "後來"), ("在30天內指定聯絡點；", "內聯絡點"),
])
def test_traditional_chars(text, expected):
    assert traditional_chars(text) == expected


def test_check_flags_traditional_text_in_zh(cli_run, stmt):
    assert cli_run("check", stmt).exit_code == 0
    path = translations_path(stmt)
    text = path.read_text(encoding="utf-8")
    assert "在30日内指定联络人" in text
    path.write_text(text.replace("在30日内指定联络人", "在30日內指定聯絡人"), encoding="utf-8")
    r = cli_run("check", stmt)
    assert r.exit_code == 1
    assert "follow-up-contacts [zh] traditional:" in r.output and "'內', '聯絡'" in r.output
