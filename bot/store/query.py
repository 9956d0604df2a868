"""Reading the advisory ledger: one ``AdvisoryQuery`` (filters, sort, keyset or offset pages) turned
into SQL that the indexes in bot/store/models.py serve, and the read-only records it returns.

Must not import Flask or bot.hosts; the dashboard, API, CLI and exports all read through here.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true, tuple_

from bot.core import safejson
from bot.core.models import Confidence, Severity
from bot.errors import InputError
from bot.store.models import Advisory, AdvisoryEvent, State

MAX_LIMIT = 1000


class Sort(enum.StrEnum):
    """``risk``: highest risk first; ``age``: oldest first; ``newest``: most recently opened first."""

    RISK = "risk"
    AGE = "age"
    NEWEST = "newest"


BASELINE_PR = 0


def pr_label(pr: int) -> str:
    """How a sighting's pull request reads to a person: ``PR #12``, or ``the baseline scan`` for the
    pseudo pull request number a baseline scan records (there is no PR #0 to point at)."""
    return "the baseline scan" if pr == BASELINE_PR else f"PR #{pr}"


"""The ``pr`` of a baseline scan: advisories it opens have ``first_pr`` 0 (origin ``baseline``)."""
ORIGIN_BASELINE = "baseline"
ORIGIN_REVIEW = "review"
ORIGINS = (ORIGIN_BASELINE, ORIGIN_REVIEW)


@dataclass(frozen=True, slots=True)
class AdvisoryQuery:
    """Filters (all optional, combined with AND), sort and one page. Empty tuples mean "any".

    ``open_only`` keeps ``open`` and ``reopened``; ``states`` names exact states. Ages are whole days
    since the advisory was first seen. ``overdue`` compares that age with the SLA of its SLA level (the
    severity moved by the risk's context; open advisories only). Pages: ``after`` (the
    ``next_cursor`` of the previous page, fast at any depth) or ``offset`` (simple, slower deep down);
    not both.
    """

    repos: tuple[str, ...] = ()
    host: str | None = None
    severities: tuple[Severity, ...] = ()
    min_severity: Severity | None = None
    states: tuple[State, ...] = ()
    open_only: bool = False
    cwes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    min_age_days: int | None = None
    max_age_days: int | None = None
    merged_while_open: bool | None = None
    overdue: bool | None = None
    exposures: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    """Asset map entries (``acme/payments:app/**``); "" is what no entry names."""
    pr: int | None = None
    origin: str | None = None
    """``baseline`` or ``review``: where the advisory was first found."""
    sort: Sort = Sort.RISK
    limit: int = 50
    offset: int = 0
    after: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise InputError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.origin is not None and self.origin not in ORIGINS:
            raise InputError(f"origin must be one of {', '.join(ORIGINS)}")
        if self.offset < 0:
            raise InputError("offset must be 0 or more")
        if self.after and self.offset:
            raise InputError("use either a cursor (after) or an offset, not both")
        for name in ("min_age_days", "max_age_days"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise InputError(f"{name} must be 0 or more")


@dataclass(frozen=True, slots=True)
class AdvisoryRecord:
    """An advisory as read (detached from the database); ``overdue``/``due_at`` use the store's SLA."""

    id: int
    host: str
    repo: str
    fingerprint: str
    rule_id: str
    engine: str
    category: str
    cwe: str
    title: str
    severity: Severity
    confidence: Confidence
    risk: float
    path: str
    start_line: int
    end_line: int
    symbol: str
    message: str
    explanation: str
    remediation: tuple[str, ...]
    replacement: str | None
    excerpt: str
    first_pr: int
    first_commit: str
    last_pr: int
    last_commit: str
    first_seen_at: dt.datetime
    last_seen_at: dt.datetime
    state: State
    state_changed_at: dt.datetime
    state_actor: str
    state_reason: str
    accepted_until: dt.date | None
    approver: str
    merged_while_open: bool
    merged_pr: int | None
    merge_commit: str | None
    merged_at: dt.datetime | None
    closed_unmerged: bool
    owners: tuple[str, ...]
    due_at: dt.datetime
    overdue: bool
    age_days: int
    sla_level: Severity
    """The severity whose SLA gives ``due_at``: the severity moved by the risk's context."""
    exposure: str
    asset: str
    risk_factors: dict[str, Any]
    """Every factor of ``risk`` (bot.core.risk.RiskFactors.as_dict); empty for rows older than it."""

    @property
    def short_id(self) -> str:
        """What comments and commands show: the first 8 characters of the fingerprint."""
        return self.fingerprint[:8]

    @property
    def origin(self) -> str:
        """``baseline`` (found by a scan of the default branch) or ``review`` (found in a pull request)."""
        return ORIGIN_BASELINE if self.first_pr == BASELINE_PR else ORIGIN_REVIEW

    @property
    def is_open(self) -> bool:
        return self.state.is_open


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: int
    advisory_id: int
    at: dt.datetime
    actor: str
    action: str
    from_state: State | None
    to_state: State
    reason: str
    pr: int | None
    commit: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Page:
    items: tuple[AdvisoryRecord, ...]
    next_cursor: str | None = None
    """Pass as ``AdvisoryQuery.after`` for the next page; None on the last page."""
    query: AdvisoryQuery = field(default_factory=AdvisoryQuery)


def to_record(row: Advisory, now: dt.datetime, sla: Mapping[Severity, int]) -> AdvisoryRecord:
    severity = Severity(row.severity)
    level = Severity(row.sla_level) if row.sla_level in (1, 2, 3, 4) else severity
    due = row.first_seen_at + dt.timedelta(days=sla[level])
    state = State(row.state)
    return AdvisoryRecord(
        id=row.id,
        host=row.host,
        repo=row.repo,
        fingerprint=row.fingerprint,
        rule_id=row.rule_id,
        engine=row.engine,
        category=row.category,
        cwe=row.cwe,
        title=row.title,
        severity=severity,
        confidence=Confidence(row.confidence),
        risk=row.risk,
        path=row.path,
        start_line=row.start_line,
        end_line=row.end_line,
        symbol=row.symbol,
        message=row.message,
        explanation=row.explanation,
        remediation=tuple(json.loads(row.remediation or "[]")),
        replacement=row.replacement,
        excerpt=row.excerpt,
        first_pr=row.first_pr,
        first_commit=row.first_commit,
        last_pr=row.last_pr,
        last_commit=row.last_commit,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        state=state,
        state_changed_at=row.state_changed_at,
        state_actor=row.state_actor,
        state_reason=row.state_reason,
        accepted_until=row.accepted_until,
        approver=row.approver,
        merged_while_open=row.merged_while_open,
        merged_pr=row.merged_pr,
        merge_commit=row.merge_commit,
        merged_at=row.merged_at,
        closed_unmerged=row.closed_unmerged,
        owners=tuple((row.owners or "").split()),
        due_at=due,
        overdue=state.is_open and now > due,
        age_days=max(0, (now - row.first_seen_at).days),
        sla_level=level,
        exposure=row.exposure,
        asset=row.asset,
        risk_factors=_factors(row.risk_factors),
    )


def _factors(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def to_event(row: AdvisoryEvent) -> EventRecord:
    return EventRecord(
        id=row.id,
        advisory_id=row.advisory_id,
        at=row.at,
        actor=row.actor,
        action=row.action,
        from_state=State(row.from_state) if row.from_state else None,
        to_state=State(row.to_state),
        reason=row.reason,
        pr=row.pr,
        commit=row.commit,
        source=row.source,
    )


def past_sla(now: dt.datetime, sla: Mapping[Severity, int]) -> ColumnElement[bool]:
    """First seen longer ago than the SLA of the advisory's SLA level allows (open or not)."""
    return or_(
        *(
            and_(Advisory.sla_level == int(sev), Advisory.first_seen_at < now - dt.timedelta(days=days))
            for sev, days in sla.items()
        )
    )


def _overdue_condition(now: dt.datetime, sla: Mapping[Severity, int]) -> ColumnElement[bool]:
    return and_(Advisory.is_open == true(), past_sla(now, sla))


def filters(query: AdvisoryQuery, now: dt.datetime, sla: Mapping[Severity, int]) -> list[ColumnElement[bool]]:
    """The WHERE conditions of ``query`` (shared by list, count and export)."""
    where = _value_filters(query)
    if query.host:
        where.append(Advisory.host == query.host)
    if query.min_severity is not None:
        where.append(Advisory.severity >= int(query.min_severity))
    if query.open_only:
        where.append(Advisory.is_open == true())
    if query.min_age_days is not None:
        where.append(Advisory.first_seen_at <= now - dt.timedelta(days=query.min_age_days))
    if query.max_age_days is not None:
        where.append(Advisory.first_seen_at > now - dt.timedelta(days=query.max_age_days + 1))
    if query.merged_while_open is not None:
        where.append(Advisory.merged_while_open == (true() if query.merged_while_open else false()))
    if query.pr is not None:
        where.append(or_(Advisory.last_pr == query.pr, Advisory.first_pr == query.pr))
    if query.origin is not None:
        is_baseline = Advisory.first_pr == BASELINE_PR
        where.append(is_baseline if query.origin == ORIGIN_BASELINE else ~is_baseline)
    if query.overdue is not None:
        cond = _overdue_condition(now, sla)
        where.append(cond if query.overdue else ~cond)
    return where


def _value_filters(query: AdvisoryQuery) -> list[ColumnElement[bool]]:
    """The "one of these values" filters."""
    pairs: list[tuple[Any, Sequence[Any]]] = [
        (Advisory.repo, query.repos),
        (Advisory.severity, [int(s) for s in query.severities]),
        (Advisory.state, [s.value for s in query.states]),
        (Advisory.cwe, [c.upper() for c in query.cwes]),
        (Advisory.category, query.categories),
        (Advisory.exposure, query.exposures),
        (Advisory.asset, query.assets),
    ]
    return [_one_or_in(column, values) for column, values in pairs if values]


def _one_or_in(column: Any, values: Sequence[Any]) -> ColumnElement[bool]:
    values = list(dict.fromkeys(values))
    result: ColumnElement[bool] = column == values[0] if len(values) == 1 else column.in_(values)
    return result


def _order(sort: Sort) -> tuple[Any, ...]:
    if sort is Sort.RISK:
        return (Advisory.risk.desc(), Advisory.id.desc())
    if sort is Sort.AGE:
        return (Advisory.first_seen_at.asc(), Advisory.id.asc())
    return (Advisory.first_seen_at.desc(), Advisory.id.desc())


def _sort_key(sort: Sort, row: Advisory) -> list[Any]:
    if sort is Sort.RISK:
        return [row.risk, row.id]
    return [row.first_seen_at.isoformat(), row.id]


def encode_cursor(sort: Sort, row: Advisory) -> str:
    raw = json.dumps([sort.value, *_sort_key(sort, row)], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_CURSOR_CHARS = 512
MAX_ROW_ID = 2**63 - 1
MAX_RISK = 1000.0


def _cursor_key(sort: Sort, cursor: str) -> tuple[Any, int]:
    """The (sort value, row id) a cursor holds; anything else, however built, is an ``InputError``."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise ValueError("cursor too long")
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    data = safejson.loads(raw, max_depth=1)
    if not isinstance(data, list) or len(data) != 3:
        raise ValueError("not a cursor")
    kind, key, last_id = data
    if kind != sort.value:
        raise ValueError("cursor of another sort order")
    if isinstance(last_id, bool) or not isinstance(last_id, int) or not 0 < last_id <= MAX_ROW_ID:
        raise ValueError("row id out of range")
    if sort is Sort.RISK:
        if isinstance(key, bool) or not isinstance(key, int | float) or not 0 <= key <= MAX_RISK:
            raise ValueError("risk out of range")
        return float(key), last_id
    if not isinstance(key, str) or len(key) > 40:
        raise ValueError("not a time")
    return dt.datetime.fromisoformat(key), last_id


def _after(sort: Sort, cursor: str) -> ColumnElement[bool]:
    try:
        value, last_id = _cursor_key(sort, cursor)
    except (ValueError, TypeError, binascii.Error):  # safejson's errors are ValueErrors
        raise InputError("invalid page cursor (it belongs to another query, or was altered)") from None
    if sort is Sort.RISK:
        return tuple_(Advisory.risk, Advisory.id) < (value, last_id)
    if sort is Sort.AGE:
        return tuple_(Advisory.first_seen_at, Advisory.id) > (value, last_id)
    return tuple_(Advisory.first_seen_at, Advisory.id) < (value, last_id)


def page_statement(query: AdvisoryQuery, now: dt.datetime, sla: Mapping[Severity, int]) -> Select[Any]:
    """One page (plus one row, to know whether another page follows)."""
    stmt = select(Advisory).where(*filters(query, now, sla))
    if query.after:
        stmt = stmt.where(_after(query.sort, query.after))
    stmt = stmt.order_by(*_order(query.sort)).limit(query.limit + 1)
    if query.offset:
        stmt = stmt.offset(query.offset)
    return stmt


def count_statement(query: AdvisoryQuery, now: dt.datetime, sla: Mapping[Severity, int]) -> Select[Any]:
    return select(func.count()).select_from(Advisory).where(*filters(query, now, sla))


def facet_statement(
    query: AdvisoryQuery, now: dt.datetime, sla: Mapping[Severity, int]
) -> Select[str, int, int]:
    """Counts per (state, severity) of the filtered view, for dashboard tallies."""
    return (
        select(Advisory.state, Advisory.severity, func.count())
        .where(*filters(query, now, sla))
        .group_by(Advisory.state, Advisory.severity)
    )
