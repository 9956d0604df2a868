"""Every request to a forge goes through ``ObservedAdapter``, a requests transport adapter: it counts
the call (host, read or write, status), paces content-creating writes through a shared ``Pacer``,
and when the forge answers with a rate limit, counts the wait and holds that key's writes for every
worker. python-gitlab takes a ``requests.Session``; PyGithub gets the adapter through ``observe_pygithub``.

Imports requests and PyGithub's requester type only; the pacing state is in ``pacing``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from bot.hosts.pacing import Pacer
from bot.obs import metrics

logger = logging.getLogger(__name__)

READS = frozenset({"GET", "HEAD", "OPTIONS"})
RetryAfter = Callable[[Mapping[str, str]], "float | None"]


def is_write(request: requests.PreparedRequest) -> bool:
    """A content-creating request: POST/PATCH/PUT/DELETE, except a GraphQL query (reads by POST)."""
    method = (request.method or "GET").upper()
    if method in READS:
        return False
    path = (request.path_url or "").split("?", 1)[0]
    if method == "POST" and path.endswith("/graphql"):
        body = request.body
        try:
            query = json.loads(body or b"{}").get("query", "") if isinstance(body, (bytes, str)) else ""
        except (ValueError, AttributeError):
            return True
        return isinstance(query, str) and query.lstrip().startswith("mutation")
    return True


class ObservedAdapter(HTTPAdapter):
    """Counts, paces and honours rate limits for one client's requests (see the module docstring).

    ``key`` names what the forge paces by (``github-installation-<id>``); ``pacer`` None leaves
    writes unpaced (GitLab, the App's own JWT requests). ``retry_after`` reads the forge's wait
    from a rate-limited answer's headers.
    """

    def __init__(
        self,
        host: str,
        retry_after: RetryAfter,
        *,
        pacer: Pacer | None = None,
        key: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.host = host
        self.key = key
        self._pacer = pacer
        self._retry_after = retry_after

    def send(self, request: requests.PreparedRequest, *args: Any, **kwargs: Any) -> requests.Response:
        kind = "write" if is_write(request) else "read"
        m = metrics.get()
        if kind == "write" and self._pacer is not None:
            waited = self._pacer.before_write(self.key)
            if waited > 0:
                m.waits.labels(self.host, "pacing").inc()
                m.wait_seconds.labels(self.host, "pacing").inc(waited)
        m.api_sent.labels(self.host, kind).inc()
        try:
            response = super().send(request, *args, **kwargs)
        except (requests.ConnectionError, requests.Timeout):
            m.api_calls.labels(self.host, kind, "error").inc()
            raise
        status = response.status_code
        m.api_calls.labels(self.host, kind, str(status)).inc()
        if status in (403, 429):
            wait = self._retry_after(response.headers)
            if wait is not None or status == 429:
                seconds = wait if wait is not None else 60.0
                m.rate_waits.labels(self.host).inc()
                m.waits.labels(self.host, "rate_limit").inc()
                m.wait_seconds.labels(self.host, "rate_limit").inc(seconds)
                if self._pacer is not None:
                    self._pacer.hold(self.key, seconds)
                logger.warning("%s: rate limited (HTTP %s), asked to wait %.0f s", self.host, status, seconds)
        return response


def observe_pygithub(requester: Any, make: Callable[..., ObservedAdapter]) -> None:
    """Route a PyGithub ``Requester``'s requests through ``make(max_retries=..., pool_connections=...,
    pool_maxsize=...)``. PyGithub builds its requests session inside a connection class it picks per
    requester; this requester gets a subclass that mounts the adapter on that session. The attribute
    is private to PyGithub (pinned in constraints.txt); tests/integration/test_host_traffic.py fails if a
    release moves it."""
    name = "_Requester__connectionClass"
    base = getattr(requester, name)

    class _Observed(base):  # type: ignore[misc, valid-type]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.adapter = make(
                max_retries=self.retry, pool_connections=self.pool_size, pool_maxsize=self.pool_size
            )
            self.session.mount(f"{self.protocol}://", self.adapter)

    setattr(requester, name, _Observed)
