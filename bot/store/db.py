"""Engines and transactions for the advisory store: SQLite in the data directory by default,
PostgreSQL when a URL says so; Alembic upgrades shipped as package data (bot/store/migrations).

Must not import Flask, PyGithub or anything of bot.hosts; SQLAlchemy errors become bot.errors here.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from bot.errors import ConfigError, Retryable

logger = logging.getLogger(__name__)

SQLITE_FILE = "advisories.db"
BUSY_TIMEOUT_SECONDS = 30
UPGRADE_LOCK = 0x72656D6564  # PostgreSQL advisory lock key of `remediator db upgrade` ("remed")


def database_url(database_url: str, data_dir: Path) -> str:
    """The URL to use: ``database_url`` when set, else SQLite in ``data_dir``."""
    if database_url:
        if database_url.startswith(("postgres://", "postgresql://")):
            # psycopg 3 is the driver we ship; name it so SQLAlchemy does not look for psycopg2
            _scheme, _, rest = database_url.partition("://")
            return f"postgresql+psycopg://{rest}"
        if not database_url.startswith(("postgresql+psycopg://", "sqlite://")):
            raise ConfigError(
                "REMEDIATOR_DATABASE_URL must be postgresql://... (psycopg 3) or sqlite:///PATH"
            )
        return database_url
    return f"sqlite:///{data_dir / SQLITE_FILE}"


def make_engine(url: str) -> Engine:
    """An engine whose write transactions lock what they change (see ``write_session``)."""
    if url.startswith("sqlite"):
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            folder = Path(url.removeprefix("sqlite:///")).parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise Retryable(f"advisory store folder {folder} cannot be created: {exc.strerror}") from exc
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ImportError as exc:
        raise ConfigError(f"PostgreSQL needs psycopg 3: pip install 'remediator[postgres]' ({exc})") from exc


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can ask for BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("remediator_write", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextlib.contextmanager
def translate_db_errors(doing: str) -> Iterator[None]:
    """SQLAlchemy's connection-level failures become ``Retryable`` (the job runs again later)."""
    try:
        yield
    except OperationalError as exc:
        raise Retryable(f"advisory store unavailable while {doing}: {exc.orig!s:.200}") from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise Retryable(f"advisory store connection lost while {doing}") from exc
        raise


@contextlib.contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    with translate_db_errors("reading"), Session(engine, expire_on_commit=False) as session:
        yield session


@contextlib.contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """A transaction that serialises writers: BEGIN IMMEDIATE on SQLite; on PostgreSQL the service
    takes row locks with SELECT ... FOR UPDATE. Commits on success, rolls back on error."""
    bound = engine.execution_options(remediator_write=True)
    with (
        translate_db_errors("writing"),
        Session(bound, expire_on_commit=False) as session,
        session.begin(),
    ):
        yield session


def _alembic_config(connection: Connection) -> Any:
    from alembic.config import Config  # noqa: PLC0415 - only upgrades and checks need Alembic

    config = Config()
    config.set_main_option("script_location", "bot.store:migrations")
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply the migrations up to ``revision``; returns the revision the database is now at.

    On PostgreSQL the whole upgrade holds a transaction-scoped advisory lock: processes upgrading
    at once (a deploy step and workers starting) run one after the other, and the later ones find
    the schema current. On SQLite the transaction takes the write lock before it reads the revision
    (BEGIN IMMEDIATE, waiting up to the busy timeout), for the same effect: a deferred one read the
    revision, then failed with "database is locked" when another upgrade had written first."""
    from alembic import command  # noqa: PLC0415

    writer = engine.execution_options(remediator_write=True)
    with translate_db_errors("upgrading the schema"), writer.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": UPGRADE_LOCK})
        command.upgrade(_alembic_config(conn), revision)
    return current_revision(engine)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with translate_db_errors("reading the schema revision"), engine.connect() as conn:
        rev: str | None = MigrationContext.configure(conn).get_current_revision()
        return rev


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    config = _alembic_config(None)  # type: ignore[arg-type]
    head: str | None = ScriptDirectory.from_config(config).get_current_head()
    return head


def has_schema(engine: Engine) -> bool:
    with translate_db_errors("inspecting the schema"), engine.connect() as conn:
        return bool(inspect(conn).has_table("advisories"))
