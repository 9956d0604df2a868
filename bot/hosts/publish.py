"""Publish a review on any host, idempotently: post what is new, resolve what is fixed, skip
what a human dismissed, keep one summary and one status. Host-neutral (uses bot.hosts.base).

Nothing is ever deleted or edited except the bot's own summary comment; a human's comments,
edits and replies are never touched.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bot.config.org import OrgConfig
from bot.config.repo import FILE_NAME, RepoConfig
from bot.core.coverage import FileState, SkipReason
from bot.core.markdown import md_text, plain_text
from bot.core.models import Severity
from bot.core.permissions import Person, may
from bot.core.redact import redact
from bot.core.render import SUMMARY_MARKER, comment_body, summary_body
from bot.core.review import RankedFinding, Review
from bot.hosts.base import (
    ROLES,
    AnchorRejected,
    Annotation,
    CommandResponder,
    Host,
    InlineComment,
    PostedComment,
    PullRequest,
    StatusReport,
    ThreadResolver,
)

logger = logging.getLogger(__name__)

CONFIG_MARKER = "<!-- remediator:config -->"
STATUS_NAME = "Remediator"
_MAX_BODY = 60_000
_LEVEL = {
    Severity.CRITICAL: "failure",
    Severity.HIGH: "failure",
    Severity.MEDIUM: "warning",
    Severity.LOW: "notice",
}


@dataclass
class PublishResult:
    posted: list[str] = field(default_factory=list)
    already_posted: list[str] = field(default_factory=list)
    dismissed: list[str] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)
    reopened: list[str] = field(default_factory=list)
    moved_to_summary: list[str] = field(default_factory=list)
    conclusion: str = ""


def _inline(rf: RankedFinding, suggestion_style: str) -> InlineComment:
    anchor = rf.anchor
    assert anchor is not None  # noqa: S101 - only inline findings reach here, and they have anchors
    return InlineComment(
        path=anchor.path,
        line=anchor.line,
        start_line=anchor.start_line,
        body=comment_body(rf, suggestion_style=suggestion_style),
        fingerprint=rf.finding.fingerprint,
    )


def _post(
    host: Host,
    pr: PullRequest,
    comments: Sequence[InlineComment],
    result: PublishResult,
    on_posted: Callable[[Sequence[str]], None] = lambda fingerprints: None,
) -> None:
    """Post one review; if the host rejects an anchor, retry single-line, then one by one.
    ``on_posted`` hears each batch of fingerprints as soon as the host has them (metrics count there,
    not after the whole publish, so a worker killed later in the publish leaves them counted)."""
    if not comments:
        return
    body = (
        f"Remediator found {len(comments)} new security finding(s) in this push; "
        "each is explained in a comment below and the full list is in the summary comment."
    )
    try:
        host.post_review(pr, comments, body)
        result.posted += [c.fingerprint for c in comments]
        on_posted([c.fingerprint for c in comments])
        return
    except AnchorRejected:
        logger.warning("review for %s rejected an anchor; retrying with single-line anchors", pr.key)
    single = [InlineComment(c.path, c.line, c.body, None, c.fingerprint) for c in comments]
    try:
        host.post_review(pr, single, body)
        result.posted += [c.fingerprint for c in single]
        on_posted([c.fingerprint for c in single])
        return
    except AnchorRejected:
        logger.warning("review for %s still rejected; posting comments one at a time", pr.key)
    for comment in single:
        try:
            host.post_review(pr, [comment], "")
            result.posted.append(comment.fingerprint)
            on_posted([comment.fingerprint])
        except AnchorRejected:
            result.moved_to_summary.append(comment.fingerprint)


def silenced_by_config(review: Review, config: RepoConfig, skip: set[str]) -> str | None:
    """Why the configuration leaves this review nothing to say, or None: every file of the change is
    excluded, or its thresholds keep every finding from being commented and from failing the check."""
    files = review.coverage.files
    excluded = [fc for fc in files if fc.reason is SkipReason.EXCLUDED]
    if excluded and all(fc.reason in (SkipReason.EXCLUDED, SkipReason.DELETED) for fc in files):
        return (
            f"every file of this change ({len(excluded)}) is excluded by the configuration "
            f"(`paths.ignore` in `{FILE_NAME}` or `REMEDIATOR_EXCLUDE_PATHS`), so nothing was analysed"
        )
    active = [rf for rf in review.findings if rf.finding.fingerprint not in skip]
    failing = [rf for rf in active if config.fail_on is not None and rf.finding.severity >= config.fail_on]
    shown_inline = [rf for rf in review.inline if rf.finding.fingerprint not in skip]
    if active and not failing and not shown_inline:
        fail_on = "never" if config.fail_on is None else config.fail_on.label
        return (
            f"the configuration's thresholds silence every finding of this change ({len(active)}): none "
            f"is commented inline and none fails the check (`check.fail_on: {fail_on}`; see "
            "`review.min_severity`, `review.min_confidence`, `review.max_inline_comments`)"
        )
    return None


def status_report(review: Review, config: RepoConfig, skip: set[str]) -> StatusReport:
    active = [rf for rf in review.findings if rf.finding.fingerprint not in skip]
    failing = [rf for rf in active if config.fail_on is not None and rf.finding.severity >= config.fail_on]
    silenced = silenced_by_config(review, config, skip)
    if failing:
        conclusion = "failure"
    elif silenced:
        conclusion = "neutral"  # never a green check for a review the configuration made empty
    elif not review.complete:
        conclusion = config.partial_conclusion
    else:
        conclusion = "success"
    counts: dict[str, int] = {}
    for rf in active:
        counts[rf.finding.severity.label] = counts.get(rf.finding.severity.label, 0) + 1
    detail = ", ".join(
        f"{n} {label}" for label, n in sorted(counts.items(), key=lambda kv: -Severity.parse(kv[0]))
    )
    title = f"{len(active)} security finding(s)" + (f" ({detail})" if detail else "")
    if not review.complete:
        title += ", partial review"
    if silenced:
        title += ", silenced by the configuration"
    annotations = [
        Annotation(
            path=rf.finding.path,
            start_line=rf.finding.start_line,
            end_line=rf.finding.end_line,
            level=_LEVEL[rf.finding.severity],
            title=plain_text(f"{rf.finding.title} ({rf.finding.cwe})"),
            message=redact(rf.finding.message),
        )
        for rf in active
    ]
    return StatusReport(conclusion, title, _truncate(summary_body(review)), annotations)


def _truncate(text: str) -> str:
    if len(text) <= _MAX_BODY:
        return text
    return text[: _MAX_BODY - 200] + "\n\n_(truncated: the full list is in `remediator review` output)_"


MAX_CONFIG_PROBLEMS = 20
MAX_CONFIG_BODY = 8_000
"""A config-error comment stays far below the hosts' limits (GitHub refuses bodies over 65,536)."""


