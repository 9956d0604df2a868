"""Stateful GitHub REST + GraphQL simulator for tests: a local threaded HTTP server that PyGithub talks to.

Checks every request against the OpenAPI subset, records it, and applies GitHub's review/check/auth rules.
This module holds GitHubSimulator's lifecycle, seeding and inspection API; request handling is in github_http,
auth in github_auth, routes in github_routes, state in github_state.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.sim.github_auth import DEFAULT_PERMISSIONS, PERMISSIONS, Principal
from tests.sim.github_http import FORBIDDEN, HttpMixin, RequestRecord, _Failure, _Handler
from tests.sim.github_openapi import DEFAULT_SPEC, OpenAPISubset
from tests.sim.github_routes import ROUTES, Ctx, Result
from tests.sim.github_state import (
    App,
    CheckRun,
    CommitStatus,
    Installation,
    IssueComment,
    PullRequest,
    Repo,
    Review,
    ReviewComment,
    State,
    Thread,
    Token,
    parse_unified_diff,
)


class GitHubSimulator(HttpMixin):
    """A local GitHub: seed state, point PyGithub at `.url`, then inspect requests and state."""

    def __init__(
        self,
        *,
        require_auth: bool = True,
        clock: Callable[[], float] = time.time,
        spec_path: Path = DEFAULT_SPEC,
        content_writes_per_minute: int | None = None,
        latency: float = 0.0,
    ) -> None:
        self.state = State(clock)
        self.latency = latency  # seconds every answer is held back (a network's round trip; benchmarks)
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

    def retarget(self, full_name: str, number: int, *, base_ref: str, diff: str) -> None:
        """The base branch changes (by hand, or GitHub's retarget when the base is deleted): the same
        head, another base, so another diff."""
        with self._lock:
            pr = self.state.pull(full_name, number)
            repo = self.state.repo(full_name)
            pr.base_ref = base_ref
            pr.base_sha = repo.sha_for(base_ref) or pr.base_sha
            pr.files = parse_unified_diff(diff)

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

    def review_requests(self) -> list[RequestRecord]:
        """Every request that created or submitted a pull request review (whatever its answer)."""
        return [
            r
            for r in self.requests
            if r.method == "POST" and re.search(r"/pulls/\d+/reviews(/\d+/events)?$", r.path)
        ]

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

    def _fake_sha(self, seed: str) -> str:
        return hashlib.sha1(f"{seed}:{self.state.new_id()}".encode(), usedforsecurity=False).hexdigest()


__all__ = [
    "DEFAULT_PERMISSIONS",
    "FORBIDDEN",
    "PERMISSIONS",
    "ROUTES",
    "Ctx",
    "GitHubSimulator",
    "Principal",
    "RequestRecord",
    "Result",
]
