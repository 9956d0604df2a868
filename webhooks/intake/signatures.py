"""Webhook signature checks (constant time) and the per-project GitLab secrets file. Standard library and
bot.errors only."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from pathlib import Path

from bot.errors import ConfigError

GITHUB_PREFIX = "sha256="


def verify_github(body: bytes, header: str | None, secret: str) -> bool:
    """Whether ``header`` (``X-Hub-Signature-256``) is ``sha256=`` + HMAC-SHA256(secret, raw body).

    An empty secret never verifies: unsigned deliveries are never accepted.
    """
    if not secret or not header or not header.startswith(GITHUB_PREFIX):
        return False
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    given = header[len(GITHUB_PREFIX) :].strip().lower()
    return hmac.compare_digest(expected.encode("ascii"), given.encode("ascii", "replace"))


def verify_gitlab(token: str | None, secret: str) -> bool:
    """Whether ``token`` (``X-Gitlab-Token``, sent in plain text) equals ``secret``, in constant time.

    An empty secret never verifies: unauthenticated deliveries are never accepted.
    """
    if not secret or token is None:
        return False
    return hmac.compare_digest(secret.encode("utf-8"), token.encode("utf-8", "replace"))


def parse_project_secrets(text: str, source: str = "secrets file") -> dict[str, str]:
    """``group/project SECRET`` per line (``#`` starts a comment) -> {lower-cased project path: secret}.

    Raises ConfigError naming the line for a malformed entry, a duplicate project or a short secret;
    the secret itself is never echoed.
    """
    out: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split()
        if len(parts) != 2 or "/" not in parts[0]:
            raise ConfigError(f"{source} line {number}: expected `group/project SECRET`")
        project, secret = parts[0].strip("/").lower(), parts[1]
        if len(secret) < 16:
            raise ConfigError(
                f"{source} line {number}: the secret of {project} is shorter than 16 characters"
            )
        if project in out:
            raise ConfigError(f"{source} line {number}: {project} is listed twice")
        out[project] = secret
    return out


def load_project_secrets(path: str) -> dict[str, str]:
    """The per-project GitLab secrets in ``path`` (empty: none)."""
    if not path:
        return {}
    try:
        text = Path(path).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(
            f"REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE={path}: cannot read it ({exc.strerror})"
        ) from None
    return parse_project_secrets(text, f"REMEDIATOR_GITLAB_WEBHOOK_SECRETS_FILE={path}")


def gitlab_senders(token: str | None, project_secrets: Mapping[str, str]) -> set[str]:
    """The projects whose secret ``token`` is (every secret compared in constant time)."""
    return {project for project, secret in project_secrets.items() if verify_gitlab(token, secret)}


def gitlab_delivery_allowed(
    project: str, senders: set[str], shared_ok: bool, project_secrets: Mapping[str, str]
) -> bool:
    """A delivery naming ``project`` is accepted with that project's own secret, or, for a project not
    listed in the secrets file, with the shared secret: one project's secret never speaks for another."""
    key = project.strip("/").lower()
    if key in project_secrets:
        return key in senders
    return shared_ok
