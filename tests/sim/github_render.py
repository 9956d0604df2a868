"""GitHub REST JSON shapes for the simulator's entities (what PyGithub parses).

Reads state, never changes it; imports no HTTP or route code.
"""

from __future__ import annotations

import base64
import hashlib
import urllib.parse
from typing import TYPE_CHECKING, Any

from tests.sim.github_diff import ChangedFile
from tests.sim.github_models import (
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
    blob_sha,
    iso,
    node_id,
)

if TYPE_CHECKING:
    from tests.sim.github_state import State


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
        if f.patch is not None and not f.omit_patch:
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
