"""Real gunicorn (2 workers) serving ``webhooks:create_app()``: signed deliveries are queued exactly once."""

from __future__ import annotations

import json

from bot.jobqueue import JobState, SqliteLedger, SystemClock
from tests.integration.conftest import PAYLOADS, Server, signed_headers

OPENED = PAYLOADS / "pull_request" / "opened.payload.json"


def test_gunicorn_queues_a_signed_delivery_once(server: Server) -> None:
    body = OPENED.read_bytes()
    status, raw = server.request("POST", "/webhooks/github", body, signed_headers(body, "delivery-1"))
    assert status == 202, raw
    job_id = json.loads(raw)["job"]

    status, raw = server.request("POST", "/webhooks/github", body, signed_headers(body, "delivery-1"))
    assert status == 202, raw
    assert json.loads(raw) == {"job": job_id, "duplicate": True}

    status, raw = server.request(
        "POST", "/webhooks/github", body, signed_headers(body, "delivery-2", "wrong")
    )
    assert status == 401, raw
    assert "error" in json.loads(raw)

    assert server.request("GET", "/readyz")[0] == 200
    ledger = SqliteLedger(server.data_dir / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)
    assert ledger.count() == 1
    assert ledger.deliveries() == 1
    job = ledger.get(job_id)
    assert job is not None
    assert (job.state, job.handler) == (JobState.QUEUED, "bot.jobs.review_pr:review_pull_request")
