"""Webhook ack latency under load for GitLab deliveries: the GitHub benchmark (webhook_load.py) repeated
with GitLab's real bodies (Merge Request Hook open/update, Note Hook commands) and X-Gitlab-Token.

Checks every delivery was acknowledged 202 and queued exactly once, and compares p50/p99 with a bare
Flask endpoint under the same gunicorn options. SQLite queue always; Redis too when
REMEDIATOR_TEST_REDIS_URL is set (its db is flushed: not db 0).

    python benchmarks/webhook_load_gitlab.py [--deliveries 2000] [--concurrency 8] [--workers 2]

Writes benchmarks/results/webhook_load_gitlab.json. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.webhook_load import TARGET_P99_RATIO, check_queued_once, gunicorn, request  # noqa: E402

GITLAB = REPO.parent / "shared/platform/gitlab"
BODIES = (
    ("Merge Request Hook", "go-playground-webhooks-testdata/merge-request-event.json"),
    ("Merge Request Hook", "go-gitlab-testdata/webhooks/service_merge_request.json"),
    ("Note Hook", "go-gitlab-testdata/webhooks/note_merge_request.json"),
)
SECRET = "benchmark-gitlab-secret"  # noqa: S105 - a test value, not a credential
RESULTS = REPO / "benchmarks" / "results" / "webhook_load_gitlab.json"
PATH = "/webhooks/gitlab"


def bare_app() -> Any:
    """The baseline: a Flask endpoint that reads the body and answers 202, nothing else."""
    from flask import Flask, jsonify, request

    app = Flask("bare")

    @app.post(PATH)
    def gitlab() -> Any:
        request.get_data()
        return jsonify(job="bare"), 202

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok")

    return app


def deliveries(count: int) -> list[tuple[bytes, dict[str, str]]]:
    """Bodies and headers built before timing: real GitLab bodies spread over 200 merge requests."""
    bases = [(event, json.loads((GITLAB / name).read_bytes())) for event, name in BODIES]
    out = []
    for i in range(count):
        event, base = bases[i % len(bases)]
        data = copy.deepcopy(base)
        iid = 1 + i % 200
        if event == "Note Hook":
            data["merge_request"]["iid"] = iid
            data["object_attributes"]["note"] = f"/remediator explain {i}"
            data["object_attributes"]["id"] = 10_000 + i
        else:
            data["object_attributes"]["iid"] = iid
            data["object_attributes"]["last_commit"]["id"] = f"{i:040x}"
        headers = {
            "Content-Type": "application/json",
            "X-Gitlab-Event": event,
            "X-Gitlab-Token": SECRET,
            "X-Gitlab-Event-UUID": str(uuid.uuid4()),
        }
        out.append((json.dumps(data).encode(), headers))
    return out


def load(port: int, items: list[tuple[bytes, dict[str, str]]], concurrency: int) -> dict[str, Any]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda item: request(port, "POST", PATH, *item), items))
    elapsed = time.perf_counter() - start
    latencies = sorted(r[2] * 1000 for r in results)
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "statuses": [r[0] for r in results],
        "bodies": [json.loads(r[1]) for r in results],
        "p50_ms": round(quantiles[49], 2),
        "p90_ms": round(quantiles[89], 2),
        "p99_ms": round(quantiles[98], 2),
        "max_ms": round(latencies[-1], 2),
        "mean_ms": round(statistics.fmean(latencies), 2),
        "per_second": round(len(items) / elapsed, 1),
    }


def run_backend(name: str, env: dict[str, str], ledger: Any, args: argparse.Namespace, tmp: Path) -> Any:
    items = deliveries(args.deliveries)
    with gunicorn("webhooks:create_app()", args.workers, env, tmp / f"{name}.log") as port:
        run = load(port, items, args.concurrency)
    run["checks"] = check_queued_once(run, ledger, args.deliveries)
    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (bounded)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both apps)")
    args = parser.parse_args()

    from bot.queue import SqliteLedger, SystemClock

    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="remediator-bench-gl-") as tmpdir:
        tmp = Path(tmpdir)
        base_env = {"REMEDIATOR_GITLAB_WEBHOOK_SECRET": SECRET, "REMEDIATOR_LOG_LEVEL": "WARNING"}
        app = "benchmarks.webhook_load_gitlab:bare_app()"
        with gunicorn(app, args.workers, {}, tmp / "bare.log") as port:
            runs["bare flask"] = load(port, deliveries(args.deliveries), args.concurrency)

        data = tmp / "sqlite"
        env = {**base_env, "REMEDIATOR_DATA_DIR": str(data), "REMEDIATOR_REDIS_URL": ""}
        ledger = SqliteLedger(data / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)
        runs["remediator sqlite"] = run_backend("sqlite", env, ledger, args, tmp)

        redis_url = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
        if redis_url:
            import redis

            from bot.queue.ledger_redis import RedisLedger

            client = redis.Redis.from_url(redis_url, decode_responses=True)
            if client.connection_pool.connection_kwargs.get("db", 0) == 0:
                raise SystemExit("REMEDIATOR_TEST_REDIS_URL must name a test db other than 0 (it is flushed)")
            client.flushdb()
            env = {**base_env, "REMEDIATOR_DATA_DIR": str(tmp / "redis"), "REMEDIATOR_REDIS_URL": redis_url}
            ledger = RedisLedger(client, SystemClock(), max_attempts=6, lease_seconds=900)
            try:
                runs["remediator redis"] = run_backend("redis", env, ledger, args, tmp)
            finally:
                client.flushdb()
        else:
            print("note: REMEDIATOR_TEST_REDIS_URL unset: Redis queue not measured", file=sys.stderr)

    bare_p99 = runs["bare flask"]["p99_ms"]
    print(f"{args.deliveries} GitLab deliveries, {args.concurrency} client threads, {args.workers} workers")
    print(f"{'endpoint':<20}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>9}{'p99/bare':>10}")
    for name, run in runs.items():
        run["p99_vs_bare"] = round(run["p99_ms"] / bare_p99, 2)
        print(
            f"{name:<20}{run['p50_ms']:>9}{run['p90_ms']:>9}{run['p99_ms']:>9}{run['max_ms']:>9}"
            f"{run['per_second']:>9}{run['p99_vs_bare']:>10}"
        )
        run.pop("statuses")
        run.pop("bodies")
    meets = all(r["p99_vs_bare"] <= TARGET_P99_RATIO for n, r in runs.items() if n != "bare flask")
    print(f"target p99 <= {TARGET_P99_RATIO}x bare: {'met' if meets else 'NOT met'}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "deliveries": args.deliveries,
        "concurrency": args.concurrency,
        "gunicorn_workers": args.workers,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "target_p99_ratio": TARGET_P99_RATIO,
        "target_met": meets,
        "runs": runs,
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
