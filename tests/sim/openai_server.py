"""A local OpenAI-compatible HTTP server for tests: chat completions, scripted per test, recording
every request. Driven through the real ``openai`` client (nothing is mocked on the client side).

Replies come from a queue of scripted ``Reply`` values first, then from a responder function
(default: "no findings" / "exploitable"). ``delay`` simulates model latency on the server side.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    raw: str
    body: dict[str, Any]

    @property
    def kind(self) -> str:
        fmt = self.body.get("response_format") or {}
        if fmt.get("type") == "json_schema":
            return str(fmt["json_schema"]["name"])
        return "verification" if "You are verifying" in self.system else "detection"

    @property
    def system(self) -> str:
        return str(self.body["messages"][0]["content"])

    @property
    def user(self) -> str:
        return "\n".join(str(m["content"]) for m in self.body["messages"] if m["role"] == "user")


def chat(content: Any, *, prompt_tokens: int = 0, completion_tokens: int = 0, delay: float = 0.0) -> Reply:
    """A successful chat completion whose message is ``content`` (JSON-encoded unless a string)."""
    text = content if isinstance(content, str) else json.dumps(content)
    return Reply(
        200,
        {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": 0,
            "model": "test-model",
            "choices": [
                {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": text}}
            ],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
        },
        delay=delay,
    )


def error(status: int, message: str = "error", headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, {"error": {"message": message, "type": "test_error", "code": None}}, headers or {})


NO_FINDINGS = {"findings": []}
EXPLOITABLE = {
    "verdict": "exploitable",
    "reason": "reachable from the request",
    "severity": "high",
    "confidence": "high",
    "explanation": "An attacker can reach it.",
    "remediation": ["Fix it."],
    "replacement": None,
}


def default_responder(req: Recorded) -> Reply:
    return chat(
        NO_FINDINGS if req.kind == "detection" else EXPLOITABLE, prompt_tokens=100, completion_tokens=10
    )


class FakeOpenAI:
    """``with FakeOpenAI() as server: ... server.url`` (base URL for OPENAI_BASE_URL)."""

    def __init__(self, responder: Callable[[Recorded], Reply] = default_responder) -> None:
        self.responder = responder
        self.queue: list[Reply] = []
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                rec = Recorded(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, raw, json.loads(raw or "{}")
                )
                with owner._lock:
                    owner.requests.append(rec)
                    reply = owner.queue.pop(0) if owner.queue else None
                if reply is None:
                    reply = owner.responder(rec)
                if not self.path.endswith("/chat/completions"):
                    reply = error(404, "not found")
                if reply.delay:
                    time.sleep(reply.delay)  # simulated model latency (server side)
                payload = reply.body if isinstance(reply.body, str) else json.dumps(reply.body)
                data = payload.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def script(self, *replies: Reply) -> None:
        with self._lock:
            self.queue.extend(replies)

    def of_kind(self, kind: str) -> list[Recorded]:
        return [r for r in self.requests if r.kind == kind]

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
