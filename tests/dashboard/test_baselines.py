"""Issue 11 items 2 and 5 on the dashboard: each repository's baseline (last run, open by severity,
what changed at the last run, fixed by pull requests), the admin's "Baseline now" button that queues
a job (the GitLab way to start one), and the ``origin`` filter on the list and the API."""

from __future__ import annotations

from bot.core.models import Severity
from bot.jobqueue import JobState, SqliteLedger, SystemClock
from bot.store import Scan, Sighting
from bot.store.baselines import baseline_summary
from tests.dashboard.conftest import bearer, csrf_of
from tests.dashboard_seed import finding

REPO = "acme/payments"


def _baseline(seeded, commit: str, numbers: list[int]) -> None:
    sightings = [
        Sighting(
            finding(
                500 + n,
                severity=Severity.HIGH if n % 2 else Severity.LOW,
                cwe="CWE-78",
                category="command-injection",
                title=f"Shell {n}",
                path=f"ops/run_{n}.py",
            ),
            3.0,
            "os.system(cmd)",
        )
        for n in numbers
    ]
    seeded.store.record_scan(Scan("github", REPO, 0, commit, sightings, True))


def test_the_summary_counts_what_each_run_changed(seeded):
    _baseline(seeded, "main", [1, 2, 3])
    seeded.clock.advance(1)
    _baseline(seeded, "main", [2, 3, 4])  # 1 is gone, 4 is new
    row = next(r for r in baseline_summary(seeded.store) if r.repo == REPO)
    assert (row.open, row.new_at_last_run, row.gone_at_last_run) == (3, 1, 1)
    assert row.open_by_severity == {Severity.LOW: 2, Severity.HIGH: 1}  # 2 and 4 low, 3 high
    assert row.last_run is not None
    never = next(r for r in baseline_summary(seeded.store) if r.repo == "acme/web")
    assert never.last_run is None and never.open == 0


def test_the_page_shows_baselines_and_only_admins_start_one(signed_in, seeded, settings):
    _baseline(seeded, "main", [1, 2])
    viewer = signed_in("viewer")
    page = viewer.get("/baselines")
    assert page.status_code == 200 and f"github:{REPO}" in page.text
    assert "Baseline now" not in page.text
    admin = signed_in("admin")
    page = admin.get("/baselines")
    assert "Baseline now" in page.text
    token = csrf_of(page.text)
    refused = admin.post("/baselines", data={"csrf_token": token, "host": "gitlab", "repo": "group/../x"})
    assert refused.status_code == 303
    assert "No baseline was started" in admin.get("/baselines").text
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=3, lease_seconds=60)
    assert ledger.jobs(JobState.QUEUED, 10) == []
    started = admin.post("/baselines", data={"csrf_token": token, "host": "gitlab", "repo": "group/app"})
    assert started.status_code == 303
    [job] = ledger.jobs(JobState.QUEUED, 10)
    assert job.handler == "bot.jobs.baseline:baseline_repository"
    assert (job.payload["host"], job.payload["repo"]) == ("gitlab", "group/app")
    triager = signed_in("triager")
    own = csrf_of(triager.get("/baselines").text)
    assert (
        triager.post("/baselines", data={"csrf_token": own, "host": "gitlab", "repo": "a/b"}).status_code
        == 403
    )
    assert (
        admin.post("/baselines", data={"host": "gitlab", "repo": "a/b"}).status_code == 400
    )  # no CSRF token


def test_the_origin_filter_on_the_list_and_the_api(app, seeded, signed_in):
    _baseline(seeded, "main", [1])
    client = app.test_client()
    data = client.get(
        "/api/v1/advisories?origin=baseline&state=any", headers=bearer(seeded, "viewer")
    ).get_json()
    found = data["advisories"]
    assert found and all(a["origin"] == "baseline" and a["first_pr"] == 0 for a in found)
    data = client.get(
        "/api/v1/advisories?origin=review&state=any", headers=bearer(seeded, "viewer")
    ).get_json()
    assert data["advisories"] and all(a["origin"] == "review" for a in data["advisories"])
    bad = client.get("/api/v1/advisories?origin=elsewhere", headers=bearer(seeded, "viewer"))
    assert bad.status_code == 400 and "origin" in bad.get_json()["error"]
    page = signed_in("viewer").get(f"/advisories?origin=baseline&repo={REPO}")
    assert page.status_code == 200 and "Shell 1" in page.text and "SQL injection in login" not in page.text


def test_a_baseline_advisory_names_the_scan_not_pull_request_zero(app, seeded, signed_in):
    _baseline(seeded, "main", [7])
    client = app.test_client()
    found = client.get(
        "/api/v1/advisories?origin=baseline&state=any", headers=bearer(seeded, "viewer")
    ).get_json()["advisories"]
    baseline_id = next(a["id"] for a in found if a["title"] == "Shell 7")
    page = signed_in("viewer").get(f"/advisories/{baseline_id}")
    assert page.status_code == 200
    assert "first the baseline scan, last the baseline scan" in page.text
    assert "PR #0" not in page.text and ">#0<" not in page.text  # no pull request 0 to point at
    reviewed = next(
        a
        for a in client.get(
            "/api/v1/advisories?origin=review&state=any", headers=bearer(seeded, "viewer")
        ).get_json()["advisories"]
    )
    page = signed_in("viewer").get(f"/advisories/{reviewed['id']}")
    assert f'id="pr-link">PR #{reviewed["last_pr"]}</a>' in page.text
