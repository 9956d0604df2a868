"""Writing the advisory ledger: the lifecycle transitions and the history each one records.

open -> fixed | dismissed (reason) | risk_accepted (reason, approver, expiry) -> reopened. Each
function runs inside a write transaction (bot.store.db.write_session) on a row it has locked.
Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, true
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from bot.core.models import Finding
from bot.core.redact import redact
from bot.core.risk import RiskFactors, neutral_factors
from bot.errors import InputError
from bot.store.models import Advisory, AdvisoryEvent, State
from bot.store.query import BASELINE_PR, pr_label

MAX_REASON = 2000
SYSTEM_ACTOR = "remediator"


class AdvisoryNotFound(InputError):
    """No advisory matches the id or fingerprint given."""


class InvalidTransition(InputError):
    """The advisory's state does not allow the change asked for (the message says why)."""


@dataclass(frozen=True, slots=True)
class Sighting:
    """One finding of a scan, with the risk the ranking gave it and the code it flags."""

    finding: Finding
    risk: float
    excerpt: str = ""
    factors: RiskFactors | None = None
    """Every factor of ``risk`` (None: nothing known about the place, severity x confidence)."""
    owners: tuple[str, ...] = ()
    """Who owns the file by the repository's CODEOWNERS (empty: none named, or no file)."""


@dataclass(frozen=True, slots=True)
class Scan:
    """What one review of one pull request at one commit found."""

    host: str
    repo: str
    pr: int
    commit: str
    sightings: Sequence[Sighting]
    complete: bool = True
    """A partial review never marks an advisory fixed (it may simply not have looked)."""


@dataclass
class ScanOutcome:
    opened: list[int]
    seen: list[int]
    fixed: list[int]
    reopened: list[int]


OnLocked = Callable[[int], None]


def clean_reason(reason: str, *, required: bool) -> str:
    # HTML comment delimiters are stripped until none is left (one pass turns "<!<!---- x --->->"
    # into "<!-- x -->"): they could forge the bot's hidden markers in replies and comments.
    text = reason[: MAX_REASON * 4]
    while True:
        stripped = text.replace("<!--", "").replace("-->", "")
        if stripped == text:
            break
        text = stripped
    text = redact(" ".join(text.split()))[:MAX_REASON]
    if required and len(text) < 3:
        raise InputError("a reason is required (at least 3 characters)")
    return text


def _event(
    adv: Advisory,
    now: dt.datetime,
    *,
    actor: str,
    action: str,
    to_state: State,
    reason: str = "",
    source: str,
    pr: int | None = None,
    commit: str | None = None,
) -> AdvisoryEvent:
    previous = adv.state if adv.id is not None and action != "opened" else None
    event = AdvisoryEvent(
        at=now,
        actor=actor[:100],
        action=action,
        from_state=previous,
        to_state=to_state.value,
        reason=reason,
        pr=pr,
        commit=commit,
        source=source,
    )
    adv.events.append(event)
    return event


def transition(
    adv: Advisory,
    now: dt.datetime,
    to: State,
    *,
    actor: str,
    action: str,
    reason: str = "",
    source: str,
    pr: int | None = None,
    commit: str | None = None,
) -> None:
    """Move ``adv`` to ``to`` and append the history entry (who, when, why)."""
    _event(
        adv, now, actor=actor, action=action, to_state=to, reason=reason, source=source, pr=pr, commit=commit
    )
    adv.state = to.value
    adv.is_open = to.is_open
    adv.state_changed_at = now
    adv.state_actor = actor[:100]
    adv.state_reason = reason
    if to is not State.RISK_ACCEPTED:
        adv.accepted_until = None
        adv.accepted_pr = None
        adv.approver = ""
    adv.version += 1


def lock(session: Session, advisory_id: int, on_locked: OnLocked | None = None) -> Advisory:
    """The advisory row, locked for this transaction (FOR UPDATE; SQLite already holds the write lock)."""
    adv = session.execute(
        select(Advisory).where(Advisory.id == advisory_id).with_for_update()
    ).scalar_one_or_none()
    if adv is None:
        raise AdvisoryNotFound(f"no advisory {advisory_id}")
    if on_locked is not None:
        on_locked(advisory_id)
    return adv


