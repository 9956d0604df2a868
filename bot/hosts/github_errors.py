"""Translate PyGithub and transport errors into Remediator's error tree (STYLE 4).

GithubException never leaves the GitHub adapter: rate limits and 5xx become Retryable (with the
wait GitHub asked for), 401/403/404 become Permanent, 422 on a review becomes AnchorRejected.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import requests
from github import GithubException, RateLimitExceededException

from bot.core.numbers import is_decimal
from bot.errors import Permanent, Retryable


def _header(headers: Mapping[str, Any] | None, name: str) -> str | None:
    if not headers:
        return None
    for key, value in headers.items():
        if key.lower() == name:
            return str(value)
    return None


def retry_after(headers: Mapping[str, Any] | None, now: float | None = None) -> float | None:
    """Seconds to wait, from Retry-After or an exhausted x-ratelimit-reset; None if not said."""
    after = _header(headers, "retry-after")
    if after is not None:
        try:
            return max(0.0, float(after))
        except ValueError:
            return None
    if _header(headers, "x-ratelimit-remaining") == "0":
        reset = _header(headers, "x-ratelimit-reset")
        if reset is not None and is_decimal(reset):
            return max(1.0, float(reset) - (time.time() if now is None else now))
    return None


@contextmanager
def translate(doing: str) -> Iterator[None]:
    try:
        yield
    except RateLimitExceededException as exc:
        raise Retryable(
            f"GitHub rate limit while {doing}", retry_after=retry_after(exc.headers) or 60.0
        ) from exc
    except GithubException as exc:
        status = exc.status
        wait = retry_after(exc.headers)
        if status in (403, 429) and wait is not None:
            raise Retryable(f"GitHub rate limit while {doing}", retry_after=wait) from exc
        if status >= 500 or status in (408, 429):
            raise Retryable(f"GitHub answered {status} while {doing}", retry_after=wait) from exc
        message = ""
        if isinstance(exc.data, Mapping):
            message = str(exc.data.get("message", ""))[:200]
        raise Permanent(f"GitHub answered {status} while {doing}: {message}".rstrip(": ")) from exc
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise Retryable(f"GitHub unreachable while {doing}: {type(exc).__name__}") from exc
