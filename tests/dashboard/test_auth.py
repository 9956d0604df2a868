"""Sign-in, roles, CSRF and session cookies of the dashboard and API (Flask test client, real SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.cli.main import main
from bot.config.settings import Settings
from bot.errors import ConfigError
from tests.contract.advisory_fixtures import FakeClock
from tests.dashboard.conftest import bearer, csrf_of, sign_in, with_public_url
from tests.dashboard_seed import NOW

REPO_ROOT = Path(__file__).resolve().parents[2]


def state_of(seeded, advisory_id: int) -> tuple[str, int]:
    adv = seeded.store.get(advisory_id)
    return adv.state.value, len(seeded.store.history(advisory_id))


# -------------------------------------------------------------------------------------- sign-in
def test_every_page_and_api_call_needs_sign_in(app, seeded):
    client = app.test_client()
    for path in ("/", "/advisories", "/trends", f"/advisories/{seeded.ids['sqli']}"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/login?next=")
    for path in ("/api/v1/advisories", f"/api/v1/advisories/{seeded.ids['sqli']}", "/api/v1/advisories.csv"):
        response = client.get(path)
        assert response.status_code == 401, path
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert "sign-in required" in response.get_json()["error"]
    for header in ("Bearer rmd_" + "x" * 43, "Bearer nonsense", "Basic dXNlcjpwYXNz", "Bearer "):
        response = client.get("/api/v1/advisories", headers={"Authorization": header})
        assert response.status_code == 401, header
    before = state_of(seeded, seeded.ids["sqli"])
    assert client.post(f"/advisories/{seeded.ids['sqli']}/dismiss", data={"reason": "x"}).status_code == 401
    assert (
        client.post(f"/api/v1/advisories/{seeded.ids['sqli']}/dismiss", json={"reason": "nope"}).status_code
        == 401
    )
    assert state_of(seeded, seeded.ids["sqli"]) == before


def test_a_wrong_token_on_the_sign_in_form_is_refused_and_signs_nobody_in(app, seeded):
    client = app.test_client()
    form = client.get("/login")
    response = client.post("/login", data={"token": "rmd_" + "A" * 43, "csrf_token": csrf_of(form.text)})
    assert response.status_code == 401
    assert "not valid" in response.text
    assert client.get("/advisories").status_code == 302
    sign_in(client, seeded.tokens["viewer"])
    page = client.get("/advisories")
    assert page.status_code == 200
    assert "viewer user" in page.text


def test_sign_in_never_redirects_off_site(app, seeded):
    client = app.test_client()
    for target in (
        "//evil.example/x",
        "https://evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "/ /x",
    ):
        form = client.get("/login", query_string={"next": target})
        response = client.post(
            "/login",
            data={"token": seeded.tokens["viewer"], "csrf_token": csrf_of(form.text), "next": target},
        )
        assert response.headers["Location"] == "/advisories", target
    form = client.get("/login", query_string={"next": "/trends"})
    assert 'value="/trends"' in form.text


def test_the_session_cookie_is_httponly_samesite_lax_and_secure_behind_https(settings, seeded):
    from webhooks import create_app

    for public_url, secure in (("", False), ("http://10.0.0.5:8000", False), ("https://sec.example", True)):
        app = create_app(with_public_url(settings, public_url), clock=FakeClock(NOW))
        client = app.test_client()
        form = client.get("/login")
        response = client.post(
            "/login", data={"token": seeded.tokens["viewer"], "csrf_token": csrf_of(form.text)}
        )
        cookie = next(
            c for c in response.headers.getlist("Set-Cookie") if c.startswith("remediator_session=")
        )
        flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
        assert {"httponly", "samesite", "expires"} <= flags
        assert "SameSite=Lax" in cookie
        assert ("secure" in flags) is secure, public_url


def test_the_session_key_is_generated_once_private_and_shared_by_workers(settings, tmp_path):
    from webhooks import create_app

    first = create_app(settings, clock=FakeClock(NOW)).config["SECRET_KEY"]
    second = create_app(settings, clock=FakeClock(NOW)).config["SECRET_KEY"]
    key_file = settings.data_dir / "secret_key"
    assert first == second == key_file.read_text()
    assert len(first) >= 32
    assert (key_file.stat().st_mode & 0o777) == 0o600
    assert [p.name for p in settings.data_dir.iterdir() if p.name.startswith(".secret_key")] == []
    from dataclasses import replace

    assert create_app(replace(settings, secret_key="k" * 40)).config["SECRET_KEY"] == "k" * 40
    with pytest.raises(ConfigError, match="REMEDIATOR_SECRET_KEY must be at least 32"):
        create_app(replace(settings, secret_key="short"))


# ---------------------------------------------------------------------------------------- roles
def test_a_viewer_can_read_but_not_triage_on_the_page_or_the_api(signed_in, app, seeded):
    viewer = signed_in("viewer")
    sqli = seeded.ids["sqli"]
    before = state_of(seeded, sqli)
    detail = viewer.get(f"/advisories/{sqli}")
    assert detail.status_code == 200
    assert 'id="dismiss-form"' not in detail.text  # hidden, and refused below anyway
    csrf = csrf_of(detail.text)  # the sign-out form's token: a valid one for this session
    for action, data in (
        ("dismiss", {"reason": "false positive"}),
        ("accept-risk", {"reason": "later", "until": "2026-06-01"}),
        ("reopen", {}),
    ):
        response = viewer.post(f"/advisories/{sqli}/{action}", data={**data, "csrf_token": csrf})
        assert response.status_code == 403, action
        assert "needs the triager role" in response.text
        api = app.test_client().post(
            f"/api/v1/advisories/{sqli}/{action}", json=data, headers=bearer(seeded, "viewer")
        )
        assert api.status_code == 403, action
        assert api.get_json()["error"] == "this needs the triager role; your token is viewer"
    assert state_of(seeded, sqli) == before
    assert app.test_client().get("/api/v1/advisories", headers=bearer(seeded, "viewer")).status_code == 200


def test_a_triager_dismisses_on_the_page_and_the_history_records_who_and_why(signed_in, seeded):
    triager = signed_in("triager")
    sqli = seeded.ids["sqli"]
    detail = triager.get(f"/advisories/{sqli}")
    assert 'id="dismiss-form"' in detail.text
    response = triager.post(
        f"/advisories/{sqli}/dismiss",
        data={"reason": "input is an integer id", "csrf_token": csrf_of(detail.text)},
    )
    assert response.status_code == 303
    page = triager.get(response.headers["Location"])
    assert "is now dismissed" in page.text
    last = seeded.store.history(sqli)[-1]
    assert (last.actor, last.action, last.to_state.value, last.reason, last.source) == (
        "token:triager user",
        "dismissed",
        "dismissed",
        "input is an integer id",
        "web",
    )
    assert seeded.store.get(sqli).state.value == "dismissed"


def test_admin_tokens_can_triage_too(app, seeded):
    response = app.test_client().post(
        f"/api/v1/advisories/{seeded.ids['xss']}/dismiss",
        json={"reason": "only reachable by admins"},
        headers=bearer(seeded, "admin"),
    )
    assert response.status_code == 200
    assert response.get_json()["state"] == "dismissed"
    assert response.get_json()["history"][-1]["actor"] == "token:admin user"


# ----------------------------------------------------------------------------------------- CSRF
def test_state_changing_forms_without_the_csrf_token_are_refused(signed_in, seeded):
    triager = signed_in("triager")
    sqli = seeded.ids["sqli"]
    before = state_of(seeded, sqli)
    for data in (
        {"reason": "forged"},
        {"reason": "forged", "csrf_token": "x" * 43},
        {"reason": "f", "csrf_token": ""},
    ):
        response = triager.post(f"/advisories/{sqli}/dismiss", data=data)
        assert response.status_code == 400
        assert "CSRF token is missing or out of date" in response.text
    assert state_of(seeded, sqli) == before
    # sign-in and sign-out forms carry one too
    anonymous = triager.application.test_client()
    assert anonymous.post("/login", data={"token": seeded.tokens["admin"]}).status_code == 400
    assert triager.post("/logout").status_code == 400
    assert triager.get("/advisories").status_code == 200  # still signed in


def test_the_api_through_the_browser_session_needs_the_csrf_header(signed_in, seeded):
    triager = signed_in("triager")
    sqli = seeded.ids["sqli"]
    response = triager.post(f"/api/v1/advisories/{sqli}/dismiss", json={"reason": "no header"})
    assert response.status_code == 403
    assert "X-CSRF-Token" in response.get_json()["error"]
    csrf = csrf_of(triager.get("/advisories").text)
    response = triager.post(
        f"/api/v1/advisories/{sqli}/dismiss", json={"reason": "with header"}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status_code == 200
    assert response.get_json()["history"][-1]["source"] == "api"


def test_sign_out_ends_the_session(signed_in):
    viewer = signed_in("viewer")
    csrf = csrf_of(viewer.get("/advisories").text)
    assert viewer.post("/logout", data={"csrf_token": csrf}).status_code == 303
    assert viewer.get("/advisories").status_code == 302


# --------------------------------------------------------------------------------- tokens (CLI)
def test_tokens_cli_prints_a_token_once_stores_only_its_hash_and_revokes(
    app, monkeypatch, capsys, tmp_path, seeded
):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    assert main(["tokens", "create", "--role", "triager", "--name", "ci bot"]) == 0
    out, err = capsys.readouterr()
    secret = out.strip()
    assert secret.startswith("rmd_") and len(secret) >= 44
    assert "shown only this once" in err and secret not in err
    client = app.test_client()
    auth = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/advisories", headers=auth).status_code == 200

    engine = create_engine(f"sqlite:///{tmp_path / 'data' / 'advisories.db'}")
    with engine.connect() as conn:
        rows = [tuple(str(v) for v in r) for r in conn.execute(text("SELECT * FROM api_tokens"))]
    engine.dispose()
    assert rows and not any(secret in cell or secret[4:] in cell for row in rows for cell in row)

    assert main(["tokens", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ci bot" in listing and "triager" in listing and secret not in listing
    assert f"rmd_{secret[4:16]}" in listing  # the public handle, enough to revoke by

    sign_in(browser := app.test_client(), secret)
    assert browser.get("/advisories").status_code == 200
    assert main(["tokens", "revoke", "ci bot"]) == 0
    assert "revoked" in capsys.readouterr().out
    assert client.get("/api/v1/advisories", headers=auth).status_code == 401
    assert browser.get("/advisories").status_code == 302  # the session ended with its token
    assert main(["tokens", "revoke", "ci bot"]) == 2
    assert "no active token" in capsys.readouterr().err
    with pytest.raises(SystemExit) as bad_role:
        main(["tokens", "create", "--role", "owner"])
    assert bad_role.value.code == 2
    assert "invalid choice: 'owner'" in capsys.readouterr().err


def test_the_web_process_serving_the_dashboard_imports_no_heavy_library(tmp_path):
    code = textwrap.dedent(
        f"""
        import re, sys
        from pathlib import Path
        from bot.config.settings import Settings
        from tests.dashboard_seed import seed
        from webhooks import create_app
        seeded = seed(Path({str(tmp_path / "data")!r}), bulk=3)
        client = create_app(Settings(data_dir=Path({str(tmp_path / "data")!r}))).test_client()
        auth = {{"Authorization": "Bearer " + seeded.tokens["triager"]}}
        codes = [client.get(p, headers=auth).status_code for p in
                 ("/api/v1/advisories", "/api/v1/advisories.sarif", "/api/v1/advisories.csv")]
        form = client.get("/login").text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        client.post("/login", data={{"token": seeded.tokens["triager"], "csrf_token": csrf}})
        codes += [client.get(p).status_code for p in ("/advisories", "/trends", "/advisories/1")]
        roots = {{name.partition(".")[0] for name in sys.modules}}
        print(codes, sorted(roots & {{"openai", "github", "gitlab", "semgrep", "bandit"}}))
        """
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT, env=env
    ).stdout
    assert out.strip() == "[200, 200, 200, 200, 200, 200] []"


def test_settings_for_the_dashboard_come_from_the_environment():
    s = Settings.from_env(
        {
            "REMEDIATOR_PUBLIC_URL": "https://sec.example/",
            "REMEDIATOR_SESSION_HOURS": "2",
            "REMEDIATOR_SECRET_KEY": "k" * 32,
        }
    )
    assert (s.public_url, s.session_hours, s.secret_key) == ("https://sec.example", 2, "k" * 32)
    assert "k" * 32 not in repr(s)
    with pytest.raises(ConfigError, match="REMEDIATOR_SESSION_HOURS"):
        Settings.from_env({"REMEDIATOR_SESSION_HOURS": "0"})


def test_a_token_named_like_another_tokens_id_never_blocks_revoking_that_id(
    app, monkeypatch, capsys, tmp_path, seeded
):
    """Issue 16 item 9: a leaked token whose id is N stays revocable by `tokens revoke N` even when
    another token is named "N" (older versions refused as ambiguous and the leaked token kept working)."""
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    assert main(["tokens", "create", "--role", "triager", "--name", "leaked"]) == 0
    leaked = capsys.readouterr().out.strip()
    assert main(["tokens", "list", "--format", "json"]) == 0
    leaked_id = next(t["id"] for t in json.loads(capsys.readouterr().out) if t["name"] == "leaked")
    # a name that is a number is refused now; a token created before that rule may still have one
    assert main(["tokens", "create", "--role", "viewer", "--name", str(leaked_id)]) == 2
    assert "cannot be a number" in capsys.readouterr().err
    assert main(["tokens", "create", "--role", "viewer", "--name", "legacy"]) == 0
    capsys.readouterr()
    engine = create_engine(f"sqlite:///{tmp_path / 'data' / 'advisories.db'}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE api_tokens SET name = :n WHERE name = 'legacy'"), {"n": str(leaked_id)})
    engine.dispose()

    client = app.test_client()
    auth = {"Authorization": f"Bearer {leaked}"}
    assert client.get("/api/v1/advisories", headers=auth).status_code == 200
    assert main(["tokens", "revoke", str(leaked_id)]) == 0
    assert f"token {leaked_id} 'leaked'" in capsys.readouterr().out
    assert client.get("/api/v1/advisories", headers=auth).status_code == 401
    assert main(["tokens", "revoke", "--by", "name", str(leaked_id)]) == 0  # the other one, by its name
    assert "revoked" in capsys.readouterr().out
