"""Helpers for statementkit's own tests and benchmarks (fixture builders); not used at run time."""
