"""`remediator advisories ...` and `remediator db upgrade` on a real SQLite store: what a security
lead types and sees, including CSV and SARIF exports (the SARIF validated against the 2.1.0 schema)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from bot.cli.main import main
from bot.core.models import Confidence, Finding, Severity
from bot.jobqueue import SystemClock
from bot.store import AdvisoryStore, Scan, Sighting, State
from bot.store.bootstrap import forget_engines
from bot.store.db import make_engine

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "sarif-schema-2.1.0.json").read_text()
)


def _finding(n: int, severity: Severity) -> Finding:
    return Finding(
        rule_id=f"py.rule-{n}",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title=f"SQL built from request data {n}",
        severity=severity,
        confidence=Confidence.HIGH,
        path="app/views.py",
        start_line=10 * n,
        end_line=10 * n,
        message="=cmd|' /C calc'!A0",
        remediation=("Use a bound parameter",),
        fingerprint=f"{n:x}" * 32,
    )


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("REMEDIATOR_DATABASE_URL", raising=False)
    assert main(["db", "upgrade"]) == 0
    store = AdvisoryStore(make_engine(f"sqlite:///{tmp_path / 'advisories.db'}"), SystemClock())
    store.record_scan(
        Scan(
            "github",
            "acme/api",
            3,
            "a" * 40,
            [Sighting(_finding(1, Severity.CRITICAL), 4.0), Sighting(_finding(2, Severity.LOW), 1.0)],
        )
    )
    store.record_scan(Scan("github", "acme/web", 8, "b" * 40, [Sighting(_finding(3, Severity.HIGH), 3.0)]))
    yield tmp_path
    forget_engines()


def test_list_filters_and_formats(data_dir, capsys):
    assert main(["advisories", "list"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["ID", "ADVISORY", "STATE"] and len(table) == 4
    assert "11111111" in table[1] and "critical" in table[1]  # highest risk first
    assert main(["advisories", "list", "--repo", "acme/web", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [a["repo"] for a in listed["advisories"]] == ["acme/web"] and listed["next_cursor"] is None
    assert main(["advisories", "list", "--limit", "1", "--format", "json"]) == 0
    cursor = json.loads(capsys.readouterr().out)["next_cursor"]
    assert main(["advisories", "list", "--limit", "1", "--after", cursor, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["advisories"][0]["short_id"] == "33333333"
    with pytest.raises(SystemExit) as bad:
        main(["advisories", "list", "--severity", "bogus"])
    assert bad.value.code == 2
    assert "unknown severity" in capsys.readouterr().err


def test_triage_from_the_command_line_writes_history(data_dir, capsys):
    assert main(["advisories", "dismiss", "22222222", "--reason", "test helper only", "--actor", "lead"]) == 0
    assert "is now dismissed" in capsys.readouterr().out
    assert main(["advisories", "dismiss", "22222222", "--reason", "again"]) == 2
    assert "already dismissed" in capsys.readouterr().err
    assert main(["advisories", "accept-risk", "1", "--until", "2099-01-01", "--reason", "WAF in front"]) == 0
    capsys.readouterr()
    assert main(["advisories", "show", "1", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["state"] == State.RISK_ACCEPTED.value and shown["accepted_until"] == "2099-01-01"
    assert [e["action"] for e in shown["history"]] == ["opened", "risk_accepted"]
    assert main(["advisories", "reopen", "1"]) == 0
    assert main(["advisories", "show", "99"]) == 2
    assert "no advisory 99" in capsys.readouterr().err


def test_exports_csv_and_sarif(data_dir, capsys):
    out = data_dir / "open.csv"
    assert main(["advisories", "export", "--state", "active", "--format", "csv", "--output", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [r["short_id"] for r in rows] == ["11111111", "33333333", "22222222"]
    assert all(not r["title"].startswith("=") for r in rows)
    assert main(["advisories", "dismiss", "33333333", "--reason", '=HYPERLINK("x") not real']) == 0
    capsys.readouterr()
    assert main(["advisories", "export", "--format", "csv"]) == 0
    dismissed = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["state"] == "dismissed"]
    assert dismissed[0]["state_reason"].startswith("'=")  # no formula reaches a spreadsheet
    assert main(["advisories", "export", "--format", "sarif", "--repo", "acme/api"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.Draft4Validator(SCHEMA).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert [r["partialFingerprints"]["remediator/v1"][:8] for r in results] == ["11111111", "22222222"]
    assert {r["properties"]["repository"] for r in results} == {"acme/api"}
    assert main(["advisories", "export", "--format", "sarif", "--state", "dismissed"]) == 0
    (suppressed,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert suppressed["suppressions"][0]["status"] == "accepted"


def test_show_names_every_risk_factor_and_list_filters_by_exposure(data_dir, capsys):
    from bot.config.kev import exploited
    from bot.core.risk import Asset, DataKind, Exposure, RiskFactors

    store = AdvisoryStore(make_engine(f"sqlite:///{data_dir / 'advisories.db'}"), SystemClock())
    finding = _finding(9, Severity.HIGH).with_(category="command-injection", cwe="CWE-78")
    asset = Asset(
        Exposure.INTERNET, (DataKind.PAYMENT,), 1, "acme/pay", "asset map: acme/pay", "asset map: acme/pay"
    )
    factors = RiskFactors(Severity.HIGH, Confidence.HIGH, asset, "POST /pay", exploited("CWE-78"))
    store.record_scan(
        Scan("github", "acme/pay", 4, "c" * 40, [Sighting(finding, factors.score, "", factors)])
    )
    capsys.readouterr()
    assert main(["advisories", "list", "--exposure", "internet", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)["advisories"]
    assert [a["repo"] for a in listed] == ["acme/pay"] and listed[0]["sla_level"] == "critical"
    assert main(["advisories", "show", finding.fingerprint[:8]]) == 0
    out = capsys.readouterr().out
    assert "internet, asset map entry acme/pay; the SLA of a critical finding applies" in out
    assert "why: internet-facing (asset map: acme/pay), payment data, tier 1 (critical" in out
    assert "reachable from `POST /pay`" in out
    assert (
        main(["advisories", "list", "--asset", "acme/pay", "--exposure", "internal", "--format", "json"]) == 0
    )
    assert json.loads(capsys.readouterr().out)["advisories"] == []


def test_the_terminal_views_never_pass_escape_sequences_or_bidi_controls(data_dir, capsys):
    """A title, path or message comes from code, PR text or a model: printed to a terminal, an escape
    sequence would drive it and a bidi override would reorder what the lead reads."""
    store = AdvisoryStore(make_engine(f"sqlite:///{data_dir / 'advisories.db'}"), SystemClock())
    hostile = _finding(7, Severity.HIGH).with_(
        title="SQL \x1b]0;pwned\x07\x1b[2Jbuilt\u202eevil",
        path="app/\x1b[31mred\u2028.py",
        message="line one\nline two \x1b[8mhidden\x9b",
    )
    store.record_scan(Scan("github", "acme/evil", 5, "d" * 40, [Sighting(hostile, 3.0)]))
    capsys.readouterr()
    assert main(["advisories", "list", "--repo", "acme/evil"]) == 0
    table = capsys.readouterr().out
    assert main(["advisories", "show", hostile.fingerprint[:8]]) == 0
    shown = capsys.readouterr().out
    for out in (table, shown):
        assert not any(c in out for c in "\x1b\x07\x9b\u202e\u2028"), repr(out)
    assert "SQL ?]0;pwned??[2Jbuilt?evil" in table and len(table.splitlines()) == 2
    assert "app/?[31mred?.py" in shown
    assert "\n  line one\nline two ?[8mhidden?" in shown  # the message's own newline stays


def test_show_names_the_baseline_scan_and_the_pull_request(data_dir, capsys):
    store = AdvisoryStore(make_engine(f"sqlite:///{data_dir / 'advisories.db'}"), SystemClock())
    found = _finding(5, Severity.HIGH)
    store.record_scan(Scan("github", "acme/base", 0, "d" * 40, [Sighting(found, 3.0)]))
    capsys.readouterr()
    assert main(["advisories", "show", found.fingerprint[:8]]) == 0
    out = capsys.readouterr().out
    assert "in the baseline scan, last" in out and "PR #0" not in out
    assert main(["advisories", "show", _finding(3, Severity.HIGH).fingerprint[:8]]) == 0
    assert "in PR #8, last" in capsys.readouterr().out
