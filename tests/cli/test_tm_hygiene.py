"""Issue 16 item 6: tm stats, tm delete --origin/--status, and tm import leaving out wrong-script pairs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from statementkit.model.translation import Origin, Status

TMX = ('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en"/><body>'
       '<tu><tuv xml:lang="en"><seg>The Parties agree on the following steps.</seg></tuv>'
       '<tuv xml:lang="ru"><seg>Стороны договорились о следующих шагах.</seg></tuv></tu>'
       '<tu><tuv xml:lang="en"><seg>The Parties agree on the following measures.</seg></tuv>'
       '<tuv xml:lang="ru"><seg>The Parties agree on the following measures (not translated).</seg></tuv></tu>'
       '<tu><tuv xml:lang="en"><seg>Both sides welcome the plan.</seg></tuv>'
       '<tuv xml:lang="zh"><seg>Обе стороны приветствуют план.</seg></tuv></tu>'
       '</body></tmx>')


def test_import_leaves_out_targets_in_the_wrong_script(run: Callable, tmp_path: Path) -> None:
    (tmp_path / "in.tmx").write_text(TMX, encoding="utf-8")
    tm = tmp_path / "tm.sqlite"
    r = run("tm", "import", tmp_path / "in.tmx", "--tm", tm)
    assert r.exit_code == 0, r.output
    # ru target in Latin, zh target in Cyrillic: both left out (and their reverse pairs)
    assert r.stdout.strip() == ("imported 2 pairs from 3 units; skipped 0 units with fewer than two of en, zh, ru; "
                                "left out 4 pairs with a side in the wrong script")


def test_stats_and_delete_by_origin(run: Callable, tm_location: str) -> None:
    """The same figures and deletions on a SQLite file and on a PostgreSQL memory."""
    from statementkit.app.memory import open_memory

    tm = tm_location
    with open_memory(tm) as memory:
        memory.add("en", "ru", "One.", "Один.", origin=Origin.MACHINE, status=Status.DRAFT)
        memory.add("en", "ru", "Two.", "Два.", origin=Origin.MACHINE, status=Status.DRAFT)
        memory.add("en", "zh", "Two.", "二。", origin=Origin.HUMAN, status=Status.APPROVED)
    r = run("tm", "stats", "--tm", tm)
    assert r.stdout.splitlines() == ["3 units", "  en->ru machine draft: 2", "  en->zh human approved: 1"]
    data = json.loads(run("tm", "stats", "--tm", tm, "--json").stdout)
    assert data["total"] == 3 and data["units"][0] == {"source": "en", "target": "ru", "origin": "machine",
                                                         "status": "draft", "units": 2}
    r = run("tm", "delete", "--origin", "machine", "--tm", tm)
    assert r.exit_code == 0 and r.stdout.strip() == "deleted 2 units"
    assert run("tm", "stats", "--tm", tm).stdout.splitlines() == ["1 unit", "  en->zh human approved: 1"]
    with open_memory(tm) as memory:
        assert memory.lookup_exact("en", "zh", "Two.") is not None
    r = run("tm", "delete", "--status", "approved", "--origin", "machine", "--tm", tm, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["deleted"] == 0, r.output


def test_delete_and_stats_bad_input_is_one_line(run: Callable, tmp_path: Path) -> None:
    r = run("tm", "delete", "--tm", tmp_path / "tm.sqlite", "--origin", "machine")
    assert r.exit_code != 0 and "no translation memory here" in r.stderr and len(r.stderr.splitlines()) == 1
    assert not (tmp_path / "tm.sqlite").exists()
    r = run("tm", "delete", "--tm", tmp_path / "tm.sqlite")
    assert r.exit_code != 0 and "say what to delete" in r.stderr
    r = run("tm", "stats", "--tm", tmp_path / "none.sqlite")
    assert r.exit_code != 0 and "no translation memory here" in r.stderr
    r = run("tm", "delete", "--tm", tmp_path / "tm.sqlite", "--origin", "robot")
    assert r.exit_code == 2
