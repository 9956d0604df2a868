"""The worker in-process: outcomes, retries on a fake clock, dead letters, handler names, recovery."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.errors import Permanent, Retryable
from bot.jobqueue import (
    JobContext,
    JobState,
    MemoryLedger,
    Worker,
    backoff_delay,
    import_handler,
    open_queue,
)
from bot.jobqueue.sweeper import Sweeper
from bot.jobqueue.worker import BUSY_DELAY

ATTEMPTS = 3


class FakeClock:
    def __init__(self, now: float = 1_700_000_000.0) -> None:
        self.t = now

    def now(self) -> float:
        return self.t

    def advance(self, seconds: float) -> None:
        self.t += seconds


class Harness:
    """A worker over a memory ledger whose sends are recorded and whose handlers are test functions."""

    def __init__(self, tmp_path: Path) -> None:
        self.clock = FakeClock()
        self.settings = Settings(data_dir=tmp_path, job_attempts=ATTEMPTS, job_lease_seconds=60)
        self.ledger = MemoryLedger(self.clock, max_attempts=ATTEMPTS, lease_seconds=60)
        self.sent: list[tuple[str, float]] = []
        self.handlers: dict[str, Any] = {}
        self.calls: list[tuple[dict[str, Any], JobContext]] = []
        self.worker = Worker(
            self.settings,
            self.ledger,
            lambda job_id, delay: self.sent.append((job_id, delay)),
            self.clock,
            resolver=self.resolve,
            rand=lambda: 0.5,
            name="test-worker",
        )

    def resolve(self, name: str) -> Any:
        if name not in self.handlers:
            raise Permanent(f"no handler {name}")
        return self.handlers[name]

    def handler(self, name: str, *outcomes: BaseException | None) -> None:
        """Register ``bot.test:name`` whose successive calls raise these (None: succeed)."""
        queue = list(outcomes)

        def run(payload: dict[str, Any], ctx: JobContext) -> None:
            self.calls.append((payload, ctx))
            outcome = queue.pop(0) if queue else None
            if outcome is not None:
                raise outcome

        self.handlers[f"bot.test:{name}"] = run

    def submit(self, name: str, key: str = "k", delivery: str = "d-1") -> str:
        job_id, _ = self.ledger.submit(JobSpec(f"bot.test:{name}", key, {"n": 1}), delivery)
        return job_id


@pytest.fixture
def h(tmp_path: Path) -> Harness:
    return Harness(tmp_path)


def test_success_finishes_the_job_and_passes_payload_and_context(h: Harness) -> None:
    h.handler("ok")
    job_id = h.submit("ok")
    assert h.worker.run(job_id) is JobState.DONE
    [(payload, ctx)] = h.calls
    assert payload == {"n": 1}
    assert (ctx.settings, ctx.clock, ctx.job_id, ctx.attempt) == (h.settings, h.clock, job_id, 1)
    assert h.ledger.get(job_id).state is JobState.DONE  # type: ignore[union-attr]
    assert h.sent == []
    assert h.worker.run(job_id) is JobState.DONE
    assert len(h.calls) == 1


def test_retry_after_is_honoured_exactly_on_the_fake_clock(h: Harness) -> None:
    h.handler("limited", Retryable("secondary rate limit", retry_after=120.0))
    job_id = h.submit("limited")
    assert h.worker.run(job_id) is JobState.QUEUED
    assert h.sent == [(job_id, 120.0)]
    job = h.ledger.get(job_id)
    assert job is not None
    assert (job.run_at, job.last_error) == (h.clock.now() + 120.0, "Retryable: secondary rate limit")
    h.clock.advance(119.0)
    assert h.worker.run(job_id) is JobState.QUEUED  # an early message: not run, sent again for the rest
    assert len(h.calls) == 1
    assert h.sent[-1] == (job_id, 1.0)
    h.clock.advance(1.0)
    assert h.worker.run(job_id) is JobState.DONE
    assert [ctx.attempt for _, ctx in h.calls] == [1, 2]


def test_retryable_without_retry_after_backs_off_exponentially_then_dead_letters(h: Harness) -> None:
    h.handler("flaky", *(Retryable("502 from GitHub") for _ in range(ATTEMPTS)))
    job_id = h.submit("flaky")
    delays = []
    for _ in range(ATTEMPTS - 1):
        assert h.worker.run(job_id) is JobState.QUEUED
        delays.append(h.sent[-1][1])
        h.clock.advance(h.sent[-1][1])
    assert delays == [1.5, 3.0]  # rand=0.5: half of 2 s and 4 s plus a quarter
    assert h.worker.run(job_id) is JobState.DEAD
    [dead] = h.ledger.dead_letters()
    assert dead.last_error == f"Retryable: 502 from GitHub (gave up after {ATTEMPTS} attempts)"
    assert len(h.sent) == ATTEMPTS - 1


def test_backoff_delay_grows_with_jitter_and_stops_at_ten_minutes() -> None:
    assert backoff_delay(1, lambda: 0.0) == 1.0
    assert backoff_delay(1, lambda: 1.0) == 2.0
    assert backoff_delay(4, lambda: 1.0) == 16.0
    assert backoff_delay(30, lambda: 0.0) == 300.0
    assert backoff_delay(30, lambda: 1.0) == 600.0


def test_permanent_goes_to_the_dead_letters_without_retry(h: Harness) -> None:
    h.handler("broken", Permanent("repository not found"))
    job_id = h.submit("broken")
    assert h.worker.run(job_id) is JobState.DEAD
    [dead] = h.ledger.dead_letters()
    assert (dead.id, dead.last_error, dead.attempts) == (job_id, "Permanent: repository not found", 1)
    assert h.sent == []


def test_an_unexpected_exception_is_logged_with_its_traceback_and_retried(
    h: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    h.handler("buggy", KeyError("head"))
    job_id = h.submit("buggy")
    with caplog.at_level(logging.ERROR, logger="bot.jobqueue.worker"):
        assert h.worker.run(job_id) is JobState.QUEUED
    [record] = caplog.records
    assert record.exc_info is not None
    assert job_id in record.getMessage()
    assert h.ledger.get(job_id).last_error == "KeyError: 'head'"  # type: ignore[union-attr]
    h.clock.advance(h.sent[-1][1])
    assert h.worker.run(job_id) is JobState.DONE


def test_jobs_of_a_busy_key_wait_and_are_sent_again(h: Harness) -> None:
    h.handler("ok")
    first = h.submit("ok", delivery="d-1")
    second = h.submit("ok", delivery="d-2")
    assert h.ledger.claim(first, "other-worker", h.clock.now()) is not None
    assert h.worker.run(second) is JobState.QUEUED
    assert h.sent == [(second, BUSY_DELAY)]
    assert h.ledger.get(second).run_at == h.clock.now() + BUSY_DELAY  # type: ignore[union-attr]
    assert h.calls == []


def test_a_job_whose_worker_was_killed_runs_again_after_its_lease(h: Harness) -> None:
    h.handler("ok")
    job_id = h.submit("ok")
    assert h.ledger.claim(job_id, "killed-worker", h.clock.now()) is not None  # then the worker dies
    assert h.worker.sweep() == []
    h.clock.advance(60)
    assert h.worker.sweep() == [job_id]
    assert h.sent == [(job_id, 0.0)]
    assert h.worker.run(job_id) is JobState.DONE
    assert h.calls[0][1].attempt == 2


def test_a_queued_job_whose_message_was_lost_is_sent_again(h: Harness) -> None:
    job_id = h.submit("ok")  # in the ledger, but no message ever reached huey
    h.clock.advance(59)
    assert h.worker.sweep() == []
    h.clock.advance(2)
    assert h.worker.sweep() == [job_id]
    assert h.worker.sweep() == []  # not sent twice in a row


def test_import_handler_only_accepts_functions_under_bot() -> None:
    assert import_handler("bot.jobqueue.worker:backoff_delay") is backoff_delay
    for name, reason in [
        ("os:system", "outside"),
        ("subprocess:run", "outside"),
        ("botany:x", "outside"),
        ("bot.jobqueue.worker", "form"),
        ("bot.jobqueue.worker:", "form"),
        ("bot..x:f", "form"),
        ("bot.no_such_module:f", "cannot be imported"),
        ("bot.jobqueue.worker:no_such_function", "does not exist"),
    ]:
        with pytest.raises(Permanent, match=reason):
            import_handler(name)


def test_a_job_naming_a_handler_outside_bot_is_refused_and_dead_lettered(tmp_path: Path) -> None:
    clock = FakeClock()
    ledger = MemoryLedger(clock, max_attempts=ATTEMPTS, lease_seconds=60)
    worker = Worker(Settings(data_dir=tmp_path), ledger, lambda *_: None, clock)
    job_id, _ = ledger.submit(JobSpec("os:system", "k", {"cmd": "true"}), "d-1")
    assert worker.run(job_id) is JobState.DEAD
    [dead] = ledger.dead_letters()
    assert "refused" in dead.last_error


def test_job_queue_runs_a_job_end_to_end_in_huey_immediate_mode(tmp_path: Path) -> None:
    clock = FakeClock()
    calls: list[dict[str, Any]] = []
    outcomes: list[BaseException | None] = [Retryable("rate limited", retry_after=30.0), None]

    def handler(payload: dict[str, Any], ctx: JobContext) -> None:
        calls.append(payload)
        outcome = outcomes.pop(0)
        if outcome is not None:
            raise outcome

    settings = Settings(data_dir=tmp_path / "data")
    queue = open_queue(settings, clock, resolver=lambda name: handler, immediate=True)
    job_id, created = queue.submit(JobSpec("bot.test:h", "k", {"n": 7}), "d-1")
    assert created
    assert calls == [{"n": 7}]
    assert queue.ledger.get(job_id).state is JobState.QUEUED  # type: ignore[union-attr]
    assert len(queue.huey.scheduled()) == 1  # the retry waits in huey's schedule, 30 s out
    assert queue.submit(JobSpec("bot.test:h", "k", {"n": 7}), "d-1") == (job_id, False)
    clock.advance(30)
    queue.send(job_id, 0.0)
    assert queue.ledger.get(job_id).state is JobState.DONE  # type: ignore[union-attr]
    assert (tmp_path / "data" / "jobs.db").exists()
    assert queue.ready()


def test_the_consumer_runs_the_configured_number_of_threads(tmp_path: Path) -> None:
    queue = open_queue(Settings(data_dir=tmp_path, worker_threads=3))
    consumer = queue.consumer()
    assert (consumer.workers, consumer.worker_type, consumer.periodic) == (3, "thread", True)


def test_a_killed_workers_job_is_recovered_behind_a_backlog_of_queued_messages(tmp_path: Path) -> None:
    # huey's periodic sweep would wait behind these messages (first in, first out); the sweeper
    # thread recovers the lost lease without any of them being consumed
    clock = FakeClock()
    settings = Settings(data_dir=tmp_path, job_lease_seconds=60)
    queue = open_queue(settings, clock)
    backlog = [queue.submit(JobSpec("bot.x:y", f"k{n}", {}), f"d-{n}")[0] for n in range(5)]
    lost = backlog[0]
    assert queue.ledger.claim(lost, "killed-worker", clock.now()) is not None
    clock.advance(61)  # its lease has expired
    pending = queue.huey.pending_count()
    swept = threading.Event()

    def sweep() -> object:
        resent = queue.worker.sweep()
        if lost in resent:
            swept.set()
        return resent

    sweeper = Sweeper(sweep, 0.01).start()
    try:
        assert swept.wait(timeout=30)
    finally:
        sweeper.stop()
    assert queue.ledger.get(lost).state is JobState.QUEUED  # type: ignore[union-attr]
    assert queue.huey.pending_count() >= pending + 1  # sent again; nothing of the backlog consumed
    assert isinstance(queue.sweeper(), Sweeper)
