"""In-memory state of the GitHub simulator: repos, pull requests and their diffs, reviews, threads, checks.

Holds the data, GitHub's rules about it (diff hunks, review lines) and its REST JSON shapes; no HTTP.
"""

from __future__ import annotations

import base64
import hashlib
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

REVIEW_DOCS = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


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


# ------------------------------------------------------------------------------------------------ diffs
@dataclass
class DiffLine:
    kind: str  # " ", "+", "-" or "\\"
    old: int | None
    new: int | None
    position: int  # GitHub's deprecated diff position (1 = line below the first @@)
    text: str


@dataclass
class Hunk:
    header: str
    header_position: int
    lines: list[DiffLine] = field(default_factory=list)


@dataclass
class ChangedFile:
    filename: str
    status: str = "modified"  # added | removed | modified | renamed
    previous_filename: str | None = None
    hunks: list[Hunk] = field(default_factory=list)
    binary: bool = False

    @property
    def patch(self) -> str | None:
        if self.binary or not self.hunks:
            return None
        return "\n".join(line for h in self.hunks for line in [h.header, *(d.text for d in h.lines)])

    @property
    def additions(self) -> int:
        return sum(d.kind == "+" for h in self.hunks for d in h.lines)

    @property
    def deletions(self) -> int:
        return sum(d.kind == "-" for h in self.hunks for d in h.lines)

    def find(self, side: str, line: int) -> tuple[int, DiffLine] | None:
        """The hunk index and diff line holding `line` on `side` (RIGHT: new numbers, LEFT: old numbers)."""
        for index, hunk in enumerate(self.hunks):
            for d in hunk.lines:
                if side == "RIGHT" and d.kind in " +" and d.new == line:
                    return index, d
                if side == "LEFT" and d.kind in " -" and d.old == line:
                    return index, d
        return None

    def at_position(self, position: int) -> tuple[int, DiffLine] | None:
        for index, hunk in enumerate(self.hunks):
            for d in hunk.lines:
                if d.position == position and d.kind != "\\":
                    return index, d
        return None

    def diff_hunk(self, index: int, upto: DiffLine) -> str:
        hunk = self.hunks[index]
        lines = [hunk.header]
        for d in hunk.lines:
            lines.append(d.text)
            if d is upto:
                break
        return "\n".join(lines)


def parse_unified_diff(text: str) -> list[ChangedFile]:
    """Split a `git diff` / unified diff into files with hunks and GitHub's line numbering."""
    files: list[ChangedFile] = []
    current: ChangedFile | None = None
    old_left = new_left = 0
    old_no = new_no = position = 0
    for raw in text.splitlines():
        if old_left > 0 or new_left > 0:
            assert current is not None
            kind = raw[:1] or " "
            position += 1
            if kind == "\\":
                current.hunks[-1].lines.append(DiffLine("\\", None, None, position, raw))
                continue
            d = DiffLine(
                kind, old_no if kind in " -" else None, new_no if kind in " +" else None, position, raw
            )
            current.hunks[-1].lines.append(d)
            old_no, old_left = (old_no + 1, old_left - 1) if kind in " -" else (old_no, old_left)
            new_no, new_left = (new_no + 1, new_left - 1) if kind in " +" else (new_no, new_left)
            continue
        if raw.startswith("\\") and current is not None and current.hunks:
            position += 1
            current.hunks[-1].lines.append(DiffLine("\\", None, None, position, raw))
        elif raw.startswith("diff --git "):
            current = ChangedFile(raw.split(" b/", 1)[-1])
            files.append(current)
            position = 0
        elif raw.startswith("--- ") and (current is None or current.hunks):
            current = ChangedFile("")
            files.append(current)
            position = 0
            if raw == "--- /dev/null":
                current.status = "added"
            else:
                current.previous_filename = raw[4:].removeprefix("a/").split("\t")[0]
        elif raw.startswith("--- ") and current is not None and raw == "--- /dev/null":
            current.status = "added"
        elif raw.startswith("+++ ") and current is not None:
            if raw == "+++ /dev/null":
                current.status = "removed"
            else:
                current.filename = raw[4:].removeprefix("b/").split("\t")[0]
        elif current is not None and raw.startswith("new file mode"):
            current.status = "added"
        elif current is not None and raw.startswith("deleted file mode"):
            current.status = "removed"
        elif current is not None and raw.startswith("rename from "):
            current.status, current.previous_filename = "renamed", raw[len("rename from ") :]
        elif current is not None and raw.startswith("rename to "):
            current.filename = raw[len("rename to ") :]
        elif current is not None and raw.startswith("Binary files "):
            current.binary = True
        elif (m := _HUNK.match(raw)) and current is not None:
            old_no, new_no = int(m.group(1)), int(m.group(3))
            old_left = int(m.group(2)) if m.group(2) is not None else 1
            new_left = int(m.group(4)) if m.group(4) is not None else 1
            position = position + 1 if current.hunks else 0
            current.hunks.append(Hunk(raw, position))
    for f in files:
        if f.filename == "":
            f.filename = f.previous_filename or ""
        if f.status != "renamed":
            f.previous_filename = None
    return files


