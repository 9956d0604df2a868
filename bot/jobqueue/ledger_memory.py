"""In-memory job ledger: the twin of the SQLite and Redis ledgers for tests (one lock, no I/O).

Standard library only.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import replace

from bot.core.clock import Clock
from bot.core.events import JobSpec
from bot.jobqueue.model import (
    LEASE_EXPIRED,
    Job,
    JobState,
    Owner,
    dump_payload,
    gave_up,
    holds,
    load_payload,
    new_job_id,
)


class MemoryLedger:
    """Ledger held in a dict; atomic under one lock, lost when the process ends."""

    errors: tuple[type[Exception], ...] = ()

    def __init__(self, clock: Clock, *, max_attempts: int, lease_seconds: float) -> None:
        self._clock = clock
        self._max_attempts = max_attempts
        self._lease = lease_seconds
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._deliveries: dict[str, str] = {}
        self._seen: dict[str, float] = {}

    def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
        payload = load_payload(dump_payload(spec.payload))
        with self._lock:
            existing = self._deliveries.get(delivery_id)
            if existing is not None:
                return existing, False
            now = self._clock.now()
            if spec.supersede:
                for job in list(self._jobs.values()):
                    if job.state is JobState.QUEUED and job.key == spec.key and job.handler == spec.handler:
                        self._jobs[job.id] = replace(job, state=JobState.OBSOLETE, updated_at=now)
            job_id = new_job_id()
            self._jobs[job_id] = Job(
                id=job_id,
                handler=spec.handler,
                key=spec.key,
                payload=payload,
                state=JobState.QUEUED,
                attempts=0,
                run_at=now,
                created_at=now,
                updated_at=now,
                delivery_id=delivery_id,
            )
            self._deliveries[delivery_id] = job_id
            self._seen[delivery_id] = now
            return job_id, True

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def claim(self, job_id: str, worker: str, now: float) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state is not JobState.QUEUED or job.run_at > now:
                return None
            for other in self._jobs.values():
                if (
                    other.key == job.key
                    and other.state is JobState.RUNNING
                    and (other.lease_expires or 0.0) > now
                ):
                    return None
            claimed = replace(
                job,
                state=JobState.RUNNING,
                attempts=job.attempts + 1,
                lease_expires=now + self._lease,
                worker=worker,
                updated_at=now,
            )
            self._jobs[job_id] = claimed
            return claimed

    def finish(self, job_id: str, owner: Owner | None = None) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            now = self._clock.now()
            if job is None or job.state is not JobState.RUNNING:
                return False
            if owner is not None and not holds(job, owner, now):
                return False
            self._jobs[job_id] = replace(job, state=JobState.DONE, lease_expires=None, updated_at=now)
            return True

    def heartbeat(self, job_id: str, owner: Owner, now: float) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or not holds(job, owner, now):
                return False
            self._jobs[job_id] = replace(job, lease_expires=now + self._lease)
            return True

    def fail(self, job_id: str, error: str, retry_at: float | None, owner: Owner | None = None) -> JobState:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                raise KeyError(job_id)
            if job.state is not JobState.RUNNING:
                return job.state
            now = self._clock.now()
            if owner is not None and not holds(job, owner, now):
                return job.state
            if retry_at is None or job.attempts >= self._max_attempts:
                reason = error if retry_at is None else gave_up(error, job.attempts)
                updated = replace(
                    job, state=JobState.DEAD, lease_expires=None, last_error=reason, updated_at=now
                )
            else:
                updated = replace(
                    job,
                    state=JobState.QUEUED,
                    lease_expires=None,
                    run_at=retry_at,
                    last_error=error,
                    updated_at=now,
                )
            self._jobs[job_id] = updated
            return updated.state

    def defer(self, job_id: str, run_at: float) -> None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and job.state is JobState.QUEUED:
                self._jobs[job_id] = replace(job, run_at=run_at, updated_at=self._clock.now())

    def expired(self, now: float) -> list[str]:
        with self._lock:
            return [
                j.id
                for j in self._jobs.values()
                if j.state is JobState.RUNNING and (j.lease_expires or 0.0) <= now
            ]

    def recover(self, job_id: str, now: float) -> JobState | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state is not JobState.RUNNING or (job.lease_expires or 0.0) > now:
                return None
            if job.attempts >= self._max_attempts:
                updated = replace(
                    job,
                    state=JobState.DEAD,
                    lease_expires=None,
                    last_error=gave_up(LEASE_EXPIRED, job.attempts),
                    updated_at=now,
                )
            else:
                updated = replace(
                    job,
                    state=JobState.QUEUED,
                    lease_expires=None,
                    run_at=now,
                    last_error=LEASE_EXPIRED,
                    updated_at=now,
                )
            self._jobs[job_id] = updated
            return updated.state

    def overdue(self, before: float) -> list[str]:
        with self._lock:
            return [j.id for j in self._jobs.values() if j.state is JobState.QUEUED and j.run_at <= before]

    def dead_letters(self) -> list[Job]:
        with self._lock:
            dead = [j for j in self._jobs.values() if j.state is JobState.DEAD]
        return sorted(dead, key=lambda j: j.updated_at)

    def jobs(self, state: JobState | None = None, limit: int = 100) -> list[Job]:
        with self._lock:
            chosen = [j for j in self._jobs.values() if state is None or j.state is state]
        return sorted(chosen, key=lambda j: -j.updated_at)[:limit]

    def retry(self, job_id: str, now: float) -> bool:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or job.state is not JobState.DEAD:
                return False
            self._jobs[job_id] = replace(
                job, state=JobState.QUEUED, attempts=0, run_at=now, lease_expires=None, updated_at=now
            )
            return True

    def purge(self, states: Collection[JobState], before: float) -> int:
        with self._lock:
            old = [j.id for j in self._jobs.values() if j.state in states and j.updated_at < before]
            for job_id in old:
                del self._jobs[job_id]
            return len(old)

    def forget_deliveries(self, before: float) -> int:
        with self._lock:
            old = [d for d, seen in self._seen.items() if seen < before]
            for delivery_id in old:
                del self._deliveries[delivery_id], self._seen[delivery_id]
            return len(old)

    def count(self, state: JobState | None = None) -> int:
        with self._lock:
            return sum(1 for j in self._jobs.values() if state is None or j.state is state)

    def deliveries(self) -> int:
        with self._lock:
            return len(self._deliveries)

    def ping(self) -> None:
        return None
