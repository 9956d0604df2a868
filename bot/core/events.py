"""Webhook events to jobs: which deliveries start work, and the small JSON payload each job gets.

Pure: standard library only. The web edge calls ``github_job`` after the signature check; the
payload it returns names only what the worker needs (never the whole event body).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.commands import command_line
from bot.core.numbers import is_decimal

REVIEW_HANDLER = "bot.jobs.review_pr:review_pull_request"
BOT_MARKER = "<!-- remediator:"
COMMAND_HANDLER = "bot.jobs.run_command:run_command"
CLOSED_HANDLER = "bot.jobs.record:pull_request_closed"

GITHUB_REVIEW_ACTIONS = frozenset({"opened", "reopened", "synchronize", "ready_for_review"})


class EventError(ValueError):
    """The event body lacks a field the job needs (answered 400: the sender sent something wrong)."""


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A job to queue: the handler it names, its serialisation key and its JSON payload.

    Jobs with the same ``key`` run one at a time; a job with ``supersede`` set makes older queued
    jobs of the same key and handler obsolete (a newer push replaces an older review).
    """

    handler: str
    key: str
    payload: Mapping[str, Any] = field(default_factory=dict)
    supersede: bool = False


def _get(data: Mapping[str, Any], *path: str) -> Any:
    node: Any = data
    for part in path:
        if not isinstance(node, Mapping) or part not in node:
            raise EventError(f"missing field {'.'.join(path)}")
        node = node[part]
    return node


def text_field(data: Mapping[str, Any], *path: str) -> str:
    """A field that must be a string (a repository name, a commit sha)."""
    value = _get(data, *path)
    if not isinstance(value, str):
        raise EventError(f"{'.'.join(path)} is not a string")
    return value


