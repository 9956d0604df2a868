"""Retention (``REMEDIATOR_RETENTION_DAYS``) of the LLM answer cache: the hourly retention task of the
workers (``JobQueue.apply_retention``, which purges the job ledger itself) calls ``purge_llm_cache``
by name; ``remediator jobs retention`` runs the same now.

Must not import Flask, a host adapter or the job queue (which calls in by handler name).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, Protocol

from bot.config.settings import Settings
from bot.jobs.llm_state import llm_store_for

logger = logging.getLogger(__name__)

DAY = 86400.0


class Clock(Protocol):
    def now(self) -> float: ...


class Context(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Clock: ...


def purge_llm_cache(payload: Mapping[str, Any], ctx: Context) -> int:
    """Delete cached LLM answers older than the retention period (Redis expires its own keys)."""
    days = ctx.settings.retention_days
    if days <= 0:
        return 0
    removed = llm_store_for(ctx.settings).purge(ctx.clock.now() - days * DAY)
    logger.info("retention (%d days): %d cached LLM answer(s) deleted", days, removed)
    return removed
