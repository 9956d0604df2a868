"""The security lead's views of risk (issue 11, item 5): the organisation and per-repository overview
(open advisories by risk, by class, by asset, by exposure, oldest first), the exposure and asset
filters, the advisory page's factors, and the CSV/SARIF/JSON exports carrying every factor."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from bot.config.kev import exploited
from bot.core.models import Confidence, Severity
from bot.core.risk import Asset, DataKind, Exposure, RiskFactors
from bot.store import Scan, Sighting
from tests.dashboard.conftest import bearer
from tests.dashboard_seed import finding

REPO = "acme/shop"


def _asset(exposure: Exposure, tier: int, name: str, data: tuple[DataKind, ...] = ()) -> Asset:
    source = f"asset map: {name}" if name else ""
    return Asset(exposure, data, tier, name, source, source)


@pytest.fixture
def risky(seeded):
    """Three command injections of one severity in acme/shop, in three very different places."""
    places = {
        "service": (_asset(Exposure.INTERNET, 1, "acme/shop", (DataKind.PAYMENT,)), "POST /orders"),
        "tool": (_asset(Exposure.INTERNAL, 4, "acme/shop:tools/**"), ""),
        "plc": (_asset(Exposure.ISOLATED, 2, ""), ""),
    }
    sightings, ids = [], {}
    for n, (name, (asset, entry)) in enumerate(places.items(), start=900):
        f = finding(
            n,
            severity=Severity.HIGH,
            cwe="CWE-78",
            category="command-injection",
            title=f"Shell command in {name}",
            path=f"{name}/run.py",
        )
        fx = RiskFactors(Severity.HIGH, Confidence.HIGH, asset, entry, exploited("CWE-78"))
        sightings.append(Sighting(f, fx.score, "os.system(cmd)", fx))
        ids[name] = f.fingerprint
    seeded.store.record_scan(Scan("github", REPO, 77, "7" * 40, sightings))
    return {name: seeded.store.resolve(fp) for name, fp in ids.items()}


def test_the_repository_overview_ranks_by_risk_and_groups_by_class_asset_and_exposure(signed_in, risky):
    page = signed_in("viewer").get(f"/overview?repo={REPO}").text
    assert "Overview of acme/shop" in page
    by_risk = page.split('id="by-risk"')[1].split("</section>")[0]
    titles = [
        t
        for t in ("Shell command in service", "Shell command in plc", "Shell command in tool")
        if t in by_risk
    ]
    assert titles == ["Shell command in service", "Shell command in plc", "Shell command in tool"]
    assert (
        by_risk.index("Shell command in service")
        < by_risk.index("Shell command in plc")
        < by_risk.index("Shell command in tool")
    )
    assert (
        "internet-facing (asset map: acme/shop), payment data, tier 1 (critical; asset map: acme/shop)"
        in by_risk
    )
    assert "reachable from `POST /orders`" in by_risk
    assert "SQL injection in login" not in by_risk  # another repository
    by_asset = page.split('id="by-asset"')[1].split("</section>")[0]
    assert "acme/shop · acme/shop<" in by_asset and "acme/shop · acme/shop:tools/**" in by_asset
    assert "acme/shop · (no asset map entry)" in by_asset and "asset=none" in by_asset
    by_class = page.split('id="by-class"')[1].split("</section>")[0]
    assert "category=command-injection" in by_class and ">3<" in by_class.replace(" ", "")
    by_exposure = page.split('id="by-exposure"')[1].split("</section>")[0]
    for exposure in ("internet", "isolated", "internal"):
        assert f"exposure={exposure}" in by_exposure
    assert 'id="oldest"' in page


def test_the_organisation_overview_covers_every_repository_oldest_first(signed_in, risky, seeded):
    page = signed_in("viewer").get("/overview").text
    assert "Organisation overview" in page
    oldest = page.split('id="oldest"')[1].split("</section>")[0]
    ages = [int(a) for a in re.findall(r'<td class="num">(\d+)d</td>', oldest)]
    assert ages == sorted(ages, reverse=True) and ages[0] == 40
    by_asset = page.split('id="by-asset"')[1].split("</section>")[0]
    assert "acme/payments · (no asset map entry)" in by_asset and "acme/shop · acme/shop<" in by_asset
    # the links keep the view: a repository's asset opens the list filtered on both
    assert "repo=acme%2Fshop" in by_asset or "repo=acme/shop" in by_asset


def test_the_exposure_and_asset_filters_narrow_the_list(signed_in, risky):
    client = signed_in("viewer")
    internet = client.get("/advisories?exposure=internet").text
    assert "Shell command in service" in internet and "Shell command in tool" not in internet
    unmapped = client.get(f"/advisories?repo={REPO}&asset=none").text
    assert "Shell command in plc" in unmapped and "Shell command in service" not in unmapped
    tools = client.get("/advisories?asset=acme/shop:tools/**").text
    assert "Shell command in tool" in tools and "Shell command in plc" not in tools
    bad = client.get("/overview?exposure=cloud")
    assert bad.status_code == 400 and "exposure" in bad.text


def test_the_advisory_page_shows_every_factor_and_the_sla_it_gives(signed_in, risky):
    page = signed_in("viewer").get(f"/advisories/{risky['service']}").text
    assert 'id="risk-why"' in page and "reachable from `POST /orders`" in page
    assert "CWE-78 is known to be exploited in the wild" in page
    assert "the SLA of a critical finding" in page  # a high finding, due like a critical one here
    assert "asset map entry <code>acme/shop</code>" in page


def test_the_api_overview_and_advisories_carry_the_factors(app, seeded, risky):
    client = app.test_client()
    body = client.get(f"/api/v1/overview?repo={REPO}", headers=bearer(seeded, "viewer")).get_json()
    assert body["total"] == 3 and body["highest_risk"][0]["title"] == "Shell command in service"
    top = body["highest_risk"][0]
    assert top["sla_level"] == "critical" and top["severity"] == "high" and top["exposure"] == "internet"
    assert top["risk_factors"]["entry_point"] == "POST /orders" and top["risk_factors"]["tier"] == 1
    assets = {(g["repo"], g["asset"]) for g in body["by_asset"]}
    assert assets == {(REPO, "acme/shop"), (REPO, "acme/shop:tools/**"), (REPO, "")}
    assert body["by_class"] == [
        {
            "category": "command-injection",
            "count": 3,
            "highest_risk": top["risk"],
            "oldest_first_seen_at": top["first_seen_at"],
            "overdue": 0,
        }
    ]
    page = client.get("/api/v1/advisories?exposure=isolated", headers=bearer(seeded, "viewer")).get_json()
    assert [a["title"] for a in page["advisories"]] == ["Shell command in plc"]


def test_the_exports_carry_every_risk_factor(app, seeded, risky):
    client = app.test_client()
    headers = bearer(seeded, "viewer")
    text = client.get(f"/api/v1/advisories.csv?repo={REPO}", headers=headers).get_data(as_text=True)
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(text))}
    service = rows["Shell command in service"]
    assert service["exposure"] == "internet" and service["asset"] == "acme/shop"
    assert service["sla_level"] == "critical" and service["data"] == "payment" and service["tier"] == "1"
    assert service["entry_point"] == "POST /orders"
    assert service["exploited_in_wild"].startswith("CWE-78: #5 of MITRE's 2023 CWE Top 10 KEV Weaknesses")
    assert service["risk_why"].startswith("internet-facing (asset map: acme/shop), payment data")
    assert rows["Shell command in plc"]["exposure_source"] == ""
    sarif = json.loads(
        client.get(f"/api/v1/advisories.sarif?repo={REPO}", headers=headers).get_data(as_text=True)
    )
    props = {r["properties"]["asset"]: r["properties"] for r in sarif["runs"][0]["results"]}
    assert props["acme/shop"]["riskFactors"]["entry_point"] == "POST /orders"
    assert (
        props["acme/shop"]["slaLevel"] == "critical" and props["acme/shop:tools/**"]["exposure"] == "internal"
    )
