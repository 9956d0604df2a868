"""The log of ``/remediator`` commands the workers ran: one row per (host, comment id, edit time), so
a replayed or redelivered comment never runs twice, and the counts behind the per-author and
per-pull-request rate limits. Table ``command_runs`` (migration 0004).

Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Boolean, DateTime, Engine, Index, Integer, String, UniqueConstraint, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from bot.store import db
from bot.store.models import Base


class CommandRun(Base):
    __tablename__ = "command_runs"
    __table_args__ = (
        UniqueConstraint("host", "comment_id", "edited_at", name="uq_command_runs_comment"),
        Index("ix_command_runs_author", "host", "author", "at"),
        Index("ix_command_runs_pr", "host", "repo", "number", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    host: Mapped[str] = mapped_column(String(16))
    repo: Mapped[str] = mapped_column(String(255))
    number: Mapped[int] = mapped_column(Integer)
    comment_id: Mapped[str] = mapped_column(String(64))
    edited_at: Mapped[str] = mapped_column(String(40))
    author: Mapped[str] = mapped_column(String(100))
    job_id: Mapped[str] = mapped_column(String(64))
    verb: Mapped[str] = mapped_column(String(20), default="")
    outcome: Mapped[str] = mapped_column(String(16), default="running")
    replied: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


@dataclass(frozen=True, slots=True)
class CommentKey:
    """A comment as the host shows it now: a new edit is a new key."""

    host: str
    repo: str
    number: int
    comment_id: str
    edited_at: str
    author: str


class CommandLog:
    """Claims and counts; ``now`` is the caller's clock (naive UTC)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def claim(self, key: CommentKey, *, job_id: str, now: dt.datetime) -> bool:
        """True when this job may run the command: nobody ran it before, or this same job did (a retry
        after a transient failure). False for a replay under another job."""
        try:
            with db.write_session(self.engine) as s:
                s.add(
                    CommandRun(
                        host=key.host,
                        repo=key.repo[:255],
                        number=key.number,
                        comment_id=key.comment_id[:64],
                        edited_at=key.edited_at[:40],
                        author=key.author[:100],
                        job_id=job_id[:64],
                        at=now,
                    )
                )
        except IntegrityError:
            with db.read_session(self.engine) as s:
                owner = s.execute(
                    select(CommandRun.job_id).where(
                        CommandRun.host == key.host,
                        CommandRun.comment_id == key.comment_id[:64],
                        CommandRun.edited_at == key.edited_at[:40],
                    )
                ).scalar_one_or_none()
            return owner == job_id[:64]
        return True

    def finish(self, key: CommentKey, *, verb: str, outcome: str, replied: bool) -> None:
        with db.write_session(self.engine) as s:
            row = s.execute(
                select(CommandRun).where(
                    CommandRun.host == key.host,
                    CommandRun.comment_id == key.comment_id[:64],
                    CommandRun.edited_at == key.edited_at[:40],
                )
            ).scalar_one_or_none()
            if row is not None:
                row.verb, row.outcome, row.replied = verb[:20], outcome[:16], replied

    def count(
        self,
        host: str,
        since: dt.datetime,
        *,
        author: str | None = None,
        repo: str | None = None,
        number: int | None = None,
        verb: str | None = None,
        outcome: str | None = None,
        replied: bool | None = None,
    ) -> int:
        """Commands of ``host`` logged since ``since`` matching every filter given."""
        stmt = select(func.count(CommandRun.id)).where(CommandRun.host == host, CommandRun.at >= since)
        if author is not None:
            stmt = stmt.where(CommandRun.author == author[:100])
        if repo is not None:
            stmt = stmt.where(CommandRun.repo == repo[:255])
        if number is not None:
            stmt = stmt.where(CommandRun.number == number)
        if verb is not None:
            stmt = stmt.where(CommandRun.verb == verb)
        if outcome is not None:
            stmt = stmt.where(CommandRun.outcome == outcome)
        if replied is not None:
            stmt = stmt.where(CommandRun.replied.is_(replied))
        with db.read_session(self.engine) as s:
            return int(s.execute(stmt).scalar_one())
