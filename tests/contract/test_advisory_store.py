"""The advisory store's contract, run on SQLite and PostgreSQL: migrations, lifecycle transitions and
their history, expiry on an injected clock, merge tracking, queries, and two workers racing."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from bot.core.models import Confidence, Finding, Severity
from bot.errors import InputError
from bot.store import (
    AdvisoryNotFound,
    AdvisoryQuery,
    AdvisoryStore,
    InvalidTransition,
    Scan,
    Sighting,
    Sort,
    State,
)
from bot.store.db import current_revision, head_revision, upgrade
from bot.store.models import Base
from tests.contract import advisory_fixtures

# the store fixtures (SQLite and PostgreSQL), kept out of conftest so other contract tests are untouched
engine, clock, store = advisory_fixtures.engine, advisory_fixtures.clock, advisory_fixtures.store

REPO = "acme/payments"


def finding(
    n: int, *, severity: Severity = Severity.HIGH, cwe: str = "CWE-89", category: str = "sql-injection"
):
    return Finding(
        rule_id=f"rule-{n % 7}",
        engine="semgrep",
        category=category,
        cwe=cwe,
        title=f"Finding {n}",
        severity=severity,
        confidence=Confidence.HIGH,
        path=f"app/m{n}.py",
        start_line=n,
        end_line=n,
        message=f"message {n}",
        remediation=("step one", "step two"),
        fingerprint=f"{n:032x}",
    )


def scan(pr: int, commit: str, *ns: int, complete: bool = True, repo: str = REPO, **kw) -> Scan:
    sightings = [Sighting(finding(n, **kw), float(n % 4) + 1.0, f"{n} + code") for n in ns]
    return Scan("github", repo, pr, commit * 40 if len(commit) == 1 else commit, sightings, complete)


def actions(store: AdvisoryStore, advisory_id: int) -> list[tuple[str, str | None, str]]:
    return [
        (e.action, e.from_state.value if e.from_state else None, e.to_state.value)
        for e in store.history(advisory_id)
    ]


# ------------------------------------------------------------------------------------------ migrations
def test_migrations_build_the_models_schema_from_an_empty_database(engine):
    assert current_revision(engine) is None
    head = head_revision()
    assert head is not None and head >= "0001"
    assert upgrade(engine) == head
    assert upgrade(engine) == head  # a second upgrade is a no-op
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert {"advisories", "advisory_events", "alembic_version"} <= tables
    assert diff == []  # the migration creates exactly what the ORM models describe


# ------------------------------------------------------------------------------------------- lifecycle
def test_a_scan_opens_advisories_and_a_later_scan_marks_the_missing_one_fixed(store, clock):
    first = store.record_scan(scan(7, "a", 1, 2))
    assert len(first.opened) == 2 and not first.fixed
    clock.advance(1)
    second = store.record_scan(scan(7, "b", 1))
    one, two = (store.get(f"{n:032x}") for n in (1, 2))
    assert second.seen == [one.id] and second.fixed == [two.id]
    assert one.state is State.OPEN and one.last_commit == "b" * 40 and one.first_commit == "a" * 40
    assert two.state is State.FIXED and "no longer found in PR #7" in two.state_reason
    assert actions(store, two.id) == [("opened", None, "open"), ("fixed", "open", "fixed")]
    # the flaw comes back: reopened, with the reason in the history
    store.record_scan(scan(7, "c", 1, 2))
    assert store.get(two.id).state is State.REOPENED
    assert actions(store, two.id)[-1] == ("reopened", "fixed", "reopened")


def test_a_partial_scan_never_marks_anything_fixed(store):
    store.record_scan(scan(3, "a", 1, 2))
    outcome = store.record_scan(scan(3, "b", 1, complete=False))
    assert outcome.fixed == [] and store.get(f"{2:032x}").state is State.OPEN


def test_dismiss_needs_a_reason_and_records_who_when_why(store, clock):
    store.record_scan(scan(1, "a", 1))
    adv_id = store.resolve(f"{1:032x}"[:8])
    with pytest.raises(InputError, match="reason is required"):
        store.dismiss(adv_id, actor="alice", reason="  ", source="cli")
    assert store.get(adv_id).state is State.OPEN  # the refused change changed nothing
    clock.advance(2)
    adv = store.dismiss(adv_id, actor="alice", reason="test fixture, not reachable", source="command")
    assert (adv.state, adv.state_actor, adv.state_reason) == (
        State.DISMISSED,
        "alice",
        "test fixture, not reachable",
    )
    last = store.history(adv_id)[-1]
    assert (last.actor, last.action, last.source, last.at) == (
        "alice",
        "dismissed",
        "command",
        dt.datetime(2026, 1, 3),
    )
    assert store.suppressed("github", REPO) == {f"{1:032x}"}
    with pytest.raises(InvalidTransition, match="already dismissed"):
        store.dismiss(adv_id, actor="bob", reason="again", source="cli")
    # a dismissed advisory stays dismissed when the scan finds it again
    store.record_scan(scan(2, "b", 1))
    assert store.get(adv_id).state is State.DISMISSED
    reopened = store.reopen(adv_id, actor="carol", reason="it is reachable after all", source="web")
    assert reopened.state is State.REOPENED and store.suppressed("github", REPO) == set()
    with pytest.raises(InvalidTransition, match="already open"):
        store.reopen(adv_id, actor="carol", source="web")


def test_accepted_risk_reopens_by_itself_at_expiry(store, clock):
    store.record_scan(scan(1, "a", 1))
    adv_id = store.resolve("1")
    with pytest.raises(InputError, match="must be after today"):
        store.accept_risk(adv_id, actor="lead", reason="legacy", until=dt.date(2026, 1, 1), source="cli")
    adv = store.accept_risk(
        adv_id,
        actor="lead",
        reason="compensating WAF rule",
        until=dt.date(2026, 1, 10),
        source="cli",
        approver="ciso",
    )
    assert (adv.state, adv.accepted_until, adv.approver) == (
        State.RISK_ACCEPTED,
        dt.date(2026, 1, 10),
        "ciso",
    )
    assert f"{1:032x}" in store.suppressed("github", REPO)
    clock.advance(9)  # 2026-01-10: still accepted through that day
    assert store.expire_risks() == []
    clock.advance(1)  # 2026-01-11
    assert store.expire_risks() == [adv_id]
    after = store.get(adv_id)
    assert after.state is State.REOPENED and after.accepted_until is None
    event = store.history(adv_id)[-1]
    assert (event.action, event.actor, event.reason) == (
        "expired",
        "remediator",
        "risk acceptance expired (it ran until 2026-01-10)",
    )


def test_accepted_risk_reopens_when_another_pull_request_touches_the_code(store):
    store.record_scan(scan(1, "a", 1))
    adv_id = store.resolve("1")
    store.accept_risk(adv_id, actor="lead", reason="low exposure", until=dt.date(2027, 1, 1), source="cli")
    store.record_scan(scan(1, "b", 1))  # the same PR again: still accepted
    assert store.get(adv_id).state is State.RISK_ACCEPTED
    store.record_scan(scan(9, "c", 1))  # another PR adds code around it again
    adv = store.get(adv_id)
    assert adv.state is State.REOPENED and "touched again in PR #9" in adv.state_reason


def test_merge_flags_open_advisories_and_closing_unmerged_marks_them(store):
    store.record_scan(scan(4, "a", 1, 2))
    store.record_scan(scan(5, "b", 3))
    store.dismiss(store.resolve("2"), actor="alice", reason="false positive", source="cli")
    flagged = store.pr_closed("github", REPO, 4, merge_commit="m" * 40)
    assert flagged == [store.resolve("1")]  # the dismissed one is not "open"
    merged = store.page(AdvisoryQuery(merged_while_open=True)).items
    assert [(a.id, a.merge_commit, a.merged_pr) for a in merged] == [(1, "m" * 40, 4)]
    assert actions(store, 1)[-1] == ("merged_while_open", "open", "open")
    assert store.pr_closed("github", REPO, 5, merge_commit=None) == [3]
    closed = store.get(3)
    assert closed.closed_unmerged and closed.state is State.OPEN and not closed.merged_while_open
    assert [e.action for e in store.history(3)] == ["opened", "closed_unmerged"]


def test_another_pull_request_copying_and_removing_a_flaw_does_not_launder_it(store):
    """Issue 15, item 5: PR #2 copies PR #1's flagged function, then removes it again. Keyed by
    fingerprint alone, PR #2's scan marked PR #1's advisory fixed and PR #1 merged 'clean'."""
    store.record_scan(scan(1, "a", 1))
    original = store.resolve(f"{1:032x}", pr=1)
    copied = store.record_scan(scan(2, "b", 1))  # the same code (same fingerprint and path) in PR #2
    assert copied.opened and copied.opened != [original]
    removed = store.record_scan(scan(2, "c"))  # PR #2 drops its copy: its own advisory is fixed
    assert removed.fixed == copied.opened
    assert store.get(original).state is State.OPEN
    assert store.pr_closed("github", REPO, 1, merge_commit="m" * 40) == [original]
    assert store.get(original).merged_while_open
    # a command in PR #2 naming the shared short id means PR #2's advisory
    assert store.resolve(f"{1:032x}"[:8], pr=2) == copied.opened[0]
    with pytest.raises(InputError, match="more than one"):
        store.resolve(f"{1:032x}"[:8])


