"""The GitHub App manifest Remediator asks for (least privilege, two events) and the exchange of the
code GitHub returns for the new App's id, private key and webhook secret.

``remediator github manifest`` prints the manifest; ``remediator github convert --code`` finishes the
"register an App from a manifest" flow. Imports PyGithub; never logs the key or the secret.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import requests
from github import Github, GithubException

from bot.errors import InputError, Permanent

PERMISSIONS = {
    "pull_requests": "write",
    "checks": "write",
    "contents": "read",
    "issues": "read",
    "metadata": "read",
}
# Apps receive `installation` and `installation_repositories` without subscribing; GitHub refuses a
# manifest that lists them in default_events.
EVENTS = ["pull_request", "issue_comment"]
_CODE = re.compile(r"[A-Za-z0-9_-]{1,200}")


def app_manifest(
    webhook_url: str,
    *,
    name: str = "Remediator",
    homepage: str | None = None,
    redirect_url: str | None = None,
) -> dict[str, Any]:
    """The manifest for an App whose webhooks go to ``webhook_url`` (ending /webhooks/github).

    ``redirect_url`` is where GitHub sends the browser, with ``?code=...``, once the App is created.
    """
    manifest: dict[str, Any] = {
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
    if redirect_url:
        manifest["redirect_url"] = redirect_url
    return manifest


@dataclass(frozen=True, slots=True)
class CreatedApp:
    """What GitHub returns for a converted manifest code (the secrets are never printed or logged)."""

    app_id: int
    slug: str
    html_url: str
    pem: str
    webhook_secret: str

    def __repr__(self) -> str:
        return f"CreatedApp(app_id={self.app_id}, slug={self.slug!r})"


def convert_manifest_code(code: str, *, api_url: str) -> CreatedApp:
    """POST /app-manifests/{code}/conversions (no authentication; the code is single-use, one hour)."""
    if not _CODE.fullmatch(code):
        raise InputError("--code must be the code GitHub put in the redirect URL (letters, digits, - and _)")
    gh = Github(base_url=api_url, seconds_between_requests=0, retry=None)
    try:
        _, body = gh.requester.requestJsonAndCheck("POST", f"/app-manifests/{code}/conversions")
    except GithubException as exc:
        if exc.status == 404:
            raise InputError(
                "GitHub does not know this code: it is single-use and expires after an hour; "
                "register the App again"
            ) from None
        raise Permanent(f"GitHub refused the manifest conversion (HTTP {exc.status})") from None
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise Permanent(f"GitHub could not be reached at {api_url}: {type(exc).__name__}") from None
    finally:
        gh.close()
    try:
        return CreatedApp(
            app_id=int(body["id"]),
            slug=str(body.get("slug") or ""),
            html_url=str(body.get("html_url") or ""),
            pem=str(body["pem"]),
            webhook_secret=str(body.get("webhook_secret") or ""),
        )
    except (KeyError, TypeError, ValueError):
        raise Permanent("GitHub's manifest conversion answer lacks the App id or key") from None
