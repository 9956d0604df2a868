"""The repository is self-contained: no code climbs out of it to a sibling folder, and a copy of what git
would clone, alone in an empty folder, collects the whole suite and runs the tests that read fixtures."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from tests.fixtures import PLATFORM

REPO = PLATFORM.parents[2]
# how code climbs out of the repository: the parent of its root, or Path(__file__).parents[N] with N at
# or beyond the file's depth in the repository
_ROOT_PARENT = re.compile(r"\b(?:REPO|ROOT|REPO_ROOT|PROJECT)\.parent\b")
_PARENTS = re.compile(r"__file__\)(?:\.resolve\(\))?\.parents\[(\d{1,3})\]")
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
        depth = len(name.split("/"))  # parents[depth - 1] is the repository's root
        for n, line in enumerate(text.splitlines(), 1):
            climbs = [int(k) for k in _PARENTS.findall(line) if int(k) >= depth]
            if climbs or _ROOT_PARENT.search(line):
                offenders.append(f"{name}:{n}")
    assert offenders == []


def test_the_climb_check_catches_what_it_looks_for():
    """The patterns themselves (so the test above can fail): a root's parent, too deep a parents[N]."""
    assert _ROOT_PARENT.search('DATA = REPO.parent / "elsewhere" / "x.json"')
    assert _PARENTS.findall('Path(__file__).resolve().parents[3] / "elsewhere"') == ["3"]
    assert not _ROOT_PARENT.search("REPO = PLATFORM.parents[2]")


def test_a_clean_copy_alone_collects_the_suite_and_runs_the_fixture_tests(tmp_path):
    clone = tmp_path / "empty" / "remediator"  # nothing beside it, nothing above it but empty folders
    for name in _tracked_files():
        target = clone / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    assert sorted(p.name for p in clone.parent.iterdir()) == ["remediator"]
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
    assert re.fullmatch(r"\d+ tests collected in [\d.]+s( \([\d:]+\))?", summary), summary
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
