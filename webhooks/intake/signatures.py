"""Webhook signature checks: pure and constant-time. Standard library only."""

from __future__ import annotations

import hashlib
import hmac

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
