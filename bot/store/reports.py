"""Aggregates for the dashboard: a capped count of a filtered view, open advisories by severity
(with how many are past their SLA), and opened vs resolved per week from the history.

Reads only, through bot.store.query's filters and the store's engine. Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, func, select, true

from bot.core.models import Severity
from bot.store import db
from bot.store.models import Advisory, AdvisoryEvent
from bot.store.query import AdvisoryQuery, filters, past_sla
from bot.store.store import AdvisoryStore

RESOLVING_ACTIONS = ("fixed", "dismissed", "risk_accepted")
COUNT_CAP = 1_000


@dataclass(frozen=True, slots=True)
class Count:
    """How many rows match, counted up to ``cap``; ``capped`` means "at least this many"."""

    value: int
    capped: bool

    def __str__(self) -> str:
        return f"{self.value:,}+" if self.capped else f"{self.value:,}"


@dataclass(frozen=True, slots=True)
class SeverityRow:
    severity: Severity
    sla_days: int
    open: int
    overdue: int


@dataclass(frozen=True, slots=True)
class Week:
    start: dt.date
    opened: int
    resolved: int


def capped_count(store: AdvisoryStore, query: AdvisoryQuery, cap: int = COUNT_CAP) -> Count:
    """Counts at most ``cap + 1`` rows, so a page over 100,000 advisories costs what one over 1,000 does."""
    inner = select(Advisory.id).where(*filters(query, store.now(), store.sla)).limit(cap + 1).subquery()
    with db.read_session(store.engine) as s:
        n = int(s.execute(select(func.count()).select_from(inner)).scalar_one())
    return Count(min(n, cap), n > cap)


def _overdue(now: dt.datetime, sla: Mapping[Severity, int]) -> ColumnElement[bool]:
    return past_sla(now, sla)


def open_by_severity(store: AdvisoryStore) -> list[SeverityRow]:
    """Open advisories per severity (most severe first) and how many of them are past their SLA."""
    now = store.now()
    stmt = (
        select(
            Advisory.severity,
            func.count(),
            func.sum(case((_overdue(now, store.sla), 1), else_=0)),
        )
        .where(Advisory.is_open == true())
        .group_by(Advisory.severity)
    )
    with db.read_session(store.engine) as s:
        counts = {int(sev): (int(n), int(late or 0)) for sev, n, late in s.execute(stmt).all()}
    return [
        SeverityRow(sev, store.sla[sev], *counts.get(int(sev), (0, 0)))
        for sev in sorted(Severity, reverse=True)
    ]


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s ISO week."""
    return day - dt.timedelta(days=day.weekday())


def weekly_trend(store: AdvisoryStore, weeks: int = 12) -> list[Week]:
    """Advisories opened and resolved (fixed, dismissed, risk accepted) in each of the last ``weeks``
    ISO weeks, oldest first, the current week last. One indexed range scan of the history."""
    if not 1 <= weeks <= 104:
        raise ValueError("weeks must be between 1 and 104")
    now = store.now()
    first = week_start(now.date()) - dt.timedelta(weeks=weeks - 1)
    bounds = [dt.datetime.combine(first + dt.timedelta(weeks=i), dt.time()) for i in range(weeks + 1)]
    columns = []
    for lo, hi in itertools.pairwise(bounds):
        in_week = and_(AdvisoryEvent.at >= lo, AdvisoryEvent.at < hi)
        columns.append(func.sum(case((and_(in_week, AdvisoryEvent.action == "opened"), 1), else_=0)))
        columns.append(
            func.sum(case((and_(in_week, AdvisoryEvent.action.in_(RESOLVING_ACTIONS)), 1), else_=0))
        )
    stmt = select(*columns).where(AdvisoryEvent.at >= bounds[0])
    with db.read_session(store.engine) as s:
        row = s.execute(stmt).one()
    values = [int(v or 0) for v in row]
    return [Week(first + dt.timedelta(weeks=i), values[2 * i], values[2 * i + 1]) for i in range(weeks)]
