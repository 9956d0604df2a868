"""Issue 16 item 2 on both simulators: a harmless `feature -> staging` change switched to `main` (bringing
a command injection and disabled TLS verification into its diff) is reviewed again when the host says
the base changed: GitHub `pull_request.edited` with `changes.base`, GitLab `update` with
`changes.target_branch` and no `oldrev`; delivered to the real webhook intake, run by the worker."""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import hmac
import json

from bot.jobqueue import JobContext, JobState, SqliteLedger, SystemClock, Worker
from bot.jobs.review_pr import review_pull_request
from tests.fixtures import PLATFORM
from tests.integration.command_world import REPO, make_world
from tests.integration.test_e2e_github import BASE, HEAD, _diff
from webhooks import create_app

HARMLESS = HEAD + "\n\ndef version():\n    return '1.2'\n"
OPENED = json.loads(
    (
        PLATFORM / "github-webhooks/payload-examples/api.github.com/pull_request/opened.payload.json"
    ).read_text()
)
MR_UPDATE = json.loads(
    (PLATFORM / "gitlab/go-gitlab-testdata/webhooks/service_merge_request.json").read_text()
)
SECRET = "webhook-secret-for-retarget-tests"


def _worker(settings):
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=1, lease_seconds=60)
    return Worker(settings, ledger, lambda job, delay: None, SystemClock())


def test_github_base_branch_change_is_reviewed(github_sim, tmp_path):
    world = make_world("github", github_sim, tmp_path)
    github_sim.set_files(REPO, "main", {"app/jobs.py": BASE})
    github_sim.set_files(REPO, "staging", {"app/jobs.py": HEAD})  # staging already has the flaws
    pr = github_sim.add_pull(
        REPO,
        number=3,
        diff=_diff(HEAD, HARMLESS),
        base_ref="staging",
        user="author1",
        head_files={"app/jobs.py": HARMLESS},
    )
    settings = dataclasses.replace(world.settings, github_webhook_secret=SECRET)
    review_pull_request(
        {"host": "github", "repo": REPO, "number": 3, "installation_id": None},
        JobContext(settings, SystemClock(), "first-review", 1),
    )
    assert github_sim.check_runs(REPO)[-1].conclusion == "success"  # feature -> staging: harmless

    github_sim.retarget(REPO, 3, base_ref="main", diff=_diff(BASE, HARMLESS))
    body = copy.deepcopy(OPENED)
    body.pop("installation", None)
    body["action"] = "edited"
    body["changes"] = {"base": {"ref": {"from": "staging"}, "sha": {"from": "b" * 40}}}
    body["repository"]["full_name"] = REPO
    body["number"] = 3
    body["pull_request"].update(number=3)
    body["pull_request"]["head"]["sha"] = pr.head_sha
    raw = json.dumps(body).encode()
    headers = {
        "X-GitHub-Event": "pull_request",
        "X-GitHub-Delivery": "retarget-1",
        "X-Hub-Signature-256": "sha256=" + hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest(),
        "Content-Type": "application/json",
    }
    response = create_app(settings).test_client().post("/webhooks/github", data=raw, headers=headers)
    assert response.status_code == 202  # was 204: the event was dropped and the check stayed green
    assert _worker(settings).run(response.get_json()["job"]) is JobState.DONE
    run = github_sim.check_runs(REPO)[-1]
    assert run.head_sha == pr.head_sha and run.conclusion == "failure"
    assert any("CWE-78" in a["title"] for a in run.annotations)


def test_gitlab_retarget_is_reviewed(gitlab_sim, tmp_path):
    world = make_world("gitlab", gitlab_sim, tmp_path)
    gitlab_sim.set_files(REPO, "main", {"app/jobs.py": BASE})
    gitlab_sim.set_files(REPO, "staging", {"app/jobs.py": HEAD})
    gitlab_sim.add_merge_request(
        REPO,
        iid=3,
        diff=_diff(HEAD, HARMLESS),
        target_branch="staging",
        author="author1",
        head_files={"app/jobs.py": HARMLESS},
    )
    settings = dataclasses.replace(world.settings, gitlab_webhook_secret=SECRET)
    review_pull_request(
        {"host": "gitlab", "repo": REPO, "number": 3}, JobContext(settings, SystemClock(), "first-review", 1)
    )
    assert gitlab_sim.statuses(REPO)[-1].status == "success"

    gitlab_sim.retarget(REPO, 3, target_branch="main", diff=_diff(BASE, HARMLESS))
    body = copy.deepcopy(MR_UPDATE)
    body["project"]["path_with_namespace"] = REPO
    body["object_attributes"]["iid"] = 3
    body["object_attributes"].pop("oldrev")
    body["changes"] = {"target_branch": {"previous": "staging", "current": "main"}}
    headers = {
        "X-Gitlab-Event": "Merge Request Hook",
        "X-Gitlab-Token": SECRET,
        "Content-Type": "application/json",
    }
    response = (
        create_app(settings).test_client().post("/webhooks/gitlab", data=json.dumps(body), headers=headers)
    )
    assert response.status_code == 202  # was 204
    assert _worker(settings).run(response.get_json()["job"]) is JobState.DONE
    assert gitlab_sim.statuses(REPO)[-1].status == "failed"
