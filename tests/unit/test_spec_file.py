from pathlib import Path

import pytest

from statementkit.adapters.spec_file import read_statement
from statementkit.errors import SpecError
from statementkit.model.statement import OrderRule
from tests.conftest import SEED_SPEC


def test_reads_the_seed() -> None:
    st = read_statement(SEED_SPEC)
    assert st.source_language == "en"
    assert st.languages == ("zh", "ru", "en")
    assert [p.office for p in st.parties][:2] == ["cnipa", "kz-ip-department"]
    assert st.order is OrderRule.AS_LISTED
    units = list(st.units())
    assert len([u for u in units if u.parent == "areas"]) == 6
    assert st.line_of("meeting.venue") is not None


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "s.yaml"
    p.write_text(text, encoding="utf-8")
    return p


BASE = """statementkit: 1
meeting:
  mechanism: c-ca-heads-ip
  date: 2023-07-24
  venue: urumqi
parties: [cnipa, uz-ip-office]
clauses:
  - id: a
    template: reaffirm.ip-role
"""


@pytest.mark.parametrize(("text", "line", "fragment"), [
    ("meeting: [a\n", 2, "malformed YAML"),
    (BASE + "bogus: 1\n", 10, "bogus: unknown field"),
    (BASE.replace("date: 2023-07-24", "date: 24.07.2023"), 4, "expected a date"),
    (BASE.replace("[cnipa, uz-ip-office]", "[cnipa, cnipa]"), 6, "listed twice"),
    (BASE + "  - id: a\n    text: again\n", 10, "used twice"),
    (BASE + "  - id: b\n", 10, "needs 'template', 'text', or both"),
    (BASE + "  - id: '@done-in'\n    text: x\n", 10, "must be up to 64 letters, digits"),
    (BASE + "languages: [en, fr]\n", 10, "unknown language 'fr'"),
    (BASE + "order: random\n", 10, "order: expected one of"),
    (BASE.replace("  venue: urumqi\n", ""), 3, "meeting.venue: missing"),
])
def test_errors_name_file_line_and_field(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(SpecError) as info:
        read_statement(path)
    message = str(info.value)
    assert fragment in message
    assert message.startswith(f"{path}:{line}: "), message


def test_nfc_at_the_boundary(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301"
    path = _write(tmp_path, BASE + f"  - id: free\n    text: \"{decomposed}\"\n")
    st = read_statement(path)
    assert st.clauses[-1].text == "Café"
