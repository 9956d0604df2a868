"""The GitLab simulator itself, driven by python-gitlab: its bodies have the real shapes, it enforces
GitLab's rules (auth, roles, status transitions, pagination) and it catches forbidden writes."""

from __future__ import annotations

import json

import gitlab
import pytest

from tests.sim.gitlab import GitLabSimulator
from tests.sim.gitlab_state import DEVELOPER, GITLAB_DATA, REPORTER

REPO = "acme/payments"
DIFF = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1,2 @@\n a = 1\n+b = 2\n"


def _client(sim: GitLabSimulator, user: str, level: int | None = DEVELOPER) -> gitlab.Gitlab:
    return gitlab.Gitlab(
        sim.url, private_token=sim.create_token(user, access_level=level, path=REPO), keep_base_url=True
    )


@pytest.fixture
def sim():
    """A private simulator (not in the suite-wide check): these tests send forbidden writes on purpose."""
    with GitLabSimulator() as s:
        s.add_project(REPO)
        s.set_files(REPO, "main", {"x.py": "a = 1\n"})
        s.add_merge_request(REPO, diff=DIFF, head_files={"x.py": "a = 1\nb = 2\n"})
        yield s


def test_bodies_carry_every_key_of_the_real_ones(sim) -> None:
    gl = _client(sim, "bot")
    mr = gl.projects.get(REPO).mergerequests.get(1)
    real_mr = json.loads((GITLAB_DATA / "go-gitlab-testdata/api/get_merge_request.json").read_text())
    assert set(real_mr) <= set(mr.attributes)
    version = mr.diffs.list(get_all=True)[0].attributes
    real_version = json.loads((GITLAB_DATA / "docs-examples/mr_versions.json").read_text())[0]
    assert set(real_version) <= set(version)
    diffs = GITLAB_DATA / "go-gitlab-testdata/api/list_merge_request_diff.json"
    real_diff = json.loads(diffs.read_text())[0]
    (entry,) = gl.http_list(f"/projects/{mr.project_id}/merge_requests/1/diffs", get_all=True)
    assert set(real_diff) <= set(entry) and entry["diff"].startswith("@@ -1 +1,2 @@")
    position = {
        "position_type": "text",
        "base_sha": version["base_commit_sha"],
        "start_sha": version["start_commit_sha"],
        "head_sha": version["head_commit_sha"],
        "old_path": "x.py",
        "new_path": "x.py",
        "new_line": 2,
    }
    created = mr.discussions.create({"body": "diff comment", "position": position}).attributes
    real_discussion = json.loads((GITLAB_DATA / "docs-examples/mr_discussions_diffnote.json").read_text())[0]
    assert set(real_discussion) <= set(created)
    assert set(real_discussion["notes"][0]) <= set(created["notes"][0])
    assert set(real_discussion["notes"][0]["position"]) <= set(created["notes"][0]["position"])
    assert created["notes"][0]["type"] == "DiffNote" and created["notes"][0]["resolvable"] is True


def test_auth_roles_and_status_transitions(sim) -> None:
    with pytest.raises(gitlab.GitlabAuthenticationError):
        gitlab.Gitlab(sim.url, private_token="glpat-nope").auth()
    reporter = _client(sim, "reader", REPORTER).projects.get(REPO)
    sha = sim.merge_request(REPO, 1).latest.head
    with pytest.raises(gitlab.GitlabCreateError) as info:  # a Reporter cannot set commit statuses
        reporter.commits.get(sha, lazy=True).statuses.create({"state": "success", "name": "remediator"})
    assert info.value.response_code == 403
    dev = _client(sim, "bot").projects.get(REPO).commits.get(sha, lazy=True)
    dev.statuses.create({"state": "running", "name": "ci"})
    with pytest.raises(gitlab.GitlabCreateError) as info:
        dev.statuses.create({"state": "running", "name": "ci"})
    assert "Cannot transition status via :run from :running" in str(info.value)
    dev.statuses.create({"state": "success", "name": "ci"})
    dev.statuses.create({"state": "success", "name": "ci"})  # a finished status gets a new one
    assert [s.status for s in sim.statuses(REPO)] == ["success", "success"]
    outsider = gitlab.Gitlab(sim.url, private_token=sim.create_token("outsider", access_level=None))
    with pytest.raises(gitlab.GitlabGetError) as info:
        outsider.projects.get(REPO)
    assert info.value.response_code == 404  # a private project is invisible to non-members


def test_lists_paginate_with_link_headers(sim) -> None:
    for i in range(45):
        sim.human_note(REPO, 1, user="dev", body=f"note {i}")
    mr = _client(sim, "bot").projects.get(REPO).mergerequests.get(1)
    notes = mr.notes.list(get_all=True, per_page=20, sort="asc")
    assert [n.body for n in notes] == [f"note {i}" for i in range(45)]
    assert len([r for r in sim.requests if r.path.endswith("/notes")]) == 3


@pytest.mark.parametrize(
    "write",
    [
        lambda p, mr: p.files.create(
            {"file_path": "y.py", "branch": "main", "content": "x", "commit_message": "m"}
        ),
        lambda p, mr: p.commits.create({"branch": "main", "commit_message": "m", "actions": []}),
        lambda p, mr: p.branches.create({"branch": "evil", "ref": "main"}),
        lambda p, mr: mr.merge(),
        lambda p, mr: mr.approve(),
        lambda p, mr: p.mergerequests.create({"source_branch": "a", "target_branch": "main", "title": "t"}),
        lambda p, mr: p.mergerequests.update(1, {"state_event": "close"}),
    ],
    ids=["file", "commit", "branch", "merge", "approve", "new-mr", "close-mr"],
)
def test_forbidden_writes_are_refused_and_recorded(sim, write) -> None:
    gl = _client(sim, "bot")
    project = gl.projects.get(REPO)
    mr = project.mergerequests.get(1, lazy=True)
    with pytest.raises(gitlab.GitlabError):
        write(project, mr)
    (record,) = sim.forbidden_writes()
    assert record.status == 403 and record.method in ("POST", "PUT")


def test_unknown_and_deprecated_endpoints_are_flagged(sim) -> None:
    gl = _client(sim, "bot")
    mr = gl.projects.get(REPO).mergerequests.get(1)
    mr.changes()
    with pytest.raises(gitlab.GitlabError):
        gl.projects.get(REPO).pipelines.list(get_all=False)
    assert [v.violation for v in sim.violations()] == [
        "deprecated endpoint",
        "not an endpoint the simulator knows",
    ]