def dismiss(adv: Advisory, now: dt.datetime, actor: str, reason: str, source: str) -> None:
    state = State(adv.state)
    if state is State.DISMISSED:
        raise InvalidTransition(f"advisory {adv.fingerprint[:8]} is already dismissed ({adv.state_reason})")
    if state is State.FIXED:
        raise InvalidTransition(f"advisory {adv.fingerprint[:8]} is already fixed")
    text = clean_reason(reason, required=True)
    transition(adv, now, State.DISMISSED, actor=actor, action="dismissed", reason=text, source=source)


def accept_risk(
    adv: Advisory,
    now: dt.datetime,
    *,
    actor: str,
    reason: str,
    until: dt.date,
    source: str,
    approver: str = "",
) -> None:
    state = State(adv.state)
    if state in (State.FIXED, State.DISMISSED):
        raise InvalidTransition(f"advisory {adv.fingerprint[:8]} is {state.value}; reopen it first")
    if until <= now.date():
        raise InputError(
            f"the expiry date {until.isoformat()} must be after today ({now.date().isoformat()})"
        )
    text = clean_reason(reason, required=True)
    transition(
        adv,
        now,
        State.RISK_ACCEPTED,
        actor=actor,
        action="risk_accepted",
        reason=f"{text} (until {until.isoformat()})",
        source=source,
    )
    adv.state_reason = text
    adv.accepted_until = until
    adv.accepted_pr = adv.last_pr
    adv.approver = (approver or actor)[:100]


def reopen(adv: Advisory, now: dt.datetime, actor: str, reason: str, source: str) -> None:
    if State(adv.state).is_open:
        raise InvalidTransition(f"advisory {adv.fingerprint[:8]} is already open")
    text = clean_reason(reason, required=False)
    transition(adv, now, State.REOPENED, actor=actor, action="reopened", reason=text, source=source)


def record_scan(session: Session, scan: Scan, now: dt.datetime) -> ScanOutcome:
    """Upsert every sighting by (host, repo, fingerprint, introducing PR, path there), reopen what came
    back, and mark fixed what this pull request introduced but this complete scan no longer finds.

    Another pull request's copy of the same code is its own advisory, so a pull request that copies a
    flaw and removes it again never marks the original fixed (issue 15, item 5). A sighting whose
    fingerprint people dismissed or accepted in this repository updates that advisory instead (a
    decision covers the code wherever it appears; touching accepted code again reopens it)."""
    outcome = ScanOutcome([], [], [], [])
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    by_key = {(s.finding.fingerprint, s.finding.path): s for s in scan.sightings if s.finding.fingerprint}
    seen_ids: set[int] = set()
    for (fp, path), sighting in sorted(by_key.items()):
        f = sighting.finding
        values = _finding_values(f, sighting)
        decided = _decided_elsewhere(session, scan, fp, path)
        if decided is not None:
            seen_ids.add(decided.id)
            _seen_again(decided, scan, now, values, outcome)
            continue
        stmt = (
            insert(Advisory)
            .values(
                host=scan.host,
                repo=scan.repo,
                fingerprint=fp,
                first_pr=scan.pr,
                intro_path=path,
                first_commit=scan.commit,
                last_pr=scan.pr,
                last_commit=scan.commit,
                first_seen_at=now,
                last_seen_at=now,
                state=State.OPEN.value,
                is_open=True,
                state_changed_at=now,
                state_actor=SYSTEM_ACTOR,
                state_reason="",
                approver="",
                merged_while_open=False,
                closed_unmerged=False,
                version=0,
                **values,
            )
            .on_conflict_do_nothing(index_elements=["host", "repo", "fingerprint", "first_pr", "intro_path"])
        )
        session.execute(stmt)
        adv = session.execute(
            select(Advisory).where(*_identity(scan, fp, path), Advisory.first_pr == scan.pr).with_for_update()
        ).scalar_one()
        seen_ids.add(adv.id)
        if adv.version == 0:  # inserted by this statement
            adv.version = 1
            _event(
                adv,
                now,
                actor=SYSTEM_ACTOR,
                action="opened",
                to_state=State.OPEN,
                reason=_found_in(scan),
                source="scan",
                pr=scan.pr,
                commit=scan.commit,
            )
            outcome.opened.append(adv.id)
            continue
        _seen_again(adv, scan, now, values, outcome)
    if scan.complete:
        # only the pull request that introduced an advisory can show it gone
        stale = session.execute(
            select(Advisory)
            .where(
                Advisory.host == scan.host,
                Advisory.repo == scan.repo,
                Advisory.first_pr == scan.pr,
                Advisory.is_open == true(),
                Advisory.id.not_in(sorted(seen_ids)) if seen_ids else true(),
            )
            .with_for_update()
        ).scalars()
        for adv in stale:
            transition(
                adv,
                now,
                State.FIXED,
                actor=SYSTEM_ACTOR,
                action="fixed",
                reason=f"no longer found in {_scan_name(scan)} at {scan.commit[:40]}",
                source="scan",
                pr=scan.pr,
                commit=scan.commit,
            )
            outcome.fixed.append(adv.id)
    return outcome


