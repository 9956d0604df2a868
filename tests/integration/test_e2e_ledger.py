"""End to end on GitHub with the advisory ledger: signed webhooks into gunicorn, jobs run by the
worker, the GitHub simulator holding what people see, the SQLite store holding the advisories.

reviewed PR -> advisories -> `/remediator dismiss` comment -> next push does not raise it again ->
an unauthorised command changes nothing -> merge -> merged-while-open flagged (and the CLI shows it)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config.settings import Settings
from bot.jobqueue import JobState, SqliteLedger, SystemClock, Worker
from bot.store import AdvisoryQuery, AdvisoryStore, State
from bot.store.bootstrap import forget_engines
from bot.store.db import make_engine
from tests.integration.conftest import (
    PAYLOADS,
    REPO,
    Server,
    register_github_app,
    run_gunicorn,
    signed_headers,
)
from tests.integration.test_e2e_github import BASE, GH_REPO, HEAD, OPENED, SYNCHRONIZE, _diff

COMMENT = json.loads((PAYLOADS / "issue_comment" / "created.with-installation.payload.json").read_text())
CLOSED = json.loads((PAYLOADS / "pull_request" / "closed.payload.json").read_text())
NUMBER = OPENED["number"]
PUSHED = HEAD + "\n\ndef version():\n    return '1.2'\n"


@pytest.fixture
def world(github_sim, tmp_path: Path):
    key_path = register_github_app(github_sim, tmp_path, owner="Codertocat", installation_id=1)
    github_sim.add_repo(GH_REPO, default_branch="master")
    github_sim.set_files(GH_REPO, "master", {"app/jobs.py": BASE})
    github_sim.add_pull(
        GH_REPO,
        number=NUMBER,
        diff=_diff(BASE, HEAD),
        base_ref="master",
        head_sha=OPENED["pull_request"]["head"]["sha"],
        head_files={"app/jobs.py": HEAD},
        user="Codertocat",
    )
    github_sim.set_role(GH_REPO, "dev-writer", "write")
    github_sim.set_role(GH_REPO, "drive-by", "read")
    env = {
        "REMEDIATOR_GITHUB_APP_ID": "4242",
        "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH": str(key_path),
        "REMEDIATOR_GITHUB_API_URL": github_sim.url,
        "REMEDIATOR_GITHUB_WRITE_INTERVAL": "0",
    }
    with run_gunicorn(tmp_path, env) as server:
        yield server, env
    forget_engines()


def _settings(server: Server, env: dict[str, str]) -> Settings:
    return replace(Settings.from_env(env), data_dir=server.data_dir, github_write_interval=0.0)


def _deliver_and_run(server: Server, env: dict[str, str], event: str, payload: dict, delivery: str) -> None:
    body = json.dumps(payload).encode()
    status, raw = server.request(
        "POST", "/webhooks/github", body, signed_headers(body, delivery, event=event)
    )
    assert status == 202, raw
    job_id = json.loads(raw)["job"]
    ledger = SqliteLedger(server.data_dir / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)
    worker = Worker(_settings(server, env), ledger, lambda job, delay: None, SystemClock())
    assert worker.run(job_id) is JobState.DONE, ledger.get(job_id)


def _store(server: Server) -> AdvisoryStore:
    return AdvisoryStore(make_engine(f"sqlite:///{server.data_dir / 'advisories.db'}"), SystemClock())


def _command(github_sim, user: str, body: str) -> tuple[dict, int]:
    """The human writes the comment on the PR (so it exists on 'GitHub'); GitHub then sends this event."""
    posted = github_sim.add_human_issue_comment(GH_REPO, NUMBER, user=user, body=body)
    event = copy.deepcopy(COMMENT)
    event["repository"]["full_name"] = GH_REPO
    event["installation"]["id"] = 1
    event["issue"]["number"] = NUMBER
    event["issue"]["pull_request"] = {"url": f"https://api.github.com/repos/{GH_REPO}/pulls/{NUMBER}"}
    event["issue"]["user"]["login"] = "Codertocat"
    event["comment"].update(id=posted.id, body=body)
    event["comment"]["user"].update(login=user, type="User")
    return event, posted.id


def _replies(github_sim, comment_id: int) -> list[str]:
    marker = f"<!-- remediator:reply to={comment_id} -->"
    return [c.body for c in github_sim.issue_comments(GH_REPO, NUMBER) if marker in c.body]


def _reactions(github_sim, comment_id: int) -> list[str]:
    comment = next(c for c in github_sim.issue_comments(GH_REPO, NUMBER) if c.id == comment_id)
    return [r.content for r in comment.reactions]


def test_review_dismiss_push_merge(world, github_sim, tmp_path):
    server, env = world
    _deliver_and_run(server, env, "pull_request", OPENED, "d-opened")

    store = _store(server)
    advisories = store.page(AdvisoryQuery(repos=(GH_REPO,))).items
    assert len(advisories) == 2 and {a.state for a in advisories} == {State.OPEN}
    assert {a.cwe for a in advisories} == {"CWE-78", "CWE-295"}
    tls = next(a for a in advisories if a.cwe == "CWE-295")
    cmd = next(a for a in advisories if a.cwe == "CWE-78")
    assert "verify=False" in tls.excerpt and tls.first_pr == NUMBER
    comments = [c for c in github_sim.review_comments(GH_REPO, NUMBER) if c.user == "remediator[bot]"]
    assert any(f"Advisory `{tls.short_id}`" in c.body for c in comments)  # the id people type

    # someone with read access only tries to dismiss the command injection: refused, nothing changes
    event, refused_id = _command(
        github_sim, "drive-by", f"/remediator dismiss {cmd.short_id} looks fine to me"
    )
    _deliver_and_run(server, env, "issue_comment", event, "d-refused")
    (reply,) = _replies(github_sim, refused_id)
    assert "needs write access" in reply and "Nothing was changed" in reply
    assert _reactions(github_sim, refused_id) == ["confused"]
    assert store.get(cmd.id).state is State.OPEN

    # a developer with write access dismisses the TLS finding with a reason
    event, ok_id = _command(
        github_sim,
        "dev-writer",
        f"Thanks!\n/remediator dismiss {tls.short_id} only calls the local mock server",
    )
    _deliver_and_run(server, env, "issue_comment", event, "d-dismiss")
    assert _reactions(github_sim, ok_id) == ["+1"]
    (reply,) = _replies(github_sim, ok_id)
    assert f"Dismissed advisory `{tls.short_id}`" in reply
    dismissed = store.get(tls.id)
    assert (dismissed.state, dismissed.state_actor, dismissed.state_reason) == (
        State.DISMISSED,
        "dev-writer",
        "only calls the local mock server",
    )
    assert [(e.action, e.actor, e.source) for e in store.history(tls.id)][-1] == (
        "dismissed",
        "dev-writer",
        "command",
    )

    # a malformed command gets a polite reply
    event, bad_id = _command(github_sim, "dev-writer", "/remediator dismiss")
    _deliver_and_run(server, env, "issue_comment", event, "d-bad")
    assert "did not understand" in _replies(github_sim, bad_id)[0]

    # the next push: the dismissed finding is not raised again (no comment, no annotation, not listed)
    new_sha = github_sim.push(GH_REPO, NUMBER, diff=_diff(BASE, PUSHED), head_files={"app/jobs.py": PUSHED})
    sync = copy.deepcopy(SYNCHRONIZE)
    sync["pull_request"]["head"]["sha"] = new_sha
    sync["after"] = new_sha
    _deliver_and_run(server, env, "pull_request", sync, "d-sync")
    run = github_sim.check_runs(GH_REPO)[-1]
    assert run.head_sha == new_sha
    titles = [a["title"] for a in run.annotations]
    assert any("CWE-78" in t for t in titles) and not any("CWE-295" in t for t in titles)
    summary = next(c for c in github_sim.issue_comments(GH_REPO, NUMBER) if "remediator:summary" in c.body)
    assert "dismissed by a person" in summary.body and "verify" not in summary.body.split("| # |")[-1]
    bot_comments = [c for c in github_sim.review_comments(GH_REPO, NUMBER) if c.user == "remediator[bot]"]
    assert len(bot_comments) == 2  # nothing posted twice
    assert store.get(tls.id).state is State.DISMISSED and store.get(cmd.id).last_commit == new_sha

    # merge with the command injection still open
    merge_sha = github_sim.close_pull(GH_REPO, NUMBER, merged=True)
    closed = copy.deepcopy(CLOSED)
    closed["repository"]["full_name"] = GH_REPO
    closed["number"] = NUMBER
    closed["pull_request"].update(number=NUMBER, merged=True, merge_commit_sha=merge_sha)
    _deliver_and_run(server, env, "pull_request", closed, "d-merged")
    flagged = store.get(cmd.id)
    assert flagged.merged_while_open and flagged.merge_commit == merge_sha and flagged.merged_pr == NUMBER
    assert not store.get(tls.id).merged_while_open

    # the security lead sees it from the command line
    cli_env = {k: v for k, v in os.environ.items() if not k.startswith("REMEDIATOR_")}
    cli_env.update(REMEDIATOR_DATA_DIR=str(server.data_dir), PYTHONPATH=str(REPO))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli.main",
            "advisories",
            "list",
            "--merged-while-open",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=cli_env,
        cwd=REPO,
        check=True,
    ).stdout
    listed = json.loads(out)["advisories"]
    assert [(a["short_id"], a["merge_commit"]) for a in listed] == [(cmd.short_id, merge_sha)]
