"""Dashboard sessions kept on the server: the browser's cookie holds only a random session id, whose
SHA-256 is the row's key. A session ends at its absolute lifetime, after an idle time, at sign-out
(a copy of the cookie stops working too) and when its token is revoked. Table ``web_sessions``
(migration 0005). Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import DateTime, Engine, Integer, String, select, update
from sqlalchemy.orm import Mapped, mapped_column

from bot.store import db
from bot.store.models import Base

TOUCH_EVERY = dt.timedelta(seconds=60)
"""``last_seen_at`` is written at most this often per session (reads stay reads)."""


class WebSession(Base):
    __tablename__ = "web_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_id: Mapped[int] = mapped_column(Integer, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    lifetime: dt.timedelta
    idle: dt.timedelta


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


class SessionStore:
    """Sessions in the advisory database; ``now`` is the caller's clock (naive UTC)."""

    def __init__(self, engine: Engine, policy: SessionPolicy) -> None:
        self.engine = engine
        self.policy = policy

    def start(self, token_id: int, *, now: dt.datetime) -> str:
        """A new session for ``token_id``; returns its id (for the cookie; only its hash is stored)."""
        session_id = secrets.token_urlsafe(32)
        with db.write_session(self.engine) as s:
            s.add(WebSession(id_hash=_hash(session_id), token_id=token_id, created_at=now, last_seen_at=now))
        return session_id

    def check(self, session_id: str, *, now: dt.datetime) -> int | None:
        """The token id of a live session, or None (unknown, ended, past its lifetime or idle too
        long: such a session is ended for good). Refreshes the idle clock."""
        if not session_id or len(session_id) > 100:
            return None
        key = _hash(session_id)
        with db.read_session(self.engine) as s:
            row = s.get(WebSession, key)
            if row is None or row.ended_at is not None:
                return None
            token_id, created, seen = row.token_id, row.created_at, row.last_seen_at
        if now - created >= self.policy.lifetime or now - seen >= self.policy.idle:
            self.end(session_id, now=now)
            return None
        if now - seen >= TOUCH_EVERY:
            with db.write_session(self.engine) as s:
                s.execute(update(WebSession).where(WebSession.id_hash == key).values(last_seen_at=now))
        return token_id

    def end(self, session_id: str, *, now: dt.datetime) -> None:
        """Sign-out: the session (and every copy of its cookie) stops working."""
        with db.write_session(self.engine) as s:
            s.execute(
                update(WebSession)
                .where(WebSession.id_hash == _hash(session_id), WebSession.ended_at.is_(None))
                .values(ended_at=now)
            )

    def live(self, token_id: int) -> int:
        with db.read_session(self.engine) as s:
            rows = s.execute(
                select(WebSession.id_hash).where(
                    WebSession.token_id == token_id, WebSession.ended_at.is_(None)
                )
            )
            return len(list(rows))
