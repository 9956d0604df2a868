"""The webhook edge: signature check, every HTTP status of POST /webhooks/github, health and readiness."""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.jobqueue import JobQueue, JobState, SqliteLedger, SystemClock, make_huey
from tests.fixtures import PLATFORM
from webhooks import create_app
from webhooks.intake.signatures import verify_github

EXAMPLES = PLATFORM / "github-webhooks" / "payload-examples" / "api.github.com"
SECRET = "test-secret-\u00e9-not-real"
LIMIT = 200_000


def sign(body: bytes, secret: str = SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def example(event: str, name: str) -> bytes:
    return (EXAMPLES / event / name).read_bytes()


# --- signatures -------------------------------------------------------------------------------


def test_verify_github_accepts_githubs_documented_test_vector() -> None:
    vector = json.loads((PLATFORM / "github-webhook-signature-test-vector.json").read_text())
    body = vector["payload"].encode()
    assert verify_github(body, vector["X-Hub-Signature-256"], vector["secret"])
    assert sign(body, vector["secret"]) == vector["X-Hub-Signature-256"]


@pytest.mark.parametrize(
    ("body", "header", "secret"),
    [
        (b"Hello, World!", None, "It's a Secret to Everybody"),
        (b"Hello, World!", "", "It's a Secret to Everybody"),
        (b"Hello, World!", sign(b"Hello, World!", "other"), "It's a Secret to Everybody"),
        (
            b"Hello, World?",
            sign(b"Hello, World!", "It's a Secret to Everybody"),
            "It's a Secret to Everybody",
        ),
        (b"Hello, World!", sign(b"Hello, World!", "x").replace("sha256=", "sha1="), "x"),
        (b"Hello, World!", sign(b"Hello, World!", "x")[:-1], "x"),
        (b"Hello, World!", sign(b"Hello, World!", "x") + "\u00e9", "x"),
        (b"", sign(b""), ""),
    ],
    ids=["missing", "empty", "wrong-secret", "tampered-body", "sha1", "truncated", "non-ascii", "no-secret"],
)
def test_verify_github_rejects(body: bytes, header: str | None, secret: str) -> None:
    assert not verify_github(body, header, secret)


# --- POST /webhooks/github ----------------------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", github_webhook_secret=SECRET, max_body_bytes=LIMIT)


@pytest.fixture
def client(settings: Settings) -> FlaskClient:
    return create_app(settings).test_client()


def post(
    client: FlaskClient,
    body: bytes,
    *,
    event: str = "pull_request",
    delivery: str | None = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    signature: str | None = None,
    **kwargs: Any,
) -> Any:
    headers = {"Content-Type": "application/json", "X-GitHub-Event": event}
    if delivery is not None:
        headers["X-GitHub-Delivery"] = delivery
    headers["X-Hub-Signature-256"] = sign(body) if signature is None else signature
    return client.post("/webhooks/github", data=body, headers=headers, **kwargs)


def ledger_of(settings: Settings) -> SqliteLedger:
    return SqliteLedger(settings.data_dir / "jobs.db", SystemClock(), max_attempts=6, lease_seconds=900)


def test_a_signed_pull_request_is_queued_once_and_a_redelivery_is_a_duplicate(
    client: FlaskClient, settings: Settings
) -> None:
    body = example("pull_request", "opened.payload.json")
    first = post(client, body)
    assert first.status_code == 202
    job_id = first.get_json()["job"]
    again = post(client, body)
    assert again.status_code == 202
    assert again.get_json() == {"job": job_id, "duplicate": True}
    ledger = ledger_of(settings)
    assert ledger.count() == 1
    job = ledger.get(job_id)
    assert job is not None
    assert (job.handler, job.state) == ("bot.jobs.review_pr:review_pull_request", JobState.QUEUED)
    assert job.payload["repo"] == "Codertocat/Hello-World"
    assert job.delivery_id == "72d3162e-cc78-11e3-81ab-4c9367dc0958"


def test_a_newer_push_makes_the_queued_review_obsolete(client: FlaskClient, settings: Settings) -> None:
    opened = example("pull_request", "opened.payload.json")
    pushed = json.loads(opened)
    pushed["action"] = "synchronize"
    pushed["pull_request"]["head"]["sha"] = "f" * 40
    first = post(client, opened, delivery="d-1").get_json()["job"]
    second = post(client, json.dumps(pushed).encode(), delivery="d-2")
    assert second.status_code == 202
    ledger = ledger_of(settings)
    assert ledger.get(first).state is JobState.OBSOLETE  # type: ignore[union-attr]
    assert ledger.get(second.get_json()["job"]).payload["head_sha"] == "f" * 40  # type: ignore[union-attr]


def test_body_over_the_limit_is_413_by_content_length(client: FlaskClient, settings: Settings) -> None:
    body = b"{" + b" " * LIMIT + b"}"
    response = post(client, body)
    assert response.status_code == 413
    assert "error" in response.get_json()
    assert ledger_of(settings).count() == 0


def test_body_over_the_limit_is_413_without_content_length(client: FlaskClient) -> None:
    body = b"{" + b" " * LIMIT + b"}"
    headers = {"X-GitHub-Event": "ping", "X-GitHub-Delivery": "d", "X-Hub-Signature-256": sign(body)}
    response = client.post(
        "/webhooks/github",
        input_stream=io.BytesIO(body),
        headers=headers,
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 413
    assert "error" in response.get_json()


def test_max_content_length_is_configured(settings: Settings) -> None:
    assert create_app(settings).config["MAX_CONTENT_LENGTH"] == LIMIT


def test_no_secret_configured_is_503_and_nothing_is_accepted(tmp_path: Path) -> None:
    client = create_app(Settings(data_dir=tmp_path, github_webhook_secret="")).test_client()
    body = example("pull_request", "opened.payload.json")
    response = post(client, body, signature=sign(body, ""))
    assert response.status_code == 503
    assert "secret" in response.get_json()["error"]


@pytest.mark.parametrize("signature", ["", "sha256=" + "0" * 64, sign(b"other body"), sign(b"x", "wrong")])
def test_bad_or_missing_signature_is_401(client: FlaskClient, settings: Settings, signature: str) -> None:
    response = post(client, example("pull_request", "opened.payload.json"), signature=signature)
    assert response.status_code == 401
    assert response.is_json
    assert ledger_of(settings).count() == 0


def test_signature_is_checked_before_parsing(client: FlaskClient) -> None:
    assert post(client, b"{not json", signature="sha256=00").status_code == 401


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"[1, 2]", b'"text"', b""])
def test_malformed_json_or_not_an_object_is_400(client: FlaskClient, body: bytes) -> None:
    response = post(client, body)
    assert response.status_code == 400
    assert "JSON" in response.get_json()["error"]


