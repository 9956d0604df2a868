"""Storage outages at the web edge (issue 15, item 9): the API and dashboard answer 503 (not 500)
when the advisory store does not answer, and /readyz answers 503 with the reason whenever the queue
cannot accept work: a full disk, a read-only file system, Redis down.

Real components only: a PostgreSQL URL whose port refuses connections, SQLite on a path that
cannot exist, tmpfs mounts (skipped, with the reason, where this process may not mount), Redis."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
import socket
import subprocess
import threading
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.store.bootstrap import forget_engines
from webhooks import create_app

TOKEN = "Bearer rmd_" + "x" * 40  # never reaches a check: the store is down first


@pytest.fixture(autouse=True)
def _dispose_engines() -> Iterator[None]:
    yield
    forget_engines()


def closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _assert_api_and_pages_are_503(settings: Settings) -> None:
    client = create_app(settings).test_client()
    for path in ("/api/v1/advisories", "/api/v1/advisories/1", "/api/v1/advisories.csv"):
        response = client.get(path, headers={"Authorization": TOKEN})
        assert response.status_code == 503, (path, response.get_data(as_text=True))
        assert response.get_json() == {"error": "the advisory store is not answering; try again later"}
        assert response.headers["Retry-After"] == "30"
    form = client.get("/login")
    csrf = form.get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    page = client.post("/login", data={"token": "rmd_x", "csrf_token": csrf})
    assert (page.status_code, page.mimetype) == (503, "text/html")
    assert "Temporarily unavailable" in page.get_data(as_text=True)
    assert client.get("/healthz").status_code == 200  # the process itself is fine


def test_the_api_answers_503_when_postgresql_refuses_connections(tmp_path: Path) -> None:
    url = f"postgresql://postgres@127.0.0.1:{closed_port()}/test"
    _assert_api_and_pages_are_503(Settings(data_dir=tmp_path / "data", database_url=url))


def test_the_api_answers_503_when_the_sqlite_store_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    url = f"sqlite:///{blocker}/store/advisories.db"  # a folder below a regular file: root cannot either
    _assert_api_and_pages_are_503(Settings(data_dir=tmp_path / "data", database_url=url))


# ------------------------------------------------------------------------------------- /readyz
@contextlib.contextmanager
def tmpfs(path: Path, megabytes: int) -> Iterator[Path]:
    path.mkdir(parents=True)
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip() or proc.returncode}): needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(disk: Path) -> Path:
    """Write zeros until the file system is full (ENOSPC)."""
    filler = disk / "filler"
    chunk = b"\0" * (1 << 16)
    with filler.open("wb") as out:
        try:
            while True:
                out.write(chunk)
                out.flush()
        except OSError:
            pass
    return filler


def test_readyz_is_503_with_the_reason_when_the_disk_is_full(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 16) as disk:
        settings = Settings(data_dir=disk / "data", ready_min_free_mb=4)
        client = create_app(settings).test_client()
        assert client.get("/readyz").get_json() == {"status": "ready"}
        filler = fill(disk)
        response = client.get("/readyz")
        assert response.status_code == 503
        body = response.get_json()
        assert body["status"] == "not ready"
        assert "disk nearly full" in body["error"] or "full" in body["error"], body
        filler.unlink()
        assert client.get("/readyz").status_code == 200  # space again: ready again


def test_readyz_is_503_when_the_queue_storage_is_read_only(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "disk", 16) as disk:
        settings = Settings(data_dir=disk / "data", ready_min_free_mb=1)
        app = create_app(settings)
        status: list[int] = []
        # The ledger keeps one connection per thread: ask from a thread that then ends, and close
        # huey's connection, so nothing holds a file open for writing when the mount turns read-only.
        probe = threading.Thread(target=lambda: status.append(app.test_client().get("/readyz").status_code))
        probe.start()
        probe.join()
        app.extensions["remediator.queue"].huey.storage.close()
        gc.collect()
        assert status == [200]
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        try:
            response = app.test_client().get("/readyz")
            assert response.status_code == 503
            reason = response.get_json()["error"]
            assert reason.startswith("queue storage cannot take a write: OperationalError"), reason
        finally:
            subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert app.test_client().get("/readyz").status_code == 200


def test_readyz_is_503_when_redis_is_down(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", redis_url=f"redis://127.0.0.1:{closed_port()}/0")
    response = create_app(settings).test_client().get("/readyz")
    assert response.status_code == 503
    assert "ConnectionError" in response.get_json()["error"]


def test_readyz_is_200_with_a_redis_that_takes_writes(tmp_path: Path) -> None:
    url = os.environ.get("REMEDIATOR_TEST_REDIS_URL")
    if not url:
        pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set")
    prefix = f"t-{uuid.uuid4().hex[:8]}"
    settings = replace(Settings(data_dir=tmp_path / "data"), redis_url=url)
    app = create_app(settings)
    app.extensions["remediator.queue"].ledger.prefix = f"{prefix}:"
    assert app.test_client().get("/readyz").get_json() == {"status": "ready"}
    import redis

    client = redis.Redis.from_url(url)
    assert client.exists(f"{prefix}:ready") == 1
    client.delete(f"{prefix}:ready")


def test_the_free_space_check_can_be_turned_off(tmp_path: Path) -> None:
    free_mb = shutil.disk_usage(tmp_path).free // (1024 * 1024)
    strict = Settings(data_dir=tmp_path / "data", ready_min_free_mb=free_mb + 1024)
    assert create_app(strict).test_client().get("/readyz").status_code == 503
    off = replace(strict, ready_min_free_mb=0)
    assert create_app(off).test_client().get("/readyz").status_code == 200
