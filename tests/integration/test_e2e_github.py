"""End to end on GitHub: real webhook payloads, signed, POSTed to gunicorn; `remediator worker` runs
the job; the GitHub simulator then holds what a developer would see. Then redelivery, a second push,
and a worker killed in the middle of a job."""

from __future__ import annotations

import difflib
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.jobqueue import JobState, SqliteLedger, SystemClock, Worker
from tests.integration.conftest import (
    PAYLOADS,
    REPO,
    Server,
    register_github_app,
    run_gunicorn,
    signed_headers,
)

GH_REPO = "Codertocat/Hello-World"
OPENED = json.loads((PAYLOADS / "pull_request" / "opened.payload.json").read_text())
SYNCHRONIZE = json.loads((PAYLOADS / "pull_request" / "synchronize.payload.json").read_text())
BASE = 'import subprocess\n\nfrom flask import request\n\n\ndef health():\n    return "ok"\n'
HEAD = BASE + (
    "\n\ndef archive():\n"
    '    name = request.form["name"]\n'
    '    subprocess.run(f"tar czf /srv/{name}.tgz /data", shell=True, check=True)\n'
    "\n\ndef fetch(url):\n"
    "    import requests\n"
    "    return requests.get(url, verify=False, timeout=5)\n"
)
FIXED = HEAD.replace(
    'subprocess.run(f"tar czf /srv/{name}.tgz /data", shell=True, check=True)',
    'subprocess.run(["tar", "czf", f"/srv/{name}.tgz", "/data"], check=True)',
)
WORKER_POLLS = 1200  # x 0.25 s wait on the worker process: at most 5 minutes


def _diff(old: str, new: str, path: str = "app/jobs.py") -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}"


@pytest.fixture
def world(github_sim, tmp_path: Path):
    key_path = register_github_app(github_sim, tmp_path, owner="Codertocat", installation_id=1)
    github_sim.add_repo(GH_REPO, default_branch="master")
    github_sim.set_files(GH_REPO, "master", {"app/jobs.py": BASE})
    pr = OPENED["pull_request"]
    github_sim.add_pull(
        GH_REPO,
        number=OPENED["number"],
        diff=_diff(BASE, HEAD),
        base_ref="master",
        head_sha=pr["head"]["sha"],
        head_files={"app/jobs.py": HEAD},
        user="Codertocat",
    )
    env = {
        "REMEDIATOR_GITHUB_APP_ID": "4242",
        "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH": str(key_path),
        "REMEDIATOR_GITHUB_API_URL": github_sim.url,
        "REMEDIATOR_GITHUB_WRITE_INTERVAL": "0",
    }
    with run_gunicorn(tmp_path, env) as server:
        yield server, env


