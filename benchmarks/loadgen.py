"""Shared load generator of the webhook ack benchmarks (webhook_load.py, webhook_load_gitlab.py):
gunicorn on a loopback port, a bare Flask baseline, timed concurrent deliveries, queued-once checks,
the SQLite/Redis runs and the printed table and JSON report.

Knows nothing of GitHub or GitLab payloads: each script builds its own deliveries.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TARGET_P99_RATIO = 2.0
Items = list[tuple[bytes, dict[str, str]]]


def parse_args(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--deliveries", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (bounded)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (both apps)")
    return parser.parse_args()


def bare_app(path: str) -> Any:
    """The baseline: a Flask endpoint that reads the body and answers 202, nothing else."""
    from flask import Flask, jsonify, request

    app = Flask("bare")

    @app.post(path)
    def hook() -> Any:
        request.get_data()
        return jsonify(job="bare"), 202

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok")

    return app


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


def load(port: int, items: Items, concurrency: int, path: str) -> dict[str, Any]:
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(lambda item: request(port, "POST", path, *item), items))
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


def run_backend(
    name: str,
    env: dict[str, str],
    ledger: Any,
    args: argparse.Namespace,
    tmp: Path,
    *,
    items: Items,
    path: str,
) -> Any:
    with gunicorn("webhooks:create_app()", args.workers, env, tmp / f"{name}.log") as port:
        run = load(port, items, args.concurrency, path)
    run["checks"] = check_queued_once(run, ledger, args.deliveries)
    return run


def run_all(
    args: argparse.Namespace,
    tmp: Path,
    *,
    bare: str,
    base_env: dict[str, str],
    deliveries: Callable[[int], Items],
    path: str,
) -> dict[str, Any]:
    """The bare endpoint, then the real app on the SQLite queue, then on Redis when a test URL is set."""
    from bot.jobqueue import SqliteLedger, SystemClock

    runs: dict[str, Any] = {}
    with gunicorn(bare, args.workers, {}, tmp / "bare.log") as port:
        runs["bare flask"] = load(port, deliveries(args.deliveries), args.concurrency, path)

    data = tmp / "sqlite"
    env = {**base_env, "REMEDIATOR_DATA_DIR": str(data), "REMEDIATOR_REDIS_URL": ""}
    ledger: Any = SqliteLedger(data / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)
    items = deliveries(args.deliveries)
    runs["remediator sqlite"] = run_backend("sqlite", env, ledger, args, tmp, items=items, path=path)

    redis_url = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
    if redis_url:
        import redis

        from bot.jobqueue.ledger_redis import RedisLedger

        client = redis.Redis.from_url(redis_url, decode_responses=True)
        if client.connection_pool.connection_kwargs.get("db", 0) == 0:
            raise SystemExit("REMEDIATOR_TEST_REDIS_URL must name a test db other than 0 (it is flushed)")
        client.flushdb()
        env = {**base_env, "REMEDIATOR_DATA_DIR": str(tmp / "redis"), "REMEDIATOR_REDIS_URL": redis_url}
        ledger = RedisLedger(client, SystemClock(), max_attempts=6, lease_seconds=900)
        try:
            items = deliveries(args.deliveries)
            runs["remediator redis"] = run_backend("redis", env, ledger, args, tmp, items=items, path=path)
        finally:
            client.flushdb()
    else:
        print("note: REMEDIATOR_TEST_REDIS_URL unset: Redis queue not measured", file=sys.stderr)
    return runs


def print_table(runs: dict[str, Any]) -> None:
    """One row per endpoint with its p99 relative to the bare one; drops the raw statuses and bodies."""
    bare_p99 = runs["bare flask"]["p99_ms"]
    print(f"{'endpoint':<20}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}{'req/s':>9}{'p99/bare':>10}")
    for name, run in runs.items():
        run["p99_vs_bare"] = round(run["p99_ms"] / bare_p99, 2)
        print(
            f"{name:<20}{run['p50_ms']:>9}{run['p90_ms']:>9}{run['p99_ms']:>9}{run['max_ms']:>9}"
            f"{run['per_second']:>9}{run['p99_vs_bare']:>10}"
        )
        run.pop("statuses")
        run.pop("bodies")


def print_target(runs: dict[str, Any]) -> bool:
    meets = all(r["p99_vs_bare"] <= TARGET_P99_RATIO for n, r in runs.items() if n != "bare flask")
    print(f"target p99 <= {TARGET_P99_RATIO}x bare: {'met' if meets else 'NOT met'}")
    return meets


def write_report(
    results: Path, args: argparse.Namespace, runs: dict[str, Any], meets: bool, **extra: Any
) -> None:
    results.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "deliveries": args.deliveries,
        "concurrency": args.concurrency,
        "gunicorn_workers": args.workers,
        "cpus": os.cpu_count(),
        "load_average_at_end": os.getloadavg(),
        "target_p99_ratio": TARGET_P99_RATIO,
        "target_met": meets,
        "runs": runs,
        **extra,
    }
    results.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {results.relative_to(REPO)}")
