"""GitLab host adapter (python-gitlab): read the merge request through its versions and paginated
diffs, post one discussion per finding with a diff ``position``, keep one summary note and one
commit status named ``remediator``, resolve the discussions of fixed findings.

It has no method that writes repository files, commits, branches, merges or approvals.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import closing
from typing import Any

import requests
from gitlab import Gitlab
from gitlab.exceptions import GitlabError
from gitlab.utils import EncodedId
from gitlab.v4.objects import Project, ProjectMergeRequest

from bot.config.repo import FILE_NAME
from bot.core.models import ChangeSet, FileChange, FileStatus, LineKind
from bot.core.numbers import is_decimal
from bot.core.render import SUGGESTION_GITLAB, marker_fingerprint
from bot.errors import ContentTooLarge
from bot.hosts.base import (
    AnchorRejected,
    Comment,
    InlineComment,
    PostedComment,
    PullRequest,
    StatusReport,
    TreeEntry,
)
from bot.hosts.changes import HostFile, build_changeset
from bot.hosts.gitlab_errors import error_message, translate

logger = logging.getLogger(__name__)

ROOT_LISTING_CAP = 1000  # root entries past which a listing is given up (probing path by path)
STATUS_NAME = "remediator"
_CHUNK = 64 * 1024  # bytes per read of a file's raw content
_STATES = {"opened": "open", "locked": "open"}
_STATUS = {"success": "success", "failure": "failed", "neutral": "success"}
_EMOJI = {
    "+1": "thumbsup",
    "-1": "thumbsdown",
    "eyes": "eyes",
    "confused": "confused",
    "rocket": "rocket",
    "heart": "heart",
    "hooray": "tada",
    "laugh": "laughing",
}


def _host_file(e: dict[str, Any]) -> HostFile:
    """One entry of ``merge_requests/:iid/diffs``: ``diff`` is empty when GitLab marks it
    ``too_large`` or ``collapsed``, and "Binary files ... differ" for binary files."""
    old, new = str(e.get("old_path") or e.get("new_path")), str(e.get("new_path") or e.get("old_path"))
    if e.get("new_file"):
        status = FileStatus.ADDED
    elif e.get("deleted_file"):
        status = FileStatus.DELETED
    elif e.get("renamed_file"):
        status = FileStatus.RENAMED
    else:
        status = FileStatus.MODIFIED
    diff = str(e.get("diff") or "")
    has_hunks = diff.startswith("@@")
    withheld = bool(e.get("too_large") or e.get("collapsed"))
    a_mode, b_mode = e.get("a_mode"), e.get("b_mode")
    mode_change = bool(a_mode and b_mode and a_mode != b_mode and status is FileStatus.MODIFIED)
    return HostFile(
        path=new,
        status=status,
        patch=diff if has_hunks else None,
        old_path=old if old != new else None,
        changed=has_hunks or withheld or diff.startswith("Binary") or status is FileStatus.ADDED,
        binary=diff.startswith("Binary"),
        new_mode=str(b_mode) if mode_change or status is FileStatus.ADDED else None,
        old_mode=str(a_mode) if mode_change or status is FileStatus.DELETED else None,
    )


def _position(fc: FileChange, line: int, refs: tuple[str, str, str]) -> dict[str, Any] | None:
    """GitLab's diff position for new-side ``line``: added -> new_line only; context -> both lines.

    None when the line is not on the new side of the diff (a removed line never gets a comment).
    """
    for hunk in fc.hunks:
        for dl in hunk.lines:
            if dl.new_no != line or dl.kind is LineKind.REMOVED:
                continue
            base, start, head = refs
            position: dict[str, Any] = {
                "position_type": "text",
                "base_sha": base,
                "start_sha": start,
                "head_sha": head,
                "old_path": fc.old_path or fc.path,
                "new_path": fc.path,
                "new_line": line,
            }
            if dl.kind is LineKind.CONTEXT:
                position["old_line"] = dl.old_no
            return position
    return None


class GitLabHost:
    """One merge request's view of GitLab for one job (``number`` is the merge request iid)."""

    name = "gitlab"
    suggestion_style = SUGGESTION_GITLAB

    def __init__(self, client: Gitlab, *, bot_username: str | None, max_file_bytes: int = 1_000_000) -> None:
        self._gl = client
        self._bot = bot_username
        self._max_file_bytes = max_file_bytes
        self._projects: dict[str, Project] = {}
        self._mrs: dict[tuple[str, int], ProjectMergeRequest] = {}
        self._refs: dict[str, tuple[str, str, str]] = {}
        self._changes: dict[str, ChangeSet] = {}
        self._posted: dict[str, set[str]] = {}

    # ------------------------------------------------------------------------------------ reading
    def _project(self, repo: str) -> Project:
        if repo not in self._projects:
            with translate(f"reading {repo}"):
                self._projects[repo] = self._gl.projects.get(repo)
        return self._projects[repo]

    def _mr(self, pr: PullRequest) -> ProjectMergeRequest:
        key = (pr.repo, pr.number)
        if key not in self._mrs:
            with translate(f"reading {pr.key}"):
                self._mrs[key] = self._project(pr.repo).mergerequests.get(pr.number)
        return self._mrs[key]

    def pull_request(self, repo: str, number: int) -> PullRequest:
        project = self._project(repo)
        with translate(f"reading {repo}!{number}"):
            mr = project.mergerequests.get(number)
            versions = mr.diffs.list(get_all=False, per_page=1)
        self._mrs[(repo, number)] = mr
        refs = dict(mr.attributes.get("diff_refs") or {})
        if versions:  # the newest version first: its SHAs anchor every comment of this run
            v = versions[0].attributes
            refs = {
                "base_sha": v["base_commit_sha"],
                "start_sha": v["start_commit_sha"],
                "head_sha": v["head_commit_sha"],
            }
        head = str(refs.get("head_sha") or mr.attributes.get("sha") or "")
        base = str(refs.get("base_sha") or "")
        pr = PullRequest(
            host=self.name,
            repo=repo,
            number=number,
            title=str(mr.attributes.get("title") or ""),
            body=str(mr.attributes.get("description") or ""),
            draft=bool(mr.attributes.get("draft") or mr.attributes.get("work_in_progress")),
            state=_STATES.get(str(mr.attributes.get("state")), str(mr.attributes.get("state"))),
            head_sha=head,
            base_sha=base,
            head_ref=str(mr.attributes.get("source_branch") or ""),
            base_ref=str(mr.attributes.get("target_branch") or ""),
            default_branch=str(project.attributes.get("default_branch") or "main"),
            author=str((mr.attributes.get("author") or {}).get("username") or ""),
            fork=mr.attributes.get("source_project_id") != mr.attributes.get("target_project_id"),
        )
        self._refs[pr.key] = (base, str(refs.get("start_sha") or base), head)
        return pr

    def changeset(self, pr: PullRequest) -> ChangeSet:
        path = f"/projects/{self._project(pr.repo).encoded_id}/merge_requests/{pr.number}/diffs"
        with translate(f"listing the diffs of {pr.key}"):
            entries = [dict(e) for e in self._gl.http_list(path, get_all=True)]
        changeset = build_changeset(
            self.name,
            (_host_file(e) for e in entries),
            base=pr.base_sha,
            head=pr.head_sha,
            fetch=lambda name, ref: self._content(pr.repo, name, ref),
        )
        self._changes[pr.key] = changeset
        return changeset

    def _content(self, repo: str, path: str, ref: str) -> bytes | None:
        files = self._project(repo).files
        with translate(f"reading {path} at {ref[:12]}"):
            try:
                headers = files.head(path, ref=ref)
            except GitlabError as exc:
                if exc.response_code == 404:
                    return None
                raise
            size = int(headers.get("X-Gitlab-Size") or 0)
            if size > self._max_file_bytes:
                raise ContentTooLarge(size)
            # streamed, and cut at the limit: a HEAD answer without the size (a proxy may drop the
            # header) or a file that grew since never makes us hold more than the limit (the raw
            # endpoint of files.raw, read here so the response is closed when we stop early)
            response = files.gitlab.http_get(
                f"{files.path}/{EncodedId(path)}/raw", query_data={"ref": ref}, streamed=True, raw=True
            )
            if not isinstance(response, requests.Response):  # streamed=True always gives one
                raise TypeError(f"unexpected answer reading {path}: {type(response).__name__}")
            with closing(response):
                chunks: list[bytes] = []
                held = 0
                for chunk in response.iter_content(chunk_size=_CHUNK):
                    held += len(chunk)
                    if held > self._max_file_bytes:
                        raise ContentTooLarge(held)
                    chunks.append(chunk)
        return b"".join(chunks)

    def read_file(self, pr: PullRequest, path: str) -> bytes | None:
        return self._content(pr.repo, path, pr.head_sha)

    def default_branch(self, repo: str) -> str:
        return str(self._project(repo).attributes.get("default_branch") or "main")

    def tree(self, repo: str, ref: str) -> Iterator[TreeEntry]:
        """The branch's files from the repository tree API (recursive, paginated)."""
        with translate(f"listing the files of {repo} at {ref[:40]}"):
            items = self._project(repo).repository_tree(ref=ref, recursive=True, iterator=True)
            for item in items:
                if isinstance(item, dict) and item.get("type") == "blob" and item.get("mode") != "120000":
                    yield TreeEntry(str(item.get("path") or ""))

    def read_at(self, repo: str, ref: str, path: str) -> bytes | None:
        return self._content(repo, path, ref)

    def root_names(self, repo: str, ref: str) -> frozenset[str] | None:
        """The root folder's names at ``ref`` (one tree page for most repositories); None past
        ``ROOT_LISTING_CAP`` entries, where probing path by path is cheaper than listing on."""
        names: set[str] = set()
        with translate(f"listing / of {repo} at {ref[:40]}"):
            for item in self._project(repo).repository_tree(ref=ref, iterator=True):
                if len(names) >= ROOT_LISTING_CAP:
                    return None
                if isinstance(item, dict):
                    names.add(str(item.get("name") or ""))
        return frozenset(names)

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

    def _discussions(self, pr: PullRequest) -> list[dict[str, Any]]:
        with translate(f"listing the discussions of {pr.key}"):
            return [d.attributes for d in self._mr(pr).discussions.list(get_all=True)]

    def _mine(self, note: dict[str, Any]) -> bool:
        return self._bot is None or (note.get("author") or {}).get("username") == self._bot

    def bot_comments(self, pr: PullRequest) -> list[PostedComment]:
        out = []
        for d in self._discussions(pr):
            notes = d.get("notes") or []
            if not notes:
                continue
            first = notes[0]
            fp = marker_fingerprint(str(first.get("body") or ""))
            if fp is None or first.get("system") or not self._mine(first):
                continue
            resolved = bool(first.get("resolved"))
            resolver = (first.get("resolved_by") or {}).get("username")
            position = first.get("position") or {}
            out.append(
                PostedComment(
                    comment_id=str(first["id"]),
                    fingerprint=fp,
                    body=str(first.get("body") or ""),
                    thread_id=str(d["id"]),
                    resolved=resolved,
                    resolved_by_bot=resolved and self._bot is not None and resolver == self._bot,
                    resolved_by=resolver if resolved else None,
                    path=str(position.get("new_path") or ""),
                    line=position.get("new_line"),
                )
            )
        return out

    # ------------------------------------------------------------------------------------ writing
    def post_review(self, pr: PullRequest, comments: Sequence[InlineComment], body: str) -> None:
        """One discussion per comment (GitLab has no batched review; the summary note says the rest).

        A comment already posted by this adapter for the merge request is never posted again, so the
        publisher's retries after a rejected anchor cannot duplicate the ones that went through.
        """
        if pr.key not in self._refs:
            self.pull_request(pr.repo, pr.number)
        changes = self._changes.get(pr.key) or self.changeset(pr)
        posted = self._posted.setdefault(pr.key, set())
        rejected: list[str] = []
        mr = self._mr(pr)
        for c in comments:
            if c.fingerprint and c.fingerprint in posted:
                continue
            fc = changes.file(c.path)
            position = _position(fc, c.line, self._refs[pr.key]) if fc else None
            if position is None:
                rejected.append(f"{c.path}:{c.line} is not a new-side line of the diff")
                continue
            with translate(f"posting a discussion on {pr.key}"):
                try:
                    mr.discussions.create({"body": c.body, "position": position})
                except GitlabError as exc:
                    if exc.response_code != 400:
                        raise
                    rejected.append(f"{c.path}:{c.line}: {error_message(exc)}")
                    continue
            if c.fingerprint:
                posted.add(c.fingerprint)
        if rejected:
            raise AnchorRejected("; ".join(rejected)[:300])

    def upsert_summary(self, pr: PullRequest, body: str, marker: str) -> None:
        mr = self._mr(pr)
        with translate(f"listing the notes of {pr.key}"):
            notes = [n.attributes for n in mr.notes.list(get_all=True, sort="asc", order_by="created_at")]
        existing = [
            n for n in notes if not n.get("system") and marker in str(n.get("body") or "") and self._mine(n)
        ]
        if existing:
            if existing[0].get("body") == body:
                return
            with translate(f"updating the summary of {pr.key}"):
                mr.notes.update(existing[0]["id"], {"body": body})
            return
        with translate(f"posting the summary of {pr.key}"):
            mr.notes.create({"body": body})

    def report_status(self, pr: PullRequest, report: StatusReport) -> None:
        """The commit status ``remediator`` on the head: failed when the repo policy says so."""
        state = _STATUS.get(report.conclusion, "success")
        description = report.title[:255]
        commit = self._project(pr.repo).commits.get(pr.head_sha, lazy=True)
        with translate(f"reading the commit statuses of {pr.key}"):
            current = [s.attributes for s in commit.statuses.list(get_all=True, name=STATUS_NAME)]
        latest = max(current, key=lambda s: int(s.get("id") or 0), default=None)
        if latest and latest.get("status") == state and latest.get("description") == description:
            return  # already says exactly this (a rerun for the same head)
        data = {"state": state, "name": STATUS_NAME, "description": description}
        web_url = self._mr(pr).attributes.get("web_url")
        if web_url:
            data["target_url"] = str(web_url)
        with translate(f"setting the commit status on {pr.key}"):
            commit.statuses.create(data)

    def resolve_thread(self, pr: PullRequest, comment: PostedComment) -> None:
        self._set_resolved(pr, comment, True)

    def unresolve_thread(self, pr: PullRequest, comment: PostedComment) -> None:
        self._set_resolved(pr, comment, False)

    def _set_resolved(self, pr: PullRequest, comment: PostedComment, resolved: bool) -> None:
        if not comment.thread_id:
            return
        with translate(f"{'resolving' if resolved else 'reopening'} a discussion on {pr.key}"):
            self._mr(pr).discussions.update(comment.thread_id, {"resolved": resolved})

    # ------------------------------------------ commands (bot.hosts.base.CommandResponder)
    def role(self, repo: str, login: str) -> str:
        """The user's role on the project (inherited memberships count), as one of ``ROLES``."""
        members = self._project(repo).members_all
        with translate(f"reading the role of a user on {repo}"):
            found = [m.attributes for m in members.list(get_all=True, query=login)]
        level = max((int(m.get("access_level") or 0) for m in found if m.get("username") == login), default=0)
        return role_name(level)

    def reply(self, pr: PullRequest, comment_id: str, body: str) -> None:
        """Answer note ``comment_id`` in its discussion (a top-level note if none holds it), once."""
        marker = f"<!-- remediator:reply to={int(comment_id)} -->"
        thread = None
        for d in self._discussions(pr):
            notes = d.get("notes") or []
            if any(marker in str(n.get("body") or "") and self._mine(n) for n in notes):
                return  # answered already (a retried job)
            if any(str(n.get("id")) == str(comment_id) for n in notes):
                thread = str(d["id"])
        mr = self._mr(pr)
        with translate(f"replying to note {comment_id} on {pr.key}"):
            if thread is None:
                mr.notes.create({"body": f"{marker}\n{body}"})
            else:
                mr.discussions.get(thread, lazy=True).notes.create({"body": f"{marker}\n{body}"})

    def react(self, pr: PullRequest, comment_id: str, content: str) -> None:
        """Award an emoji to note ``comment_id`` (GitHub reaction names mapped); awarded once."""
        name = _EMOJI.get(content, content)
        note = self._mr(pr).notes.get(int(comment_id), lazy=True)
        with translate(f"reacting to note {comment_id} on {pr.key}"):
            try:
                note.awardemojis.create({"name": name})
            except GitlabError as exc:
                if exc.response_code not in (404, 409) or "taken" not in error_message(exc).lower():
                    raise

    def read_comment(self, pr: PullRequest, comment_id: str) -> Comment | None:
        """The merge request's note ``comment_id`` (the notes API is scoped to the merge request, so a
        note of another merge request or project is 404): None when absent."""
        if not is_decimal(comment_id):
            return None
        mr = self._mr(pr)
        with translate(f"reading note {comment_id} on {pr.key}"):
            try:
                note = mr.notes.get(int(comment_id)).attributes
            except GitlabError as exc:
                if exc.response_code == 404:
                    return None
                raise
        author = note.get("author") or {}
        username = str(author.get("username") or "")
        return Comment(
            comment_id=str(note.get("id") or comment_id),
            author=username,
            body=str(note.get("body") or ""),
            edited_at=str(note.get("updated_at") or note.get("created_at") or ""),
            bot=bool(note.get("system") or author.get("bot"))
            or (self._bot is not None and username == self._bot),
        )


def role_name(access_level: int) -> str:
    """GitLab access levels onto ``ROLES``: guest read, reporter triage, developer write,
    maintainer maintain, owner admin."""
    for level, name in ((50, "admin"), (40, "maintain"), (30, "write"), (20, "triage"), (10, "read")):
        if access_level >= level:
            return name
    return "none"