def config_error_body(config: RepoConfig) -> str:
    listed = [f"- {md_text(str(err)[:300])}" for err in config.errors[:MAX_CONFIG_PROBLEMS]]
    if len(config.errors) > MAX_CONFIG_PROBLEMS:
        listed.append(f"- … and {len(config.errors) - MAX_CONFIG_PROBLEMS} more problem(s)")
    problems = "\n".join(listed)[:MAX_CONFIG_BODY]
    digest = hashlib.sha256(problems.encode()).hexdigest()[:12]
    return (
        f"{CONFIG_MARKER}\n<!-- remediator:config-digest {digest} -->\n"
        f"**Remediator could not use `{FILE_NAME}`** from the default branch:\n\n{problems}\n\n"
        "This review ran on the default settings. Fix the file on the default branch; "
        "changes to it in a pull request are never used."
    )


class _Dismissers:
    """Who may dismiss a finding by resolving its thread: the same rule as ``/remediator dismiss``
    (bot.core.permissions ``resolve``): write access or the security team, never the change's author
    (a change cannot silence its own reviewer)."""

    def __init__(self, host: Host, pr: PullRequest, org: OrgConfig) -> None:
        self._host = host
        self._pr = pr
        self._org = org
        self._roles: dict[str, bool] = {}

    def __call__(self, login: str | None) -> bool:
        if not login:
            return False
        if login not in self._roles:
            author = bool(self._pr.author) and login.removesuffix("[bot]").lower() == (
                self._pr.author.removesuffix("[bot]").lower()
            )
            role = "write"  # a host that cannot tell roles only lets people with write access resolve
            if isinstance(self._host, CommandResponder) and not author:
                role = self._host.role(self._pr.repo, login)
            person = Person(
                self._host.name,
                login,
                role if role in ROLES else "none",
                self._org.in_security_team(self._host.name, login),
                author,
            )
            self._roles[login] = may("resolve", person)
        return self._roles[login]


