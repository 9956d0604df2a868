"""One worker process for the shared write-pacing test: App credentials and the pacing backend from
the environment (chosen as in production by ``pacer_for``), one thread per installation in
``PLAN`` (``repo=installation:writes,...``) posting issue comments through GitHubClients. It prints
``ready`` once its tokens are fetched, waits for ``go`` on stdin, then prints one JSON line: each
write's installation and the slot its pacer granted. Run as ``python -m tests.integration.pacing_proc``."""

from __future__ import annotations

import json
import os
import sys
import threading
import time

from bot.config.settings import Settings
from bot.hosts.factory import pacer_for
from bot.hosts.github_auth import GitHubClients
from bot.hosts.pacing import Pacer


class RecordingPacer(Pacer):
    """Records the slot each write was granted: the clock's reading at reservation + the wait."""

    def __init__(self, base: Pacer) -> None:
        self._seen = threading.local()
        super().__init__(base.slots, base.interval, self._now)
        self.granted: list[tuple[str, float, float]] = []
        self._lock = threading.Lock()

    def _now(self) -> float:
        self._seen.t = time.time()
        return float(self._seen.t)

    def before_write(self, key: str) -> float:
        waited = super().before_write(key)
        with self._lock:
            self.granted.append((key, float(self._seen.t) + waited, waited))
        return waited


def main() -> None:
    settings = Settings.from_env()
    pacer = RecordingPacer(pacer_for(settings, time.time))
    clients = GitHubClients(settings, time.time, pacer=pacer)
    plan = []
    for item in os.environ["PLAN"].split(","):
        repo, _, rest = item.partition("=")
        installation, _, writes = rest.partition(":")
        plan.append((repo, int(installation), int(writes), clients.for_repo(repo, int(installation))))
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "go"
    errors: list[str] = []

    def write(repo: str, installation: int, writes: int, client: object) -> None:
        try:
            for n in range(writes):
                client.requester.requestJsonAndCheck(  # type: ignore[attr-defined]
                    "POST", f"/repos/{repo}/issues/1/comments", input={"body": f"{os.getpid()} {n}"}
                )
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails on it
            errors.append(f"{repo}: {exc!r}")

    threads = [threading.Thread(target=write, args=item) for item in plan]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    keys = {clients.pacing_key(inst): inst for _, inst, _, _ in plan}
    granted = [
        {"installation": keys[k], "slot": slot, "waited": waited, "pid": os.getpid()}
        for k, slot, waited in pacer.granted
    ]
    print(json.dumps({"granted": granted, "errors": errors}), flush=True)


if __name__ == "__main__":
    main()
