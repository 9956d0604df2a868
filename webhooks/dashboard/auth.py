"""Sign-in and roles for the dashboard and API: Bearer API tokens, session sign-in with a token,
per-session CSRF tokens on every state-changing form, and role checks on the server.

Must not import openai, PyGithub, python-gitlab, semgrep or bandit.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hmac
import logging
import os
import re
import secrets
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from flask import (
    Blueprint,
    Flask,
    Response,
    abort,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from bot.config.settings import Settings
from bot.errors import ConfigError
from bot.store import utc
from bot.store.api_tokens import Role, TokenRecord
from webhooks.dashboard import context

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__, template_folder="templates")

SECRET_FILE = "secret_key"  # noqa: S105 - a file name, not a secret
MIN_SECRET = 32
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
F = TypeVar("F", bound=Callable[..., Any])
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)


def security_headers(response: Response) -> Response:
    """For every dashboard page: no script, nothing from elsewhere, no framing, no caching."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    if not (request.endpoint or "").endswith(".static"):
        response.headers["Cache-Control"] = "no-store"
    return response


bp.after_request(security_headers)


def load_secret_key(settings: Settings) -> str:
    """REMEDIATOR_SECRET_KEY, else the key in the data dir, created once (0600) by whichever process
    gets there first: written to a private temporary file, then hard-linked into place."""
    if settings.secret_key:
        if len(settings.secret_key) < MIN_SECRET:
            raise ConfigError(f"REMEDIATOR_SECRET_KEY must be at least {MIN_SECRET} characters")
        return settings.secret_key
    path = settings.data_dir / SECRET_FILE
    if not path.exists():
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = settings.data_dir / f".{SECRET_FILE}.{os.getpid()}.{secrets.token_hex(4)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(48))
            with contextlib.suppress(FileExistsError):  # another worker was first: use theirs
                os.link(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)
    return _read_secret(path)


def _read_secret(path: Path) -> str:
    try:
        text = path.read_text(encoding="ascii").strip()
    except OSError as exc:
        raise ConfigError(f"cannot read the session key {path}: {exc.strerror}") from None
    if len(text) < MIN_SECRET:
        raise ConfigError(f"the session key in {path} is too short; delete it to generate a new one")
    return text


def configure(app: Flask, settings: Settings) -> None:
    """Session cookie flags and key; the key file is read or created here (not at import time)."""
    app.config.update(
        SECRET_KEY=load_secret_key(settings),
        SESSION_COOKIE_NAME="remediator_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.public_url.startswith("https://"),
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=settings.session_hours),
    )
    app.register_blueprint(bp)
    app.context_processor(lambda: {"principal": g.get("principal"), "csrf_token": csrf_token})


# ------------------------------------------------------------------------------------------- CSRF
def csrf_token() -> str:
    """This session's CSRF token (created on first use); forms carry it in ``csrf_token``."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(sent: str | None) -> bool:
    expected = session.get("csrf")
    if not isinstance(expected, str) or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())


# ------------------------------------------------------------------------------------- principals
def _now() -> dt.datetime:
    return utc(context.clock().now())


def _bearer() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, value = header.partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def _from_session() -> TokenRecord | None:
    """The signed-in token, when the cookie's session is live on the server (not signed out, within
    REMEDIATOR_SESSION_HOURS of sign-in and REMEDIATOR_SESSION_IDLE_MINUTES of its last use)."""
    session_id = session.get("sid")
    if not isinstance(session_id, str):
        return None
    token_id = context.session_store().check(session_id, now=_now())
    if token_id is None:
        session.clear()  # ended, expired or idle: sign in again
        return None
    record = context.token_store().get(token_id)
    if record is None or not record.active:
        session.clear()  # revoked since sign-in: the session ends with it
        return None
    return record


def api_required(role: Role) -> Callable[[F], F]:
    """JSON endpoints: a Bearer token (or the browser's session, whose writes need the CSRF header)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if "Authorization" in request.headers:
                token = _bearer()
                record = context.token_store().authenticate(token, now=_now()) if token else None
                via_session = False
            else:
                record, via_session = _from_session(), True
            if record is None:
                response = jsonify(error="sign-in required: send Authorization: Bearer <token>")
                response.headers["WWW-Authenticate"] = 'Bearer realm="remediator"'
                return response, 401
            if via_session and request.method == "POST" and not csrf_ok(request.headers.get(CSRF_HEADER)):
                return jsonify(error=f"missing or wrong {CSRF_HEADER} header"), 403
            if record.role < role:
                return jsonify(
                    error=f"this needs the {role.label} role; your token is {record.role.label}"
                ), 403
            g.principal = record
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate


def page_required(role: Role) -> Callable[[F], F]:
    """HTML pages: a signed-in session (else to the sign-in form); POSTs need the form's CSRF token."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            record = _from_session()
            if record is None:
                if request.method == "POST":
                    abort(401, "sign-in required")
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            g.principal = record
            if request.method == "POST" and not csrf_ok(request.form.get(CSRF_FIELD)):
                abort(400, "the form's CSRF token is missing or out of date: reload the page and try again")
            if record.role < role:
                abort(403, f"this needs the {role.label} role; you signed in as {record.role.label}")
            return view(*args, **kwargs)

        return cast(F, wrapper)

    return decorate


_LOCAL_PATH = re.compile(r"/(?![/\\])[^\s\\\x00-\x1f\x7f]*")


def _safe_next(target: str | None) -> str:
    """Only a path on this site: no scheme, no host, no whitespace, control characters or backslashes
    (browsers drop a tab in ``/\t/evil.com`` and would go to ``//evil.com``)."""
    if target and _LOCAL_PATH.fullmatch(target):
        parts = urllib.parse.urlsplit(target)
        if not parts.scheme and not parts.netloc:
            return target
    return url_for("dashboard.advisories")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    next_url = _safe_next(request.values.get("next"))
    if request.method == "GET":
        return render_template("login.html", next_url=next_url, error=None)
    if not csrf_ok(request.form.get(CSRF_FIELD)):
        abort(400, "the form's CSRF token is missing or out of date: reload the page and try again")
    record = context.token_store().authenticate(request.form.get("token", ""), now=_now())
    if record is None:
        logger.info("dashboard sign-in refused from %s", request.remote_addr)
        error = "That token is not valid, or it was revoked."
        return render_template("login.html", next_url=next_url, error=error), 401
    old_session = session.get("sid")
    if isinstance(old_session, str):
        context.session_store().end(old_session, now=_now())
    session.clear()
    session.permanent = True
    session["sid"] = context.session_store().start(record.id, now=_now())
    session["csrf"] = secrets.token_urlsafe(32)  # a new token for the signed-in session
    logger.info("dashboard sign-in by token %s (%s)", record.name, record.role.label)
    return redirect(next_url, code=303)


@bp.post("/logout")
def logout() -> Any:
    if not csrf_ok(request.form.get(CSRF_FIELD)):
        abort(400, "the form's CSRF token is missing or out of date")
    session_id = session.get("sid")
    if isinstance(session_id, str):
        context.session_store().end(session_id, now=_now())  # a copy of the cookie stops working too
    session.clear()
    return redirect(url_for("auth.login"), code=303)