def object_field(data: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    """A field that must be an object."""
    value = _get(data, *path)
    if not isinstance(value, Mapping):
        raise EventError(f"{'.'.join(path)} is not an object")
    return value


def action_of(data: Mapping[str, Any]) -> str | None:
    """The event's ``action``; anything but a string names no action (no work)."""
    action = data.get("action")
    return action if isinstance(action, str) else None


MAX_NUMBER = 2**31 - 1
"""Pull and merge request numbers above this are not a host's numbers."""


def whole_number(value: Any, name: str, *, limit: int = MAX_NUMBER) -> int:
    """``value`` as a positive whole number (an int, or a string of ASCII digits) up to ``limit``."""
    if isinstance(value, str) and is_decimal(value) and len(value) <= 20:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= limit:
        raise EventError(f"{name} is not a number between 1 and {limit}")
    return value


def pr_key(host: str, repo: str, number: int) -> str:
    return f"{host}:{repo}#{number}"


def github_job(event: str, body: Mapping[str, Any]) -> JobSpec | None:
    """The job a GitHub delivery starts, or None when the event needs no work (answered 204)."""
    if event == "issue_comment":
        return github_command_job(body)
    if event != "pull_request":
        return None
    action = action_of(body)
    if action == "closed":
        return github_closed_job(body)
    if action not in GITHUB_REVIEW_ACTIONS and not _retargeted(body):
        return None
    pr = object_field(body, "pull_request")
    repo = text_field(body, "repository", "full_name")
    number = whole_number(_get(body, "pull_request", "number"), "pull_request.number")
    head_sha = text_field(pr, "head", "sha")
    payload = {
        "host": "github",
        "repo": repo,
        "number": number,
        "action": action,
        "head_sha": head_sha,
        "draft": pr.get("draft") is True,
        "installation_id": _installation(body),
    }
    return JobSpec(REVIEW_HANDLER, pr_key("github", repo, number), payload, supersede=True)


BASELINE_HANDLER = "bot.jobs.baseline:baseline_repository"
MAX_BASELINES_PER_DELIVERY = 500
"""An installation on more repositories than this starts the rest with the schedule or by hand."""


BASELINE_HOSTS = ("github", "gitlab")
MAX_REPO_LENGTH = 200
# what GitHub (owner and name) and GitLab (group and project paths) allow: no '?', '#', '%' or
# control character can reach a host's API path
_REPO_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/")


def check_repo(repo: str) -> str:
    """``repo`` as a host's repository path (``owner/name``, GitLab ``group/sub/project``), stripped;
    EventError (a ValueError) with what is wrong otherwise."""
    repo = repo.strip().strip("/")
    if not repo or len(repo) > MAX_REPO_LENGTH or "/" not in repo or any(c.isspace() for c in repo):
        raise EventError(f"{repo[:60]!r} is not OWNER/NAME (GitLab: GROUP/PROJECT)")
    if any(part in ("", ".", "..") for part in repo.split("/")) or not _REPO_CHARS.issuperset(repo):
        raise EventError(f"{repo[:60]!r} is not a repository path")
    return repo


def baseline_job(host: str, repo: str, installation: int | None = None, ref: str = "") -> JobSpec:
    """A baseline of ``repo``'s default branch (or ``ref``); a newer one supersedes a queued one."""
    payload: dict[str, Any] = {"host": host, "repo": repo, "installation_id": installation, "ref": ref}
    return JobSpec(BASELINE_HANDLER, f"{host}:{repo}#baseline", payload, supersede=True)


def github_baseline_jobs(event: str, body: Mapping[str, Any]) -> list[JobSpec]:
    """The baselines an installation delivery starts: ``installation`` created (or its new permissions
    accepted) on the repositories it lists, ``installation_repositories`` added on those added."""
    action = action_of(body)
    if event == "installation" and action in ("created", "new_permissions_accepted"):
        listed = body.get("repositories")
    elif event == "installation_repositories" and action == "added":
        listed = body.get("repositories_added")
    else:
        return []
    if not isinstance(listed, list):
        return []
    installation = _installation(body)
    repos = []
    for item in listed:
        name = item.get("full_name") if isinstance(item, Mapping) else None
        if isinstance(name, str) and name.count("/") == 1 and name not in repos:
            try:
                repos.append(check_repo(name))
            except EventError:
                continue
    return [baseline_job("github", repo, installation) for repo in repos[:MAX_BASELINES_PER_DELIVERY]]


def _retargeted(body: Mapping[str, Any]) -> bool:
    """``edited`` with ``changes.base``: the base branch changed (by hand, or GitHub retargeted the pull
    request when its base branch was deleted), so the diff is a different one and is reviewed again."""
    changes = body.get("changes")
    return action_of(body) == "edited" and isinstance(changes, Mapping) and "base" in changes


def github_command_job(body: Mapping[str, Any]) -> JobSpec | None:
    """A new comment on a pull request that seems to hold a ``/remediator`` line -> a command job.

    The job names only the comment: the worker reads it back from GitHub by id (its author, text and
    pull request), so nothing in this body can choose who acts or what runs. Bots' comments and edits
    are ignored here to save a job; the worker checks again on what GitHub says.
    """
    if action_of(body) != "created":
        return None
    issue = _get(body, "issue")
    if not isinstance(issue, Mapping) or not issue.get("pull_request"):
        return None  # a comment on an issue, not on a pull request
    comment = _get(body, "comment")
    user = _get(comment, "user")
    if not isinstance(user, Mapping) or user.get("type") == "Bot":
        return None
    text = comment.get("body")
    text = text if isinstance(text, str) else ""
    if BOT_MARKER in text or command_line(text) is None:
        return None
    repo = text_field(body, "repository", "full_name")
    number = whole_number(_get(issue, "number"), "issue.number")
    payload: dict[str, Any] = {
        "host": "github",
        "repo": repo,
        "number": number,
        "comment_id": str(whole_number(_get(comment, "id"), "comment.id", limit=2**63 - 1)),
        "installation_id": _installation(body),
    }
    return JobSpec(COMMAND_HANDLER, pr_key("github", repo, number), payload)


def github_closed_job(body: Mapping[str, Any]) -> JobSpec:
    """A pull request closed (merged or not) -> the ledger flags its still-open advisories."""
    pr = object_field(body, "pull_request")
    repo = text_field(body, "repository", "full_name")
    number = whole_number(_get(pr, "number"), "pull_request.number")
    merged = pr.get("merged") is True
    payload = {
        "host": "github",
        "repo": repo,
        "number": number,
        "merged": merged,
        "merge_commit": _sha(pr.get("merge_commit_sha")) if merged else "",
        "installation_id": _installation(body),
    }
    return JobSpec(CLOSED_HANDLER, pr_key("github", repo, number), payload)


def _installation(body: Mapping[str, Any]) -> int | None:
    """The GitHub App installation id, when the delivery names one (token-mode deliveries do not)."""
    installation = body.get("installation")
    if not isinstance(installation, Mapping) or installation.get("id") is None:
        return None
    return whole_number(installation["id"], "installation.id", limit=2**63 - 1)


def _sha(value: Any) -> str:
    return value if isinstance(value, str) else ""
