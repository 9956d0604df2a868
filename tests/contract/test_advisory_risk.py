"""The ledger keeps every factor of an advisory's risk, and its SLA follows the adjusted risk
(issue 11, item 4), on SQLite and PostgreSQL, with an injected clock."""

from __future__ import annotations

import datetime as dt

from bot.config.kev import exploited
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.risk import Asset, DataKind, Exposure, RiskFactors
from bot.store import AdvisoryQuery, Scan, Sighting
from bot.store.reports import open_by_severity
from bot.store.serialize import record_json
from tests.contract import advisory_fixtures

# the store fixtures (SQLite and PostgreSQL), as test_advisory_store uses them
engine, clock, store = advisory_fixtures.engine, advisory_fixtures.clock, advisory_fixtures.store

REPO = "acme/payments"
SERVICE = Asset(
    Exposure.INTERNET,
    (DataKind.PAYMENT,),
    1,
    name="acme/payments",
    exposure_source="asset map: acme/payments",
    tier_source="asset map: acme/payments",
)
TOOL = Asset(
    Exposure.INTERNAL,
    (),
    4,
    name="acme/payments:tools/**",
    exposure_source="asset map: acme/payments:tools/**",
    tier_source="asset map: acme/payments:tools/**",
)


def _finding(path: str, fp: str) -> Finding:
    return Finding(
        rule_id="py-command-injection",
        engine="semgrep",
        category="command-injection",
        cwe="CWE-78",
        title="Command built from input",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=path,
        start_line=10,
        end_line=10,
        message="msg",
        provenance=Provenance(engine="semgrep"),
        fingerprint=fp * 32,
    )


def _sightings() -> list[Sighting]:
    service = _finding("app/views.py", "a")
    tool = _finding("tools/cleanup.py", "b")
    fx_service = RiskFactors(Severity.HIGH, Confidence.HIGH, SERVICE, "POST /reports", exploited("CWE-78"))
    fx_tool = RiskFactors(Severity.HIGH, Confidence.HIGH, TOOL, "", exploited("CWE-78"))
    return [
        Sighting(service, fx_service.score, "", fx_service),
        Sighting(tool, fx_tool.score, "", fx_tool),
    ]


def test_the_ledger_stores_every_factor_and_the_sla_follows_the_adjusted_risk(store, clock):
    store.record_scan(Scan("github", REPO, 1, "c" * 40, _sightings()))
    by_path = {a.path: a for a in store.page(AdvisoryQuery(limit=10)).items}
    service, tool = by_path["app/views.py"], by_path["tools/cleanup.py"]
    assert service.severity is tool.severity is Severity.HIGH
    assert (service.sla_level, tool.sla_level) == (Severity.CRITICAL, Severity.HIGH)
    first_seen = dt.datetime(2026, 1, 1)
    assert service.due_at == first_seen + dt.timedelta(days=7)  # a critical finding's SLA
    assert tool.due_at == first_seen + dt.timedelta(days=30)  # a high finding's SLA
    assert (service.exposure, service.asset) == ("internet", "acme/payments")
    assert (tool.exposure, tool.asset) == ("internal", "acme/payments:tools/**")
    factors = service.risk_factors
    assert factors["entry_point"] == "POST /reports" and factors["data"] == ["payment"]
    assert factors["tier"] == 1 and factors["exploited_in_wild"]["cwe"] == "CWE-78"
    assert factors["why"].startswith("internet-facing (asset map: acme/payments), payment data, tier 1")
    assert "reachable from `POST /reports`" in factors["why"] and factors["sla_level"] == "critical"
    assert service.risk > 4 * tool.risk
    shown = record_json(service)
    assert shown["sla_level"] == "critical" and shown["risk_factors"]["exposure"] == "internet"

    clock.advance(8)
    overdue = store.page(AdvisoryQuery(overdue=True, limit=10)).items
    assert [a.path for a in overdue] == ["app/views.py"]
    rows = {r.severity: r for r in open_by_severity(store)}
    assert (rows[Severity.HIGH].open, rows[Severity.HIGH].overdue) == (2, 1)
    clock.advance(23)
    assert {a.path for a in store.page(AdvisoryQuery(overdue=True, limit=10)).items} == {
        "app/views.py",
        "tools/cleanup.py",
    }


def test_exposure_and_asset_filter_the_ledger(store):
    store.record_scan(Scan("github", REPO, 1, "c" * 40, _sightings()))
    internet = store.page(AdvisoryQuery(exposures=("internet",), limit=10)).items
    assert [a.path for a in internet] == ["app/views.py"]
    tools = store.page(AdvisoryQuery(assets=("acme/payments:tools/**",), limit=10)).items
    assert [a.path for a in tools] == ["tools/cleanup.py"]
    assert store.count(AdvisoryQuery(exposures=("internet", "internal"))) == 2


def test_a_sighting_without_factors_keeps_the_severity_sla(store):
    plain = _finding("lib/x.py", "c")
    store.record_scan(Scan("github", REPO, 1, "c" * 40, [Sighting(plain, 3.0)]))
    (adv,) = store.page(AdvisoryQuery(limit=10)).items
    assert adv.sla_level is Severity.HIGH and adv.exposure == "unknown" and adv.asset == ""
    assert adv.risk_factors["score"] == 3.0 and adv.risk_factors["exposure_weight"] == 1.0
