"""The repository is self-contained: a copy of what git would clone, in an empty folder with no sibling
``shared/``, collects the whole suite and runs the tests that read platform fixtures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.fixtures import PLATFORM

REPO = PLATFORM.parents[2]
# what a reference to the workplace's shared folder looks like in code: ../shared, parents[N] / "shared"
_SHARED = re.compile(r"""\.\./shared\b|["']shared["']\s*/|["']shared/platform|parent\s*/\s*["']shared""")
_DATA = ("tests/corpus/", "tests/holdout/", "tests/realworld/", "tests/fixtures/")
_SCANNED = ("bot", "webhooks", "tests", "benchmarks", ".ci", "Dockerfile", "pyproject.toml")


def _tracked_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
    ).stdout
    return [name for name in out.decode().split("\0") if name and (REPO / name).is_file()]


def test_no_file_refers_to_a_folder_outside_the_repository():
    offenders = []
    for name in _tracked_files():
        if not name.startswith(_SCANNED) or name.startswith(_DATA):
            continue
        if not name.endswith((".py", ".toml", ".cfg", ".ini", ".sh", "/run", "Dockerfile")):
            continue
        if name == "tests/unit/test_self_contained.py":
            continue
        text = (REPO / name).read_text(errors="replace")
        offenders += [f"{name}:{n}" for n, line in enumerate(text.splitlines(), 1) if _SHARED.search(line)]
    assert offenders == []


def test_a_clean_copy_without_shared_collects_the_suite_and_runs_the_fixture_tests(tmp_path):
    clone = tmp_path / "empty" / "remediator"  # no sibling shared/ anywhere above it
    for name in _tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    assert not (clone.parent / "shared").exists()
    env = {**os.environ, "PYTHONPATH": str(clone)}
    env.pop("PYTEST_ADDOPTS", None)

    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert collected.returncode == 0, collected.stdout[-3000:] + collected.stderr[-3000:]
    summary = collected.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ tests collected in [\d.]+s", summary), summary
    assert int(summary.split()[0]) > 300

    ran = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/unit/test_webhooks.py",
            "tests/unit/test_webhooks_gitlab.py",
            "tests/sim/test_gitlab_sim.py",
        ],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert re.search(r"\d+ passed", ran.stdout) and "error" not in ran.stdout.splitlines()[-1]
    # the copy ran its own code, not this checkout's
    probe = subprocess.run(
        [sys.executable, "-c", "import bot, tests.fixtures; print(bot.__file__, tests.fixtures.PLATFORM)"],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert probe.stdout.split() == [
        str(clone / "bot" / "__init__.py"),
        str(clone / "tests" / "fixtures" / "platform"),
    ]
