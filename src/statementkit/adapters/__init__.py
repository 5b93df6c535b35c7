"""Adapters at the edges: files and engines in, domain model out (and back)."""
