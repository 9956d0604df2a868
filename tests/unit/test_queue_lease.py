"""Issue 14, item 4: a lease is renewed while its job runs, and only the claim holding it may finish
or fail the job. Reproduced before: a worker stalled past its 900 s lease, the job was taken over
and run again, and the stale first run finished last, overwriting the newer outcome.

The same assertions on memory, SQLite and a real Redis (the ledger contract's fixture); the stall
is an injected clock moved past the lease inside the handler.
"""

# ruff: noqa: F811 - pytest fixtures imported from the ledger contract are parameters here
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.errors import Retryable
from bot.jobqueue import JobContext, JobState, Ledger, Worker
from bot.jobqueue.worker import Heartbeat
from bot.obs import metrics

# the ledger contract's fixtures (memory, SQLite, Redis), used here by name
from tests.unit.test_queue_ledger import LEASE, FakeClock, LedgerFactory, clock, make_ledger  # noqa: F401

SPEC = JobSpec("bot.test:review", "github:acme/shop#7", {"number": 7})


def _worker(name: str, ledger: Ledger, clock: FakeClock, handler: Any, tmp_path: Path) -> Worker:
    settings = Settings(data_dir=tmp_path, job_attempts=3, job_lease_seconds=int(LEASE))
    return Worker(
        settings, ledger, lambda *_: None, clock, resolver=lambda _: handler, rand=lambda: 0.5, name=name
    )


def test_heartbeat_extends_only_the_holders_lease(make_ledger: LedgerFactory, clock: FakeClock) -> None:
    ledger = make_ledger()
    job_id, _ = ledger.submit(SPEC, "d-1")
    job = ledger.claim(job_id, "w1", clock.now())
    assert job is not None
    owner = ("w1", job.attempts)
    clock.advance(LEASE - 10)
    assert ledger.heartbeat(job_id, owner, clock.now())
    assert ledger.get(job_id).lease_expires == clock.now() + LEASE  # type: ignore[union-attr]
    assert not ledger.heartbeat(job_id, ("w2", job.attempts), clock.now())
    assert not ledger.heartbeat(job_id, ("w1", job.attempts + 1), clock.now())
    clock.advance(LEASE - 10)  # past the first lease, inside the renewed one
    assert ledger.expired(clock.now()) == []
    clock.advance(11)
    assert ledger.expired(clock.now()) == [job_id]
    assert not ledger.heartbeat(job_id, owner, clock.now())  # an expired lease is not revived


def test_finish_and_fail_only_by_the_claim_holding_the_lease(
    make_ledger: LedgerFactory, clock: FakeClock
) -> None:
    ledger = make_ledger()
    job_id, _ = ledger.submit(SPEC, "d-1")
    first = ledger.claim(job_id, "w1", clock.now())
    assert first is not None
    clock.advance(LEASE + 1)
    assert ledger.recover(job_id, clock.now()) is JobState.QUEUED
    second = ledger.claim(job_id, "w2", clock.now())
    assert second is not None
    stale = ("w1", first.attempts)
    assert not ledger.finish(job_id, stale)
    assert ledger.fail(job_id, "Retryable: late", clock.now() + 30, stale) is JobState.RUNNING
    assert ledger.get(job_id).worker == "w2"  # type: ignore[union-attr]
    assert ledger.finish(job_id, ("w2", second.attempts))
    assert ledger.get(job_id).state is JobState.DONE  # type: ignore[union-attr]
    assert not ledger.finish(job_id, ("w2", second.attempts))


