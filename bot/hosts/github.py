"""GitHub host adapter (PyGithub): read the pull request, post one COMMENT review, keep one
summary comment and one check run, resolve fixed threads through GraphQL.

It has no method that writes repository contents, refs, branches, merges or approvals; the only
review event it sends is COMMENT.
"""

from __future__ import annotations

import logging
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any

from github import Github, GithubException
from github.GithubObject import NotSet
from github.PullRequest import PullRequest as GhPullRequest
from github.Repository import Repository

from bot.config.repo import FILE_NAME
from bot.core.models import ChangeSet, FileStatus
from bot.core.numbers import is_decimal
from bot.core.render import marker_fingerprint
from bot.errors import ContentTooLarge
from bot.hosts.base import (
    ROLES,
    AnchorRejected,
    Comment,
    InlineComment,
    PostedComment,
    PullRequest,
    StatusReport,
    TreeEntry,
)
from bot.hosts.changes import HostFile, build_changeset
from bot.hosts.github_errors import translate

logger = logging.getLogger(__name__)

ANNOTATIONS_PER_REQUEST = 50
ROOT_LISTING_CAP = 1000  # GitHub lists at most this many entries of one directory
_THREADS_QUERY = """
query($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          resolvedBy { login }
          comments(first: 1) { nodes { databaseId } }
        }
      }
    }
  }
}
"""


def _same_login(a: str | None, b: str | None) -> bool:
    """GraphQL shows a bot's login without the ``[bot]`` suffix that REST shows."""
    if not a or not b:
        return False
    return a.removesuffix("[bot]") == b.removesuffix("[bot]")


def _next_link(link: str | None) -> str | None:
    """The rel="next" URL of a Link header."""
    for part in (link or "").split(","):
        section = part.split(";")
        if len(section) >= 2 and 'rel="next"' in section[1]:
            return section[0].strip().strip("<>")
    return None


_STATUS = {
    "added": FileStatus.ADDED,
    "removed": FileStatus.DELETED,
    "renamed": FileStatus.RENAMED,
    "copied": FileStatus.COPIED,
}


def _host_file(f: Any) -> HostFile:
    """One entry of ``pulls/list-files`` (GitHub leaves out ``patch`` for binary and large diffs)."""
    status = _STATUS.get(str(f.status), FileStatus.MODIFIED)
    return HostFile(
        path=str(f.filename),
        status=status,
        patch=f.patch or None,
        old_path=str(f.previous_filename) if f.previous_filename else None,
        changed=bool(f.changes) or status is FileStatus.ADDED,
    )


def _head_repo(p: GhPullRequest) -> str:
    """The repository the change comes from ("" when GitHub no longer knows it: a deleted fork)."""
    raw = p.raw_data.get("head") or {}
    head_repo = raw.get("repo") or {}
    return str(head_repo.get("full_name") or "").lower()


