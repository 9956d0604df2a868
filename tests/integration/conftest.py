"""Shared integration fixtures: real gunicorn serving ``webhooks:create_app()`` on a free port."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import os
import socket
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures import PLATFORM
from webhooks.app import GUNICORN_LOGGER

REPO = Path(__file__).resolve().parents[2]
PAYLOADS = PLATFORM / "github-webhooks/payload-examples/api.github.com"
SECRET = "integration-test-secret"
READY_POLLS = 300  # x 0.1 s wait on the process: at most 30 s for gunicorn to answer


@dataclass
class Server:
    port: int
    data_dir: Path
    proc: subprocess.Popen[bytes]
    log: Path

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.read()
        finally:
            conn.close()


@contextlib.contextmanager
def run_gunicorn(tmp_path: Path, extra_env: Mapping[str, str] | None = None) -> Iterator[Server]:
    """gunicorn (2 workers) on an ephemeral port with a fresh data directory; stopped afterwards."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    port = sock.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if not key.startswith("REMEDIATOR_")}
    env.update(
        REMEDIATOR_DATA_DIR=str(tmp_path / "data"),
        REMEDIATOR_GITHUB_WEBHOOK_SECRET=SECRET,
        REMEDIATOR_LOG_LEVEL="WARNING",
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    env.update(extra_env or {})
    log = tmp_path / "gunicorn.log"
    argv = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"fd://{sock.fileno()}"]
    argv += ["--logger-class", GUNICORN_LOGGER]  # as the image, compose, Kubernetes and `serve` run it
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*argv, "webhooks:create_app()"],
            cwd=REPO,
            env=env,
            pass_fds=[sock.fileno()],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    sock.close()
    server = Server(port, tmp_path / "data", proc, log)
    try:
        wait_until_healthy(server)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_until_healthy(server: Server) -> None:
    """Poll /healthz a bounded number of times; waiting on the process also notices if it died."""
    for _ in range(READY_POLLS):
        try:
            status, _ = server.request("GET", "/healthz")
        except OSError:
            status = 0
        if status == 200:
            return
        try:
            server.proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        output = server.log.read_text(errors="replace")
        pytest.fail(f"gunicorn exited with {server.proc.returncode}:\n{output[-3000:]}")
    pytest.fail("gunicorn did not answer /healthz in time")


def signed_headers(
    body: bytes, delivery: str, secret: str = SECRET, event: str = "pull_request"
) -> dict[str, str]:
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": f"sha256={digest}",
    }


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    with run_gunicorn(tmp_path) as srv:
        yield srv


def register_github_app(
    sim: Any, tmp_path: Path, *, owner: str, installation_id: int, app_id: int = 4242
) -> Path:
    """Register a GitHub App with a fresh RS256 key on the simulator; returns the private key's path."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_path = tmp_path / "app.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sim.register_app(app_id, public, slug="remediator", owner=owner, installation_id=installation_id)
    return key_path


def github_app_settings(sim: Any, tmp_path: Path, *, owner: str = "acme", installation_id: int = 77) -> Any:
    """Settings of a worker in GitHub App mode against the simulator: an app registered for ``owner``
    (app id 4242), no write pacing, the data directory under ``tmp_path``; cached clients dropped."""
    import dataclasses

    from bot.config.settings import Settings
    from bot.hosts import factory as wiring

    key_path = register_github_app(sim, tmp_path, owner=owner, installation_id=installation_id)
    wiring._CLIENTS.clear()
    return dataclasses.replace(
        Settings(),
        github_app_id="4242",
        github_private_key_path=str(key_path),
        github_api_url=sim.url,
        github_write_interval=0.0,
        data_dir=tmp_path / "data",
    )
