"""``remediator baseline``: queue (or, with ``--now``, run here) the baseline of a repository's default
branch: GitLab has no installation event, so this (or the dashboard's button) starts one; on GitHub it
re-baselines on demand. Never imports a host adapter itself: the job does.
"""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from typing import Any

from bot.config.settings import Settings
from bot.core.events import BASELINE_HOSTS as HOSTS
from bot.core.events import EventError, baseline_job
from bot.core.events import check_repo as _check_repo
from bot.errors import InputError
from bot.jobqueue import JobContext, SystemClock, open_queue


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    base = sub.add_parser(
        "baseline",
        help="scan a repository's default branch into the ledger (origin baseline), posting nothing",
    )
    base.add_argument("--host", choices=HOSTS, required=True)
    base.add_argument(
        "--repo", required=True, metavar="OWNER/NAME", help="GitHub owner/name or GitLab group/project"
    )
    base.add_argument("--ref", default="", help="a branch other than the default one")
    base.add_argument(
        "--installation", type=int, default=None, help="GitHub App installation id (else looked up)"
    )
    base.add_argument(
        "--now", action="store_true", help="run the scan in this process instead of queueing it"
    )


def check_repo(repo: str) -> str:
    try:
        return _check_repo(repo)
    except EventError as exc:
        raise InputError(f"--repo {exc}") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    repo = check_repo(args.repo)
    spec = baseline_job(args.host, repo, args.installation, args.ref.strip())
    clock = SystemClock()
    if args.now:
        from bot.jobs.baseline import baseline_repository  # noqa: PLC0415 - the scan stack only when run here

        outcome = baseline_repository(dict(spec.payload), JobContext(settings, clock, "cli-baseline", 1))
        json.dump(
            {"opened": len(outcome.opened), "seen": len(outcome.seen), "fixed": len(outcome.fixed)},
            sys.stdout,
        )
        print()
        return 0
    job_id, _created = open_queue(settings, clock).submit(spec, f"cli-baseline-{uuid.uuid4()}")
    print(f"baseline of {args.host}:{repo} queued as job {job_id}")
    return 0
