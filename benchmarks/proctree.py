"""Run one command and measure it: wall time, CPU time and peak memory of its whole process tree.

Peak memory is sampled: every ``interval`` seconds a thread walks the tree from the child through
``/proc/PID/task/TID/children`` and sums the resident set (``/proc/PID/statm``) of every process
in it; the largest sum is the tree's peak. ``os.wait4`` also gives the child's ``ru_maxrss``,
which Linux reports as the largest *single* process among the child and the descendants it
waited for, never a sum, so it is kept only as a cross-check. Linux only; no psutil.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass(frozen=True)
class Measurement:
    wall_s: float
    cpu_s: float
    """User + system time of the child and every descendant it waited for."""
    tree_peak_rss_mb: float
    """Largest sampled sum of RSS over the process tree (shared pages count once per process)."""
    largest_process_rss_mb: float
    """``ru_maxrss`` from ``wait4``: the largest single process in the tree."""
    max_processes: int
    samples: int
    exit_code: int
    timed_out: bool


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", encoding="ascii") as handle:
                out += [int(c) for c in handle.read().split()]
        except (OSError, ValueError):
            continue
    return out


def tree_rss(root: int) -> tuple[int, int]:
    """(summed RSS in bytes, process count) of ``root`` and all its descendants right now."""
    total = 0
    seen: set[int] = set()
    stack = [root]
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_bytes(pid)
        stack += _children(pid)
    return total, len(seen)


class _Sampler(threading.Thread):
    def __init__(self, pid: int, interval: float) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak = 0
        self.max_processes = 0
        self.samples = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            total, count = tree_rss(self.pid)
            self.peak = max(self.peak, total)
            self.max_processes = max(self.max_processes, count)
            self.samples += 1
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _kill_group(pgid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)


def measure(
    cmd: Sequence[str],
    *,
    cwd: Path,
    env: Mapping[str, str],
    stdout: Path,
    stderr: Path,
    timeout: float,
    interval: float = 0.02,
) -> Measurement:
    """Run ``cmd`` in its own session, output to files, killing its whole group after ``timeout``."""
    with stdout.open("wb") as out, stderr.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        sampler = _Sampler(proc.pid, interval)
        sampler.start()
        fired = threading.Event()

        def expire() -> None:
            fired.set()
            _kill_group(proc.pid)

        timer = threading.Timer(timeout, expire)
        timer.start()
        try:
            _pid, status, usage = os.wait4(proc.pid, 0)
        finally:
            wall = time.perf_counter() - start
            timer.cancel()
            sampler.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    return Measurement(
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        tree_peak_rss_mb=sampler.peak / MB,
        largest_process_rss_mb=usage.ru_maxrss / 1024,
        max_processes=sampler.max_processes,
        samples=sampler.samples,
        exit_code=proc.returncode,
        timed_out=fired.is_set(),
    )
