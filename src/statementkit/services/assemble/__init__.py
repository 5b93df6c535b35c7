"""Assemble a statement: resolve parties, render clause templates per language, lay out a document."""