_NOT_RECHECKED = {
    SkipReason.TOO_LARGE,
    SkipReason.UNREADABLE,
    SkipReason.UNPARSEABLE,
    SkipReason.ANALYZER_FAILED,
    SkipReason.EXCLUDED,
    SkipReason.GENERATED,
    SkipReason.VENDORED,
    SkipReason.LOCK_FILE,
}


class _Rechecked:
    """Paths whose findings this run really looked for again (a partial run re-checks nothing)."""

    def __init__(self, review: Review) -> None:
        self._complete_run = not review.failures
        self._state = {fc.path: fc for fc in review.coverage.files}

    def __contains__(self, path: object) -> bool:
        if not self._complete_run:
            return False
        fc = self._state.get(str(path))
        if fc is None:
            return True  # the file is no longer part of the change
        if fc.state is FileState.PARTIAL:
            return False
        return fc.reason not in _NOT_RECHECKED


def publish(
    host: Host,
    pr: PullRequest,
    review: Review,
    config: RepoConfig,
    *,
    dismissed: Iterable[str] = (),
    org: OrgConfig | None = None,
    on_posted: Callable[[Sequence[str]], None] = lambda fingerprints: None,
) -> PublishResult:
    """Bring the pull request's comments, summary and status in line with ``review``; ``org`` names
    the security team, whose members may dismiss by resolving a thread."""
    result = PublishResult()
    existing = host.bot_comments(pr)
    by_fp: dict[str, PostedComment] = {}
    for c in existing:
        by_fp.setdefault(c.fingerprint, c)
    human_resolved = [c for c in existing if c.resolved and not c.resolved_by_bot]
    may_dismiss = _Dismissers(host, pr, org or OrgConfig())
    human_dismissed = {c.fingerprint for c in human_resolved if may_dismiss(c.resolved_by)}
    not_allowed = [c for c in human_resolved if c.fingerprint not in human_dismissed]
    skip = set(dismissed) | human_dismissed
    current = {rf.finding.fingerprint for rf in review.findings}

    new: list[InlineComment] = []
    for rf in review.inline:
        fp = rf.finding.fingerprint
        if fp in skip:
            result.dismissed.append(fp)
        elif fp in by_fp:
            result.already_posted.append(fp)
        else:
            new.append(_inline(rf, host.suggestion_style))
    _post(host, pr, new, result, on_posted)

    if isinstance(host, ThreadResolver):
        rechecked = _Rechecked(review)
        for fp, comment in by_fp.items():
            gone = fp not in current and comment.path in rechecked
            if gone and not comment.resolved and comment.thread_id:
                host.resolve_thread(pr, comment)
                result.resolved.append(fp)
            elif fp in current and comment.resolved and fp not in skip:
                # fixed earlier and back again, or resolved by someone who may not dismiss it
                host.unresolve_thread(pr, comment)
                result.reopened.append(fp)

    notes = list(review.notes)
    if result.resolved:
        notes.append(
            f"{len(result.resolved)} earlier finding(s) are gone from the change; "
            "their threads were resolved."
        )
    if skip & current:
        notes.append(f"{len(skip & current)} finding(s) were dismissed by a person and are not raised again.")
    overruled = {c.fingerprint for c in not_allowed} & current
    if overruled:
        notes.append(
            f"{len(overruled)} thread(s) resolved by the change's author or someone without write access "
            "were reopened: dismissing a finding needs write access (`/remediator dismiss <id> <reason>`)."
        )
    if result.moved_to_summary:
        notes.append(
            f"{len(result.moved_to_summary)} comment(s) could not be anchored by the host "
            "and are listed here."
        )
    silenced = silenced_by_config(review, config, skip)
    if silenced:
        notes.append(f"**The configuration made this review empty:** {silenced}. The check is neutral.")
    shown = Review(
        findings=tuple(rf for rf in review.findings if rf.finding.fingerprint not in skip),
        outside_change=review.outside_change,
        coverage=review.coverage,
        notes=tuple(notes),
        engines=review.engines,
        failures=review.failures,
    )
    host.upsert_summary(pr, _truncate(summary_body(shown)), SUMMARY_MARKER)
    report = status_report(review, config, skip)
    host.report_status(pr, report)  # before the config comment: a bad file never costs the check
    result.conclusion = report.conclusion
    if config.errors:
        host.upsert_summary(pr, config_error_body(config), CONFIG_MARKER)
    return result
