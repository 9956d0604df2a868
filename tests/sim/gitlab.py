"""Stateful GitLab REST (v4) simulator for tests: a local threaded HTTP server the real python-gitlab
client talks to. Records every request, flags forbidden writes (repository files, commits, branches,
merges, approvals) and endpoints outside what it simulates, and applies GitLab's rules (positions,
status transitions, roles, pagination).
"""

from __future__ import annotations

import json
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.sim.gitlab_state import (
    DEVELOPER,
    GUEST,
    REPORTER,
    ApiError,
    CommitStatus,
    Discussion,
    MergeRequest,
    Project,
    State,
    User,
    fake_sha,
)

_P = r"^/projects/(?P<project>[^/]+)"
_MR = _P + r"/merge_requests/(?P<iid>\d+)"
# (method regex, path regex) that would write code, refs, merges or approvals (DESIGN invariant 1)
FORBIDDEN: list[tuple[str, str]] = [
    ("POST|PUT|DELETE|PATCH", _P + r"/repository/files/.+$"),
    ("POST|PUT|DELETE|PATCH", _P + r"/repository/(commits|branches|tags)(/.*)?$"),
    ("POST|PUT|DELETE|PATCH", _P + r"/(protected_branches|protected_tags|hooks|access_tokens)(/.*)?$"),
    (
        "POST|PUT|DELETE|PATCH",
        _MR + r"/(merge|rebase|approve|unapprove|approvals|approval_rules|reset_approvals"
        r"|cancel_merge_when_pipeline_succeeds|merge_when_pipeline_succeeds)$",
    ),
    ("POST", _P + r"/merge_requests$"),
    ("PUT|DELETE", _MR + r"$"),
    ("DELETE", r".*"),
]
DEPRECATED: list[tuple[str, str]] = [("GET", _MR + r"/changes$")]


@dataclass
class RequestRecord:
    method: str
    path: str  # without /api/v4, percent-decoded project part kept encoded
    query: dict[str, list[str]]
    body: Any
    status: int = 0
    user: str | None = None
    forbidden: bool = False
    violation: str | None = None
    injected: bool = False


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    headers: dict[str, str]
    times: int


Result = tuple[int, Any, dict[str, str]]
Route = Callable[["GitLabSimulator", "Ctx"], Result]


