"""The security lead's overview of a filtered view of the ledger: advisories grouped by class, by
asset or by exposure, each group with its count, highest risk, oldest first sighting and how many are
past their SLA; most urgent group first.

Reads only, through bot.store.query's filters (so any filter the query gains, an origin for
instance, narrows the overview too). Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select

from bot.store import db
from bot.store.models import Advisory
from bot.store.query import AdvisoryQuery, filters, past_sla
from bot.store.store import AdvisoryStore

MAX_GROUPS = 200


class Dimension(enum.StrEnum):
    """What the advisories are grouped by; ``asset`` is (repository, asset map entry)."""

    CLASS = "class"
    ASSET = "asset"
    EXPOSURE = "exposure"
    REPO = "repo"


_COLUMNS: dict[Dimension, tuple[Any, ...]] = {
    Dimension.CLASS: (Advisory.category,),
    Dimension.ASSET: (Advisory.repo, Advisory.asset),
    Dimension.EXPOSURE: (Advisory.exposure,),
    Dimension.REPO: (Advisory.repo,),
}


@dataclass(frozen=True, slots=True)
class Group:
    key: tuple[str, ...]
    """The group's values: (category,), (repo, asset), (exposure,) or (repo,)."""
    count: int
    highest_risk: float
    oldest: dt.datetime
    overdue: int
    """Open advisories of the group past their SLA."""

    def as_dict(self, dimension: Dimension) -> dict[str, Any]:
        names = {
            Dimension.CLASS: ("category",),
            Dimension.ASSET: ("repo", "asset"),
            Dimension.EXPOSURE: ("exposure",),
            Dimension.REPO: ("repo",),
        }[dimension]
        return {
            **dict(zip(names, self.key, strict=True)),
            "count": self.count,
            "highest_risk": self.highest_risk,
            "oldest_first_seen_at": self.oldest.isoformat(),
            "overdue": self.overdue,
        }


def breakdown(
    store: AdvisoryStore, query: AdvisoryQuery, dimension: Dimension, *, limit: int = MAX_GROUPS
) -> list[Group]:
    """The advisories ``query`` selects (its sort and page ignored), grouped by ``dimension``: the
    group with the highest risk first, then the largest, then the oldest."""
    now = store.now()
    columns = _COLUMNS[dimension]
    overdue = func.sum(case(((Advisory.is_open.is_(True)) & past_sla(now, store.sla), 1), else_=0))
    stmt = (
        select(*columns, func.count(), func.max(Advisory.risk), func.min(Advisory.first_seen_at), overdue)
        .where(*filters(query, now, store.sla))
        .group_by(*columns)
        .order_by(
            func.max(Advisory.risk).desc(), func.count().desc(), func.min(Advisory.first_seen_at), *columns
        )
        .limit(min(max(limit, 1), MAX_GROUPS))
    )
    with db.read_session(store.engine) as s:
        rows = s.execute(stmt).all()
    width = len(columns)
    return [
        Group(
            tuple(str(v) for v in row[:width]),
            int(row[width]),
            float(row[width + 1] or 0.0),
            row[width + 2],
            int(row[width + 3] or 0),
        )
        for row in rows
    ]
