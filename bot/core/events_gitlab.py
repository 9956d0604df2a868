"""GitLab webhook events to jobs: Merge Request Hook (review, merge/close) and Note Hook (commands).

Pure: standard library and bot.core.events only. Payloads are host-neutral (``host``, ``repo`` =
project path, ``number`` = merge request iid) and carry only what the worker needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core.commands import command_line
from bot.core.events import (
    BOT_MARKER,
    CLOSED_HANDLER,
    COMMAND_HANDLER,
    MAX_NUMBER,
    REVIEW_HANDLER,
    EventError,
    JobSpec,
    _get,
    action_of,
    pr_key,
    text_field,
    whole_number,
)

__all__ = ["CLOSED_HANDLER", "COMMAND_HANDLER", "gitlab_job", "project_path"]

GITLAB_EVENTS = frozenset({"Merge Request Hook", "Note Hook", "System Hook"})
MAX_ID = 2**63 - 1
"""Note ids grow past 2**31 on a large GitLab (merge request iids do not)."""
REVIEW_ACTIONS = frozenset({"open", "reopen"})
CLOSE_ACTIONS = {"merge": "merged", "close": "closed"}


def project_path(body: Mapping[str, Any]) -> str:
    """The project a GitLab delivery names (``project.path_with_namespace``); EventError if absent."""
    repo = text_field(body, "project", "path_with_namespace").strip()
    if not repo or "/" not in repo:
        raise EventError("project.path_with_namespace is not a project path")
    return repo


def _text_or_empty(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _iid(value: Any, name: str, *, limit: int = MAX_NUMBER) -> int:
    return whole_number(value, name, limit=limit)


def _new_diff(body: Mapping[str, Any]) -> bool:
    """An ``update`` without ``oldrev`` that still changes what should be reviewed: the target branch
    changed (a retarget: another diff), or a draft was marked ready."""
    changes = body.get("changes")
    if not isinstance(changes, Mapping):
        return False
    if isinstance(changes.get("target_branch"), Mapping):
        return True
    for name in ("draft", "work_in_progress"):
        change = changes.get(name)
        if isinstance(change, Mapping) and change.get("previous") and not change.get("current"):
            return True
    return False


def _merge_request(body: Mapping[str, Any]) -> JobSpec | None:
    attrs = _get(body, "object_attributes")
    if not isinstance(attrs, Mapping):
        raise EventError("object_attributes is not an object")
    action = action_of(attrs)
    repo = project_path(body)
    number = _iid(_get(body, "object_attributes", "iid"), "object_attributes.iid")
    last_commit = attrs.get("last_commit") or {}
    head_sha = last_commit.get("id", "") if isinstance(last_commit, Mapping) else ""
    head_sha = head_sha if isinstance(head_sha, str) else ""
    key = pr_key("gitlab", repo, number)
    if action in REVIEW_ACTIONS or (action == "update" and (attrs.get("oldrev") or _new_diff(body))):
        payload = {
            "host": "gitlab",
            "repo": repo,
            "number": number,
            "action": action,
            "head_sha": head_sha,
            "draft": attrs.get("draft") is True or attrs.get("work_in_progress") is True,
        }
        return JobSpec(REVIEW_HANDLER, key, payload, supersede=True)
    if action is not None and action in CLOSE_ACTIONS:
        merged = action == "merge"
        payload = {
            "host": "gitlab",
            "repo": repo,
            "number": number,
            "merged": merged,
            "merge_commit": _text_or_empty(attrs.get("merge_commit_sha")) if merged else "",
            "action": CLOSE_ACTIONS[action],
            "head_sha": head_sha,
        }
        return JobSpec(CLOSED_HANDLER, key, payload)
    return None


def _note(body: Mapping[str, Any]) -> JobSpec | None:
    """A new note on a merge request that seems to hold a ``/remediator`` line -> a command job.

    The job names only the note: the worker reads it back from GitLab by id (its author, text and
    merge request), never trusting ``user.username`` or the note text of this body. System notes,
    edits and the bot's own notes are ignored here to save a job.
    """
    attrs = _get(body, "object_attributes")
    if not isinstance(attrs, Mapping):
        raise EventError("object_attributes is not an object")
    if attrs.get("noteable_type") != "MergeRequest" or attrs.get("system"):
        return None
    if attrs.get("action", "create") != "create":  # edits of a note never run a command again
        return None
    text = _text_or_empty(attrs.get("note"))
    if BOT_MARKER in text or command_line(text) is None:
        return None
    repo = project_path(body)
    number = _iid(_get(body, "merge_request", "iid"), "merge_request.iid")
    payload: dict[str, Any] = {
        "host": "gitlab",
        "repo": repo,
        "number": number,
        "comment_id": str(_iid(_get(body, "object_attributes", "id"), "object_attributes.id", limit=MAX_ID)),
    }
    return JobSpec(COMMAND_HANDLER, pr_key("gitlab", repo, number), payload)


def gitlab_job(event: str, body: Mapping[str, Any]) -> JobSpec | None:
    """The job a GitLab delivery starts, or None when it needs no work (answered 204)."""
    if event not in GITLAB_EVENTS:
        return None
    kind = body.get("object_kind")
    if kind == "merge_request":
        return _merge_request(body)
    if kind == "note":
        return _note(body)
    return None