@dataclass
class Ctx:
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Any
    who: User
    base: str  # http://host:port/api/v4, for Link headers
    path: str

    def q(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[-1] if values else default


class GitLabSimulator:
    """A local GitLab: seed projects and merge requests, point python-gitlab at ``.url``, inspect."""

    def __init__(self, *, clock: Callable[[], float] = time.time) -> None:
        self.state = State(clock)
        self.clock = clock
        self.requests: list[RequestRecord] = []
        self.label = ""
        self.file_size_header = True
        """False: HEAD of a file answers without X-Gitlab-Size, as behind a proxy that drops it."""
        self._failures: list[_Failure] = []
        self._lock = threading.RLock()
        self._server: ThreadingHTTPServer | None = None

    # ---------------------------------------------------------------------------------- lifecycle
    def start(self) -> GitLabSimulator:
        handler = type("_BoundHandler", (_Handler,), {"sim": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="gitlab-sim", daemon=True
        ).start()
        self.label = self.url
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> GitLabSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """The instance URL (python-gitlab appends /api/v4)."""
        assert self._server is not None, "start() the simulator first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # ------------------------------------------------------------------------------------ seeding
    def add_project(self, path: str, *, default_branch: str = "main") -> Project:
        with self._lock:
            project = Project(self.state.new_id(), path, default_branch)
            sha = fake_sha(f"{path}:{default_branch}")
            project.branches[default_branch] = sha
            project.files[sha] = {}
            self.state.projects[path.lower()] = project
            return project

    def add_member(self, path: str, username: str, access_level: int) -> User:
        with self._lock:
            self.state.project(path).members[username] = access_level
            return self.state.user(username)

    def create_token(
        self, username: str, *, access_level: int | None = DEVELOPER, path: str | None = None
    ) -> str:
        """A token acting as ``username`` (a project access token's bot user), member of ``path``."""
        with self._lock:
            self.state.user(username)
            if path is not None and access_level is not None:
                self.add_member(path, username, access_level)
            token = "glpat-" + secrets.token_urlsafe(15)
            self.state.tokens[token] = username
            return token

    def set_files(self, path: str, ref: str, files: dict[str, str | bytes]) -> str:
        with self._lock:
            project = self.state.project(path)
            sha = project.sha_for(ref)
            if sha is None:
                sha = ref if re.fullmatch(r"[0-9a-f]{40}", ref) else fake_sha(f"{path}:{ref}")
                if sha != ref:
                    project.branches[ref] = sha
            project.files.setdefault(sha, {}).update(
                {p: v.encode() if isinstance(v, str) else v for p, v in files.items()}
            )
            return sha

    def add_merge_request(
        self,
        path: str,
        *,
        diff: str,
        iid: int | None = None,
        title: str = "Change",
        description: str = "",
        author: str = "dev",
        source_branch: str = "feature",
        target_branch: str | None = None,
        head_sha: str | None = None,
        head_files: dict[str, str | bytes] | None = None,
        draft: bool = False,
    ) -> MergeRequest:
        with self._lock:
            project = self.state.project(path)
            target_branch = target_branch or project.default_branch
            iid = iid or max([0, *project.mrs]) + 1
            base = project.branches[target_branch]
            head = head_sha or fake_sha(f"{path}!{iid}:0")
            version = self.state.new_version(project, diff, base, head)
            gone = {
                f.previous_filename or f.filename for f in version.files if f.status in ("removed", "renamed")
            }
            project.files[head] = {p: v for p, v in project.files[base].items() if p not in gone}
            self.set_files(path, head, head_files or {})
            project.branches[source_branch] = head
            mr = MergeRequest(
                self.state.new_id(), iid, project.id, project.path, title, description,
                self.state.user(author), source_branch, target_branch, [version], draft=draft,
                created_at=self.clock(),
            )  # fmt: skip
            project.mrs[iid] = mr
            return mr

    def push(
        self, path: str, iid: int, *, diff: str, head_files: dict[str, str | bytes] | None = None
    ) -> tuple[str, str]:
        """A new commit on the source branch: a new MR version. Returns (oldrev, new head)."""
        with self._lock:
            project = self.state.project(path)
            mr = self.state.mr(project, str(iid))
            old = mr.latest.head
            head = fake_sha(f"{path}!{iid}:{len(mr.versions)}")
            project.files[head] = dict(project.files.get(old, {}))
            self.set_files(path, head, head_files or {})
            mr.versions.append(self.state.new_version(project, diff, mr.latest.base, head))
            project.branches[mr.source_branch] = head
            return old, head

    def retarget(self, path: str, iid: int, *, target_branch: str, diff: str) -> None:
        """The target branch changes: a new version with the same head over another base."""
        with self._lock:
            project = self.state.project(path)
            mr = self.state.mr(project, str(iid))
            mr.target_branch = target_branch
            base = project.branches[target_branch]
            mr.versions.append(self.state.new_version(project, diff, base, mr.latest.head))

    def human_note(self, path: str, iid: int, *, user: str, body: str) -> Discussion:
        with self._lock:
            project = self.state.project(path)
            return self.state.add_discussion(
                self.state.mr(project, str(iid)), self.state.user(user), body, individual=True
            )

    def human_reply(self, path: str, iid: int, discussion_id: str, *, user: str, body: str) -> None:
        with self._lock:
            mr = self.state.mr(self.state.project(path), str(iid))
            self.state.reply(mr, self.state.discussion(mr, discussion_id), self.state.user(user), body)

    def human_resolve(self, path: str, iid: int, discussion_id: str, *, user: str) -> None:
        with self._lock:
            mr = self.state.mr(self.state.project(path), str(iid))
            self.state.resolve(self.state.discussion(mr, discussion_id), self.state.user(user), True)

    # --------------------------------------------------------------------------------- inspection
    def merge_request(self, path: str, iid: int) -> MergeRequest:
        return self.state.mr(self.state.project(path), str(iid))

    def discussions(self, path: str, iid: int) -> list[Discussion]:
        return list(self.merge_request(path, iid).discussions)

    def statuses(self, path: str) -> list[CommitStatus]:
        return list(self.state.project(path).statuses)

    def writes(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.method not in ("GET", "HEAD")]

    def forbidden_writes(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.forbidden]

    def violations(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.violation]

    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` matching requests with ``status`` (e.g. 429 with Retry-After)."""
        with self._lock:
            self._failures.append(_Failure(method, re.compile(path_regex), status, headers or {}, times))

    # ------------------------------------------------------------------------------------ serving
    def handle(
        self, method: str, raw_path: str, headers: dict[str, str], raw_body: bytes, host: str
    ) -> Result:
        parsed = urllib.parse.urlsplit(raw_path)
        path = parsed.path.removeprefix("/api/v4")
        query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        body: Any = None
        if raw_body:
            try:
                body = json.loads(raw_body)
            except ValueError:
                body = {k: v[-1] for k, v in urllib.parse.parse_qs(raw_body.decode(errors="replace")).items()}
        record = RequestRecord(method, path, query, body)
        with self._lock:
            self.requests.append(record)
            record.forbidden = any(re.fullmatch(m, method) and re.search(p, path) for m, p in FORBIDDEN)
            if any(re.fullmatch(m, method) and re.search(p, path) for m, p in DEPRECATED):
                record.violation = "deprecated endpoint"
            result = self._dispatch(
                method=method, path=path, query=query, body=body, headers=headers, host=host, record=record
            )
            record.status = result[0]
            return result

    def _dispatch(
        self,
        *,
        method: str,
        path: str,
        query: dict[str, list[str]],
        body: Any,
        headers: dict[str, str],
        host: str,
        record: RequestRecord,
    ) -> Result:
        try:
            token = headers.get("private-token") or headers.get("authorization", "").removeprefix("Bearer ")
            username = self.state.tokens.get(token)
            if username is None:
                raise ApiError(401, "401 Unauthorized")
            record.user = username
            for failure in self._failures:
                if failure.times > 0 and failure.method == method and failure.pattern.search(path):
                    failure.times -= 1
                    record.injected = True
                    raise ApiError(failure.status, f"{failure.status} injected", failure.headers)
            if record.forbidden:
                raise ApiError(403, "403 Forbidden - the simulator refuses writes to code, refs or approvals")
            for route_method, pattern, route in ROUTES:
                match = pattern.fullmatch(path)
                if match and route_method == method:
                    params = {k: urllib.parse.unquote(v) for k, v in match.groupdict().items()}
                    ctx = Ctx(params, query, body, self.state.user(username), f"http://{host}/api/v4", path)
                    return route(self, ctx)
            record.violation = record.violation or "not an endpoint the simulator knows"
            raise ApiError(404, "404 Not Found")
        except ApiError as exc:
            return exc.status, exc.body, exc.headers

    # ------------------------------------------------------------------------------------ helpers
    def _access(self, ctx: Ctx, project: Project, level: int) -> None:
        if project.members.get(ctx.who.username, 0) < level:
            if project.members.get(ctx.who.username, 0) == 0 and project.visibility == "private":
                raise ApiError(404, "404 Project Not Found")
            raise ApiError(403, "403 Forbidden")

    def _project(self, ctx: Ctx, level: int = REPORTER) -> Project:
        project = self.state.project(ctx.params["project"])
        self._access(ctx, project, level)
        return project

    def _mr(self, ctx: Ctx, level: int = REPORTER) -> tuple[Project, MergeRequest]:
        project = self._project(ctx, level)
        return project, self.state.mr(project, ctx.params["iid"])


def page(ctx: Ctx, items: list[Any]) -> Result:
    """GitLab offset pagination: page/per_page, X-* headers and a Link header python-gitlab follows."""
    per_page = min(max(int(ctx.q("per_page", "20") or 20), 1), 100)
    number = max(int(ctx.q("page", "1") or 1), 1)
    total_pages = max(1, -(-len(items) // per_page))
    chunk = items[(number - 1) * per_page : number * per_page]
    headers = {
        "X-Page": str(number),
        "X-Per-Page": str(per_page),
        "X-Total": str(len(items)),
        "X-Total-Pages": str(total_pages),
        "X-Next-Page": str(number + 1) if number < total_pages else "",
        "X-Prev-Page": str(number - 1) if number > 1 else "",
    }
    query = {k: v[-1] for k, v in ctx.query.items() if k not in ("page", "per_page")}

    def link(n: int, rel: str) -> str:
        qs = urllib.parse.urlencode({**query, "page": n, "per_page": per_page})
        return f'<{ctx.base}{ctx.path}?{qs}>; rel="{rel}"'

    links = [link(1, "first"), link(total_pages, "last")]
    if number < total_pages:
        links.insert(0, link(number + 1, "next"))
    headers["Link"] = ", ".join(links)
    return 200, chunk, headers


class _Handler(BaseHTTPRequestHandler):
    sim: GitLabSimulator
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, body, extra = self.sim.handle(
            self.command, self.path, headers, raw, self.headers.get("Host", "")
        )
        data = b"" if isinstance(body, bytes) and self.command == "HEAD" else body
        if isinstance(data, bytes):
            payload, ctype = data, extra.pop("Content-Type", "text/plain; charset=utf-8")
        else:
            payload, ctype = json.dumps(data).encode(), "application/json"
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for key, value in extra.items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0" if self.command == "HEAD" else str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

    def log_message(self, format: str, *args: Any) -> None:
        pass


from tests.sim.gitlab_routes import ROUTES  # noqa: E402 - the route table needs the classes above

__all__ = ["FORBIDDEN", "GUEST", "GitLabSimulator", "RequestRecord", "page"]