def test_a_worker_stalled_past_its_lease_records_nothing(
    make_ledger: LedgerFactory,
    clock: FakeClock,
    tmp_path: Path,
) -> None:
    ledger = make_ledger()
    job_id, _ = ledger.submit(SPEC, "d-1")
    other = make_ledger()  # another worker process's view of the same ledger
    sweeper = _worker("w2", other, clock, None, tmp_path)
    taken: list[int] = []

    def stalls(payload: dict[str, Any], ctx: JobContext) -> None:
        clock.advance(LEASE + 1)  # e.g. a 429 storm: the handler outlives its lease
        assert sweeper.sweep() == [job_id]
        job = other.claim(job_id, "w2", clock.now())  # the second worker is now running it
        assert job is not None
        taken.append(job.attempts)
        raise Retryable("the LLM server rate limited (HTTP 429)")

    first = _worker("w1", ledger, clock, stalls, tmp_path)
    # the stale failure neither re-queues the job under the second worker nor kills it
    assert first.run(job_id) is JobState.RUNNING
    job = ledger.get(job_id)
    assert job is not None and job.worker == "w2" and job.attempts == taken[0] == 2
    assert "429" not in job.last_error
    assert other.finish(job_id, ("w2", 2))
    assert ledger.get(job_id).state is JobState.DONE  # type: ignore[union-attr]


def test_the_worker_renews_the_lease_while_the_handler_runs(clock: FakeClock, tmp_path: Path) -> None:
    from bot.jobqueue import MemoryLedger

    ledger = MemoryLedger(clock, max_attempts=3, lease_seconds=0.3)
    job_id, _ = ledger.submit(SPEC, "d-1")
    renewed = threading.Event()

    def waits_for_a_renewal(payload: dict[str, Any], ctx: JobContext) -> None:
        before = ledger.get(job_id).lease_expires  # type: ignore[union-attr]
        clock.advance(0.2)  # the next beat renews from here
        for _ in range(500):  # wait for the heartbeat thread (a condition, not a timing guess)
            if ledger.get(job_id).lease_expires != before:  # type: ignore[union-attr]
                renewed.set()
                return
            renewed.wait(0.01)

    settings = Settings(data_dir=tmp_path, job_attempts=3, job_lease_seconds=1)
    worker = Worker(
        settings, ledger, lambda *_: None, clock, resolver=lambda _: waits_for_a_renewal, name="w1"
    )
    worker.settings = Settings(data_dir=tmp_path, job_attempts=3, job_lease_seconds=1)
    assert worker.run(job_id) is JobState.DONE
    assert renewed.is_set()


def test_a_heartbeat_that_finds_the_lease_gone_says_so(make_ledger: LedgerFactory, clock: FakeClock) -> None:
    ledger = make_ledger()
    job_id, _ = ledger.submit(SPEC, "d-1")
    job = ledger.claim(job_id, "w1", clock.now())
    assert job is not None
    beat = Heartbeat(ledger, job_id, ("w1", job.attempts), clock, interval=60)
    assert beat.beat() and not beat.lost
    clock.advance(LEASE + 1)
    assert not beat.beat() and beat.lost


def _jobs(outcome: str) -> float:
    return float(metrics.get().jobs.labels("review", outcome)._value.get())


def test_an_attempt_that_lost_its_lease_is_not_counted_as_done(
    make_ledger: LedgerFactory, clock: FakeClock, tmp_path: Path
) -> None:
    # found in the scale run: two claims of one job each counted "done" (/metrics said 302 for 300)
    ledger = make_ledger()
    job_id, _ = ledger.submit(SPEC, "d-1")
    other = make_ledger()
    sweeper = _worker("w2", other, clock, None, tmp_path)
    done, lost = _jobs("done"), _jobs("lost_lease")

    def outlives_its_lease(payload: dict[str, Any], ctx: JobContext) -> None:
        clock.advance(LEASE + 1)
        assert sweeper.sweep() == [job_id]
        job = other.claim(job_id, "w2", clock.now())
        assert job is not None
        assert other.finish(job_id, ("w2", job.attempts))  # the second claim finishes first

    first = _worker("w1", ledger, clock, outlives_its_lease, tmp_path)
    assert first.run(job_id) is JobState.DONE  # the job's state, as the ledger has it
    assert _jobs("lost_lease") == lost + 1
    assert _jobs("done") == done  # w2's own run would count the one "done"
