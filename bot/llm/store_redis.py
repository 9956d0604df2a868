"""The LLM pass's state in Redis, shared by every worker: ``spend`` is a ``WATCH``ed read and a
``MULTI`` write, retried on conflict; every key expires. (The PostgreSQL twin is
``bot.store.llm_state``.) Must not import openai; redis only (loaded only when configured).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import redis

from bot.llm.store import Decide

MONTH_TTL_SECONDS = 70 * 86400  # a month's usage outlives its month: the dashboard of last month
CACHE_TTL_SECONDS = 30 * 86400  # without a retention setting


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
        self._cache_ttl = cache_ttl if cache_ttl > 0 else None  # 0: cached answers are kept
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
