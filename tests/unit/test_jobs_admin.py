"""Issue 14, item 4: dead letters seen, retried and purged with `remediator jobs`, and retention
(REMEDIATOR_RETENTION_DAYS) of finished jobs, delivery ids and the LLM cache, on every ledger."""

# ruff: noqa: F811 - pytest fixtures imported from the ledger contract are parameters here
from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.jobqueue import JobState, Ledger, SqliteLedger, make_huey
from bot.jobqueue.service import JobQueue
from bot.llm.store import SqliteLLMStore

# the ledger contract's fixtures (memory, SQLite, Redis), used here by name
from tests.unit.test_queue_ledger import FakeClock, LedgerFactory, clock, make_ledger  # noqa: F401

DAY = 86400.0


def _dead(ledger: Ledger, clock: FakeClock, delivery: str, key: str = "github:acme/shop#1") -> str:
    job_id, _ = ledger.submit(JobSpec("bot.jobs.review_pr:review_pull_request", key, {"n": 1}), delivery)
    assert ledger.claim(job_id, "w1", clock.now()) is not None
    assert ledger.fail(job_id, "Permanent: repository is gone", None) is JobState.DEAD
    return job_id


def test_retry_purge_and_retention_on_every_ledger(make_ledger: LedgerFactory, clock: FakeClock) -> None:
    ledger = make_ledger()
    dead = _dead(ledger, clock, "d-1")
    done, _ = ledger.submit(JobSpec("bot.test:x", "k2", {}), "d-2")
    assert ledger.claim(done, "w1", clock.now()) is not None
    assert ledger.finish(done)
    assert [j.id for j in ledger.jobs(JobState.DEAD)] == [dead]
    assert {j.id for j in ledger.jobs(None)} == {dead, done}
    # retry: queued again with its attempts reset, runnable
    assert ledger.retry(dead, clock.now())
    assert not ledger.retry(dead, clock.now())  # no longer a dead letter
    job = ledger.get(dead)
    assert job is not None and job.state is JobState.QUEUED and job.attempts == 0
    assert ledger.claim(dead, "w2", clock.now()) is not None
    assert ledger.fail(dead, "Permanent: still gone", None) is JobState.DEAD
    # retention: finished jobs and delivery ids older than the period; dead letters stay
    clock.advance(31 * DAY)
    assert ledger.purge((JobState.DONE, JobState.OBSOLETE), clock.now() - 30 * DAY) == 1
    assert ledger.get(done) is None and ledger.get(dead) is not None
    assert ledger.count(JobState.DONE) == 0 and ledger.count(JobState.DEAD) == 1
    # purge: dead letters, optionally only older ones
    assert ledger.purge((JobState.DEAD,), clock.now() - 40 * DAY) == 0
    assert ledger.purge((JobState.DEAD,), clock.now()) == 1
    assert ledger.jobs(None) == []


def test_the_hourly_retention_task_purges_jobs_deliveries_and_the_llm_cache(tmp_path: Path) -> None:
    clock = FakeClock()
    settings = Settings(data_dir=tmp_path, retention_days=30)
    queue = JobQueue(
        settings,
        SqliteLedger(tmp_path / "jobs.db", clock, max_attempts=3, lease_seconds=60),
        make_huey(settings, immediate=True),
        clock,
    )
    cache = SqliteLLMStore(tmp_path / "llm.sqlite3", now=clock.now)
    cache.cache_put("old", "[]")
    done, _ = queue.ledger.submit(JobSpec("bot.test:x", "k", {}), "d-1")
    assert queue.ledger.claim(done, "w1", clock.now()) is not None and queue.ledger.finish(done)
    clock.advance(31 * DAY)
    cache.cache_put("new", "[]")
    queued, _ = queue.ledger.submit(JobSpec("bot.test:x", "k2", {}), "d-2")
    removed = queue.apply_retention()
    assert (removed.jobs, removed.deliveries, removed.cache_entries) == (1, 1, 1)
    assert queue.ledger.get(done) is None and queue.ledger.get(queued) is not None
    assert cache.cache_get("old") is None and cache.cache_get("new") == "[]"


def test_forgotten_delivery_ids_are_new_jobs_after_the_period(tmp_path: Path, clock: FakeClock) -> None:
    ledger = SqliteLedger(tmp_path / "jobs.db", clock, max_attempts=3, lease_seconds=60)
    first, created = ledger.submit(JobSpec("bot.test:x", "k", {}), "d-1")
    assert created and ledger.submit(JobSpec("bot.test:x", "k", {}), "d-1") == (first, False)
    clock.advance(31 * DAY)
    assert ledger.forget_deliveries(clock.now() - 30 * DAY) == 1
    assert ledger.submit(JobSpec("bot.test:x", "k", {}), "d-1")[1]


