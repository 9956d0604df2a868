"""Webhook events to jobs: which deliveries start work, and the small JSON payload each job gets.

Pure: standard library only. The web edge calls ``github_job`` after the signature check; the
payload it returns names only what the worker needs (never the whole event body).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

REVIEW_HANDLER = "bot.jobs:review_pull_request"

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


def pr_key(host: str, repo: str, number: int) -> str:
    return f"{host}:{repo}#{number}"


def github_job(event: str, body: Mapping[str, Any]) -> JobSpec | None:
    """The job a GitHub delivery starts, or None when the event needs no work (answered 204)."""
    if event != "pull_request":
        return None
    action = body.get("action")
    if action not in GITHUB_REVIEW_ACTIONS:
        return None
    pr = _get(body, "pull_request")
    repo = str(_get(body, "repository", "full_name"))
    number = int(_get(body, "pull_request", "number"))
    head_sha = str(_get(pr, "head", "sha"))
    installation = body.get("installation") or {}
    payload = {
        "host": "github",
        "repo": repo,
        "number": number,
        "action": action,
        "head_sha": head_sha,
        "draft": bool(pr.get("draft", False)),
        "installation_id": installation.get("id") if isinstance(installation, Mapping) else None,
    }
    return JobSpec(REVIEW_HANDLER, pr_key("github", repo, number), payload, supersede=True)
