"""The GitHub simulator's entities (repos, pulls, reviews, comments, checks, apps, tokens) and ApiError.

Plain dataclasses and small helpers; imports only github_diff (no state rules, rendering or HTTP).
"""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any

from tests.sim.github_diff import ChangedFile


class ApiError(Exception):
    """An answer GitHub would give instead of success: HTTP status plus JSON body."""

    def __init__(
        self,
        status: int,
        message: str,
        errors: list[Any] | None = None,
        docs: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}
        self.body: dict[str, Any] = {
            "message": message,
            "documentation_url": docs or "https://docs.github.com/rest",
        }
        if errors is not None:
            self.body["errors"] = errors


def iso(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def node_id(kind: str, number: int) -> str:
    return f"{kind}_" + base64.b64encode(f"{kind}:{number}".encode()).decode().rstrip("=")


def blob_sha(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class Repo:
    owner: str
    name: str
    id: int
    default_branch: str = "main"
    private: bool = False
    branches: dict[str, str] = field(default_factory=dict)  # ref name -> sha
    contents: dict[str, dict[str, bytes]] = field(default_factory=dict)  # sha -> path -> data
    pulls: dict[int, PullRequest] = field(default_factory=dict)

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"

    def sha_for(self, ref: str | None) -> str | None:
        ref = ref or self.default_branch
        ref = ref.removeprefix("refs/heads/")
        if ref in self.branches:
            return self.branches[ref]
        return ref if ref in self.contents else None


@dataclass
class PullRequest:
    repo: str
    number: int
    id: int
    title: str
    body: str | None
    user: str
    base_ref: str
    base_sha: str
    head_ref: str
    head_sha: str
    head_repo: str
    created_at: float
    files: list[ChangedFile] = field(default_factory=list)
    draft: bool = False
    state: str = "open"
    merged: bool = False
    commits: list[str] = field(default_factory=list)

    def file_map(self) -> dict[str, ChangedFile]:
        return {f.filename: f for f in self.files}


@dataclass
class Review:
    id: int
    repo: str
    pr: int
    user: str
    body: str
    event: str | None
    state: str  # COMMENTED | APPROVED | CHANGES_REQUESTED | PENDING
    commit_id: str
    submitted_at: float | None
    comment_ids: list[int] = field(default_factory=list)


@dataclass
class ReviewComment:
    id: int
    repo: str
    pr: int
    review_id: int
    thread_id: str
    user: str
    body: str
    path: str
    line: int | None
    side: str | None
    start_line: int | None
    start_side: str | None
    original_line: int | None
    position: int | None
    diff_hunk: str
    commit_id: str
    created_at: float
    updated_at: float
    in_reply_to: int | None = None
    subject_type: str = "line"
    minimized_reason: str | None = None


@dataclass
class Thread:
    node_id: str
    repo: str
    pr: int
    path: str
    line: int | None
    side: str | None
    start_line: int | None
    start_side: str | None
    original_line: int | None
    subject_type: str
    comment_ids: list[int] = field(default_factory=list)
    is_resolved: bool = False
    resolved_by: str | None = None
    is_outdated: bool = False


@dataclass
class Reaction:
    id: int
    user: str
    content: str
    created_at: float


@dataclass
class IssueComment:
    id: int
    repo: str
    number: int
    user: str
    body: str
    created_at: float
    updated_at: float
    reactions: list[Reaction] = field(default_factory=list)


@dataclass
class CheckRun:
    id: int
    repo: str
    name: str
    head_sha: str
    app_id: int | None
    status: str = "queued"
    conclusion: str | None = None
    details_url: str | None = None
    external_id: str | None = None
    started_at: str | None = None
    completed_at: str | None = None
    output: dict[str, Any] = field(default_factory=dict)  # title/summary/text
    annotations: list[dict[str, Any]] = field(default_factory=list)
    updates: int = 0


@dataclass
class CommitStatus:
    id: int
    repo: str
    sha: str
    state: str
    context: str
    description: str | None
    target_url: str | None
    creator: str
    created_at: float


@dataclass
class Installation:
    id: int
    app_id: int
    account: str
    repos: list[str] | None  # None: all repositories of the account
    permissions: dict[str, str]


@dataclass
class App:
    id: int
    slug: str
    public_key_pem: bytes
    owner: str


@dataclass
class Token:
    value: str
    login: str
    expires_at: float
    installation_id: int | None = None
    repos: set[str] | None = None  # lower-case full names; None: all the installation/user can see
    permissions: dict[str, str] | None = None  # None: a human user's token, not limited
