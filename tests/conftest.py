"""Shared test helpers: throwaway git repositories built from dicts of files."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest


class GitRepo:
    """A real git repository in a temporary directory, driven by the git CLI."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.email", "dev@example.com")
        self.git("config", "user.name", "Dev")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1"}
        proc = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, env=env, check=True)
        return proc.stdout.decode()

    def write(self, files: Mapping[str, str | bytes | None]) -> None:
        for rel, content in files.items():
            target = self.path / rel
            if content is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="")

    def commit(self, files: Mapping[str, str | bytes | None], message: str = "change") -> str:
        self.write(files)
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[str], GitRepo]:
    def factory(name: str = "repo") -> GitRepo:
        return GitRepo(tmp_path / name)

    return factory


# --- GitHub simulator: every simulator the bot's tests use is checked for forbidden writes ---

_SIMULATORS: list = []


@pytest.fixture
def github_sim():
    """A GitHub API simulator whose requests join the suite-wide never-push check."""
    from tests.sim.github import GitHubSimulator

    with GitHubSimulator() as sim:
        _SIMULATORS.append(sim)
        sim.label = sim.url  # kept for the report after the server is closed
        yield sim


@pytest.fixture
def gitlab_sim():
    """A GitLab API simulator whose requests join the suite-wide never-push check."""
    from tests.sim.gitlab import GitLabSimulator

    with GitLabSimulator() as sim:
        _SIMULATORS.append(sim)
        yield sim


def pytest_sessionfinish(session, exitstatus):
    """Fail the run if any bot test ever wrote contents, git data, refs, merges or approvals."""
    offending = [(sim.label, rec) for sim in _SIMULATORS for rec in sim.forbidden_writes()]
    violations = [(sim.label, rec) for sim in _SIMULATORS for rec in sim.violations()]
    reviews = [(sim.label, rec) for sim in _SIMULATORS for rec in getattr(sim, "review_requests", list)()]
    # A review is only ever COMMENT: not APPROVE or REQUEST_CHANGES, and not a PENDING one (no event).
    offending += [
        (label, rec)
        for label, rec in reviews
        if not rec.forbidden and (rec.body if isinstance(rec.body, dict) else {}).get("event") != "COMMENT"
    ]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and _SIMULATORS:
        reporter.write_line(
            f"never-push check: {len(_SIMULATORS)} GitHub/GitLab simulator(s), "
            f"{sum(len(s.writes()) for s in _SIMULATORS)} write request(s), "
            f"{len(reviews)} review request(s) checked for event COMMENT, "
            f"{len(offending)} forbidden, {len(violations)} outside the API description"
        )
    if offending or violations:
        for url, rec in offending + violations:
            line = f"FORBIDDEN/INVALID REQUEST {rec.method} {rec.path} ({url})"
            if reporter is not None:
                reporter.write_line(line, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
