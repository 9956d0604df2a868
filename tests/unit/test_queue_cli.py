"""``remediator worker``: runs a huey consumer with the configured threads over the configured queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.cli.main import main
from bot.jobqueue import JobQueue


def test_worker_runs_the_consumer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ran: list[Any] = []

    class Consumer:
        def __init__(self, queue: JobQueue) -> None:
            self.queue = queue

        def run(self) -> None:
            ran.append(self.queue)

    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REMEDIATOR_WORKER_THREADS", "3")
    monkeypatch.delenv("REMEDIATOR_REDIS_URL", raising=False)

    def consumer(self: JobQueue) -> Consumer:
        return Consumer(self)

    monkeypatch.setattr(JobQueue, "consumer", consumer)
    assert main(["worker"]) == 0
    [queue] = ran
    assert queue.settings.worker_threads == 3
    assert queue.settings.data_dir == tmp_path / "data"
    assert (tmp_path / "data").is_dir()
