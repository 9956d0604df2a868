"""Crash recovery on a thread of each worker process: every ``interval`` seconds the sweep re-queues
jobs whose worker lost its lease (killed, out of memory) and re-sends queued jobs whose message was lost.

huey's periodic sweep alone is not enough: its message joins the same first-in-first-out queue as the
jobs, so behind a backlog (300 deliveries queued before the workers start) a killed worker's job
waited until every message queued before the sweep had run. Standard library and bot.jobqueue only.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)


class Sweeper:
    """Calls ``sweep`` every ``interval`` seconds on a daemon thread until ``stop``."""

    def __init__(self, sweep: Callable[[], object], interval: float) -> None:
        self._sweep = sweep
        self._interval = max(interval, 0.01)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="remediator-sweeper", daemon=True)

    def start(self) -> Sweeper:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self._sweep()
            except Exception:  # the worker's loop: log with the traceback, sweep again next time
                logger.exception("sweep failed; trying again in %.0f s", self._interval)
