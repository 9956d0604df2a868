"""Issue 14, item 1: a running `remediator worker` keeps the heartbeat file that the image's health
check (`remediator health` with REMEDIATOR_ROLE=worker) reads; once the worker is gone the beat
goes stale and the check fails. Real processes, as a container runs them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.config.settings import Settings
from bot.obs.health import check

ROOT = Path(__file__).resolve().parents[2]
POLLS = 1200  # 0.1 s each: the worker's start-up on a busy machine


def test_the_worker_beats_while_it_runs_and_the_check_reads_it(tmp_path: Path) -> None:
    beat = tmp_path / "own" / "worker.heartbeat"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REMEDIATOR_", "OPENAI_"))}
    env.update(
        REMEDIATOR_DATA_DIR=str(tmp_path / "data"),
        REMEDIATOR_WORKER_HEARTBEAT=str(beat),
        REMEDIATOR_WORKER_HEARTBEAT_MAX_AGE="60",
        REMEDIATOR_ROLE="worker",
    )
    health = [sys.executable, "-m", "bot.cli", "health"]
    before = subprocess.run(health, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert before.returncode == 1 and "no worker heartbeat" in before.stderr
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(POLLS):
            if beat.exists() or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert worker.poll() is None, worker.communicate()[1].decode()[-2000:]
        assert beat.exists()
        ok = subprocess.run(health, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        assert ok.returncode == 0, ok.stderr
        assert ok.stdout.strip() == "remediator worker: healthy"
    finally:
        worker.send_signal(signal.SIGKILL)  # a crash: nothing is cleaned up
        worker.communicate(timeout=30)
    last = float(beat.read_text())
    settings = Settings.from_env(env)
    assert check(settings, last + 59) is None
    assert "old" in (check(settings, last + 61) or "")  # a dead worker's beat goes stale
