"""GitLab credentials: one python-gitlab client per worker process for the configured token, and
the bot's own username (its comments are recognised by it). The token is never logged or shown.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import gitlab
import requests

from bot.config.settings import Settings
from bot.errors import ConfigError
from bot.hosts.gitlab_errors import remember_error_headers, retry_after, translate
from bot.hosts.traffic import ObservedAdapter

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT = 30.0


class _NoSleepGitlab(gitlab.Gitlab):
    """python-gitlab that never sleeps on 429 nor retries itself: the error reaches ``translate``."""

    def http_request(self, verb: str, path: str, *args: Any, **kwargs: Any) -> requests.Response:
        kwargs["obey_rate_limit"] = False
        kwargs["retry_transient_errors"] = False
        kwargs["max_retries"] = 0
        return super().http_request(verb, path, *args, **kwargs)


class GitLabClients:
    """Builds the python-gitlab client for ``REMEDIATOR_GITLAB_URL`` + ``REMEDIATOR_GITLAB_TOKEN``.

    python-gitlab's own sleeping on 429 and retrying of 5xx are turned off: the job queue retries
    with backoff instead, honouring the wait GitLab asked for (a worker thread never sleeps here).
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._client: gitlab.Gitlab | None = None
        self._username: str | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"GitLabClients(url={self._settings.gitlab_url!r})"

    def client(self) -> gitlab.Gitlab:
        with self._lock:
            if self._client is None:
                if not self._settings.gitlab_token:
                    raise ConfigError("GitLab credentials missing: set REMEDIATOR_GITLAB_TOKEN")
                session = requests.Session()
                session.hooks["response"].append(remember_error_headers)
                adapter = ObservedAdapter("gitlab", retry_after, max_retries=0)  # counted, not paced
                session.mount("https://", adapter)
                session.mount("http://", adapter)
                self._client = _NoSleepGitlab(
                    self._settings.gitlab_url,
                    private_token=self._settings.gitlab_token,
                    session=session,
                    timeout=REQUEST_TIMEOUT,
                    per_page=100,
                    keep_base_url=True,
                )
            return self._client

    def bot_username(self) -> str:
        """The username the token acts as (a project access token's bot user, or the bot account)."""
        if self._username is None:
            client = self.client()
            with translate("reading the token's user"):
                client.auth()
            user = client.user
            if user is None:
                raise ConfigError("REMEDIATOR_GITLAB_TOKEN: GitLab did not say which user it belongs to")
            self._username = str(user.username)
            logger.info("gitlab: acting as %s", self._username)
        return self._username


def check_credentials(settings: Settings) -> list[str]:
    """Problems with the GitLab settings, as sentences (empty when usable); no network."""
    problems = []
    if not settings.gitlab_token:
        problems.append("no GitLab credentials: set REMEDIATOR_GITLAB_TOKEN (api scope, Developer role)")
    if not settings.gitlab_webhook_secret:
        problems.append("REMEDIATOR_GITLAB_WEBHOOK_SECRET is empty: deliveries cannot be verified")
    elif len(settings.gitlab_webhook_secret) < 16:
        problems.append("REMEDIATOR_GITLAB_WEBHOOK_SECRET is shorter than 16 characters")
    if not settings.gitlab_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        problems.append("REMEDIATOR_GITLAB_URL must be an https:// URL")
    return problems
