"""Running one job: claim it in the ledger, resolve its handler by name, call it, record the outcome.

Retryable -> backoff (or exactly ``retry_after``); Permanent -> dead letter; any other exception is
logged with its traceback and retried. Imports no handler module until a job names it.
"""

from __future__ import annotations

import importlib
import logging
import os
import random
import socket
from collections.abc import Callable
from typing import Any

from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.errors import Permanent, Retryable
from bot.jobqueue.model import JobContext, JobState, Ledger

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], JobContext], object]
Resolver = Callable[[str], Handler]
Send = Callable[[str, float], None]
"""Send a job id to the queue, to run after ``delay`` seconds."""

BACKOFF_BASE = 2.0
BACKOFF_CAP = 600.0
BUSY_DELAY = 5.0
ALLOWED_PACKAGE = "bot"
LEGACY_HANDLERS = {
    # jobs queued by 0.1.0, before the modules were laid out by role, still run after an upgrade
    "bot.jobs:review_pull_request": "bot.jobs.review_pr:review_pull_request",
    "bot.commands:run_command": "bot.jobs.run_command:run_command",
    "bot.ledger:pull_request_closed": "bot.jobs.record:pull_request_closed",
}


def import_handler(name: str) -> Handler:
    """The function named ``"bot.module:function"``; anything outside the ``bot`` package is refused."""
    name = LEGACY_HANDLERS.get(name, name)
    module_name, sep, func_name = name.partition(":")
    parts = module_name.split(".")
    if not sep or not func_name.isidentifier() or not all(p.isidentifier() for p in parts):
        raise Permanent(f"handler {name!r} is not of the form 'bot.module:function'")
    if parts[0] != ALLOWED_PACKAGE:
        raise Permanent(f"handler {name!r} is outside the {ALLOWED_PACKAGE!r} package: refused")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise Permanent(f"handler module {module_name!r} cannot be imported: {exc}") from exc
    func = getattr(module, func_name, None)
    if not callable(func):
        raise Permanent(f"handler {name!r} does not exist")
    handler: Handler = func
    return handler


def backoff_delay(attempt: int, rand: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter: half of min(cap, base * 2**(attempt-1)) plus a random half."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** max(attempt - 1, 0))
    return ceiling / 2 + rand() * ceiling / 2


def default_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Worker:
    """Runs jobs by id (the huey task body) and sweeps expired leases; all time from ``clock``."""

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        send: Send,
        clock: Clock,
        *,
        resolver: Resolver = import_handler,
        rand: Callable[[], float] = random.random,
        name: str | None = None,
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self._send = send
        self._clock = clock
        self._resolver = resolver
        self._rand = rand
        self.name = name or default_worker_name()

    def run(self, job_id: str) -> JobState | None:
        """Run the job if it can start now; returns its state afterwards (None: unknown job)."""
        now = self._clock.now()
        job = self.ledger.claim(job_id, self.name, now)
        if job is None:
            return self._not_started(job_id, now)
        ctx = JobContext(self.settings, self._clock, job_id, job.attempts)
        try:
            handler = self._resolver(job.handler)
            handler(dict(job.payload), ctx)
        except Permanent as exc:
            logger.warning("job %s (%s) failed permanently: %s", job_id, job.handler, exc)
            return self.ledger.fail(job_id, f"Permanent: {exc}", None)
        except Retryable as exc:
            delay = (
                exc.retry_after if exc.retry_after is not None else backoff_delay(job.attempts, self._rand)
            )
            logger.info("job %s (%s) will retry in %.1fs: %s", job_id, job.handler, delay, exc)
            return self._retry(job_id, f"Retryable: {exc}", max(delay, 0.0))
        except Exception as exc:
            logger.exception("job %s (%s) raised; it will be retried", job_id, job.handler)
            delay = backoff_delay(job.attempts, self._rand)
            return self._retry(job_id, f"{type(exc).__name__}: {exc}", delay)
        self.ledger.finish(job_id)
        return JobState.DONE

    def _retry(self, job_id: str, error: str, delay: float) -> JobState:
        state = self.ledger.fail(job_id, error, self._clock.now() + delay)
        if state is JobState.QUEUED:
            self._send(job_id, delay)
        else:
            logger.warning("job %s is dead: %s", job_id, error)
        return state

    def _not_started(self, job_id: str, now: float) -> JobState | None:
        job = self.ledger.get(job_id)
        if job is None or job.state is not JobState.QUEUED:
            return None if job is None else job.state
        delay = job.run_at - now if job.run_at > now else BUSY_DELAY
        if job.run_at <= now:
            self.ledger.defer(job_id, now + delay)
        self._send(job_id, delay)
        return JobState.QUEUED

    def sweep(self) -> list[str]:
        """Crash recovery: expired leases and queued jobs whose message looks lost are sent again."""
        now = self._clock.now()
        resent: list[str] = []
        for job_id in self.ledger.expired(now):
            state = self.ledger.recover(job_id, now)
            if state is JobState.QUEUED:
                logger.warning("job %s lost its worker (lease expired); running it again", job_id)
                self._send(job_id, 0.0)
                resent.append(job_id)
            elif state is JobState.DEAD:
                logger.warning("job %s lost its worker too often; dead-lettered", job_id)
        for job_id in self.ledger.overdue(now - self.settings.job_lease_seconds):
            self.ledger.defer(job_id, now)
            self._send(job_id, 0.0)
            resent.append(job_id)
        return resent
