"""The baseline of each repository as the security lead sees it: when it last ran, what is open from
it (by severity), and what changed at the last run (newly found, no longer found) or since (fixed by
pull requests). Reads only. Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, func, select, true
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
    """One row per repository the ledger knows, baselined or not (``last_run`` None: never)."""
    rows = {(h, r): BaselineRow(h, r) for h, r in store.repositories()}
    baseline = Advisory.first_pr == BASELINE_PR
    with db.read_session(store.engine) as s:
        runs = s.execute(
            select(Advisory.host, Advisory.repo, func.max(Advisory.last_seen_at))
            .where(baseline)
            .group_by(Advisory.host, Advisory.repo)
        ).all()
        for host, repo, at in runs:
            row = rows.setdefault((host, repo), BaselineRow(host, repo))
            row.last_run = at
        for host, repo, sev, count in s.execute(
            select(Advisory.host, Advisory.repo, Advisory.severity, func.count())
            .where(baseline, Advisory.is_open == true())
            .group_by(Advisory.host, Advisory.repo, Advisory.severity)
        ):
            row = rows[(host, repo)]
            row.open_by_severity[Severity(sev)] = int(count)
            row.open += int(count)
        for row in rows.values():
            if row.last_run is None:
                continue
            at_run = and_(baseline, Advisory.host == row.host, Advisory.repo == row.repo)
            row.new_at_last_run = _count(s, at_run, Advisory.first_seen_at == row.last_run)
            row.gone_at_last_run = _count(
                s, at_run, Advisory.state == State.FIXED.value, Advisory.state_changed_at == row.last_run
            )
            row.fixed_by_pull_requests = int(
                s.execute(
                    select(func.count())
                    .select_from(AdvisoryEvent)
                    .join(Advisory, Advisory.id == AdvisoryEvent.advisory_id)
                    .where(at_run, AdvisoryEvent.action == "fixed", AdvisoryEvent.pr != BASELINE_PR)
                ).scalar_one()
            )
    return sorted(rows.values(), key=lambda r: (-r.open, r.host, r.repo))


def _count(session: Session, *where: ColumnElement[bool]) -> int:
    return int(session.execute(select(func.count()).select_from(Advisory).where(*where)).scalar_one())
