"""Fuzz: webhook event parsing (bot/core/events.py, events_gitlab.py). Whatever the body, a delivery
becomes a job, no job, or an EventError (answered 400), never another exception; a job's payload is
small JSON naming its handler, and its pull request number is a real one."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.events import MAX_NUMBER, EventError, JobSpec, github_job
from bot.core.events_gitlab import gitlab_job
from bot.jobqueue.model import dump_payload
from tests.fuzz.strategies import JSON, github_bodies, gitlab_bodies

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(spec: JobSpec | None) -> None:
    if spec is None:
        return
    assert spec.handler.startswith("bot.jobs.")
    payload: dict[str, Any] = dict(spec.payload)
    assert json.loads(dump_payload(payload)) == json.loads(json.dumps(payload))
    number = payload["number"]
    assert type(number) is int and 0 < number <= MAX_NUMBER
    assert spec.key.endswith(f"#{number}")
    assert "comment" not in json.dumps(payload).lower() or "comment_id" in payload  # never the text


@FUZZ
@given(event=st.sampled_from(["pull_request", "issue_comment", "push", "ping"]), body=github_bodies())
def test_github_events_are_a_job_none_or_an_event_error(event, body):
    try:
        spec = github_job(event, body)
    except EventError:
        return
    _check(spec)


@FUZZ
@given(event=st.sampled_from(["Merge Request Hook", "Note Hook", "Push Hook"]), body=gitlab_bodies())
def test_gitlab_events_are_a_job_none_or_an_event_error(event, body):
    try:
        spec = gitlab_job(event, body)
    except EventError:
        return
    _check(spec)


@FUZZ
@given(body=st.dictionaries(st.text(max_size=15), JSON, max_size=6))
def test_arbitrary_objects_never_raise_anything_else(body):
    for event, parse in (("pull_request", github_job), ("issue_comment", github_job)):
        with contextlib.suppress(EventError):
            _check(parse(event, body))
    for event in ("Merge Request Hook", "Note Hook"):
        with contextlib.suppress(EventError):
            _check(gitlab_job(event, body))
