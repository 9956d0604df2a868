"""The one module that chooses concrete adapters: which host client a job gets.

Clients are cached per worker process (installation tokens live an hour); settings are passed in.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from typing import Any

from bot.config.settings import Settings
from bot.errors import Permanent
from bot.hosts.base import Host
from bot.hosts.pacing import FileSlots, Pacer, Slots

_CLIENTS: dict[str, Any] = {}
_LOCK = threading.Lock()


def _cache_key(settings: Settings) -> str:
    raw = "\x1f".join(
        (
            settings.github_api_url,
            settings.github_app_id,
            settings.github_private_key_path,
            settings.github_token,
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()


def pacer_for(settings: Settings, clock: Callable[[], float]) -> Pacer:
    """Write pacing shared by every worker: in Redis when the queue is (every host), else in files
    under the data directory (every process of this host)."""
    slots: Slots
    if settings.redis_url:
        from bot.hosts.pacing_redis import RedisSlots  # noqa: PLC0415 - redis is an optional extra

        slots = RedisSlots.from_url(settings.redis_url)
    else:
        slots = FileSlots(settings.data_dir / "pacing")
    return Pacer(slots, settings.github_write_interval, clock)


def host_for(payload: Mapping[str, Any], settings: Settings, clock: Callable[[], float]) -> Host:
    """The host adapter for a job's payload."""
    host = payload.get("host")
    if host == "github":
        from bot.hosts.github import GitHubHost  # noqa: PLC0415 - heavy import only in the worker
        from bot.hosts.github_auth import GitHubClients  # noqa: PLC0415

        key = _cache_key(settings)
        with _LOCK:
            clients = _CLIENTS.get(key)
            if clients is None:
                clients = GitHubClients(settings, clock, pacer=pacer_for(settings, clock))
                _CLIENTS[key] = clients
        installation = payload.get("installation_id")
        client = clients.for_repo(str(payload["repo"]), int(installation) if installation else None)
        return GitHubHost(client, bot_login=clients.bot_login(), max_file_bytes=settings.max_file_bytes)
    if host == "gitlab":
        from bot.hosts.gitlab import GitLabHost  # noqa: PLC0415 - heavy import only in the worker
        from bot.hosts.gitlab_auth import GitLabClients  # noqa: PLC0415

        key = (
            "gitlab:"
            + hashlib.sha256(f"{settings.gitlab_url}\x1f{settings.gitlab_token}".encode()).hexdigest()
        )
        with _LOCK:
            gl_clients = _CLIENTS.get(key)
            if gl_clients is None:
                gl_clients = GitLabClients(settings)
                _CLIENTS[key] = gl_clients
        return GitLabHost(
            gl_clients.client(),
            bot_username=gl_clients.bot_username(),
            max_file_bytes=settings.max_file_bytes,
        )
    raise Permanent(f"no adapter for host {host!r}")
