"""Counters for LLM answers: how often verification fails, how often we fall back, and what it costs."""

from __future__ import annotations

import threading
from collections import Counter, deque
from typing import Any

from assistant.infra.stats import percentile

KEEP = 10_000  # timings kept for percentiles


class LLMMetrics:
    """Thread-safe counters; snapshot() gives the figures the eval reports."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.counts: Counter[str] = Counter()
        self.problems: Counter[str] = Counter()
        self.faults: Counter[str] = Counter()
        self.fallback_reasons: Counter[str] = Counter()
        self.verify_ms: deque[float] = deque(maxlen=KEEP)
        self.generate_ms: deque[float] = deque(maxlen=KEEP)

    def count(self, name: str, n: int = 1) -> None:
        with self._lock:
            self.counts[name] += n

    def attempt(self, *, generate_ms: float, verify_ms: float | None, problems: list[str]) -> None:
        """One generation: its time, its verification time and the kinds of problems found."""
        with self._lock:
            self.counts["attempts"] += 1
            self.generate_ms.append(generate_ms)
            if verify_ms is not None:
                self.counts["verified_attempts"] += 1
                self.verify_ms.append(verify_ms)
            if problems:
                self.counts["verification_failures"] += 1
                self.problems.update(set(problems))

    def fault(self, kind: str) -> None:
        with self._lock:
            self.counts["provider_faults"] += 1
            self.faults[kind] += 1

    def fallback(self, reason: str) -> None:
        with self._lock:
            self.counts["fallbacks"] += 1
            self.fallback_reasons[reason] += 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            c = dict(self.counts)
            verify, generate = list(self.verify_ms), list(self.generate_ms)
            problems, faults, reasons = dict(self.problems), dict(self.faults), dict(self.fallback_reasons)
        generated = c.get("generated", 0)
        checked = c.get("verified_attempts", 0)
        return {
            **c,
            "verification_failure_rate": c.get("verification_failures", 0) / checked if checked else 0.0,
            "fallback_rate": c.get("fallbacks", 0) / generated if generated else 0.0,
            "problems": problems,
            "faults": faults,
            "fallback_reasons": reasons,
            "verify_ms_mean": sum(verify) / len(verify) if verify else 0.0,
            "verify_ms_p50": percentile(verify, 0.5),
            "verify_ms_p95": percentile(verify, 0.95),
            "verify_ms_max": max(verify) if verify else 0.0,
            "generate_ms_p50": percentile(generate, 0.5),
            "generate_ms_p95": percentile(generate, 0.95),
        }
