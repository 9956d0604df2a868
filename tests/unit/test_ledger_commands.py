"""Commands on pull requests are parsed by a fixed grammar (never executed), webhook events become
the right small jobs, and the org config explains every mistake by its key."""

from __future__ import annotations

import copy
import datetime as dt
import json

import pytest

from bot.config.org import load_org_config, parse_org_config
from bot.core.commands import Command, CommandError, command_line, parse_command
from bot.core.events import CLOSED_HANDLER, COMMAND_HANDLER, github_job
from bot.core.models import Severity
from bot.errors import ConfigError
from tests.fixtures import PLATFORM
from tests.integration.conftest import PAYLOADS

COMMENT = json.loads((PAYLOADS / "issue_comment" / "created.with-installation.payload.json").read_text())
CLOSED = json.loads((PAYLOADS / "pull_request" / "closed.payload.json").read_text())
OPENED = json.loads((PAYLOADS / "pull_request" / "opened.payload.json").read_text())
SCHEMAS = PLATFORM / "github-webhooks" / "payload-schemas" / "api.github.com"


def on_pr(body: str, user_type: str = "User") -> dict:
    event = copy.deepcopy(COMMENT)
    event["issue"]["pull_request"] = {"url": event["issue"]["url"].replace("/issues/", "/pulls/")}
    event["comment"]["body"] = body
    event["comment"]["user"]["type"] = user_type
    return event


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "/remediator dismiss 3f9a1c2e test fixture only",
            Command("dismiss", "3f9a1c2e", "test fixture only"),
        ),
        ("/remediator DISMISS #12 not reachable", Command("dismiss", "12", "not reachable")),
        (
            "/remediator accept-risk 3f9a1c2e until 2026-03-31 behind the VPN",
            Command("accept-risk", "3f9a1c2e", "behind the VPN", dt.date(2026, 3, 31)),
        ),
        ("/remediator reopen 3f9a1c2e", Command("reopen", "3f9a1c2e")),
        ("/remediator explain 3f9a1c2e", Command("explain", "3f9a1c2e")),
        ("/remediator rescan", Command("rescan")),
        ("/remediator", Command("help")),
    ],
)
def test_commands_parse(line, expected):
    assert parse_command(line) == expected
    assert Command.from_payload(expected.as_payload()) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("/remediator delete-everything now", "is not a Remediator command"),
        ("/remediator dismiss", "the advisory id is missing"),
        ("/remediator dismiss $(rm -rf /) because", "is not an advisory id"),
        ("/remediator dismiss 3f9a1c2e", "a reason is required"),
        ("/remediator accept-risk 3f9a1c2e tomorrow ok", "not YYYY-MM-DD"),
        ("/remediator accept-risk 3f9a1c2e until 2026-02-30 ok", "not a calendar date"),
        ("/remediator accept-risk 3f9a1c2e until 2026-02-20", "a reason is required"),
    ],
)
def test_malformed_commands_say_why(line, message):
    with pytest.raises(CommandError, match=message) as info:
        parse_command(line)
    assert "$(" not in str(info.value) and "`rm" not in str(info.value)  # user text is never echoed raw


def test_only_a_command_on_its_own_line_outside_code_counts():
    assert command_line("thanks!\n/remediator rescan\n") == "/remediator rescan"
    assert command_line("> /remediator rescan") is None
    assert command_line("see `/remediator help`") is None
    assert command_line("```\n/remediator dismiss 3f9a1c2e x\n```") is None
    assert command_line("/remediatorx help") is None


def test_a_command_comment_on_a_pull_request_becomes_a_command_job():
    spec = github_job("issue_comment", on_pr("LGTM\n/remediator dismiss 3f9a1c2e test data only"))
    assert spec is not None and spec.handler == COMMAND_HANDLER
    assert spec.key == "github:Codertocat/Hello-World#1"
    # only which comment to read back: who wrote it and what it says come from GitHub's API
    assert spec.payload == {
        "host": "github",
        "repo": "Codertocat/Hello-World",
        "number": 1,
        "comment_id": str(COMMENT["comment"]["id"]),
        "installation_id": COMMENT["installation"]["id"],
    }
    assert "LGTM" not in json.dumps(spec.payload) and "author" not in spec.payload


