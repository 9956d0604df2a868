"""Host API calls and rate-limit waits in the metrics (issue 14), counted where requests go out
(bot/hosts/traffic.py): a whole review through the GitHub simulator, and GitLab calls through the
GitLab simulator, count exactly the requests each simulator saw, split by read/write and status;
a rate-limited answer counts one wait with the seconds the forge asked for."""

from __future__ import annotations

import dataclasses
import difflib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.config.settings import Settings
from bot.core.clock import SystemClock
from bot.errors import Retryable
from bot.hosts.github import GitHubHost
from bot.hosts.github_auth import GitHubClients
from bot.hosts.gitlab import GitLabHost
from bot.hosts.gitlab_auth import GitLabClients
from bot.hosts.pacing import MemorySlots, Pacer
from bot.jobs.review_pr import review_pull_request
from bot.obs import metrics
from tests.integration.conftest import github_app_settings

REPO = "acme/payments"
BASE = "import subprocess\n\n\ndef health():\n    return 'ok'\n"
HEAD = BASE + "\n\ndef archive(name):\n    subprocess.run(f'tar czf /srv/{name}.tgz', shell=True)\n"


def _diff(old: str, new: str, path: str = "app/jobs.py") -> str:
    body = "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"))
    return f"diff --git a/{path} b/{path}\n{body}"


@dataclasses.dataclass
class _Ctx:
    settings: Settings
    clock: Any = dataclasses.field(default_factory=SystemClock)


def _calls(host: str) -> Counter[tuple[str, str]]:
    """This process's remediator_host_api_calls by (kind, status) for ``host``."""
    out: Counter[tuple[str, str]] = Counter()
    for family in metrics.get().api_calls.collect():
        for s in family.samples:
            if s.name.endswith("_total") and s.labels["host"] == host:
                out[(s.labels["kind"], s.labels["status"])] += int(s.value)
    return out


def _sent(host: str) -> Counter[str]:
    """This process's remediator_host_api_requests_sent by kind for ``host``."""
    out: Counter[str] = Counter()
    for family in metrics.get().api_sent.collect():
        for s in family.samples:
            if s.name.endswith("_total") and s.labels["host"] == host:
                out[s.labels["kind"]] += int(s.value)
    return out


def _value(counter: Any, *labels: str) -> float:
    return float(counter.labels(*labels)._value.get())


def _sim_kind(method: str, path: str, body: Any) -> str:
    if method in ("GET", "HEAD"):
        return "read"
    if path == "/graphql":
        query = body.get("query", "") if isinstance(body, dict) else ""
        return "write" if query.lstrip().startswith("mutation") else "read"
    return "write"


@pytest.fixture
def app_settings(github_sim: Any, tmp_path: Path) -> Settings:
    settings: Settings = github_app_settings(github_sim, tmp_path)
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"app/jobs.py": BASE})
    github_sim.add_pull(REPO, diff=_diff(BASE, HEAD), user="dev1", head_files={"app/jobs.py": HEAD})
    return settings


def _review(github_sim: Any, settings: Settings) -> None:
    payload = {"host": "github", "repo": REPO, "number": 1, "installation_id": 77, "head_sha": "x"}
    review_pull_request(payload, _Ctx(settings))


def test_a_review_counts_every_request_the_github_simulator_saw(
    github_sim: Any, app_settings: Settings
) -> None:
    before, sent_before = _calls("github"), _sent("github")
    _review(github_sim, app_settings)
    after = _calls("github")
    counted = after - before
    seen = Counter((_sim_kind(r.method, r.path, r.body), str(r.status)) for r in github_sim.requests)
    assert sum(seen.values()) >= 8  # token, pull, files, contents, comments, review, summary, check
    assert counted == seen
    # counted as sent, before the answer: the same requests by kind
    assert _sent("github") - sent_before == Counter(kind for kind, _ in seen.elements())
    assert counted[("write", "200")] + counted[("write", "201")] >= 3  # review, summary, check run


def test_a_rate_limited_answer_counts_a_wait_with_the_seconds_asked(
    github_sim: Any, app_settings: Settings
) -> None:
    m = metrics.get()
    waits, seconds = _value(m.waits, "github", "rate_limit"), _value(m.wait_seconds, "github", "rate_limit")
    answers = _value(m.rate_waits, "github")
    github_sim.fail_next(
        "POST",
        r"/pulls/1/reviews$",
        403,
        headers={"retry-after": "7"},
        body={"message": "You have exceeded a secondary rate limit."},
    )
    before = _calls("github")
    with pytest.raises(Retryable) as caught:
        _review(github_sim, app_settings)
    assert caught.value.retry_after == 7.0
    assert _value(m.waits, "github", "rate_limit") == waits + 1
    assert _value(m.wait_seconds, "github", "rate_limit") == seconds + 7.0
    assert _value(m.rate_waits, "github") == answers + 1
    assert (_calls("github") - before)[("write", "403")] == 1


def test_pacing_waits_are_counted_with_their_seconds(github_sim: Any, app_settings: Settings) -> None:
    m = metrics.get()
    waits, seconds = _value(m.waits, "github", "pacing"), _value(m.wait_seconds, "github", "pacing")
    slept: list[float] = []
    now = [1_800_000_000.0]

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    pacer = Pacer(MemorySlots(), 2.0, lambda: now[0], sleep)
    clients = GitHubClients(app_settings, lambda: now[0], pacer=pacer)
    gh = clients.for_repo(REPO, 77)
    for n in range(3):
        gh.requester.requestJsonAndCheck("POST", f"/repos/{REPO}/issues/1/comments", input={"body": f"{n}"})
    host = GitHubHost(gh, bot_login="remediator[bot]", max_file_bytes=1000)
    host.pull_request(REPO, 1)  # a read is never paced
    assert slept == [2.0, 2.0]
    assert _value(m.waits, "github", "pacing") == waits + 2
    assert _value(m.wait_seconds, "github", "pacing") == seconds + 4.0


def test_gitlab_calls_are_counted_as_the_gitlab_simulator_saw_them(gitlab_sim: Any, tmp_path: Path) -> None:
    gitlab_sim.add_project(REPO)
    gitlab_sim.set_files(REPO, "main", {"x.py": "a = 1\n"})
    gitlab_sim.add_merge_request(
        REPO, diff=_diff("a = 1\n", "a = 2\n", "x.py"), head_files={"x.py": "a = 2\n"}
    )
    token = gitlab_sim.create_token("project_7_bot_remediator", path=REPO)
    settings = dataclasses.replace(
        Settings(), gitlab_url=gitlab_sim.url, gitlab_token=token, data_dir=tmp_path
    )
    before = _calls("gitlab")
    clients = GitLabClients(settings)
    host = GitLabHost(clients.client(), bot_username=clients.bot_username(), max_file_bytes=1000)
    pr = host.pull_request(REPO, 1)
    host.changeset(pr)
    host.upsert_summary(pr, "summary <!-- remediator:summary -->", "<!-- remediator:summary -->")
    counted = _calls("gitlab") - before
    seen = Counter(
        ("read" if r.method in ("GET", "HEAD") else "write", str(r.status)) for r in gitlab_sim.requests
    )
    assert sum(seen.values()) >= 4
    assert counted == seen
    assert sum(n for (kind, _), n in counted.items() if kind == "write") >= 1
