"""The baseline of each repository as the security lead sees it: when it last ran, what is open from
it (by severity), and what changed at the last run (newly found, no longer found) or since (fixed by
pull requests). Reads only. Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Subquery, and_, func, select, true
from sqlalchemy.orm import Session

from bot.core.models import Severity
from bot.store import db
from bot.store.models import Advisory, AdvisoryEvent, State
from bot.store.query import BASELINE_PR
from bot.store.store import AdvisoryStore


@dataclass
class BaselineRow:
    host: str
    repo: str
    last_run: dt.datetime | None = None
    open: int = 0
    open_by_severity: dict[Severity, int] = field(default_factory=dict)
    new_at_last_run: int = 0
    gone_at_last_run: int = 0
    fixed_by_pull_requests: int = 0


def baseline_summary(store: AdvisoryStore) -> list[BaselineRow]:
    """One row per repository the ledger knows, baselined or not (``last_run`` None: never).

    A fixed number of queries whatever the number of repositories: each count is grouped by
    repository, joined to each repository's last baseline run."""
    rows = {(h, r): BaselineRow(h, r) for h, r in store.repositories()}
    baseline = Advisory.first_pr == BASELINE_PR
    runs = (
        select(Advisory.host, Advisory.repo, func.max(Advisory.last_seen_at).label("last_run"))
        .where(baseline)
        .group_by(Advisory.host, Advisory.repo)
        .subquery()
    )
    with db.read_session(store.engine) as s:
        for host, repo, at in s.execute(select(runs.c.host, runs.c.repo, runs.c.last_run)):
            rows.setdefault((host, repo), BaselineRow(host, repo)).last_run = at
        for host, repo, sev, count in s.execute(
            select(Advisory.host, Advisory.repo, Advisory.severity, func.count())
            .where(baseline, Advisory.is_open == true())
            .group_by(Advisory.host, Advisory.repo, Advisory.severity)
        ):
            row = rows[(host, repo)]
            row.open_by_severity[Severity(sev)] = int(count)
            row.open += int(count)
        for key, count in _at_last_run(s, runs, Advisory.first_seen_at == runs.c.last_run):
            rows[key].new_at_last_run = count
        gone = (Advisory.state == State.FIXED.value, Advisory.state_changed_at == runs.c.last_run)
        for key, count in _at_last_run(s, runs, *gone):
            rows[key].gone_at_last_run = count
        fixed = s.execute(
            select(Advisory.host, Advisory.repo, func.count())
            .select_from(AdvisoryEvent)
            .join(Advisory, Advisory.id == AdvisoryEvent.advisory_id)
            .where(baseline, AdvisoryEvent.action == "fixed", AdvisoryEvent.pr != BASELINE_PR)
            .group_by(Advisory.host, Advisory.repo)
        )
        for host, repo, count in fixed:
            rows[(host, repo)].fixed_by_pull_requests = int(count)
    return sorted(rows.values(), key=lambda r: (-r.open, r.host, r.repo))


def _at_last_run(
    session: Session, runs: Subquery, *where: ColumnElement[bool]
) -> list[tuple[tuple[str, str], int]]:
    """Baseline advisories matching ``where`` (which may name the repository's last run,
    ``runs.c.last_run``), counted by repository."""
    found = session.execute(
        select(Advisory.host, Advisory.repo, func.count())
        .select_from(Advisory)
        .join(runs, and_(Advisory.host == runs.c.host, Advisory.repo == runs.c.repo))
        .where(Advisory.first_pr == BASELINE_PR, *where)
        .group_by(Advisory.host, Advisory.repo)
    )
    return [((str(h), str(r)), int(n)) for h, r, n in found]
