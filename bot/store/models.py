"""ORM tables of the advisory ledger: one ``Advisory`` per (host, repo, fingerprint) and its history.

SQLAlchemy 2 typed mappings only; no engine, no session, no I/O here. Times are naive UTC.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class State(enum.StrEnum):
    """Lifecycle states; ``open`` and ``reopened`` count as open (``is_open``)."""

    OPEN = "open"
    FIXED = "fixed"
    DISMISSED = "dismissed"
    RISK_ACCEPTED = "risk_accepted"
    REOPENED = "reopened"

    @property
    def is_open(self) -> bool:
        return self in (State.OPEN, State.REOPENED)


SUPPRESSED = (State.DISMISSED, State.RISK_ACCEPTED)
"""States whose findings a review does not raise again."""


class Base(DeclarativeBase):
    pass


class Advisory(Base):
    """One finding in one repository, keyed by its fingerprint, the pull request that introduced it
    and its path there, as last seen."""

    __tablename__ = "advisories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    host: Mapped[str] = mapped_column(String(16))
    repo: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    # the finding as last seen
    rule_id: Mapped[str] = mapped_column(String(200))
    engine: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(80))
    cwe: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    severity: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[int] = mapped_column(Integer)
    risk: Mapped[float] = mapped_column(Float)
    sla_level: Mapped[int] = mapped_column(Integer)
    """The severity whose SLA applies: the severity moved by the risk's context (bot.core.risk)."""
    exposure: Mapped[str] = mapped_column(String(16), default="unknown")
    asset: Mapped[str] = mapped_column(String(300), default="")
    """The asset map entry the finding sits in (``acme/payments:app/**``), or "" when none matched."""
    risk_factors: Mapped[str] = mapped_column(Text, default="{}")
    owners: Mapped[str] = mapped_column(
        String(1000), default=""
    )  # space-separated, from CODEOWNERS  # JSON: RiskFactors.as_dict()
    path: Mapped[str] = mapped_column(String(1000))
    start_line: Mapped[int] = mapped_column(Integer)
    end_line: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(300), default="")
    message: Mapped[str] = mapped_column(Text)
    explanation: Mapped[str] = mapped_column(Text, default="")
    remediation: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of steps
    replacement: Mapped[str | None] = mapped_column(Text, nullable=True)
    excerpt: Mapped[str] = mapped_column(Text, default="")  # the flagged lines at the last scan (redacted)
    # where and when it was seen
    first_pr: Mapped[int] = mapped_column(Integer)
    intro_path: Mapped[str] = mapped_column(String(1000))
    """The path in the introducing pull request (``first_pr``): with it, the advisory's identity."""
    first_commit: Mapped[str] = mapped_column(String(64))
    last_pr: Mapped[int] = mapped_column(Integer)
    last_commit: Mapped[str] = mapped_column(String(64))
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # lifecycle
    state: Mapped[str] = mapped_column(String(16), default=State.OPEN.value)
    is_open: Mapped[bool] = mapped_column(Boolean, default=True)
    state_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    state_actor: Mapped[str] = mapped_column(String(100), default="")
    state_reason: Mapped[str] = mapped_column(Text, default="")
    accepted_until: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accepted_pr: Mapped[int | None] = mapped_column(Integer, nullable=True)
    approver: Mapped[str] = mapped_column(String(100), default="")
    merged_while_open: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_pr: Mapped[int | None] = mapped_column(Integer, nullable=True)
    merge_commit: Mapped[str | None] = mapped_column(String(64), nullable=True)
    merged_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    closed_unmerged: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)

    events: Mapped[list[AdvisoryEvent]] = relationship(
        back_populates="advisory", order_by="AdvisoryEvent.id", cascade="all, delete-orphan"
    )

    __table_args__ = (
        # another pull request's copy of the same code is another advisory (issue 15, item 5)
        UniqueConstraint(
            "host", "repo", "fingerprint", "first_pr", "intro_path", name="uq_advisories_identity"
        ),
        Index("ix_advisories_open_risk", "is_open", "risk", "id"),
        Index("ix_advisories_open_age", "is_open", "first_seen_at", "id"),
        Index("ix_advisories_state_risk", "state", "risk", "id"),
        Index("ix_advisories_repo_open_risk", "repo", "is_open", "risk", "id"),
        Index("ix_advisories_severity_open_risk", "severity", "is_open", "risk", "id"),
        Index("ix_advisories_cwe_open_risk", "cwe", "is_open", "risk", "id"),
        Index("ix_advisories_category_open", "category", "is_open"),
        Index("ix_advisories_merged_open", "merged_while_open", "is_open", "first_seen_at"),
        Index("ix_advisories_merged_risk", "merged_while_open", "risk", "id"),
        Index("ix_advisories_age", "first_seen_at", "id"),
        Index("ix_advisories_repo_pr", "repo", "last_pr"),
        Index("ix_advisories_expiry", "state", "accepted_until"),
        Index("ix_advisories_exposure_open_risk", "exposure", "is_open", "risk", "id"),
        Index("ix_advisories_asset_open", "asset", "is_open"),
        Index("ix_advisories_sla_open_age", "sla_level", "is_open", "first_seen_at"),
    )


class AdvisoryEvent(Base):
    """One entry of an advisory's history: who did what, when and why."""

    __tablename__ = "advisory_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    advisory_id: Mapped[int] = mapped_column(ForeignKey("advisories.id", ondelete="CASCADE"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16), nullable=True)
    to_state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    pr: Mapped[int | None] = mapped_column(Integer, nullable=True)
    commit: Mapped[str | None] = mapped_column(String(64), nullable=True)
    source: Mapped[str] = mapped_column(String(16), default="")  # scan | command | cli | web | api | system

    advisory: Mapped[Advisory] = relationship(back_populates="events")

    __table_args__ = (
        Index("ix_advisory_events_advisory", "advisory_id", "id"),
        Index("ix_advisory_events_at", "at", "action"),
    )


class LLMUsage(Base):
    """A repository's LLM usage in one calendar month (bot.llm.store_shared spends it atomically)."""

    __tablename__ = "llm_usage"

    repo: Mapped[str] = mapped_column(String(300), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    tokens: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[float] = mapped_column(Float)


class LLMCacheEntry(Base):
    """One cached LLM answer by (model, prompt version, content hash); purged by age."""

    __tablename__ = "llm_cache"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index("ix_llm_cache_created", "created"),)
