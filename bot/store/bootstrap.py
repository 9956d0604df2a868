"""Opening the advisory store from Settings: one engine per database URL per process, upgraded
once when REMEDIATOR_DB_AUTO_UPGRADE asks (else the schema must already be current).

Must not import Flask or bot.hosts (the web process uses it too).
"""

from __future__ import annotations

import logging
import threading

from sqlalchemy import Engine

from bot.config.org import OrgConfig, load_org_config
from bot.config.settings import Settings
from bot.core.clock import Clock
from bot.store import db
from bot.store.store import AdvisoryStore

logger = logging.getLogger(__name__)

_ENGINES: dict[str, Engine] = {}
_READY: set[str] = set()
_LOCK = threading.Lock()


def engine_for(settings: Settings) -> Engine:
    url = db.database_url(settings.database_url, settings.data_dir)
    with _LOCK:
        engine = _ENGINES.get(url)
        if engine is None:
            engine = _ENGINES[url] = db.make_engine(url)
        if url not in _READY:
            if settings.db_auto_upgrade:
                revision = db.upgrade(engine)
                logger.info("advisory store at schema revision %s", revision)
            elif (found := db.current_revision(engine)) != (needed := db.head_revision()):
                from bot.errors import ConfigError  # noqa: PLC0415

                raise ConfigError(
                    f"the advisory database is not at the current schema (at revision {found or 'none'}, "
                    f"this version needs {needed}): run `remediator db upgrade` "
                    "(or set REMEDIATOR_DB_AUTO_UPGRADE=true)"
                )
            _READY.add(url)
        return engine


def open_store(settings: Settings, clock: Clock, *, org: OrgConfig | None = None) -> AdvisoryStore:
    """The store for ``settings`` with the SLA of the org config (read now unless ``org`` is given)."""
    org = org if org is not None else load_org_config(settings.org_config)
    return AdvisoryStore(engine_for(settings), clock, sla=org.sla_days)


def forget_engines() -> None:
    """Dispose every cached engine (tests and `remediator db upgrade`)."""
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()
        _READY.clear()
