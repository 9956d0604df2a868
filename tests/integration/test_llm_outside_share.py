"""Issue 15, item 10 (LLM spend): an outside author (a pull request from a fork) gets a share of the
repository's monthly LLM budget; past it, their reviews are static with a note, others' are not."""

from __future__ import annotations

import github
from github import Auth

from bot.hosts.github import GitHubHost
from bot.llm.store import MemoryLLMStore
from bot.llm.types import ReviewContext
from tests.integration.llm_support import Sleeps, llm_settings, run
from tests.sim.openai_server import FakeOpenAI, chat

CODE = "import os\n\n\ndef run(name):\n    return os.system('ls ' + name)\n"


def _reply(_req):
    return chat({"findings": []}, prompt_tokens=60, completion_tokens=10)


def test_an_outside_author_past_their_share_gets_the_static_review(tmp_path):
    store = MemoryLLMStore()
    outsider = ReviewContext(repo="github:acme/shop", outside_author="Mallory")
    with FakeOpenAI(_reply) as server:
        settings = llm_settings(server.url, tmp_path, llm_monthly_tokens=10_000, llm_outside_share=0.005)
        first = run(settings, {}, {"app/a.py": CODE}, context=outsider, store=store, sleeps=Sleeps())
        sent = len(server.requests)
        assert sent >= 1 and first.usage.prompt_tokens >= 60  # 50 tokens of share: one review spends it
        second = run(settings, {}, {"app/b.py": CODE}, context=outsider, store=store, sleeps=Sleeps())
        assert len(server.requests) == sent, "no request once the share is spent"
        assert any(
            "Mallory (a pull request from a fork) has used this month's share" in n for n in second.notes
        )
        member = ReviewContext(repo="github:acme/shop")
        third = run(settings, {}, {"app/c.py": CODE}, context=member, store=store, sleeps=Sleeps())
        assert len(server.requests) > sent and not any("share" in n for n in third.notes)


def test_a_share_of_zero_keeps_outside_authors_static_and_one_means_no_separate_limit(tmp_path):
    with FakeOpenAI(_reply) as server:
        outsider = ReviewContext(repo="github:acme/shop", outside_author="mallory")
        none = llm_settings(server.url, tmp_path, llm_outside_share=0.0)
        out = run(none, {}, {"app/a.py": CODE}, context=outsider, store=MemoryLLMStore(), sleeps=Sleeps())
        assert not server.requests and any("share" in n for n in out.notes)
        unlimited = llm_settings(server.url, tmp_path, llm_outside_share=1.0)
        run(unlimited, {}, {"app/a.py": CODE}, context=outsider, store=MemoryLLMStore(), sleeps=Sleeps())
        assert server.requests


def test_a_pull_request_from_a_fork_is_marked_as_such(github_sim):
    github_sim.add_repo("acme/shop")
    github_sim.add_repo("mallory/shop")
    diff = (
        "diff --git a/x.py b/x.py\nnew file mode 100644\n--- /dev/null\n+++ b/x.py\n@@ -0,0 +1 @@\n+x = 1\n"
    )
    github_sim.add_pull("acme/shop", diff=diff, head_repo="mallory/shop", user="mallory")
    github_sim.add_pull("acme/shop", diff=diff, user="alice")
    client = github.Github(
        base_url=github_sim.url, auth=Auth.Token(github_sim.create_token("remediator[bot]")), retry=None,
        seconds_between_requests=0, seconds_between_writes=0,
    )  # fmt: skip
    host = GitHubHost(client, bot_login="remediator[bot]")
    assert host.pull_request("acme/shop", 1).fork
    assert not host.pull_request("acme/shop", 2).fork
