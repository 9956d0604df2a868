"""GitHub write pacing shared by worker processes (issue 14): two real processes post comments for
installation 1 at once, and one of them also for installation 2. Against Redis and against the
file-lock backend (a shared data directory), installation 1's writes start at least the interval
apart across both processes, while installation 2's writes only wait for its own previous write.

Checked on the slots the pacers granted (each process's injected clock) and on the arrival times
the simulator recorded; nothing here sleeps to measure time."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import register_github_app
from tests.sim.github import GitHubSimulator

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REMEDIATOR_TEST_REDIS_URL", "")
INTERVAL = 0.4
# a request reaches the simulator a little after its slot; on a loaded machine that transit varies
# by tens of milliseconds, so arrivals are held to half the interval (unshared pacing sends two
# processes' writes within milliseconds of each other)
ARRIVAL_FLOOR = INTERVAL / 2


@pytest.fixture(params=["redis", "file"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {"REMEDIATOR_DATA_DIR": str(tmp_path / "data")}
    if request.param == "redis":
        if not REDIS_URL:
            pytest.skip("REMEDIATOR_TEST_REDIS_URL is not set: Redis pacing NOT RUN (.ci/run sets it)")
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter("remediator:pacing:*"):
            client.delete(key)
        env["REMEDIATOR_REDIS_URL"] = REDIS_URL
        yield env
        for key in client.scan_iter("remediator:pacing:*"):
            client.delete(key)
        return
    yield env


def test_writes_of_one_installation_are_spaced_across_processes(
    backend: dict[str, str], tmp_path: Path
) -> None:
    with GitHubSimulator() as sim:
        key = register_github_app(sim, tmp_path, owner="org-a", installation_id=1)
        sim.add_installation(4242, 2, "org-b")
        for repo in ("org-a/app", "org-b/app"):
            sim.add_repo(repo)
            sim.add_pull(repo, number=1, diff="")
        env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
        env.update(
            backend,
            PYTHONPATH=str(ROOT),
            REMEDIATOR_GITHUB_APP_ID="4242",
            REMEDIATOR_GITHUB_PRIVATE_KEY_PATH=str(key),
            REMEDIATOR_GITHUB_API_URL=sim.url,
            REMEDIATOR_GITHUB_WRITE_INTERVAL=str(INTERVAL),
        )
        plans = ["org-a/app=1:4", "org-a/app=1:4,org-b/app=2:4"]
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "tests.integration.pacing_proc"],
                cwd=ROOT,
                env={**env, "PLAN": plan},
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for plan in plans
        ]
        try:
            for proc in procs:
                assert proc.stdout is not None
                line = proc.stdout.readline()
                assert line.strip() == "ready", (line, proc.stderr.read() if proc.stderr else "")
            for proc in procs:  # both start together
                assert proc.stdin is not None
                proc.stdin.write("go\n")
                proc.stdin.flush()
            results = []
            for proc in procs:
                out, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                results.append(json.loads(out.strip().splitlines()[-1]))
        finally:
            for proc in procs:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
        posts = [r for r in sim.requests if r.operation == "issues/create-comment"]

    assert [r["errors"] for r in results] == [[], []]
    assert len(posts) == 12 and all(r.status == 201 for r in posts)
    granted = [g for r in results for g in r["granted"]]
    one = sorted(g["slot"] for g in granted if g["installation"] == 1)
    two = sorted(g["slot"] for g in granted if g["installation"] == 2)
    assert len(one) == 8 and len(two) == 4
    # installation 1: both processes' writes interleave, and every slot is an interval after the last
    assert {g["pid"] for g in granted if g["installation"] == 1} == {p.pid for p in procs}
    assert min(b - a for a, b in itertools.pairwise(one)) >= INTERVAL - 1e-6
    assert one[-1] - one[0] >= 7 * INTERVAL - 1e-6
    # ... and the simulator saw them arrive spaced out, in the order of their slots
    arrived_one = sorted(r.at for r in posts if r.path.startswith("/repos/org-a/"))
    assert min(b - a for a, b in itertools.pairwise(arrived_one)) >= ARRIVAL_FLOOR
    # installation 2 is paced only against itself: no write waited longer than one interval, though
    # three writers competed for installation 1's slots (some of which waited more than one)
    waits_two = [g["waited"] for g in granted if g["installation"] == 2]
    assert max(waits_two) <= INTERVAL + 1e-6
    assert max(g["waited"] for g in granted if g["installation"] == 1) > INTERVAL
    assert two[-1] < one[-1]  # installation 2 finished while installation 1 was still queued
    arrived_two = sorted(r.at for r in posts if r.path.startswith("/repos/org-b/"))
    assert min(b - a for a, b in itertools.pairwise(arrived_two)) >= ARRIVAL_FLOOR
    assert arrived_two[-1] < arrived_one[-1]
