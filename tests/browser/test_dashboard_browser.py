"""A real headless Chromium (Debian's, driven by Playwright) against real gunicorn on loopback:
sign in, filter, open an advisory, dismiss it with a reason, see the list and history change; a
viewer's dismissal is refused by the server. Screenshots go to the test's tmp directory."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.dashboard_seed import seed
from tests.integration.conftest import run_gunicorn

CHROMIUM = os.environ.get("REMEDIATOR_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
SHOTS = os.environ.get("REMEDIATOR_TEST_SCREENSHOTS", "")
"""Also copy the screenshots to this directory (to look at them after a run)."""

if not Path(CHROMIUM).exists():
    pytest.skip(
        f"BROWSER TESTS NOT RUN: no Chromium at {CHROMIUM} (apt-get install -y chromium; .ci/run does)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="BROWSER TESTS NOT RUN: pip install playwright (in the test extra)"
)


@pytest.fixture
def served(tmp_path: Path):
    seeded = seed(tmp_path / "data", now=time.time())  # gunicorn runs on the wall clock
    with run_gunicorn(tmp_path) as server:
        yield server, seeded


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def shot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000  # a rendered page, not a blank one
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(SHOTS) / path.name)
    return path


def sign_in(page, base: str, token: str) -> None:
    page.goto(f"{base}/advisories")
    assert page.url.startswith(f"{base}/login?next=")
    page.fill("#token", token)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/advisories")


def test_a_triager_filters_opens_and_dismisses_an_advisory(served, browser, tmp_path):
    server, seeded = served
    base = f"http://127.0.0.1:{server.port}"
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    sign_in(page, base, seeded.tokens["triager"])
    assert "triager user" in page.inner_text("header")
    shot(page, tmp_path, "1-list")

    page.fill("#f-repo", "acme/payments")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*repo=acme%2Fpayments.*"))
    rows = page.locator("table.advisories tbody tr")
    assert rows.count() == 2
    assert page.inner_text("#result-count").startswith("Showing 1–2 of 2")

    page.click("text=SQL injection in login")
    page.wait_for_url(f"{base}/advisories/{seeded.ids['sqli']}")
    assert "<redacted>" in page.inner_text("pre.code")
    shot(page, tmp_path, "2-detail")
    page.fill("#dismiss-reason", "user_id is cast to int before the query")
    page.click("#dismiss-form button")
    page.wait_for_selector(".flash.ok")
    assert "is now dismissed" in page.inner_text(".flash.ok")
    assert "dismissed" in page.inner_text("#state")
    history = page.inner_text("#history")
    assert "token:triager user" in history and "user_id is cast to int before the query" in history
    shot(page, tmp_path, "3-dismissed")

    page.goto(f"{base}/advisories?repo=acme/payments")
    titles = page.locator("table.advisories tbody tr").all_inner_texts()
    assert len(titles) == 1 and "SQL injection" not in titles[0]
    page.goto(f"{base}/advisories?repo=acme/payments&state=dismissed")
    assert "SQL injection in login" in page.inner_text("table.advisories")
    page.goto(f"{base}/trends")
    assert page.locator("svg.chart").count() == 2
    shot(page, tmp_path, "4-trends")
    assert seeded.store.get(seeded.ids["sqli"]).state.value == "dismissed"


def test_a_viewer_cannot_dismiss_even_by_posting_the_form_itself(served, browser, tmp_path):
    server, seeded = served
    base = f"http://127.0.0.1:{server.port}"
    page = browser.new_page()
    sign_in(page, base, seeded.tokens["viewer"])
    xss = seeded.ids["xss"]
    page.goto(f"{base}/advisories/{xss}")
    assert page.locator("#dismiss-form").count() == 0
    csrf = page.get_attribute("input[name=csrf_token]", "value")
    # what a viewer could send by hand, with the browser's own session cookie and a valid CSRF token
    response = page.request.post(
        f"{base}/advisories/{xss}/dismiss", form={"reason": "viewer says no", "csrf_token": csrf}
    )
    assert response.status == 403
    assert "needs the triager role" in response.text()
    api = page.request.post(
        f"{base}/api/v1/advisories/{xss}/dismiss",
        data={"reason": "viewer says no"},
        headers={"X-CSRF-Token": csrf},
    )
    assert api.status == 403
    page.reload()
    assert "open" in page.inner_text("#state")
    assert "viewer says no" not in page.inner_text("#history")
    assert seeded.store.get(xss).state.value == "open"


def test_the_security_leads_overview_in_chromium(served, browser, tmp_path):
    """The organisation overview and one repository's: highest risk first with every factor, oldest
    first, by class, asset and exposure; a group's link opens the list filtered on it."""
    from bot.config.kev import exploited
    from bot.core.models import Confidence, Severity
    from bot.core.risk import Asset, DataKind, Exposure, RiskFactors
    from bot.store import Scan, Sighting
    from tests.dashboard_seed import finding

    server, seeded = served
    places = {
        "service": (Asset(Exposure.INTERNET, (DataKind.PAYMENT,), 1, "acme/shop"), "POST /orders"),
        "tool": (Asset(Exposure.INTERNAL, (), 4, "acme/shop:tools/**"), ""),
    }
    sightings = []
    for n, (name, (asset, entry)) in enumerate(places.items(), start=950):
        f = finding(
            n, severity=Severity.HIGH, cwe="CWE-78", category="command-injection", title=f"Shell in {name}"
        )
        fx = RiskFactors(Severity.HIGH, Confidence.HIGH, asset, entry, exploited("CWE-78"))
        sightings.append(Sighting(f, fx.score, "os.system(cmd)", fx))
    seeded.clock.t = time.time()
    seeded.store.record_scan(Scan("github", "acme/shop", 9, "9" * 40, sightings))

    base = f"http://127.0.0.1:{server.port}"
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    sign_in(page, base, seeded.tokens["viewer"])
    page.click("header nav >> text=Overview")
    page.wait_for_url(f"{base}/overview")
    assert page.locator("#by-risk tbody tr").count() >= 5 and page.locator("#by-asset tbody tr").count() >= 4
    shot(page, tmp_path, "5-overview")
    page.fill("#o-repo", "acme/shop")
    page.click("form.filters button[type=submit]")
    page.wait_for_url(re.compile(r".*/overview\?repo=acme%2Fshop.*"))
    risky = page.locator("#by-risk tbody tr").all_inner_texts()
    assert len(risky) == 2 and "Shell in service" in risky[0] and "reachable from `POST /orders`" in risky[0]
    shot(page, tmp_path, "6-overview-repo")
    page.click("#by-asset >> text=acme/shop · acme/shop:tools/**")
    page.wait_for_url(re.compile(r".*/advisories\?.*asset=[^&]*tools.*"))
    titles = page.locator("table.advisories tbody tr").all_inner_texts()
    assert len(titles) == 1 and "Shell in tool" in titles[0]


def test_the_plan_page_in_chromium(served, browser, tmp_path):
    """The Plan page: each work item shows the test to add and the check in staging; its advisories
    and their pull requests unfold as links; an advisory's link opens its page."""
    server, seeded = served
    base = f"http://127.0.0.1:{server.port}"
    page = browser.new_page(viewport={"width": 1360, "height": 900})
    sign_in(page, base, seeded.tokens["viewer"])
    page.click("header nav >> text=Plan")
    page.wait_for_url(f"{base}/plan")
    first = page.locator('#plan tbody tr[data-rank="1"]')
    text = first.inner_text()
    assert "SQL injection in login" in text and "Test to add:" in text and "Check in staging:" in text
    first.locator("details.links summary").click()
    links = first.locator("details.links li a")
    assert links.first.is_visible()
    assert links.first.get_attribute("href") == f"/advisories/{seeded.ids['sqli']}"
    pr = first.locator('details.links a[href^="https://github.com/"]')
    assert pr.first.get_attribute("href") == "https://github.com/acme/payments/pull/7"
    shot(page, tmp_path, "7-plan")
    links.first.click()
    page.wait_for_url(f"{base}/advisories/{seeded.ids['sqli']}")
    assert "SQL injection in login" in page.locator("h1").inner_text()
