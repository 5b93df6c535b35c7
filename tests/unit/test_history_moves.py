"""History: a move is a position (services/negotiate/history.py) — moved by one party alone is contested,
moved by all to the same place is agreed, moved to different places is contested."""

from __future__ import annotations

from statementkit.services.diff.model import ClauseText
from statementkit.services.negotiate.history import (
    PartyVersion,
    bracketed_text,
    build_history,
    render_history_text,
)

BASE = [ClauseText(f"c{k}", text) for k, text in enumerate((
    "The Parties reaffirm their commitment to the principles of the Charter.",
    "The Parties agree to exchange information on patent examination practice.",
    "The Parties will hold joint training courses for examiners every year.",
    "The Parties welcome the progress in the digital services of their offices.",
    "The Parties decide to hold the next meeting in Tashkent in the year 2027."), 1)]


def version(party: str, order: list[int]) -> PartyVersion:
    return PartyVersion(party, 1, "2025-09-01", [BASE[i] for i in order])


def status(history: object, cid: str) -> str:
    return next(c.status for c in history.clauses if c.id == cid)  # type: ignore[attr-defined]


def test_a_move_by_one_party_is_contested() -> None:
    h = build_history(BASE, [version("kg", [0, 1, 3, 4, 2]), version("uz", [0, 1, 2, 3, 4])], "en")
    moved = [c for c in h.clauses if c.status == "contested"]
    assert len(moved) == 1 and h.counts() == {"agreed": 4, "contested": 1, "new": 0}
    places = moved[0].latest_places()
    assert places["uz"] is None and places["kg"] == BASE[4].text
    text = render_history_text(h)
    assert f"[{moved[0].id}] contested" in text and "kg (round 1, 2025-09-01): keeps the wording; moves it after «" in text
    assert "[moved: kg]" in bracketed_text(h)


def test_the_same_move_by_every_party_is_agreed_and_different_moves_are_not() -> None:
    same = build_history(BASE, [version("kg", [0, 1, 3, 4, 2]), version("uz", [0, 1, 3, 4, 2])], "en")
    assert same.counts() == {"agreed": 5, "contested": 0, "new": 0}
    apart = build_history(BASE, [version("kg", [0, 1, 3, 4, 2]), version("uz", [2, 0, 1, 3, 4])], "en")
    assert status(apart, "c3") == "contested"
