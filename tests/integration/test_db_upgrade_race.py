"""Issue 14, item 3: `remediator db upgrade` is the deploy step and is safe to run twice at once:
on PostgreSQL the upgrade holds an advisory lock, on SQLite it takes the write lock before it reads
the revision (BEGIN IMMEDIATE), so concurrent upgrades (several processes starting together) apply
each migration once instead of racing on the schema changes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bot.store import db

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")


def test_concurrent_upgrades_in_separate_processes_apply_the_schema_once(tmp_path: Path) -> None:
    if not PG_URL:
        pytest.skip("REMEDIATOR_TEST_DATABASE_URL is not set: the migration race test NOT RUN")
    schema = f"remediator_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    url = f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    env.update(REMEDIATOR_DATABASE_URL=url, REMEDIATOR_DATA_DIR=str(tmp_path))
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "db", "upgrade"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
        for code, out, err in results:
            assert code == 0, err
            assert f"schema revision {db.head_revision()}" in out
        engine = db.make_engine(url)
        with engine.connect() as conn:
            versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
            tables = set(inspect(conn).get_table_names())
        engine.dispose()
        assert versions == [(db.head_revision(),)]
        assert {"advisories", "llm_usage", "llm_cache"} <= tables
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))  # only the schema this test created
        admin.dispose()


def test_concurrent_upgrades_of_one_sqlite_file_all_succeed(tmp_path: Path) -> None:
    # found by hand: four `remediator db upgrade` (or four workers starting with the default
    # REMEDIATOR_DB_AUTO_UPGRADE) on a fresh data directory; one died with "database is locked"
    # (a deferred transaction read the revision, then could not take the write lock)
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    env.update(REMEDIATOR_DATA_DIR=str(tmp_path))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "db", "upgrade"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert f"schema revision {db.head_revision()}" in out
    engine = db.make_engine(db.database_url("", tmp_path))
    with engine.connect() as conn:
        versions = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    engine.dispose()
    assert versions == [(db.head_revision(),)]


def test_a_worker_refuses_an_old_schema_at_start(tmp_path: Path) -> None:
    # an old schema (the previous release's), not only a missing one
    engine = db.make_engine(db.database_url("", tmp_path))
    previous = "0008"
    assert db.upgrade(engine, previous) == previous != db.head_revision()
    engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    env.update(REMEDIATOR_DATA_DIR=str(tmp_path), REMEDIATOR_DB_AUTO_UPGRADE="false")
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "worker"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert "run `remediator db upgrade`" in proc.stderr
    assert f"at revision {previous}, this version needs {db.head_revision()}" in proc.stderr
    assert not (tmp_path / "queue.db").exists()  # no job was taken


def test_the_web_refuses_an_old_schema_at_start(tmp_path: Path) -> None:
    # found by hand: with REMEDIATOR_DB_AUTO_UPGRADE=false on the previous release's schema, the
    # web started and answered /readyz 200; its dashboard and API failed on first use
    from bot.cli.main import gunicorn_argv

    engine = db.make_engine(db.database_url("", tmp_path))
    assert db.upgrade(engine, "0008") == "0008"
    engine.dispose()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    env.update(REMEDIATOR_DATA_DIR=str(tmp_path), REMEDIATOR_DB_AUTO_UPGRADE="false")
    proc = subprocess.run(
        gunicorn_argv("127.0.0.1", 0, 1),  # what `remediator serve` runs
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert f"at revision 0008, this version needs {db.head_revision()}" in proc.stderr
    assert "run `remediator db upgrade`" in proc.stderr
