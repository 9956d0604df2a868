"""Issue 16 on both simulators, through the real command job and the real PyGithub / python-gitlab
adapters: the README's permission table row by row, the actor read back from the host, own findings,
private triage in ``explain``, replays, hidden commands and rate limits."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from bot.core.permissions import TABLE
from bot.store import State
from tests.integration.command_world import World, make_world

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


@pytest.fixture(params=["github", "gitlab"])
def world(request, tmp_path) -> World:
    sim = request.getfixturevalue(f"{request.param}_sim")
    return make_world(request.param, sim, tmp_path)


def test_the_readme_shows_the_permission_table_the_code_enforces():
    for command, github, gitlab in TABLE:
        assert f"| {command} | {github} | {gitlab} |" in README


# --------------------------------------------------------------- the README table, row by row, both hosts
def test_row_dismiss(world):
    adv = world.seed(1)
    for who in ("reader", "outsider"):
        _, outcome = world.say(who, f"/remediator dismiss {adv} not reachable")
        assert outcome == "refused" and world.advisory(adv).state is State.OPEN
    # author1 is in the security team, but it is their pull request: never their own findings
    cid, outcome = world.say("author1", f"/remediator dismiss {adv} not reachable")
    assert outcome == "refused" and world.advisory(adv).state is State.OPEN
    assert "not being the author" in world.replies(cid)[0]
    _, outcome = world.say("writer", f"/remediator dismiss {adv} not reachable")
    assert outcome == "done" and world.advisory(adv).state is State.DISMISSED
    other = world.seed(2)
    cid, outcome = world.say("lead", f"/remediator dismiss {other} test code only")  # the security team
    assert outcome == "done" and world.advisory(other).state_actor == "lead"


def test_row_accept_risk(world):
    adv = world.seed(1)
    for who in ("writer", "maint", "reader", "author1"):  # write or maintain is not enough
        _, outcome = world.say(who, f"/remediator accept-risk {adv} until 2026-06-30 behind the VPN")
        assert outcome == "refused", who
    assert world.advisory(adv).state is State.OPEN
    _, outcome = world.say("lead", f"/remediator accept-risk {adv} until 2026-06-30 behind the VPN")
    accepted = world.advisory(adv)
    assert outcome == "done" and accepted.state is State.RISK_ACCEPTED and accepted.approver == "lead"


def test_row_reopen(world):
    adv = world.seed(1)
    assert world.say("writer", f"/remediator dismiss {adv} not reachable")[1] == "done"
    assert world.say("reader", f"/remediator reopen {adv}")[1] == "refused"
    assert world.advisory(adv).state is State.DISMISSED
    assert world.say("lead", f"/remediator reopen {adv} it is reachable")[1] == "done"
    assert world.advisory(adv).state is State.REOPENED


def test_row_explain(world):
    adv = world.seed(1)
    world.store.dismiss(
        world.store.resolve(adv, host=world.host, repo="acme/payments"),
        actor="token:alice (security)",
        reason="internal: vendor contract 4471",
        source="web",
    )
    cid, outcome = world.say("reader", f"/remediator explain {adv}")
    (reply,) = world.replies(cid)
    assert outcome == "done" and "SQL injection 1" in reply and "dismissed" in reply
    assert "vendor contract" not in reply and "token:alice" not in reply  # internal triage stays internal
    cid, outcome = world.say("writer", f"/remediator explain {adv}")
    (reply,) = world.replies(cid)
    assert "vendor contract 4471" in reply and "token:alice (security)" in reply
    # ids cannot be walked: an advisory of another pull request is "not in this pull request"
    world.open_pr("someone", 2)
    elsewhere = world.seed(3, pr=2)
    cid, outcome = world.say("outsider", f"/remediator explain {elsewhere}")
    assert outcome == "refused" and "No finding" in world.replies(cid)[0]
    assert "SQL injection 3" not in world.replies(cid)[0]


def test_row_rescan(world):
    world.settings = dataclasses.replace(world.settings, rescans_per_author=1, rescans_per_pr=5)
    assert world.say("reader", "/remediator rescan")[1] == "refused"
    # the pull request's author (read access only) may rescan: on GitLab resolved through the API
    cid, outcome = world.say("author1", "/remediator rescan")
    assert outcome == "done" and "Rescanned at" in world.replies(cid)[0]
    cid, outcome = world.say("author1", "/remediator rescan")  # past the per-author limit
    assert outcome == "refused" and "the limit is 1" in world.replies(cid)[0]


def test_row_help(world):
    cid, outcome = world.say("outsider", "/remediator help")
    assert outcome == "done" and "Remediator commands" in world.replies(cid)[0]


# ------------------------------------------------------------------------------- issue 16, the probes
def test_own_findings_cannot_be_dismissed_from_another_pull_request(world):
    world.set_role("author1", "write")
    adv = world.seed(1)  # first seen in author1's pull request #1
    world.open_pr("writer", 2)
    _, outcome = world.say("author1", f"/remediator dismiss {adv} fine", number=2)
    assert outcome == "refused" and world.advisory(adv).state is State.OPEN


def test_a_comment_that_does_not_exist_or_is_elsewhere_is_refused(world):
    adv = world.seed(1)
    assert world.run("99999999") == "unknown-comment"
    world.open_pr("writer", 2)
    cid = world.comment("lead", f"/remediator accept-risk {adv} until 2099-12-31 approved by lead", number=2)
    assert world.run(cid, number=1) == "unknown-comment"  # the comment is on #2, the job names #1
    assert world.advisory(adv).state is State.OPEN


def test_a_replayed_comment_runs_once_per_edit(world):
    adv = world.seed(1)
    cid, outcome = world.say("writer", f"/remediator dismiss {adv} not reachable")
    assert outcome == "done"
    world.store.reopen(
        world.store.resolve(adv, host=world.host, repo="acme/payments"),
        actor="lead",
        reason="it is",
        source="web",
    )
    before = world.writes()
    assert world.run(cid) == "duplicate"  # the same comment under a new delivery: not again
    assert world.advisory(adv).state is State.REOPENED and world.writes() == before
    assert len(world.replies(cid)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "```\n~~~\n/remediator dismiss {id} hidden\n```",
        "````\n```\n/remediator dismiss {id} hidden\n```\n",
        "    /remediator dismiss {id} hidden",
        "<!--\n/remediator dismiss {id} hidden\n-->",
        "> quoted\n/remediator dismiss {id} hidden",
        "Looks fine\u2028/remediator dismiss {id} hidden",
    ],
)
def test_commands_nobody_can_see_do_not_run(world, body):
    adv = world.seed(1)
    _, outcome = world.say("writer", body.format(id=adv))
    assert outcome == "ignored" and world.advisory(adv).state is State.OPEN


def test_someone_without_access_costs_one_reply_then_nothing(world):
    adv = world.seed(1)
    cid, outcome = world.say("outsider", f"/remediator dismiss {adv} spam")
    assert outcome == "refused" and len(world.replies(cid)) == 1
    writes, requests = world.writes(), world.requests()
    for n in range(5):
        cid, outcome = world.say(
            "outsider", "/remediator rescan" if n % 2 else f"/remediator dismiss {adv} spam {n}"
        )
        assert outcome == "refused" and world.replies(cid) == []
    assert world.writes() == writes  # no reply, no reaction, no check run
    # what each ignored command still costs, reads only: the pull request (GitLab: project, merge
    # request, versions), the comment and the commenter's role
    per_command = (world.requests() - requests) / 5
    assert per_command == {"github": 4, "gitlab": 5}[world.host], per_command


def test_replies_are_capped_per_author_and_per_pull_request(world):
    world.settings = dataclasses.replace(
        world.settings, command_replies_per_author=2, command_replies_per_pr=3
    )
    for n in range(3):
        cid, outcome = world.say("writer", "/remediator help")
        assert outcome == "done" and len(world.replies(cid)) == (1 if n < 2 else 0), n
    cid, _ = world.say("maint", "/remediator help")
    assert len(world.replies(cid)) == 1  # another person: their own budget, the pull request's third
    writes = world.writes()
    cid, outcome = world.say("lead", "/remediator help")
    assert outcome == "done" and world.replies(cid) == [] and world.writes() == writes  # the PR's cap


def test_gitlab_logins_never_carry_github_rights(gitlab_sim, tmp_path):
    world = make_world("gitlab", gitlab_sim, tmp_path, team=("github:lead",))
    adv = world.seed(1)
    _, outcome = world.say("lead", f"/remediator accept-risk {adv} until 2026-06-30 behind the VPN")
    assert outcome == "refused" and world.advisory(adv).state is State.OPEN


def test_help_text_and_readme_agree_on_who_may_accept_risk():
    from bot.core.commands import HELP

    assert re.search(r"accept-risk.*security team", HELP)
    assert "admin/maintain" not in HELP


# --------------------------------------------- the probe of issue 16 item 1, through the webhook intake
def test_a_forged_note_hook_cannot_act_for_someone_else(gitlab_sim, tmp_path):
    """A maintainer of another project, holding the shared secret, sends a Note Hook naming this project
    with ``user.username: lead`` and a note id that does not exist: nothing changes. With a real note of
    theirs, the command runs as who GitLab says wrote it, not as the body's user."""
    from bot.jobqueue import JobState, SqliteLedger, SystemClock, Worker
    from tests.fixtures import PLATFORM
    from webhooks import create_app

    world = make_world("gitlab", gitlab_sim, tmp_path)
    settings = dataclasses.replace(world.settings, gitlab_webhook_secret="shared-secret-of-every-project")
    client = create_app(settings).test_client()
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=1, lease_seconds=60)
    worker = Worker(settings, ledger, lambda job, delay: None, SystemClock())  # the queue's own clock
    adv = world.seed(1)
    template = (PLATFORM / "gitlab/go-gitlab-testdata/webhooks/note_merge_request.json").read_text()

    def deliver(note_id: int, uuid: str) -> None:
        body = __import__("json").loads(template)
        body["project"]["path_with_namespace"] = "acme/payments"
        body["merge_request"]["iid"] = 1
        body["user"]["username"] = "lead"
        body["object_attributes"].update(
            id=note_id, note=f"/remediator accept-risk {adv} until 2099-12-31 approved by lead"
        )
        headers = {
            "X-Gitlab-Event": "Note Hook",
            "X-Gitlab-Token": settings.gitlab_webhook_secret,
            "X-Gitlab-Event-UUID": uuid,
            "Content-Type": "application/json",
        }
        response = client.post("/webhooks/gitlab", data=__import__("json").dumps(body), headers=headers)
        assert response.status_code == 202
        assert worker.run(response.get_json()["job"]) is JobState.DONE

    deliver(987654321, "forged-1")  # a note id that does not exist
    assert world.advisory(adv).state is State.OPEN
    real = int(world.comment("reader", f"/remediator accept-risk {adv} until 2099-12-31 approved by lead"))
    deliver(real, "forged-2")  # a real note, written by reader: the body's "lead" means nothing
    assert world.advisory(adv).state is State.OPEN
    assert "security team" in world.replies(str(real))[0]


