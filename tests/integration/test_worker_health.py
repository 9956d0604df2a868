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

import pytest

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


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_worker_serves_its_own_metrics_behind_the_token(tmp_path: Path) -> None:
    # for workers whose samples no web reads (Kubernetes pods, other hosts): before, their job,
    # review, LLM and forge metrics could not be scraped at all
    import urllib.error
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REMEDIATOR_", "OPENAI_"))}
    env.update(
        REMEDIATOR_DATA_DIR=str(tmp_path / "data"),
        REMEDIATOR_WORKER_METRICS_PORT=str(port),
        REMEDIATOR_METRICS_TOKEN="scrape-token",
    )
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/metrics"
    try:
        for _ in range(POLLS):
            try:
                urllib.request.urlopen(url, timeout=5).close()
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code == 401:
                    break
            except OSError:
                if worker.poll() is not None:
                    break
                time.sleep(0.1)
        assert worker.poll() is None, worker.communicate()[1].decode()[-2000:]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)
        assert refused.value.code == 401
        refused.value.close()
        request = urllib.request.Request(url, headers={"Authorization": "Bearer scrape-token"})
        with urllib.request.urlopen(request, timeout=10) as answer:
            text = answer.read().decode()
        names = {s.name for f in text_string_to_metric_families(text) for s in f.samples}
        assert {"remediator_jobs_total", "remediator_queue_depth", "remediator_llm_tokens_total"} <= names
    finally:
        worker.send_signal(signal.SIGINT)
        try:
            worker.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.communicate()
