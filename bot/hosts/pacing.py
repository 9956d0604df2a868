"""Write pacing shared by every worker process: content-creating requests of one key (a GitHub
installation, or a personal token) start at least ``interval`` seconds apart, and a wait the forge
asked for (Retry-After, an exhausted x-ratelimit-reset) holds that key's writes for every process.

Each key has one number, the earliest time its next write may start. ``reserve`` takes the slot
``max(now, next)`` and moves ``next`` to ``slot + interval`` in one atomic step, so processes that
reserve together get distinct slots. The number lives in Redis when the queue is on Redis
(``pacing_redis``, keys expire), else in files under ``<data dir>/pacing`` guarded by ``fcntl``
locks (processes of one host), or in memory (tests, one process). Imports the standard library
and ``bot.errors`` only.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from bot.errors import Retryable

logger = logging.getLogger(__name__)

Now = Callable[[], float]
"""A function returning seconds since the epoch (``time.time`` or a test's)."""
Sleep = Callable[[float], None]
MAX_WAIT = 30.0
"""Seconds a worker thread may wait for its slot; a longer wait re-queues the job instead."""


class Slots(Protocol):
    """Where each key's next free time is kept (one per backend; the contract test runs them all)."""

    def reserve(self, key: str, now: float, interval: float, max_wait: float) -> tuple[float, bool]:
        """(slot start, taken): the slot is taken only when it starts within ``max_wait``."""
        ...

    def hold(self, key: str, until: float, now: float) -> None:
        """No write of ``key`` starts before ``until`` (the forge asked to wait)."""
        ...


class MemorySlots:
    """One process's slots (tests; a single worker without a data directory)."""

    def __init__(self) -> None:
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, key: str, now: float, interval: float, max_wait: float) -> tuple[float, bool]:
        with self._lock:
            slot = max(now, self._next.get(key, 0.0))
            if slot - now > max_wait:
                return slot, False
            self._next[key] = slot + interval
            return slot, True

    def hold(self, key: str, until: float, now: float) -> None:
        with self._lock:
            self._next[key] = max(self._next.get(key, 0.0), until)


class FileSlots:
    """Slots in ``folder``, one small file per key, read and written under an exclusive ``flock``:
    every process of one host (sharing the data directory) sees the same slots."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder
        self._lock = threading.Lock()  # flock is per open file; threads of one process also queue here

    def _path(self, key: str) -> Path:
        return self._folder / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".slot")

    def _update(self, key: str, change: Callable[[float], float | None]) -> None:
        self._folder.mkdir(parents=True, exist_ok=True)
        with self._lock:
            fd = os.open(self._path(key), os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                raw = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
                try:
                    current = float(raw) if raw else 0.0
                except ValueError:
                    current = 0.0  # a torn or foreign file: start afresh
                new = change(current)
                if new is not None:
                    data = repr(new).encode()
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, data, 0)
            finally:
                os.close(fd)  # closing releases the lock

    def reserve(self, key: str, now: float, interval: float, max_wait: float) -> tuple[float, bool]:
        result: list[tuple[float, bool]] = []

        def change(current: float) -> float | None:
            slot = max(now, current)
            if slot - now > max_wait:
                result.append((slot, False))
                return None
            result.append((slot, True))
            return slot + interval

        self._update(key, change)
        return result[0]

    def hold(self, key: str, until: float, now: float) -> None:
        self._update(key, lambda current: until if until > current else None)


class Pacer:
    """Spaces the writes of each key ``interval`` seconds apart, across every process sharing
    ``slots``. ``clock`` and ``sleep`` are injected: tests advance time instead of sleeping."""

    def __init__(
        self,
        slots: Slots,
        interval: float,
        clock: Now,
        sleep: Sleep = time.sleep,
        *,
        max_wait: float = MAX_WAIT,
    ) -> None:
        self.slots = slots
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._max_wait = max_wait

    def before_write(self, key: str) -> float:
        """Wait for ``key``'s next write slot; returns the seconds waited. Raises ``Retryable``
        (with the wait) when the slot is further away than ``max_wait``: a held key re-queues the
        job rather than parking a worker thread for minutes."""
        now = self._clock()
        slot, taken = self.slots.reserve(key, now, self.interval, self._max_wait)
        if not taken:
            raise Retryable(f"writes paused for {slot - now:.0f} s (rate limit)", retry_after=slot - now)
        wait = max(slot - now, 0.0)
        if wait > 0:
            logger.debug("pacing: waiting %.2f s for a write slot", wait)
            self._sleep(wait)
        return wait

    def hold(self, key: str, seconds: float) -> None:
        """The forge asked to wait ``seconds``: no process writes for ``key`` before then."""
        now = self._clock()
        self.slots.hold(key, now + max(seconds, 0.0), now)
