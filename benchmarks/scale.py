"""Scale test: the web under gunicorn and N `remediator worker` processes on Redis (queue) and
PostgreSQL (store), against the GitHub simulator with injected API latency.

A run queues one pull-request delivery per pull request over ``--repos`` repositories (spread over
``--installations`` GitHub App installations, one organisation each, with GitHub's write pacing on:
one content-creating request per installation per ``--write-interval`` seconds, shared by all
workers through Redis), starts the workers, optionally kills one (SIGKILL) once a third of the
reviews are done, and waits for every job. It then checks that every pull request was reviewed
exactly once (one summary comment, no inline comment twice, every delivery's job done) and that
/metrics counts what the simulator holds (deliveries queued, jobs done, inline findings posted,
host API calls). Load average and CPU time (workers, web, this process with the simulator) are
recorded beside wall time: the machine is shared. ``main`` runs a 1-worker baseline and a
3-worker run with a kill and writes benchmarks/results/scale.json; tests/integration/test_scale.py
runs a shortened version.

    nice -n 10 python -m benchmarks.scale --deliveries 300 --repos 30 --latency 0.2
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
import redis
from prometheus_client.parser import text_string_to_metric_families

from bot.jobqueue import JobState, SystemClock
from bot.jobqueue.ledger_redis import RedisLedger
from tests.integration.conftest import PAYLOADS, REPO, register_github_app, run_gunicorn, signed_headers
from tests.sim.github import GitHubSimulator

RESULTS = Path(__file__).resolve().parent / "results" / "scale.json"
TOKEN = "scale-metrics-token"  # noqa: S105 - the scrape token of a throwaway local service
OPENED = json.loads((PAYLOADS / "pull_request" / "opened.payload.json").read_text())
OWNER = "scale"  # installation n+1 is the organisation scale-n
BASE = "import subprocess\n\n\ndef health():\n    return 'ok'\n"
HEAD = BASE + (
    "\n\ndef archive(name):\n    subprocess.run(f'tar czf /srv/{name}.tgz /data', shell=True, check=True)\n"
)
POLL = 0.2  # seconds between looks at the ledger while the workers run
DEADLINE = float(os.environ.get("SCALE_DEADLINE", "3600"))


@dataclass
class Outcome:
    workers: int
    deliveries: int
    repos: int
    latency: float
    killed: bool
    installations: int = 1
    write_interval: float = 0.0
    seconds: float = 0.0
    cpu_seconds: dict[str, float] = field(default_factory=dict)
    load_average: dict[str, list[float]] = field(default_factory=dict)
    per_second: float = 0.0
    jobs_done: int = 0
    problems: list[str] = field(default_factory=list)
    metrics: dict[str, float] = field(default_factory=dict)
    simulator: dict[str, int] = field(default_factory=dict)


def _diff() -> str:
    old, new = BASE.splitlines(True), HEAD.splitlines(True)
    hunk = [f" {line}" for line in old] + [f"+{line}" for line in new[len(old) :]]
    header = f"@@ -1,{len(old)} +1,{len(new)} @@\n"
    return (
        "diff --git a/app/jobs.py b/app/jobs.py\n--- a/app/jobs.py\n+++ b/app/jobs.py\n"
        + header
        + "".join(hunk)
    )


def _repo(r: int, installations: int) -> str:
    return f"{OWNER}-{r % installations}/repo-{r}"


def _installation(repo: str) -> int:
    return int(repo.split("/", maxsplit=1)[0].rsplit("-", 1)[1]) + 1


def _pulls(deliveries: int, repos: int, installations: int) -> list[tuple[str, int, str]]:
    out = []
    for n in range(deliveries):
        repo, number = _repo(n % repos, installations), n // repos + 1
        out.append((repo, number, hashlib.sha1(f"{repo}#{number}".encode()).hexdigest()))  # noqa: S324
    return out


def _payload(repo: str, number: int, sha: str) -> bytes:
    body = copy.deepcopy(OPENED)
    body["number"] = number
    body["pull_request"]["number"] = number
    body["pull_request"]["head"]["sha"] = sha
    body["pull_request"]["draft"] = False
    body["repository"]["full_name"] = repo
    body["repository"]["name"] = repo.split("/")[1]
    if isinstance(body["repository"].get("owner"), dict):
        body["repository"]["owner"]["login"] = repo.split("/", maxsplit=1)[0]
    body["installation"] = {"id": _installation(repo)}
    return json.dumps(body).encode()


def _fresh_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    host = admin_url.split("://", 1)[1].rsplit("/", 1)[0]
    return f"postgresql+psycopg://{host}/{name}"


def _samples(text: str) -> dict[str, float]:
    out: Counter[str] = Counter()
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == "remediator_deliveries_total" and s.labels.get("outcome") == "queued":
                out["deliveries_queued"] += s.value
            elif s.name == "remediator_jobs_total" and s.labels.get("outcome") == "done":
                out["jobs_done"] += s.value
            elif s.name == "remediator_findings_posted_total":
                out["findings_posted"] += s.value
            elif s.name == "remediator_host_api_calls_total" and s.labels.get("host") == "github":
                out["host_api_calls"] += s.value
            elif s.name == "remediator_host_api_requests_sent_total" and s.labels.get("host") == "github":
                out["host_api_sent"] += s.value
            elif s.name == "remediator_host_waits_total":
                out[f"host_waits_{s.labels.get('cause')}"] += s.value
            elif s.name == "remediator_host_wait_seconds_total":
                out[f"host_wait_seconds_{s.labels.get('cause')}"] += s.value
            elif s.name == "remediator_review_phase_seconds_sum":
                out[f"phase_{s.labels.get('phase')}_seconds"] += s.value
    return dict(out)


Proc = subprocess.Popen[bytes]


def _running_worker(ledger: RedisLedger, procs: list[Proc]) -> Proc | None:
    """A worker process that holds a running job's lease now (workers are named ``host:pid``)."""
    busy = {job.worker.rpartition(":")[2] for job in ledger.jobs(JobState.RUNNING, 50)}
    return next((p for p in procs if p.poll() is None and str(p.pid) in busy), None)