def _scan_name(scan: Scan) -> str:
    return pr_label(scan.pr)


def _found_in(scan: Scan) -> str:
    if scan.pr == BASELINE_PR:
        return f"found by the baseline scan of {scan.commit[:40]}"
    return f"found in PR #{scan.pr}"


def fix_baseline(
    session: Session,
    scan: Scan,
    head: Mapping[str, set[str]],
    gone: set[str],
    now: dt.datetime,
) -> list[int]:
    """Open baseline advisories that pull request ``scan.pr`` fixes: their file is one the pull request
    changed and was analysed completely at its head (``head``: path -> fingerprints found there), or
    deleted (``gone``), and their fingerprint is no longer found in it."""
    paths = sorted(set(head) | gone)
    if not paths or scan.pr == BASELINE_PR:
        return []
    rows = session.execute(
        select(Advisory)
        .where(
            Advisory.host == scan.host,
            Advisory.repo == scan.repo,
            Advisory.first_pr == BASELINE_PR,
            Advisory.is_open == true(),
            Advisory.path.in_(paths),
        )
        .with_for_update()
    ).scalars()
    fixed = []
    for adv in rows:
        if adv.path in gone or adv.fingerprint not in head.get(adv.path, set()):
            what = "deletes" if adv.path in gone else "changes"
            transition(
                adv,
                now,
                State.FIXED,
                actor=SYSTEM_ACTOR,
                action="fixed",
                reason=f"PR #{scan.pr} {what} {adv.path}; the flaw is not found at {scan.commit[:12]}",
                source="scan",
                pr=scan.pr,
                commit=scan.commit,
            )
            fixed.append(adv.id)
    return fixed


def _identity(scan: Scan, fp: str, path: str) -> tuple[Any, ...]:
    return (
        Advisory.host == scan.host,
        Advisory.repo == scan.repo,
        Advisory.fingerprint == fp,
        Advisory.intro_path == path,
    )


def _decided_elsewhere(session: Session, scan: Scan, fp: str, path: str) -> Advisory | None:
    """The advisory people dismissed or accepted for this code, when this pull request has no
    advisory of its own for it."""
    own = session.execute(
        select(Advisory.id).where(*_identity(scan, fp, path), Advisory.first_pr == scan.pr)
    ).first()
    if own is not None:
        return None
    decided: ColumnElement[bool] = Advisory.state.in_([State.DISMISSED.value, State.RISK_ACCEPTED.value])
    if scan.pr != BASELINE_PR:
        # code the baseline already knows: the pull request sees that advisory again, not a new one
        decided = or_(decided, and_(Advisory.first_pr == BASELINE_PR, Advisory.is_open == true()))
    return (
        session.execute(
            select(Advisory)
            .where(
                Advisory.host == scan.host,
                Advisory.repo == scan.repo,
                Advisory.fingerprint == fp,
                decided,
            )
            .order_by(Advisory.id)
            .limit(1)
            .with_for_update()
        )
        .scalars()
        .first()
    )


