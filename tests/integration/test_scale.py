"""The scale test, shortened (benchmarks/scale.py has the full run and its figures): gunicorn and
three `remediator worker` processes on Redis and PostgreSQL, several repositories on the GitHub
simulator with API latency and GitHub's write pacing shared through Redis over two installations,
one worker killed (SIGKILL) mid-run: every pull request is reviewed
exactly once (one summary, no inline comment twice, every job done) and /metrics counts what the
simulator holds."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.scale import run

REDIS = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
DATABASE = os.environ.get("REMEDIATOR_TEST_DATABASE_URL", "")


@pytest.mark.skipif(not REDIS or not DATABASE, reason="needs REMEDIATOR_TEST_REDIS_URL and _DATABASE_URL")
def test_three_workers_one_killed_review_every_pull_request_once(tmp_path: Path) -> None:
    admin = DATABASE.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    outcome = run(
        deliveries=6, repos=3, latency=0.05, workers=3, kill=True, redis_url=REDIS, admin_db_url=admin,
        scratch=tmp_path, installations=2, write_interval=1.0,
    )  # fmt: skip
    assert outcome.problems == []
    assert outcome.killed  # a worker was SIGKILLed while it held a job
    assert outcome.jobs_done == 6 and outcome.simulator["summaries"] == 6
    assert outcome.metrics["findings_posted"] == outcome.simulator["inline_comments"] > 0
    # every GitHub request counted as it was sent, the killed worker's last one included; answers
    # are counted as they arrive (one in flight when the worker was killed may be missing)
    assert outcome.metrics["host_api_sent"] == outcome.simulator["api_requests"] > 0
    assert 0 <= outcome.simulator["api_requests"] - outcome.metrics["host_api_calls"] <= 1
