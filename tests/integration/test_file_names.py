"""Issue 15, item 3: file names with any byte a host allows are reviewed on GitHub and GitLab, and a
diff the host sends that nobody can read is a Permanent error (dead-lettered at once, with the file
named), never a transient one retried six times."""

from __future__ import annotations

import re

import github
import gitlab
import pytest
from github import Auth

from bot.config.repo import parse_repo_config
from bot.config.settings import Settings
from bot.core.events import JobSpec
from bot.errors import Permanent
from bot.hosts.github import GitHubHost
from bot.hosts.gitlab import GitLabHost
from bot.jobqueue import JobState, MemoryLedger, Worker
from bot.jobs.review_pr import review_and_publish, review_pull_request
from tests.sim.gitlab_state import DEVELOPER

REPO = "acme/shop"
NAMES = [
    "app/tab\there.py",
    "app/new\nline.py",
    "app/\"quoted\" 'single'.py",
    "app/back\\slash.py",
    "app/ünïcødé ✓.py",
    "app/a b/c -> d.py",
]
CODE = 'import os\nfrom flask import request\n\n\ndef run():\n    os.system("ls " + request.args["d"])\n'
LINE = 6
PLACEHOLDER = "app/placeholder.py"
DIFF = (
    f"diff --git a/{PLACEHOLDER} b/{PLACEHOLDER}\nnew file mode 100644\n--- /dev/null\n+++ b/{PLACEHOLDER}\n"
    f"@@ -0,0 +1,{len(CODE.splitlines())} @@\n" + "".join("+" + line + "\n" for line in CODE.splitlines())
)


def _gh(sim) -> GitHubHost:
    client = github.Github(
        base_url=sim.url, auth=Auth.Token(sim.create_token("remediator[bot]")), retry=None,
        seconds_between_requests=0, seconds_between_writes=0,
    )  # fmt: skip
    return GitHubHost(client, bot_login="remediator[bot]")


def _gl(sim) -> GitLabHost:
    client = gitlab.Gitlab(sim.url, private_token=sim.create_token("bot", path=REPO), keep_base_url=True)
    return GitLabHost(client, bot_username="bot")


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_file_name_with_any_byte_is_reviewed_on_github(github_sim, tmp_path, name):
    github_sim.add_repo(REPO)
    pull = github_sim.add_pull(REPO, diff=DIFF, head_files={name: CODE})
    pull.files[0].filename = name
    host = _gh(github_sim)
    pr = host.pull_request(REPO, 1)
    result = review_and_publish(host, pr, parse_repo_config(None), Settings(data_dir=tmp_path))
    comments = [c for c in github_sim.review_comments(REPO, 1) if c.user == "remediator[bot]"]
    assert [(c.path, c.line) for c in comments] == [(name, LINE)]
    assert result.conclusion == "failure"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES, ids=range(len(NAMES)))
def test_a_file_name_with_any_byte_is_reviewed_on_gitlab(gitlab_sim, tmp_path, name):
    gitlab_sim.add_project(REPO)
    mr = gitlab_sim.add_merge_request(REPO, diff=DIFF, head_files={name: CODE}, author="dev1")
    gitlab_sim.add_member(REPO, "dev1", DEVELOPER)
    mr.latest.files[0].filename = name
    host = _gl(gitlab_sim)
    pr = host.pull_request(REPO, 1)
    review_and_publish(host, pr, parse_repo_config(None), Settings(data_dir=tmp_path))
    notes = [d.notes[0] for d in gitlab_sim.discussions(REPO, 1)]
    positions = [n.position for n in notes if n.position]
    assert [(p["new_path"], p["new_line"]) for p in positions] == [(name, LINE)]


def test_a_malformed_diff_from_the_host_is_permanent_and_names_the_file(github_sim):
    github_sim.add_repo(REPO)
    pull = github_sim.add_pull(REPO, diff=DIFF, head_files={PLACEHOLDER: CODE})
    pull.files[0].hunks[0].header = "@@ this is not a hunk header @@"
    host = _gh(github_sim)
    pr = host.pull_request(REPO, 1)
    expected = "github sent a diff Remediator cannot read for 'app/placeholder.py'"
    with pytest.raises(Permanent, match=re.escape(expected)):
        host.changeset(pr)


class _Clock:
    def now(self) -> float:
        return 1_750_000_000.0


def test_the_worker_dead_letters_a_malformed_diff_at_the_first_attempt(github_sim, tmp_path):
    github_sim.add_repo(REPO)
    pull = github_sim.add_pull(REPO, diff=DIFF, head_files={PLACEHOLDER: CODE})
    pull.files[0].hunks[0].header = "@@ this is not a hunk header @@"
    host = _gh(github_sim)
    clock = _Clock()
    ledger = MemoryLedger(clock, max_attempts=6, lease_seconds=60)
    job_id, _ = ledger.submit(
        JobSpec("bot.jobs.review_pr:review_pull_request", "k", {"repo": REPO, "number": 1}), "d1"
    )

    def handler(payload, ctx):
        return review_pull_request(payload, ctx, host_factory=lambda p, s, now: host)

    worker = Worker(
        Settings(data_dir=tmp_path), ledger, lambda j, d: None, clock, resolver=lambda name: handler
    )
    assert worker.run(job_id) is JobState.DEAD
    job = ledger.get(job_id)
    assert job is not None and job.attempts == 1
    assert job.last_error.startswith("Permanent: github sent a diff Remediator cannot read for")