def test_missing_delivery_id_is_400(client: FlaskClient) -> None:
    response = post(client, example("pull_request", "opened.payload.json"), delivery=None)
    assert response.status_code == 400
    assert "X-GitHub-Delivery" in response.get_json()["error"]


def test_missing_event_header_is_400(client: FlaskClient) -> None:
    assert post(client, example("pull_request", "opened.payload.json"), event="").status_code == 400


def test_ping_is_200(client: FlaskClient, settings: Settings) -> None:
    response = post(client, example("ping", "payload.json"), event="ping")
    assert response.status_code == 200
    assert ledger_of(settings).count() == 0


@pytest.mark.parametrize(
    ("event", "name"),
    # (closed now starts the advisory ledger's job: tests/unit/test_ledger_commands.py)
    [("pull_request", "assigned.payload.json"), ("pull_request", "labeled.payload.json")],
)
def test_events_that_need_no_work_are_204(
    client: FlaskClient, settings: Settings, event: str, name: str
) -> None:
    response = post(client, example(event, name), event=event)
    assert response.status_code == 204
    assert response.data == b""
    assert ledger_of(settings).count() == 0


def test_an_unrelated_event_is_204(client: FlaskClient) -> None:
    assert post(client, b'{"action": "created"}', event="star").status_code == 204


def test_an_event_missing_a_needed_field_is_400(client: FlaskClient, settings: Settings) -> None:
    data = json.loads(example("pull_request", "opened.payload.json"))
    del data["repository"]
    response = post(client, json.dumps(data).encode())
    assert response.status_code == 400
    assert "repository.full_name" in response.get_json()["error"]
    assert ledger_of(settings).count() == 0


