"""Benchmarks: `python -m bench [imports|compliance|dashboard|all]` (not pytest tests)."""
