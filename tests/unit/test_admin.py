"""Admin commands: the App manifest asks for least privilege; check-config names what is wrong."""

from __future__ import annotations

import json

from bot.cli.main import main


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
    assert sorted(manifest["default_events"]) == ["installation", "issue_comment", "pull_request"]
    assert manifest["hook_attributes"]["url"] == "https://sec.example.org/webhooks/github"


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
