"""API tokens for the dashboard and JSON API: issued once, stored as a SHA-256 hash, checked in
constant time, each with a role (viewer < triager < admin). Table ``api_tokens`` (migration 0002).

Must not import Flask or bot.hosts; the CLI (`remediator tokens ...`) and the web process use it.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import DateTime, Engine, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.numbers import is_decimal
from bot.errors import InputError
from bot.store import db
from bot.store.models import Base

PREFIX = "rmd_"
LOOKUP_CHARS = 12
"""The first characters after the prefix: a public handle to find the row (shown by `tokens list`)."""
TOKEN_SHAPE = re.compile(r"rmd_[A-Za-z0-9_-]{40,64}")
TOUCH_EVERY = dt.timedelta(minutes=5)
"""``last_used_at`` is written at most this often per token (reads stay reads)."""
_NAME = re.compile(r"[\w .@:()/+,'-]{1,80}")  # "alice (security)", "ci/nightly", "o'brien"


class Role(enum.IntEnum):
    """What a token may do; each role can do everything the roles below it can."""

    VIEWER = 1
    TRIAGER = 2
    ADMIN = 3

    @classmethod
    def parse(cls, text: str) -> Role:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise InputError(f"unknown role {text!r} (expected viewer, triager or admin)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16))
    lookup: Mapped[str] = mapped_column(String(16), unique=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(100))
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


@dataclass(frozen=True, slots=True)
class TokenRecord:
    """A token as listed: never its secret, only the public lookup handle."""

    id: int
    name: str
    role: Role
    lookup: str
    created_at: dt.datetime
    created_by: str
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @property
    def actor(self) -> str:
        """How history records this token's actions."""
        return f"token:{self.name}"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _record(row: ApiToken) -> TokenRecord:
    return TokenRecord(
        id=row.id,
        name=row.name,
        role=Role.parse(row.role),
        lookup=row.lookup,
        created_at=row.created_at,
        created_by=row.created_by,
        last_used_at=row.last_used_at,
        revoked_at=row.revoked_at,
    )


class TokenStore:
    """Tokens in the advisory database; ``now`` is the caller's clock (naive UTC)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, role: Role, name: str, *, created_by: str, now: dt.datetime) -> tuple[str, TokenRecord]:
        """A new token: returns the secret (shown once, never stored) and its record."""
        name = " ".join(name.split())
        if not _NAME.fullmatch(name):
            raise InputError("a token name is 1-80 letters, digits, spaces or . @ : _ - ( ) / + , '")
        if is_decimal(name) or name.startswith(PREFIX):
            raise InputError(
                "a token name cannot be a number or start with rmd_ (those name ids and handles)"
            )
        secret = PREFIX + secrets.token_urlsafe(32)
        row = ApiToken(
            name=name,
            role=role.label,
            lookup=secret[len(PREFIX) : len(PREFIX) + LOOKUP_CHARS],
            token_hash=_digest(secret),
            created_at=now,
            created_by=created_by[:100],
        )
        with db.write_session(self.engine) as s:
            s.add(row)
            s.flush()
            return secret, _record(row)

    def list(self, *, include_revoked: bool = True) -> list[TokenRecord]:
        stmt = select(ApiToken).order_by(ApiToken.id)
        if not include_revoked:
            stmt = stmt.where(ApiToken.revoked_at.is_(None))
        with db.read_session(self.engine) as s:
            return [_record(r) for r in s.execute(stmt).scalars()]

    def get(self, token_id: int) -> TokenRecord | None:
        with db.read_session(self.engine) as s:
            row = s.get(ApiToken, token_id)
            return _record(row) if row is not None else None

    def revoke(self, ref: str, *, now: dt.datetime, by: str | None = None) -> TokenRecord:
        """Revoke one active token; a revoked token stops working at its next request.

        ``by`` says what ``ref`` is: ``id``, ``name`` or ``handle``. Without it a number is always an
        id, ``rmd_...`` a handle, anything else a name: a token named like another's id can never stand
        in the way of revoking that id. A name shared by several tokens is refused (revoke by id).
        """
        text = ref.strip()
        numeric = is_decimal(text)
        kind = by or ("id" if numeric else "handle" if text.startswith(PREFIX) else "name")
        if kind not in ("id", "name", "handle"):
            raise InputError(f"unknown kind {kind!r} (id, name or handle)")
        with db.write_session(self.engine) as s:
            stmt = select(ApiToken).where(ApiToken.revoked_at.is_(None))
            if kind == "id":
                if not numeric:
                    raise InputError(f"{text[:40]!r} is not a token id (a number)")
                stmt = stmt.where(ApiToken.id == int(text))
            elif kind == "handle":
                stmt = stmt.where(ApiToken.lookup == text.removeprefix(PREFIX)[:LOOKUP_CHARS])
            else:
                stmt = stmt.where(ApiToken.name == " ".join(text.split()))
            match = list(s.execute(stmt).scalars())
            if not match:
                raise InputError(f"no active token with {kind} {text[:40]!r} (see `remediator tokens list`)")
            if len(match) > 1:
                ids = ", ".join(str(r.id) for r in match)
                raise InputError(
                    f"{len(match)} active tokens are named {text[:40]!r} (ids {ids}); revoke by id"
                )
            match[0].revoked_at = now
            s.flush()
            return _record(match[0])

    def authenticate(self, token: str, *, now: dt.datetime) -> TokenRecord | None:
        """The active token whose secret is ``token``, or None. The hash is compared in constant time."""
        token = token.strip()
        if not TOKEN_SHAPE.fullmatch(token):
            return None
        lookup = token[len(PREFIX) : len(PREFIX) + LOOKUP_CHARS]
        with db.read_session(self.engine) as s:
            row = s.execute(select(ApiToken).where(ApiToken.lookup == lookup)).scalar_one_or_none()
            if row is None or not hmac.compare_digest(row.token_hash, _digest(token)):
                return None
            if row.revoked_at is not None:
                return None
            record = _record(row)
        if record.last_used_at is None or now - record.last_used_at > TOUCH_EVERY:
            self._touch(record.id, now)
        return record

    def _touch(self, token_id: int, now: dt.datetime) -> None:
        with db.write_session(self.engine) as s:
            row = s.get(ApiToken, token_id)
            if row is not None:
                row.last_used_at = now
