"""Issue 14, item 2: a run never publishes for a head older than the newest one. Reproduced: a
review whose LLM pass outlived its lease published last, and its summary described the old head
(a still-present command injection marked fixed). Here a push lands while the review runs."""

from __future__ import annotations

import dataclasses

from bot.jobs.review_pr import review_pull_request
from tests.integration.test_github_publish import (
    BASE_VIEWS,
    FIXED_VIEWS,
    HEAD_VIEWS,
    REPO,
    _Ctx,
    _diff,
    _payload,
    app_settings,  # noqa: F401 - fixture
    pr,  # noqa: F401 - fixture
)
from tests.sim.openai_server import NO_FINDINGS, FakeOpenAI, Recorded, Reply, chat


def test_a_review_overtaken_by_a_push_publishes_nothing(github_sim, app_settings, pr) -> None:  # noqa: F811
    pushed: list[str] = []

    def push_during_review(req: Recorded) -> Reply:
        if not pushed:  # the developer pushes while the model is reading the first head
            pushed.append(
                github_sim.push(
                    REPO, 1, diff=_diff(BASE_VIEWS, FIXED_VIEWS), head_files={"app/views.py": FIXED_VIEWS}
                )
            )
        return chat(NO_FINDINGS, prompt_tokens=10, completion_tokens=5)

    with FakeOpenAI(push_during_review) as server:
        settings = dataclasses.replace(
            app_settings, openai_base_url=server.url, openai_api_key="sk-test", llm_model="test-model"
        )
        result = review_pull_request(_payload(github_sim), _Ctx(settings))
    assert pushed and server.requests
    assert result is None
    assert github_sim.reviews(REPO, 1) == []
    assert github_sim.issue_comments(REPO, 1) == []
    assert github_sim.check_runs(REPO) == []
    # the next run reviews the new head and publishes it
    assert review_pull_request(_payload(github_sim), _Ctx(app_settings)) is not None
    (run,) = github_sim.check_runs(REPO)
    assert run.head_sha == pushed[0]
    assert HEAD_VIEWS != FIXED_VIEWS
