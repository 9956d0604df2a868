"""Issue 14 item 4: the admins' dead-letter page: each job that failed for good with its reason
(secrets redacted), retry one or all (through the real queue and ledger), not for other roles."""

from __future__ import annotations

from bot.core.events import JobSpec
from bot.jobqueue import JobState, SqliteLedger, SystemClock, make_huey
from tests.dashboard.conftest import csrf_of

TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"


def _dead(settings, n: int) -> str:
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=3, lease_seconds=60)
    job_id, _ = ledger.submit(
        JobSpec("bot.jobs.review_pr:review_pull_request", f"github:acme/shop#{n}", {"n": n}), f"d-{n}"
    )
    assert ledger.claim(job_id, "w1", SystemClock().now()) is not None
    assert ledger.fail(job_id, f"Permanent: 404 repository is gone (token {TOKEN})", None) is JobState.DEAD
    return job_id


def test_admins_see_dead_letters_and_retry_one_or_all(signed_in, settings):
    first, second, third = (_dead(settings, n) for n in (1, 2, 3))
    admin = signed_in("admin")
    page = admin.get("/admin/jobs")
    assert page.status_code == 200
    for job in (first, second, third):
        assert job[:12] in page.text
    assert "repository is gone" in page.text and TOKEN not in page.text  # the reason, redacted
    token = csrf_of(page.text)
    assert admin.post("/admin/jobs/retry", data={"csrf_token": token, "job": first}).status_code == 303
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=3, lease_seconds=60)
    assert ledger.get(first).state is JobState.QUEUED and ledger.get(first).attempts == 0
    huey = make_huey(settings)
    assert huey.pending_count() == 1  # a worker gets the job id, not only the ledger's new state
    again = admin.post("/admin/jobs/retry", data={"csrf_token": token, "job": first})
    assert again.status_code == 303 and "not a dead letter" in admin.get("/admin/jobs").text
    admin.post("/admin/jobs/retry", data={"csrf_token": token, "all": "1"})
    assert {ledger.get(j).state for j in (second, third)} == {JobState.QUEUED}
    assert huey.pending_count() == 3
    assert "No dead letters." in admin.get("/admin/jobs").text


def test_only_admins(signed_in, settings):
    _dead(settings, 9)
    for role in ("viewer", "triager"):
        client = signed_in(role)
        assert client.get("/admin/jobs").status_code == 403
        assert "Dead letters" not in client.get("/baselines").text
    assert signed_in("admin").post("/admin/jobs/retry", data={"all": "1"}).status_code == 400  # no CSRF
