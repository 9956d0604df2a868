"""The LLM pass's state in a store every worker shares: PostgreSQL (the advisory store's database,
tables from its migrations) or Redis. ``spend`` is atomic in both: a row lock (``SELECT ... FOR
UPDATE``) in one transaction, or a ``WATCH``ed read and a ``MULTI`` write retried on conflict.

Must not import openai; SQLAlchemy and redis only (this module is loaded only when configured).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis
from sqlalchemy import Engine, text

from bot.config.settings import Settings
from bot.llm.store import Decide
from bot.store import bootstrap
from bot.store.db import translate_db_errors

MONTH_TTL_SECONDS = 70 * 86400  # a month's usage outlives its month: the dashboard of last month
CACHE_TTL_SECONDS = 30 * 86400
_SELECT_USAGE = text("SELECT tokens, cost FROM llm_usage WHERE repo = :r AND month = :m")
_SELECT_USAGE_FOR_UPDATE = text(
    "SELECT tokens, cost FROM llm_usage WHERE repo = :r AND month = :m FOR UPDATE"
)


class SqlLLMStore:
    """Usage and cache in the advisory store's database (PostgreSQL, or SQLite by URL)."""

    def __init__(self, engine: Engine, now: Callable[[], float] = time.time) -> None:
        self._engine = engine
        self._writer = engine.execution_options(remediator_write=True)  # BEGIN IMMEDIATE on SQLite
        self._now = now

    @classmethod
    def from_settings(cls, settings: Settings, now: Callable[[], float] = time.time) -> SqlLLMStore:
        return cls(bootstrap.engine_for(settings), now)

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        with translate_db_errors("reading LLM usage"), self._engine.connect() as conn:
            row = conn.execute(
                text("SELECT tokens, cost FROM llm_usage WHERE repo = :r AND month = :m"),
                {"r": repo, "m": month},
            ).one_or_none()
        return (int(row[0]), float(row[1])) if row else (0, 0.0)

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        self.spend(repo, month, lambda _t, _c: (tokens, cost))

    def spend(self, repo: str, month: str, decide: Decide) -> tuple[int, float] | None:
        params = {"r": repo, "m": month}
        with translate_db_errors("spending LLM budget"), self._writer.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO llm_usage (repo, month, tokens, cost) VALUES (:r, :m, 0, 0) "
                    "ON CONFLICT (repo, month) DO NOTHING"
                ),
                params,
            )
            select = _SELECT_USAGE if conn.dialect.name == "sqlite" else _SELECT_USAGE_FOR_UPDATE
            row = conn.execute(select, params).one()
            delta = decide(int(row[0]), float(row[1]))
            if delta is not None:
                conn.execute(
                    text(
                        "UPDATE llm_usage SET tokens = tokens + :t, cost = cost + :c "
                        "WHERE repo = :r AND month = :m"
                    ),
                    {**params, "t": delta[0], "c": delta[1]},
                )
        return delta

    def cache_get(self, key: str) -> str | None:
        with translate_db_errors("reading the LLM cache"), self._engine.connect() as conn:
            row = conn.execute(text("SELECT value FROM llm_cache WHERE key = :k"), {"k": key}).one_or_none()
        return str(row[0]) if row else None

    def cache_put(self, key: str, value: str) -> None:
        with translate_db_errors("writing the LLM cache"), self._engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO llm_cache (key, value, created) VALUES (:k, :v, :c) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, created = excluded.created"
                ),
                {"k": key, "v": value, "c": self._now()},
            )

    def purge(self, before: float) -> int:
        with translate_db_errors("purging the LLM cache"), self._engine.begin() as conn:
            result: Any = conn.execute(text("DELETE FROM llm_cache WHERE created < :b"), {"b": before})
            return int(result.rowcount or 0)


class RedisLLMStore:
    """Usage as ``<prefix>usage:<month>:<repo>`` hashes, cache as ``<prefix>cache:<key>`` strings;
    every key expires (``CACHE_TTL_SECONDS``, ``MONTH_TTL_SECONDS``)."""

    def __init__(
        self,
        client: redis.Redis,
        *,
        prefix: str = "remediator:llm:",
        cache_ttl: int = CACHE_TTL_SECONDS,
        now: Callable[[], float] = time.time,
    ) -> None:
        self._r = client
        self.prefix = prefix
        self._cache_ttl = max(1, cache_ttl)
        self._now = now

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> RedisLLMStore:
        return cls(redis.Redis.from_url(url, decode_responses=True), **kwargs)

    def _usage_key(self, repo: str, month: str) -> str:
        return f"{self.prefix}usage:{month}:{repo}"

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        fields: dict[str, str] = self._r.hgetall(self._usage_key(repo, month))  # type: ignore[assignment]
        return int(fields.get("tokens") or 0), float(fields.get("cost") or 0.0)

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        self.spend(repo, month, lambda _t, _c: (tokens, cost))

    def spend(self, repo: str, month: str, decide: Decide) -> tuple[int, float] | None:
        key = self._usage_key(repo, month)
        with self._r.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)  # type: ignore[no-untyped-call]
                    fields: dict[str, str] = pipe.hgetall(key)  # type: ignore[assignment]
                    delta = decide(int(fields.get("tokens") or 0), float(fields.get("cost") or 0.0))
                    if delta is None:
                        pipe.unwatch()
                        return None
                    pipe.multi()
                    pipe.hincrby(key, "tokens", delta[0])
                    pipe.hincrbyfloat(key, "cost", delta[1])
                    pipe.expire(key, MONTH_TTL_SECONDS)
                    pipe.execute()
                    return delta
                except redis.WatchError:
                    continue  # another process spent in between: decide again on the new figures

    def cache_get(self, key: str) -> str | None:
        value: str | None = self._r.get(f"{self.prefix}cache:{key}")  # type: ignore[assignment]
        return value

    def cache_put(self, key: str, value: str) -> None:
        self._r.set(f"{self.prefix}cache:{key}", value, ex=self._cache_ttl)

    def purge(self, before: float) -> int:
        return 0  # every cache key carries its own expiry; Redis deletes it
