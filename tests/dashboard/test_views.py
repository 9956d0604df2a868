"""What a security lead sees on the dashboard and gets from the API: filters, sorting, pages,
detail and history, SLA, trends and exports (Flask test client over a seeded SQLite ledger)."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from bot.core.models import Severity
from bot.store import AdvisoryQuery, Sort
from bot.store.reports import open_by_severity, weekly_trend
from tests.contract.advisory_fixtures import FakeClock
from tests.dashboard.conftest import bearer, csrf_of
from tests.dashboard_seed import NOW, SECRET_IN_CODE, XSS_TITLE

SARIF_SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures/sarif-schema-2.1.0.json").read_text()
)


@pytest.fixture
def api(app, seeded):
    client = app.test_client()
    headers = bearer(seeded, "viewer")

    def get(path: str, **params):
        return client.get(path, query_string=params, headers=headers)

    return get


def ids_of(response) -> list[int]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return [a["id"] for a in response.get_json()["advisories"]]


def every_page(api, **params) -> list[int]:
    out, cursor = [], None
    while True:
        body = api("/api/v1/advisories", **params, **({"cursor": cursor} if cursor else {})).get_json()
        out += [a["id"] for a in body["advisories"]]
        cursor = body["next_cursor"]
        if cursor is None:
            return out


def row_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr class="[^"]*" data-id="(\d+)"', html)]


# ------------------------------------------------------------------------------------ filters
def test_filters_on_the_api_match_the_store(api, seeded):
    store, ids = seeded.store, seeded.ids
    active = {a.id for a in store.iter(AdvisoryQuery(open_only=True))}
    assert set(every_page(api, limit=1000)) == active  # default view: open or reopened
    assert ids["fixed"] not in active and ids["dismissed"] not in active
    assert set(ids_of(api("/api/v1/advisories", repo="acme/payments"))) == {ids["sqli"], ids["xss"]}
    assert ids_of(api("/api/v1/advisories", severity="critical")) == [ids["sqli"]]
    assert ids_of(api("/api/v1/advisories", cwe="79")) == [ids["xss"]]
    assert ids_of(api("/api/v1/advisories", cwe="CWE-78", merged_while_open="true")) == [ids["cmd"]]
    assert ids_of(api("/api/v1/advisories", merged_while_open="true")) == [ids["cmd"]]
    assert ids_of(api("/api/v1/advisories", state="fixed")) == [ids["fixed"]]
    assert set(ids_of(api("/api/v1/advisories", state="fixed,dismissed"))) == {ids["fixed"], ids["dismissed"]}
    assert ids_of(api("/api/v1/advisories", state="any", limit=1000)).__len__() == store.total()
    young = set(ids_of(api("/api/v1/advisories", max_age=2, limit=1000)))
    assert young == {a.id for a in store.iter(AdvisoryQuery(open_only=True, max_age_days=2))}
    assert ids["recent"] in young and ids["sqli"] not in young
    old = set(ids_of(api("/api/v1/advisories", min_age=30, limit=1000)))
    assert ids["sqli"] in old and ids["recent"] not in old
    overdue = set(ids_of(api("/api/v1/advisories", overdue="true", limit=1000)))
    assert overdue == {a.id for a in store.iter(AdvisoryQuery(open_only=True)) if a.overdue}
    assert ids["sqli"] in overdue and ids["recent"] not in overdue


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"severity": "urgent"}, "severity", "unknown severity 'urgent'"),
        ({"state": "closed"}, "state", "'closed' is not one of"),
        ({"cwe": "SQLi"}, "cwe", "not a CWE id"),
        ({"min_age": "-3"}, "min_age", "not a whole number"),
        ({"limit": "0"}, "limit", "between 1 and 1000"),
        ({"limit": "5000"}, "limit", "between 1 and 1000"),
        ({"merged_while_open": "maybe"}, "merged_while_open", "not true or false"),
        ({"sort": "name"}, "sort", "risk, age, newest"),
        ({"repo": "not a repo"}, "repo", "not owner/name"),
        ({"min_age": "9", "max_age": "3"}, "min_age", "must not be more than max_age"),
        ({"cursor": "garbage"}, "cursor", "invalid page cursor"),
        ({"limit": "\u00b2"}, "limit", "not a whole number"),
        ({"min_age": "1000000"}, "min_age", "between 0 and 36500"),
        ({"pr": "9223372036854775808"}, "pr", "not a whole number"),
        ({"pr": "3000000000"}, "pr", "between 1 and 2147483647"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(api, signed_in, params, parameter, words):
    exports = () if parameter == "cursor" else ("/api/v1/advisories.csv", "/api/v1/advisories.sarif")
    for path in ("/api/v1/advisories", *exports):  # an export is the whole view: it ignores a cursor
        response = api(path, **params)
        assert response.status_code == 400, (path, params)
        body = response.get_json()
        assert body["parameter"] == parameter
        assert words in body["error"]
    page = signed_in("viewer").get("/advisories", query_string=params)
    assert page.status_code == 400
    assert parameter in page.text and "Cannot do that" in page.text


# ------------------------------------------------------------------------ sorting and pages
def test_keyset_pages_cover_every_row_once_in_order(api, seeded):
    everything = list(seeded.store.iter(AdvisoryQuery(open_only=True)))
    paged = every_page(api, limit=7)
    assert paged == [a.id for a in everything]
    assert len(paged) == len(set(paged)) > 50
    risks = [a.risk for a in everything]
    assert risks == sorted(risks, reverse=True)
    by_age = every_page(api, sort="age", limit=9)
    seen = [seeded.store.get(i).first_seen_at for i in by_age]
    assert seen == sorted(seen) and by_age[0] in (seeded.ids["sqli"], seeded.ids["xss"])
    body = api("/api/v1/advisories", limit=5).get_json()
    assert body["total"] == len(everything) and body["total_is_lower_bound"] is False
    assert body["limit"] == 5 and len(body["advisories"]) == 5


def test_the_list_page_pages_with_next_links_and_counts(signed_in, seeded):
    client = signed_in("viewer")
    total = seeded.store.count(AdvisoryQuery(open_only=True))
    seen: list[int] = []
    url = "/advisories?sort=age"
    first = client.get(url).text
    assert f"Showing 1–50 of {total}" in first
    while url:
        html = client.get(url).text
        seen += row_ids(html)
        match = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = match.group(1).replace("&amp;", "&") if match else ""
    assert seen == [a.id for a in seeded.store.iter(AdvisoryQuery(open_only=True, sort=Sort.AGE))]
    assert f"of {total}" in html and "First page" in html


def test_the_list_shows_overdue_rows_highlighted_and_merged_while_open_flagged(signed_in, seeded):
    html = signed_in("viewer").get("/advisories?sort=risk").text
    row = re.search(rf'<tr class="([^"]*)" data-id="{seeded.ids["sqli"]}">(.*?)</tr>', html, re.S)
    assert row and row.group(1) == "overdue" and "overdue</span>" in row.group(2)
    recent = re.search(rf'<tr class="([^"]*)" data-id="{seeded.ids["recent"]}">(.*?)</tr>', html, re.S)
    assert recent and recent.group(1) == "" and "overdue</span>" not in recent.group(2)
    cmd = re.search(rf'data-id="{seeded.ids["cmd"]}">(.*?)</tr>', html, re.S)
    assert cmd and "merged while open (PR #12)" in cmd.group(1)
    assert "SLA:" in html and "critical</span> 7 days" in html


def test_the_sla_comes_from_the_org_config(settings, seeded, tmp_path):
    from webhooks import create_app

    org = tmp_path / "org.yml"
    org.write_text("sla_days: {critical: 60}\n")
    app = create_app(replace(settings, org_config=str(org)), clock=FakeClock(NOW))
    body = (
        app.test_client()
        .get(f"/api/v1/advisories/{seeded.ids['sqli']}", headers=bearer(seeded, "viewer"))
        .get_json()
    )
    assert body["overdue"] is False and body["due_at"] == "2026-01-21T00:00:00"  # first seen + 60 days


# ------------------------------------------------------------------------------------- detail
def test_the_detail_page_shows_redacted_code_remediation_history_and_pr_link(signed_in, seeded):
    html = signed_in("viewer").get(f"/advisories/{seeded.ids['sqli']}").text
    assert SECRET_IN_CODE not in html
    assert "&lt;redacted&gt;" in html and "SELECT * FROM users" in html
    assert "Use a parameterised API." in html and "cursor.execute(query, (user_id,))" in html
    assert 'href="https://github.com/acme/payments/pull/7/files"' in html
    assert "overdue</span>" in html and "CWE-89" in html
    history = re.search(r'<table class="history" id="history">(.*?)</table>', html, re.S).group(1)
    assert "opened" in history and "found in PR #7" in history and "remediator" in history
    merged = signed_in("viewer").get(f"/advisories/{seeded.ids['cmd']}").text
    assert "merged at <code>cccccccccccc</code>" in merged and "/pull/12/files" in merged
    missing = signed_in("viewer").get("/advisories/99999")
    assert missing.status_code == 404 and "no advisory 99999" in missing.text


def test_untrusted_text_is_escaped_and_pages_load_nothing_from_elsewhere(signed_in, seeded):
    client = signed_in("viewer")
    for path in ("/advisories", f"/advisories/{seeded.ids['xss']}", "/trends", "/login"):
        response = client.get(path)
        html = response.text
        assert XSS_TITLE not in html
        assert "<script" not in html
        assert "default-src 'none'" in response.headers["Content-Security-Policy"]
        for attr in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert attr.startswith(("/", "https://github.com/")), (path, attr)
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Reflected XSS" in client.get("/advisories").text
    css = client.get("/assets/dashboard.css")
    assert css.status_code == 200 and "url(" not in css.text and "@import" not in css.text
    css.close()


def test_api_detail_history_and_triage_errors(app, seeded):
    client = app.test_client()
    viewer, triager = bearer(seeded, "viewer"), bearer(seeded, "triager")
    sqli = seeded.ids["sqli"]
    body = client.get(f"/api/v1/advisories/{sqli}", headers=viewer).get_json()
    assert body["id"] == sqli and body["severity"] == "critical" and body["excerpt"].count("<redacted>") == 1
    assert [e["action"] for e in body["history"]] == ["opened"]
    short = body["short_id"]
    assert client.get(f"/api/v1/advisories/{short}", headers=viewer).get_json()["id"] == sqli
    assert client.get("/api/v1/advisories/99999", headers=viewer).status_code == 404
    assert client.get("/api/v1/advisories/zz", headers=viewer).status_code == 400

    bad = client.post(
        f"/api/v1/advisories/{sqli}/accept-risk",
        json={"reason": "vendor fix", "until": "soon"},
        headers=triager,
    )
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "until"
    past = client.post(
        f"/api/v1/advisories/{sqli}/accept-risk",
        json={"reason": "vendor fix", "until": "2025-12-01"},
        headers=triager,
    )
    assert past.status_code == 400 and "must be after today" in past.get_json()["error"]
    empty = client.post(f"/api/v1/advisories/{sqli}/dismiss", json={}, headers=triager)
    assert empty.status_code == 400 and "reason is required" in empty.get_json()["error"]
    ok = client.post(
        f"/api/v1/advisories/{sqli}/accept-risk",
        json={"reason": "vendor fix due", "until": "2026-03-01"},
        headers=triager,
    )
    assert ok.status_code == 200
    assert ok.get_json()["state"] == "risk_accepted" and ok.get_json()["accepted_until"] == "2026-03-01"
    again = client.post(
        f"/api/v1/advisories/{seeded.ids['dismissed']}/dismiss", json={"reason": "dup"}, headers=triager
    )
    assert again.status_code == 409 and "already dismissed" in again.get_json()["error"]
    reopened = client.post(
        f"/api/v1/advisories/{sqli}/reopen", json={"reason": "vendor gone"}, headers=triager
    )
    assert [e["action"] for e in reopened.get_json()["history"]] == ["opened", "risk_accepted", "reopened"]


def test_triage_errors_on_the_page_change_nothing_and_say_why(signed_in, seeded):
    triager = signed_in("triager")
    sqli = seeded.ids["sqli"]
    csrf = csrf_of(triager.get(f"/advisories/{sqli}").text)
    response = triager.post(
        f"/advisories/{sqli}/accept-risk", data={"reason": "ok", "until": "2026-13-40", "csrf_token": csrf}
    )
    assert response.status_code == 303
    page = triager.get(response.headers["Location"]).text
    assert "Nothing was changed: the expiry date must be YYYY-MM-DD" in page
    assert seeded.store.get(sqli).state.value == "open"
    response = triager.post(
        f"/advisories/{sqli}/accept-risk",
        data={"reason": "vendor patch", "until": "2026-02-01", "csrf_token": csrf},
    )
    page = triager.get(response.headers["Location"]).text
    assert "is now risk accepted" in page and "until 2026-02-01, approved by token:triager user" in page
    assert 'id="reopen-form"' in page and 'id="dismiss-form"' not in page


# -------------------------------------------------------------------------------------- trends
def test_trends_draw_the_store_aggregates_as_svg(signed_in, seeded):
    html = signed_in("viewer").get("/trends").text
    weeks = weekly_trend(seeded.store, 12)
    assert sum(w.opened for w in weeks) > 0 and sum(w.resolved for w in weeks) == 2  # fixed + dismissed
    opened = [int(v) for v in re.findall(r'class="opened" data-value="(\d+)"', html)]
    resolved = [int(v) for v in re.findall(r'class="resolved" data-value="(\d+)"', html)]
    assert opened == [w.opened for w in weeks] and resolved == [w.resolved for w in weeks]
    rows = open_by_severity(seeded.store)
    for row in rows:
        assert f'class="sev-{row.severity.label}" data-value="{row.open}"' in html
    assert sum(r.open for r in rows) == seeded.store.count(AdvisoryQuery(open_only=True))
    critical = next(r for r in rows if r.severity is Severity.CRITICAL)
    assert (critical.open, critical.overdue, critical.sla_days) == (1, 1, 7)
    assert "<svg" in html and "opened and resolved per week" in html


# -------------------------------------------------------------------------------------- exports
def test_exports_of_a_filtered_view_are_csv_and_valid_sarif(api, signed_in, seeded):
    params = {"repo": "acme/payments,beta/api", "state": "any"}
    expected = [a.id for a in seeded.store.iter(AdvisoryQuery(repos=("acme/payments", "beta/api")))]
    response = api("/api/v1/advisories.csv", **params)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert re.fullmatch(
        r'attachment; filename="advisories-20260101-000000\.csv"', response.headers["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert [int(r["id"]) for r in rows] == expected
    assert {r["repo"] for r in rows} == {"acme/payments", "beta/api"}
    assert SECRET_IN_CODE not in response.get_data(as_text=True)

    sarif = api("/api/v1/advisories.sarif", **params)
    assert sarif.mimetype == "application/sarif+json"
    log = json.loads(sarif.get_data(as_text=True))
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(log)
    assert [r["properties"]["advisory"] for r in log["runs"][0]["results"]] == expected

    html = signed_in("viewer").get("/advisories", query_string=params).text
    links = {
        m.group(1): m.group(2).replace("&amp;", "&")
        for m in re.finditer(r'<a href="([^"]+?)(\?[^"]*)?" download>', html)
    }
    assert set(links) == {"/api/v1/advisories.csv", "/api/v1/advisories.sarif"}
    viewer = signed_in("viewer")
    via_link = viewer.get("/api/v1/advisories.csv" + links["/api/v1/advisories.csv"])  # the browser session
    assert [int(r["id"]) for r in csv.DictReader(io.StringIO(via_link.get_data(as_text=True)))] == expected


def test_a_large_export_streams_in_chunks(app, seeded):
    from bot.core.models import Confidence, Finding
    from bot.store import Scan, Sighting

    sightings = [
        Sighting(
            Finding(
                rule_id="r",
                engine="semgrep",
                category="c",
                cwe="CWE-1",
                title=f"t{n}",
                severity=Severity.LOW,
                confidence=Confidence.LOW,
                path="p.py",
                start_line=n + 1,
                end_line=n + 1,
                message="m" * 200,
                fingerprint=f"{n:040x}",
            ),
            1.0,
        )
        for n in range(1500)
    ]
    seeded.store.record_scan(Scan("github", "bulk/repo", 1, "f" * 40, sightings))
    response = app.test_client().get(
        "/api/v1/advisories.csv", query_string={"repo": "bulk/repo"}, headers=bearer(seeded, "viewer")
    )
    chunks = list(response.response)
    assert len(chunks) > 3  # written as it is read, not built whole
    assert b"".join(c if isinstance(c, bytes) else c.encode() for c in chunks).count(b"\n") == 1501
