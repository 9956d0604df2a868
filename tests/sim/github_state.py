"""In-memory state of the GitHub simulator and GitHub's rules for reviews, comments, threads and pushes.

Entities live in github_models, diffs in github_diff, JSON in github_render (all re-exported here); no HTTP.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.sim.github_diff import ChangedFile, DiffLine, Hunk, parse_unified_diff, resolve_comment
from tests.sim.github_models import (
    ApiError,
    App,
    CheckRun,
    CommitStatus,
    Installation,
    IssueComment,
    PullRequest,
    Reaction,
    Repo,
    Review,
    ReviewComment,
    Thread,
    Token,
    blob_sha,
    iso,
    node_id,
)
from tests.sim.github_render import Render

REVIEW_DOCS = "https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request"


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


__all__ = [
    "REVIEW_DOCS",
    "ApiError",
    "App",
    "ChangedFile",
    "CheckRun",
    "CommitStatus",
    "DiffLine",
    "Hunk",
    "Installation",
    "IssueComment",
    "PullRequest",
    "Reaction",
    "Render",
    "Repo",
    "Review",
    "ReviewComment",
    "State",
    "Thread",
    "Token",
    "blob_sha",
    "iso",
    "node_id",
    "parse_unified_diff",
    "resolve_comment",
]