def run(  # noqa: PLR0915 - one scenario, read top to bottom
    *,
    deliveries: int,
    repos: int,
    latency: float,
    workers: int,
    kill: bool,
    redis_url: str,
    admin_db_url: str,
    scratch: Path,
    installations: int = 1,
    write_interval: float = 0.0,
) -> Outcome:
    outcome = Outcome(workers, deliveries, repos, latency, kill, installations, write_interval)
    redis.Redis.from_url(redis_url).flushdb()
    database = _fresh_database(admin_db_url, f"remediator_scale_{os.getpid()}")
    pulls = _pulls(deliveries, repos, installations)
    own_cpu = resource.getrusage(resource.RUSAGE_SELF)
    with GitHubSimulator(latency=latency) as sim:
        key = register_github_app(sim, scratch, owner=f"{OWNER}-0", installation_id=1)
        for n in range(1, installations):
            sim.add_installation(4242, n + 1, f"{OWNER}-{n}")
        for r in range(repos):
            sim.add_repo(_repo(r, installations), default_branch="main")
            sim.set_files(_repo(r, installations), "main", {"app/jobs.py": BASE})
        for repo, number, sha in pulls:
            sim.add_pull(
                repo, number=number, diff=_diff(), base_ref="main", head_sha=sha,
                head_files={"app/jobs.py": HEAD}, user="dev",
            )  # fmt: skip
        env = {
            "REMEDIATOR_REDIS_URL": redis_url,
            "REMEDIATOR_DATABASE_URL": database,
            "REMEDIATOR_GITHUB_APP_ID": "4242",
            "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH": str(key),
            "REMEDIATOR_GITHUB_API_URL": sim.url,
            "REMEDIATOR_GITHUB_WRITE_INTERVAL": str(write_interval),
            "REMEDIATOR_METRICS_TOKEN": TOKEN,
            "REMEDIATOR_WORKER_THREADS": "1",
            "REMEDIATOR_JOB_LEASE_SECONDS": "10",
            "REMEDIATOR_LOG_LEVEL": "WARNING",
        }
        with run_gunicorn(scratch, env) as server:
            proc_env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
            proc_env.update(env, REMEDIATOR_DATA_DIR=str(server.data_dir), PYTHONPATH=str(REPO))
            cli = [sys.executable, "-m", "bot.cli.main"]
            subprocess.run([*cli, "db", "upgrade"], cwd=REPO, env=proc_env, check=True, capture_output=True)
            for repo, number, sha in pulls:
                body = _payload(repo, number, sha)
                status, raw = server.request(
                    "POST",
                    "/webhooks/github",
                    body,
                    signed_headers(body, f"scale-{repo.split('/')[1]}-{number}"),
                )
                if status != 202:
                    outcome.problems.append(f"delivery for {repo}#{number}: HTTP {status} {raw[:200]!r}")
            ledger = RedisLedger.from_url(redis_url, SystemClock(), max_attempts=6, lease_seconds=10)
            logs = [scratch / f"worker-{n}.log" for n in range(workers)]
            outcome.load_average["start"] = [round(x, 2) for x in os.getloadavg()]
            children = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.monotonic()
            procs = []
            for log in logs:
                with log.open("wb") as out:
                    procs.append(
                        subprocess.Popen(
                            [*cli, "worker"], cwd=REPO, env=proc_env, stdout=out, stderr=subprocess.STDOUT
                        )
                    )
            try:
                killed = not kill
                while time.monotonic() - started < DEADLINE:
                    done = _done(ledger)
                    if not killed and done >= deliveries // 3:
                        victim = _running_worker(ledger, procs)
                        if victim is not None:  # killed mid-job, the case recovery has to handle
                            victim.send_signal(signal.SIGKILL)
                            killed = True
                    if done >= deliveries:
                        break
                    time.sleep(POLL)
                outcome.killed = kill and killed  # True only when a worker was really killed mid-job
                outcome.seconds = time.monotonic() - started
                outcome.jobs_done = _done(ledger)
                outcome.load_average["end"] = [round(x, 2) for x in os.getloadavg()]
            finally:
                for proc in procs:
                    if proc.poll() is None:
                        proc.send_signal(signal.SIGINT)
                for proc in procs:
                    try:
                        proc.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        proc.kill()
                        proc.wait()
                after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, all waited for
                outcome.cpu_seconds["workers"] = round(
                    after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime, 1
                )
            status, raw = server.request("GET", "/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            outcome.metrics = _samples(raw.decode()) if status == 200 else {}
            web = resource.getrusage(resource.RUSAGE_CHILDREN)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)  # + gunicorn, waited for on leaving
        outcome.cpu_seconds["web"] = round(done.ru_utime + done.ru_stime - web.ru_utime - web.ru_stime, 1)
        mine = resource.getrusage(resource.RUSAGE_SELF)
        outcome.cpu_seconds["driver_and_simulator"] = round(
            mine.ru_utime + mine.ru_stime - own_cpu.ru_utime - own_cpu.ru_stime, 1
        )
        print(f"run: {outcome.jobs_done} done in {outcome.seconds:.1f}s", file=sys.stderr)
        outcome.per_second = outcome.jobs_done / outcome.seconds if outcome.seconds else 0.0
        _check(sim, pulls, outcome)
    with psycopg.connect(admin_db_url, autocommit=True) as conn:  # the run's database goes with it
        conn.execute(f'DROP DATABASE IF EXISTS "{database.rsplit("/", 1)[1]}" WITH (FORCE)')
    return outcome


