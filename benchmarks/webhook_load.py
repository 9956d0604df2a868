"""Webhook ack latency under load: real gunicorn + the real app and queue vs a bare Flask endpoint.

Sends N signed pull_request deliveries (unique delivery ids, real GitHub payloads) from a bounded
pool of loopback clients, checks every one was acknowledged 202 and queued exactly once, and
compares p50/p99 ack latency with a bare endpoint returning 202 under the same gunicorn options.
SQLite queue always; Redis too when REMEDIATOR_TEST_REDIS_URL is set (its db is flushed: not db 0).

    python benchmarks/webhook_load.py [--deliveries 2000] [--concurrency 8] [--workers 2]

Writes benchmarks/results/webhook_load.json. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO.parent / "shared/platform/github-webhooks/payload-examples/api.github.com/pull_request"
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
TARGET_P99_RATIO = 2.0


def bare_app() -> Any:
    """The baseline: a Flask endpoint that reads the body and answers 202, nothing else."""
    from flask import Flask, jsonify, request

    app = Flask("bare")

    @app.post("/webhooks/github")
    def github() -> Any:
        request.get_data()
        return jsonify(job="bare"), 202

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok")

    return app


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


@contextmanager
def gunicorn(app: str, workers: int, env: dict[str, str], log: Path) -> Iterator[int]:
    """gunicorn on an ephemeral loopback port (the socket is bound here and passed as fd://)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    port = sock.getsockname()[1]
    argv = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"fd://{sock.fileno()}"]
    full_env = {**os.environ, **env}
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [*argv, app], cwd=REPO, env=full_env, pass_fds=[sock.fileno()], stdout=out, stderr=out
        )
    sock.close()
    try:
        for _ in range(300):
            try:
                if request(port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            try:
                proc.wait(timeout=0.1)
            except subprocess.TimeoutExpired:
                continue
            raise SystemExit(f"gunicorn for {app} exited:\n{log.read_text()[-3000:]}")
        else:
            raise SystemExit(f"gunicorn for {app} did not become healthy")
        for _ in range(50):  # warm both workers
            request(port, "GET", "/healthz")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def request(
    port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
    finally:
        conn.close()
    return response.status, data, time.perf_counter() - start


def load(port: int, items: list[tuple[bytes, dict[str, str]]], concurrency: int) -> dict[str, Any]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda item: request(port, "POST", "/webhooks/github", *item), items))
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


def check_queued_once(run: dict[str, Any], ledger: Any, count: int) -> dict[str, Any]:
    ok_202 = sum(1 for s in run["statuses"] if s == 202)
    job_ids = [b.get("job") for b in run["bodies"]]
    duplicates = sum(1 for b in run["bodies"] if b.get("duplicate"))
    checks = {
        "acknowledged_202": ok_202,
        "distinct_job_ids": len(set(job_ids)),
        "duplicate_answers": duplicates,
        "ledger_jobs": ledger.count(),
        "ledger_deliveries": ledger.deliveries(),
    }
    assert ok_202 == count, checks
    assert len(set(job_ids)) == count and duplicates == 0, checks
    assert ledger.count() == count and ledger.deliveries() == count, checks
    return checks


def run_backend(name: str, env: dict[str, str], ledger: Any, args: argparse.Namespace, tmp: Path) -> Any:
    items = deliveries(args.deliveries)
    with gunicorn("webhooks:create_app()", args.workers, env, tmp / f"{name}.log") as port:
        run = load(port, items, args.concurrency)
    run["checks"] = check_queued_once(run, ledger, args.deliveries)
    return run


def breakdown(tmp: Path, count: int = 200) -> dict[str, float]:
    """Mean in-process cost (ms) of each step of an ack, to explain the gap to the bare endpoint."""
    from bot.config import Settings
    from bot.core.events import github_job
    from bot.queue import SqliteLedger, SystemClock, make_huey
    from bot.queue.service import JobQueue

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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (bounded)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both apps)")
    args = parser.parse_args()

    from bot.queue import SqliteLedger, SystemClock

    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="remediator-bench-") as tmpdir:
        tmp = Path(tmpdir)
        base_env = {"REMEDIATOR_GITHUB_WEBHOOK_SECRET": SECRET, "REMEDIATOR_LOG_LEVEL": "WARNING"}
        with gunicorn("benchmarks.webhook_load:bare_app()", args.workers, {}, tmp / "bare.log") as port:
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

        steps = breakdown(tmp)

    bare_p99 = runs["bare flask"]["p99_ms"]
    print(f"{args.deliveries} deliveries, {args.concurrency} client threads, {args.workers} gunicorn workers")
    print(f"{'endpoint':<20}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>9}{'p99/bare':>10}")
    for name, run in runs.items():
        run["p99_vs_bare"] = round(run["p99_ms"] / bare_p99, 2)
        print(
            f"{name:<20}{run['p50_ms']:>9}{run['p90_ms']:>9}{run['p99_ms']:>9}{run['max_ms']:>9}"
            f"{run['per_second']:>9}{run['p99_vs_bare']:>10}"
        )
        run.pop("statuses")
        run.pop("bodies")
    print("in-process cost per ack step (ms): " + ", ".join(f"{k} {v}" for k, v in steps.items()))
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
        "step_costs_ms": steps,
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
