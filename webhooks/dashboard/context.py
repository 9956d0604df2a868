"""Per-app access to the settings, clock, advisory store and token store for the dashboard and API.

Stores are opened on first use (never in create_app), then kept on ``app.extensions``.
Must not import openai, PyGithub, python-gitlab, semgrep or bandit.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app

from bot.config.org import load_org_config
from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.store import AdvisoryStore
from bot.store.api_tokens import TokenStore
from bot.store.bootstrap import engine_for
from bot.store.web_sessions import SessionPolicy, SessionStore

EXPIRY_CHECK_SECONDS = 60.0
REPORT_SECONDS = 60.0
"""Whole-ledger aggregates (trends, SLA tallies) are recomputed at most this often per process."""
_LOCK = threading.Lock()
T = TypeVar("T")


def settings() -> Settings:
    value: Settings = current_app.config["REMEDIATOR_SETTINGS"]
    return value


def clock() -> Clock:
    value: Clock = current_app.extensions["remediator.clock"]
    return value


def _open(app: Flask) -> tuple[AdvisoryStore, TokenStore]:
    with _LOCK:
        opened: tuple[AdvisoryStore, TokenStore] | None = app.extensions.get("remediator.stores")
        if opened is None:
            cfg: Settings = app.config["REMEDIATOR_SETTINGS"]
            engine = engine_for(cfg)
            org = load_org_config(cfg.org_config)
            opened = (
                AdvisoryStore(engine, app.extensions["remediator.clock"], sla=org.sla_days),
                TokenStore(engine),
            )
            app.extensions["remediator.stores"] = opened
        return opened


def advisory_store() -> AdvisoryStore:
    store, _tokens = _open(current_app)
    _expire_now_and_then(current_app, store)
    return store


def token_store() -> TokenStore:
    return _open(current_app)[1]


def session_store() -> SessionStore:
    """Server-side dashboard sessions, with the lifetime and idle timeout of the settings."""
    app = current_app
    sessions: SessionStore | None = app.extensions.get("remediator.sessions")
    if sessions is None:
        cfg = settings()
        policy = SessionPolicy(
            lifetime=dt.timedelta(hours=cfg.session_hours),
            idle=dt.timedelta(minutes=cfg.session_idle_minutes),
        )
        sessions = app.extensions["remediator.sessions"] = SessionStore(_open(app)[1].engine, policy)
    return sessions


def _expire_now_and_then(app: Flask, store: AdvisoryStore) -> None:
    """Reopen expired risk acceptances at most once a minute per process, so pages never show one."""
    last: float = app.extensions.get("remediator.expiry_checked", 0.0)
    mono = time.monotonic()
    if last and mono - last < EXPIRY_CHECK_SECONDS:
        return
    app.extensions["remediator.expiry_checked"] = mono
    store.expire_risks()


def cached_report(name: str, compute: Callable[[], T]) -> tuple[T, float]:
    """``compute()``, reused for REPORT_SECONDS; returns the value and its age in seconds. Triage
    through this process clears the cache (``forget_reports``); other processes' changes show within
    REPORT_SECONDS. Aggregates over the whole ledger cost O(advisories); pages must not."""
    reports: dict[str, tuple[float, Any]] = current_app.extensions.setdefault("remediator.reports", {})
    mono = time.monotonic()
    hit = reports.get(name)
    if hit is not None and mono - hit[0] < REPORT_SECONDS:
        value: T = hit[1]
        return value, mono - hit[0]
    value = compute()
    reports[name] = (time.monotonic(), value)
    return value, 0.0


def forget_reports() -> None:
    current_app.extensions.pop("remediator.reports", None)
