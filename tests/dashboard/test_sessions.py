"""Dashboard sessions (issue 16 item 8): an absolute lifetime however active the session is, an idle
timeout, and a server-side session id that sign-out revokes, so a cookie copied before "Sign out" no
longer works. Time is the app's injected clock."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask.testing import FlaskClient

from tests.contract.advisory_fixtures import FakeClock
from tests.dashboard.conftest import csrf_of, sign_in
from tests.dashboard_seed import NOW

COOKIE = "remediator_session"
MINUTE = 60.0


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(settings, clock):
    from webhooks import create_app

    return create_app(replace(settings, session_hours=1, session_idle_minutes=30), clock=clock)


def signed_in(client: FlaskClient) -> bool:
    return client.get("/advisories").status_code == 200


def test_a_cookie_copied_before_sign_out_no_longer_works(app, seeded):
    client = app.test_client()
    sign_in(client, seeded.tokens["viewer"])
    assert signed_in(client)
    copied = client.get_cookie(COOKIE).value
    page = client.get("/advisories")
    assert client.post("/logout", data={"csrf_token": csrf_of(page.text)}).status_code == 303
    thief = app.test_client()
    thief.set_cookie(COOKIE, copied)
    response = thief.get("/advisories")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    api = thief.get("/api/v1/advisories")
    assert api.status_code == 401


def test_a_session_used_every_50_minutes_still_ends_at_its_lifetime(app, seeded, clock):
    app.config["REMEDIATOR_SETTINGS"] = replace(app.config["REMEDIATOR_SETTINGS"], session_idle_minutes=55)
    app.extensions.pop("remediator.sessions", None)
    client = app.test_client()
    sign_in(client, seeded.tokens["viewer"])
    clock.t += 50 * MINUTE
    assert signed_in(client)  # used within the idle time and the hour
    clock.t += 10 * MINUTE  # an hour after sign-in: over, however active
    assert not signed_in(client)
    clock.t += 1 * MINUTE
    assert not signed_in(client)  # and it stays over


def test_an_idle_session_ends(app, seeded, clock):
    client = app.test_client()
    sign_in(client, seeded.tokens["viewer"])
    clock.t += 29 * MINUTE
    assert signed_in(client)
    clock.t += 29 * MINUTE  # used 29 minutes ago: still alive (58 minutes after sign-in)
    assert signed_in(client)
    fresh = app.test_client()
    sign_in(fresh, seeded.tokens["viewer"])
    clock.t += 31 * MINUTE
    assert not signed_in(fresh)


def test_signing_in_again_ends_the_previous_session(app, seeded):
    client = app.test_client()
    sign_in(client, seeded.tokens["viewer"])
    before = client.get_cookie(COOKIE).value
    sign_in(client, seeded.tokens["triager"])
    stale = app.test_client()
    stale.set_cookie(COOKIE, before)
    assert not signed_in(stale)
