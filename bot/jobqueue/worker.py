"""Running one job: claim it in the ledger, resolve its handler by name, call it, record the outcome.

Retryable -> backoff (or exactly ``retry_after``); Permanent -> dead letter; any other exception is
logged with its traceback and retried. While the handler runs, a heartbeat renews the lease; the
outcome is recorded only while this claim still holds it (a worker stalled past its lease has lost
the job to another and records nothing). Imports no handler module until a job names it.
"""

from __future__ import annotations

import importlib
import logging
import os
import random
import socket
import threading
from collections.abc import Callable
from types import TracebackType
from typing import Any

from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.errors import Permanent, Retryable
from bot.jobqueue.model import Job, JobContext, JobState, Ledger, Owner
from bot.obs import metrics
from bot.obs.context import bound, carried

logger = logging.getLogger(__name__)

Handler = Callable[[dict[str, Any], JobContext], object]
Resolver = Callable[[str], Handler]
Send = Callable[[str, float], None]
"""Send a job id to the queue, to run after ``delay`` seconds."""

BACKOFF_BASE = 2.0
BACKOFF_CAP = 600.0
BUSY_DELAY = 5.0
HEARTBEAT_SHARE = 1 / 3  # the lease is renewed three times per lease period while a job runs
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


class Heartbeat:
    """Renews a job's lease every ``interval`` seconds while the handler runs (a daemon thread);
    ``beat`` is one renewal, and ``lost`` says the claim no longer holds the lease."""

    def __init__(self, ledger: Ledger, job_id: str, owner: Owner, clock: Clock, interval: float) -> None:
        self._ledger = ledger
        self._job_id = job_id
        self._owner = owner
        self._clock = clock
        self._interval = max(interval, 0.05)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=carried(self._loop), name=f"lease-{job_id[:8]}", daemon=True)
        self.lost = False

    def beat(self) -> bool:
        try:
            held = self._ledger.heartbeat(self._job_id, self._owner, self._clock.now())
        except self._ledger.errors as exc:
            logger.warning("job %s: lease not renewed (the ledger did not answer: %s)", self._job_id, exc)
            return True  # try again at the next beat; the lease may still hold
        if not held and not self.lost:
            self.lost = True
            logger.warning(
                "job %s: %s lost its lease; another worker may run the job", self._job_id, self._owner[0]
            )
        return held

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            if not self.beat():
                return

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()


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
        about = {"repository": job.payload.get("repo"), "pull_request": job.payload.get("number")}
        with bound(job_id=job_id, delivery_id=job.delivery_id, **about):
            state, lost = self._run_claimed(job_id, job)
        # an attempt that lost its lease recorded nothing: it is not counted as the job's outcome
        # (the claim that took the job over counts that), or a job finished once would count twice
        outcome = (
            "lost_lease"
            if lost
            else {JobState.DONE: "done", JobState.QUEUED: "retry", JobState.DEAD: "dead"}.get(state, "other")
        )
        metrics.get().jobs.labels(job.handler.rpartition(":")[2][:60], outcome).inc()
        return state

    def _run_claimed(self, job_id: str, job: Job) -> tuple[JobState, bool]:
        ctx = JobContext(self.settings, self._clock, job_id, job.attempts)
        owner: Owner = (self.name, job.attempts)
        interval = self.settings.job_lease_seconds * HEARTBEAT_SHARE
        try:
            handler = self._resolver(job.handler)
            with Heartbeat(self.ledger, job_id, owner, self._clock, interval):
                handler(dict(job.payload), ctx)
        except Permanent as exc:
            logger.warning("job %s (%s) failed permanently: %s", job_id, job.handler, exc)
            return self._settled(job_id, self.ledger.fail(job_id, f"Permanent: {exc}", None, owner), owner)
        except Retryable as exc:
            delay = (
                exc.retry_after if exc.retry_after is not None else backoff_delay(job.attempts, self._rand)
            )
            logger.info("job %s (%s) will retry in %.1fs: %s", job_id, job.handler, delay, exc)
            return self._retry(job_id, f"Retryable: {exc}", max(delay, 0.0), owner)
        except Exception as exc:
            logger.exception("job %s (%s) raised; it will be retried", job_id, job.handler)
            delay = backoff_delay(job.attempts, self._rand)
            return self._retry(job_id, f"{type(exc).__name__}: {exc}", delay, owner)
        if not self.ledger.finish(job_id, owner):
            return self._settled(job_id, None, owner)
        return JobState.DONE, False

    def _settled(self, job_id: str, state: JobState | None, owner: Owner) -> tuple[JobState, bool]:
        """(``state`` as recorded, False); when this claim had lost the lease (nothing recorded, or
        the job is another claim's), log it and return (the job's state as the ledger has it, True)."""
        job = self.ledger.get(job_id)
        lost = state is None or (
            state is JobState.RUNNING and job is not None and (job.worker, job.attempts) != owner
        )
        if not lost:
            return state, False  # type: ignore[return-value]
        logger.warning("job %s: attempt %d ended after losing its lease; nothing recorded", job_id, owner[1])
        return (job.state if job is not None else JobState.RUNNING), True

    def _retry(self, job_id: str, error: str, delay: float, owner: Owner) -> tuple[JobState, bool]:
        state = self.ledger.fail(job_id, error, self._clock.now() + delay, owner)
        if state is JobState.QUEUED:
            self._send(job_id, delay)
        elif state is JobState.DEAD:
            logger.warning("job %s is dead: %s", job_id, error)
        return self._settled(job_id, state, owner)

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
