"""Fuzz: the API's and dashboard's filters (webhooks/dashboard/filters.py). Any query string is a
View or one BadParameter naming a real parameter, never another exception; and every View runs on a
real SQLite ledger as a page (or an InputError for a cursor), never a database error; the
normalised parameters a page puts in its links parse back to the same query."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from bot.errors import InputError
from bot.store import AdvisoryStore
from bot.store.bootstrap import forget_engines
from tests.dashboard_seed import seed
from webhooks.dashboard.filters import PARAMETERS, BadParameter, parse_view

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLAUSIBLE = st.sampled_from(
    [
        "acme/payments", "critical", "high,low", "any", "active", "open", "fixed", "CWE-89", "89",
        "sql-injection", "true", "false", "1", "0", "50", "1000", "1001", "36500", "risk", "age",
        "newest", "github", "gitlab", "-1", "1e3", "２", "WyJyaXNrIiwgMS4wLCAxXQ", "",
    ]
)  # fmt: skip
VALUES = st.one_of(PLAUSIBLE, st.text(max_size=40), st.integers().map(str))
QUERIES = st.lists(st.tuples(st.sampled_from([*PARAMETERS, "x"]), VALUES), max_size=8)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> AdvisoryStore:
    seeded = seed(Path(tmp_path_factory.mktemp("fuzz-filters")) / "data")
    yield seeded.store
    forget_engines()


@FUZZ
@given(pairs=QUERIES, max_limit=st.sampled_from([200, 1000]))
def test_any_query_string_is_a_view_or_a_bad_parameter_and_runs(store, pairs, max_limit):
    try:
        view = parse_view(MultiDict(pairs), max_limit=max_limit)
    except BadParameter as exc:
        assert exc.parameter in PARAMETERS
        return
    assert 1 <= view.query.limit <= max_limit
    try:
        page = store.page(view.query)
    except InputError as exc:
        assert "cursor" in str(exc)
        return
    assert len(page.items) <= view.query.limit
    # the links a page builds keep its view: the normalised parameters parse to the same query
    assert parse_view(MultiDict(view.params), max_limit=max_limit).query == replace(view.query, after=None)