def test_an_unexpected_error_is_a_json_500_logged_with_its_traceback(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    class Exploding(JobQueue):
        def submit(self, spec: JobSpec, delivery_id: str) -> tuple[str, bool]:
            raise RuntimeError("disk on fire")

    queue = Exploding(settings, ledger_of(settings), make_huey(settings), SystemClock())
    client = create_app(settings, queue=queue).test_client()
    with caplog.at_level(logging.ERROR):
        response = post(client, example("pull_request", "opened.payload.json"))
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal error"}
    assert any(r.exc_info for r in caplog.records)


def test_queue_storage_down_is_503_so_the_delivery_can_be_redelivered(
    settings: Settings, tmp_path: Path
) -> None:
    broken = SqliteLedger(tmp_path, SystemClock(), max_attempts=1, lease_seconds=10)  # a directory
    client = create_app(
        settings, queue=JobQueue(settings, broken, make_huey(settings), SystemClock())
    ).test_client()
    response = post(client, example("pull_request", "opened.payload.json"))
    assert response.status_code == 503
    assert "redeliver" in response.get_json()["error"]


def test_logs_never_hold_the_secret_the_signature_or_the_body(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    body = example("pull_request", "opened.payload.json")
    with caplog.at_level(logging.DEBUG):
        post(client, body)
        post(client, body)
        post(client, body, signature="sha256=" + "1" * 64)
    text = caplog.text
    assert "queued as job" in text
    assert SECRET not in text
    assert sign(body) not in text
    assert "Codertocat" not in text


# --- health ---------------------------------------------------------------------------------------


def test_healthz_and_readyz(client: FlaskClient) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").get_json() == {"status": "ready"}


def test_readyz_is_503_when_the_queue_storage_does_not_answer(settings: Settings, tmp_path: Path) -> None:
    broken = SqliteLedger(tmp_path, SystemClock(), max_attempts=1, lease_seconds=10)  # a directory
    queue = JobQueue(settings, broken, make_huey(settings), SystemClock())
    client = create_app(settings, queue=queue).test_client()
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "error" in response.get_json()
    assert client.get("/healthz").status_code == 200


def test_the_web_process_imports_no_heavy_or_host_library(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import hashlib, hmac, sys
        from pathlib import Path
        from bot.config.settings import Settings
        from webhooks import create_app
        body = Path({str(EXAMPLES / "pull_request" / "opened.payload.json")!r}).read_bytes()
        app = create_app(Settings(data_dir=Path({str(tmp_path)!r}), github_webhook_secret="s"))
        sig = "sha256=" + hmac.new(b"s", body, hashlib.sha256).hexdigest()
        headers = {{"X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d", "X-Hub-Signature-256": sig}}
        status = app.test_client().post("/webhooks/github", data=body, headers=headers).status_code
        roots = {{name.partition(".")[0] for name in sys.modules}}
        print(status, sorted(roots & {{"openai", "github", "gitlab", "semgrep", "bandit"}}))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["202", "[]"]


def test_a_field_of_the_wrong_type_is_a_400_not_a_500(client: FlaskClient) -> None:
    body = json.loads(example("pull_request", "opened.payload.json"))
    body["pull_request"]["number"] = "not-a-number"
    response = post(client, json.dumps(body).encode(), delivery="delivery-type")
    assert response.status_code == 400
    assert "pull_request.number is not a number" in response.get_json()["error"]


def test_the_bots_own_comments_are_never_commands(client: FlaskClient, settings: Settings) -> None:
    body = json.loads(example("issue_comment", "created.payload.json"))
    body["issue"]["pull_request"] = {"url": "https://api.github.com/repos/x/y/pulls/1"}
    body["comment"]["user"]["type"] = "User"
    body["comment"]["body"] = "<!-- remediator:reply to=5 -->\n/remediator help"
    response = post(client, json.dumps(body).encode(), event="issue_comment", delivery="delivery-bot")
    assert response.status_code == 204
    assert ledger_of(settings).count() == 0
