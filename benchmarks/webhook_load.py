"""Webhook ack latency under load: real gunicorn + the real app and queue vs a bare Flask endpoint.

Sends N signed pull_request deliveries (unique delivery ids, real GitHub payloads) from a bounded
pool of loopback clients, checks every one was acknowledged 202 and queued exactly once, and
compares p50/p99 ack latency with a bare endpoint returning 202 under the same gunicorn options.
SQLite queue always; Redis too when REMEDIATOR_TEST_REDIS_URL is set (its db is flushed: not db 0).

    python benchmarks/webhook_load.py [--deliveries 2000] [--concurrency 8] [--workers 2]

Writes benchmarks/results/webhook_load.json. Not a timed test: run it by hand.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import loadgen  # noqa: E402
from benchmarks.loadgen import TARGET_P99_RATIO  # noqa: E402

EXAMPLES = REPO / "tests/fixtures/platform/github-webhooks/payload-examples/api.github.com/pull_request"
PAYLOADS = (
    "opened.payload.json",
    "synchronize.payload.json",
    "reopened.payload.json",
    "ready_for_review.payload.json",
    "opened.with-organization.payload.json",
    "reopened.with-organization.payload.json",
)
SECRET = "benchmark-secret"  # noqa: S105 - a test value, not a credential
RESULTS = REPO / "benchmarks" / "results" / "webhook_load.json"
PATH = "/webhooks/github"
__all__ = ["TARGET_P99_RATIO", "bare_app", "breakdown", "deliveries", "main"]


def bare_app() -> Any:
    """The baseline: a Flask endpoint that reads the body and answers 202, nothing else."""
    return loadgen.bare_app(PATH)


def deliveries(count: int) -> list[tuple[bytes, dict[str, str]]]:
    """Signed bodies and headers, built before timing: real payloads spread over 200 PRs."""
    bases = [json.loads((EXAMPLES / name).read_bytes()) for name in PAYLOADS]
    out = []
    for i in range(count):
        data = bases[i % len(bases)]
        data["pull_request"]["number"] = 1 + i % 200
        data["number"] = 1 + i % 200
        body = json.dumps(data).encode()
        digest = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        headers = {
            "Content-Type": "application/json",
            "X-GitHub-Event": "pull_request",
            "X-GitHub-Delivery": f"bench-{i:05d}-{os.getpid()}",
            "X-Hub-Signature-256": f"sha256={digest}",
        }
        out.append((body, headers))
    return out


def breakdown(tmp: Path, count: int = 200) -> dict[str, float]:
    """Mean in-process cost (ms) of each step of an ack, to explain the gap to the bare endpoint."""
    from bot.config.settings import Settings
    from bot.core.events import github_job
    from bot.jobqueue import SqliteLedger, SystemClock, make_huey
    from bot.jobqueue.service import JobQueue

    body = (EXAMPLES / PAYLOADS[0]).read_bytes()
    spec = github_job("pull_request", json.loads(body))
    assert spec is not None
    settings = Settings(data_dir=tmp / "breakdown")
    full = SqliteLedger(tmp / "full.db", SystemClock(), max_attempts=6, lease_seconds=900)
    queue = JobQueue(settings, full, make_huey(settings), SystemClock())
    normal = SqliteLedger(
        tmp / "normal.db", SystemClock(), max_attempts=6, lease_seconds=900, synchronous="NORMAL"
    )
    steps = {
        "hmac_sha256": lambda i: hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest(),
        "json_parse": lambda i: json.loads(body),
        "ledger_submit_full_fsync": lambda i: queue.ledger.submit(spec, f"f{i}"),
        "ledger_submit_normal_no_fsync": lambda i: normal.submit(spec, f"n{i}"),
        "huey_message": lambda i: queue.send("0" * 32, 0.0),
    }
    out = {}
    for name, step in steps.items():
        start = time.perf_counter()
        for i in range(count):
            step(i)
        out[name] = round((time.perf_counter() - start) / count * 1000, 3)
    return out


def main() -> int:
    args = loadgen.parse_args(__doc__.splitlines()[0])
    with tempfile.TemporaryDirectory(prefix="remediator-bench-") as tmpdir:
        tmp = Path(tmpdir)
        runs = loadgen.run_all(
            args,
            tmp,
            bare="benchmarks.webhook_load:bare_app()",
            base_env={"REMEDIATOR_GITHUB_WEBHOOK_SECRET": SECRET, "REMEDIATOR_LOG_LEVEL": "WARNING"},
            deliveries=deliveries,
            path=PATH,
        )
        steps = breakdown(tmp)

    print(f"{args.deliveries} deliveries, {args.concurrency} client threads, {args.workers} gunicorn workers")
    loadgen.print_table(runs)
    print("in-process cost per ack step (ms): " + ", ".join(f"{k} {v}" for k, v in steps.items()))
    meets = loadgen.print_target(runs)
    loadgen.write_report(RESULTS, args, runs, meets, step_costs_ms=steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())
