"""The GitHub App manifest Remediator asks for: least privilege, three events.

``remediator github manifest`` prints it; GitHub's "create an App from a manifest" flow uses it.
"""

from __future__ import annotations

from typing import Any

PERMISSIONS = {
    "pull_requests": "write",
    "checks": "write",
    "contents": "read",
    "issues": "read",
    "metadata": "read",
}
EVENTS = ["pull_request", "issue_comment", "installation"]


def app_manifest(
    webhook_url: str, *, name: str = "Remediator", homepage: str | None = None
) -> dict[str, Any]:
    """The manifest for an App whose webhooks go to ``webhook_url`` (ending /webhooks/github)."""
    return {
        "name": name,
        "url": homepage or webhook_url.split("/webhooks/", maxsplit=1)[0],
        "hook_attributes": {"url": webhook_url, "active": True},
        "public": False,
        "default_permissions": dict(PERMISSIONS),
        "default_events": list(EVENTS),
        "description": (
            "Security review for pull requests: comments with remediation and one-click suggestions. "
            "Never pushes, approves or merges."
        ),
    }
