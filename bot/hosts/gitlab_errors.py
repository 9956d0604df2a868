"""Translate python-gitlab and transport errors into Remediator's error tree (STYLE 4).

GitlabError never leaves the GitLab adapter: 429 and 5xx become Retryable (with the wait GitLab
asked for through Retry-After or RateLimit-Reset), 401/403/404 and other 4xx become Permanent.
python-gitlab drops response headers from its errors, so a requests response hook keeps the
headers of the last failed response of this thread for ``translate`` to read.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import requests
from gitlab.exceptions import GitlabError

from bot.core.numbers import is_decimal
from bot.errors import Permanent, Retryable

_LAST = threading.local()


def remember_error_headers(response: requests.Response, *args: Any, **kwargs: Any) -> None:
    """A requests response hook: keep the headers of a failed response (read by ``translate``)."""
    if response.status_code >= 400:
        _LAST.headers = dict(response.headers)


def _last_headers() -> dict[str, str]:
    headers: dict[str, str] | None = getattr(_LAST, "headers", None)
    return headers or {}


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds to wait, from Retry-After or RateLimit-Reset (epoch seconds); None if not said."""
    after = _header(headers, "retry-after")
    if after is not None:
        try:
            return max(0.0, float(after))
        except ValueError:
            return None
    reset = _header(headers, "ratelimit-reset")
    if reset is not None and is_decimal(reset):
        return max(1.0, float(reset) - (time.time() if now is None else now))
    return None


def error_message(exc: GitlabError) -> str:
    """GitLab's message, one line, at most 200 characters (never the request)."""
    text = str(exc.error_message or "")
    return " ".join(text.split())[:200]


@contextmanager
def translate(doing: str) -> Iterator[None]:
    _LAST.headers = None
    try:
        yield
    except GitlabError as exc:
        status = exc.response_code
        wait = retry_after(_last_headers())
        if status is None:
            raise Retryable(f"GitLab unreachable while {doing}: {type(exc).__name__}") from exc
        if status == 429 or (status == 403 and wait is not None):
            raise Retryable(f"GitLab rate limit while {doing}", retry_after=wait or 60.0) from exc
        if status >= 500 or status == 408:
            raise Retryable(f"GitLab answered {status} while {doing}", retry_after=wait) from exc
        message = error_message(exc)
        raise Permanent(f"GitLab answered {status} while {doing}: {message}".rstrip(": ")) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise Retryable(f"GitLab unreachable while {doing}: {type(exc).__name__}") from exc
