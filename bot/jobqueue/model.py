"""Job ledger vocabulary: job states, the ``Job`` record, the ``Ledger`` port, ``Clock`` and ``JobContext``.

Standard library only (plus ``bot.config.settings`` / ``bot.core.events`` for types); no I/O.
"""

from __future__ import annotations

import enum
import json
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.core.events import JobSpec


class JobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    OBSOLETE = "obsolete"
    DEAD = "dead"


FINAL_STATES = frozenset({JobState.DONE, JobState.OBSOLETE, JobState.DEAD})


@dataclass(frozen=True, slots=True)
class Job:
    """One ledger record. ``run_at`` is the earliest time a queued job may run; ``last_error`` of a
    dead job is its dead-letter reason."""

    id: str
    handler: str
    key: str
    payload: Mapping[str, Any]
    state: JobState
    attempts: int
    run_at: float
    created_at: float
    updated_at: float
    delivery_id: str = ""
    lease_expires: float | None = None
    worker: str = ""
    last_error: str = ""


Owner = tuple[str, int]
"""A claim: (worker name, the attempt number it started). Only the claim holding a job's lease may
finish it, fail it or extend its lease; a worker stalled past its lease has lost it to the next."""


def holds(job: Job, owner: Owner, now: float) -> bool:
    return (
        job.state is JobState.RUNNING
        and (job.worker, job.attempts) == owner
        and (job.lease_expires or 0.0) > now
    )


@dataclass(frozen=True, slots=True)
class JobContext:
    """What a handler gets besides its payload: settings, the clock, its job id and attempt (1-based)."""

    settings: Settings = field(repr=False)
    clock: Clock
    job_id: str
    attempt: int


class Ledger(Protocol):
    """Durable record of every job and delivery id; each operation is atomic on its backend.

    ``errors`` lists the exception types that mean "the storage did not answer".
    """

    errors: tuple[type[Exception], ...]

    def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
        """The job for ``delivery_id``: (existing id, False) when seen before, else (new id, True)."""
        ...

    def get(self, job_id: str) -> Job | None: ...

    def claim(self, job_id: str, worker: str, now: float) -> Job | None:
        """Start a queued, due job whose key is free: running, attempts + 1, leased. Else None."""
        ...

    def finish(self, job_id: str, owner: Owner | None = None) -> bool:
        """A running job is done; with ``owner``, only while that claim holds the lease (else False)."""
        ...

    def fail(self, job_id: str, error: str, retry_at: float | None, owner: Owner | None = None) -> JobState:
        """A running job failed: queued again at ``retry_at``, or dead (no retry_at, or out of attempts).
        With ``owner``, only while that claim holds the lease; else nothing changes (its state returned)."""
        ...

    def heartbeat(self, job_id: str, owner: Owner, now: float) -> bool:
        """Extend the lease of a job ``owner`` still holds to ``now`` + the lease; False when it lost it."""
        ...

    def defer(self, job_id: str, run_at: float) -> None:
        """Move a queued job's earliest run time (its key was busy, or its message is being re-sent)."""
        ...

    def expired(self, now: float) -> list[str]:
        """Running jobs whose lease has passed (their worker died)."""
        ...

    def recover(self, job_id: str, now: float) -> JobState | None:
        """An expired running job goes back to queued (or dead when out of attempts); None if not expired."""
        ...

    def overdue(self, before: float) -> list[str]:
        """Queued jobs due before ``before``: their queue message may have been lost."""
        ...

    def dead_letters(self) -> list[Job]: ...

    def jobs(self, state: JobState | None = None, limit: int = 100) -> list[Job]:
        """Jobs in ``state`` (any: None), most recently updated first."""
        ...

    def retry(self, job_id: str, now: float) -> bool:
        """A dead letter is queued again with its attempts reset; False when it is not dead."""
        ...

    def purge(self, states: Collection[JobState], before: float) -> int:
        """Delete jobs in ``states`` last updated before ``before``; returns how many."""
        ...

    def forget_deliveries(self, before: float) -> int:
        """Delete delivery ids first seen before ``before`` (a later redelivery is a new job)."""
        ...

    def count(self, state: JobState | None = None) -> int: ...

    def deliveries(self) -> int:
        """How many delivery ids have been seen."""
        ...

    def ping(self) -> None:
        """Raise one of ``errors`` when the storage does not answer or cannot take a write."""
        ...


def new_job_id() -> str:
    return uuid.uuid4().hex


def dump_payload(payload: Mapping[str, Any]) -> str:
    """Payloads are JSON (never pickled); raises TypeError/ValueError for anything else."""
    return json.dumps(dict(payload), sort_keys=True, separators=(",", ":"), allow_nan=False)


def load_payload(text: str) -> dict[str, Any]:
    value = json.loads(text)
    if not isinstance(value, dict):
        raise ValueError("job payload is not a JSON object")
    return value


def gave_up(error: str, attempts: int) -> str:
    return f"{error} (gave up after {attempts} attempt{'s' if attempts != 1 else ''})"


LEASE_EXPIRED = "lease expired: the worker stopped before finishing"
