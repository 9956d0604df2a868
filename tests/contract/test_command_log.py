"""The command log on SQLite and PostgreSQL: a comment (host, id, edit time) is claimed by one job
only (its own retries may run again), and the counts behind the rate limits."""

from __future__ import annotations

import datetime as dt

from bot.store.command_log import CommandLog, CommentKey
from tests.contract.advisory_fixtures import clock, engine, store  # noqa: F401 - fixtures

NOW = dt.datetime(2026, 1, 1, 12, 0)


def key(comment: str, edited: str = "2026-01-01T12:00:00Z", author: str = "alice") -> CommentKey:
    return CommentKey("github", "acme/app", 7, comment, edited, author)


def test_a_comment_runs_once_per_edit_and_its_own_job_may_retry(store):  # noqa: F811
    log = CommandLog(store.engine)
    assert log.claim(key("11"), job_id="job-1", now=NOW)
    assert log.claim(key("11"), job_id="job-1", now=NOW)  # the same job after a transient failure
    assert not log.claim(key("11"), job_id="job-2", now=NOW)  # a replay under another delivery
    assert log.claim(key("11", edited="2026-01-01T12:05:00Z"), job_id="job-3", now=NOW)  # edited: new
    gitlab = CommentKey("gitlab", "acme/app", 7, "11", "2026-01-01T12:00:00Z", "alice")
    assert log.claim(gitlab, job_id="job-4", now=NOW)  # GitLab's note 11 is not GitHub's comment 11


def test_counts_by_author_and_pull_request_within_the_window(store):  # noqa: F811
    log = CommandLog(store.engine)
    for n, (author, at) in enumerate(
        [("alice", NOW), ("alice", NOW), ("bob", NOW), ("alice", NOW - dt.timedelta(hours=2))]
    ):
        k = key(str(n), author=author)
        log.claim(k, job_id=f"job-{n}", now=at)
        log.finish(k, verb="rescan", outcome="done", replied=n != 1)
    since = NOW - dt.timedelta(hours=1)
    assert log.count("github", since, author="alice", verb="rescan", outcome="done") == 2
    assert log.count("github", since, repo="acme/app", number=7, verb="rescan") == 3
    assert log.count("github", since, author="alice", replied=True) == 1
    assert log.count("gitlab", since, author="alice") == 0
