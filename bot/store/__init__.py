"""The advisory ledger: SQLAlchemy models, Alembic migrations, queries and lifecycle service.

Must not import Flask, PyGithub or bot.hosts; the web process may import it. See docs/STORE.md.
"""

from __future__ import annotations

from bot.core.clock import Clock
from bot.core.models import DEFAULT_SLA_DAYS
from bot.store.api_tokens import ApiToken  # noqa: F401 - puts api_tokens (migration 0002) on Base.metadata
from bot.store.command_log import CommandRun  # noqa: F401 - puts command_runs (migration 0004) on Base.metadata
from bot.store.lifecycle import AdvisoryNotFound, InvalidTransition, Scan, ScanOutcome, Sighting
from bot.store.models import State
from bot.store.query import AdvisoryQuery, AdvisoryRecord, EventRecord, Page, Sort
from bot.store.store import AdvisoryStore, utc
from bot.store.web_sessions import WebSession  # noqa: F401 - puts web_sessions (migration 0005) on Base.metadata

__all__ = [
    "DEFAULT_SLA_DAYS",
    "AdvisoryNotFound",
    "AdvisoryQuery",
    "AdvisoryRecord",
    "AdvisoryStore",
    "Clock",
    "EventRecord",
    "InvalidTransition",
    "Page",
    "Scan",
    "ScanOutcome",
    "Sighting",
    "Sort",
    "State",
    "utc",
]
