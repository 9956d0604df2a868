"""Which store holds the LLM pass's monthly usage and answer cache, shared by every worker: the
advisory store's database when ``REMEDIATOR_DATABASE_URL`` is set (PostgreSQL), else Redis when
``REMEDIATOR_REDIS_URL`` is set, else ``llm.sqlite3`` in the data directory.

The one place that wires bot.store's tables to bot.llm (which may not import the store).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bot.config.settings import Settings
from bot.llm.store import LLMStore, open_llm_store
from bot.store.llm_state import SqlLLMStore


def llm_store_for(settings: Settings, now: Callable[[], float] = time.time) -> LLMStore:
    if settings.database_url:
        return SqlLLMStore.from_settings(settings, now)
    return open_llm_store(settings, now)
