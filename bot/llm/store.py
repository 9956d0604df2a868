"""The LLM pass's persistent state: per-repo monthly usage (tokens, money) and the result cache.

``SqliteLLMStore`` keeps both in one SQLite file under ``settings.data_dir``; ``MemoryLLMStore`` is
its in-memory twin for tests. Deliberately independent of the advisory store (SQLAlchemy). Standard
library only.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

FILE_NAME = "llm.sqlite3"


class LLMStore(Protocol):
    def month_usage(self, repo: str, month: str) -> tuple[int, float]: ...

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None: ...

    def cache_get(self, key: str) -> str | None: ...

    def cache_put(self, key: str, value: str) -> None: ...


class MemoryLLMStore:
    """In-memory twin of ``SqliteLLMStore`` (same behaviour, nothing persisted)."""

    def __init__(self) -> None:
        self._usage: dict[tuple[str, str], tuple[int, float]] = {}
        self._cache: dict[str, str] = {}
        self._lock = threading.Lock()

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        with self._lock:
            return self._usage.get((repo, month), (0, 0.0))

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        with self._lock:
            old_tokens, old_cost = self._usage.get((repo, month), (0, 0.0))
            self._usage[(repo, month)] = (old_tokens + tokens, old_cost + cost)

    def cache_get(self, key: str) -> str | None:
        with self._lock:
            return self._cache.get(key)

    def cache_put(self, key: str, value: str) -> None:
        with self._lock:
            self._cache[key] = value


class SqliteLLMStore:
    """Usage and cache in ``path`` (created on first use); safe across threads and processes."""

    def __init__(self, path: Path, *, now: float | None = None) -> None:
        self.path = path
        self._now = now
        self._ready = False
        self._lock = threading.Lock()

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if not self._ready:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
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
                with conn:
                    yield conn
            finally:
                conn.close()

    def month_usage(self, repo: str, month: str) -> tuple[int, float]:
        with self._db() as conn:
            row = conn.execute(
                "SELECT tokens, cost FROM llm_usage WHERE repo = ? AND month = ?", (repo, month)
            ).fetchone()
        return (int(row[0]), float(row[1])) if row else (0, 0.0)

    def add_usage(self, repo: str, month: str, tokens: int, cost: float) -> None:
        with self._db() as conn:
            conn.execute(
                "INSERT INTO llm_usage (repo, month, tokens, cost) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (repo, month) DO UPDATE SET tokens = tokens + excluded.tokens, "
                "cost = cost + excluded.cost",
                (repo, month, tokens, cost),
            )

    def cache_get(self, key: str) -> str | None:
        with self._db() as conn:
            row = conn.execute("SELECT value FROM llm_cache WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def cache_put(self, key: str, value: str) -> None:
        created = self._now if self._now is not None else time.time()
        with self._db() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO llm_cache (key, value, created) VALUES (?, ?, ?)",
                (key, value, created),
            )