def resolve_comment(files: dict[str, ChangedFile], c: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """Check one review comment against the diff as GitHub does; return (errors, resolved anchor)."""
    f = files.get(c["path"])
    if f is None:
        return ["Path could not be resolved"], {}
    if c.get("subject_type") == "file":
        return [], {"subject_type": "file", "line": None, "side": None, "hunk": 0, "at": None}
    if c.get("position") is not None and c.get("line") is None:
        found = f.at_position(int(c["position"]))
        if found is None:
            return ["Position could not be resolved"], {}
        side = "LEFT" if found[1].kind == "-" else "RIGHT"
        line = found[1].old if side == "LEFT" else found[1].new
        return [], {"line": line, "side": side, "hunk": found[0], "at": found[1], "subject_type": "line"}
    if c.get("line") is None:
        return ["Line could not be resolved"], {}
    side = c.get("side") or "RIGHT"
    found = f.find(side, int(c["line"]))
    if found is None:
        return ["Line could not be resolved", "pull_request_review_thread.line must be part of the diff"], {}
    anchor: dict[str, Any] = {
        "line": int(c["line"]),
        "side": side,
        "hunk": found[0],
        "at": found[1],
        "subject_type": "line",
        "start_line": None,
        "start_side": None,
    }
    if c.get("start_line") is not None:
        start_side = c.get("start_side") or side
        start = f.find(start_side, int(c["start_line"]))
        if start is None:
            return [
                "Start line could not be resolved",
                "pull_request_review_thread.start_line must be part of the diff",
            ], {}
        if start_side != side:
            return ["pull_request_review_thread.start_side must be the same as side"], {}
        if int(c["start_line"]) >= int(c["line"]):
            return ["pull_request_review_thread.start_line must precede the end line."], {}
        if start[0] != found[0]:
            return ["pull_request_review_thread.start_line must be part of the same hunk as the line."], {}
        anchor.update(start_line=int(c["start_line"]), start_side=start_side)
    return [], anchor


# --------------------------------------------------------------------------------------------- entities
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


class State:
    """Everything the simulator knows; callers hold `lock` (in the simulator) while touching it."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self.clock = clock
        self._next_id = 1000
        self.repos: dict[str, Repo] = {}
        self.users: dict[str, str] = {}  # login -> "User" | "Bot"
        self.user_ids: dict[str, int] = {}
        self.reviews: dict[int, Review] = {}
        self.comments: dict[int, ReviewComment] = {}
        self.threads: dict[str, Thread] = {}
        self.issue_comments: dict[int, IssueComment] = {}
        self.check_runs: dict[int, CheckRun] = {}
        self.statuses: list[CommitStatus] = []
        self.apps: dict[int, App] = {}
        self.installations: dict[int, Installation] = {}
        self.tokens: dict[str, Token] = {}
        self.manifest_codes: dict[str, dict[str, Any]] = {}

    def new_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def user(self, login: str, kind: str = "User") -> str:
        if login not in self.users:
            self.users[login] = "Bot" if login.endswith("[bot]") else kind
            self.user_ids[login] = self.new_id()
        return login

    def repo(self, full_name: str) -> Repo:
        found = self.repos.get(full_name.lower())
        if found is None:
            raise ApiError(404, "Not Found")
        return found

    def pull(self, full_name: str, number: int) -> PullRequest:
        pr = self.repo(full_name).pulls.get(number)
        if pr is None:
            raise ApiError(404, "Not Found")
        return pr

    def thread_comments(self, thread: Thread) -> list[ReviewComment]:
        return [self.comments[i] for i in thread.comment_ids]

    def visible_comments(self, full_name: str, number: int) -> list[ReviewComment]:
        """Review comments of submitted reviews (pending reviews stay private to their author)."""
        return [
            c
            for c in self.comments.values()
            if c.repo == full_name and c.pr == number and self.reviews[c.review_id].state != "PENDING"
        ]

    def create_review(
        self,
        pr: PullRequest,
        *,
        user: str,
        body: str,
        event: str | None,
        commit_id: str | None,
        comments: list[dict[str, Any]],
    ) -> Review:
        """All comments are resolved first; one bad comment fails the whole review and stores nothing."""
        if commit_id is not None and commit_id not in pr.commits:
            raise ApiError(
                422, "Unprocessable Entity", [f"No commit found for SHA: {commit_id}"], REVIEW_DOCS
            )
        if event in ("COMMENT", "REQUEST_CHANGES") and not body and not comments:
            raise ApiError(422, "Unprocessable Entity", ["Review body is required"], REVIEW_DOCS)
        files = pr.file_map()
        errors: list[str] = []
        anchors = []
        for c in comments:
            problems, anchor = resolve_comment(files, c)
            errors.extend(problems)
            anchors.append(anchor)
        if errors:
            raise ApiError(422, "Unprocessable Entity", errors, REVIEW_DOCS)
        now = self.clock()
        states = {"COMMENT": "COMMENTED", "APPROVE": "APPROVED", "REQUEST_CHANGES": "CHANGES_REQUESTED"}
        review = Review(
            self.new_id(),
            pr.repo,
            pr.number,
            user,
            body,
            event,
            states.get(event or "", "PENDING"),
            commit_id or pr.head_sha,
            now if event else None,
        )
        self.reviews[review.id] = review
        for c, anchor in zip(comments, anchors, strict=True):
            self._add_thread_comment(
                pr,
                review,
                user=user,
                body=c["body"],
                path=c["path"],
                anchor=anchor,
                commit_id=review.commit_id,
            )
        return review

    def _add_thread_comment(
        self,
        pr: PullRequest,
        review: Review,
        *,
        user: str,
        body: str,
        path: str,
        anchor: dict[str, Any],
        commit_id: str,
    ) -> ReviewComment:
        f = pr.file_map()[path]
        at: DiffLine | None = anchor.get("at")
        cid = self.new_id()
        thread = Thread(
            node_id("PRRT", cid),
            pr.repo,
            pr.number,
            path,
            anchor.get("line"),
            anchor.get("side"),
            anchor.get("start_line"),
            anchor.get("start_side"),
            anchor.get("line"),
            anchor["subject_type"],
        )
        comment = ReviewComment(
            cid,
            pr.repo,
            pr.number,
            review.id,
            thread.node_id,
            user,
            body,
            path,
            thread.line,
            thread.side,
            thread.start_line,
            thread.start_side,
            thread.line,
            at.position if at else None,
            f.diff_hunk(anchor["hunk"], at) if at else (f.patch or ""),
            commit_id,
            self.clock(),
            self.clock(),
            subject_type=anchor["subject_type"],
        )
        thread.comment_ids.append(cid)
        self.threads[thread.node_id] = thread
        self.comments[cid] = comment
        review.comment_ids.append(cid)
        return comment

    def add_comment(self, pr: PullRequest, user: str, data: dict[str, Any]) -> ReviewComment:
        """A single review comment (own one-comment review), or a reply when `in_reply_to` is set."""
        if data.get("in_reply_to") is not None:
            return self.reply(pr, int(data["in_reply_to"]), user, data["body"])
        if data.get("commit_id") is None or data.get("path") is None:
            raise ApiError(
                422,
                "Validation Failed",
                [
                    {
                        "resource": "PullRequestReviewComment",
                        "code": "missing_field",
                        "field": "commit_id" if not data.get("commit_id") else "path",
                    }
                ],
            )
        problems, anchor = resolve_comment(pr.file_map(), data)
        if problems:
            field_name = "start_line" if "start" in problems[-1].lower() else "line"
            raise ApiError(
                422,
                "Validation Failed",
                [
                    {
                        "resource": "PullRequestReviewComment",
                        "code": "custom",
                        "field": f"pull_request_review_thread.{field_name}",
                        "message": problems[-1],
                    }
                ],
            )
        if data["commit_id"] not in pr.commits:
            raise ApiError(
                422,
                "Validation Failed",
                [{"resource": "PullRequestReviewComment", "code": "invalid", "field": "commit_id"}],
            )
        review = Review(
            self.new_id(),
            pr.repo,
            pr.number,
            user,
            "",
            "COMMENT",
            "COMMENTED",
            data["commit_id"],
            self.clock(),
        )
        self.reviews[review.id] = review
        return self._add_thread_comment(
            pr,
            review,
            user=user,
            body=data["body"],
            path=data["path"],
            anchor=anchor,
            commit_id=data["commit_id"],
        )

    def reply(self, pr: PullRequest, comment_id: int, user: str, body: str) -> ReviewComment:
        parent = self.comments.get(comment_id)
        if parent is None or parent.repo != pr.repo or parent.pr != pr.number:
            raise ApiError(404, "Not Found")
        thread = self.threads[parent.thread_id]
        root = self.comments[thread.comment_ids[0]]
        review = Review(
            self.new_id(), pr.repo, pr.number, user, "", "COMMENT", "COMMENTED", pr.head_sha, self.clock()
        )
        self.reviews[review.id] = review
        now = self.clock()
        comment = ReviewComment(
            self.new_id(),
            pr.repo,
            pr.number,
            review.id,
            thread.node_id,
            user,
            body,
            root.path,
            root.line,
            root.side,
            root.start_line,
            root.start_side,
            root.original_line,
            root.position,
            root.diff_hunk,
            root.commit_id,
            now,
            now,
            in_reply_to=root.id,
            subject_type=root.subject_type,
        )
        self.comments[comment.id] = comment
        thread.comment_ids.append(comment.id)
        review.comment_ids.append(comment.id)
        return comment

    def set_diff(self, pr: PullRequest, diff: str, head_sha: str) -> None:
        """A push to the PR: new head and diff; threads whose anchor left the diff become outdated."""
        pr.files = parse_unified_diff(diff)
        pr.head_sha = head_sha
        pr.commits.append(head_sha)
        self.repo(pr.repo).branches.setdefault(pr.head_ref, head_sha)
        if pr.head_repo.lower() == pr.repo.lower():
            self.repo(pr.repo).branches[pr.head_ref] = head_sha
        files = pr.file_map()
        for thread in self.threads.values():
            if thread.repo != pr.repo or thread.pr != pr.number or thread.line is None:
                continue
            f = files.get(thread.path)
            if f is None or f.find(thread.side or "RIGHT", thread.line) is None:
                thread.is_outdated = True
                thread.line = None
                for c in self.thread_comments(thread):
                    c.line = None
                    c.position = None


# -------------------------------------------------------------------------------------------- rendering
_USER_LINKS = (
    "events_url",
    "followers_url",
    "following_url",
    "gists_url",
    "organizations_url",
    "received_events_url",
    "repos_url",
    "starred_url",
    "subscriptions_url",
)
_REPO_LINKS = (
    "archive",
    "assignees",
    "blobs",
    "branches",
    "collaborators",
    "comments",
    "commits",
    "compare",
    "contents",
    "contributors",
    "deployments",
    "downloads",
    "events",
    "forks",
    "git_commits",
    "git_refs",
    "git_tags",
    "hooks",
    "issue_comment",
    "issue_events",
    "issues",
    "keys",
    "labels",
    "languages",
    "merges",
    "milestones",
    "notifications",
    "pulls",
    "releases",
    "stargazers",
    "statuses",
    "subscribers",
    "subscription",
    "tags",
    "teams",
    "trees",
)


class Render:
    """GitHub REST JSON for state objects; `base` is the API root the client used (keeps PyGithub's urls)."""

    def __init__(self, state: State, base: str) -> None:
        self.s = state
        self.base = base

    def user(self, login: str) -> dict[str, Any]:
        self.s.user(login)
        uid, kind = self.s.user_ids[login], self.s.users[login]
        out: dict[str, Any] = {
            "login": login,
            "id": uid,
            "node_id": node_id("BOT" if kind == "Bot" else "U", uid),
            "avatar_url": f"https://avatars.example.invalid/u/{uid}",
            "gravatar_id": "",
            "url": f"{self.base}/users/{login}",
            "html_url": f"https://github.com/{login}",
            "type": kind,
            "site_admin": False,
        }
        out.update({k: f"{self.base}/users/{login}/{k[:-4]}" for k in _USER_LINKS})
        return out

    def association(self, repo: str, login: str) -> str:
        if login.lower() == repo.split("/", maxsplit=1)[0].lower():
            return "OWNER"
        return "NONE" if self.s.users.get(login) == "Bot" else "CONTRIBUTOR"

    def repo(self, r: Repo) -> dict[str, Any]:
        url = f"{self.base}/repos/{r.full_name}"
        out: dict[str, Any] = {
            "id": r.id,
            "node_id": node_id("R", r.id),
            "name": r.name,
            "full_name": r.full_name,
            "private": r.private,
            "visibility": "private" if r.private else "public",
            "owner": self.user(r.owner),
            "html_url": f"https://github.com/{r.full_name}",
            "url": url,
            "description": None,
            "fork": False,
            "default_branch": r.default_branch,
            "archived": False,
            "disabled": False,
            "homepage": None,
            "language": None,
            "size": 0,
            "created_at": iso(0),
            "updated_at": iso(self.s.clock()),
            "pushed_at": iso(self.s.clock()),
            "clone_url": f"https://github.com/{r.full_name}.git",
            "permissions": {"admin": False, "maintain": False, "push": False, "triage": False, "pull": True},
        }
        out.update({f"{k}_url": f"{url}/{k}" for k in _REPO_LINKS})
        return out

    def pull(self, pr: PullRequest) -> dict[str, Any]:
        repo = self.s.repo(pr.repo)
        url = f"{self.base}/repos/{pr.repo}/pulls/{pr.number}"
        issue_url = f"{self.base}/repos/{pr.repo}/issues/{pr.number}"
        head_repo = self.s.repos.get(pr.head_repo.lower(), repo)
        comments = [c for c in self.s.issue_comments.values() if c.repo == pr.repo and c.number == pr.number]

        def end(ref: str, sha: str, r: Repo) -> dict[str, Any]:
            return {
                "label": f"{r.owner}:{ref}",
                "ref": ref,
                "sha": sha,
                "user": self.user(r.owner),
                "repo": self.repo(r),
            }

        return {
            "url": url,
            "id": pr.id,
            "node_id": node_id("PR", pr.id),
            "number": pr.number,
            "state": pr.state,
            "locked": False,
            "title": pr.title,
            "body": pr.body,
            "user": self.user(pr.user),
            "draft": pr.draft,
            "html_url": f"https://github.com/{pr.repo}/pull/{pr.number}",
            "issue_url": issue_url,
            "diff_url": f"https://github.com/{pr.repo}/pull/{pr.number}.diff",
            "patch_url": f"https://github.com/{pr.repo}/pull/{pr.number}.patch",
            "commits_url": f"{url}/commits",
            "review_comments_url": f"{url}/comments",
            "review_comment_url": f"{self.base}/repos/{pr.repo}/pulls/comments{{/number}}",
            "comments_url": f"{issue_url}/comments",
            "statuses_url": f"{self.base}/repos/{pr.repo}/statuses/{pr.head_sha}",
            "head": end(pr.head_ref, pr.head_sha, head_repo),
            "base": end(pr.base_ref, pr.base_sha, repo),
            "created_at": iso(pr.created_at),
            "updated_at": iso(self.s.clock()),
            "closed_at": None,
            "merged_at": None,
            "merge_commit_sha": None,
            "merged": pr.merged,
            "mergeable": None,
            "mergeable_state": "unknown",
            "merged_by": None,
            "labels": [],
            "milestone": None,
            "assignee": None,
            "assignees": [],
            "requested_reviewers": [],
            "requested_teams": [],
            "auto_merge": None,
            "author_association": self.association(pr.repo, pr.user),
            "maintainer_can_modify": False,
            "comments": len(comments),
            "review_comments": len(self.s.visible_comments(pr.repo, pr.number)),
            "commits": len(pr.commits),
            "additions": sum(f.additions for f in pr.files),
            "deletions": sum(f.deletions for f in pr.files),
            "changed_files": len(pr.files),
            "_links": {
                "self": {"href": url},
                "html": {"href": f"https://github.com/{pr.repo}/pull/{pr.number}"},
                "issue": {"href": issue_url},
                "comments": {"href": f"{issue_url}/comments"},
                "review_comments": {"href": f"{url}/comments"},
                "commits": {"href": f"{url}/commits"},
                "statuses": {"href": f"{self.base}/repos/{pr.repo}/statuses/{pr.head_sha}"},
            },
        }

    def changed_file(self, pr: PullRequest, f: ChangedFile) -> dict[str, Any]:
        data = self.s.repo(pr.repo).contents.get(pr.head_sha, {}).get(f.filename)
        sha = (
            blob_sha(data)
            if data is not None
            else hashlib.sha1(f"{f.filename}\n{f.patch}".encode(), usedforsecurity=False).hexdigest()
        )
        path = urllib.parse.quote(f.filename)
        out: dict[str, Any] = {
            "sha": sha,
            "filename": f.filename,
            "status": f.status,
            "additions": f.additions,
            "deletions": f.deletions,
            "changes": f.additions + f.deletions,
            "blob_url": f"https://github.com/{pr.repo}/blob/{pr.head_sha}/{path}",
            "raw_url": f"https://github.com/{pr.repo}/raw/{pr.head_sha}/{path}",
            "contents_url": f"{self.base}/repos/{pr.repo}/contents/{path}?ref={pr.head_sha}",
        }
        if f.patch is not None:
            out["patch"] = f.patch
        if f.previous_filename:
            out["previous_filename"] = f.previous_filename
        return out

    def content(self, repo: Repo, ref: str, path: str, data: bytes) -> dict[str, Any]:
        url = f"{self.base}/repos/{repo.full_name}/contents/{urllib.parse.quote(path)}?ref={ref}"
        sha = blob_sha(data)
        big = len(data) > 1024 * 1024  # GitHub omits content for 1-100 MB files
        encoded = "" if big else base64.encodebytes(data).decode()
        git_url = f"{self.base}/repos/{repo.full_name}/git/blobs/{sha}"
        html = f"https://github.com/{repo.full_name}/blob/{ref}/{path}"
        return {
            "type": "file",
            "encoding": "none" if big else "base64",
            "size": len(data),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": encoded,
            "sha": sha,
            "url": url,
            "git_url": git_url,
            "html_url": html,
            "download_url": f"https://raw.example.invalid/{repo.full_name}/{ref}/{path}",
            "_links": {"self": url, "git": git_url, "html": html},
        }

    def review(self, r: Review) -> dict[str, Any]:
        pr_url = f"{self.base}/repos/{r.repo}/pulls/{r.pr}"
        html = f"https://github.com/{r.repo}/pull/{r.pr}#pullrequestreview-{r.id}"
        out: dict[str, Any] = {
            "id": r.id,
            "node_id": node_id("PRR", r.id),
            "user": self.user(r.user),
            "body": r.body,
            "state": r.state,
            "html_url": html,
            "pull_request_url": pr_url,
            "commit_id": r.commit_id,
            "author_association": self.association(r.repo, r.user),
            "_links": {"html": {"href": html}, "pull_request": {"href": pr_url}},
        }
        if r.submitted_at is not None:
            out["submitted_at"] = iso(r.submitted_at)
        return out

    def review_comment(self, c: ReviewComment) -> dict[str, Any]:
        url = f"{self.base}/repos/{c.repo}/pulls/comments/{c.id}"
        pr_url = f"{self.base}/repos/{c.repo}/pulls/{c.pr}"
        html = f"https://github.com/{c.repo}/pull/{c.pr}#discussion_r{c.id}"
        out: dict[str, Any] = {
            "url": url,
            "id": c.id,
            "node_id": node_id("PRRC", c.id),
            "pull_request_review_id": c.review_id,
            "diff_hunk": c.diff_hunk,
            "path": c.path,
            "position": c.position,
            "original_position": c.position,
            "commit_id": c.commit_id,
            "original_commit_id": c.commit_id,
            "user": self.user(c.user),
            "body": c.body,
            "created_at": iso(c.created_at),
            "updated_at": iso(c.updated_at),
            "html_url": html,
            "pull_request_url": pr_url,
            "author_association": self.association(c.repo, c.user),
            "_links": {"self": {"href": url}, "html": {"href": html}, "pull_request": {"href": pr_url}},
            "line": c.line,
            "original_line": c.original_line,
            "side": c.side,
            "start_line": c.start_line,
            "original_start_line": c.start_line,
            "start_side": c.start_side,
            "subject_type": c.subject_type,
        }
        if c.in_reply_to is not None:
            out["in_reply_to_id"] = c.in_reply_to
        return out

    def issue_comment(self, c: IssueComment) -> dict[str, Any]:
        url = f"{self.base}/repos/{c.repo}/issues/comments/{c.id}"
        counts = {
            k: sum(r.content == k for r in c.reactions)
            for k in ("+1", "-1", "laugh", "confused", "heart", "hooray", "eyes", "rocket")
        }
        return {
            "id": c.id,
            "node_id": node_id("IC", c.id),
            "url": url,
            "body": c.body,
            "html_url": f"https://github.com/{c.repo}/pull/{c.number}#issuecomment-{c.id}",
            "issue_url": f"{self.base}/repos/{c.repo}/issues/{c.number}",
            "user": self.user(c.user),
            "created_at": iso(c.created_at),
            "updated_at": iso(c.updated_at),
            "author_association": self.association(c.repo, c.user),
            "performed_via_github_app": None,
            "reactions": {"url": f"{url}/reactions", "total_count": len(c.reactions), **counts},
        }

    def reaction(self, r: Reaction) -> dict[str, Any]:
        return {
            "id": r.id,
            "node_id": node_id("REA", r.id),
            "user": self.user(r.user),
            "content": r.content,
            "created_at": iso(r.created_at),
        }

    def check_run(self, c: CheckRun) -> dict[str, Any]:
        url = f"{self.base}/repos/{c.repo}/check-runs/{c.id}"
        prs = [
            {
                "id": p.id,
                "number": p.number,
                "url": f"{self.base}/repos/{p.repo}/pulls/{p.number}",
                "head": {"ref": p.head_ref, "sha": p.head_sha},
                "base": {"ref": p.base_ref, "sha": p.base_sha},
            }
            for p in self.s.repo(c.repo).pulls.values()
            if p.head_sha == c.head_sha and p.state == "open"
        ]
        app = self.s.apps.get(c.app_id or -1)
        return {
            "id": c.id,
            "node_id": node_id("CR", c.id),
            "head_sha": c.head_sha,
            "name": c.name,
            "url": url,
            "html_url": f"https://github.com/{c.repo}/runs/{c.id}",
            "details_url": c.details_url,
            "status": c.status,
            "conclusion": c.conclusion,
            "started_at": c.started_at,
            "completed_at": c.completed_at,
            "external_id": c.external_id,
            "check_suite": {"id": c.id + 1},
            "app": self.app(app) if app else None,
            "pull_requests": prs,
            "output": {
                "title": c.output.get("title"),
                "summary": c.output.get("summary"),
                "text": c.output.get("text"),
                "annotations_count": len(c.annotations),
                "annotations_url": f"{url}/annotations",
            },
        }

    def status(self, st: CommitStatus) -> dict[str, Any]:
        return {
            "id": st.id,
            "node_id": node_id("SC", st.id),
            "state": st.state,
            "context": st.context,
            "description": st.description,
            "target_url": st.target_url,
            "creator": self.user(st.creator),
            "url": f"{self.base}/repos/{st.repo}/statuses/{st.sha}",
            "avatar_url": None,
            "created_at": iso(st.created_at),
            "updated_at": iso(st.created_at),
        }

    def app(self, app: App) -> dict[str, Any]:
        perms = next((i.permissions for i in self.s.installations.values() if i.app_id == app.id), {})
        return {
            "id": app.id,
            "slug": app.slug,
            "node_id": node_id("A", app.id),
            "owner": self.user(app.owner),
            "name": app.slug,
            "description": None,
            "external_url": "https://example.invalid",
            "html_url": f"https://github.com/apps/{app.slug}",
            "created_at": iso(0),
            "updated_at": iso(0),
            "permissions": perms,
            "events": ["pull_request", "issue_comment", "check_run"],
            "installations_count": sum(i.app_id == app.id for i in self.s.installations.values()),
        }

    def installation(self, inst: Installation) -> dict[str, Any]:
        app = self.s.apps[inst.app_id]
        return {
            "id": inst.id,
            "app_id": inst.app_id,
            "app_slug": app.slug,
            "account": self.user(inst.account),
            "target_id": self.s.user_ids[inst.account],
            "target_type": "Organization",
            "repository_selection": "all" if inst.repos is None else "selected",
            "access_tokens_url": f"{self.base}/app/installations/{inst.id}/access_tokens",
            "repositories_url": f"{self.base}/installation/repositories",
            "html_url": f"https://github.com/settings/installations/{inst.id}",
            "events": [],
            "permissions": inst.permissions,
            "single_file_name": None,
            "created_at": iso(0),
            "updated_at": iso(0),
            "suspended_by": None,
            "suspended_at": None,
        }
