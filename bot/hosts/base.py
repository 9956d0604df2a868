"""The host port: what the review job needs from a code host, and the values it exchanges.

Small protocols (STYLE 3): ``Host`` for everything every host does, ``ThreadResolver`` for the
optional ability to resolve and reopen discussion threads. Imports only the standard library and
bot.core.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.core.models import ChangeSet
from bot.core.permissions import ROLES
from bot.errors import ContentTooLarge

__all__ = ["ROLES", "ContentTooLarge"]


@dataclass(frozen=True, slots=True)
class PullRequest:
    """A pull or merge request as the job sees it (values read from the host, not the event)."""

    host: str
    repo: str
    number: int
    title: str
    body: str
    draft: bool
    state: str
    head_sha: str
    base_sha: str
    head_ref: str
    base_ref: str
    default_branch: str
    author: str
    installation_id: int | None = None
    fork: bool = False
    """The change comes from another repository (a fork): its author is an outside collaborator."""

    @property
    def key(self) -> str:
        return f"{self.host}:{self.repo}#{self.number}"


@dataclass(frozen=True, slots=True)
class InlineComment:
    """A comment to post on the new side of the diff: lines ``start_line``..``line`` of ``path``."""

    path: str
    line: int
    body: str
    start_line: int | None = None
    fingerprint: str = ""


@dataclass(frozen=True, slots=True)
class PostedComment:
    """A comment the bot posted earlier, found again on the host by its fingerprint marker."""

    comment_id: str
    fingerprint: str
    body: str
    thread_id: str | None = None
    resolved: bool = False
    resolved_by_bot: bool = False
    resolved_by: str | None = None
    """Login of whoever resolved the thread, when the host says."""
    path: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    path: str
    start_line: int
    end_line: int
    level: str  # notice | warning | failure
    title: str
    message: str


@dataclass(frozen=True, slots=True)
class StatusReport:
    """The check run (GitHub) or commit status (GitLab) for the head commit."""

    conclusion: str  # success | failure | neutral
    title: str
    summary: str
    annotations: Sequence[Annotation] = ()


class AnchorRejected(Exception):
    """The host refused a review because a comment's anchor is not part of the diff."""


class Host(Protocol):
    """What one review job needs from a code host."""

    name: str
    suggestion_style: str
    """How the host writes a one-click fix: ``github`` (```suggestion) or ``gitlab`` (```suggestion:-A+B)."""

    def pull_request(self, repo: str, number: int) -> PullRequest: ...

    def changeset(self, pr: PullRequest) -> ChangeSet: ...

    def read_file(self, pr: PullRequest, path: str) -> bytes | None:
        """Contents at the head commit; None if absent; may raise ContentTooLarge."""
        ...

    def repo_config(self, pr: PullRequest) -> bytes | None:
        """``.remediator.yml`` from the default branch (never from the change), or None."""
        ...

    def gitattributes(self, pr: PullRequest) -> bytes | None:
        """``.gitattributes`` from the default branch (never from the change), or None."""
        ...

    def bot_comments(self, pr: PullRequest) -> list[PostedComment]: ...

    def post_review(self, pr: PullRequest, comments: Sequence[InlineComment], body: str) -> None:
        """One review with these inline comments (never approving). Raises AnchorRejected."""
        ...

    def upsert_summary(self, pr: PullRequest, body: str, marker: str) -> None:
        """Create the one comment carrying ``marker``, or edit it in place."""
        ...

    def report_status(self, pr: PullRequest, report: StatusReport) -> None: ...


@dataclass(frozen=True, slots=True)
class TreeEntry:
    """A regular file of a branch, as the host lists it (``size`` None when the listing omits it)."""

    path: str
    size: int | None = None


@runtime_checkable
class RootLister(Protocol):
    """Names at the top of a ref in one request: lets a job skip probing for well-known files
    (deployment files, CODEOWNERS) whose top-level file or folder is not there."""

    def root_names(self, repo: str, ref: str) -> frozenset[str] | None:
        """The names of the files and folders at the root of ``ref``; None when not known whole."""
        ...


@runtime_checkable
class TreeReader(Protocol):
    """What the baseline job needs: a branch's files, read without a checkout (never written)."""

    name: str

    def default_branch(self, repo: str) -> str: ...

    def tree(self, repo: str, ref: str) -> Iterator[TreeEntry]:
        """Every regular file of ``ref`` (no symlinks or submodules), paths '/'-separated."""
        ...

    def read_at(self, repo: str, ref: str, path: str) -> bytes | None:
        """Contents at ``ref``; None if absent; may raise ContentTooLarge."""
        ...


@runtime_checkable
class ThreadResolver(Protocol):
    """Optional ability: resolve (and reopen) the discussion thread of a bot comment."""

    def resolve_thread(self, pr: PullRequest, comment: PostedComment) -> None: ...

    def unresolve_thread(self, pr: PullRequest, comment: PostedComment) -> None: ...


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment on a pull request as the host shows it now (read back by id, never from a webhook)."""

    comment_id: str
    author: str
    body: str
    edited_at: str
    """The host's last-edit timestamp (creation time when never edited): a new edit is a new command."""
    bot: bool = False
    """Written by a bot account (or by this bot)."""


@runtime_checkable
class CommandResponder(Protocol):
    """Optional ability: answer ``/remediator`` commands left as comments on a pull request."""

    def react(self, pr: PullRequest, comment_id: str, content: str) -> None:
        """Add a reaction (``+1``, ``-1``, ``eyes``, ``confused``...) to the comment."""
        ...

    def reply(self, pr: PullRequest, comment_id: str, body: str) -> None:
        """Answer the comment with a new comment on the pull request, once (a rerun posts nothing)."""
        ...

    def role(self, repo: str, login: str) -> str:
        """The user's role on the repository, one of ``ROLES``."""
        ...

    def read_comment(self, pr: PullRequest, comment_id: str) -> Comment | None:
        """The comment ``comment_id`` on this pull request, read from the host; None when it does not
        exist or belongs to another pull request."""
        ...
