import importlib.util
import os

from tests.conftest import REPO


def test_cli_reference_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("cli_reference", REPO / "scripts" / "cli_reference.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    os.environ.setdefault("COLUMNS", "100")
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == module.reference(), "run: python scripts/cli_reference.py > docs/cli.md"
