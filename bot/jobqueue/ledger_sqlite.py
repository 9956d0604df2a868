"""SQLite job ledger (the default): one file in the data directory, WAL, every write in BEGIN IMMEDIATE.

Standard library only. One connection per thread and process (safe after gunicorn forks).
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

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

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    handler TEXT NOT NULL,
    key TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    run_at REAL NOT NULL,
    lease_expires REAL,
    worker TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    delivery_id TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_key_state ON jobs (key, state);
CREATE INDEX IF NOT EXISTS jobs_state_lease ON jobs (state, lease_expires);
CREATE INDEX IF NOT EXISTS jobs_state_run_at ON jobs (state, run_at);
CREATE TABLE IF NOT EXISTS ready (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    delivery_id TEXT PRIMARY KEY,
    job_id TEXT NOT NULL,
    seen_at REAL NOT NULL
);
"""

_COLUMNS = (
    "id, handler, key, payload, state, attempts, run_at, lease_expires, worker, last_error, "
    "delivery_id, created_at, updated_at"
)


def _job(row: sqlite3.Row) -> Job:
    return Job(
        id=row["id"],
        handler=row["handler"],
        key=row["key"],
        payload=load_payload(row["payload"]),
        state=JobState(row["state"]),
        attempts=row["attempts"],
        run_at=row["run_at"],
        lease_expires=row["lease_expires"],
        worker=row["worker"],
        last_error=row["last_error"],
        delivery_id=row["delivery_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _init(conn: sqlite3.Connection, timeout: float, synchronous: str) -> None:
    """WAL and the schema; switching to WAL ignores the busy timeout, so wait (bounded) for a peer."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(0.01)
    conn.execute(f"PRAGMA synchronous={synchronous}")
    conn.executescript(SCHEMA)


class SqliteLedger:
    """Ledger in a SQLite file; ``synchronous=FULL`` (the default) so a 202 means the job is on disk.

    ``NORMAL`` skips the fsync per commit: safe if the process dies, not if the machine does.
    """

    errors: tuple[type[Exception], ...] = (sqlite3.Error, OSError)

    def __init__(
        self,
        path: Path,
        clock: Clock,
        *,
        max_attempts: int,
        lease_seconds: float,
        timeout: float = 30.0,
        synchronous: Literal["FULL", "NORMAL"] = "FULL",
    ) -> None:
        self.path = path
        self._clock = clock
        self._max_attempts = max_attempts
        self._lease = lease_seconds
        self._timeout = timeout
        self._synchronous = synchronous
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and getattr(self._local, "pid", None) == os.getpid():
            return conn
        conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        conn.row_factory = sqlite3.Row
        _init(conn, self._timeout, self._synchronous)
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _row(self, conn: sqlite3.Connection, job_id: str) -> Job | None:
        row = conn.execute(f"SELECT {_COLUMNS} FROM jobs WHERE id = ?", (job_id,)).fetchone()  # noqa: S608
        return None if row is None else _job(row)

    def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
        payload = dump_payload(spec.payload)
        with self._tx() as conn:
            seen = conn.execute(
                "SELECT job_id FROM deliveries WHERE delivery_id = ?", (delivery_id,)
            ).fetchone()
            if seen is not None:
                return str(seen["job_id"]), False
            now = self._clock.now()
            if spec.supersede:
                conn.execute(
                    "UPDATE jobs SET state = 'obsolete', updated_at = ? "
                    "WHERE key = ? AND handler = ? AND state = 'queued'",
                    (now, spec.key, spec.handler),
                )
            job_id = new_job_id()
            conn.execute(
                "INSERT INTO jobs (id, handler, key, payload, state, run_at, delivery_id, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)",
                (job_id, spec.handler, spec.key, payload, now, delivery_id, now, now),
            )
            conn.execute("INSERT INTO deliveries VALUES (?, ?, ?)", (delivery_id, job_id, now))
            return job_id, True

    def get(self, job_id: str) -> Job | None:
        return self._row(self._conn(), job_id)

    def claim(self, job_id: str, worker: str, now: float) -> Job | None:
        with self._tx() as conn:
            job = self._row(conn, job_id)
            if job is None or job.state is not JobState.QUEUED or job.run_at > now:
                return None
            busy = conn.execute(
                "SELECT 1 FROM jobs WHERE key = ? AND state = 'running' AND lease_expires > ? LIMIT 1",
                (job.key, now),
            ).fetchone()
            if busy is not None:
                return None
            conn.execute(
                "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_expires = ?, "
                "worker = ?, updated_at = ? WHERE id = ?",
                (now + self._lease, worker, now, job_id),
            )
            return self._row(conn, job_id)

    def finish(self, job_id: str, owner: Owner | None = None) -> bool:
        with self._tx() as conn:
            job = self._row(conn, job_id)
            now = self._clock.now()
            if job is None or job.state is not JobState.RUNNING:
                return False
            if owner is not None and not holds(job, owner, now):
                return False
            conn.execute(
                "UPDATE jobs SET state = 'done', lease_expires = NULL, updated_at = ? WHERE id = ?",
                (now, job_id),
            )
            return True

    def heartbeat(self, job_id: str, owner: Owner, now: float) -> bool:
        with self._tx() as conn:
            job = self._row(conn, job_id)
            if job is None or not holds(job, owner, now):
                return False
            conn.execute("UPDATE jobs SET lease_expires = ? WHERE id = ?", (now + self._lease, job_id))
            return True

    def fail(self, job_id: str, error: str, retry_at: float | None, owner: Owner | None = None) -> JobState:
        with self._tx() as conn:
            job = self._row(conn, job_id)
            if job is None:
                raise KeyError(job_id)
            if job.state is not JobState.RUNNING:
                return job.state
            now = self._clock.now()
            if owner is not None and not holds(job, owner, now):
                return job.state
            if retry_at is None or job.attempts >= self._max_attempts:
                reason = error if retry_at is None else gave_up(error, job.attempts)
                conn.execute(
                    "UPDATE jobs SET state = 'dead', lease_expires = NULL, last_error = ?, updated_at = ? "
                    "WHERE id = ?",
                    (reason, now, job_id),
                )
                return JobState.DEAD
            conn.execute(
                "UPDATE jobs SET state = 'queued', lease_expires = NULL, run_at = ?, last_error = ?, "
                "updated_at = ? WHERE id = ?",
                (retry_at, error, now, job_id),
            )
            return JobState.QUEUED

    def defer(self, job_id: str, run_at: float) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE jobs SET run_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'",
                (run_at, self._clock.now(), job_id),
            )

    def expired(self, now: float) -> list[str]:
        rows = self._conn().execute(
            "SELECT id FROM jobs WHERE state = 'running' AND lease_expires <= ? ORDER BY lease_expires",
            (now,),
        )
        return [str(r["id"]) for r in rows]

    def recover(self, job_id: str, now: float) -> JobState | None:
        with self._tx() as conn:
            job = self._row(conn, job_id)
            if job is None or job.state is not JobState.RUNNING or (job.lease_expires or 0.0) > now:
                return None
            if job.attempts >= self._max_attempts:
                conn.execute(
                    "UPDATE jobs SET state = 'dead', lease_expires = NULL, last_error = ?, updated_at = ? "
                    "WHERE id = ?",
                    (gave_up(LEASE_EXPIRED, job.attempts), now, job_id),
                )
                return JobState.DEAD
            conn.execute(
                "UPDATE jobs SET state = 'queued', lease_expires = NULL, run_at = ?, last_error = ?, "
                "updated_at = ? WHERE id = ?",
                (now, LEASE_EXPIRED, now, job_id),
            )
            return JobState.QUEUED

    def overdue(self, before: float) -> list[str]:
        rows = self._conn().execute(
            "SELECT id FROM jobs WHERE state = 'queued' AND run_at <= ? ORDER BY run_at", (before,)
        )
        return [str(r["id"]) for r in rows]

    def dead_letters(self) -> list[Job]:
        rows = self._conn().execute(
            f"SELECT {_COLUMNS} FROM jobs WHERE state = 'dead' ORDER BY updated_at"  # noqa: S608
        )
        return [_job(r) for r in rows]

    def jobs(self, state: JobState | None = None, limit: int = 100) -> list[Job]:
        conn = self._conn()
        if state is None:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs ORDER BY updated_at DESC LIMIT ?",  # noqa: S608
                (limit,),
            )
        else:
            rows = conn.execute(
                f"SELECT {_COLUMNS} FROM jobs WHERE state = ? ORDER BY updated_at DESC LIMIT ?",  # noqa: S608
                (state.value, limit),
            )
        return [_job(r) for r in rows]

    def retry(self, job_id: str, now: float) -> bool:
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE jobs SET state = 'queued', attempts = 0, run_at = ?, lease_expires = NULL, "
                "updated_at = ? WHERE id = ? AND state = 'dead'",
                (now, now, job_id),
            )
            return cur.rowcount == 1

    def purge(self, states: Collection[JobState], before: float) -> int:
        names = [s.value for s in states]
        if not names:
            return 0
        marks = ",".join("?" * len(names))
        with self._tx() as conn:
            cur = conn.execute(
                f"DELETE FROM jobs WHERE state IN ({marks}) AND updated_at < ?",  # noqa: S608 - only ?s
                (*names, before),
            )
            return cur.rowcount

    def forget_deliveries(self, before: float) -> int:
        with self._tx() as conn:
            return conn.execute("DELETE FROM deliveries WHERE seen_at < ?", (before,)).rowcount

    def count(self, state: JobState | None = None) -> int:
        conn = self._conn()
        if state is None:
            row = conn.execute("SELECT count(*) FROM jobs").fetchone()
        else:
            row = conn.execute("SELECT count(*) FROM jobs WHERE state = ?", (state.value,)).fetchone()
        return int(row[0])

    def deliveries(self) -> int:
        return int(self._conn().execute("SELECT count(*) FROM deliveries").fetchone()[0])

    def ping(self) -> None:
        """A real committed write (one row, replaced): a read-only, unwritable or full database fails."""
        with self._tx() as conn:
            conn.execute("INSERT OR REPLACE INTO ready (id, at) VALUES (1, ?)", (self._clock.now(),))