def _seen_again(
    adv: Advisory, scan: Scan, now: dt.datetime, values: dict[str, object], outcome: ScanOutcome
) -> None:
    for key, value in values.items():
        setattr(adv, key, value)
    state = State(adv.state)
    reason = ""
    if state is State.FIXED:
        reason = f"found again in PR #{scan.pr} at {scan.commit[:12]}"
    elif state is State.RISK_ACCEPTED and adv.accepted_pr is not None and adv.accepted_pr != scan.pr:
        reason = f"risk acceptance ended: the code was touched again in PR #{scan.pr}"
    if reason:
        transition(
            adv,
            now,
            State.REOPENED,
            actor=SYSTEM_ACTOR,
            action="reopened",
            reason=reason,
            source="scan",
            pr=scan.pr,
            commit=scan.commit,
        )
        outcome.reopened.append(adv.id)
    else:
        outcome.seen.append(adv.id)
    adv.last_pr, adv.last_commit, adv.last_seen_at = scan.pr, scan.commit, now
    if adv.closed_unmerged and adv.last_pr == scan.pr:
        adv.closed_unmerged = False  # the pull request was reopened and scanned again


def _finding_values(f: Finding, sighting: Sighting) -> dict[str, object]:
    factors = sighting.factors if sighting.factors is not None else neutral_factors(f)
    return {
        "rule_id": f.rule_id[:200],
        "engine": f.engine[:40],
        "category": f.category[:80],
        "cwe": f.cwe.upper()[:20],
        "title": redact(f.title)[:300],
        "severity": int(f.severity),
        "confidence": int(f.confidence),
        "risk": sighting.risk,
        "sla_level": int(factors.sla_level),
        "exposure": factors.asset.exposure.value,
        "asset": factors.asset.name[:300],
        "risk_factors": json.dumps(factors.as_dict(f), sort_keys=True),
        "path": f.path[:1000],
        "start_line": f.start_line,
        "end_line": f.end_line,
        "symbol": f.symbol[:300],
        "message": redact(f.message),
        "explanation": redact(f.explanation),
        "remediation": json.dumps([redact(s) for s in f.remediation]),
        "replacement": redact(f.replacement) if f.replacement is not None else None,
        "excerpt": redact(sighting.excerpt),
        "owners": " ".join(sighting.owners)[:1000],
    }


def expire_due(session: Session, now: dt.datetime) -> list[int]:
    """Reopen every risk acceptance whose expiry date has passed."""
    due = session.execute(
        select(Advisory)
        .where(Advisory.state == State.RISK_ACCEPTED.value, Advisory.accepted_until < now.date())
        .with_for_update()
    ).scalars()
    out = []
    for adv in due:
        until = adv.accepted_until.isoformat() if adv.accepted_until else "?"
        transition(
            adv,
            now,
            State.REOPENED,
            actor=SYSTEM_ACTOR,
            action="expired",
            reason=f"risk acceptance expired (it ran until {until})",
            source="system",
        )
        out.append(adv.id)
    return out


def pr_closed(
    session: Session, host: str, repo: str, pr: int, now: dt.datetime, *, merge_commit: str | None
) -> list[int]:
    """Flag the pull request's still-open advisories: merged-while-open (with the merge commit) when
    it was merged, closed-unmerged otherwise. States do not change; the history says what happened."""
    rows = session.execute(
        select(Advisory)
        .where(
            Advisory.host == host,
            Advisory.repo == repo,
            or_(Advisory.first_pr == pr, Advisory.last_pr == pr),
            Advisory.is_open == true(),
        )
        .order_by(Advisory.id)
        .with_for_update()
    ).scalars()
    out = []
    for adv in rows:
        state = State(adv.state)
        if merge_commit is not None:
            adv.merged_while_open, adv.merged_pr = True, pr
            adv.merge_commit, adv.merged_at = merge_commit, now
            _event(
                adv,
                now,
                actor=SYSTEM_ACTOR,
                action="merged_while_open",
                to_state=state,
                reason=f"PR #{pr} was merged while this advisory was open",
                source="scan",
                pr=pr,
                commit=merge_commit,
            )
        else:
            adv.closed_unmerged = True
            _event(
                adv,
                now,
                actor=SYSTEM_ACTOR,
                action="closed_unmerged",
                to_state=state,
                reason=f"PR #{pr} was closed without merging",
                source="scan",
                pr=pr,
            )
        adv.version += 1
        out.append(adv.id)
    return out


Change = Callable[[Advisory, dt.datetime], None]
"""A transition applied to a locked advisory at ``now`` (raises InvalidTransition or InputError)."""