def test_comments_that_need_no_work_start_no_job():
    assert github_job("issue_comment", COMMENT) is None  # an issue, not a pull request
    assert github_job("issue_comment", on_pr("nice work")) is None
    assert github_job("issue_comment", on_pr("/remediator help", user_type="Bot")) is None
    edited = on_pr("/remediator help")
    edited["action"] = "edited"
    assert github_job("issue_comment", edited) is None


def test_closing_a_pull_request_starts_a_ledger_job_with_the_merge_commit():
    spec = github_job("pull_request", CLOSED)
    assert spec is not None and spec.handler == CLOSED_HANDLER
    assert spec.payload["merged"] is False and spec.payload["merge_commit"] == ""
    merged = copy.deepcopy(CLOSED)
    merged["pull_request"]["merged"] = True
    spec = github_job("pull_request", merged)
    assert spec is not None and spec.payload["merge_commit"] == CLOSED["pull_request"]["merge_commit_sha"]


def test_org_config_reads_team_and_sla_and_names_each_bad_key(tmp_path):
    org = parse_org_config("security_team: ['github:Alice', 'gitlab:@bob']\nsla_days: {critical: 3}\n")
    assert org.in_security_team("github", "alice") and org.in_security_team("gitlab", "BOB")
    # a login is always a (host, login) pair: GitLab's alice never has GitHub alice's rights
    assert not org.in_security_team("gitlab", "alice") and not org.in_security_team("github", "bob")
    with pytest.raises(ConfigError, match=r"security_team\[0\]: 'alice' is not a host:login pair"):
        parse_org_config("security_team: [alice]\n")
    assert org.sla_days[Severity.CRITICAL] == 3 and org.sla_days[Severity.HIGH] == 30
    with pytest.raises(ConfigError) as info:
        parse_org_config("security_team: alice\nsla_days: {urgent: 3, high: -1}\nteam: [x]\n")
    text = str(info.value)
    for expected in (
        "team: unknown key",
        "security_team: must be a list",
        "sla_days.urgent: unknown severity",
        "sla_days.high: must be a whole number",
    ):
        assert expected in text
    with pytest.raises(ConfigError, match="cannot read it"):
        load_org_config(str(tmp_path / "missing.yml"))
    assert load_org_config("").sla_days[Severity.CRITICAL] == 7


def test_reasons_cannot_carry_the_bots_hidden_markers():
    from bot.store.lifecycle import clean_reason

    text = clean_reason("fixture <!-- remediator:summary --> only", required=True)
    assert "<!--" not in text and "-->" not in text and "fixture" in text


def _edited_base(changes: dict) -> dict:
    """GitHub's ``pull_request.edited`` body: the real ``opened`` example with the action and ``changes``
    the event's schema (tests/fixtures/platform/.../edited.schema.json) describes."""
    body = copy.deepcopy(OPENED)
    body["action"] = "edited"
    body["changes"] = changes
    return body


def test_a_base_branch_change_is_reviewed_again():
    import jsonschema

    changed = _edited_base({"base": {"ref": {"from": "staging"}, "sha": {"from": "a" * 40}}})
    schema = json.loads((SCHEMAS / "pull_request" / "edited.schema.json").read_text())
    properties = schema["properties"]
    jsonschema.validate(changed["changes"], properties["changes"])  # the shape GitHub documents
    assert changed["action"] in properties["action"]["enum"]
    spec = github_job("pull_request", changed)
    assert spec is not None and spec.handler == "bot.jobs.review_pr:review_pull_request" and spec.supersede
    # a title edit changes no diff: nothing to do
    assert github_job("pull_request", _edited_base({"title": {"from": "old"}})) is None
