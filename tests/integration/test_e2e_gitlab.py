"""End to end on GitLab: GitLab's real webhook bodies (tests/fixtures/platform/gitlab/) POSTed with the
secret token to gunicorn; `remediator worker` runs the review; the GitLab simulator then holds what
a developer sees. Then a retry, a push (update with oldrev), a command note and a merge."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.core.events_gitlab import CLOSED_HANDLER, COMMAND_HANDLER
from bot.core.render import marker_fingerprint
from bot.jobqueue import SystemClock
from bot.store import AdvisoryQuery
from bot.store.bootstrap import open_store
from bot.store.models import State
from tests.fixtures import PLATFORM
from tests.integration.conftest import Server, run_gunicorn
from tests.integration.test_e2e_github import BASE, FIXED, HEAD, _diff, _ledger, _run_worker_until_done
from tests.sim.gitlab_state import DEVELOPER, REPORTER

GITLAB = PLATFORM / "gitlab"
OPENED = json.loads((GITLAB / "go-playground-webhooks-testdata/merge-request-event.json").read_text())
UPDATED = json.loads((GITLAB / "go-gitlab-testdata/webhooks/service_merge_request.json").read_text())
NOTE = json.loads((GITLAB / "go-gitlab-testdata/webhooks/note_merge_request.json").read_text())
PROJECT = OPENED["project"]["path_with_namespace"]  # gitlabhq/gitlab-test
IID = OPENED["object_attributes"]["iid"]
SECRET = "gitlab-e2e-secret-token"
BOT = "project_14_bot_remediator"


@pytest.fixture
def world(gitlab_sim, tmp_path: Path):
    gitlab_sim.add_project(PROJECT, default_branch="master")
    gitlab_sim.set_files(PROJECT, "master", {"app/jobs.py": BASE})
    gitlab_sim.add_merge_request(
        PROJECT,
        iid=IID,
        diff=_diff(BASE, HEAD),
        target_branch="master",
        source_branch=OPENED["object_attributes"]["source_branch"],
        head_sha=OPENED["object_attributes"]["last_commit"]["id"],
        head_files={"app/jobs.py": HEAD},
        author="user1",
    )
    env = {
        "REMEDIATOR_GITLAB_URL": gitlab_sim.url,
        "REMEDIATOR_GITLAB_TOKEN": gitlab_sim.create_token(BOT, path=PROJECT),
        "REMEDIATOR_GITLAB_WEBHOOK_SECRET": SECRET,
    }
    with run_gunicorn(tmp_path, env) as server:
        yield server, env


def _deliver(server: Server, payload: dict, event: str, uuid: str | None) -> tuple[int, dict]:
    body = json.dumps(payload).encode()
    headers = {"Content-Type": "application/json", "X-Gitlab-Event": event, "X-Gitlab-Token": SECRET}
    if uuid:
        headers["X-Gitlab-Event-UUID"] = uuid
    status, raw = server.request("POST", "/webhooks/gitlab", body, headers)
    return status, json.loads(raw) if raw else {}


def _bot_threads(sim):
    return [
        d for d in sim.discussions(PROJECT, IID) if d.notes[0].author.username == BOT and d.notes[0].position
    ]


def test_opened_retried_pushed_commanded_and_merged(world, gitlab_sim, tmp_path) -> None:
    server, env = world
    log = tmp_path / "worker.log"
    status, answer = _deliver(server, OPENED, "Merge Request Hook", "e2e-opened")
    assert status == 202
    _run_worker_until_done(server, env, answer["job"], log)

    threads = _bot_threads(gitlab_sim)
    lines = HEAD.splitlines()
    cmd_line = lines.index('    subprocess.run(f"tar czf /srv/{name}.tgz /data", shell=True, check=True)') + 1
    tls_line = lines.index("    return requests.get(url, verify=False, timeout=5)") + 1
    by_line = {d.notes[0].position["new_line"]: d for d in threads}
    assert sorted(by_line) == sorted([cmd_line, tls_line])
    assert by_line[tls_line].notes[0].position["old_line"] is None  # an added line: new_line only
    tls_body = by_line[tls_line].notes[0].body
    assert "```suggestion:-0+0\n    return requests.get(url, verify=True, timeout=5)\n```" in tls_body
    summaries = [
        n for d in gitlab_sim.discussions(PROJECT, IID) for n in d.notes if "remediator:summary" in n.body
    ]
    assert len(summaries) == 1
    (status_row,) = gitlab_sim.statuses(PROJECT)
    assert (status_row.name, status_row.status) == ("remediator", "failed")
    assert status_row.sha == OPENED["object_attributes"]["last_commit"]["id"]

    # GitLab retries a delivery it thinks failed: same UUID, same body -> the same job.
    status, again = _deliver(server, OPENED, "Merge Request Hook", "e2e-opened")
    assert status == 202 and again == {"job": answer["job"], "duplicate": True}

    # The developer pushes a fix for the command injection: an update with oldrev.
    oldrev, new_head = gitlab_sim.push(
        PROJECT, IID, diff=_diff(BASE, FIXED), head_files={"app/jobs.py": FIXED}
    )
    update = copy.deepcopy(UPDATED)
    update["project"]["path_with_namespace"] = PROJECT
    update["object_attributes"].update(iid=IID, oldrev=oldrev)
    update["object_attributes"]["last_commit"]["id"] = new_head
    status, answer2 = _deliver(server, update, "Merge Request Hook", "e2e-update")
    assert status == 202
    _run_worker_until_done(server, env, answer2["job"], log)

    threads = _bot_threads(gitlab_sim)
    assert len(threads) == 2  # no duplicates
    by_line = {d.notes[0].position["new_line"]: d for d in threads}
    assert by_line[cmd_line].notes[0].resolved and by_line[cmd_line].notes[0].resolved_by.username == BOT
    assert not by_line[tls_line].notes[0].resolved
    assert gitlab_sim.statuses(PROJECT)[-1].sha == new_head
    summaries = [
        n for d in gitlab_sim.discussions(PROJECT, IID) for n in d.notes if "remediator:summary" in n.body
    ]
    assert len(summaries) == 1 and "threads were resolved" in summaries[0].body

    # The advisory ledger has both: the fixed one and the open one. A Developer dismisses the open one.
    store = open_store(Settings(data_dir=server.data_dir), SystemClock())
    tls_fp = marker_fingerprint(by_line[tls_line].notes[0].body)
    cmd_fp = marker_fingerprint(by_line[cmd_line].notes[0].body)
    assert store.get(tls_fp, host="gitlab", repo=PROJECT).state is State.OPEN
    assert store.get(cmd_fp, host="gitlab", repo=PROJECT).state is State.FIXED
    gitlab_sim.add_member(PROJECT, "root", DEVELOPER)
    text = f"/remediator dismiss {tls_fp[:8]} test-only client, never in production"
    command = gitlab_sim.human_note(PROJECT, IID, user="root", body=text)
    note = copy.deepcopy(NOTE)
    note["project"]["path_with_namespace"] = PROJECT
    note["merge_request"]["iid"] = IID
    note["object_attributes"].update(id=command.notes[0].id, note=text, discussion_id=command.id)
    status, queued = _deliver(server, note, "Note Hook", None)
    assert status == 202
    job = _ledger(server).get(queued["job"])
    assert job is not None and job.handler == COMMAND_HANDLER
    assert (job.payload["host"], job.payload["repo"], job.payload["number"]) == ("gitlab", PROJECT, IID)
    _run_worker_until_done(server, env, queued["job"], log)
    adv = store.get(tls_fp, host="gitlab", repo=PROJECT)
    assert (adv.state, adv.state_actor) == (State.DISMISSED, "root")
    (thread,) = [d for d in gitlab_sim.discussions(PROJECT, IID) if d.id == command.id]
    assert thread.notes[0].awards == [("thumbsup", BOT)]
    assert len(thread.notes) == 2 and "Dismissed advisory" in thread.notes[1].body

    # A Reporter may not dismiss: refused through the members API, nothing changes.
    gitlab_sim.add_member(PROJECT, "viewer", REPORTER)
    text = f"/remediator reopen {tls_fp[:8]} I disagree"
    command = gitlab_sim.human_note(PROJECT, IID, user="viewer", body=text)
    note["user"]["username"] = "viewer"
    note["object_attributes"].update(id=command.notes[0].id, note=text)
    status, queued = _deliver(server, note, "Note Hook", None)
    _run_worker_until_done(server, env, queued["job"], log)
    assert store.get(tls_fp, host="gitlab", repo=PROJECT).state is State.DISMISSED
    (thread,) = [d for d in gitlab_sim.discussions(PROJECT, IID) if d.id == command.id]
    assert "needs write access" in thread.notes[1].body and "`triage`" in thread.notes[1].body

    # A second, still-open finding is merged in: the ledger flags it merged-while-open.
    gitlab_sim.add_merge_request(
        PROJECT, iid=IID + 1, diff=_diff(BASE, HEAD), target_branch="master", head_files={"app/jobs.py": HEAD}
    )
    opened2 = copy.deepcopy(OPENED)
    opened2["object_attributes"]["iid"] = IID + 1
    status, review2 = _deliver(server, opened2, "Merge Request Hook", "e2e-opened-2")
    _run_worker_until_done(server, env, review2["job"], log)
    merged = copy.deepcopy(opened2)
    merged["object_attributes"].update(action="merge", state="merged", merge_commit_sha="e" * 40)
    status, closing = _deliver(server, merged, "Merge Request Hook", "e2e-merge")
    assert status == 202
    job = _ledger(server).get(closing["job"])
    assert job is not None and job.handler == CLOSED_HANDLER and job.payload["merged"] is True
    _run_worker_until_done(server, env, closing["job"], log)
    flagged = [a for a in store.iter(AdvisoryQuery(host="gitlab", repos=(PROJECT,))) if a.merged_while_open]
    assert [(a.fingerprint, a.merged_pr, a.merge_commit) for a in flagged] == [(cmd_fp, IID + 1, "e" * 40)]
