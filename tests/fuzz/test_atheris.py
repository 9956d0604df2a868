"""Coverage-guided fuzzing with atheris (libFuzzer) where it installs, for a bounded number of runs
per target in a child process (libFuzzer exits the process it runs in). Skipped, with the reason,
where atheris is not installed (it ships wheels for Linux x86-64 CPython only)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNS = 3000
"""Inputs per target: a few seconds each here."""

if importlib.util.find_spec("atheris") is None:
    pytest.skip(
        "atheris is not installed (no wheel for this platform or Python); the hypothesis fuzz tests "
        "beside this file still run",
        allow_module_level=True,
    )


@pytest.mark.parametrize("target", ["diffs", "events", "commands", "filters"])
def test_atheris_finds_no_crash(target, tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.atheris_targets",
            target,
            f"-runs={RUNS}",
            "-max_len=4096",
            "-seed=1",
            f"-artifact_prefix={tmp_path}/",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"Done {RUNS} runs" in proc.stderr, proc.stderr[-1000:]
