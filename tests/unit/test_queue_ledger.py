"""One contract for every job ledger: the same assertions on memory, SQLite and a real Redis.

Redis runs against REMEDIATOR_TEST_REDIS_URL (e.g. redis://127.0.0.1:6379/15); each test uses its
own key prefix and deletes only those keys afterwards.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator

import pytest

from bot.core.events import JobSpec
from bot.jobqueue import JobState, Ledger, MemoryLedger, SqliteLedger

REDIS_URL = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
MAX_ATTEMPTS = 3
LEASE = 60.0


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.t = now

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


LedgerFactory = Callable[[], Ledger]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(params=["memory", "sqlite", "redis"])
def make_ledger(request: pytest.FixtureRequest, clock: FakeClock, tmp_path) -> Iterator[LedgerFactory]:
    """A factory of ledgers over one shared storage (two instances = two processes' views)."""
    limits = {"max_attempts": MAX_ATTEMPTS, "lease_seconds": LEASE}
    if request.param == "memory":
        shared = MemoryLedger(clock, **limits)
        yield lambda: shared
    elif request.param == "sqlite":
        yield lambda: SqliteLedger(tmp_path / "jobs.db", clock, **limits)
    else:
        if not REDIS_URL:
            pytest.skip(
                "REDIS LEDGER CONTRACT NOT RUN: set REMEDIATOR_TEST_REDIS_URL=redis://127.0.0.1:6379/15 "
                "to run it against a real Redis"
            )
        import redis

        from bot.jobqueue.ledger_redis import RedisLedger

        prefix = f"remediator-test:{uuid.uuid4().hex}:"
        clients: list[redis.Redis] = []

        def factory() -> Ledger:
            client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
            clients.append(client)
            return RedisLedger(client, clock, prefix=prefix, **limits)

        yield factory
        for key in clients[0].scan_iter(match=f"{prefix}*"):
            clients[0].delete(key)
        for client in clients:
            client.close()


@pytest.fixture
def ledger(make_ledger: LedgerFactory) -> Ledger:
    return make_ledger()


def spec(
    key: str = "github:o/r#1", *, supersede: bool = False, handler: str = "bot.jobs.review_pr:review"
) -> JobSpec:
    return JobSpec(handler, key, {"repo": "o/r", "number": 1, "nested": {"ok": [1, 2]}}, supersede)


def test_submit_records_a_queued_job_with_its_json_payload(ledger: Ledger, clock: FakeClock) -> None:
    job_id, created = ledger.submit(spec(), "d-1")
    job = ledger.get(job_id)
    assert created
    assert job is not None
    assert (job.state, job.attempts, job.handler, job.key) == (
        JobState.QUEUED,
        0,
        "bot.jobs.review_pr:review",
        spec().key,
    )
    assert job.payload == {"repo": "o/r", "number": 1, "nested": {"ok": [1, 2]}}
    assert (job.run_at, job.created_at, job.delivery_id) == (clock.t, clock.t, "d-1")
    assert ledger.get("no-such-job") is None


def test_submit_is_idempotent_per_delivery_id(ledger: Ledger) -> None:
    first = ledger.submit(spec(), "d-1")
    again = ledger.submit(spec(), "d-1")
    assert again == (first[0], False)
    assert ledger.count() == 1
    assert ledger.deliveries() == 1


def test_payload_must_be_json(ledger: Ledger) -> None:
    with pytest.raises((TypeError, ValueError)):
        ledger.submit(JobSpec("bot.jobs:x", "k", {"when": object()}), "d-1")
    assert ledger.count() == 0


def test_supersede_obsoletes_older_queued_jobs_of_the_same_key_and_handler(ledger: Ledger) -> None:
    running, _ = ledger.submit(spec(supersede=True), "d-0")
    assert ledger.claim(running, "w", 1e12) is not None
    old, _ = ledger.submit(spec(supersede=True), "d-1")
    other_handler, _ = ledger.submit(spec(handler="bot.jobs:other"), "d-2")
    other_key, _ = ledger.submit(spec("github:o/r#2"), "d-3")
    new, _ = ledger.submit(spec(supersede=True), "d-4")
    states = {j: ledger.get(j).state for j in (running, old, other_handler, other_key, new)}  # type: ignore[union-attr]
    assert states == {
        running: JobState.RUNNING,
        old: JobState.OBSOLETE,
        other_handler: JobState.QUEUED,
        other_key: JobState.QUEUED,
        new: JobState.QUEUED,
    }
    assert ledger.claim(old, "w", 1e12) is None
    assert ledger.count(JobState.OBSOLETE) == 1


def test_jobs_of_one_key_run_one_at_a_time(ledger: Ledger, clock: FakeClock) -> None:
    a, _ = ledger.submit(spec(), "d-1")
    b, _ = ledger.submit(spec(), "d-2")
    c, _ = ledger.submit(spec("github:o/r#2"), "d-3")
    claimed = ledger.claim(a, "w1", clock.now())
    assert claimed is not None
    assert (claimed.state, claimed.attempts, claimed.worker) == (JobState.RUNNING, 1, "w1")
    assert claimed.lease_expires == clock.now() + LEASE
    assert ledger.claim(b, "w2", clock.now()) is None
    assert ledger.claim(c, "w2", clock.now()) is not None
    assert ledger.claim(a, "w2", clock.now()) is None
    ledger.finish(a)
    assert ledger.get(a).state is JobState.DONE  # type: ignore[union-attr]
    assert ledger.claim(b, "w2", clock.now()) is not None
    assert ledger.claim(a, "w2", clock.now()) is None


def test_an_expired_lease_frees_the_key_and_is_listed_for_recovery(ledger: Ledger, clock: FakeClock) -> None:
    a, _ = ledger.submit(spec(), "d-1")
    b, _ = ledger.submit(spec(), "d-2")
    ledger.claim(a, "w1", clock.now())
    assert ledger.expired(clock.now() + LEASE - 1) == []
    assert ledger.recover(a, clock.now() + LEASE - 1) is None
    clock.advance(LEASE)
    assert ledger.expired(clock.now()) == [a]
    assert ledger.claim(b, "w2", clock.now()) is not None
    assert ledger.recover(a, clock.now()) is JobState.QUEUED
    assert ledger.expired(clock.now()) == []
    job = ledger.get(a)
    assert job is not None
    assert (job.state, job.run_at, job.lease_expires) == (JobState.QUEUED, clock.now(), None)
    assert "lease expired" in job.last_error
    ledger.finish(b)
    again = ledger.claim(a, "w3", clock.now())
    assert again is not None
    assert again.attempts == 2


def test_a_job_that_keeps_losing_its_worker_is_dead_lettered(ledger: Ledger, clock: FakeClock) -> None:
    job_id, _ = ledger.submit(spec(), "d-1")
    for _ in range(MAX_ATTEMPTS):
        assert ledger.claim(job_id, "w", clock.now()) is not None
        clock.advance(LEASE)
        state = ledger.recover(job_id, clock.now())
    assert state is JobState.DEAD
    [dead] = ledger.dead_letters()
    assert dead.id == job_id
    assert "lease expired" in dead.last_error


def test_retry_waits_for_retry_at_and_dead_letters_after_the_last_attempt(
    ledger: Ledger, clock: FakeClock
) -> None:
    job_id, _ = ledger.submit(spec(), "d-1")
    for attempt in range(1, MAX_ATTEMPTS):
        assert ledger.claim(job_id, "w", clock.now()) is not None
        assert ledger.fail(job_id, f"HTTP 502 #{attempt}", clock.now() + 30) is JobState.QUEUED
        job = ledger.get(job_id)
        assert job is not None
        assert (job.run_at, job.last_error, job.attempts) == (
            clock.now() + 30,
            f"HTTP 502 #{attempt}",
            attempt,
        )
        assert ledger.claim(job_id, "w", clock.now() + 29.9) is None
        clock.advance(30)
    assert ledger.claim(job_id, "w", clock.now()) is not None
    assert ledger.fail(job_id, "HTTP 502 again", clock.now() + 30) is JobState.DEAD
    [dead] = ledger.dead_letters()
    assert dead.last_error == f"HTTP 502 again (gave up after {MAX_ATTEMPTS} attempts)"
    assert dead.attempts == MAX_ATTEMPTS
    assert ledger.claim(job_id, "w", clock.now() + 1000) is None
    assert ledger.count(JobState.DEAD) == 1


def test_a_permanent_failure_is_dead_at_once_with_its_reason(ledger: Ledger, clock: FakeClock) -> None:
    job_id, _ = ledger.submit(spec(), "d-1")
    ledger.claim(job_id, "w", clock.now())
    assert ledger.fail(job_id, "Permanent: repository is gone", None) is JobState.DEAD
    [dead] = ledger.dead_letters()
    assert (dead.id, dead.last_error, dead.attempts) == (job_id, "Permanent: repository is gone", 1)
    assert ledger.count(JobState.RUNNING) == 0


def test_defer_and_overdue(ledger: Ledger, clock: FakeClock) -> None:
    a, _ = ledger.submit(spec(), "d-1")
    clock.advance(10)
    b, _ = ledger.submit(spec("k2"), "d-2")
    assert ledger.overdue(clock.now() - 5) == [a]
    ledger.defer(a, clock.now() + 100)
    assert ledger.overdue(clock.now()) == [b]
    assert ledger.claim(a, "w", clock.now()) is None
    assert ledger.claim(a, "w", clock.now() + 100) is not None
    ledger.defer(a, 0.0)
    assert ledger.get(a).run_at == clock.now() + 100  # type: ignore[union-attr]


def test_counts_and_ping(ledger: Ledger, clock: FakeClock) -> None:
    ids = [ledger.submit(spec(f"k{i}"), f"d-{i}")[0] for i in range(4)]
    ledger.claim(ids[0], "w", clock.now())
    ledger.claim(ids[1], "w", clock.now())
    ledger.finish(ids[1])
    ledger.finish(ids[2])  # not running: no effect
    assert [ledger.count(s) for s in JobState] == [2, 1, 1, 0, 0]
    assert ledger.count() == 4
    ledger.ping()


def _submit_together(ledgers: tuple[Ledger, Ledger], delivery: str) -> list[tuple[str, bool]]:
    barrier = threading.Barrier(len(ledgers))
    results: list[tuple[str, bool]] = []
    lock = threading.Lock()

    def submit(ledger: Ledger) -> None:
        barrier.wait()
        result = ledger.submit(spec(supersede=True), delivery)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=submit, args=(led,)) for led in ledgers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_concurrent_submits_of_one_delivery_make_one_job(make_ledger: LedgerFactory) -> None:
    ledgers = (make_ledger(), make_ledger())
    for round_ in range(10):
        results = _submit_together(ledgers, f"d-{round_}")
        assert len({job_id for job_id, _ in results}) == 1
        assert sorted(created for _, created in results) == [False, True]
    assert ledgers[0].count() == 10
    assert ledgers[1].deliveries() == 10