class GitHubHost:
    """One pull request's view of GitHub for one job."""

    name = "github"
    suggestion_style = "github"

    def __init__(
        self, client: Github, *, bot_login: str | None = None, max_file_bytes: int = 1_000_000
    ) -> None:
        self._gh = client
        self._bot_login = bot_login
        self._max_file_bytes = max_file_bytes
        self._repos: dict[str, Repository] = {}
        self._pulls: dict[tuple[str, int], GhPullRequest] = {}

    def _repo(self, full_name: str) -> Repository:
        if full_name not in self._repos:
            with translate(f"reading {full_name}"):
                self._repos[full_name] = self._gh.get_repo(full_name)
        return self._repos[full_name]

    def _pull(self, pr: PullRequest) -> GhPullRequest:
        key = (pr.repo, pr.number)
        if key not in self._pulls:
            with translate(f"reading {pr.key}"):
                self._pulls[key] = self._repo(pr.repo).get_pull(pr.number)
        return self._pulls[key]

    def pull_request(self, repo: str, number: int) -> PullRequest:
        r = self._repo(repo)
        with translate(f"reading {repo}#{number}"):
            p = r.get_pull(number)
        self._pulls[(repo, number)] = p
        return PullRequest(
            host=self.name,
            repo=repo,
            number=number,
            title=p.title or "",
            body=p.body or "",
            draft=bool(p.draft),
            state="merged" if p.merged else p.state,
            head_sha=p.head.sha,
            base_sha=p.base.sha,
            head_ref=p.head.ref,
            base_ref=p.base.ref,
            default_branch=r.default_branch,
            author=p.user.login if p.user else "",
            fork=_head_repo(p) != repo.lower(),
        )

    def changeset(self, pr: PullRequest) -> ChangeSet:
        pull = self._pull(pr)
        with translate(f"listing files of {pr.key}"):
            files = list(pull.get_files())
            total = int(pull.changed_files or 0)
        return build_changeset(
            self.name,
            (_host_file(f) for f in files),
            base=pr.base_sha,
            head=pr.head_sha,
            fetch=lambda path, ref: self._content(pr.repo, path, ref),
            unlisted=max(0, total - len(files)),
        )

    def _content(self, repo: str, path: str, ref: str) -> bytes | None:
        r = self._repo(repo)
        try:
            with translate(f"reading {path} at {ref[:12]}"):
                content = r.get_contents(path, ref=ref)
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, GithubException) and cause.status == 404:
                return None
            raise
        if isinstance(content, list):
            return None
        raw = content.raw_data
        if raw.get("type", "file") != "file":
            return None  # a submodule or a symlink: no content of its own to analyse
        if content.size > self._max_file_bytes or raw.get("encoding") == "none":
            raise ContentTooLarge(content.size)
        if raw.get("encoding") != "base64":
            return None
        return bytes(content.decoded_content)

    def read_file(self, pr: PullRequest, path: str) -> bytes | None:
        return self._content(pr.repo, path, pr.head_sha)

    def default_branch(self, repo: str) -> str:
        return str(self._repo(repo).default_branch)

    def tree(self, repo: str, ref: str) -> Iterator[TreeEntry]:
        """The branch's files through the contents API, one listing per directory, breadth first."""
        r = self._repo(repo)
        pending = [""]
        while pending:
            folder = pending.pop(0)
            with translate(f"listing {folder or '/'} at {ref[:40]}"):
                listing = r.get_contents(folder, ref=ref)
            for item in listing if isinstance(listing, list) else [listing]:
                kind = item.raw_data.get("type")
                if kind == "dir":
                    pending.append(item.path)
                elif kind == "file":
                    yield TreeEntry(item.path, item.size)

    def read_at(self, repo: str, ref: str, path: str) -> bytes | None:
        return self._content(repo, path, ref)

    def root_names(self, repo: str, ref: str) -> frozenset[str] | None:
        """The root folder's names at ``ref`` (one contents listing); None past GitHub's 1,000-entry
        listing cap, where the listing may be incomplete."""
        r = self._repo(repo)
        with translate(f"listing / at {ref[:40]}"):
            listing = r.get_contents("", ref=ref)
        items = listing if isinstance(listing, list) else [listing]
        if len(items) >= ROOT_LISTING_CAP:
            return None
        return frozenset(str(item.name) for item in items)

    def repo_config(self, pr: PullRequest) -> bytes | None:
        try:
            return self._content(pr.repo, FILE_NAME, pr.default_branch)
        except ContentTooLarge:
            return b"\x00" * 70_000  # reported by the parser as too large

    def gitattributes(self, pr: PullRequest) -> bytes | None:
        try:
            return self._content(pr.repo, ".gitattributes", pr.default_branch)
        except ContentTooLarge:
            return None  # a huge attributes file marks nothing

    def _threads(self, pr: PullRequest) -> dict[int, tuple[str, bool, str | None]]:
        owner, _, name = pr.repo.partition("/")
        out: dict[int, tuple[str, bool, str | None]] = {}
        cursor: str | None = None
        for _ in range(100):
            variables = {"owner": owner, "name": name, "number": pr.number, "cursor": cursor}
            with translate(f"listing review threads of {pr.key}"):
                _, data = self._gh.requester.graphql_query(_THREADS_QUERY, variables)
            threads = data["data"]["repository"]["pullRequest"]["reviewThreads"]
            for node in threads["nodes"]:
                comments = node["comments"]["nodes"]
                if comments:
                    resolver = (node.get("resolvedBy") or {}).get("login")
                    out[int(comments[0]["databaseId"])] = (node["id"], bool(node["isResolved"]), resolver)
            if not threads["pageInfo"]["hasNextPage"]:
                break
            cursor = threads["pageInfo"]["endCursor"]
        return out

    def _paged(self, url: str, doing: str) -> list[dict[str, Any]]:
        """Every item of a paginated list, as GitHub sent it (no lazy per-item fetches)."""
        items: list[dict[str, Any]] = []
        next_url: str | None = url
        params: dict[str, Any] | None = {"per_page": 100}
        for _ in range(1000):
            if next_url is None:
                break
            with translate(doing):
                headers, data = self._gh.requester.requestJsonAndCheck("GET", next_url, parameters=params)
            items.extend(data or [])
            params = None
            next_url = _next_link(headers.get("link") or headers.get("Link"))
        return items

    def bot_comments(self, pr: PullRequest) -> list[PostedComment]:
        url = f"{self._pull(pr).url}/comments"
        mine = []
        for c in self._paged(url, f"listing review comments of {pr.key}"):
            fp = marker_fingerprint(str(c.get("body") or ""))
            if fp is None or c.get("in_reply_to_id"):
                continue
            if self._bot_login and not _same_login((c.get("user") or {}).get("login"), self._bot_login):
                continue
            mine.append((fp, c))
        if not mine:
            return []
        threads = self._threads(pr)
        out = []
        for fp, c in mine:
            thread_id, resolved, resolver = threads.get(int(c["id"]), (None, False, None))
            out.append(
                PostedComment(
                    comment_id=str(c["id"]),
                    fingerprint=fp,
                    body=str(c.get("body") or ""),
                    thread_id=thread_id,
                    resolved=resolved,
                    resolved_by_bot=resolved and _same_login(resolver, self._bot_login),
                    resolved_by=resolver if resolved else None,
                    path=str(c.get("path") or ""),
                    line=c.get("line"),
                )
            )
        return out

    def post_review(self, pr: PullRequest, comments: Sequence[InlineComment], body: str) -> None:
        payload: dict[str, Any] = {"commit_id": pr.head_sha, "event": "COMMENT", "comments": []}
        if body:
            payload["body"] = body
        for c in comments:
            item: dict[str, Any] = {"path": c.path, "line": c.line, "side": "RIGHT", "body": c.body}
            if c.start_line is not None and c.start_line < c.line:
                item["start_line"] = c.start_line
                item["start_side"] = "RIGHT"
            payload["comments"].append(item)
        url = f"{self._pull(pr).url}/reviews"
        try:
            with translate(f"posting a review on {pr.key}"):
                self._gh.requester.requestJsonAndCheck("POST", url, input=payload)
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, GithubException) and cause.status == 422:
                raise AnchorRejected(str(cause.data)[:300]) from exc
            raise

    def upsert_summary(self, pr: PullRequest, body: str, marker: str) -> None:
        issue_url = f"{self._repo(pr.repo).url}/issues/{pr.number}/comments"
        existing = [
            c
            for c in self._paged(issue_url, f"listing comments of {pr.key}")
            if marker in str(c.get("body") or "")
            and (not self._bot_login or _same_login((c.get("user") or {}).get("login"), self._bot_login))
        ]
        if existing:
            if existing[0].get("body") == body:
                return
            with translate(f"updating the summary of {pr.key}"):
                self._gh.requester.requestJsonAndCheck("PATCH", str(existing[0]["url"]), input={"body": body})
            return
        with translate(f"posting the summary of {pr.key}"):
            self._gh.requester.requestJsonAndCheck("POST", issue_url, input={"body": body})

    def report_status(self, pr: PullRequest, report: StatusReport) -> None:
        repo = self._repo(pr.repo)
        batches = [
            report.annotations[i : i + ANNOTATIONS_PER_REQUEST]
            for i in range(0, len(report.annotations), ANNOTATIONS_PER_REQUEST)
        ] or [[]]

        def output(batch: Sequence[Any]) -> dict[str, Any]:
            return {
                "title": report.title,
                "summary": report.summary,
                "annotations": [
                    {
                        "path": a.path,
                        "start_line": a.start_line,
                        "end_line": a.end_line,
                        "annotation_level": a.level,
                        "title": a.title[:255],
                        "message": a.message[:64_000],
                    }
                    for a in batch
                ],
            }

        with translate(f"creating the check run on {pr.key}"):
            run = repo.create_check_run(
                name="Remediator",
                head_sha=pr.head_sha,
                status="in_progress" if len(batches) > 1 else "completed",
                conclusion=NotSet if len(batches) > 1 else report.conclusion,
                output=output(batches[0]),
            )
        for index, batch in enumerate(batches[1:], start=2):
            last = index == len(batches)
            with translate(f"adding annotations to the check run on {pr.key}"):
                run.edit(
                    output=output(batch),
                    status="completed" if last else NotSet,
                    conclusion=report.conclusion if last else NotSet,
                )

    def resolve_thread(self, pr: PullRequest, comment: PostedComment) -> None:
        self._thread_mutation("resolveReviewThread", pr, comment)

    def unresolve_thread(self, pr: PullRequest, comment: PostedComment) -> None:
        self._thread_mutation("unresolveReviewThread", pr, comment)

    def _thread_mutation(self, name: str, pr: PullRequest, comment: PostedComment) -> None:
        if not comment.thread_id:
            return
        with translate(f"{name} on {pr.key}"):
            self._gh.requester.graphql_named_mutation(
                name, {"threadId": comment.thread_id}, "thread { id isResolved }"
            )

    # ----------------------------------------------------- CommandResponder (``/remediator`` commands)
    def react(self, pr: PullRequest, comment_id: str, content: str) -> None:
        url = f"{self._repo(pr.repo).url}/issues/comments/{int(comment_id)}/reactions"
        with translate(f"reacting to comment {comment_id} on {pr.key}"):
            self._gh.requester.requestJsonAndCheck("POST", url, input={"content": content})

    def reply(self, pr: PullRequest, comment_id: str, body: str) -> None:
        marker = f"<!-- remediator:reply to={int(comment_id)} -->"
        issue_url = f"{self._repo(pr.repo).url}/issues/{pr.number}/comments"
        for c in self._paged(issue_url, f"listing comments of {pr.key}"):
            if marker in str(c.get("body") or "") and (
                not self._bot_login or _same_login((c.get("user") or {}).get("login"), self._bot_login)
            ):
                return  # answered already (a retried job)
        with translate(f"replying to comment {comment_id} on {pr.key}"):
            self._gh.requester.requestJsonAndCheck("POST", issue_url, input={"body": f"{marker}\n{body}"})

    def role(self, repo: str, login: str) -> str:
        """``GET /repos/{repo}/collaborators/{login}/permission`` (needs only ``metadata: read``)."""
        url = f"{self._repo(repo).url}/collaborators/{urllib.parse.quote(login, safe='')}/permission"
        try:
            with translate(f"reading {login}'s permission on {repo}"):
                _, data = self._gh.requester.requestJsonAndCheck("GET", url)
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, GithubException) and cause.status == 404:
                return "none"
            raise
        role = str((data or {}).get("role_name") or (data or {}).get("permission") or "none").lower()
        return role if role in ROLES else "read"

    def read_comment(self, pr: PullRequest, comment_id: str) -> Comment | None:
        """``GET /repos/{repo}/issues/comments/{id}``: None when absent or on another issue."""
        if not is_decimal(comment_id):
            return None
        url = f"{self._repo(pr.repo).url}/issues/comments/{int(comment_id)}"
        try:
            with translate(f"reading comment {comment_id} on {pr.key}"):
                _, data = self._gh.requester.requestJsonAndCheck("GET", url)
        except Exception as exc:
            cause = exc.__cause__
            if isinstance(cause, GithubException) and cause.status == 404:
                return None
            raise
        data = data or {}
        if not str(data.get("issue_url") or "").endswith(f"/issues/{pr.number}"):
            return None
        user = data.get("user") or {}
        login = str(user.get("login") or "")
        return Comment(
            comment_id=str(data.get("id") or comment_id),
            author=login,
            body=str(data.get("body") or ""),
            edited_at=str(data.get("updated_at") or data.get("created_at") or ""),
            bot=user.get("type") == "Bot" or _same_login(login, self._bot_login),
        )
