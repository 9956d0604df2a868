"""Who may do what with a finding, on every host: one model for ``/remediator`` commands and for
resolving a finding's thread. Pure (standard library only); the README's permission table is
``TABLE`` and a test checks each row on GitHub and GitLab.

People are always (host, login) pairs: the security team names its members per host, and a login on
one host never acts with the rights of the same login on another.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("none", "read", "triage", "write", "maintain", "admin")
"""Repository roles, weakest first (GitHub's role names; GitLab's access levels map onto them:
Guest read, Reporter triage, Developer write, Maintainer maintain, Owner admin)."""

ACTIONS = ("dismiss", "accept-risk", "reopen", "explain", "explain-internal", "rescan", "help", "resolve")
"""``explain-internal``: see a triage's internal reasons and actors; ``resolve``: a resolved thread
counts as a dismissal."""


@dataclass(frozen=True, slots=True)
class Person:
    """Someone acting on a pull request, as read from the host (never from a webhook body)."""

    host: str
    login: str
    role: str = "none"
    """Their role on the repository, one of ``ROLES``."""
    security_team: bool = False
    """Named in the org config's ``security_team`` for this host."""
    author: bool = False
    """The author of the pull request, or of the pull request that introduced the finding."""

    @property
    def writer(self) -> bool:
        """Write access (GitHub write/maintain/admin, GitLab Developer or more)."""
        role = self.role if self.role in ROLES else "none"
        return ROLES.index(role) >= ROLES.index("write")

    @property
    def triager(self) -> bool:
        """May triage findings: write access or the security team."""
        return self.writer or self.security_team


def may(action: str, person: Person) -> bool:
    """Whether ``person`` may do ``action`` (one of ``ACTIONS``)."""
    if action in ("dismiss", "resolve"):
        return person.triager and not person.author
    if action == "accept-risk":
        return person.security_team and not person.author
    if action in ("reopen", "explain-internal"):
        return person.triager
    if action == "rescan":
        return person.triager or person.author
    return action in ("explain", "help")


def needs(action: str) -> str:
    """What ``action`` needs, in words fit for a reply."""
    return {
        "dismiss": "write access (GitHub) or the Developer role (GitLab), or the security team, "
        "and not being the author of the change that has the finding",
        "resolve": "write access or the security team, and not being the change's author",
        "accept-risk": "membership of the security team, and not being the author of the change "
        "that has the finding",
        "reopen": "write access (GitHub) or the Developer role (GitLab), or the security team",
        "explain-internal": "write access or the security team",
        "rescan": "write access, the security team, or being the pull request's author",
    }.get(action, "nothing")


TABLE: tuple[tuple[str, str, str], ...] = (
    (
        "`/remediator dismiss <id> <reason>` (or resolving the finding's thread)",
        "write, maintain or admin, or the security team; never the change's author",
        "Developer, Maintainer or Owner, or the security team; never the change's author",
    ),
    (
        "`/remediator accept-risk <id> until <YYYY-MM-DD> <reason>`",
        "the security team only; never the change's author",
        "the security team only; never the change's author",
    ),
    (
        "`/remediator reopen <id> [reason]`",
        "write, maintain or admin, or the security team",
        "Developer, Maintainer or Owner, or the security team",
    ),
    (
        "`/remediator explain <id>`",
        "anyone who can comment: findings of this pull request; with write access or the security "
        "team: any advisory of the repository, with triage reasons and actors",
        "anyone who can comment: findings of this merge request; Developer or more, or the security "
        "team: any advisory of the project, with triage reasons and actors",
    ),
    (
        "`/remediator rescan`",
        "write, maintain or admin, the security team, or the pull request's author (rate-limited)",
        "Developer or more, the security team, or the merge request's author (rate-limited)",
    ),
    ("`/remediator help`", "anyone who can comment", "anyone who can comment"),
)
"""The README's permission table (command, GitHub, GitLab), in order."""