def test_only_the_introducing_pull_request_marks_an_advisory_fixed(store):
    store.record_scan(scan(1, "a", 1, 2))
    store.record_scan(scan(3, "b", 2))  # PR #3 shows finding 2 too (its own advisory)
    outcome = store.record_scan(scan(3, "c"))  # and drops it: only PR #3's advisory is fixed
    assert [store.get(i).first_pr for i in outcome.fixed] == [3]
    assert {store.get(f"{n:032x}", pr=1).state for n in (1, 2)} == {State.OPEN}


def test_unknown_and_ambiguous_references_are_clear_errors(store):
    store.record_scan(scan(1, "a", 1, 2))
    with pytest.raises(AdvisoryNotFound):
        store.resolve("99")
    with pytest.raises(InputError, match="more than one"):
        store.resolve("000000")
    with pytest.raises(InputError, match="not an advisory id"):
        store.resolve("x'; DROP TABLE advisories; --")
    assert store.total() == 2


# ---------------------------------------------------------------------------------------------- queries
def test_filters_sorting_and_keyset_pages(store, clock):
    store.record_scan(scan(1, "a", *range(1, 11), severity=Severity.HIGH))
    clock.advance(40)
    store.record_scan(
        scan(
            2,
            "b",
            *range(11, 16),
            severity=Severity.CRITICAL,
            cwe="CWE-78",
            category="command-injection",
            repo="acme/web",
        )
    )
    clock.advance(5)
    store.dismiss(store.resolve("3"), actor="a", reason="fp here", source="cli")
    # page through everything by risk with a cursor: no row twice, none missing, order kept
    seen, cursor = [], None
    while True:
        page = store.page(AdvisoryQuery(limit=4, after=cursor))
        seen += page.items
        cursor = page.next_cursor
        if cursor is None:
            break
    assert len(seen) == 15 and len({a.id for a in seen}) == 15
    assert [(a.risk, a.id) for a in seen] == sorted(((a.risk, a.id) for a in seen), reverse=True)
    assert store.count(AdvisoryQuery(open_only=True)) == 14
    assert {a.repo for a in store.page(AdvisoryQuery(repos=("acme/web",))).items} == {"acme/web"}
    assert store.count(AdvisoryQuery(cwes=("cwe-78",))) == 5
    assert store.count(AdvisoryQuery(categories=("command-injection",), severities=(Severity.CRITICAL,))) == 5
    assert store.count(AdvisoryQuery(states=(State.DISMISSED,))) == 1
    assert (
        store.count(AdvisoryQuery(min_age_days=30)) == 10 and store.count(AdvisoryQuery(max_age_days=10)) == 5
    )
    # SLA: high 30 days, critical 7 days; the high ones are 45 days old and overdue, the critical 5 days
    overdue = store.page(AdvisoryQuery(overdue=True, limit=100)).items
    assert {a.id for a in overdue} == set(range(1, 11)) - {3} and all(a.overdue for a in overdue)
    assert store.count(AdvisoryQuery(overdue=False)) == 6
    oldest = store.page(AdvisoryQuery(sort=Sort.AGE, limit=1)).items[0]
    newest = store.page(AdvisoryQuery(sort=Sort.NEWEST, limit=1)).items[0]
    assert oldest.id == 1 and newest.id == 15
    assert store.page(AdvisoryQuery(limit=5, offset=10)).items == tuple(seen[10:15])
    assert sum(store.facets(AdvisoryQuery()).values()) == 15
    with pytest.raises(InputError, match="cursor"):
        store.page(AdvisoryQuery(after="not-a-cursor"))
    with pytest.raises(InputError, match="cursor"):
        store.page(AdvisoryQuery(sort=Sort.AGE, after=store.page(AdvisoryQuery(limit=1)).next_cursor))


