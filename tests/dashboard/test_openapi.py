"""The JSON API's OpenAPI document: served at /api/v1/openapi.json from the package, in step with the
real routes (every route documented, every documented route exists), and schemathesis generating
requests from it against the real WSGI app with a real token: no 5xx, statuses, content types and
bodies as documented."""

from __future__ import annotations

import json
import re
from importlib import resources

import schemathesis
from flask import Flask
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.dashboard.conftest import bearer

PREFIX = "/api/v1"
EXAMPLES = 20
"""Generated requests per operation: eight operations, about 40 s in all here (seeding included)."""


def _document() -> dict:
    return json.loads(resources.files("webhooks.dashboard").joinpath("openapi.json").read_text("utf-8"))


def test_the_document_is_served_from_the_package(app):
    response = app.test_client().get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.get_json() == _document()
    assert _document()["openapi"].startswith("3.")


def _routes(app: Flask) -> set[tuple[str, str]]:
    out = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX + "/"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule.removeprefix(PREFIX))
        out |= {(method, path) for method in rule.methods - {"HEAD", "OPTIONS"}}
    return out


def _documented() -> set[tuple[str, str]]:
    verbs = {"get", "post", "put", "patch", "delete"}
    paths = _document()["paths"]
    return {(verb.upper(), path) for path, ops in paths.items() for verb in ops if verb in verbs}


def test_every_route_is_documented_and_every_documented_route_exists(app):
    routes, documented = _routes(app), _documented()
    assert len(routes) >= 8
    assert routes - documented == set(), "routes missing from webhooks/dashboard/openapi.json"
    assert documented - routes == set(), "documented operations the app does not serve"


def test_every_documented_parameter_is_one_the_filters_read():
    from webhooks.dashboard.filters import PARAMETERS

    paths = _document()["paths"]
    query = {p["name"] for ops in paths.values() for op in ops.values() for p in op.get("parameters", [])}
    assert query - {"ref"} <= set(PARAMETERS)
    assert set(PARAMETERS) - query == {"start"}  # the dashboard's row counter, not an API parameter


# schemathesis' lazy loader (pytest.from_fixture) does not run under pytest 9: the schema is read from
# the package file at import, and each case is sent to the test's own app (the WSGI transport).
schema = schemathesis.openapi.from_dict(_document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_schemathesis_finds_no_server_error_and_nothing_undocumented(case, app, seeded):
    case.call_and_validate(
        app=app,
        base_url="http://localhost" + PREFIX,
        headers=bearer(seeded, "admin"),
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