def test_a_replayed_signed_comment_under_a_new_delivery_id_runs_once(github_sim, tmp_path):
    """The same signed issue_comment body redelivered under a new X-GitHub-Delivery id does not run the
    command again (it re-dismissed an advisory someone had reopened)."""
    import hashlib as _hashlib
    import hmac
    import json

    from bot.jobqueue import JobState, SqliteLedger, SystemClock, Worker
    from tests.integration.conftest import PAYLOADS
    from webhooks import create_app

    world = make_world("github", github_sim, tmp_path)
    settings = dataclasses.replace(world.settings, github_webhook_secret="github-webhook-secret")
    client = create_app(settings).test_client()
    ledger = SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=1, lease_seconds=60)
    worker = Worker(settings, ledger, lambda job, delay: None, SystemClock())  # the queue's own clock
    adv = world.seed(1)
    text = f"/remediator dismiss {adv} not reachable"
    cid = world.comment("writer", text)
    body = json.loads((PAYLOADS / "issue_comment" / "created.with-installation.payload.json").read_text())
    body["repository"]["full_name"] = "acme/payments"
    body["issue"].update(number=1, pull_request={"url": "https://api.github.com/repos/acme/payments/pulls/1"})
    body["comment"].update(id=int(cid), body=text)
    body["comment"]["user"].update(login="writer", type="User")
    raw = json.dumps(body).encode()
    signature = "sha256=" + hmac.new(b"github-webhook-secret", raw, _hashlib.sha256).hexdigest()

    def deliver(delivery: str) -> None:
        headers = {
            "X-GitHub-Event": "issue_comment",
            "X-GitHub-Delivery": delivery,
            "X-Hub-Signature-256": signature,
            "Content-Type": "application/json",
        }
        response = client.post("/webhooks/github", data=raw, headers=headers)
        assert response.status_code == 202
        assert worker.run(response.get_json()["job"]) is JobState.DONE

    deliver("delivery-1")
    assert world.advisory(adv).state is State.DISMISSED
    world.store.reopen(world.advisory(adv).id, actor="lead", reason="it is reachable", source="web")
    deliver("delivery-2")  # the replay
    assert world.advisory(adv).state is State.REOPENED and len(world.replies(cid)) == 1
