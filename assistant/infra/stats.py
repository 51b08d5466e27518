"""Nearest-rank percentiles: the latency figures of the LLM counters, the benchmarks and the soak."""

from __future__ import annotations

from collections.abc import Iterable


def percentile(values: Iterable[float], q: float) -> float:
    """The nearest-rank ``q``-quantile (0 ≤ q ≤ 1) of ``values``: the value at index round(q·(n-1)) of the
    sorted values; 0.0 for no values."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]
