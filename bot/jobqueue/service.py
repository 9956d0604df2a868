"""The durable queue: the job ledger (source of truth) plus huey (delivery of job ids to workers).

``open_queue(settings)`` picks SQLite files in the data directory, or Redis when a URL is set.
huey's pickled message carries only the job id; payloads live in the ledger as JSON.
"""

from __future__ import annotations

import logging
import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from huey import RedisHuey, SqliteHuey, crontab  # type: ignore[import-untyped]
from huey.storage import SqliteStorage  # type: ignore[import-untyped]

from bot.config.settings import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.events import JobSpec, baseline_job
from bot.jobqueue.ledger_sqlite import SqliteLedger
from bot.jobqueue.model import JobContext, JobState, Ledger
from bot.jobqueue.sweeper import Sweeper
from bot.jobqueue.worker import Resolver, Worker, import_handler

QUEUE_NAME = "remediator"
SWEEP_SECONDS = 30.0
RETENTION_MINUTE = "7"  # hourly, at minute 7
RETENTION_HANDLER = "bot.jobs.maintenance:purge_llm_cache"
BASELINE_MINUTE = "23"  # hourly, at minute 23: enqueue the re-baselines that are due
REPOSITORIES_HANDLER = "bot.jobs.baseline:known_repositories"
FINISHED = (JobState.DONE, JobState.OBSOLETE)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Removed:
    jobs: int = 0
    deliveries: int = 0
    cache_entries: int = 0


def open_ledger(settings: Settings, clock: Clock) -> Ledger:
    """The ledger the settings name: Redis when ``redis_url`` is set, else ``<data_dir>/jobs.db``."""
    limits: dict[str, Any] = {
        "max_attempts": settings.job_attempts,
        "lease_seconds": settings.job_lease_seconds,
    }
    if settings.redis_url:
        from bot.jobqueue.ledger_redis import RedisLedger  # noqa: PLC0415 - redis is an optional extra

        retention = settings.retention_days * 86400.0
        return RedisLedger.from_url(settings.redis_url, clock, retention_seconds=retention, **limits)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    synchronous: Literal["FULL", "NORMAL"] = "NORMAL" if settings.queue_sync == "normal" else "FULL"
    return SqliteLedger(settings.data_dir / "jobs.db", clock, synchronous=synchronous, **limits)


class _MessageStorage(SqliteStorage):  # type: ignore[misc]
    """huey's SQLite storage without an fsync per message: the ledger (synchronous=FULL) is the
    durable record, and a message lost to a power cut is re-sent by the overdue sweep."""

    def _create_connection(self) -> Any:
        conn = super()._create_connection()
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn


def make_huey(settings: Settings, *, immediate: bool = False) -> Any:
    """RedisHuey when ``redis_url`` is set, else SqliteHuey in ``<data_dir>/queue.db``."""
    if settings.redis_url:
        return RedisHuey(QUEUE_NAME, url=settings.redis_url, results=False, immediate=immediate)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(
        QUEUE_NAME,
        filename=str(settings.data_dir / "queue.db"),
        results=False,
        immediate=immediate,
        storage_class=_MessageStorage,
    )


