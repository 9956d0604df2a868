"""GitHub credentials: App JWT -> installation tokens (cached until shortly before expiry), or a
personal token. Builds PyGithub clients; the tokens and the private key are never logged.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from github import Auth, Github, GithubException, GithubIntegration

from bot.config.settings import Settings
from bot.core.numbers import is_decimal
from bot.errors import ConfigError
from bot.hosts.github_errors import retry_after, translate
from bot.hosts.pacing import MemorySlots, Now, Pacer
from bot.hosts.traffic import ObservedAdapter, observe_pygithub

logger = logging.getLogger(__name__)
_REFRESH_MARGIN = 120.0  # seconds before expiry when a cached token is replaced


@dataclass(frozen=True, slots=True)
class _Token:
    value: str = field(repr=False)
    expires_at: float = 0.0


class GitHubClients:
    """Makes PyGithub clients for installations (App mode) or for a personal token.

    One instance lives for the worker process so installation tokens are reused across jobs. Every
    request goes through ``ObservedAdapter`` (counted in the metrics); content-creating requests of
    one installation (or token) are paced by ``pacer``, shared by all workers when its slots are
    (the factory's; without one, ``seconds_between_writes`` apart within this process).
    """

    def __init__(
        self,
        settings: Settings,
        clock: Now,
        *,
        seconds_between_requests: float = 0.0,
        seconds_between_writes: float = 1.0,
        pacer: Pacer | None = None,
    ) -> None:
        self._settings = settings
        self._clock = clock
        self._seconds_between_requests = seconds_between_requests
        self.pacer = pacer or Pacer(MemorySlots(), seconds_between_writes, clock)
        self._tokens: dict[int, _Token] = {}
        self._lock = threading.Lock()
        self._private_key: str | None = None
        self._bot_login: str | None = None

    @property
    def app_mode(self) -> bool:
        return bool(self._settings.github_app_id)

    def _key(self) -> str:
        if self._private_key is None:
            path = Path(self._settings.github_private_key_path).expanduser()
            try:
                self._private_key = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(
                    f"REMEDIATOR_GITHUB_PRIVATE_KEY_PATH: cannot read {path}: {exc.strerror}"
                ) from None
        return self._private_key

    def _integration(self) -> GithubIntegration:
        auth = Auth.AppAuth(self._settings.github_app_id, self._key())
        integration = GithubIntegration(
            auth=auth,
            base_url=self._settings.github_api_url,
            retry=None,
            seconds_between_requests=self._seconds_between_requests,
            seconds_between_writes=0,
        )
        # the App's own requests (tokens, installations) are counted, not paced: they create no content
        observe_pygithub(integration.requester, partial(ObservedAdapter, "github", retry_after))
        return integration

    def pacing_key(self, installation_id: int | None) -> str:
        """What GitHub paces writes by: the installation, or the personal token (hashed)."""
        base = self._settings.github_api_url
        if installation_id is not None:
            return f"github:{base}:installation:{installation_id}"
        return f"github:{base}:token:{hashlib.sha256(self._settings.github_token.encode()).hexdigest()[:16]}"

    def _client(self, token: str, installation_id: int | None) -> Github:
        client = Github(
            auth=Auth.Token(token),
            base_url=self._settings.github_api_url,
            retry=None,
            per_page=100,
            seconds_between_requests=self._seconds_between_requests,
            seconds_between_writes=0,  # paced by self.pacer, shared across processes
        )
        observe_pygithub(
            client.requester,
            partial(
                ObservedAdapter,
                "github",
                retry_after,
                pacer=self.pacer,
                key=self.pacing_key(installation_id),
            ),
        )
        return client

    def installation_token(self, installation_id: int) -> str:
        """A token for the installation, fetched with the App JWT only when the cached one expires."""
        with self._lock:
            cached = self._tokens.get(installation_id)
            if cached and cached.expires_at - _REFRESH_MARGIN > self._clock():
                return cached.value
            with translate("creating an installation token"):
                granted = self._integration().get_access_token(installation_id)
            self._tokens[installation_id] = _Token(granted.token, granted.expires_at.timestamp())
            logger.info("github: new installation token for installation %s", installation_id)
            return granted.token

    def for_repo(self, repo: str, installation_id: int | None) -> Github:
        """A client allowed to act on ``repo``."""
        if not self.app_mode:
            if not self._settings.github_token:
                raise ConfigError(
                    "GitHub credentials missing: set REMEDIATOR_GITHUB_APP_ID and "
                    "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH, or REMEDIATOR_GITHUB_TOKEN"
                )
            return self._client(self._settings.github_token, None)
        if installation_id is None:
            owner, _, name = repo.partition("/")
            with translate("finding the App installation"):
                installation_id = int(self._integration().get_repo_installation(owner, name).id)
        return self._client(self.installation_token(installation_id), installation_id)

    def bot_login(self) -> str:
        """The login the bot's comments carry: ``<app-slug>[bot]``, or the token's own user."""
        if self._bot_login is None:
            if self.app_mode:
                with translate("reading the App"):
                    slug = self._integration().get_app().slug
                self._bot_login = f"{slug}[bot]"
            else:
                client = self.for_repo("", None)
                with translate("reading the token's user"):
                    _, data = client.requester.graphql_query("query { viewer { login } }", {})
                self._bot_login = str(data["data"]["viewer"]["login"])
        return self._bot_login


def check_credentials(settings: Settings) -> list[str]:
    """Problems with the GitHub settings, as sentences (empty when usable); no network."""
    problems = []
    if settings.github_app_id and settings.github_token:
        problems.append("set either REMEDIATOR_GITHUB_APP_ID (App mode) or REMEDIATOR_GITHUB_TOKEN, not both")
    if settings.github_app_id:
        if not is_decimal(settings.github_app_id):
            problems.append("REMEDIATOR_GITHUB_APP_ID must be the App's numeric id")
        key_path = Path(settings.github_private_key_path).expanduser()
        if not settings.github_private_key_path:
            problems.append("REMEDIATOR_GITHUB_PRIVATE_KEY_PATH is required in App mode")
        elif not key_path.is_file():
            problems.append(f"REMEDIATOR_GITHUB_PRIVATE_KEY_PATH: no file at {key_path}")
        else:
            head = key_path.read_text(encoding="utf-8", errors="replace")[:100]
            if "PRIVATE KEY-----" not in head:
                problems.append("REMEDIATOR_GITHUB_PRIVATE_KEY_PATH does not hold a PEM private key")
    elif not settings.github_token:
        problems.append(
            "no GitHub credentials: set REMEDIATOR_GITHUB_APP_ID + REMEDIATOR_GITHUB_PRIVATE_KEY_PATH, "
            "or REMEDIATOR_GITHUB_TOKEN"
        )
    if not settings.github_webhook_secret:
        problems.append("REMEDIATOR_GITHUB_WEBHOOK_SECRET is empty: deliveries cannot be verified")
    elif len(settings.github_webhook_secret) < 16:
        problems.append("REMEDIATOR_GITHUB_WEBHOOK_SECRET is shorter than 16 characters")
    if not settings.github_api_url.startswith(("https://", "http://127.0.0.1", "http://localhost")):
        problems.append("REMEDIATOR_GITHUB_API_URL must be an https:// URL")
    return problems


__all__ = ["GitHubClients", "GithubException", "check_credentials"]
