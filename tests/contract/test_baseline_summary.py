"""The baselines page's summary (bot.store.baselines) on SQLite and PostgreSQL: right counts for
each repository, and a fixed number of queries however many repositories the ledger holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, event

from bot.core.models import Severity
from bot.store import AdvisoryStore, Scan, Sighting
from bot.store.baselines import baseline_summary
from tests.contract import advisory_fixtures
from tests.dashboard_seed import finding

engine, clock, store = advisory_fixtures.engine, advisory_fixtures.clock, advisory_fixtures.store


def _sightings(numbers: list[int]) -> list[Sighting]:
    return [
        Sighting(
            finding(
                n,
                severity=Severity.HIGH if n % 2 else Severity.LOW,
                cwe="CWE-78",
                category="command-injection",
                title=f"Shell {n}",
                path=f"ops/run_{n}.py",
            ),
            3.0,
            "os.system(cmd)",
        )
        for n in numbers
    ]


def _add_repositories(
    store: AdvisoryStore, clock: advisory_fixtures.FakeClock, first: int, last: int
) -> None:
    """Repositories ``first``..``last``-1: two baseline runs (1 gone, 4 new at the second); in every
    even one a pull request then fixes baseline advisory 2; every fifth also has a review finding."""
    for i in range(first, last):
        repo = f"org/repo{i:02d}"
        store.record_scan(Scan("github", repo, 0, "main1", _sightings([1, 2, 3]), True))
        clock.advance(1)
        store.record_scan(Scan("github", repo, 0, "main2", _sightings([2, 3, 4]), True))
        clock.advance(1)
        if i % 2 == 0:
            fixed = store.fix_baseline(
                Scan("github", repo, 7, "pr7", [], True), {"ops/run_2.py": set()}, set()
            )
            assert len(fixed) == 1
        if i % 5 == 0:
            store.record_scan(Scan("gitlab", repo, 3, "pr3", _sightings([9]), True))


@contextmanager
def _counting(eng: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: object) -> None:  # (conn, cursor, statement, parameters, context, executemany)
        statements.append(str(args[2]))

    event.listen(eng, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(eng, "before_cursor_execute", count)


def test_the_summary_takes_a_fixed_number_of_queries(store, clock, engine):
    _add_repositories(store, clock, 0, 3)
    with _counting(engine) as few:
        small = baseline_summary(store)
    _add_repositories(store, clock, 3, 30)
    with _counting(engine) as many:
        rows = baseline_summary(store)
    selects = [s for s in many if s.lstrip().upper().startswith("SELECT")]
    assert len(many) == len(few) and len(selects) <= 6, many
    assert len(small) == 3 + 1  # one gitlab repository with a review finding only

    assert len(rows) == 30 + 6
    by_key = {(r.host, r.repo): r for r in rows}
    for i in range(30):
        row = by_key[("github", f"org/repo{i:02d}")]
        fixed_by_pr = 1 if i % 2 == 0 else 0
        assert row.last_run is not None
        assert (row.open, row.new_at_last_run, row.gone_at_last_run) == (3 - fixed_by_pr, 1, 1), i
        assert row.fixed_by_pull_requests == fixed_by_pr
        expected = {Severity.LOW: 2 - fixed_by_pr, Severity.HIGH: 1}
        assert row.open_by_severity == {k: v for k, v in expected.items() if v}
    never = by_key[("gitlab", "org/repo05")]
    assert never.last_run is None and (never.open, never.fixed_by_pull_requests) == (0, 0)
