"""Prometheus metrics (bot/obs/metrics.py) through the web's /metrics: bearer-token protected, and
the counts move: deliveries by outcome, queue depth and oldest age, job runs, review phases."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
from hypothesis import given
from hypothesis import strategies as st
from prometheus_client.parser import text_string_to_metric_families

from bot.cli.main import main
from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.jobqueue import open_queue
from bot.obs import metrics
from bot.obs.health import HeartbeatFile, check, check_worker, heartbeat_path
from tests.unit.test_queue_worker import FakeClock
from tests.unit.test_webhooks import SECRET, example, post
from webhooks import create_app

TOKEN = "metrics-token-for-tests"


def samples(client: FlaskClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200
    out = {}
    for family in text_string_to_metric_families(answer.get_data(as_text=True)):
        for sample in family.samples:
            out[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return out


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", github_webhook_secret=SECRET, metrics_token=TOKEN)


def test_metrics_need_the_token_and_answer_404_without_one(settings: Settings, tmp_path: Path) -> None:
    client = create_app(settings).test_client()
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}x"}).status_code == 401
    assert client.get("/metrics", headers={"Authorization": TOKEN}).status_code == 401
    # the scheme is case-insensitive (RFC 9110, 11.1): scrapers that send "bearer" are let in
    for scheme in ("bearer", "BEARER", "Bearer"):
        assert client.get("/metrics", headers={"Authorization": f"{scheme} {TOKEN}"}).status_code == 200
    closed = create_app(Settings(data_dir=tmp_path / "other")).test_client()
    assert closed.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 404


def test_deliveries_and_the_queue_are_counted(settings: Settings) -> None:
    clock = FakeClock(1_000_000.0)
    client = create_app(settings, queue=open_queue(settings, clock), clock=clock).test_client()
    queued = (
        "remediator_deliveries_total",
        (("event", "pull_request"), ("host", "github"), ("outcome", "queued")),
    )
    duplicate = (queued[0], (*queued[1][:2], ("outcome", "duplicate")))
    rejected = (queued[0], (*queued[1][:2], ("outcome", "rejected")))
    before = samples(client)
    body = example("pull_request", "opened.payload.json")
    assert post(client, body).status_code == 202
    assert post(client, body).status_code == 202
    assert post(client, body, signature="sha256=00").status_code == 401
    clock.advance(42.0)
    after = samples(client)
    for key in (queued, duplicate, rejected):
        assert after[key] - before.get(key, 0.0) == 1.0, key
    assert after[("remediator_queue_depth", ())] == 1.0
    assert after[("remediator_queue_oldest_age_seconds", ())] >= 42.0


def test_job_runs_and_phases_are_counted(settings: Settings) -> None:
    clock = FakeClock(1_000_000.0)
    queue = open_queue(settings, clock, resolver=lambda _name: _handler, immediate=False)
    done = ("remediator_jobs_total", (("handler", "fake"), ("outcome", "done")))
    phase = ("remediator_review_phase_seconds_count", (("phase", "publish"),))
    client = create_app(settings, queue=queue, clock=clock).test_client()
    before = samples(client)
    job_id, _ = queue.ledger.submit(JobSpec("bot.x:fake", "k-1", {"repo": "a/b", "number": 1}), "d-9")
    queue.worker.run(job_id)
    after = samples(client)
    assert after[done] - before.get(done, 0.0) == 1.0
    assert after[phase] - before.get(phase, 0.0) == 1.0


def _handler(payload: object, ctx: object) -> None:
    with metrics.timed("publish"):
        pass


def test_the_worker_heartbeat_is_fresh_then_stale(settings: Settings) -> None:
    now = 5_000.0
    worker = Settings(data_dir=settings.data_dir, role="worker", worker_heartbeat_max_age=60)
    assert "no worker heartbeat" in (check(worker, now) or "")
    HeartbeatFile(heartbeat_path(worker), 10.0, now=lambda: now).beat()
    assert check_worker(worker, now + 59) is None
    assert "61s old" in (check_worker(worker, now + 61) or "")


def test_the_web_check_reports_what_it_could_not_reach(tmp_path: Path) -> None:
    assert "not an http" in (check(Settings(data_dir=tmp_path, health_url="file:///etc/passwd"), 0.0) or "")
    web = Settings(data_dir=tmp_path, health_url="http://127.0.0.1:9/healthz")
    assert "did not answer" in (check(web, 0.0) or "")


def test_remediator_health_exits_by_the_roles_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("REMEDIATOR_ROLE", "worker")
    assert main(["health"]) == 1
    assert "unhealthy: no worker heartbeat" in capsys.readouterr().err
    HeartbeatFile(tmp_path / "worker.heartbeat", 10.0).beat()
    assert main(["health"]) == 0


_CONTAINER = """
import os, sys, socket, pathlib
os.getpid = lambda: 1  # every container's main process is pid 1 (before prometheus_client binds it)
socket.gethostname = lambda: sys.argv[1]
from bot.config.settings import Settings
from bot.obs import metrics

