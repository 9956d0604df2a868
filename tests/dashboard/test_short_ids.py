"""The advisory id shown everywhere (8 hex characters, e.g. ``d807823d``) opens the advisory on the
dashboard and the API; an unknown one is a proper 404: an HTML page on the dashboard, JSON on the API."""

from __future__ import annotations

from tests.dashboard.conftest import bearer, csrf_of


def test_the_short_id_opens_the_detail_page_and_triage_works_through_it(signed_in, seeded):
    adv = seeded.store.get(seeded.ids["sqli"])
    browser = signed_in("triager")
    by_short = browser.get(f"/advisories/{adv.short_id}")
    assert by_short.status_code == 200, by_short.get_data(as_text=True)[:300]
    assert adv.short_id in by_short.get_data(as_text=True)
    assert browser.get(f"/advisories/{adv.id}").get_data(as_text=True) == by_short.get_data(as_text=True)
    assert browser.get(f"/advisories/{adv.fingerprint.upper()}").status_code == 200
    done = browser.post(
        f"/advisories/{adv.short_id}/dismiss",
        data={"reason": "only test data reaches it", "csrf_token": csrf_of(by_short.get_data(as_text=True))},
    )
    assert done.status_code == 303 and done.headers["Location"].endswith(f"/advisories/{adv.id}")
    assert seeded.store.get(adv.id).state.value == "dismissed"


def test_an_unknown_advisory_is_an_html_404_page_on_the_dashboard(signed_in, seeded):
    browser = signed_in("triager")
    taken = {seeded.store.get(i).short_id for i in seeded.ids.values()}
    unknown = next(c * 8 for c in "0123456789abcdef" if c * 8 not in taken)
    for ref in (unknown, "99999", "not-an-id", "1" * 40):
        page = browser.get(f"/advisories/{ref}")
        assert (page.status_code, page.mimetype) == (404, "text/html"), ref
        assert "Not found" in page.get_data(as_text=True)
        assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    form = browser.get(f"/advisories/{seeded.ids['sqli']}").get_data(as_text=True)
    post = browser.post(
        f"/advisories/{unknown}/dismiss", data={"reason": "x" * 5, "csrf_token": csrf_of(form)}
    )
    assert (post.status_code, post.mimetype) == (404, "text/html")
    missing = browser.get("/no/such/page")
    assert (missing.status_code, missing.mimetype) == (404, "text/html")
    assert "default-src 'none'" in missing.headers["Content-Security-Policy"]


def test_the_api_resolves_short_ids_and_answers_json_404s(app, seeded):
    client, headers = app.test_client(), bearer(seeded, "viewer")
    adv = seeded.store.get(seeded.ids["xss"])
    found = client.get(f"/api/v1/advisories/{adv.short_id}", headers=headers)
    assert found.status_code == 200 and found.get_json()["id"] == adv.id
    taken = {seeded.store.get(i).short_id for i in seeded.ids.values()}
    unknown = next(c * 8 for c in "0123456789abcdef" if c * 8 not in taken)
    for path in (f"/api/v1/advisories/{unknown}", "/api/v1/advisories/99999", "/api/v1/no-such-thing"):
        response = client.get(path, headers=headers)
        assert (response.status_code, response.mimetype) == (404, "application/json"), path
        assert "error" in response.get_json()
