"""Timing helpers shared by the benchmark modules (``tools/bench_*.py``)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def times_ms(fn: Callable[[], object], rounds: int) -> list[float]:
    """``fn`` run once to warm (fonts, keys, caches), then ``rounds`` times: sorted milliseconds."""
    fn()
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def median_p95(name: str, values: list[float], digits: int) -> dict[str, float]:
    """``<name>_median_ms`` and ``<name>_p95_ms`` of sorted ``values``, rounded to ``digits``."""
    return {
        f"{name}_median_ms": round(statistics.median(values), digits),
        f"{name}_p95_ms": round(values[min(len(values) - 1, int(len(values) * 0.95))], digits),
    }