def _done(ledger: RedisLedger) -> int:
    return ledger.count(JobState.DONE)


def _check(sim: GitHubSimulator, pulls: list[tuple[str, int, str]], outcome: Outcome) -> None:
    inline = summaries = 0
    for repo, number, _sha in pulls:
        mine = [c for c in sim.review_comments(repo, number) if c.user == "remediator[bot]"]
        keys = Counter((c.path, c.line, c.body) for c in mine)
        twice = [k for k, n in keys.items() if n > 1]
        if twice:
            outcome.problems.append(f"{repo}#{number}: {len(twice)} inline comment(s) posted twice")
        said = [c for c in sim.issue_comments(repo, number) if c.user == "remediator[bot]"]
        if len(said) != 1:
            outcome.problems.append(f"{repo}#{number}: {len(said)} summary comment(s), expected 1")
        inline += len(mine)
        summaries += len(said)
    outcome.simulator = {
        "pull_requests": len(pulls),
        "inline_comments": inline,
        "summaries": summaries,
        "api_requests": len(sim.requests),
    }
    # every request is counted before it is sent, so the count equals what the simulator saw, a
    # request of the killed worker included
    sent = outcome.metrics.get("host_api_sent", 0.0)
    if sent != len(sim.requests):
        seen = len(sim.requests)
        outcome.problems.append(f"/metrics host_api_requests_sent={sent} but the simulator saw {seen}")
    # answers are counted as they arrive: a worker killed by SIGKILL while its request was in flight
    # never counted that one; one such request per killed worker at most
    in_flight = 1 if outcome.killed else 0
    calls = outcome.metrics.get("host_api_calls", 0.0)
    if not len(sim.requests) - in_flight <= calls <= len(sim.requests):
        outcome.problems.append(f"/metrics host_api_calls={calls} but the simulator saw {len(sim.requests)}")
    if outcome.jobs_done != outcome.deliveries:
        outcome.problems.append(f"{outcome.jobs_done} of {outcome.deliveries} jobs done")
    expected = {
        "deliveries_queued": float(len(pulls)),
        "jobs_done": float(len(pulls)),
        "findings_posted": float(inline),
    }
    for name, value in expected.items():
        if outcome.metrics.get(name, 0.0) != value:
            outcome.problems.append(
                f"/metrics {name}={outcome.metrics.get(name)} but the simulator says {value}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=300)
    parser.add_argument("--baseline-deliveries", type=int, default=0, help="1-worker run (default: same)")
    parser.add_argument("--repos", type=int, default=30)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--installations", type=int, default=10, help="GitHub App installations")
    parser.add_argument("--write-interval", type=float, default=1.0, help="REMEDIATOR_GITHUB_WRITE_INTERVAL")
    parser.add_argument(
        "--redis-url", default=os.environ.get("REMEDIATOR_TEST_REDIS_URL", "redis://127.0.0.1:6379/11")
    )
    parser.add_argument("--admin-db-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    common = {
        "repos": args.repos,
        "latency": args.latency,
        "redis_url": args.redis_url,
        "admin_db_url": args.admin_db_url,
        "installations": args.installations,
        "write_interval": args.write_interval,
    }
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as three:
        base = run(
            deliveries=args.baseline_deliveries or args.deliveries,
            workers=1,
            kill=False,
            scratch=Path(one),
            **common,
        )
        scaled = run(deliveries=args.deliveries, workers=3, kill=True, scratch=Path(three), **common)
    ratio = scaled.per_second / base.per_second if base.per_second else 0.0
    report = {
        "baseline": asdict(base),
        "three_workers_one_killed": asdict(scaled),
        "throughput_ratio": round(ratio, 2),
        "machine": f"{os.cpu_count()} cores (see load_average for what else ran)",
        "niceness": os.nice(0),
        "command": "python -m benchmarks.scale " + " ".join(argv or sys.argv[1:]),
    }
    args.output.write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    ok = not base.problems and not scaled.problems and ratio >= 2.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
