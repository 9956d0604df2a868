"""Who is calling the GitHub simulator: installation tokens, App JWTs (RS256), and repository permissions.

A mixin of GitHubSimulator; imports no HTTP, route or seeding code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import jwt

from tests.sim.github_models import ApiError, Repo

if TYPE_CHECKING:
    from tests.sim.github_openapi import Operation
    from tests.sim.github_state import State

DEFAULT_PERMISSIONS = {"contents": "read", "pull_requests": "write", "checks": "write", "metadata": "read"}
_LEVEL = {"none": 0, "read": 1, "write": 2, "admin": 3}
# operation -> (permission alternatives, level) an installation token needs
PERMISSIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "repos/get": (("metadata",), "read"),
    "repos/get-content": (("contents",), "read"),
    "pulls/get": (("pull_requests",), "read"),
    "pulls/list-files": (("pull_requests",), "read"),
    "pulls/list-review-comments": (("pull_requests",), "read"),
    "pulls/list-reviews": (("pull_requests",), "read"),
    "pulls/list-comments-for-review": (("pull_requests",), "read"),
    "pulls/create-review": (("pull_requests",), "write"),
    "pulls/submit-review": (("pull_requests",), "write"),
    "pulls/create-review-comment": (("pull_requests",), "write"),
    "pulls/create-reply-for-review-comment": (("pull_requests",), "write"),
    "pulls/update-review-comment": (("pull_requests",), "write"),
    "issues/list-comments": (("issues", "pull_requests"), "read"),
    "issues/create-comment": (("issues", "pull_requests"), "write"),
    "issues/update-comment": (("issues", "pull_requests"), "write"),
    "reactions/create-for-issue-comment": (("issues", "pull_requests"), "write"),
    "checks/create": (("checks",), "write"),
    "checks/update": (("checks",), "write"),
    "repos/create-commit-status": (("statuses",), "write"),
    "repos/get-collaborator-permission-level": (("metadata",), "read"),
}
_JWT_OPS = {"apps/get-authenticated", "apps/create-installation-access-token", "apps/get-repo-installation"}


@dataclass
class Principal:
    login: str
    kind: str  # "app" | "installation" | "user"
    app_id: int | None = None
    installation_id: int | None = None
    account: str | None = None
    repos: set[str] | None = None
    permissions: dict[str, str] | None = None


class AuthMixin:
    """Authentication and authorization of GitHubSimulator requests (the simulator provides these fields)."""

    state: State
    clock: Callable[[], float]
    require_auth: bool

    # ----------------------------------------------------------------------------------------------- auth
    def _authenticate(self, op: Operation, headers: dict[str, str]) -> Principal:
        header = headers.get("authorization", "")
        scheme, _, credential = header.partition(" ")
        if op.op_id == "apps/create-from-manifest" or (not header and op.op_id == "rate-limit/get"):
            return Principal("anonymous", "user")
        if not header:
            if self.require_auth:
                raise ApiError(401, "Requires authentication")
            return Principal("anonymous", "user")
        if scheme.lower() not in ("token", "bearer") or not credential:
            raise ApiError(401, "Bad credentials")
        if credential.count(".") == 2 and credential.startswith("eyJ"):
            if op.op_id not in _JWT_OPS and op.op_id != "rate-limit/get":
                raise ApiError(401, "A JSON web token could not be used for this endpoint")
            return self._verify_jwt(credential)
        if op.op_id in _JWT_OPS:
            raise ApiError(401, "A JSON web token could not be decoded")
        token = self.state.tokens.get(credential)
        if token is None or token.expires_at <= self.clock():
            raise ApiError(401, "Bad credentials")
        inst = self.state.installations.get(token.installation_id or -1)
        return Principal(
            token.login,
            "installation" if inst else "user",
            inst.app_id if inst else None,
            inst.id if inst else None,
            inst.account if inst else None,
            token.repos,
            token.permissions,
        )

    def _verify_jwt(self, credential: str) -> Principal:
        try:
            header = jwt.get_unverified_header(credential)
            claims = jwt.decode(credential, options={"verify_signature": False})
            app = self.state.apps.get(int(claims.get("iss", -1)))
            if header.get("alg") != "RS256" or app is None:
                raise ApiError(401, "A JSON web token could not be decoded")
            claims = jwt.decode(
                credential,
                app.public_key_pem,
                algorithms=["RS256"],
                options={"verify_exp": False, "verify_iat": False, "require": ["exp", "iat", "iss"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as exc:
            raise ApiError(401, "A JSON web token could not be decoded") from exc
        now = self.clock()
        if not isinstance(claims["exp"], (int, float)) or claims["exp"] <= now:
            raise ApiError(
                401,
                "'Expiration time' claim ('exp') must be a numeric value representing the future time at "
                "which the assertion expires.",
            )
        if claims["exp"] > now + 600:
            raise ApiError(401, "'Expiration time' claim ('exp') is too far in the future")
        if claims["iat"] > now + 60:
            raise ApiError(
                401,
                "'Issued at' claim ('iat') must be an Integer representing the time that the assertion "
                "was issued",
            )
        return Principal(f"{app.slug}[bot]", "app", app.id)

    def check_access(self, who: Principal, repo: Repo, op_id: str) -> None:
        """404 for repos the caller cannot see, 403 when it may only read or lacks the permission."""
        if who.kind == "app":
            raise ApiError(404, "Not Found")
        if who.kind == "installation" and who.repos is None:
            granted = repo.owner.lower() == (who.account or "").lower()
        else:
            granted = who.repos is None or repo.full_name.lower() in who.repos
        names, level = PERMISSIONS.get(op_id, ((), "read"))
        if not granted:
            if repo.private:
                raise ApiError(404, "Not Found")
            if level != "read":
                raise ApiError(403, "Resource not accessible by integration")
            return
        if (
            who.permissions is not None
            and names
            and not any(_LEVEL.get(who.permissions.get(n, "none"), 0) >= _LEVEL[level] for n in names)
        ):
            raise ApiError(403, "Resource not accessible by integration")
