"""``remediator jobs list|show|retry|purge|retention``: the job ledger for operators, dead letters
first (what failed for good, and why), with retry of one or all and purge.

Reads and writes through the ledger the settings name (SQLite or Redis); never imports a host
adapter or the LLM client.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from bot.config.settings import Settings
from bot.core.terminal import printable
from bot.errors import InputError
from bot.jobqueue import Job, JobState, Ledger, SystemClock, open_ledger, open_queue

DAY = 86400.0


def add_parsers(sub: Any, parser_class: type[argparse.ArgumentParser]) -> None:
    jobs = sub.add_parser("jobs", help="the job queue: dead letters, retries, retention")
    jsub = jobs.add_subparsers(dest="jobs_command", required=True, parser_class=parser_class)
    lst = jsub.add_parser("list", help="jobs in a state (default: dead letters), newest first")
    lst.add_argument("--state", choices=[s.value for s in JobState] + ["any"], default="dead")
    lst.add_argument("--limit", type=int, default=50)
    lst.add_argument("--format", choices=("table", "json"), default="table")
    show = jsub.add_parser("show", help="one job: its payload, attempts and last error")
    show.add_argument("job", metavar="ID")
    retry = jsub.add_parser("retry", help="queue dead letters again (attempts reset)")
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("job", metavar="ID", nargs="?")
    which.add_argument("--all", action="store_true", help="every dead letter")
    purge = jsub.add_parser("purge", help="delete dead letters")
    purge.add_argument("--older-than", type=float, default=0.0, metavar="DAYS", help="only older ones")
    jsub.add_parser("retention", help="apply REMEDIATOR_RETENTION_DAYS now (the workers do it hourly)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    clock = SystemClock()
    ledger = open_ledger(settings, clock)
    command = args.jobs_command
    if command == "list":
        state = None if args.state == "any" else JobState(args.state)
        jobs = ledger.jobs(state, max(1, args.limit))
        if args.format == "json":
            json.dump([_json(j) for j in jobs], sys.stdout, indent=2)
            print()
        else:
            for j in jobs:
                when = _when(j.updated_at)
                row = f"{j.id}  {j.state.value:<8} {j.attempts:>2}  {when}  {j.key}  {j.last_error}"
                print(printable(row))
            print(f"{len(jobs)} job(s)", file=sys.stderr)
        return 0
    if command == "show":
        json.dump(_json(_find(ledger, args.job)), sys.stdout, indent=2)
        print()
        return 0
    if command == "retry":
        ids = [j.id for j in ledger.dead_letters()] if args.all else [_find(ledger, args.job).id]
        queue = open_queue(settings, clock)
        retried = 0
        for job_id in ids:
            if queue.ledger.retry(job_id, clock.now()):
                queue.send(job_id, 0.0)
                retried += 1
            elif not args.all:
                raise InputError(f"job {job_id} is not a dead letter")
        print(f"{retried} job(s) queued again")
        return 0
    if command == "purge":
        before = clock.now() - args.older_than * DAY
        print(f"{ledger.purge((JobState.DEAD,), before)} dead letter(s) deleted")
        return 0
    removed = open_queue(settings, clock).apply_retention()
    print(
        f"{removed.jobs} finished job(s), {removed.deliveries} delivery id(s), "
        f"{removed.cache_entries} cached LLM answer(s) deleted"
    )
    return 0


def _find(ledger: Ledger, ident: str) -> Job:
    job = ledger.get(ident)
    if job is None:
        raise InputError(f"no job {ident!r} (remediator jobs list --state any)")
    return job


def _when(at: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(at))


def _json(job: Job) -> dict[str, Any]:
    return {
        "id": job.id,
        "state": job.state.value,
        "handler": job.handler,
        "key": job.key,
        "payload": dict(job.payload),
        "attempts": job.attempts,
        "delivery_id": job.delivery_id,
        "created_at": _when(job.created_at),
        "updated_at": _when(job.updated_at),
        "worker": job.worker,
        "last_error": job.last_error,
    }
