"""The advisory store: the one object the review job, PR commands, CLI, dashboard and API use.

Reads return detached records (bot.store.query); writes run one locked transaction each and record
history (bot.store.lifecycle). Time comes from an injected clock. Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace

from sqlalchemy import Engine, func, select

from bot.core.clock import Clock
from bot.core.models import DEFAULT_SLA_DAYS, Severity
from bot.core.numbers import is_decimal
from bot.errors import InputError
from bot.store import db, lifecycle
from bot.store.lifecycle import AdvisoryNotFound, OnLocked, Scan, ScanOutcome
from bot.store.models import SUPPRESSED, Advisory, AdvisoryEvent, State
from bot.store.query import (
    AdvisoryQuery,
    AdvisoryRecord,
    EventRecord,
    Page,
    count_statement,
    encode_cursor,
    facet_statement,
    page_statement,
    to_event,
    to_record,
)

_HEX = re.compile(r"[0-9a-f]{6,64}")
EXPORT_BATCH = 1000


def utc(ts: float) -> dt.datetime:
    """Naive UTC datetime for an epoch timestamp (the store keeps naive UTC on both databases)."""
    return dt.datetime.fromtimestamp(ts, dt.UTC).replace(tzinfo=None)


class AdvisoryStore:
    """Advisories of every repository; ``sla`` (days per severity) decides due dates and overdue."""

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        *,
        sla: Mapping[Severity, int] | None = None,
        on_locked: OnLocked | None = None,
    ) -> None:
        self.engine = engine
        self._clock = clock
        self.sla: Mapping[Severity, int] = {**DEFAULT_SLA_DAYS, **(sla or {})}
        self._on_locked = on_locked
        """Test hook: called with the advisory id once its row is locked, before it changes."""

    def now(self) -> dt.datetime:
        return utc(self._clock.now())

    # ----------------------------------------------------------------------------------------- schema
    def upgrade(self) -> str | None:
        return db.upgrade(self.engine)

    # ------------------------------------------------------------------------------------------ reads
    def page(self, query: AdvisoryQuery) -> Page:
        now = self.now()
        with db.read_session(self.engine) as s:
            rows = list(s.execute(page_statement(query, now, self.sla)).scalars())
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        cursor = encode_cursor(query.sort, rows[-1]) if more and rows else None
        return Page(tuple(to_record(r, now, self.sla) for r in rows), cursor, query)

    def count(self, query: AdvisoryQuery) -> int:
        with db.read_session(self.engine) as s:
            return int(s.execute(count_statement(query, self.now(), self.sla)).scalar_one())

    def facets(self, query: AdvisoryQuery) -> dict[tuple[State, Severity], int]:
        """Counts per (state, severity) of the filtered view."""
        with db.read_session(self.engine) as s:
            rows = s.execute(facet_statement(query, self.now(), self.sla)).all()
        return {(State(state), Severity(sev)): int(n) for state, sev, n in rows}

    def iter(self, query: AdvisoryQuery) -> Iterator[AdvisoryRecord]:
        """Every advisory the filters match, in the query's order (keyset batches; for exports)."""
        batch = replace(query, limit=EXPORT_BATCH, offset=0, after=query.after)
        while True:
            page = self.page(batch)
            yield from page.items
            if page.next_cursor is None:
                return
            batch = replace(batch, after=page.next_cursor)

    def get(
        self, ref: str | int, *, host: str | None = None, repo: str | None = None, pr: int | None = None
    ) -> AdvisoryRecord:
        """By numeric id, or by fingerprint or its prefix (at least 6 hex characters, what comments show)."""
        now = self.now()
        with db.read_session(self.engine) as s:
            adv = s.get(Advisory, self.resolve(ref, host=host, repo=repo, pr=pr))
            assert adv is not None  # noqa: S101 - resolve() found it in this database
            return to_record(adv, now, self.sla)

    def resolve(
        self, ref: str | int, *, host: str | None = None, repo: str | None = None, pr: int | None = None
    ) -> int:
        """The advisory ``ref`` names; with ``pr``, a fingerprint several pull requests share (each has
        its own advisory for its copy of the code) means the one that pull request introduced."""
        text = str(ref).strip().lower().removeprefix("#")
        stmt = select(Advisory.id)
        if host:
            stmt = stmt.where(Advisory.host == host)
        if repo:
            stmt = stmt.where(Advisory.repo == repo)
        if is_decimal(text) and len(text) < 6:
            stmt = stmt.where(Advisory.id == int(text))
        elif _HEX.fullmatch(text):
            stmt = stmt.where(Advisory.fingerprint.startswith(text, autoescape=True))
        else:
            raise InputError(f"{str(ref)[:40]!r} is not an advisory id (a number, or 6+ hex characters)")
        where = f" in {repo}" if repo else ""
        with db.read_session(self.engine) as s:
            ids = list(s.execute(stmt.limit(2)).scalars())
            if len(ids) > 1 and pr is not None:
                ids = list(s.execute(stmt.where(Advisory.first_pr == pr).limit(2)).scalars()) or ids
        if not ids:
            raise AdvisoryNotFound(f"no advisory {text}{where}")
        if len(ids) > 1:
            raise InputError(f"{text} matches more than one advisory{where}; give more characters")
        return ids[0]

    def history(self, advisory_id: int) -> list[EventRecord]:
        with db.read_session(self.engine) as s:
            rows = s.execute(
                select(AdvisoryEvent)
                .where(AdvisoryEvent.advisory_id == advisory_id)
                .order_by(AdvisoryEvent.id)
            ).scalars()
            return [to_event(r) for r in rows]

    def suppressed(self, host: str, repo: str) -> set[str]:
        """Fingerprints a review must not raise again: dismissed or risk-accepted (and not expired)."""
        with db.read_session(self.engine) as s:
            rows = s.execute(
                select(Advisory.fingerprint).where(
                    Advisory.host == host,
                    Advisory.repo == repo,
                    Advisory.state.in_([st.value for st in SUPPRESSED]),
                )
            ).scalars()
            return set(rows)

    def repositories(self) -> list[tuple[str, str]]:
        """Every (host, repository) the ledger holds an advisory of, sorted."""
        with db.read_session(self.engine) as s:
            rows = s.execute(
                select(Advisory.host, Advisory.repo).distinct().order_by(Advisory.host, Advisory.repo)
            )
            return [(str(h), str(r)) for h, r in rows]

    def total(self) -> int:
        with db.read_session(self.engine) as s:
            return int(s.execute(select(func.count()).select_from(Advisory)).scalar_one())

    # ----------------------------------------------------------------------------------------- writes
    def record_scan(self, scan: Scan) -> ScanOutcome:
        with db.write_session(self.engine) as s:
            return lifecycle.record_scan(s, scan, self.now())

    def fix_baseline(self, scan: Scan, head: Mapping[str, set[str]], gone: set[str]) -> list[int]:
        """Mark fixed the open baseline advisories the pull request of ``scan`` removes (see
        ``lifecycle.fix_baseline``); returns their ids."""
        with db.write_session(self.engine) as s:
            return lifecycle.fix_baseline(s, scan, head, gone, self.now())

    def dismiss(self, advisory_id: int, *, actor: str, reason: str, source: str) -> AdvisoryRecord:
        return self._change(advisory_id, lambda adv, now: lifecycle.dismiss(adv, now, actor, reason, source))

    def accept_risk(
        self,
        advisory_id: int,
        *,
        actor: str,
        reason: str,
        until: dt.date,
        source: str,
        approver: str = "",
    ) -> AdvisoryRecord:
        return self._change(
            advisory_id,
            lambda adv, now: lifecycle.accept_risk(
                adv, now, actor=actor, reason=reason, until=until, source=source, approver=approver
            ),
        )

    def reopen(self, advisory_id: int, *, actor: str, reason: str = "", source: str) -> AdvisoryRecord:
        return self._change(advisory_id, lambda adv, now: lifecycle.reopen(adv, now, actor, reason, source))

    def expire_risks(self) -> list[int]:
        with db.write_session(self.engine) as s:
            return lifecycle.expire_due(s, self.now())

    def pr_closed(self, host: str, repo: str, pr: int, *, merge_commit: str | None) -> list[int]:
        """Merged (``merge_commit`` given): flag open advisories merged-while-open; else closed-unmerged."""
        with db.write_session(self.engine) as s:
            return lifecycle.pr_closed(s, host, repo, pr, self.now(), merge_commit=merge_commit)

    def _change(self, advisory_id: int, apply: lifecycle.Change) -> AdvisoryRecord:
        now = self.now()
        with db.write_session(self.engine) as s:
            adv = lifecycle.lock(s, advisory_id, self._on_locked)
            apply(adv, now)
            s.flush()
            return to_record(adv, now, self.sla)
