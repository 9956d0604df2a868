"""HTTP plumbing of the GitHub simulator: request records, dispatch (failures, forbidden writes, OpenAPI
checks, rate limits), and the threaded server's request handler.

A mixin of GitHubSimulator; route handlers live in github_routes, seeding in github.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, cast

from tests.sim.github_auth import AuthMixin
from tests.sim.github_models import ApiError
from tests.sim.github_openapi import Operation, RequestInvalid
from tests.sim.github_render import Render
from tests.sim.github_routes import ROUTES, Ctx

if TYPE_CHECKING:
    from tests.sim.github import GitHubSimulator
    from tests.sim.github_openapi import OpenAPISubset

_REPO = r"^/repos/[^/]+/[^/]+"
# (method regex, path regex): requests that would write code, refs, merges or approvals (DESIGN invariant 1)
FORBIDDEN: list[tuple[str, str]] = [
    ("PUT|POST|PATCH|DELETE", _REPO + r"/contents(/.*)?$"),
    (".*", _REPO + r"/git(/.*)?$"),
    ("PUT|POST|PATCH|DELETE", _REPO + r"/merges$"),
    ("PUT|POST|PATCH|DELETE", _REPO + r"/pulls/\d+/(merge|update-branch)$"),
    ("PUT|POST|PATCH|DELETE", _REPO + r"/branches/.+/protection(/.*)?$"),
    ("POST", _REPO + r"/pulls$"),
]
_CREATING = {
    "pulls/create-review",
    "pulls/create-review-comment",
    "pulls/create-reply-for-review-comment",
    "issues/create-comment",
}


@dataclass
class RequestRecord:
    """One request as the simulator saw it."""

    method: str
    path: str  # without the /api/v3 prefix, percent-decoded
    query: dict[str, list[str]]
    body: Any
    status: int = 0
    operation: str | None = None
    violation: str | None = None  # why the request is not a valid call of the OpenAPI subset
    forbidden: bool = False
    injected: bool = False
    login: str | None = None
    at: float = 0.0  # the simulator's clock when the request arrived


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    headers: dict[str, str]
    body: dict[str, Any]
    times: int


class HttpMixin(AuthMixin):
    """Request handling of GitHubSimulator (the simulator provides these fields)."""

    api: OpenAPISubset
    content_writes_per_minute: int | None
    latency: float
    requests: list[RequestRecord]
    _failures: list[_Failure]
    _writes_at: list[float]
    _lock: threading.RLock
    _used: dict[str, int]
    _window: float

    def handle(
        self, method: str, raw_path: str, headers: dict[str, str], raw_body: bytes, host: str
    ) -> tuple[int, dict[str, str], bytes]:
        split = urllib.parse.urlsplit(raw_path)
        path = urllib.parse.unquote(split.path)
        prefix = ""
        if path.startswith("/api/v3/") or path == "/api/graphql":
            prefix, path = "/api/v3", path.removeprefix("/api/v3").replace("/api/graphql", "/graphql")
        query = urllib.parse.parse_qs(split.query, keep_blank_values=True)
        try:
            body = json.loads(raw_body) if raw_body.strip() else None
        except ValueError:
            body = ...
        record = RequestRecord(method, path, query, None if body is ... else body, at=self.clock())
        with self._lock:
            self.requests.append(record)
            status, out_headers, payload = self._dispatch(record, headers, body, f"http://{host}{prefix}")
            record.status = status
            resource = "graphql" if path == "/graphql" else "core"
            if record.operation != "rate-limit/get":
                self._used[resource] += 1
            out_headers = {**self._rate_headers(resource), **out_headers}
        data = json.dumps(payload).encode() if payload is not None else b""
        if self.latency > 0:  # outside the lock: requests in flight overlap, as on a real network
            time.sleep(self.latency)
        return status, out_headers, data

    def _rate_headers(self, resource: str) -> dict[str, str]:
        if self.clock() >= self._window + 3600:
            self._window, self._used = self.clock(), {"core": 0, "graphql": 0}
        used = self._used[resource]
        return {
            "x-ratelimit-limit": "5000",
            "x-ratelimit-remaining": str(max(0, 5000 - used)),
            "x-ratelimit-reset": str(int(self._window + 3600)),
            "x-ratelimit-used": str(used),
            "x-ratelimit-resource": resource,
        }

    def _dispatch(
        self, rec: RequestRecord, headers: dict[str, str], body: Any, base: str
    ) -> tuple[int, dict[str, str], Any]:
        for failure in self._failures:
            if failure.times > 0 and failure.method in ("*", rec.method) and failure.pattern.search(rec.path):
                failure.times -= 1
                rec.injected = True
                return failure.status, failure.headers, failure.body
        if any(re.fullmatch(m, rec.method) and re.search(p, rec.path) for m, p in FORBIDDEN) or (
            re.search(_REPO + r"/pulls/\d+/reviews", rec.path)
            and isinstance(body, dict)
            and body.get("event") in ("APPROVE", "REQUEST_CHANGES")
        ):
            rec.forbidden = True
            return (
                403,
                {},
                {
                    "message": "Resource not accessible by integration",
                    "documentation_url": "https://docs.github.com/rest",
                },
            )
        matched = self.api.match(rec.method, rec.path)
        if matched is None:
            rec.violation = "unknown endpoint: not in the OpenAPI subset"
            return 404, {}, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"}
        op, params = matched
        rec.operation = op.op_id
        try:
            who = self._authenticate(op, headers)
            rec.login = who.login
            if body is ...:
                rec.violation = "body is not JSON"
                raise ApiError(400, "Problems parsing JSON")
            try:
                self.api.validate(op, rec.query, body)
            except RequestInvalid as exc:
                rec.violation = f"invalid request: {exc}"
                raise ApiError(422, f"Invalid request.\n\n{exc}") from exc
            ctx = Ctx(op, params, rec.query, body, who, Render(self.state, base), rec.path)
            self._secondary_limit(op)
            handler = ROUTES[op.op_id]
            result = handler(cast("GitHubSimulator", self), ctx)
        except ApiError as exc:
            return exc.status, exc.headers, exc.body
        status, payload = result[0], result[1]
        return status, (result[2] if len(result) > 2 else {}), payload

    def _secondary_limit(self, op: Operation) -> None:
        if self.content_writes_per_minute is None or op.op_id not in _CREATING:
            return
        now = self.clock()
        self._writes_at = [t for t in self._writes_at if t > now - 60]
        if len(self._writes_at) >= self.content_writes_per_minute:
            raise _RetryAfter()
        self._writes_at.append(now)


class _RetryAfter(ApiError):
    def __init__(self) -> None:
        super().__init__(
            403,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
            headers={"retry-after": "60"},
        )


class _Handler(BaseHTTPRequestHandler):
    sim: GitHubSimulator
    protocol_version = "HTTP/1.0"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, out_headers, data = self.sim.handle(
            self.command, self.path, headers, raw, self.headers.get("Host", "127.0.0.1")
        )
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for key, value in out_headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    def log_message(self, format: str, *args: Any) -> None:
        return
