"""Admin commands: the App manifest asks for least privilege; check-config names what is wrong."""

from __future__ import annotations

import json
import re
import stat

import pytest

from bot.cli.main import main
from tests.fixtures import PLATFORM
from tests.sim.github import GitHubSimulator

# The manifest's permission names as GitHub's event descriptions spell them
_PERMISSION_TITLES = {"Pull requests": "pull_requests", "Issues": "issues", "Checks": "checks"}


def test_manifest_is_least_privilege(capsys):
    assert main(["github", "manifest", "--webhook-url", "https://sec.example.org/webhooks/github"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    assert manifest["default_permissions"] == {
        "pull_requests": "write",
        "checks": "write",
        "contents": "read",
        "issues": "read",
        "metadata": "read",
    }
    assert sorted(manifest["default_events"]) == ["issue_comment", "pull_request"]
    assert manifest["hook_attributes"]["url"] == "https://sec.example.org/webhooks/github"
    assert "redirect_url" not in manifest


def test_every_manifest_event_is_one_an_app_may_subscribe_to_with_its_permissions(capsys):
    """GitHub rejects a manifest whose default_events name an event every App receives anyway
    (installation) or one its permissions do not cover."""
    events = json.loads((PLATFORM / "github-webhook-event-permissions.json").read_text())["events"]
    assert main(["github", "manifest", "--webhook-url", "https://sec.example.org/webhooks/github"]) == 0
    manifest = json.loads(capsys.readouterr().out)
    for event in manifest["default_events"]:
        notes = {
            v["permission_note"] for k, v in events.items() if k.startswith(event.replace("_", "-") + "-")
        }
        assert notes, event
        for note in notes:
            assert "receive this event by default" not in note, event
            needed = re.search(r'access for the "([^"]+)" repository permission', note or "")
            assert needed, (event, note)
            assert manifest["default_permissions"][_PERMISSION_TITLES[needed.group(1)]] in ("read", "write")
    by_default = {k.split("-")[0] for k, v in events.items() if "by default" in (v["permission_note"] or "")}
    assert "installation" in by_default and not by_default & set(manifest["default_events"])


def test_manifest_carries_the_redirect_url(capsys):
    argv = ["github", "manifest", "--webhook-url", "https://sec.example.org/webhooks/github"]
    assert main([*argv, "--redirect-url", "https://sec.example.org/setup/done"]) == 0
    assert json.loads(capsys.readouterr().out)["redirect_url"] == "https://sec.example.org/setup/done"
    assert main([*argv, "--redirect-url", "http://evil.example/x"]) == 2


def test_convert_exchanges_the_code_for_the_app_id_key_and_secret(capsys, monkeypatch, tmp_path):
    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEnot-a-real-key\n-----END RSA PRIVATE KEY-----\n"
    with GitHubSimulator() as sim:
        monkeypatch.setenv("REMEDIATOR_GITHUB_API_URL", sim.url)
        monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
        sim.add_manifest_code(
            "c0de-1",
            {
                "id": 4242,
                "slug": "remediator-acme",
                "html_url": "https://github.com/apps/remediator-acme",
                "pem": pem,
                "webhook_secret": "whsec-0123456789abcdef",
            },
        )
        assert main(["github", "convert", "--code", "c0de-1", "--out", str(tmp_path / "app")]) == 0
        out = capsys.readouterr().out
        # single use, like GitHub's codes
        assert main(["github", "convert", "--code", "c0de-1", "--out", str(tmp_path / "other")]) == 2
        assert "single-use" in capsys.readouterr().err
        assert main(["github", "convert", "--code", "../../x?y"]) == 2
        assert sim.violations() == []
    key = tmp_path / "app" / "github-app-4242.pem"
    env = tmp_path / "app" / "github-app-4242.env"
    assert key.read_text() == pem
    assert env.read_text().splitlines() == [
        "REMEDIATOR_GITHUB_APP_ID=4242",
        f"REMEDIATOR_GITHUB_PRIVATE_KEY_PATH={key.resolve()}",
        "REMEDIATOR_GITHUB_WEBHOOK_SECRET=whsec-0123456789abcdef",
    ]
    assert stat.S_IMODE(key.stat().st_mode) == stat.S_IMODE(env.stat().st_mode) == 0o600
    assert "id 4242" in out and "https://github.com/apps/remediator-acme/installations/new" in out
    assert "MIIE" not in out and "whsec" not in out


def test_an_unwritable_folder_is_refused_before_githubs_code_is_spent(capsys, monkeypatch, tmp_path):
    # found by hand: `github convert --out DIR` with a DIR it could not create spent the single-use
    # code and ended in a traceback, so the new App's key and webhook secret were lost
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with GitHubSimulator() as sim:
        monkeypatch.setenv("REMEDIATOR_GITHUB_API_URL", sim.url)
        monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
        sim.add_manifest_code("c0de-2", {"id": 99, "slug": "r", "pem": "PEM", "webhook_secret": "whsec-y"})
        assert main(["github", "convert", "--code", "c0de-2", "--out", str(blocked / "app")]) == 2
        err = capsys.readouterr().err
        assert f"cannot write the App's files to {blocked / 'app'}" in err and "code was not used" in err
        argv = ["github", "manifest", "--webhook-url", "https://sec.example.org/webhooks/github", "--serve"]
        assert main([*argv, "--out", str(blocked / "app")]) == 2  # before a page is served
        assert "cannot write the App's files" in capsys.readouterr().err
        assert (
            main(["github", "convert", "--code", "c0de-2", "--out", str(tmp_path / "app")]) == 0
        )  # still good
        assert sim.violations() == []
    assert (tmp_path / "app" / "github-app-99.pem").read_text() == "PEM"
    assert not list(tmp_path.joinpath("app").glob(".remediator-probe-*"))


def test_manifest_refuses_plain_http(capsys):
    assert main(["github", "manifest", "--webhook-url", "http://x/webhooks/github"]) == 2
    assert "https://" in capsys.readouterr().err


def test_check_config_names_every_problem(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_GITHUB_APP_ID", "12ab")
    monkeypatch.setenv("REMEDIATOR_GITHUB_PRIVATE_KEY_PATH", str(tmp_path / "missing.pem"))
    monkeypatch.setenv("REMEDIATOR_GITHUB_WEBHOOK_SECRET", "short")
    bad = tmp_path / ".remediator.yml"
    bad.write_text("review:\n  min_severity: extreme\n")
    assert main(["check-config", "--repo-config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "REMEDIATOR_GITHUB_APP_ID must be the App's numeric id" in err
    assert "no file at" in err and "shorter than 16" in err
    assert "`review.min_severity`: must be one of low, medium, high, critical" in err
    assert "short" not in err.replace("shorter", "")  # the secret itself is never printed


def test_check_config_ok_with_token_mode(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_GITHUB_TOKEN", "ghp_" + "x" * 36)
    monkeypatch.setenv("REMEDIATOR_GITHUB_WEBHOOK_SECRET", "a-long-enough-webhook-secret")
    assert main(["check-config"]) == 0
    assert "configuration is complete" in capsys.readouterr().out


def test_bad_setting_is_one_clear_line(capsys, monkeypatch):
    monkeypatch.setenv("REMEDIATOR_MAX_INLINE_COMMENTS", "many")
    assert main(["check-config"]) == 2
    assert capsys.readouterr().err.strip() == (
        "remediator: configuration error: REMEDIATOR_MAX_INLINE_COMMENTS='many' is not a whole number"
    )


def test_check_config_reports_the_vulnerability_database_age(capsys, monkeypatch, tmp_path):
    import time as _time

    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_VULNDB_DIR", str(tmp_path / "db"))
    main(["check-config", "--no-github"])
    assert "no vulnerability database" in capsys.readouterr().out
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "synced_at").write_text(f"{_time.time() - 10 * 86400:.0f}\n")
    assert main(["check-config", "--no-github"]) == 2
    assert "is 10 days old (REMEDIATOR_VULNDB_MAX_AGE_DAYS=7)" in capsys.readouterr().err
    monkeypatch.setenv("REMEDIATOR_VULNDB_MAX_AGE_DAYS", "30")
    main(["check-config", "--no-github"])
    assert "synced 10.0 day(s) ago" in capsys.readouterr().out


def test_check_config_names_every_problem_of_the_organisation_file(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_GITHUB_TOKEN", "ghp_" + "x" * 36)
    monkeypatch.setenv("REMEDIATOR_GITHUB_WEBHOOK_SECRET", "a-long-enough-webhook-secret")
    org = tmp_path / "org.yml"
    org.write_text("profile: {sector: airports}\nassets: [{repo: acme/web, exposure: web, tier: 9}]\n")
    monkeypatch.setenv("REMEDIATOR_ORG_CONFIG", str(org))
    assert main(["check-config"]) == 2
    err = capsys.readouterr().err
    assert f"REMEDIATOR_ORG_CONFIG={org}: profile.sector: 'airports' is not allowed (allowed: energy," in err
    assert "assets[0].exposure: 'web' is not allowed" in err and "assets[0].tier: 9 is not allowed" in err
    org.write_text("profile: {sector: energy}\nassets: [{repo: acme/web, exposure: internet, tier: 1}]\n")
    assert main(["check-config"]) == 0
    assert f"organisation file {org}: sector energy, 1 asset map entr(ies)" in capsys.readouterr().out


def test_manifest_serve_runs_the_whole_registration_flow(tmp_path):
    """`github manifest --serve`: the local page posts the manifest to GitHub's "new App" form with a
    state; GitHub's redirect back with the code (and that state) is exchanged through the simulator's
    manifest conversion endpoint; a callback without the state creates nothing."""
    import html as html_mod
    import re
    import threading
    import urllib.error
    import urllib.request

    from bot.cli.manifest_serve import ManifestFlow, serve_manifest
    from bot.config.settings import Settings

    pem = "-----BEGIN RSA PRIVATE KEY-----\nMIIEnot-a-real-key\n-----END RSA PRIVATE KEY-----\n"
    with GitHubSimulator() as sim:
        sim.add_manifest_code(
            "c0de-9", {"id": 77, "slug": "remediator", "pem": pem, "webhook_secret": "whsec-x"}
        )
        settings = Settings(data_dir=tmp_path / "data", github_api_url=sim.url)
        flow = ManifestFlow(
            settings, "https://sec.example.org/webhooks/github", "Remediator", "acme", tmp_path / "app"
        )
        urls: list[str] = []
        ready = threading.Event()

        def on_ready(url: str) -> None:
            urls.append(url)
            ready.set()

        result: list[int] = []
        thread = threading.Thread(
            target=lambda: result.append(serve_manifest(flow, ready=on_ready, timeout=60))
        )
        thread.start()
        assert ready.wait(30)
        with urllib.request.urlopen(urls[0], timeout=10) as response:
            page = response.read().decode()
        action = html_mod.unescape(re.search(r'action="([^"]+)"', page).group(1))
        manifest = json.loads(html_mod.unescape(re.search(r'name="manifest" value="([^"]+)"', page).group(1)))
        assert action.startswith(
            f"{sim.url.removesuffix('/api/v3')}/organizations/acme/settings/apps/new?state="
        )
        state = action.split("state=", 1)[1]
        assert manifest["redirect_url"] == f"{urls[0]}callback"
        assert "installation" not in manifest["default_events"]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{urls[0]}callback?code=c0de-9&state=forged", timeout=10)
        assert refused.value.code == 400
        refused.value.close()
        with urllib.request.urlopen(f"{urls[0]}callback?code=c0de-9&state={state}", timeout=30) as response:
            done = response.read().decode()
        thread.join(30)
        assert result == [0] and "id 77" in done and "whsec-x" not in done and "PRIVATE KEY" not in done
        assert sim.violations() == []
    assert (tmp_path / "app" / "github-app-77.pem").read_text() == pem
    assert "REMEDIATOR_GITHUB_WEBHOOK_SECRET=whsec-x" in (tmp_path / "app" / "github-app-77.env").read_text()


def test_manifest_serve_answers_only_its_own_address(tmp_path):
    """A page on another name that rebinds to 127.0.0.1 (DNS rebinding) gets neither the form's state
    nor the callback: only requests for 127.0.0.1:PORT are served."""
    import http.client
    import threading

    from bot.cli.manifest_serve import ManifestFlow, serve_manifest
    from bot.config.settings import Settings

    # nothing listens on port 9: the exchange fails with a connection error, reported as such
    settings = Settings(data_dir=tmp_path / "data", github_api_url="http://127.0.0.1:9/api/v3")
    flow = ManifestFlow(settings, "https://sec.example.org/webhooks/github", "R", None, None)
    ready = threading.Event()
    result: list[int] = []
    thread = threading.Thread(
        target=lambda: result.append(serve_manifest(flow, ready=lambda _u: ready.set(), timeout=60))
    )
    thread.start()
    assert ready.wait(30)

    def get(path: str, host: str) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", flow.port, timeout=10)
        conn.request("GET", path, headers={"Host": host})
        resp = conn.getresponse()
        out = resp.status, resp.read().decode()
        conn.close()
        return out

    for host in (f"attacker.example:{flow.port}", "attacker.example", f"localhost.evil:{flow.port}"):
        status, body = get("/", host)
        assert status == 421 and flow.state not in body
        status, _ = get(f"/callback?code=x&state={flow.state}", host)
        assert status == 421 and not flow.done.is_set()
    status, body = get("/", f"127.0.0.1:{flow.port}")
    assert status == 200 and flow.state in body
    # the first callback with the state ends the flow (here GitHub refuses the code); no second one
    first, text = get(f"/callback?code=x&state={flow.state}", f"127.0.0.1:{flow.port}")
    thread.join(30)
    assert first == 502 and "could not be reached" in text and result == [1]
    assert flow.callback({"code": ["y"], "state": [flow.state]})[0] == 409