def test_an_export_iterates_every_matching_row_in_order(store):
    store.record_scan(scan(1, "a", *range(1, 2501)))
    rows = list(store.iter(AdvisoryQuery(sort=Sort.AGE)))
    assert [a.id for a in rows] == list(range(1, 2501))


# ------------------------------------------------------------------------------------------ concurrency
def test_two_workers_changing_one_advisory_are_serialised(engine, clock):
    AdvisoryStore(engine, clock).upgrade()
    AdvisoryStore(engine, clock).record_scan(scan(1, "a", 1))
    locked, release = threading.Event(), threading.Event()

    def hold(_advisory_id: int) -> None:
        locked.set()
        assert release.wait(30)

    first = AdvisoryStore(engine, clock, on_locked=hold)
    second = AdvisoryStore(engine, clock)
    results: dict[str, object] = {}
    second_done = threading.Event()

    def run(name: str, s: AdvisoryStore, reason: str) -> None:
        try:
            results[name] = s.dismiss(1, actor=name, reason=reason, source="worker").state_actor
        except InvalidTransition as exc:
            results[name] = exc
        finally:
            if name == "second":
                second_done.set()

    a = threading.Thread(target=run, args=("first", first, "worker one says fp"))
    a.start()
    assert locked.wait(30)  # the first worker holds the row
    b = threading.Thread(target=run, args=("second", second, "worker two says fp"))
    b.start()
    assert not second_done.wait(0.5), "the second worker must wait for the first one's lock"
    release.set()
    a.join(30)
    b.join(30)
    assert results["first"] == "first"
    assert isinstance(results["second"], InvalidTransition)  # it saw the committed dismissal
    history = AdvisoryStore(engine, clock).history(1)
    assert [(e.action, e.actor) for e in history] == [("opened", "remediator"), ("dismissed", "first")]


def test_two_workers_recording_the_same_new_finding_create_one_advisory(engine, clock):
    AdvisoryStore(engine, clock).upgrade()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def record(commit: str) -> None:
        try:
            barrier.wait(30)
            AdvisoryStore(engine, clock).record_scan(scan(1, commit, 1, 2, 3))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=record, args=(c,)) for c in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    s = AdvisoryStore(engine, clock)
    assert s.total() == 3
    ids = [a.id for a in s.page(AdvisoryQuery()).items]
    assert [[e.action for e in s.history(i)] for i in ids] == [["opened"]] * 3


@pytest.mark.parametrize("ref", ["³", "١٢", "#²", "①"])
def test_digits_int_cannot_read_are_refused_as_input_not_crashed_on(store, ref):
    # str.isdigit() accepts superscripts and other scripts' digits that int() refuses; the API answered
    # GET /api/v1/advisories/%C2%B3 with a 500 (found by schemathesis)
    store.record_scan(scan(1, "a" * 40, 1))
    with pytest.raises(InputError):
        store.resolve(ref)
