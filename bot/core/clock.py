"""Where time comes from: the one ``Clock`` protocol every package injects, and the wall clock.

Standard library only. Tests pass a clock they can advance, so nothing ever sleeps to test time.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Seconds since the epoch, as a float."""

    def now(self) -> float: ...


class SystemClock:
    """The wall clock (``time.time``)."""

    def now(self) -> float:
        return time.time()
