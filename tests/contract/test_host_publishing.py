"""One publishing contract, two hosts: the same assertions run against GitHub (PyGithub -> GitHub
simulator) and GitLab (python-gitlab -> GitLab simulator), each driven over HTTP by the real client.

The review comes from the host's own changeset (so each host's diff mapping is exercised) and a
fixed set of findings; ``publish`` is the real host-neutral publisher.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

import github
import gitlab
import pytest
from github import Auth

from bot.config.repo import parse_repo_config
from bot.core.coverage import Coverage, FileCoverage, FileState
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.review import Policy, build_review
from bot.hosts.base import Host, PullRequest
from bot.hosts.github import GitHubHost
from bot.hosts.gitlab import GitLabHost
from bot.hosts.publish import publish
from tests.sim.gitlab_state import DEVELOPER

REPO = "acme/payments"
PATH = "app/jobs.py"
BASE = 'import subprocess\n\n\ndef health():\n    return "ok"\n\n\ndef tail():\n    return 1\n'
ADDED = (
    "\n\ndef archive(name):\n"
    '    cmd = "tar czf /srv/" + name\n'
    "    subprocess.run(cmd, shell=True)\n"
    "\n\ndef fetch(url):\n"
    "    import requests\n"
    "    return requests.get(url, verify=False)\n"
    "\n\ndef token():\n"
    '    return "hunter2-not-a-real-one"'
)
HEAD = BASE.replace('    return "ok"\n', '    return "ok"' + ADDED + "\n", 1)
FIXED = HEAD.replace("verify=False", "verify=True")
HEAD_LINES = HEAD.splitlines()
L_TLS = HEAD_LINES.index("    return requests.get(url, verify=False)") + 1
L_CMD = HEAD_LINES.index('    cmd = "tar czf /srv/" + name') + 1
L_TOKEN = HEAD_LINES.index('    return "hunter2-not-a-real-one"') + 1
FP = {"tls": "a1" * 8, "cmd": "b2" * 8, "token": "c3" * 8, "edge": "d4" * 8}
CMD_FIX = '    cmd = ["tar", "czf", "/srv/" + name]\n    subprocess.run(cmd)'


def _diff(old: str, new: str) -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{PATH}", f"b/{PATH}"))
    return f"diff --git a/{PATH} b/{PATH}\n{body}"


def _finding(key: str, start: int, end: int, severity: Severity, replacement: str | None) -> Finding:
    return Finding(
        rule_id=f"test.{key}",
        engine="test",
        category=key,
        cwe="CWE-78",
        title=f"{key} finding",
        severity=severity,
        confidence=Confidence.HIGH,
        path=PATH,
        start_line=start,
        end_line=end,
        message=f"{key} is unsafe here.",
        remediation=("Do the safe thing.",),
        replacement=replacement,
        provenance=Provenance(engine="test"),
        fingerprint=FP[key],
    )


def findings(*, fixed_tls: bool = False) -> list[Finding]:
    out = [
        _finding("cmd", L_CMD, L_CMD + 1, Severity.HIGH, CMD_FIX),
        _finding("token", L_TOKEN, L_TOKEN, Severity.MEDIUM, None),
        # the last added line plus the unchanged blank line after it: anchored on a context line
        _finding("edge", L_TOKEN, L_TOKEN + 1, Severity.LOW, None),
    ]
    if not fixed_tls:
        out.append(_finding("tls", L_TLS, L_TLS, Severity.HIGH, "    return requests.get(url, verify=True)"))
    return out


@dataclass
class Posted:
    """A bot comment as a developer sees it, whatever the host."""

    id: str
    thread: str
    path: str
    line: int
    body: str
    resolved: bool
    resolved_by: str | None


class GitHubWorld:
    name = "github"
    bot = "remediator[bot]"

    def __init__(self, sim: Any) -> None:
        self.sim = sim
        sim.add_repo(REPO)
        sim.set_files(REPO, "main", {PATH: BASE})
        sim.add_pull(REPO, diff=_diff(BASE, HEAD), head_files={PATH: HEAD}, user="dev1")
        self.client = self._client(self.bot)

    def _client(self, login: str) -> github.Github:
        token = self.sim.create_token(login)
        return github.Github(
            base_url=self.sim.url, auth=Auth.Token(token), retry=None, seconds_between_requests=0,
            seconds_between_writes=0,
        )  # fmt: skip

    def host(self) -> Host:
        return GitHubHost(self.client, bot_login=self.bot)

    def push(self, new: str) -> None:
        self.sim.push(REPO, 1, diff=_diff(BASE, new), head_files={PATH: new})

    def posted(self) -> list[Posted]:
        threads = {t.comment_ids[0]: t for t in self.sim.threads(REPO, 1)}
        out = []
        for c in self.sim.review_comments(REPO, 1):
            if c.user != self.bot:
                continue
            t = threads[c.id]
            out.append(
                Posted(
                    str(c.id),
                    t.node_id,
                    c.path,
                    c.line or c.original_line,
                    c.body,
                    t.is_resolved,
                    t.resolved_by,
                )
            )
        return out

    def suggestion_lines(self, p: Posted) -> range:
        c = next(c for c in self.sim.review_comments(REPO, 1) if str(c.id) == p.id)
        assert re.search(r"^```suggestion$", p.body, re.M)
        return range(c.start_line or c.line, c.line + 1)

    def grant_write(self, user: str) -> None:
        self.sim.set_role(REPO, user, "write")

    def human_resolve(self, p: Posted, user: str) -> None:
        self._client(user).requester.graphql_named_mutation(
            "resolveReviewThread", {"threadId": p.thread}, "thread { id }"
        )

    def human_reply(self, p: Posted, user: str, body: str) -> None:
        self.sim.add_human_reply(REPO, 1, int(p.id), user=user, body=body)

    def human_replies(self) -> list[str]:
        return [c.body for c in self.sim.review_comments(REPO, 1) if c.user != self.bot]

    def summaries(self) -> list[tuple[str, str]]:
        return [
            (str(c.id), c.body) for c in self.sim.issue_comments(REPO, 1) if "remediator:summary" in c.body
        ]

    def conclusion(self) -> str:
        return str(self.sim.check_runs(REPO)[-1].conclusion)


class GitLabWorld:
    name = "gitlab"
    bot = "project_7_bot_remediator"

    def __init__(self, sim: Any) -> None:
        self.sim = sim
        sim.add_project(REPO)
        sim.set_files(REPO, "main", {PATH: BASE})
        sim.add_merge_request(REPO, diff=_diff(BASE, HEAD), head_files={PATH: HEAD}, author="dev1")
        sim.add_member(REPO, "dev1", DEVELOPER)
        self.client = self._client(self.bot)

    def _client(self, username: str) -> gitlab.Gitlab:
        token = self.sim.create_token(username, path=REPO)
        return gitlab.Gitlab(self.sim.url, private_token=token, keep_base_url=True)

    def host(self) -> Host:
        return GitLabHost(self.client, bot_username=self.bot)

    def push(self, new: str) -> None:
        self.sim.push(REPO, 1, diff=_diff(BASE, new), head_files={PATH: new})

    def posted(self) -> list[Posted]:
        out = []
        for d in self.sim.discussions(REPO, 1):
            first = d.notes[0]
            if first.author.username != self.bot or first.position is None:
                continue
            p = first.position
            by = first.resolved_by.username if first.resolved_by else None
            out.append(
                Posted(str(first.id), d.id, p["new_path"], p["new_line"], first.body, first.resolved, by)
            )
        return out

    def suggestion_lines(self, p: Posted) -> range:
        (above, below) = map(int, re.search(r"^```suggestion:-(\d+)\+(\d+)$", p.body, re.M).groups())
        return range(p.line - above, p.line + below + 1)

    def _mr(self, user: str) -> Any:
        return self._client(user).projects.get(REPO, lazy=True).mergerequests.get(1, lazy=True)

    def grant_write(self, user: str) -> None:
        self.sim.add_member(REPO, user, DEVELOPER)

    def human_resolve(self, p: Posted, user: str) -> None:
        self._mr(user).discussions.update(p.thread, {"resolved": True})

    def human_reply(self, p: Posted, user: str, body: str) -> None:
        self._mr(user).discussions.get(p.thread, lazy=True).notes.create({"body": body})

    def human_replies(self) -> list[str]:
        return [
            n.body for d in self.sim.discussions(REPO, 1) for n in d.notes if n.author.username != self.bot
        ]

    def summaries(self) -> list[tuple[str, str]]:
        return [
            (str(n.id), n.body)
            for d in self.sim.discussions(REPO, 1)
            for n in d.notes
            if "remediator:summary" in n.body
        ]

    def conclusion(self) -> str:
        return {"failed": "failure", "success": "success"}[self.sim.statuses(REPO)[-1].status]


@pytest.fixture(params=["github", "gitlab"])
def world(request):
    if request.param == "github":
        return GitHubWorld(request.getfixturevalue("github_sim"))
    return GitLabWorld(request.getfixturevalue("gitlab_sim"))


def run(world, *, fixed_tls: bool = False):
    host = world.host()
    pr: PullRequest = host.pull_request(REPO, 1)
    changeset = host.changeset(pr)
    coverage = Coverage((FileCoverage(PATH, FileState.ANALYSED, ("test",)),))
    review = build_review(findings(fixed_tls=fixed_tls), changeset, coverage, Policy())
    return publish(host, pr, review, parse_repo_config(None))


def _by_fp(world) -> dict[str, Posted]:
    from bot.core.render import marker_fingerprint

    return {marker_fingerprint(p.body): p for p in world.posted()}


def test_first_push_comments_on_the_right_lines_with_applicable_suggestions(world):
    result = run(world)
    assert sorted(result.posted) == sorted(FP.values())
    posted = _by_fp(world)
    assert {k: posted[fp].line for k, fp in FP.items()} == {
        "cmd": L_CMD + 1, "tls": L_TLS, "token": L_TOKEN, "edge": L_TOKEN + 1
    }  # fmt: skip
    assert all(p.path == PATH and not p.resolved for p in posted.values())
    # Applying each suggestion the way the host would gives exactly the fix.
    for key, fixed_text in (("tls", "    return requests.get(url, verify=True)"), ("cmd", CMD_FIX)):
        lines = world.suggestion_lines(posted[FP[key]])
        block = re.search(r"```suggestion[^\n]*\n(.*?)\n```", posted[FP[key]].body, re.S).group(1)
        assert block == fixed_text
        applied = HEAD_LINES[: lines.start - 1] + block.splitlines() + HEAD_LINES[lines.stop - 1 :]
        original = HEAD_LINES[lines.start - 1 : lines.stop - 1]
        assert original == [
            HEAD_LINES[n - 1] for n in range(posted[FP[key]].line - len(lines) + 1, posted[FP[key]].line + 1)
        ]
        assert "\n".join(applied).count("shell=True") == (0 if key == "cmd" else 1)
    for key in ("token", "edge"):
        assert "```suggestion" not in posted[FP[key]].body  # no one-click fix without a verified one
    assert len(world.summaries()) == 1
    assert world.conclusion() == "failure"  # high-severity findings and the default fail_on: high


def test_second_push_posts_no_duplicates_and_resolves_the_fixed_one(world):
    run(world)
    run(world)  # a redelivered or retried job
    first = _by_fp(world)
    assert len(first) == 4
    ((summary_id, summary_body),) = world.summaries()
    world.push(FIXED)
    result = run(world, fixed_tls=True)
    assert result.posted == [] and result.resolved == [FP["tls"]]
    after = _by_fp(world)
    assert len(world.posted()) == 4  # no duplicates
    assert after[FP["tls"]].resolved and after[FP["tls"]].resolved_by == world.bot
    assert not any(after[FP[k]].resolved for k in ("cmd", "token", "edge"))
    ((summary_id2, summary_body2),) = world.summaries()  # edited in place, still one
    assert summary_id2 == summary_id and summary_body2 != summary_body
    assert "threads were resolved" in summary_body2


def test_human_dismissal_is_respected_and_human_replies_are_untouched(world):
    run(world)
    token = _by_fp(world)[FP["token"]]
    world.human_reply(token, "dev1", "Test fixture, not a credential.")
    world.grant_write("lead1")
    world.human_resolve(token, "lead1")  # a reviewer with write access, not the change's author
    result = run(world)
    assert FP["token"] in result.dismissed and FP["token"] not in result.posted
    again = _by_fp(world)[FP["token"]]
    assert again.resolved and again.resolved_by == "lead1"  # the bot did not reopen it
    assert world.human_replies() == ["Test fixture, not a credential."]
    assert len(world.posted()) == 4
    ((_, body),) = world.summaries()
    assert "dismissed by a person" in body


def test_the_changes_author_cannot_dismiss_by_resolving(world):
    run(world)
    token = _by_fp(world)[FP["token"]]
    world.human_resolve(token, "dev1")  # dev1 opened the change
    result = run(world)
    assert FP["token"] in result.reopened and FP["token"] not in result.dismissed
    assert not _by_fp(world)[FP["token"]].resolved
    ((_, body),) = world.summaries()
    assert "dismissing a finding needs write access" in body


def test_status_follows_the_repo_policy(world):
    host = world.host()
    pr = host.pull_request(REPO, 1)
    changeset = host.changeset(pr)
    coverage = Coverage((FileCoverage(PATH, FileState.ANALYSED, ("test",)),))
    only_low = [f for f in findings() if f.severity is Severity.LOW]
    review = build_review(only_low, changeset, coverage, Policy())
    result = publish(host, pr, review, parse_repo_config(None))
    assert result.conclusion == "success" and world.conclusion() == "success"
    strict = parse_repo_config(b"check:\n  fail_on: low\n")
    assert not strict.errors, strict.errors
    result = publish(host, pr, review, strict)
    assert result.conclusion == "failure" and world.conclusion() == "failure"