folder, me, other = pathlib.Path(sys.argv[2]), sys.argv[1], sys.argv[3]
metrics.enable(Settings(data_dir=folder, metrics_dir=folder))
count = metrics.get().jobs.labels("review", "done")


def wait_for(name):
    for _ in range(6000):  # a bounded wait for the other process's step (a condition, not a guess)
        if (folder / name).exists():
            return
        __import__("time").sleep(0.01)
    raise SystemExit(f"{name} never came")


if me == "worker-a":
    count.inc(3)
    (folder / "a-counted").touch()
    wait_for("b-counted")
    count.inc(1)
else:
    wait_for("a-counted")
    count.inc(2)
    (folder / "b-counted").touch()
"""


def test_containers_sharing_the_metrics_directory_keep_their_own_counts(tmp_path: Path) -> None:
    # compose's workers (all pid 1, one per container) and the web write to one shared volume; with
    # file names by pid alone the workers shared counter_1.db and overwrote each other's counts
    import subprocess
    import sys

    from prometheus_client import CollectorRegistry, multiprocess

    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _CONTAINER, host, str(tmp_path), other], cwd=root, stderr=subprocess.PIPE
        )
        for host, other in (("worker-a", "worker-b"), ("worker-b", "worker-a"))
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=str(tmp_path))  # type: ignore[no-untyped-call]
    done = registry.get_sample_value("remediator_jobs_total", {"handler": "review", "outcome": "done"})
    assert done == 6.0
    assert sorted(p.name for p in tmp_path.glob("counter_*.db")) == [
        "counter_worker-a-1.db",
        "counter_worker-b-1.db",
    ]


_FRESH = """
import pathlib, sys
from bot.config.settings import Settings
from bot.obs import metrics

folder = pathlib.Path(sys.argv[1])
metrics.enable(Settings(data_dir=folder, metrics_dir=folder))
sys.stdout.write(metrics.render(lambda: (0, None)).decode())
"""


def test_a_fresh_service_lists_every_metric_the_readme_names(tmp_path: Path) -> None:
    # found by scraping a fresh gunicorn: in multiprocess mode a metric is listed only once a
    # process has a sample of it, so before the first review /metrics named none of the job,
    # review, LLM or forge metrics
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text()
    section = readme[readme.index("### Logs and metrics") : readme.index("### The queue")]
    named = set(re.findall(r"`(remediator_[a-z_]+)`", section))
    assert len(named) >= 12, named
    proc = subprocess.run(
        [sys.executable, "-c", _FRESH, str(tmp_path)],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    listed = {s.name for f in text_string_to_metric_families(proc.stdout) for s in f.samples}
    families = {name.removesuffix("_total") for name in listed} | {
        re.sub(r"_(count|sum|bucket)$", "", n) for n in listed
    }
    missing = {name for name in named if name not in listed and name.removesuffix("_total") not in families}
    assert not missing, sorted(missing)


@given(st.text(max_size=80), st.text(min_size=1, max_size=40))
def test_only_the_bearer_token_itself_is_allowed_to_scrape(header: str, token: str) -> None:
    # a header that does not hold the token is never let in, whatever it says
    if token not in header:
        assert not metrics.scrape_allowed(header, token)
    # the token after the scheme, in any case, is let in unless blanks around it make it ambiguous
    for scheme in ("bearer", "Bearer"):
        assert metrics.scrape_allowed(f"{scheme} {token}", token) == (token == token.strip())
    assert not metrics.scrape_allowed(f"Bearer {token}", "")
