"""The LLM pass's usage and cache in the advisory store's database (PostgreSQL, or SQLite by URL),
shared by every worker; tables from migration 0006. ``spend`` is atomic: the month's row is locked
(``SELECT ... FOR UPDATE``) for the read, the decision and the write, in one transaction.

Satisfies ``bot.llm.store.LLMStore`` structurally; must not import bot.llm or Flask.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text

from bot.config.settings import Settings
from bot.store import bootstrap
from bot.store.db import translate_db_errors

# (month tokens, month cost) -> (tokens, cost) to add, or None to add nothing (a refusal)
Decide = Callable[[int, float], tuple[int, float] | None]
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
