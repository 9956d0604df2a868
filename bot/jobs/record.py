"""Between reviews and the advisory store: record what a review found, tell publish() what people
dismissed, and the job that flags a closed pull request's advisories
(``bot.jobs.record:pull_request_closed``).

Imports the store and bot.core only; no host adapter (the closed job needs no host call).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from bot.config.settings import Settings
from bot.core import codeowners
from bot.core.clock import Clock
from bot.core.models import ChangeSet, FileStatus, Finding
from bot.core.redact import redact
from bot.core.review import Review
from bot.errors import ContentTooLarge, RemediatorError
from bot.hosts.base import PullRequest
from bot.store import AdvisoryStore, Scan, ScanOutcome, Sighting
from bot.store.bootstrap import open_store

logger = logging.getLogger(__name__)

EXCERPT_CONTEXT = 3
EXCERPT_MAX_LINES = 40


class Context(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Clock: ...


def excerpt(finding: Finding, changeset: ChangeSet) -> str:
    """The flagged lines with a little context, from the change's hunks (new side), redacted."""
    change = changeset.file(finding.path)
    if change is None:
        return ""
    lo, hi = finding.start_line - EXCERPT_CONTEXT, finding.end_line + EXCERPT_CONTEXT
    shown = [dl for hunk in change.hunks for dl in hunk.lines if dl.new_no is not None]
    # Redacted as code, before the line numbers are added: a key block's BEGIN line above the window,
    # an `ENV` instruction or a `- name: X_PASSWORD` line decide what the next lines hide.
    texts = redact("\n".join(dl.text.replace("\n", " ") for dl in shown)).split("\n")
    lines = [
        f"{dl.new_no:>5} {dl.kind.value} {text}"
        for dl, text in zip(shown, texts, strict=True)
        if dl.new_no is not None and lo <= dl.new_no <= hi
    ]
    return "\n".join(lines[:EXCERPT_MAX_LINES])


def scan_of(
    pr: PullRequest,
    review: Review,
    changeset: ChangeSet,
    *,
    host: str,
    owners: tuple[codeowners.Rule, ...] = (),
) -> Scan:
    """The ledger's view of a review; ``owners``: the default branch's CODEOWNERS rules."""
    return Scan(
        host=host,
        repo=pr.repo,
        pr=pr.number,
        commit=pr.head_sha,
        sightings=[
            Sighting(
                rf.finding,
                rf.risk,
                excerpt(rf.finding, changeset),
                rf.risk_factors,
                codeowners.owners_of(owners, rf.finding.path),
            )
            for rf in review.findings
        ],
        complete=review.complete,
    )


def read_codeowners(read: Callable[[str], bytes | None]) -> tuple[codeowners.Rule, ...]:
    """The CODEOWNERS rules of the first place the hosts look that holds one (none: no rules).
    ``read`` may raise ContentTooLarge or a host error: owners are optional, so both mean none."""
    for path in codeowners.LOCATIONS:
        try:
            data = read(path)
        except (ContentTooLarge, RemediatorError) as exc:
            logger.info("CODEOWNERS at %s not read: %s", path, type(exc).__name__)
            continue
        if data is not None:
            return codeowners.parse(data[: codeowners.MAX_BYTES].decode("utf-8", errors="replace"))
    return ()


def fix_baseline(store: AdvisoryStore, scan: Scan, review: Review, changeset: ChangeSet) -> list[int]:
    """Baseline advisories this pull request fixes: in a file it changed, analysed completely at its
    head, where the flaw's fingerprint is no longer found (or in a file it deletes). A partial
    review fixes nothing."""
    if not scan.complete:
        return []
    found: dict[str, set[str]] = {}
    for finding in [rf.finding for rf in review.findings] + list(review.outside_change):
        found.setdefault(finding.path, set()).add(finding.fingerprint)
    analysed = {fc.path for fc in review.coverage.analysed}
    head = {
        f.path: found.get(f.path, set())
        for f in changeset.files
        if f.status is not FileStatus.DELETED and f.path in analysed
    }
    gone = {f.path for f in changeset.files if f.status is FileStatus.DELETED}
    gone |= {f.old_path for f in changeset.files if f.old_path and f.old_path != f.path}
    fixed = store.fix_baseline(scan, head, gone)
    if fixed:
        logger.info("%s:%s#%d fixes %d baseline advisorie(s)", scan.host, scan.repo, scan.pr, len(fixed))
    return fixed


def before_publish(store: AdvisoryStore, host: str, repo: str) -> set[str]:
    """Reopen expired risk acceptances, then the fingerprints publish() must not raise again."""
    reopened = store.expire_risks()
    if reopened:
        logger.info("advisory store: %d risk acceptance(s) expired and reopened", len(reopened))
    return store.suppressed(host, repo)


def record(store: AdvisoryStore, scan: Scan) -> ScanOutcome:
    outcome = store.record_scan(scan)
    logger.info(
        "advisories of %s:%s#%d: %d opened, %d seen, %d fixed, %d reopened",
        scan.host,
        scan.repo,
        scan.pr,
        len(outcome.opened),
        len(outcome.seen),
        len(outcome.fixed),
        len(outcome.reopened),
    )
    return outcome


def pull_request_closed(payload: Mapping[str, Any], ctx: Context) -> list[int]:
    """Job: a pull request was closed; merged -> merged-while-open, else closed-unmerged."""
    store = open_store(ctx.settings, ctx.clock)
    merged = bool(payload.get("merged"))
    merge_commit = str(payload.get("merge_commit") or "") if merged else None
    flagged = store.pr_closed(
        str(payload["host"]), str(payload["repo"]), int(payload["number"]), merge_commit=merge_commit
    )
    logger.info(
        "%s:%s#%s closed (%s): %d open advisorie(s) flagged",
        payload["host"],
        payload["repo"],
        payload["number"],
        "merged" if merged else "not merged",
        len(flagged),
    )
    return flagged
