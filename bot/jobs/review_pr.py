"""Job handlers the worker runs by name (``bot.jobs.review_pr:review_pull_request``).

A handler is idempotent: running it twice for the same head posts nothing twice (comments carry
fingerprints, the summary is edited in place), so a retried or recovered job is safe.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any, Protocol

from bot.analysis.exposure import WELL_KNOWN, Site
from bot.analysis.pipeline import review_change
from bot.config.gitattributes import linguist_excludes
from bot.config.org import load_org_config
from bot.config.repo import RepoConfig, parse_repo_config
from bot.config.settings import Settings
from bot.core import codeowners
from bot.core.clock import Clock
from bot.core.review import Policy, Review
from bot.deps.reach import is_source
from bot.errors import ContentTooLarge
from bot.hosts.base import Host, PullRequest, TreeReader
from bot.hosts.publish import PublishResult, publish
from bot.jobs import record
from bot.jobs.llm_state import llm_store_for
from bot.jobs.probes import skip_absent
from bot.llm.types import ReviewContext
from bot.obs import metrics
from bot.store import AdvisoryStore

logger = logging.getLogger(__name__)

# Share of the job's lease the LLM pass may use; fetching, static analysis and publishing get the rest.
LLM_LEASE_SHARE = 0.5


class Context(Protocol):
    """What a handler gets from the worker (bot.jobqueue.JobContext satisfies it)."""

    @property
    def settings(self) -> Settings: ...

    @property
    def clock(self) -> Clock: ...


HostFactory = Callable[[Mapping[str, Any], Settings, Callable[[], float]], Host]


def _policy(settings: Settings, config: RepoConfig) -> Policy:
    return Policy(
        min_severity=config.min_severity or settings.min_severity,
        min_confidence=config.min_confidence or settings.min_confidence,
        max_inline=config.max_inline_comments
        if config.max_inline_comments is not None
        else settings.max_inline_comments,
    )


def review_pull_request(
    payload: Mapping[str, Any], ctx: Context, *, host_factory: HostFactory | None = None
) -> PublishResult | None:
    """Review the pull request named in ``payload`` at its current head and publish the result."""
    if host_factory is None:
        from bot.hosts.factory import host_for  # noqa: PLC0415 - the wiring module picks adapters

        host_factory = host_for
    settings = ctx.settings
    host = host_factory(payload, settings, ctx.clock.now)
    pr = host.pull_request(str(payload["repo"]), int(payload["number"]))
    if pr.state != "open":
        logger.info("review of %s skipped: the pull request is %s", pr.key, pr.state)
        return None
    config = parse_repo_config(host.repo_config(pr))
    if config.errors:
        logger.info("%s: invalid repo config (%d problems); using defaults", pr.key, len(config.errors))
    if pr.draft and not config.review_drafts:
        logger.info("review of %s skipped: draft (set review.drafts in .remediator.yml)", pr.key)
        return None
    from bot.store.bootstrap import open_store  # noqa: PLC0415 - SQLAlchemy only where jobs run

    return review_and_publish(host, pr, config, settings, store=open_store(settings, ctx.clock))


HOST_SOURCE_FILES = 500
"""Source files a review reads through the host's API to see whether the repository imports a
package an advisory names (only when one does); a larger repository is "not known", never "unused"."""


def host_sources(host: TreeReader, pr: PullRequest) -> Iterator[tuple[str, bytes | None]]:
    """The head's source files (Go, Python, JavaScript), one API read each, at most
    ``HOST_SOURCE_FILES`` of them; past that one entry with None contents says it was cut."""
    read = 0
    for entry in host.tree(pr.repo, pr.head_sha):
        if not is_source(entry.path):
            continue
        if read >= HOST_SOURCE_FILES:
            yield entry.path, None
            return
        try:
            data = host.read_at(pr.repo, pr.head_sha, entry.path)
        except ContentTooLarge:
            continue
        read += 1
        if data is not None:
            yield entry.path, data


def review_and_publish(
    host: Host,
    pr: PullRequest,
    config: RepoConfig,
    settings: Settings,
    *,
    store: AdvisoryStore | None = None,
) -> PublishResult | None:
    """Review ``pr`` and publish; with a ``store``, findings people dismissed or accepted there are not
    raised again and the review's findings are recorded as advisories afterwards.

    Publishes nothing (None) when the pull request's head moved while the review ran: a review of
    an older head must never overwrite the summary, the check or the advisories of a newer one."""
    with metrics.timed("fetch"):
        changeset = host.changeset(pr)
        # the only paths skipped: the operator's, and the default branch's configuration and attributes
        linguist = linguist_excludes(host.gitattributes(pr))
    effective = replace(settings, exclude_paths=(*settings.exclude_paths, *config.ignore_paths, *linguist))
    org = load_org_config(settings.org_config)
    with metrics.timed("analyse"):
        review = review_change(
            changeset,
            skip_absent(lambda path: host.read_file(pr, path), host, pr.repo, pr.head_sha, WELL_KNOWN),
            effective,
            policy=_policy(settings, config),
            context=ReviewContext(
                repo=f"{host.name}:{pr.repo}",
                title=pr.title,
                body=pr.body,
                llm_exclude=config.llm_exclude,
                llm_seconds=settings.job_lease_seconds * LLM_LEASE_SHARE,
                outside_author=pr.author if pr.fork else "",
            ),
            llm_store=llm_store_for(settings),
            site=Site(host.name, pr.repo, org.assets),
            repository_files=(lambda: host_sources(host, pr)) if isinstance(host, TreeReader) else None,
        )
    latest = host.pull_request(pr.repo, pr.number)
    if latest.head_sha != pr.head_sha:
        logger.info(
            "%s: review of %s not published: the head is now %s",
            pr.key,
            pr.head_sha[:12],
            latest.head_sha[:12],
        )
        return None
    with metrics.timed("publish"):
        suppressed = record.before_publish(store, host.name, pr.repo) if store is not None else set()
        result = publish(host, pr, review, config, dismissed=suppressed, org=org, on_posted=_counter(review))
        if store is not None:
            rules = (
                record.read_codeowners(
                    skip_absent(
                        lambda path: host.read_at(pr.repo, pr.default_branch, path),
                        host,
                        pr.repo,
                        pr.default_branch,
                        codeowners.LOCATIONS,
                    )
                )
                if isinstance(host, TreeReader)
                else ()
            )
            scan = record.scan_of(pr, review, changeset, host=host.name, owners=rules)
            record.record(store, scan)
            record.fix_baseline(store, scan, review, changeset)
    _count_posted(host.name, review, result)
    logger.info(
        "%s at %s: %d posted, %d already there, %d resolved, conclusion %s",
        pr.key,
        pr.head_sha[:12],
        len(result.posted),
        len(result.already_posted),
        len(result.resolved),
        result.conclusion,
    )
    return result


def _count_posted(host: str, review: Review, result: PublishResult) -> None:
    metrics.get().reviews.labels(host).inc()


def _counter(review: Review) -> Callable[[Sequence[str]], None]:
    """Counts inline findings by severity as the host accepts them (during the publish)."""
    severity = {rf.finding.fingerprint: rf.finding.severity for rf in review.findings}

    def count(fingerprints: Sequence[str]) -> None:
        counted = metrics.get()
        for fingerprint in fingerprints:
            level = severity.get(fingerprint)
            counted.findings.labels(level.name.lower() if level is not None else "unknown").inc()

    return count
