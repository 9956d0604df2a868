"""Timing helpers of the linear-time tests: the best of three runs (a busy machine slows every run,
the best is the least disturbed), and how many repeats make a fast call measurable."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_of_three(run: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def repeats_for(run: Callable[[], object], at_least: float = 0.04) -> int:
    """How many runs of ``run`` take ``at_least`` seconds: a call of well under a millisecond, timed
    alone, sits under any fixed allowance even when it grows sixteen-fold."""
    repeats = 1
    while True:
        start = time.perf_counter()
        for _ in range(repeats):
            run()
        if time.perf_counter() - start >= at_least:
            return repeats
        repeats *= 2
