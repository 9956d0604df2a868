"""A pull request with advisories on the GitHub or the GitLab simulator, people with roles on it, and a
way to run ``/remediator`` comments through the real command job (the real PyGithub / python-gitlab
adapters from bot.hosts.factory), with a clock tests move by hand."""

from __future__ import annotations

import dataclasses
import difflib
import hashlib
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.config.settings import Settings
from bot.core.models import Confidence, Finding, Severity
from bot.jobqueue import JobContext
from bot.jobs.run_command import run_command
from bot.store import AdvisoryQuery, AdvisoryStore, Scan, Sighting
from bot.store.bootstrap import engine_for, forget_engines
from tests.sim.gitlab_state import DEVELOPER, GUEST, MAINTAINER, REPORTER

REPO = "acme/payments"
BASE = "def ok():\n    return 1\n"
HEAD = "def ok():\n    return 2\n"
START = 1_767_225_600.0  # 2026-01-01 UTC
GITLAB_LEVELS = {"read": GUEST, "triage": REPORTER, "write": DEVELOPER, "maintain": MAINTAINER}
PEOPLE = {
    "author1": "read",  # writes the pull request; also in the security team
    "writer": "write",
    "maint": "maintain",
    "reader": "read",
    "lead": "read",  # the security team, no write access
    "outsider": "none",
}


class Clock:
    def __init__(self) -> None:
        self.t = START

    def now(self) -> float:
        return self.t


def diff(old: str, new: str, path: str = "app/ok.py") -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}"


def finding(n: int, path: str = "app/ok.py") -> Finding:
    return Finding(
        rule_id=f"rule-{n}",
        engine="semgrep",
        category="injection",
        cwe="CWE-89",
        title=f"SQL injection {n}",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=path,
        start_line=2,
        end_line=2,
        message="query built from request data",
        fingerprint=hashlib.sha256(f"finding {n}".encode()).hexdigest()[:16],
    )


@dataclass
class World:
    host: str
    sim: Any
    settings: Settings
    clock: Clock
    number: int = 1
    jobs: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def store(self) -> AdvisoryStore:
        return AdvisoryStore(engine_for(self.settings), self.clock)

    def set_role(self, login: str, role: str) -> None:
        if self.host == "github":
            self.sim.set_role(REPO, login, role)
        elif role != "none":
            self.sim.add_member(REPO, login, GITLAB_LEVELS[role])

    def open_pr(self, author: str, number: int) -> None:
        if self.host == "github":
            self.sim.add_pull(
                REPO, number=number, diff=diff(BASE, HEAD), user=author, head_files={"app/ok.py": HEAD}
            )
        else:
            self.sim.add_merge_request(
                REPO, iid=number, diff=diff(BASE, HEAD), author=author, head_files={"app/ok.py": HEAD}
            )

    def seed(self, n: int, pr: int | None = None) -> str:
        """An open advisory first seen in pull request ``pr`` (default this one); its short id."""
        scan = Scan(self.host, REPO, pr or self.number, "c" * 40, [Sighting(finding(n), risk=3.0)])
        self.store.record_scan(scan)
        page = self.store.page(AdvisoryQuery(repos=(REPO,), states=()))
        (adv,) = [a for a in page.items if a.fingerprint == finding(n).fingerprint]
        return str(adv.short_id)

    def advisory(self, short_id: str) -> Any:
        return self.store.get(self.store.resolve(short_id, host=self.host, repo=REPO))

    def comment(self, user: str, body: str, number: int | None = None) -> str:
        if self.host == "github":
            return str(self.sim.add_human_issue_comment(REPO, number or self.number, user=user, body=body).id)
        return str(self.sim.human_note(REPO, number or self.number, user=user, body=body).notes[0].id)

    def payload(self, comment_id: str, number: int | None = None) -> dict[str, Any]:
        return {"host": self.host, "repo": REPO, "number": number or self.number, "comment_id": comment_id}

    def run(self, comment_id: str, *, job_id: str | None = None, number: int | None = None) -> str:
        ctx = JobContext(self.settings, self.clock, job_id or f"job-{next(self.jobs)}", 1)
        return run_command(self.payload(comment_id, number), ctx)

    def say(self, user: str, body: str, number: int | None = None) -> tuple[str, str]:
        """``user`` writes ``body`` on the pull request and the command job runs: (comment id, outcome)."""
        cid = self.comment(user, body, number)
        return cid, self.run(cid, number=number)

    def replies(self, comment_id: str, number: int | None = None) -> list[str]:
        marker = f"<!-- remediator:reply to={comment_id} -->"
        if self.host == "github":
            return [c.body for c in self.sim.issue_comments(REPO, number or self.number) if marker in c.body]
        return [
            n.body
            for d in self.sim.discussions(REPO, number or self.number)
            for n in d.notes
            if marker in n.body
        ]

    def writes(self) -> int:
        return len(self.sim.writes())

    def requests(self) -> int:
        return len(self.sim.requests)


def make_world(host: str, sim: Any, tmp_path: Path, *, team: tuple[str, ...] | None = None) -> World:
    """The pull request #1 by ``author1`` on ``host``; the security team is ``team`` (default
    ``{host}:lead`` and ``{host}:author1``)."""
    org = tmp_path / "org.yml"
    members = team if team is not None else (f"{host}:lead", f"{host}:author1")
    org.write_text("security_team: [" + ", ".join(f"'{m}'" for m in members) + "]\n")
    base = Settings(data_dir=tmp_path / "data", org_config=str(org), github_write_interval=0.0)
    if host == "github":
        sim.add_repo(REPO, default_branch="main")
        sim.set_files(REPO, "main", {"app/ok.py": BASE})
        settings = dataclasses.replace(
            base, github_api_url=sim.url, github_token=sim.create_token("remediator[bot]")
        )
    else:
        sim.add_project(REPO, default_branch="main")
        sim.set_files(REPO, "main", {"app/ok.py": BASE})
        settings = dataclasses.replace(
            base, gitlab_url=sim.url, gitlab_token=sim.create_token("project_7_bot", path=REPO)
        )
    forget_engines()
    world = World(host, sim, settings, Clock())
    world.open_pr("author1", 1)
    for login, role in PEOPLE.items():
        world.set_role(login, role)
    return world
