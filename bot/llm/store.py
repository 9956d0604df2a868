"""The LLM pass's persistent state: per-repo monthly usage (tokens, money) and the result cache.

``spend`` is the one way a budget is consumed: it reads the month's usage, asks a pure ``decide``
function what to add, and writes it in one atomic step, so reviews in many processes cannot
together overrun a budget. ``SqliteLLMStore`` (one file under ``settings.data_dir``) and the
in-memory twin live here, Redis in ``bot.llm.store_redis``, PostgreSQL in ``bot.store.llm_state``;
``bot.jobs.llm_state.llm_store_for`` picks one from the settings. Must not import openai.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from bot.config.settings import Settings

FILE_NAME = "llm.sqlite3"

# (month tokens, month cost) -> (tokens, cost) to add, or None to add nothing (a refusal)
Decide = Callable[[int, float], tuple[int, float] | None]


class LLMStore(Protocol):
    def month_usage(self, repo: str, month: str) -> tuple[int, float]: ...

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        """Add (or, with negative values, give back) usage unconditionally."""

    def spend(self, repo: str, month: str, decide: Decide) -> tuple[int, float] | None:
        """Atomically: what ``decide`` returns for the current usage is added; returned as added."""

    def cache_get(self, key: str) -> str | None: ...

    def cache_put(self, key: str, value: str) -> None: ...

    def purge(self, before: float) -> int:
        """Delete cache entries written before ``before`` (epoch seconds); returns how many."""


class MemoryLLMStore:
    """In-memory twin of ``SqliteLLMStore`` (same behaviour, nothing persisted)."""

    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._usage: dict[tuple[str, str], tuple[int, float]] = {}
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()
        self._now = now

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        with self._lock:
            return self._usage.get((repo, month), (0, 0.0))

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        self.spend(repo, month, lambda _t, _c: (tokens, cost))

    def spend(self, repo: str, month: str, decide: Decide) -> tuple[int, float] | None:
        with self._lock:
            old_tokens, old_cost = self._usage.get((repo, month), (0, 0.0))
            delta = decide(old_tokens, old_cost)
            if delta is not None:
                self._usage[(repo, month)] = (old_tokens + delta[0], old_cost + delta[1])
            return delta

    def cache_get(self, key: str) -> str | None:
        with self._lock:
            hit = self._cache.get(key)
            return hit[0] if hit else None

    def cache_put(self, key: str, value: str) -> None:
        with self._lock:
            self._cache[key] = (value, self._now())

    def purge(self, before: float) -> int:
        with self._lock:
            old = [k for k, (_, created) in self._cache.items() if created < before]
            for k in old:
                del self._cache[k]
            return len(old)


class SqliteLLMStore:
    """Usage and cache in ``path`` (created on first use); safe across threads and processes:
    ``spend`` runs in a ``BEGIN IMMEDIATE`` transaction, which SQLite serialises across processes."""

    def __init__(self, path: Path, *, now: Callable[[], float] = time.time) -> None:
        self.path = path
        self._now = now
        self._ready = False
        self._lock = threading.Lock()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                if not self._ready:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS llm_usage (repo TEXT NOT NULL, month TEXT NOT NULL, "
                        "tokens INTEGER NOT NULL, cost REAL NOT NULL, PRIMARY KEY (repo, month))"
                    )
                    conn.execute(
                        "CREATE TABLE IF NOT EXISTS llm_cache (key TEXT PRIMARY KEY, value TEXT NOT NULL, "
                        "created REAL NOT NULL)"
                    )
                    self._ready = True
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                conn.close()

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        with self._db() as conn:
            return _usage_row(conn, repo, month)

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        self.spend(repo, month, lambda _t, _c: (tokens, cost))

    def spend(self, repo: str, month: str, decide: Decide) -> tuple[int, float] | None:
        with self._db() as conn:
            delta = decide(*_usage_row(conn, repo, month))
            if delta is not None:
                conn.execute(
                    "INSERT INTO llm_usage (repo, month, tokens, cost) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (repo, month) DO UPDATE SET tokens = tokens + excluded.tokens, "
                    "cost = cost + excluded.cost",
                    (repo, month, delta[0], delta[1]),
                )
            return delta

    def cache_get(self, key: str) -> str | None:
        with self._db() as conn:
            row = conn.execute("SELECT value FROM llm_cache WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def cache_put(self, key: str, value: str) -> None:
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO llm_cache (key, value, created) VALUES (?, ?, ?)",
                (key, value, self._now()),
            )

    def purge(self, before: float) -> int:
        with self._db() as conn:
            return conn.execute("DELETE FROM llm_cache WHERE created < ?", (before,)).rowcount


def _usage_row(conn: sqlite3.Connection, repo: str, month: str) -> tuple[int, float]:
    row = conn.execute(
        "SELECT tokens, cost FROM llm_usage WHERE repo = ? AND month = ?", (repo, month)
    ).fetchone()
    return (int(row[0]), float(row[1])) if row else (0, 0.0)


def open_llm_store(settings: Settings, now: Callable[[], float] = time.time) -> LLMStore:
    """Redis when ``REMEDIATOR_REDIS_URL`` is set, else SQLite in the data directory (one host).
    With ``REMEDIATOR_DATABASE_URL``, the callers that may open the database pass its store
    (``bot.jobs.llm_state.llm_store_for``) instead."""
    if settings.redis_url:
        from bot.llm.store_redis import RedisLLMStore  # noqa: PLC0415 - redis is an optional extra

        return RedisLLMStore.from_url(settings.redis_url, now=now, cache_ttl=settings.retention_days * 86400)
    return SqliteLLMStore(settings.data_dir / FILE_NAME, now=now)
