"""Liveness for the image's health check: the worker touches a heartbeat file while it runs, and
``check`` (``remediator health``) reads it for the worker role or probes ``/healthz`` for the web."""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bot.config.settings import Settings

logger = logging.getLogger(__name__)
PROBE_TIMEOUT = 3.0


def heartbeat_path(settings: Settings) -> Path:
    return settings.worker_heartbeat or settings.data_dir / "worker.heartbeat"


class HeartbeatFile:
    """A daemon thread writing the time to ``path`` every ``interval`` seconds until ``stop``."""

    def __init__(self, path: Path, interval: float, now: Callable[[], float] = time.time) -> None:
        self.path = path
        self._interval = max(interval, 0.05)
        self._now = now
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="worker-heartbeat", daemon=True)

    def beat(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(self.path.name + ".tmp")
        partial.write_text(f"{self._now():.3f}\n", encoding="ascii")
        partial.replace(self.path)  # a reader never sees a half-written file

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.beat()
            except OSError as exc:
                logger.warning("worker heartbeat %s not written: %s", self.path, exc.strerror)

    def start(self) -> HeartbeatFile:
        self.beat()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def check_worker(settings: Settings, now: float) -> str | None:
    """None when the heartbeat is fresh; else why not."""
    path = heartbeat_path(settings)
    try:
        beat = float(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        return f"no worker heartbeat at {path}: {exc}"
    age = now - beat
    if age > settings.worker_heartbeat_max_age:
        limit = settings.worker_heartbeat_max_age
        return f"worker heartbeat is {age:.0f}s old (REMEDIATOR_WORKER_HEARTBEAT_MAX_AGE={limit:g})"
    return None


def check_web(settings: Settings) -> str | None:
    """None when ``REMEDIATOR_HEALTH_URL`` answers 200; else why not."""
    url = settings.health_url
    if not url.startswith(("http://", "https://")):
        return f"REMEDIATOR_HEALTH_URL={url!r} is not an http(s) URL"
    try:
        with urllib.request.urlopen(url, timeout=PROBE_TIMEOUT) as answer:  # noqa: S310 - scheme checked
            status = int(answer.status)
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (OSError, ValueError) as exc:
        return f"{url} did not answer: {exc}"
    return None if status == 200 else f"{url} answered HTTP {status}"


def check(settings: Settings, now: float) -> str | None:
    """The check for ``REMEDIATOR_ROLE``: None when healthy, else the reason."""
    return check_worker(settings, now) if settings.role == "worker" else check_web(settings)
