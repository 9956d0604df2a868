"""Prometheus metrics (bot/obs/metrics.py) through the web's /metrics: bearer-token protected, and
the counts move: deliveries by outcome, queue depth and oldest age, job runs, review phases."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient
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