def _worker_env(server: Server, env: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    out.update(env)
    out.update(
        REMEDIATOR_DATA_DIR=str(server.data_dir),
        REMEDIATOR_LOG_LEVEL="INFO",
        PYTHONPATH=str(REPO),
    )
    return out


def _ledger(server: Server) -> SqliteLedger:
    return SqliteLedger(server.data_dir / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)


def _start_worker(server: Server, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot.cli.main", "worker"],
            cwd=REPO,
            env=_worker_env(server, env),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def _run_worker_until_done(server: Server, env: dict[str, str], job_id: str, log: Path) -> None:
    proc = _start_worker(server, env, log)
    try:
        for _ in range(WORKER_POLLS):
            job = _ledger(server).get(job_id)
            if job is not None and job.state in (JobState.DONE, JobState.DEAD):
                break
            try:
                proc.wait(timeout=0.25)
                pytest.fail(f"worker exited early:\n{log.read_text(errors='replace')[-3000:]}")
            except subprocess.TimeoutExpired:
                continue
        job = _ledger(server).get(job_id)
        assert job is not None and job.state is JobState.DONE, (job, log.read_text(errors="replace")[-3000:])
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _deliver(server: Server, payload: dict, delivery: str) -> tuple[int, dict]:
    body = json.dumps(payload).encode()
    status, raw = server.request("POST", "/webhooks/github", body, signed_headers(body, delivery))
    return status, json.loads(raw) if raw else {}


def _bot_comments(sim):
    return [c for c in sim.review_comments(GH_REPO, 2) if c.user == "remediator[bot]"]


def test_opened_then_redelivered_then_pushed(world, github_sim, tmp_path):
    server, env = world
    status, answer = _deliver(server, OPENED, "delivery-opened")
    assert status == 202
    _run_worker_until_done(server, env, answer["job"], tmp_path / "worker.log")

    reviews = github_sim.reviews(GH_REPO, 2)
    assert [r.event for r in reviews] == ["COMMENT"]
    comments = _bot_comments(github_sim)
    cmd_line = (
        HEAD.splitlines().index(
            '    subprocess.run(f"tar czf /srv/{name}.tgz /data", shell=True, check=True)'
        )
        + 1
    )
    tls_line = HEAD.splitlines().index("    return requests.get(url, verify=False, timeout=5)") + 1
    assert sorted(c.line for c in comments) == sorted([cmd_line, tls_line])
    tls = next(c for c in comments if c.line == tls_line)
    assert "```suggestion\n    return requests.get(url, verify=True, timeout=5)\n```" in tls.body
    (run,) = github_sim.check_runs(GH_REPO)
    assert run.conclusion == "failure" and run.head_sha == OPENED["pull_request"]["head"]["sha"]
    assert len([c for c in github_sim.issue_comments(GH_REPO, 2) if "remediator:summary" in c.body]) == 1

    # GitHub's "Redeliver" keeps the delivery id: acknowledged, no second job, no second review.
    status, again = _deliver(server, OPENED, "delivery-opened")
    assert status == 202 and again == {"job": answer["job"], "duplicate": True}
    assert _ledger(server).count() == 1

    # The developer pushes a fix for the command injection.
    new_sha = github_sim.push(GH_REPO, 2, diff=_diff(BASE, FIXED), head_files={"app/jobs.py": FIXED})
    sync = json.loads(json.dumps(SYNCHRONIZE))
    sync["pull_request"]["head"]["sha"] = new_sha
    sync["after"] = new_sha
    status, answer2 = _deliver(server, sync, "delivery-sync")
    assert status == 202
    _run_worker_until_done(server, env, answer2["job"], tmp_path / "worker.log")

    assert len(github_sim.reviews(GH_REPO, 2)) == 1  # nothing new to say: no second review
    assert len(_bot_comments(github_sim)) == 2  # no duplicates
    threads = {t.comment_ids[0]: t for t in github_sim.threads(GH_REPO, 2)}
    by_line = {c.line if c.line else c.original_line: c for c in _bot_comments(github_sim)}
    assert threads[by_line[cmd_line].id].is_resolved
    assert not threads[by_line[tls_line].id].is_resolved
    assert github_sim.check_runs(GH_REPO)[-1].head_sha == new_sha


def test_worker_killed_mid_job_runs_again_and_posts_once(world, github_sim, tmp_path):
    server, env = world
    arrived, release = threading.Event(), threading.Event()
    original = github_sim.handle

    def gated(method, raw_path, headers, raw_body, host):
        if method == "POST" and raw_path.endswith("/pulls/2/reviews") and not release.is_set():
            arrived.set()
            release.wait(timeout=120)
        return original(method, raw_path, headers, raw_body, host)

    github_sim.handle = gated
    status, answer = _deliver(server, OPENED, "delivery-kill")
    assert status == 202
    log = tmp_path / "worker.log"
    proc = _start_worker(server, env, log)
    try:
        assert arrived.wait(timeout=300), log.read_text(errors="replace")[-3000:]
        proc.kill()  # SIGKILL while the review request is in flight
        proc.wait(timeout=20)
    finally:
        release.set()
        if proc.poll() is None:
            proc.kill()
    assert _ledger(server).get(answer["job"]).state is JobState.RUNNING  # lost its worker

    class Later:
        def now(self) -> float:
            return SystemClock().now() + 901  # past the 900 s lease

    settings = replace(
        Settings.from_env(_worker_env(server, env)), data_dir=server.data_dir, github_write_interval=0.0
    )
    ledger = SqliteLedger(server.data_dir / "jobs.db", Later(), max_attempts=6, lease_seconds=900)
    sent: list[str] = []
    worker = Worker(settings, ledger, lambda job_id, delay: sent.append(job_id), Later())
    assert worker.sweep() == [answer["job"]]
    assert worker.run(answer["job"]) is JobState.DONE
    assert len(github_sim.reviews(GH_REPO, 2)) == 1  # the in-flight review landed; the rerun added none
    assert len(_bot_comments(github_sim)) == 2
