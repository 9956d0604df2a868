"""Secrets in a change never reach the model, a log line or a comment."""

from __future__ import annotations

import logging

from bot.analysis.pipeline import review_change
from bot.core.render import markdown_report
from bot.llm.types import ReviewContext
from tests.integration.llm_support import llm_settings, make_change
from tests.sim.openai_server import FakeOpenAI, Recorded, Reply, chat

AWS_ID = "AKIA" + "QYLPMN5HHHFPZAM2"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "ZZZZQWERTY12"
GH_TOKEN = "ghp_" + "aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU1vW3xY5"
KEY_BODY = "MIIEowIBAAKCAQEA7bq98mmvjr3kRLQmbzQnD" + "zyQ8vZtL5YdY8vH0bX2q9f1Q"
PASSWORD = "Tr0ub4dor&3-horse-" + "battery"
PEM = f"-----BEGIN RSA PRIVATE KEY-----\n{KEY_BODY}\n{KEY_BODY[::-1]}\n-----END RSA PRIVATE KEY-----"
SECRETS = [AWS_ID, AWS_SECRET, GH_TOKEN, KEY_BODY, KEY_BODY[::-1], PASSWORD]

SOURCE = f'''import boto3

AWS_ACCESS_KEY_ID = "{AWS_ID}"
aws_secret_access_key = "{AWS_SECRET}"
GITHUB_TOKEN = "{GH_TOKEN}"
DB_PASSWORD = "{PASSWORD}"
PRIVATE_KEY = """{PEM}"""


def client():
    return boto3.client("s3", aws_access_key_id=AWS_ACCESS_KEY_ID)
'''


def test_secrets_never_reach_requests_logs_or_comments(tmp_path, caplog):
    changeset, _ = make_change({}, {"app/cloud.py": SOURCE})
    line = next(i for i, t in enumerate(SOURCE.splitlines(), 1) if "DB_PASSWORD" in t)

    def respond(req: Recorded) -> Reply:
        if req.kind == "detection":
            f = {
                "category": "hardcoded-secret",
                "title": "Password in code",
                "severity": "high",
                "confidence": "high",
                "start_line": line,
                "end_line": line,
                "message": "DB_PASSWORD holds a literal password.",
            }
            return chat({"findings": [f]}, prompt_tokens=10, completion_tokens=10)
        return chat(
            {
                "verdict": "exploitable",
                "reason": "literal",
                "severity": "high",
                "confidence": "high",
                "explanation": "Anyone with the repo has the password.",
                "remediation": ["Rotate it.", "Read it from the environment."],
                "replacement": 'DB_PASSWORD = os.environ["DB_PASSWORD"]',
            }
        )

    caplog.set_level(logging.DEBUG)
    with FakeOpenAI(respond) as server:
        review = review_change(
            changeset,
            lambda p: SOURCE.encode(),
            llm_settings(server.url, tmp_path),
            context=ReviewContext(repo="acme/cloud", body=f"Rotating {GH_TOKEN} later, password {PASSWORD}"),
        )
    assert server.requests
    bodies = "\n".join(r.raw for r in server.requests)
    assert "<redacted>" in bodies  # the values were there and were replaced
    outputs = {"request bodies": bodies, "log lines": caplog.text, "comments": markdown_report(review)}
    for where, text in outputs.items():
        for secret in SECRETS:
            assert secret not in text, f"a secret leaked into {where}"
    assert "sk-test-key-0123456789abcdefghij" not in caplog.text
    # line numbers survived the multi-line key's redaction: the finding is on the password line
    assert any(rf.finding.start_line == line for rf in review.findings)


def test_a_private_key_edited_in_the_middle_is_redacted_whole(tmp_path):
    """The hunk changes one line inside a key block; its BEGIN line is far above the hunk."""
    body_lines = [f"{KEY_BODY[i:]}{KEY_BODY[:i]}" for i in range(40)]
    before = (
        "KEY = '''-----BEGIN RSA PRIVATE KEY-----\n"
        + "\n".join(body_lines)
        + "\n-----END RSA PRIVATE KEY-----'''\n"
    )
    changed = [*body_lines[:30], "Zm9vYmFyYmF6cXV4" + KEY_BODY, *body_lines[31:]]
    after = (
        "KEY = '''-----BEGIN RSA PRIVATE KEY-----\n"
        + "\n".join(changed)
        + "\n-----END RSA PRIVATE KEY-----'''\n"
    )
    changeset, _ = make_change({"deploy/key.py": before}, {"deploy/key.py": after})
    with FakeOpenAI(lambda req: chat({"findings": []}, prompt_tokens=10, completion_tokens=2)) as server:
        review_change(changeset, lambda p: after.encode(), llm_settings(server.url, tmp_path))
    assert server.requests, "the change must have been sent for review"
    bodies = "\n".join(r.raw for r in server.requests)
    for secret in changed[20:40]:
        assert secret not in bodies