class JobQueue:
    """Submit jobs (web side) and run them (worker side) over one ledger and one huey instance.

    ``submit`` writes the ledger first, then sends the id: a 202 means the job is durable even if
    the message is lost (the sweep re-sends queued jobs nobody claimed).
    """

    def __init__(
        self,
        settings: Settings,
        ledger: Ledger,
        huey: Any,
        clock: Clock,
        *,
        resolver: Resolver = import_handler,
        rand: Callable[[], float] = random.random,
        worker_name: str | None = None,
    ) -> None:
        self.settings = settings
        self.ledger = ledger
        self.huey = huey
        self.worker = Worker(
            settings, ledger, self.send, clock, resolver=resolver, rand=rand, name=worker_name
        )
        self._run = huey.task(name="remediator_run_job")(self.worker.run)
        self._sweep_once = huey.task(name="remediator_sweep")(self.worker.sweep)
        self._sweep_periodic = huey.periodic_task(crontab(), name="remediator_sweep_periodic")(self._tick)
        self._resolver = resolver
        self._clock = clock
        self._retention_periodic = huey.periodic_task(
            crontab(minute=RETENTION_MINUTE), name="remediator_retention"
        )(self.apply_retention)
        self._baseline_periodic = huey.periodic_task(
            crontab(minute=BASELINE_MINUTE), name="remediator_baseline_schedule"
        )(self.schedule_baselines)

    @property
    def clock(self) -> Clock:
        """The clock the ledger's times come from."""
        return self._clock

    def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
        """(job id, created); a delivery id seen before returns its job and sends nothing."""
        job_id, created = self.ledger.submit(spec, delivery_id)
        if created:
            self.send(job_id, 0.0)
        return job_id, created

    def backlog(self, scan: int = 1000) -> tuple[int, float | None]:
        """(jobs queued, age in seconds of the oldest of the first ``scan`` of them, or None): the
        queue depth and oldest-job age ``/metrics`` reports."""
        queued = self.ledger.jobs(JobState.QUEUED, limit=scan)
        oldest = min((job.created_at for job in queued), default=None)
        return self.ledger.count(JobState.QUEUED), None if oldest is None else self.clock.now() - oldest

    def send(self, job_id: str, delay: float) -> None:
        if delay > 0:
            self._run.schedule((job_id,), delay=delay)
        else:
            self._run(job_id)

    def sweeper(self, interval: float = SWEEP_SECONDS) -> Sweeper:
        """A sweep every ``interval`` seconds on a thread of this process (``start`` it), outside
        huey's queue: a lost lease is recovered even while a backlog of job messages waits."""
        return Sweeper(self.worker.sweep, interval)

    def _tick(self) -> None:
        # huey's periodic tasks run at most once a minute: sweep now and again in 30 s.
        self.worker.sweep()
        self._sweep_once.schedule(delay=SWEEP_SECONDS)

    def apply_retention(self) -> Removed:
        """The hourly retention task (``REMEDIATOR_RETENTION_DAYS``), run by the workers' consumer:
        finished jobs and delivery ids here; the LLM cache through its handler, resolved by name so
        the web process never imports it. Dead letters stay until retried or purged."""
        days = self.settings.retention_days
        if days <= 0:
            return Removed()
        before = self._clock.now() - days * 86400.0
        cached = self._resolver(RETENTION_HANDLER)({}, JobContext(self.settings, self._clock, "retention", 1))
        removed = Removed(
            jobs=self.ledger.purge(FINISHED, before),
            deliveries=self.ledger.forget_deliveries(before),
            cache_entries=cached if isinstance(cached, int) else 0,
        )
        logger.info(
            "retention (%d days): %d finished job(s), %d delivery id(s), %d cached LLM answer(s) deleted",
            days,
            removed.jobs,
            removed.deliveries,
            removed.cache_entries,
        )
        return removed

    def schedule_baselines(self) -> list[str]:
        """The hourly check of ``REMEDIATOR_BASELINE_INTERVAL``: one baseline per known repository per
        interval. The delivery key names the interval's number, so however many workers run this
        hour, each repository's baseline is queued once per interval."""
        days = self.settings.baseline_interval_days
        if days <= 0:
            return []
        period = int(self._clock.now() // (days * 86400.0))
        ctx = JobContext(self.settings, self._clock, "baseline-schedule", 1)
        repos = self._resolver(REPOSITORIES_HANDLER)({}, ctx)
        queued = []
        for host, repo in repos if isinstance(repos, list) else []:
            job_id, created = self.submit(
                baseline_job(host, repo), f"baseline-schedule:{host}:{repo}:{period}"
            )
            if created:
                queued.append(job_id)
        if queued:
            logger.info("scheduled re-baseline: %d job(s) queued (every %g days)", len(queued), days)
        return queued

    def ready(self) -> bool:
        """Whether the queue can accept work now (``readiness()`` says why not)."""
        return self.readiness() is None

    def readiness(self) -> str | None:
        """None when the queue can accept work; else why not: the ledger does not take a write, the
        message store does not answer, or (SQLite) the data directory's disk is nearly full."""
        try:
            self.ledger.ping()
            self.huey.pending_count()
        except self.ledger.errors as exc:
            return f"queue storage cannot take a write: {type(exc).__name__}: {str(exc)[:200]}"
        if not self.settings.redis_url and self.settings.ready_min_free_mb:
            try:
                free = shutil.disk_usage(self.settings.data_dir).free
            except OSError as exc:
                return f"data directory unusable: {exc.strerror}"
            if free < self.settings.ready_min_free_mb * 1024 * 1024:
                return (
                    f"disk nearly full: {free // 1024} kB free in the data directory "
                    f"(REMEDIATOR_READY_MIN_FREE_MB={self.settings.ready_min_free_mb})"
                )
        return None

    def consumer(self) -> Any:
        """A huey consumer running ``settings.worker_threads`` threads and the periodic sweep."""
        return self.huey.create_consumer(
            workers=self.settings.worker_threads, worker_type="thread", periodic=True
        )


def open_queue(
    settings: Settings,
    clock: Clock | None = None,
    *,
    resolver: Resolver = import_handler,
    immediate: bool = False,
) -> JobQueue:
    """The queue the settings name (creates the data directory; opens no connection yet)."""
    clock = clock or SystemClock()
    return JobQueue(
        settings,
        open_ledger(settings, clock),
        make_huey(settings, immediate=immediate),
        clock,
        resolver=resolver,
    )
