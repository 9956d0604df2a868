"""Hostile JSON at every parser of the web edge (issue 15, item 9): webhook bodies on
/webhooks/github and /webhooks/gitlab, API bodies, and page cursors on the API and the dashboard.
Each answers 400 with a clear JSON (or HTML) error, never 500."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import replace

import pytest
from flask import Flask

from bot.config.settings import Settings
from bot.core import safejson
from bot.core.events import EventError, github_job
from bot.core.events_gitlab import gitlab_job
from tests.contract.advisory_fixtures import FakeClock
from tests.dashboard.conftest import bearer
from tests.dashboard_seed import NOW

GITHUB_SECRET, GITLAB_SECRET = "gh-secret-not-real", "gl-secret-not-real"
DEEP = 100_000

BODIES = {
    "array nested 100k deep": b"[" * DEEP + b"]" * DEEP,
    "object nested 100k deep": b'{"a":' * DEEP + b"1" + b"}" * DEEP,
    "integer of 4,400 digits": b'{"number": ' + b"7" * 4400 + b"}",
    "Infinity": b'{"action": "opened", "number": Infinity}',
    "-Infinity": b'{"number": -Infinity}',
    "NaN": b'{"number": NaN}',
    "float overflowing to inf": b'{"number": 1e999}',
    "not UTF-8": b'{"a": "\xff"}',
}
WHY = {
    "array nested 100k deep": "nested more than 64 levels deep",
    "object nested 100k deep": "nested more than 64 levels deep",
    "integer of 4,400 digits": "a number has 4400 characters",
    "Infinity": "Infinity is not a JSON number",
    "-Infinity": "-Infinity is not a JSON number",
    "NaN": "NaN is not a JSON number",
    "float overflowing to inf": "out of range",
    "not UTF-8": "not UTF-8",
}


def cursor_of(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


CURSORS = {
    "ids of 10**30": cursor_of(json.dumps(["risk", 10**30, 10**30]).encode()),
    "row id of 10**30": cursor_of(json.dumps(["risk", 2.0, 10**30]).encode()),
    "1,500 nested [": cursor_of(b"[" * 1500 + b"]" * 1500),
    "100k nested [": cursor_of(b"[" * DEEP + b"]" * DEEP),
    "5,000 digits": cursor_of(b'["risk", 1, ' + b"9" * 5000 + b"]"),
    "Infinity": cursor_of(b'["risk", Infinity, 1]'),
    "NaN": cursor_of(b'["risk", NaN, 1]'),
    "a boolean id": cursor_of(b'["risk", 1.0, true]'),
    "not base64": "%%%",
}


@pytest.fixture
def app(settings: Settings) -> Flask:
    from webhooks import create_app

    hooks = replace(settings, github_webhook_secret=GITHUB_SECRET, gitlab_webhook_secret=GITLAB_SECRET)
    return create_app(hooks, clock=FakeClock(NOW))


# ------------------------------------------------------------------------------------- the parser
@pytest.mark.parametrize("name", sorted(BODIES))
def test_safejson_refuses_what_json_loads_accepts_or_crashes_on(name):
    with pytest.raises(safejson.JSONLimitError, match=WHY[name]):
        safejson.loads(BODIES[name])


def test_safejson_accepts_ordinary_json_at_the_limits():
    nested: object = 1
    for _ in range(safejson.MAX_DEPTH):
        nested = [nested]
    assert safejson.loads(json.dumps(nested)) == nested
    with pytest.raises(safejson.JSONLimitError, match="nested"):
        safejson.loads(json.dumps([nested]))
    assert safejson.loads('{"id": 18446744073709551615, "x": -1.5e-300, "s": "\\u00e9"}') == {
        "id": 2**64 - 1,
        "x": -1.5e-300,
        "s": "\u00e9",
    }


def test_a_wide_document_is_walked_in_linear_time_without_recursion():
    wide = b"[" + b",".join([b"[1]"] * 200_000) + b"]"
    started = time.process_time()
    assert len(safejson.loads(wide)) == 200_000
    assert time.process_time() - started < 5.0  # generous: about 0.1 s here


# ------------------------------------------------------------------------------------- webhooks
def _github(client, body: bytes, event: str = "pull_request"):
    signature = "sha256=" + hmac.new(GITHUB_SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": "d-1", "X-Hub-Signature-256": signature}
    return client.post("/webhooks/github", data=body, headers={**headers, "Content-Type": "application/json"})


def _gitlab(client, body: bytes):
    headers = {"X-Gitlab-Event": "Merge Request Hook", "X-Gitlab-Token": GITLAB_SECRET}
    return client.post("/webhooks/gitlab", data=body, headers=headers)


def test_webhooks_answer_400_to_hostile_json(app):
    client = app.test_client()
    for name, body in BODIES.items():
        for response in (_github(client, body), _gitlab(client, body)):
            assert response.status_code == 400, (name, response.get_data(as_text=True))
            assert WHY[name] in response.get_json()["error"]


def _pull_request(number: object) -> dict:
    return {
        "action": "opened",
        "repository": {"full_name": "acme/app"},
        "pull_request": {"number": number, "head": {"sha": "a" * 40}},
    }


def _merge_request(iid: object) -> dict:
    return {
        "object_kind": "merge_request",
        "project": {"path_with_namespace": "acme/app"},
        "object_attributes": {"action": "open", "iid": iid, "last_commit": {"id": "b" * 40}},
    }


NOT_NUMBERS = [10**30, 0, -3, True, 1.5, "12x", "\u0661\u0662", None, [1]]


@pytest.mark.parametrize("number", NOT_NUMBERS)
def test_a_pull_request_number_that_is_no_number_is_an_event_error(number):
    with pytest.raises(EventError, match="not a number"):
        github_job("pull_request", _pull_request(number))
    with pytest.raises(EventError, match="not a number"):
        gitlab_job("Merge Request Hook", _merge_request(number))


def test_a_pull_request_number_that_is_no_number_is_a_400_not_a_job(app):
    client = app.test_client()
    for number in NOT_NUMBERS:
        assert _github(client, json.dumps(_pull_request(number)).encode()).status_code == 400, number
        assert _gitlab(client, json.dumps(_merge_request(number)).encode()).status_code == 400, number


def test_numbers_a_host_sends_still_make_jobs():
    assert github_job("pull_request", _pull_request(2**31 - 1)).payload["number"] == 2**31 - 1
    assert github_job("pull_request", _pull_request("42")).payload["number"] == 42
    assert gitlab_job("Merge Request Hook", _merge_request(7)).payload["number"] == 7


# ------------------------------------------------------------------------------------- API bodies
def test_api_bodies_answer_400_naming_the_body(app, seeded):
    client = app.test_client()
    for name, body in BODIES.items():
        response = client.post(
            f"/api/v1/advisories/{seeded.ids['sqli']}/dismiss",
            data=body,
            headers={**bearer(seeded, "triager"), "Content-Type": "application/json"},
        )
        assert response.status_code == 400, (name, response.get_data(as_text=True))
        assert response.get_json()["parameter"] == "body"
        assert WHY[name] in response.get_json()["error"]
    assert seeded.store.get(seeded.ids["sqli"]).state.value == "open"  # nothing changed


# ------------------------------------------------------------------------------------- cursors
def test_cursors_answer_400_on_the_api_and_the_dashboard(app, seeded, signed_in):
    client, browser = app.test_client(), signed_in("viewer")
    for name, cursor in CURSORS.items():
        response = client.get(
            "/api/v1/advisories", query_string={"cursor": cursor}, headers=bearer(seeded, "viewer")
        )
        assert response.status_code == 400, (name, response.get_data(as_text=True))
        assert response.get_json() == {
            "error": "invalid page cursor (it belongs to another query, or was altered)",
            "parameter": "cursor",
        }
        page = browser.get("/advisories", query_string={"cursor": cursor})
        assert (page.status_code, page.mimetype) == (400, "text/html"), name
        assert "invalid page cursor" in page.get_data(as_text=True)


def test_huge_numbers_in_filters_are_400(app, seeded, signed_in):
    client, browser = app.test_client(), signed_in("viewer")
    for params in ({"pr": "9" * 4400}, {"limit": "1" * 5000}, {"min_age": "1e999"}, {"start": "9" * 50}):
        response = client.get("/api/v1/advisories", query_string=params, headers=bearer(seeded, "viewer"))
        assert response.status_code == 400 and response.get_json()["parameter"] == next(iter(params))
        assert browser.get("/advisories", query_string=params).status_code == 400, params
