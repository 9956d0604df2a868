"""POST /webhooks/gitlab with GitLab's real webhook bodies: token check, every status, the jobs queued
(review on open/reopen/update-with-oldrev, ledger on merge/close, commands from notes), idempotency."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.config.settings import Settings
from bot.core.events import EventError
from bot.core.events_gitlab import CLOSED_HANDLER, COMMAND_HANDLER, gitlab_job
from bot.jobqueue import JobState, SqliteLedger, SystemClock
from tests.fixtures import PLATFORM
from webhooks import create_app
from webhooks.intake.signatures import verify_gitlab

GITLAB = PLATFORM / "gitlab"
SECRET = "gitlab-test-secret-\u00e9"
LIMIT = 200_000


def example(name: str) -> dict[str, Any]:
    return json.loads((GITLAB / name).read_text())


MR_OPEN = "go-playground-webhooks-testdata/merge-request-event.json"
MR_UPDATE = "go-gitlab-testdata/webhooks/service_merge_request.json"  # action update with oldrev
BROKEN = "go-gitlab-testdata/webhooks/group_merge_request.json"  # its keys end in spaces ("iid ")
NOTE_MR = "go-gitlab-testdata/webhooks/note_merge_request.json"
NOTE_ISSUE = "go-gitlab-testdata/webhooks/note_issue.json"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", gitlab_webhook_secret=SECRET, max_body_bytes=LIMIT)


@pytest.fixture
def client(settings: Settings) -> FlaskClient:
    return create_app(settings).test_client()


def post(
    client: FlaskClient,
    body: bytes | dict[str, Any],
    *,
    event: str = "Merge Request Hook",
    token: str | None = SECRET,
    uuid: str | None = "3b9d1c2e-8b1f-4c59-9d3c-8f6f2b9e1a10",
) -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    headers = {"Content-Type": "application/json", "X-Gitlab-Event": event}
    if token is not None:
        headers["X-Gitlab-Token"] = token
    if uuid is not None:
        headers["X-Gitlab-Event-UUID"] = uuid
    return client.post("/webhooks/gitlab", data=data, headers=headers)


def ledger_of(settings: Settings) -> SqliteLedger:
    return SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)


def test_verify_gitlab_is_an_exact_match_and_never_accepts_an_empty_secret() -> None:
    assert verify_gitlab("s3cret", "s3cret")
    for token, secret in [
        (None, "s3cret"),
        ("", "s3cret"),
        ("s3cre", "s3cret"),
        ("s3cret ", "s3cret"),
        ("", ""),
    ]:
        assert not verify_gitlab(token, secret)
    assert not verify_gitlab("\u00e9\u00e9", "ee")


def test_an_opened_merge_request_is_queued_once_and_a_retry_is_a_duplicate(client, settings) -> None:
    first = post(client, example(MR_OPEN))
    assert first.status_code == 202
    again = post(client, example(MR_OPEN))
    assert again.status_code == 202 and again.get_json() == {
        "job": first.get_json()["job"],
        "duplicate": True,
    }
    ledger = ledger_of(settings)
    assert ledger.count() == 1
    job = ledger.get(first.get_json()["job"])
    assert job is not None and job.state is JobState.QUEUED
    assert job.handler == "bot.jobs.review_pr:review_pull_request"
    assert dict(job.payload) == {
        "host": "gitlab",
        "repo": "gitlabhq/gitlab-test",
        "number": 1,
        "action": "open",
        "head_sha": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
        "draft": False,
    }


def test_without_an_event_uuid_the_body_hash_is_the_idempotency_key(client, settings) -> None:
    body = json.dumps(example(MR_OPEN)).encode()
    first = post(client, body, uuid=None).get_json()["job"]
    assert post(client, body, uuid=None).get_json() == {"job": first, "duplicate": True}
    changed = example(MR_OPEN)
    changed["object_attributes"]["action"] = "reopen"
    assert post(client, changed, uuid=None).get_json()["job"] != first
    assert ledger_of(settings).count() == 2


def test_two_hooks_of_one_event_share_the_uuid_but_both_are_queued(client, settings) -> None:
    mr = post(client, example(MR_UPDATE), uuid="same-uuid")
    note = example(NOTE_MR)
    note["object_attributes"]["note"] = "/remediator explain"
    command = post(client, note, event="Note Hook", uuid="same-uuid")
    assert mr.status_code == command.status_code == 202
    assert mr.get_json()["job"] != command.get_json()["job"]


def test_update_with_new_commits_reviews_and_supersedes_the_queued_review(client, settings) -> None:
    opened = example(MR_UPDATE)
    opened["object_attributes"]["action"] = "open"
    opened["object_attributes"].pop("oldrev")
    first = post(client, opened, uuid="u-1").get_json()["job"]
    pushed = post(client, example(MR_UPDATE), uuid="u-2")
    assert pushed.status_code == 202
    ledger = ledger_of(settings)
    assert ledger.get(first).state is JobState.OBSOLETE
    job = ledger.get(pushed.get_json()["job"])
    assert job.payload["action"] == "update" and job.payload["repo"] == "test/woodpecker"


@pytest.mark.parametrize(
    "change",
    [
        lambda b: b["object_attributes"].pop("oldrev"),  # title/label edits: no new commits
        lambda b: b["object_attributes"].update(action="approved"),
        lambda b: b["object_attributes"].update(action="unapproved"),
    ],
    ids=["update-without-oldrev", "approved", "unapproved"],
)
def test_merge_request_actions_that_need_no_work_are_204(client, settings, change) -> None:
    body = example(MR_UPDATE)
    change(body)
    assert post(client, body).status_code == 204
    assert ledger_of(settings).count() == 0


def test_merge_and_close_queue_a_ledger_job(client, settings) -> None:
    body = example(MR_OPEN)
    body["object_attributes"].update(action="merge", state="merged", merge_commit_sha="c" * 40)
    merged = post(client, body)
    assert merged.status_code == 202
    job = ledger_of(settings).get(merged.get_json()["job"])
    assert job.handler == CLOSED_HANDLER
    assert job.payload["action"] == "merged" and job.payload["merged"] is True
    assert job.payload["merge_commit"] == "c" * 40
    assert job.payload["repo"] == "gitlabhq/gitlab-test" and job.payload["host"] == "gitlab"
    closed = example(MR_OPEN)
    closed["object_attributes"]["action"] = "close"
    job = ledger_of(settings).get(post(client, closed).get_json()["job"])
    assert (job.payload["action"], job.payload["merged"]) == ("closed", False)


def test_a_command_note_on_a_merge_request_queues_a_command_job(client, settings) -> None:
    note = example(NOTE_MR)
    note["object_attributes"]["note"] = "Looked at it.\n/remediator dismiss 3f9a1c2e test data only"
    response = post(client, note, event="Note Hook")
    assert response.status_code == 202
    job = ledger_of(settings).get(response.get_json()["job"])
    assert job.handler == COMMAND_HANDLER == "bot.jobs.run_command:run_command"
    assert dict(job.payload) == {
        "host": "gitlab",
        "repo": "gitlab-org/gitlab-test",
        "number": 1,
        "comment_id": "1244",
    }  # neither the note text nor user.username: the worker reads the note back from GitLab


@pytest.mark.parametrize(
    ("name", "change"),
    [
        (NOTE_MR, lambda b: None),  # "This MR needs work." is no command
        (NOTE_ISSUE, lambda b: b["object_attributes"].update(note="/remediator dismiss")),  # not an MR
        (NOTE_MR, lambda b: b["object_attributes"].update(note="/remediator dismiss", system=True)),
        (NOTE_MR, lambda b: b["object_attributes"].update(note="/remediator dismiss", action="update")),
        (
            NOTE_MR,
            lambda b: b["object_attributes"].update(note="<!-- remediator:reply to=1 -->\n/remediator help"),
        ),
    ],
    ids=["no-command", "issue-note", "system-note", "edited-note", "bot-note"],
)
def test_notes_that_are_not_new_commands_are_204(client, settings, name, change) -> None:
    body = example(name)
    change(body)
    assert post(client, body, event="Note Hook").status_code == 204
    assert ledger_of(settings).count() == 0


def test_wrong_or_missing_token_is_401_and_nothing_is_queued(client, settings) -> None:
    assert post(client, example(MR_OPEN), token="wrong").status_code == 401
    assert post(client, example(MR_OPEN), token=None).status_code == 401
    assert ledger_of(settings).count() == 0


def test_no_secret_configured_is_503(tmp_path) -> None:
    client = create_app(Settings(data_dir=tmp_path / "d", gitlab_webhook_secret="")).test_client()
    response = post(client, example(MR_OPEN), token="")
    assert response.status_code == 503 and "REMEDIATOR_GITLAB_WEBHOOK_SECRET" in response.get_json()["error"]


def test_size_and_json_rules_match_github(client, settings) -> None:
    assert post(client, b"{" + b" " * LIMIT + b"}").status_code == 413
    assert post(client, b"{not json").status_code == 400
    assert post(client, b"[1, 2]").status_code == 400
    no_event = client.post("/webhooks/gitlab", data=b"{}", headers={"X-Gitlab-Token": SECRET})
    assert no_event.status_code == 400 and "X-Gitlab-Event" in no_event.get_json()["error"]
    broken = example(MR_OPEN)
    del broken["object_attributes"]["iid"]
    response = post(client, broken)
    assert response.status_code == 400 and "object_attributes.iid" in response.get_json()["error"]
    assert post(client, example(MR_OPEN), event="Push Hook").status_code == 204
    assert ledger_of(settings).count() == 0


def test_every_real_merge_request_body_parses_to_a_job_or_none() -> None:
    for path in sorted(GITLAB.rglob("*.json")):
        body = json.loads(path.read_text())
        if not isinstance(body, dict) or body.get("object_kind") not in ("merge_request", "note"):
            continue
        event = "Merge Request Hook" if body["object_kind"] == "merge_request" else "Note Hook"
        if path.name == Path(BROKEN).name:
            with pytest.raises(EventError, match=r"object_attributes\.iid"):
                gitlab_job(event, body)  # answered 400 with that message, nothing queued
            continue
        try:
            spec = gitlab_job(event, body)
        except EventError as exc:  # pragma: no cover - a real body must parse
            pytest.fail(f"{path.name}: {exc}")
        if spec is not None:
            assert spec.payload["host"] == "gitlab" and "/" in spec.payload["repo"], path.name


# ------------------------------------------------------------------ issue 16: per-project secrets
PROJECT_A = "gitlab-org/gitlab-test"  # the project NOTE_MR names
SECRET_A = "secret-of-gitlab-test-0123456789"
SECRET_B = "secret-of-other-project-987654321"


@pytest.fixture
def per_project(tmp_path: Path) -> FlaskClient:
    secrets_file = tmp_path / "gitlab-secrets"
    secrets_file.write_text(f"# project secret\n{PROJECT_A} {SECRET_A}\nacme/other {SECRET_B}\n")
    settings = Settings(
        data_dir=tmp_path / "data", gitlab_webhook_secrets_file=str(secrets_file), max_body_bytes=LIMIT
    )
    return create_app(settings).test_client()


def test_a_delivery_is_verified_against_the_project_it_names(per_project) -> None:
    note = example(NOTE_MR)
    note["object_attributes"]["note"] = "/remediator help"
    assert post(per_project, note, event="Note Hook", token=SECRET_A).status_code == 202
    # a maintainer of acme/other knows only its secret: a delivery naming gitlab-test is refused
    forged = post(per_project, note, event="Note Hook", token=SECRET_B)
    assert forged.status_code == 401 and "project this delivery names" in forged.get_json()["error"]
    # and a project not listed has no secret at all (no shared one configured)
    note["project"]["path_with_namespace"] = "someone/else"
    assert post(per_project, note, event="Note Hook", token=SECRET_A).status_code == 401


def test_the_shared_secret_never_speaks_for_a_project_with_its_own(tmp_path) -> None:
    secrets_file = tmp_path / "gitlab-secrets"
    secrets_file.write_text(f"{PROJECT_A} {SECRET_A}\n")
    settings = Settings(
        data_dir=tmp_path / "data",
        gitlab_webhook_secret=SECRET,
        gitlab_webhook_secrets_file=str(secrets_file),
        max_body_bytes=LIMIT,
    )
    client = create_app(settings).test_client()
    note = example(NOTE_MR)
    note["object_attributes"]["note"] = "/remediator help"
    assert post(client, note, event="Note Hook", token=SECRET).status_code == 401
    assert post(client, note, event="Note Hook", token=SECRET_A).status_code == 202
    note["project"]["path_with_namespace"] = "legacy/project"  # not listed: the shared secret still works
    assert post(client, note, event="Note Hook", token=SECRET).status_code == 202


def test_a_malformed_secrets_file_is_named_at_start_without_echoing_a_secret(tmp_path) -> None:
    from bot.errors import ConfigError

    secrets_file = tmp_path / "gitlab-secrets"
    secrets_file.write_text("acme/app short\n")
    with pytest.raises(ConfigError, match="line 1: the secret of acme/app is shorter") as info:
        create_app(Settings(data_dir=tmp_path / "data", gitlab_webhook_secrets_file=str(secrets_file)))
    assert "short\n" not in str(info.value) and "'short'" not in str(info.value)


# --------------------------------------------------- issue 16: a new diff without new commits is reviewed
def _update_without_oldrev(changes: dict[str, Any]) -> dict[str, Any]:
    body = example(MR_UPDATE)
    body["object_attributes"].pop("oldrev")
    body["changes"] = changes
    return body


@pytest.mark.parametrize(
    "changes",
    [
        {"target_branch": {"previous": "staging", "current": "main"}},  # retargeted to main
        {"draft": {"previous": True, "current": False}},  # a draft marked ready
        {"work_in_progress": {"previous": True, "current": False}},  # the same on older GitLab
    ],
)
def test_a_retarget_or_a_draft_marked_ready_is_reviewed(client, settings, changes) -> None:
    response = post(client, _update_without_oldrev(changes))
    assert response.status_code == 202
    job = ledger_of(settings).get(response.get_json()["job"])
    assert job.handler == "bot.jobs.review_pr:review_pull_request" and job.payload["action"] == "update"


def test_an_update_that_changes_no_diff_is_still_ignored(client) -> None:
    for changes in (
        {"title": {"previous": "a", "current": "b"}},
        {"draft": {"previous": False, "current": True}},  # marked draft: nothing new to review
    ):
        assert post(client, _update_without_oldrev(changes)).status_code == 204
