"""Advisory store fixtures (imported by the store contract tests): SQLite (a file in tmp_path) and
PostgreSQL (a schema of its own in REMEDIATOR_TEST_DATABASE_URL, dropped afterwards; nothing else)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from bot.store import AdvisoryStore
from bot.store.db import make_engine

PG_URL = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")
START = 1_767_225_600.0  # 2026-01-01 00:00:00 UTC
DAY = 86_400.0


class FakeClock:
    """Time that tests move by hand (no sleeping)."""

    def __init__(self, start: float = START) -> None:
        self.t = start

    def now(self) -> float:
        return self.t

    def advance(self, days: float) -> None:
        self.t += days * DAY


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'advisories.db'}")
        yield eng
        eng.dispose()
        return
    if not PG_URL:
        pytest.skip(
            "REMEDIATOR_TEST_DATABASE_URL is not set: PostgreSQL contract tests NOT RUN (.ci/run sets it)"
        )
    schema = f"remediator_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    eng = make_engine(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield eng
    finally:
        eng.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))  # only the schema this test created
        admin.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(engine: Engine, clock: FakeClock) -> AdvisoryStore:
    s = AdvisoryStore(engine, clock)
    s.upgrade()
    return s
