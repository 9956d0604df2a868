"""A pull request that pins a vulnerable dependency, reviewed by the real job on the GitHub and GitLab
simulators: one comment on the manifest line with a suggestion that applies cleanly; the next push,
which bumps out of the affected range, resolves it."""

from __future__ import annotations

import dataclasses
import difflib
import re
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from bot.config.settings import Settings
from bot.hosts import factory as wiring
from bot.jobs.review_pr import review_pull_request
from tests.fixtures import PLATFORM
from tests.integration.conftest import register_github_app

REPO = "acme/payments"
PATH = "requirements.txt"
BASE = "flask==3.0.0\n"
HEAD = "flask==3.0.0\nPyYAML==5.3\n"
BUMPED = "flask==3.0.0\nPyYAML==5.4\n"
GITLAB_BOT = "project_7_bot_remediator"


def _diff(old: str, new: str) -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{PATH}", f"b/{PATH}"))
    return f"diff --git a/{PATH} b/{PATH}\n{body}"


@dataclasses.dataclass
class _Ctx:
    settings: Settings

    class clock:
        @staticmethod
        def now() -> float:
            return time.time()


@dataclasses.dataclass
class World:
    host: str
    sim: Any
    settings: Settings

    def payload(self) -> dict[str, Any]:
        base = {"host": self.host, "repo": REPO, "number": 1, "head_sha": "x"}
        return base | (
            {"installation_id": 77} if self.host == "github" else {"action": "open", "draft": False}
        )

    def push(self, text: str) -> None:
        self.sim.push(REPO, 1, diff=_diff(BASE, text), head_files={PATH: text})

    def bot_comments(self) -> list[tuple[int, str, bool]]:
        """(line, body, resolved) of the bot's inline comments."""
        if self.host == "github":
            threads = {cid: t.is_resolved for t in self.sim.threads(REPO, 1) for cid in t.comment_ids}
            return [
                (c.line, c.body, threads.get(c.id, False))
                for c in self.sim.review_comments(REPO, 1)
                if c.user == "remediator[bot]"
            ]
        out = []
        for d in self.sim.discussions(REPO, 1):
            first = d.notes[0]
            if first.position and first.author.username == GITLAB_BOT:
                out.append((int(first.position["new_line"]), first.body, first.resolved))
        return out


@pytest.fixture(params=["github", "gitlab"])
def world(request, tmp_path: Path) -> World:
    vulndb = tmp_path / "vulndb"
    shutil.copytree(PLATFORM.parent / "vulndb", vulndb)
    base = dataclasses.replace(Settings(), data_dir=tmp_path / "data", vulndb_dir=vulndb)
    if request.param == "github":
        sim = request.getfixturevalue("github_sim")
        key = register_github_app(sim, tmp_path, owner="acme", installation_id=77)
        wiring._CLIENTS.clear()
        settings = dataclasses.replace(
            base,
            github_app_id="4242",
            github_private_key_path=str(key),
            github_api_url=sim.url,
            github_write_interval=0.0,
        )
        sim.add_repo(REPO, private=True)
        sim.set_files(REPO, "main", {PATH: BASE})
        sim.add_pull(
            REPO, diff=_diff(BASE, HEAD), title="Add YAML config", user="dev1", head_files={PATH: HEAD}
        )
    else:
        sim = request.getfixturevalue("gitlab_sim")
        sim.add_project(REPO)
        sim.set_files(REPO, "main", {PATH: BASE})
        sim.add_merge_request(REPO, diff=_diff(BASE, HEAD), head_files={PATH: HEAD})
        wiring._CLIENTS.clear()
        settings = dataclasses.replace(
            base, gitlab_url=sim.url, gitlab_token=sim.create_token(GITLAB_BOT, path=REPO)
        )
    return World(request.param, sim, settings)


def _suggestion(body: str) -> str:
    match = re.search(r"```suggestion[^\n]*\n(.*?)\n```", body, re.S)
    assert match, body
    return match.group(1)


def test_a_vulnerable_pin_gets_one_comment_whose_suggestion_fixes_it_and_the_bump_resolves_it(world):
    ctx = _Ctx(world.settings)
    review_pull_request(world.payload(), ctx)
    review_pull_request(world.payload(), ctx)  # a retried job posts nothing twice
    comments = [c for c in world.bot_comments() if "CWE-1395" in c[1]]
    assert len(comments) == 1
    line, body, resolved = comments[0]
    assert line == 2 and not resolved
    assert "PYSEC-2021-142" in body and "PyYAML 5.3" in body
    replacement = _suggestion(body)
    applied = HEAD.splitlines()
    applied[line - 1] = replacement
    assert "\n".join(applied) + "\n" == BUMPED  # the suggestion applies cleanly and is the bump

    world.push(BUMPED)  # what accepting the suggestion pushes
    review_pull_request(world.payload(), ctx)
    after = [c for c in world.bot_comments() if "CWE-1395" in c[1]]
    assert len(after) == 1 and after[0][2]  # the same comment, now resolved
