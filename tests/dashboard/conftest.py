"""Fixtures for the dashboard/API tests: a seeded SQLite ledger, the real app, and signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bot.config.settings import Settings
from tests.contract.advisory_fixtures import FakeClock
from tests.dashboard_seed import NOW, Seeded, seed

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def seeded(tmp_path: Path) -> Seeded:
    return seed(tmp_path / "data")


@pytest.fixture
def settings(tmp_path: Path, seeded: Seeded) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def app(settings: Settings) -> Flask:
    from webhooks import create_app

    return create_app(settings, clock=FakeClock(NOW))


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def sign_in(client: FlaskClient, token: str) -> None:
    form = client.get("/login")
    response = client.post("/login", data={"token": token, "csrf_token": csrf_of(form.text)})
    assert response.status_code == 303, response.text


@pytest.fixture
def signed_in(app: Flask, seeded: Seeded) -> Callable[[str], FlaskClient]:
    """A test client signed in through the login form with the seeded token of ``role``."""

    def make(role: str) -> FlaskClient:
        client = app.test_client()
        sign_in(client, seeded.tokens[role])
        return client

    return make


def bearer(seeded: Seeded, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {seeded.tokens[role]}"}


def with_public_url(settings: Settings, url: str) -> Settings:
    return replace(settings, public_url=url)


@pytest.fixture(autouse=True)
def _dispose_engines():
    """The app and CLI cache one engine per database URL; close them after each test."""
    from bot.store.bootstrap import forget_engines

    yield
    forget_engines()
