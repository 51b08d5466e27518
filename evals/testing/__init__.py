"""Test doubles and the demo site, used by tests/ and the benchmarks; excluded from the wheel."""
