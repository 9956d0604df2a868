"""Issue 11 item 2 end to end on the GitHub simulator: an ``installation`` delivery to the real
webhook intake queues a baseline job; the worker scans the default branch through the real PyGithub
adapter (contents API) and records its findings as advisories of origin ``baseline``, posting nothing;
a pull request that fixes one marks it fixed; one that adds a new flaw gets exactly one comment."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json

from bot.jobqueue import JobContext, JobState, SqliteLedger, SystemClock, Worker
from bot.jobs.baseline import safe_path
from bot.jobs.review_pr import review_pull_request
from bot.store import AdvisoryQuery
from bot.store.bootstrap import open_store
from tests.fixtures import PLATFORM
from tests.integration.command_world import diff
from webhooks import create_app

REPO = "acme/payments"
SECRET = "webhook-secret-for-baseline-tests"
EXAMPLES = PLATFORM / "github-webhooks/payload-examples/api.github.com"
REPORTS = (
    "import sqlite3\n\n\ndef find_invoices(db_path, customer):\n"
    "    cur = sqlite3.connect(db_path).cursor()\n"
    '    query = "SELECT id, amount FROM invoices WHERE customer = \'" + customer + "\'"\n'
    "    cur.execute(query)\n    return cur.fetchall()\n"
)
FIXED_REPORTS = (
    "import sqlite3\n\n\ndef find_invoices(db_path, customer):\n"
    "    cur = sqlite3.connect(db_path).cursor()\n"
    '    cur.execute("SELECT id, amount FROM invoices WHERE customer = ?", (customer,))\n'
    "    return cur.fetchall()\n"
)
JOBS = (
    "import subprocess\n\n\ndef archive(name):\n"
    "    subprocess.run('tar czf /tmp/a.tgz ' + name, shell=True)\n"
)
SAFE = "def version():\n    return '1.2'\n"


def _worker(settings):
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=1, lease_seconds=600)
    return Worker(settings, ledger, lambda job, delay: None, SystemClock())


def _deliver(settings, event: str, body: dict, delivery: str):
    raw = json.dumps(body).encode()
    headers = {
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": delivery,
        "X-Hub-Signature-256": "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest(),
        "Content-Type": "application/json",
    }
    return create_app(settings).test_client().post("/webhooks/github", data=raw, headers=headers)


def _advisories(settings):
    store = open_store(settings, SystemClock())
    return list(store.iter(AdvisoryQuery(repos=(REPO,), limit=100)))


def test_installation_baselines_the_default_branch_and_pull_requests_build_on_it(github_sim, tmp_path):
    from bot.config.settings import Settings
    from bot.hosts import factory as wiring

    github_sim.add_repo(REPO, default_branch="main")
    main_files = {
        "app/reports.py": REPORTS,
        "app/jobs.py": JOBS,
        "app/version.py": SAFE,
        "README.md": "# x\n",
        ".github/CODEOWNERS": "* @acme/everyone\napp/ @acme/payments-team\n",
    }
    github_sim.set_files(REPO, "main", main_files)
    wiring._CLIENTS.clear()
    settings = Settings(
        data_dir=tmp_path / "data",
        github_api_url=github_sim.url,
        github_token=github_sim.create_token("remediator[bot]"),
        github_write_interval=0.0,
        github_webhook_secret=SECRET,
    )

    body = copy.deepcopy(json.loads((EXAMPLES / "installation/created.payload.json").read_text()))
    body.pop("installation", None)  # token mode: the job reads with the configured token
    body["repositories"] = [{"id": 1, "name": "payments", "full_name": REPO, "private": True}]
    response = _deliver(settings, "installation", body, "install-1")
    assert response.status_code == 202, response.get_data(as_text=True)
    [job] = response.get_json()["jobs"]
    assert _deliver(settings, "installation", body, "install-1").get_json()["jobs"] == [job]  # redelivery
    assert _worker(settings).run(job) is JobState.DONE

    baseline = _advisories(settings)
    assert {(a.path, a.cwe, a.origin, a.first_pr) for a in baseline} >= {
        ("app/reports.py", "CWE-89", "baseline", 0),
        ("app/jobs.py", "CWE-78", "baseline", 0),
    }
    assert all(a.origin == "baseline" and a.is_open for a in baseline)
    assert {a.owners for a in baseline if a.path.startswith("app/")} == {("@acme/payments-team",)}
    assert (
        "found by the baseline scan of main"
        in open_store(settings, SystemClock()).history(baseline[0].id)[0].reason
    )
    assert github_sim.writes() == []  # nothing posted on the host for a baseline
    assert open_store(settings, SystemClock()).repositories() == [("github", REPO)]  # the schedule's list

    # a pull request that fixes the SQL injection marks that baseline advisory fixed, and only that one
    github_sim.add_pull(
        REPO,
        number=5,
        diff=diff(REPORTS, FIXED_REPORTS, "app/reports.py"),
        user="dev1",
        head_files={"app/reports.py": FIXED_REPORTS},
    )
    review_pull_request(
        {"host": "github", "repo": REPO, "number": 5}, JobContext(settings, SystemClock(), "r5", 1)
    )
    after = {a.id: a for a in _advisories(settings)}
    sql = next(a for a in baseline if a.path == "app/reports.py" and a.cwe == "CWE-89")
    assert after[sql.id].state.value == "fixed"
    assert "PR #5 changes app/reports.py" in after[sql.id].state_reason
    assert all(after[a.id].is_open for a in baseline if a.path != "app/reports.py")
    assert [c for c in github_sim.review_comments(REPO, 5) if c.user == "remediator[bot]"] == []

    # a pull request that adds a new flaw gets exactly one comment, and its advisory is of origin review
    added = SAFE + "\n\ndef run(cmd):\n    import os\n    os.system('sh -c ' + cmd)\n"
    github_sim.add_pull(
        REPO,
        number=6,
        diff=diff(SAFE, added, "app/version.py"),
        user="dev1",
        head_files={"app/version.py": added},
    )
    review_pull_request(
        {"host": "github", "repo": REPO, "number": 6}, JobContext(settings, SystemClock(), "r6", 1)
    )
    comments = [c for c in github_sim.review_comments(REPO, 6) if c.user == "remediator[bot]"]
    assert len(comments) == 1 and comments[0].path == "app/version.py"
    new = [a for a in _advisories(settings) if a.first_pr == 6]
    assert new and all(a.origin == "review" for a in new)
    assert all(a.owners == ("@acme/payments-team",) for a in new)  # CODEOWNERS of the default branch


def test_installation_repositories_added_queues_one_baseline_per_repository(github_sim, tmp_path):
    from bot.config.settings import Settings

    settings = Settings(data_dir=tmp_path / "data", github_webhook_secret=SECRET)
    body = json.loads((EXAMPLES / "installation_repositories/added.payload.json").read_text())
    response = _deliver(settings, "installation_repositories", body, "added-1")
    assert response.status_code == 202
    assert len(response.get_json()["jobs"]) == len(body["repositories_added"])
    removed = dict(body, action="removed")
    assert _deliver(settings, "installation_repositories", removed, "removed-1").status_code == 204


def test_host_paths_that_would_leave_the_tree_are_refused():
    for bad in ("../x", "/etc/passwd", "a/../../x", "a/./b", "a//b", ".git/config", "a\x00b", "a\\b", ""):
        assert safe_path(bad) is None, bad
    assert safe_path("app/reports.py") == "app/reports.py"


def test_gitlab_baseline_by_command_queued_then_run_by_a_worker(gitlab_sim, tmp_path, monkeypatch, capsys):
    """GitLab has no installation event: `remediator baseline` queues the job, a worker runs it
    through the real python-gitlab adapter (repository tree API), and nothing is posted."""
    from bot.cli.main import main
    from bot.config.settings import Settings
    from bot.hosts import factory as wiring

    gitlab_sim.add_project(REPO, default_branch="main")
    gitlab_sim.set_files(
        REPO, "main", {"app/reports.py": REPORTS, "lib/deep/jobs.py": JOBS, "README.md": "# x\n"}
    )
    wiring._CLIENTS.clear()
    token = gitlab_sim.create_token("project_7_bot", path=REPO)
    env = {
        "REMEDIATOR_DATA_DIR": str(tmp_path / "data"),
        "REMEDIATOR_GITLAB_URL": gitlab_sim.url,
        "REMEDIATOR_GITLAB_TOKEN": token,
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(["baseline", "--host", "gitlab", "--repo", "group/../x"]) == 2  # refused, clearly
    assert "not a repository path" in capsys.readouterr().err
    assert main(["baseline", "--host", "gitlab", "--repo", REPO]) == 0
    out = capsys.readouterr().out
    job = out.strip().rsplit(" ", 1)[-1]
    assert out.startswith(f"baseline of gitlab:{REPO} queued as job ")
    settings = Settings.from_env()
    assert _worker(settings).run(job) is JobState.DONE
    found = {(a.path, a.cwe, a.origin) for a in _advisories(settings)}
    assert ("app/reports.py", "CWE-89", "baseline") in found
    assert ("lib/deep/jobs.py", "CWE-78", "baseline") in found  # the tree is listed recursively
    assert gitlab_sim.writes() == []
