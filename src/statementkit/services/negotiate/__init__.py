"""Negotiation record: per-clause history across rounds and parties, and the bracketed text."""

from statementkit.services.negotiate.history import (
    ClauseHistory,
    History,
    PartyVersion,
    Proposal,
    bracketed_text,
    build_history,
)

__all__ = ["ClauseHistory", "History", "PartyVersion", "Proposal", "bracketed_text", "build_history"]
