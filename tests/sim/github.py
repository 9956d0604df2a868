"""Stateful GitHub REST + GraphQL simulator for tests: a local threaded HTTP server that PyGithub talks to.

Checks every request against the OpenAPI subset, records it, and applies GitHub's review/check/auth rules.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt

from tests.sim.github_openapi import DEFAULT_SPEC, OpenAPISubset, Operation, RequestInvalid, run_graphql
from tests.sim.github_state import (
    ApiError,
    App,
    CheckRun,
    CommitStatus,
    Installation,
    IssueComment,
    PullRequest,
    Reaction,
    Render,
    Repo,
    Review,
    ReviewComment,
    State,
    Thread,
    Token,
    iso,
    parse_unified_diff,
)

DEFAULT_PERMISSIONS = {"contents": "read", "pull_requests": "write", "checks": "write", "metadata": "read"}
_LEVEL = {"none": 0, "read": 1, "write": 2, "admin": 3}
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
# operation -> (permission alternatives, level) an installation token needs
PERMISSIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "repos/get": (("metadata",), "read"),
    "repos/get-content": (("contents",), "read"),
    "pulls/get": (("pull_requests",), "read"),
    "pulls/list-files": (("pull_requests",), "read"),
    "pulls/list-review-comments": (("pull_requests",), "read"),
    "pulls/list-reviews": (("pull_requests",), "read"),
    "pulls/list-comments-for-review": (("pull_requests",), "read"),
    "pulls/create-review": (("pull_requests",), "write"),
    "pulls/submit-review": (("pull_requests",), "write"),
    "pulls/create-review-comment": (("pull_requests",), "write"),
    "pulls/create-reply-for-review-comment": (("pull_requests",), "write"),
    "pulls/update-review-comment": (("pull_requests",), "write"),
    "issues/list-comments": (("issues", "pull_requests"), "read"),
    "issues/create-comment": (("issues", "pull_requests"), "write"),
    "issues/update-comment": (("issues", "pull_requests"), "write"),
    "reactions/create-for-issue-comment": (("issues", "pull_requests"), "write"),
    "checks/create": (("checks",), "write"),
    "checks/update": (("checks",), "write"),
    "repos/create-commit-status": (("statuses",), "write"),
    "repos/get-collaborator-permission-level": (("metadata",), "read"),
}
_JWT_OPS = {"apps/get-authenticated", "apps/create-installation-access-token", "apps/get-repo-installation"}
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


@dataclass
class Principal:
    login: str
    kind: str  # "app" | "installation" | "user"
    app_id: int | None = None
    installation_id: int | None = None
    account: str | None = None
    repos: set[str] | None = None
    permissions: dict[str, str] | None = None


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    headers: dict[str, str]
    body: dict[str, Any]
    times: int


@dataclass
class Ctx:
    """What a route handler gets."""

    op: Operation
    params: dict[str, str]
    query: dict[str, list[str]]
    body: Any
    who: Principal
    render: Render
    path: str

    def arg(self, name: str, default: int) -> int:
        values = self.query.get(name)
        return int(values[-1]) if values else default


class GitHubSimulator:
    """A local GitHub: seed state, point PyGithub at `.url`, then inspect requests and state."""

    def __init__(
        self,
        *,
        require_auth: bool = True,
        clock: Callable[[], float] = time.time,
        spec_path: Path = DEFAULT_SPEC,
        content_writes_per_minute: int | None = None,
    ) -> None:
        self.state = State(clock)
        self.clock = clock
        self.require_auth = require_auth
        self.api = OpenAPISubset(spec_path)
        self.content_writes_per_minute = content_writes_per_minute
        self.requests: list[RequestRecord] = []
        self._failures: list[_Failure] = []
        self._writes_at: list[float] = []
        self.roles: dict[tuple[str, str], str] = {}  # (repo lower, login lower) -> admin|maintain|write|...
        self._lock = threading.RLock()
        self._used: dict[str, int] = {"core": 0, "graphql": 0}
        self._window = clock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------------------------------ lifecycle
    def start(self) -> GitHubSimulator:
        handler = type("_BoundHandler", (_Handler,), {"sim": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, name="github-sim", daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> GitHubSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def url(self) -> str:
        """REST base URL (api.github.com style); GraphQL is `{url}/graphql`."""
        assert self._server is not None, "start() the simulator first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def ghes_url(self) -> str:
        """GitHub Enterprise style base URL: REST under /api/v3, GraphQL at /api/graphql."""
        return self.url + "/api/v3"

    # -------------------------------------------------------------------------------------------- seeding
    def add_repo(self, full_name: str, *, default_branch: str = "main", private: bool = False) -> Repo:
        owner, name = full_name.split("/")
        with self._lock:
            repo = Repo(owner, name, self.state.new_id(), default_branch, private)
            self.state.user(owner)
            self.state.repos[full_name.lower()] = repo
            repo.branches[default_branch] = self._fake_sha(f"{full_name}:{default_branch}")
            repo.contents[repo.branches[default_branch]] = {}
            return repo

    def set_files(self, full_name: str, ref: str, files: dict[str, str | bytes]) -> str:
        """Put file contents at a branch or commit SHA (a new branch name gets a new SHA); returns the SHA."""
        with self._lock:
            repo = self.state.repo(full_name)
            sha = repo.sha_for(ref)
            if sha is None:
                sha = ref if re.fullmatch(r"[0-9a-f]{40}", ref) else self._fake_sha(f"{full_name}:{ref}")
                if sha != ref:
                    repo.branches[ref] = sha
            snapshot = repo.contents.setdefault(sha, {})
            snapshot.update({p: v.encode() if isinstance(v, str) else v for p, v in files.items()})
            return sha

    def add_pull(
        self,
        full_name: str,
        *,
        diff: str,
        number: int | None = None,
        title: str = "Change",
        body: str | None = "",
        user: str = "octocat",
        base_ref: str | None = None,
        head_ref: str = "feature",
        base_sha: str | None = None,
        head_sha: str | None = None,
        draft: bool = False,
        state: str = "open",
        head_repo: str | None = None,
        base_files: dict[str, str | bytes] | None = None,
        head_files: dict[str, str | bytes] | None = None,
    ) -> PullRequest:
        """Open a PR whose changed files come from a unified diff; head/base contents are optional."""
        with self._lock:
            repo = self.state.repo(full_name)
            base_ref = base_ref or repo.default_branch
            number = number or max([0, *repo.pulls]) + 1
            base_sha = base_sha or repo.sha_for(base_ref) or self._fake_sha(f"{full_name}:{base_ref}")
            head_sha = head_sha or self._fake_sha(f"{full_name}#{number}")
            repo.branches.setdefault(base_ref, base_sha)
            repo.contents.setdefault(base_sha, {})
            self.set_files(full_name, base_sha, base_files or {})
            files = parse_unified_diff(diff)
            gone = {f.previous_filename or f.filename for f in files if f.status in ("removed", "renamed")}
            repo.contents[head_sha] = {p: v for p, v in repo.contents[base_sha].items() if p not in gone}
            self.set_files(full_name, head_sha, head_files or {})
            pr = PullRequest(
                repo.full_name,
                number,
                self.state.new_id(),
                title,
                body,
                self.state.user(user),
                base_ref,
                base_sha,
                head_ref,
                head_sha,
                head_repo or repo.full_name,
                self.clock(),
                files,
                draft,
                state,
                commits=[head_sha],
            )
            if pr.head_repo.lower() == repo.full_name.lower():
                repo.branches[head_ref] = head_sha
            repo.pulls[number] = pr
            return pr

    def push(
        self,
        full_name: str,
        number: int,
        *,
        diff: str,
        head_sha: str | None = None,
        head_files: dict[str, str | bytes] | None = None,
    ) -> str:
        """A new commit on the PR head: replaces the diff; threads whose line left it become outdated."""
        with self._lock:
            pr = self.state.pull(full_name, number)
            sha = head_sha or self._fake_sha(f"{full_name}#{number}:{len(pr.commits)}")
            repo = self.state.repo(full_name)
            repo.contents[sha] = {**repo.contents.get(pr.head_sha, {})}
            self.set_files(full_name, sha, head_files or {})
            self.state.set_diff(pr, diff, sha)
            return sha

    def add_human_comment(
        self, full_name: str, number: int, *, user: str, path: str, line: int, body: str, side: str = "RIGHT"
    ) -> ReviewComment:
        """A human's inline comment (its own thread), validated against the diff like the API would."""
        with self._lock:
            pr = self.state.pull(full_name, number)
            return self.state.add_comment(
                pr,
                self.state.user(user),
                {"body": body, "path": path, "line": line, "side": side, "commit_id": pr.head_sha},
            )

    def add_human_reply(
        self, full_name: str, number: int, comment_id: int, *, user: str, body: str
    ) -> ReviewComment:
        with self._lock:
            pr = self.state.pull(full_name, number)
            return self.state.reply(pr, comment_id, self.state.user(user), body)

    def add_human_issue_comment(self, full_name: str, number: int, *, user: str, body: str) -> IssueComment:
        with self._lock:
            self.state.pull(full_name, number)
            now = self.clock()
            comment = IssueComment(
                self.state.new_id(),
                self.state.repo(full_name).full_name,
                number,
                self.state.user(user),
                body,
                now,
                now,
            )
            self.state.issue_comments[comment.id] = comment
            return comment

    def set_role(self, full_name: str, login: str, role: str) -> None:
        """A collaborator's role (admin, maintain, write, triage, read or none); the owner is admin."""
        with self._lock:
            self.roles[(full_name.lower(), login.lower())] = role

    def close_pull(self, full_name: str, number: int, *, merged: bool) -> str | None:
        """Close the PR as a person would (merged or not); returns the merge commit SHA when merged."""
        with self._lock:
            pr = self.state.pull(full_name, number)
            pr.state, pr.merged = "closed", merged
            return self._fake_sha(f"{full_name}#{number}:merge") if merged else None

    def edit_comment_as_human(self, comment_id: int, body: str) -> None:
        """Edit a review comment or an issue comment in place (as its author or a maintainer would)."""
        with self._lock:
            target = self.state.comments.get(comment_id) or self.state.issue_comments.get(comment_id)
            if target is None:
                raise KeyError(comment_id)
            target.body = body
            target.updated_at = self.clock()

    def register_app(
        self,
        app_id: int,
        public_key_pem: bytes | str,
        *,
        slug: str = "remediator",
        owner: str = "remediator-org",
        installation_id: int = 1,
        account: str | None = None,
        repos: list[str] | None = None,
        permissions: dict[str, str] | None = None,
    ) -> Installation:
        """Register a GitHub App (its RS256 public key) and one installation on `account` (default: owner)."""
        pem = public_key_pem.encode() if isinstance(public_key_pem, str) else public_key_pem
        with self._lock:
            self.state.apps[app_id] = App(app_id, slug, pem, self.state.user(owner))
            self.state.user(f"{slug}[bot]")
            return self.add_installation(app_id, installation_id, account or owner, repos, permissions)

    def add_installation(
        self,
        app_id: int,
        installation_id: int,
        account: str,
        repos: list[str] | None = None,
        permissions: dict[str, str] | None = None,
    ) -> Installation:
        with self._lock:
            inst = Installation(
                installation_id,
                app_id,
                self.state.user(account),
                [r.lower() for r in repos] if repos is not None else None,
                dict(permissions or DEFAULT_PERMISSIONS),
            )
            self.state.installations[installation_id] = inst
            return inst

    def create_token(
        self,
        login: str = "remediator[bot]",
        *,
        installation_id: int | None = None,
        permissions: dict[str, str] | None = None,
        repos: list[str] | None = None,
        ttl: float = 3600,
    ) -> str:
        """A ready token that skips the JWT flow. Without installation_id and permissions it is unrestricted;
        with installation_id it acts as that installation (its permissions unless narrowed)."""
        with self._lock:
            inst = self.state.installations.get(installation_id or -1)
            if installation_id is not None and inst is None:
                raise KeyError(installation_id)
            value = "ghs_" + secrets.token_hex(18)
            self.state.tokens[value] = Token(
                value,
                self.state.user(login),
                self.clock() + ttl,
                installation_id,
                {r.lower() for r in repos}
                if repos is not None
                else (set(inst.repos) if inst and inst.repos else None),
                permissions if permissions is not None else (dict(inst.permissions) if inst else None),
            )
            return value

    def add_manifest_code(self, code: str, conversion: dict[str, Any]) -> None:
        """Answer for POST /app-manifests/{code}/conversions (single use, like GitHub's one-hour codes)."""
        with self._lock:
            self.state.manifest_codes[code] = conversion

    # ------------------------------------------------------------------------------------------ inspection
    def writes(self) -> list[RequestRecord]:
        return [
            r
            for r in self.requests
            if (r.method != "GET" and r.operation != "graphql")
            or (r.operation == "graphql" and "mutation" in str((r.body or {}).get("query", "")))
        ]

    def forbidden_writes(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.forbidden]

    def violations(self) -> list[RequestRecord]:
        return [r for r in self.requests if r.violation]

    def reviews(self, full_name: str, number: int) -> list[Review]:
        name = self.state.repo(full_name).full_name
        return [r for r in self.state.reviews.values() if r.repo == name and r.pr == number]

    def review_comments(self, full_name: str, number: int) -> list[ReviewComment]:
        name = self.state.repo(full_name).full_name
        return [c for c in self.state.comments.values() if c.repo == name and c.pr == number]

    def threads(self, full_name: str, number: int) -> list[Thread]:
        name = self.state.repo(full_name).full_name
        return [t for t in self.state.threads.values() if t.repo == name and t.pr == number]

    def issue_comments(self, full_name: str, number: int) -> list[IssueComment]:
        name = self.state.repo(full_name).full_name
        return [c for c in self.state.issue_comments.values() if c.repo == name and c.number == number]

    def check_runs(self, full_name: str) -> list[CheckRun]:
        name = self.state.repo(full_name).full_name
        return [c for c in self.state.check_runs.values() if c.repo == name]

    def statuses(self, full_name: str) -> list[CommitStatus]:
        name = self.state.repo(full_name).full_name
        return [s for s in self.state.statuses if s.repo == name]

    # ----------------------------------------------------------------------------------- failure injection
    def fail_next(
        self,
        method: str,
        path_regex: str,
        status: int,
        *,
        headers: dict[str, str] | None = None,
        times: int = 1,
        body: dict[str, Any] | None = None,
    ) -> None:
        """The next `times` requests matching method ('*' = any) and path regex get `status` instead."""
        lowered = {k.lower(): v for k, v in (headers or {}).items()}
        limited = "retry-after" in lowered or lowered.get("x-ratelimit-remaining") == "0"
        message = "Server Error" if status >= 500 else "Simulated failure"
        if status in (403, 429) and limited:
            message = "API rate limit exceeded for installation."
        default = {"message": message, "documentation_url": "https://docs.github.com/rest"}
        with self._lock:
            self._failures.append(
                _Failure(
                    method.upper(),
                    re.compile(path_regex),
                    status,
                    dict(headers or {}),
                    body or default,
                    times,
                )
            )

    # ------------------------------------------------------------------------------------- request handling
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
        record = RequestRecord(method, path, query, None if body is ... else body)
        with self._lock:
            self.requests.append(record)
            status, out_headers, payload = self._dispatch(record, headers, body, f"http://{host}{prefix}")
            record.status = status
            resource = "graphql" if path == "/graphql" else "core"
            if record.operation != "rate-limit/get":
                self._used[resource] += 1
            out_headers = {**self._rate_headers(resource), **out_headers}
        data = json.dumps(payload).encode() if payload is not None else b""
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
            result = handler(self, ctx)
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

    # ----------------------------------------------------------------------------------------------- auth
    def _authenticate(self, op: Operation, headers: dict[str, str]) -> Principal:
        header = headers.get("authorization", "")
        scheme, _, credential = header.partition(" ")
        if op.op_id == "apps/create-from-manifest" or (not header and op.op_id == "rate-limit/get"):
            return Principal("anonymous", "user")
        if not header:
            if self.require_auth:
                raise ApiError(401, "Requires authentication")
            return Principal("anonymous", "user")
        if scheme.lower() not in ("token", "bearer") or not credential:
            raise ApiError(401, "Bad credentials")
        if credential.count(".") == 2 and credential.startswith("eyJ"):
            if op.op_id not in _JWT_OPS and op.op_id != "rate-limit/get":
                raise ApiError(401, "A JSON web token could not be used for this endpoint")
            return self._verify_jwt(credential)
        if op.op_id in _JWT_OPS:
            raise ApiError(401, "A JSON web token could not be decoded")
        token = self.state.tokens.get(credential)
        if token is None or token.expires_at <= self.clock():
            raise ApiError(401, "Bad credentials")
        inst = self.state.installations.get(token.installation_id or -1)
        return Principal(
            token.login,
            "installation" if inst else "user",
            inst.app_id if inst else None,
            inst.id if inst else None,
            inst.account if inst else None,
            token.repos,
            token.permissions,
        )

    def _verify_jwt(self, credential: str) -> Principal:
        try:
            header = jwt.get_unverified_header(credential)
            claims = jwt.decode(credential, options={"verify_signature": False})
            app = self.state.apps.get(int(claims.get("iss", -1)))
            if header.get("alg") != "RS256" or app is None:
                raise ApiError(401, "A JSON web token could not be decoded")
            claims = jwt.decode(
                credential,
                app.public_key_pem,
                algorithms=["RS256"],
                options={"verify_exp": False, "verify_iat": False, "require": ["exp", "iat", "iss"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise ApiError(401, "A JSON web token could not be decoded") from exc
        now = self.clock()
        if not isinstance(claims["exp"], (int, float)) or claims["exp"] <= now:
            raise ApiError(
                401,
                "'Expiration time' claim ('exp') must be a numeric value representing the future time at "
                "which the assertion expires.",
            )
        if claims["exp"] > now + 600:
            raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
        if claims["iat"] > now + 60:
            raise ApiError(
                401,
                "'Issued at' claim ('iat') must be an Integer representing the time that the assertion "
                "was issued",
            )
        return Principal(f"{app.slug}[bot]", "app", app.id)

    def check_access(self, who: Principal, repo: Repo, op_id: str) -> None:
        """404 for repos the caller cannot see, 403 when it may only read or lacks the permission."""
        if who.kind == "app":
            raise ApiError(404, "Not Found")
        if who.kind == "installation" and who.repos is None:
            granted = repo.owner.lower() == (who.account or "").lower()
        else:
            granted = who.repos is None or repo.full_name.lower() in who.repos
        names, level = PERMISSIONS.get(op_id, ((), "read"))
        if not granted:
            if repo.private:
                raise ApiError(404, "Not Found")
            if level != "read":
                raise ApiError(403, "Resource not accessible by integration")
            return
        if (
            who.permissions is not None
            and names
            and not any(_LEVEL.get(who.permissions.get(n, "none"), 0) >= _LEVEL[level] for n in names)
        ):
            raise ApiError(403, "Resource not accessible by integration")

    def _fake_sha(self, seed: str) -> str:
        return hashlib.sha1(f"{seed}:{self.state.new_id()}".encode(), usedforsecurity=False).hexdigest()


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


# ------------------------------------------------------------------------------------------- REST routes
Result = tuple[int, Any] | tuple[int, Any, dict[str, str]]


def _repo(sim: GitHubSimulator, ctx: Ctx) -> Repo:
    repo = sim.state.repo(f"{ctx.params['owner']}/{ctx.params['repo']}")
    sim.check_access(ctx.who, repo, ctx.op.op_id)
    return repo


def _pull(sim: GitHubSimulator, ctx: Ctx) -> PullRequest:
    return sim.state.pull(
        _repo(sim, ctx).full_name, int(ctx.params.get("pull_number") or ctx.params["issue_number"])
    )


def _page(ctx: Ctx, items: list[Any], render: Callable[[Any], Any]) -> Result:
    """GitHub pagination: per_page (default 30, max 100), page, and a Link header (next/last/first/prev)."""
    per_page, page = min(max(ctx.arg("per_page", 30), 1), 100), max(ctx.arg("page", 1), 1)
    last = max(1, -(-len(items) // per_page))

    def link(number: int, rel: str) -> str:
        query = {k: v[-1] for k, v in ctx.query.items()} | {"per_page": str(per_page), "page": str(number)}
        return (
            f'<{ctx.render.base}{urllib.parse.quote(ctx.path)}?{urllib.parse.urlencode(query)}>; rel="{rel}"'
        )

    links = ([link(page + 1, "next"), link(last, "last")] if page < last else []) + (
        [link(1, "first"), link(page - 1, "prev")] if page > 1 else []
    )
    chunk = items[(page - 1) * per_page : page * per_page]
    return 200, [render(i) for i in chunk], ({"Link": ", ".join(links)} if links else {})


def _since(ctx: Ctx, items: list[Any]) -> list[Any]:
    since = ctx.query.get("since", [""])[-1]
    return [i for i in items if iso(i.updated_at) >= since] if since else items


def _app_only(ctx: Ctx) -> int:
    if ctx.who.kind != "app" or ctx.who.app_id is None:
        raise ApiError(401, "A JSON web token could not be decoded")
    return ctx.who.app_id


def r_get_app(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.app(sim.state.apps[_app_only(ctx)])


def r_manifest(sim: GitHubSimulator, ctx: Ctx) -> Result:
    conversion = sim.state.manifest_codes.pop(ctx.params["code"], None)
    if conversion is None:
        raise ApiError(404, "Not Found")
    return 201, {
        "id": 1,
        "slug": "remediator",
        "pem": "",
        "webhook_secret": "",
        "client_id": "Iv1.sim",
        "client_secret": "",
        **conversion,
    }


def r_access_token(sim: GitHubSimulator, ctx: Ctx) -> Result:
    app_id = _app_only(ctx)
    inst = sim.state.installations.get(int(ctx.params["installation_id"]))
    if inst is None or inst.app_id != app_id:
        raise ApiError(404, "Not Found")
    body = ctx.body or {}
    wanted = body.get("permissions") or {}
    if any(
        _LEVEL.get(level, 9) > _LEVEL.get(inst.permissions.get(name, "none"), 0)
        for name, level in wanted.items()
    ):
        raise ApiError(422, "The permissions requested are not granted to this installation.")
    repos = None if inst.repos is None else set(inst.repos)
    if body.get("repositories") or body.get("repository_ids"):
        by_id = {r.id: r.full_name.lower() for r in sim.state.repos.values()}
        asked = {f"{inst.account}/{n}".lower() for n in body.get("repositories", [])}
        asked |= {by_id.get(i, "?") for i in body.get("repository_ids", [])}
        visible = {n for n, r in sim.state.repos.items() if r.owner.lower() == inst.account.lower()}
        if not asked <= (visible if repos is None else repos & visible):
            raise ApiError(
                422,
                "There is at least one repository that does not exist or is not accessible "
                "to the parent installation.",
            )
        repos = asked
    perms = wanted or dict(inst.permissions)
    value = "ghs_" + secrets.token_hex(18)
    expires = sim.clock() + 3600
    sim.state.tokens[value] = Token(
        value, f"{sim.state.apps[app_id].slug}[bot]", expires, inst.id, repos, perms
    )
    return 201, {
        "token": value,
        "expires_at": iso(expires),
        "permissions": perms,
        "repository_selection": "all" if repos is None else "selected",
    }


def r_rate_limit(sim: GitHubSimulator, ctx: Ctx) -> Result:
    def entry(resource: str) -> dict[str, Any]:
        h = sim._rate_headers(resource)
        return {
            "limit": int(h["x-ratelimit-limit"]),
            "remaining": int(h["x-ratelimit-remaining"]),
            "reset": int(h["x-ratelimit-reset"]),
            "used": int(h["x-ratelimit-used"]),
            "resource": resource,
        }

    core = entry("core")
    search = {**core, "limit": 30, "remaining": 30, "used": 0, "resource": "search"}
    return 200, {"resources": {"core": core, "graphql": entry("graphql"), "search": search}, "rate": core}


def r_repo(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.repo(_repo(sim, ctx))


def r_content(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    ref = ctx.query.get("ref", [repo.default_branch])[-1]
    sha = repo.sha_for(ref)
    if sha is None:
        raise ApiError(404, f"No commit found for the ref {ref}")
    files, path = repo.contents.get(sha, {}), ctx.params["path"].strip("/")
    if path in files:
        return 200, ctx.render.content(repo, ref, path, files[path])
    prefix = f"{path}/" if path else ""
    names = sorted({p[len(prefix) :].split("/")[0] for p in files if p.startswith(prefix)})
    if not names:
        raise ApiError(
            404, "Not Found", docs="https://docs.github.com/rest/repos/contents#get-repository-content"
        )
    entries = []
    for name in names:
        full = prefix + name
        item = ctx.render.content(repo, ref, full, files.get(full, b""))
        item.pop("content"), item.pop("encoding")
        entries.append(item | ({} if full in files else {"type": "dir", "size": 0}))
    return 200, entries


def r_repo_installation(sim: GitHubSimulator, ctx: Ctx) -> Result:
    app_id = _app_only(ctx)
    repo = sim.state.repo(f"{ctx.params['owner']}/{ctx.params['repo']}")
    for inst in sim.state.installations.values():
        if inst.app_id == app_id and (
            repo.full_name.lower() in (inst.repos or [])
            or (inst.repos is None and inst.account.lower() == repo.owner.lower())
        ):
            return 200, ctx.render.installation(inst)
    raise ApiError(404, "Not Found")


def _known_sha(repo: Repo, sha: str) -> bool:
    return (
        sha in repo.contents
        or sha in repo.branches.values()
        or any(sha in p.commits or sha == p.base_sha for p in repo.pulls.values())
    )


def _apply_check(sim: GitHubSimulator, run: CheckRun, body: dict[str, Any]) -> None:
    for key in ("name", "details_url", "external_id", "started_at", "completed_at", "status"):
        if key in body:
            setattr(run, key, body[key])
    if body.get("conclusion"):
        run.conclusion, run.status = body["conclusion"], "completed"
    if run.status == "completed" and run.completed_at is None:
        run.completed_at = iso(sim.clock())
    output = body.get("output") or {}
    run.output.update({k: output[k] for k in ("title", "summary", "text") if k in output})
    run.annotations.extend(output.get("annotations", []))  # GitHub appends across updates
    run.updates += 1


def r_check_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    if not _known_sha(repo, ctx.body["head_sha"]):
        raise ApiError(422, f"No commit found for SHA: {ctx.body['head_sha']}")
    run = CheckRun(sim.state.new_id(), repo.full_name, ctx.body["name"], ctx.body["head_sha"], ctx.who.app_id)
    _apply_check(sim, run, ctx.body)
    sim.state.check_runs[run.id] = run
    return 201, ctx.render.check_run(run)


def r_check_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    run = sim.state.check_runs.get(int(ctx.params["check_run_id"]))
    if run is None or run.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    _apply_check(sim, run, ctx.body)
    return 200, ctx.render.check_run(run)


def _issue_comment(sim: GitHubSimulator, ctx: Ctx) -> IssueComment:
    repo = _repo(sim, ctx)
    comment = sim.state.issue_comments.get(int(ctx.params["comment_id"]))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    return comment


def r_reaction(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = _issue_comment(sim, ctx)
    for reaction in comment.reactions:
        if reaction.user == ctx.who.login and reaction.content == ctx.body["content"]:
            return 200, ctx.render.reaction(reaction)
    reaction = Reaction(sim.state.new_id(), ctx.who.login, ctx.body["content"], sim.clock())
    comment.reactions.append(reaction)
    return 201, ctx.render.reaction(reaction)


def r_issue_comments(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, _since(ctx, sim.issue_comments(pr.repo, pr.number)), ctx.render.issue_comment)


def r_issue_comment_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    now = sim.clock()
    comment = IssueComment(sim.state.new_id(), pr.repo, pr.number, ctx.who.login, ctx.body["body"], now, now)
    sim.state.issue_comments[comment.id] = comment
    return 201, ctx.render.issue_comment(comment)


def r_issue_comment_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = _issue_comment(sim, ctx)
    comment.body, comment.updated_at = ctx.body["body"], sim.clock()
    return 200, ctx.render.issue_comment(comment)


def r_pull(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, ctx.render.pull(_pull(sim, ctx))


def r_review_comments(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    items = _since(ctx, sim.state.visible_comments(pr.repo, pr.number))
    if "sort" in ctx.query:
        key = "updated_at" if ctx.query["sort"][-1] == "updated" else "created_at"
        items.sort(
            key=lambda c: (getattr(c, key), c.id), reverse=ctx.query.get("direction", ["desc"])[-1] == "desc"
        )
    return _page(ctx, items, ctx.render.review_comment)


def r_review_comment_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 201, ctx.render.review_comment(sim.state.add_comment(_pull(sim, ctx), ctx.who.login, ctx.body))


def r_reply(sim: GitHubSimulator, ctx: Ctx) -> Result:
    comment = sim.state.reply(_pull(sim, ctx), int(ctx.params["comment_id"]), ctx.who.login, ctx.body["body"])
    return 201, ctx.render.review_comment(comment)


def r_review_comment_update(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    comment = sim.state.comments.get(int(ctx.params["comment_id"]))
    if comment is None or comment.repo != repo.full_name:
        raise ApiError(404, "Not Found")
    comment.body, comment.updated_at = ctx.body["body"], sim.clock()
    return 200, ctx.render.review_comment(comment)


def r_files(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, pr.files[:3000], lambda f: ctx.render.changed_file(pr, f))  # GitHub lists 3000 at most


def _visible_reviews(sim: GitHubSimulator, ctx: Ctx, pr: PullRequest) -> list[Review]:
    return [r for r in sim.reviews(pr.repo, pr.number) if r.state != "PENDING" or r.user == ctx.who.login]


def r_reviews(sim: GitHubSimulator, ctx: Ctx) -> Result:
    pr = _pull(sim, ctx)
    return _page(ctx, _visible_reviews(sim, ctx, pr), ctx.render.review)


def r_review_create(sim: GitHubSimulator, ctx: Ctx) -> Result:
    body = ctx.body or {}
    review = sim.state.create_review(
        _pull(sim, ctx),
        user=ctx.who.login,
        body=body.get("body", ""),
        event=body.get("event"),
        commit_id=body.get("commit_id"),
        comments=body.get("comments", []),
    )
    return 200, ctx.render.review(review)


def _review(sim: GitHubSimulator, ctx: Ctx) -> Review:
    pr = _pull(sim, ctx)
    review = sim.state.reviews.get(int(ctx.params["review_id"]))
    if review is None or review not in _visible_reviews(sim, ctx, pr):
        raise ApiError(404, "Not Found")
    return review


def r_review_comments_of(sim: GitHubSimulator, ctx: Ctx) -> Result:
    review = _review(sim, ctx)
    return _page(ctx, [sim.state.comments[i] for i in review.comment_ids], ctx.render.review_comment)


def r_review_submit(sim: GitHubSimulator, ctx: Ctx) -> Result:
    review = _review(sim, ctx)
    if review.state != "PENDING":
        raise ApiError(422, "Unprocessable Entity", ["Can not submit a non-pending review"])
    review.event, review.state, review.submitted_at = ctx.body["event"], "COMMENTED", sim.clock()
    review.body = ctx.body.get("body", review.body)
    return 200, ctx.render.review(review)


def r_status(sim: GitHubSimulator, ctx: Ctx) -> Result:
    repo = _repo(sim, ctx)
    if not _known_sha(repo, ctx.params["sha"]):
        raise ApiError(422, f"No commit found for SHA: {ctx.params['sha']}")
    st = CommitStatus(
        sim.state.new_id(),
        repo.full_name,
        ctx.params["sha"],
        ctx.body["state"],
        ctx.body.get("context", "default"),
        ctx.body.get("description"),
        ctx.body.get("target_url"),
        ctx.who.login,
        sim.clock(),
    )
    sim.state.statuses.append(st)
    return 201, ctx.render.status(st)


def r_graphql(sim: GitHubSimulator, ctx: Ctx) -> Result:
    return 200, run_graphql(sim, ctx)


_LEGACY_PERMISSION = {
    "admin": "admin",
    "maintain": "write",
    "write": "write",
    "triage": "read",
    "read": "read",
}


def r_collaborator_permission(sim: GitHubSimulator, ctx: Ctx) -> Result:
    """Extension: GET /repos/{o}/{r}/collaborators/{username}/permission (roles set by set_role)."""
    repo = _repo(sim, ctx)
    login = ctx.params["username"]
    if login.lower() == repo.owner.lower():
        role = "admin"
    else:
        role = sim.roles.get((repo.full_name.lower(), login.lower()), "none" if repo.private else "read")
    if role == "none":
        raise ApiError(404, f"{login} is not a user")
    return 200, {"permission": _LEGACY_PERMISSION[role], "role_name": role, "user": ctx.render.user(login)}


ROUTES: dict[str, Callable[[GitHubSimulator, Ctx], Result]] = {
    "apps/get-authenticated": r_get_app,
    "apps/create-from-manifest": r_manifest,
    "apps/create-installation-access-token": r_access_token,
    "rate-limit/get": r_rate_limit,
    "repos/get": r_repo,
    "checks/create": r_check_create,
    "checks/update": r_check_update,
    "repos/get-content": r_content,
    "apps/get-repo-installation": r_repo_installation,
    "reactions/create-for-issue-comment": r_reaction,
    "issues/list-comments": r_issue_comments,
    "issues/create-comment": r_issue_comment_create,
    "issues/update-comment": r_issue_comment_update,
    "pulls/get": r_pull,
    "pulls/list-review-comments": r_review_comments,
    "pulls/create-review-comment": r_review_comment_create,
    "pulls/create-reply-for-review-comment": r_reply,
    "pulls/update-review-comment": r_review_comment_update,
    "pulls/list-files": r_files,
    "pulls/list-reviews": r_reviews,
    "pulls/create-review": r_review_create,
    "pulls/list-comments-for-review": r_review_comments_of,
    "pulls/submit-review": r_review_submit,
    "repos/create-commit-status": r_status,
    "graphql": r_graphql,
    "repos/get-collaborator-permission-level": r_collaborator_permission,
}
