"""The LLM state's contract (issue 14, items 2 and 4), the same assertions against every store a
worker may be given: memory, ``llm.sqlite3``, the advisory database (SQLite and PostgreSQL) and
Redis. Usage adds up per repository and month, a refused spend adds nothing, spends from several
connections at once never overrun the budget their ``decide`` enforces, and cached answers go after
the retention period (deleted by ``purge``, or expired by Redis)."""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.config.settings import Settings
from bot.llm.store import LLMStore, MemoryLLMStore, SqliteLLMStore, open_llm_store
from bot.store import db
from bot.store.llm_state import SqlLLMStore

REDIS_URL = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
PG_URL = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")
DAY = 86400.0
T0 = 1_800_000_000.0


class Clock:
    def __init__(self) -> None:
        self.t = T0

    def now(self) -> float:
        return self.t


Factory = Callable[[], LLMStore]
"""A new store object on the same state (another connection: another worker's view)."""


@pytest.fixture(params=["memory", "sqlite-file", "database-sqlite", "database-postgresql", "redis"])
def stores(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Factory, Clock]]:
    clock = Clock()
    kind = request.param
    if kind == "memory":
        shared = MemoryLLMStore(clock.now)
        yield (lambda: shared), clock
    elif kind == "sqlite-file":
        yield (lambda: SqliteLLMStore(tmp_path / "llm.sqlite3", now=clock.now)), clock
    elif kind == "database-sqlite":
        url = db.database_url("", tmp_path)
        engines = [db.make_engine(url)]
        db.upgrade(engines[0])

        def sqlite_store() -> LLMStore:
            engines.append(db.make_engine(url))
            return SqlLLMStore(engines[-1], clock.now)

        yield sqlite_store, clock
        for engine in engines:
            engine.dispose()
    elif kind == "database-postgresql":
        if not PG_URL:
            pytest.skip("REMEDIATOR_TEST_DATABASE_URL is not set: PostgreSQL LLM store NOT RUN")
        schema = f"remediator_test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        sep = "&" if "?" in PG_URL else "?"
        url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
        engines = [db.make_engine(url)]
        db.upgrade(engines[0])

        def pg_store() -> LLMStore:
            engines.append(db.make_engine(url))
            return SqlLLMStore(engines[-1], clock.now)

        try:
            yield pg_store, clock
        finally:
            for engine in engines:
                engine.dispose()
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))  # only this test's schema
            admin.dispose()
    else:
        if not REDIS_URL:
            pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis LLM store NOT RUN (.ci/run sets it)")
        import redis

        from bot.llm.store_redis import RedisLLMStore

        prefix = f"remediator-test:llm:{uuid.uuid4().hex}:"
        client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
        try:
            yield (lambda: RedisLLMStore.from_url(REDIS_URL, prefix=prefix, now=clock.now)), clock
        finally:
            for key in client.scan_iter(prefix + "*"):
                client.delete(key)


def test_usage_adds_up_per_repository_and_month_and_a_refusal_adds_nothing(
    stores: tuple[Factory, Clock],
) -> None:
    make, _clock = stores
    store = make()
    assert store.month_usage("acme/shop", "2027-01") == (0, 0.0)
    store.add_usage("acme/shop", "2027-01", 100, 0.5)
    store.add_usage("acme/shop", "2027-01", 50, 0.25)
    store.add_usage("acme/api", "2027-01", 7, 0.0)
    assert store.month_usage("acme/shop", "2027-01") == (150, pytest.approx(0.75))
    assert store.month_usage("acme/shop", "2027-02") == (0, 0.0)
    seen: list[tuple[int, float]] = []
    assert store.spend("acme/shop", "2027-01", lambda t, c: seen.append((t, c))) is None
    assert seen == [(150, pytest.approx(0.75))]
    assert make().month_usage("acme/shop", "2027-01") == (150, pytest.approx(0.75))  # another view


def test_spends_from_many_connections_at_once_never_overrun_the_budget(
    stores: tuple[Factory, Clock],
) -> None:
    budget, each, threads, tries = 1000, 10, 8, 25  # 2,000 tokens asked for, 1,000 allowed

    def decide(tokens: int, _cost: float) -> tuple[int, float] | None:
        return (each, 0.01) if tokens + each <= budget else None

    make, _clock = stores
    granted: list[int] = []
    start = threading.Barrier(threads)

    def worker() -> None:
        store = make()  # a connection of its own, as a worker process has
        start.wait()
        for _ in range(tries):
            if store.spend("acme/shop", "2027-01", decide) is not None:
                granted.append(each)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    tokens, cost = make().month_usage("acme/shop", "2027-01")
    assert tokens == sum(granted) == budget
    assert cost == pytest.approx(budget / each * 0.01)


def test_cached_answers_go_after_the_retention_period(stores: tuple[Factory, Clock], request) -> None:  # type: ignore[no-untyped-def]
    make, clock = stores
    store = make()
    store.cache_put("old", "[1]")
    clock.t += 31 * DAY
    store.cache_put("new", "[2]")
    assert store.cache_get("old") == "[1]"
    removed = store.purge(clock.t - 30 * DAY)
    if "redis" in request.node.callspec.id:
        assert removed == 0  # Redis expires each key itself (next test)
    else:
        assert removed == 1 and store.cache_get("old") is None
    assert store.cache_get("new") == "[2]"


def test_redis_keys_expire_after_the_retention_period() -> None:
    if not REDIS_URL:
        pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis LLM key expiry NOT RUN")
    import redis

    settings = Settings(redis_url=REDIS_URL, retention_days=3)
    store = open_llm_store(settings)
    prefix = f"remediator-test:llm:{uuid.uuid4().hex}:"
    store.prefix = prefix  # type: ignore[attr-defined]
    client = redis.Redis.from_url(REDIS_URL, decode_responses=True)
    try:
        store.cache_put("k", "[]")
        store.add_usage("acme/shop", "2027-01", 10, 0.0)
        assert 2 * DAY < client.ttl(f"{prefix}cache:k") <= 3 * DAY
        assert client.ttl(f"{prefix}usage:2027-01:acme/shop") > 31 * DAY  # a month outlives its month
        kept = open_llm_store(Settings(redis_url=REDIS_URL, retention_days=0))
        kept.prefix = prefix  # type: ignore[attr-defined]
        kept.cache_put("kept", "[]")
        assert client.ttl(f"{prefix}cache:kept") == -1  # 0 keeps all
    finally:
        for key in client.scan_iter(prefix + "*"):
            client.delete(key)