def test_redis_keys_of_finished_jobs_and_deliveries_expire(clock: FakeClock) -> None:
    import os
    import uuid

    url = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
    if not url:
        pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis expiry NOT RUN")
    import redis

    from bot.jobqueue.ledger_redis import RedisLedger

    client = redis.Redis.from_url(url, decode_responses=True)
    prefix = f"remediator-test:{uuid.uuid4().hex}:"
    ledger = RedisLedger(
        client, clock, max_attempts=3, lease_seconds=60, prefix=prefix, retention_seconds=DAY
    )
    try:
        job_id, _ = ledger.submit(JobSpec("bot.test:x", "k", {}), "d-1")
        assert 0 < client.ttl(f"{prefix}delivery:d-1") <= DAY
        assert client.ttl(f"{prefix}job:{job_id}") == -1  # a queued job never expires
        assert ledger.claim(job_id, "w1", clock.now()) is not None
        assert ledger.finish(job_id, ("w1", 1))
        assert 0 < client.ttl(f"{prefix}job:{job_id}") <= DAY
    finally:
        for key in client.scan_iter(match=f"{prefix}*"):
            client.delete(key)


@pytest.fixture
def cli_ledger(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SqliteLedger, FakeClock]:
    """The SQLite ledger `remediator jobs` opens (no Redis or database URL in the environment, the
    data directory at ``tmp_path``), on a clock at the real time."""
    for name in ("REMEDIATOR_REDIS_URL", "REMEDIATOR_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path))
    real = FakeClock(__import__("time").time())
    return SqliteLedger(tmp_path / "jobs.db", real, max_attempts=6, lease_seconds=900), real


def test_jobs_command_lists_shows_retries_and_purges_dead_letters(
    tmp_path: Path, cli_ledger: tuple[SqliteLedger, FakeClock], capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, real = cli_ledger
    first = _dead(ledger, real, "d-1")
    second = _dead(ledger, real, "d-2", key="github:acme/shop#2")

    assert main(["jobs", "list"]) == 0  # the terminal table: one row per job
    assert sorted(line.split()[0] for line in capsys.readouterr().out.splitlines()) == sorted([first, second])
    assert main(["jobs", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {j["id"] for j in listed} == {first, second}
    assert all(j["last_error"] == "Permanent: repository is gone" for j in listed)
    assert main(["jobs", "show", first]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["key"] == "github:acme/shop#1" and shown["state"] == "dead"

    assert main(["jobs", "retry", first]) == 0
    assert "1 job(s) queued again" in capsys.readouterr().out
    assert ledger.get(first).state is JobState.QUEUED  # type: ignore[union-attr]
    huey = make_huey(Settings(data_dir=tmp_path))
    assert huey.pending_count() == 1  # the worker gets the job id
    assert main(["jobs", "retry", first]) == 2  # not a dead letter any more: bad input
    assert "not a dead letter" in capsys.readouterr().err

    assert main(["jobs", "purge"]) == 0
    assert "1 dead letter(s) deleted" in capsys.readouterr().out
    assert ledger.get(second) is None
    assert main(["jobs", "show", "nope"]) == 2


def test_scheduled_rebaselines_are_queued_once_per_interval_however_many_workers_check(
    tmp_path: Path,
) -> None:
    """REMEDIATOR_BASELINE_INTERVAL: every repository the ledger knows gets one baseline job per
    interval, even when several workers run the hourly check; 0 turns the schedule off."""
    clock = FakeClock()
    ran: list[dict[str, object]] = []

    def resolver(name: str):
        if name == "bot.jobs.baseline:known_repositories":
            return lambda payload, ctx: [("github", "acme/shop"), ("gitlab", "group/app")]
        assert name == "bot.jobs.baseline:baseline_repository", name
        return lambda payload, ctx: ran.append(dict(payload))

    settings = Settings(data_dir=tmp_path, baseline_interval_days=7)
    ledger = SqliteLedger(tmp_path / "jobs.db", clock, max_attempts=3, lease_seconds=60)
    workers = [
        JobQueue(settings, ledger, make_huey(settings, immediate=True), clock, resolver=resolver)
        for _ in range(2)
    ]
    assert len(workers[0].schedule_baselines()) == 2
    assert workers[1].schedule_baselines() == []  # the other worker, the same hour: nothing twice
    clock.advance(DAY)
    assert workers[0].schedule_baselines() == []  # still inside the interval
    assert sorted((p["host"], p["repo"]) for p in ran) == [("github", "acme/shop"), ("gitlab", "group/app")]
    clock.advance(7 * DAY)
    assert len(workers[1].schedule_baselines()) == 2
    assert len(ran) == 4
    off = JobQueue(
        Settings(data_dir=tmp_path, baseline_interval_days=0),
        ledger,
        make_huey(settings, immediate=True),
        clock,
    )
    assert off.schedule_baselines() == []


def test_the_jobs_table_never_passes_escape_sequences_from_a_key_or_an_error(
    cli_ledger: tuple[SqliteLedger, FakeClock], capsys: pytest.CaptureFixture[str]
) -> None:
    ledger, real = cli_ledger
    job_id, _ = ledger.submit(
        JobSpec("bot.jobs.review_pr:review_pull_request", "github:acme/\x1b[2Jshop#1", {"n": 1}), "d-9"
    )
    assert ledger.claim(job_id, "w1", real.now()) is not None
    ledger.fail(job_id, "Permanent: \x1b]0;title\x07gone\nsecond line", None)
    assert main(["jobs", "list"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and len(out.splitlines()) == 1
    assert "github:acme/?[2Jshop#1" in out and "Permanent: ?]0;title?gone?second line" in out
