"""Issue 14, item 2: on a worker the LLM pass gets half of the job's lease
(REMEDIATOR_JOB_LEASE_SECONDS), so a slow or rate-limiting model cannot hold a job past its lease
(reproduced before: a 429 storm filled the 900 s lease and a second worker ran the job again). The
review job against the GitHub simulator with a model that takes a second per answer: what did not
fit is reported in the summary, and the review is still published."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from bot.jobs.review_pr import LLM_LEASE_SHARE, review_pull_request
from tests.integration.conftest import github_app_settings
from tests.integration.test_github_publish import _Ctx, _diff
from tests.sim.openai_server import NO_FINDINGS, FakeOpenAI, Recorded, Reply, chat

REPO = "acme/payments"
HANDLER = """from flask import request

from app.db import db


def handler_{n}():
    name = request.args["name"]
    return db.execute("SELECT * FROM users WHERE name = '%s'" % name)
"""
ANSWER_SECONDS = 1.0  # the model's latency, simulated on the server's side


def test_the_review_jobs_llm_pass_stops_at_half_the_lease(github_sim, tmp_path: Path) -> None:
    github_sim.add_repo(REPO, private=True)
    github_sim.set_files(REPO, "main", {"README.md": "x\n"})
    files = {f"app/h{n}.py": HANDLER.format(n=n) for n in range(8)}
    diff = "".join(_diff("", text, path) for path, text in files.items())
    github_sim.add_pull(REPO, diff=diff, title="Handlers", user="dev1", head_files=files)

    def slow(req: Recorded) -> Reply:
        return chat(NO_FINDINGS, prompt_tokens=100, completion_tokens=10, delay=ANSWER_SECONDS)

    lease = 6
    with FakeOpenAI(slow) as llm:
        settings = dataclasses.replace(
            github_app_settings(github_sim, tmp_path),
            openai_base_url=llm.url,
            openai_api_key="sk-test-key-0123456789abcdefghij",
            llm_model="test-model",
            llm_concurrency=1,
            job_lease_seconds=lease,
        )
        payload = {"host": "github", "repo": REPO, "number": 1, "installation_id": 77, "head_sha": "x"}
        assert review_pull_request(payload, _Ctx(settings)) is not None
    # 16 hunk contexts to send one after another at 1 s each; 3 s of LLM time lets at most 4 start
    assert 1 <= len(llm.requests) <= lease * LLM_LEASE_SHARE / ANSWER_SECONDS + 1
    [summary] = [c.body for c in github_sim.issue_comments(REPO, 1) if c.user == "remediator[bot]"]
    assert "ran out of its time inside the job's lease" in summary
    # the model was slow, not broken: nothing says it failed, every hunk not reviewed says why
    assert "could not complete" not in summary and "LLM request failed" not in summary
    missed = [line for line in summary.splitlines() if "not reviewed" in line]
    assert missed and all(line.endswith("not reviewed (out of time)") for line in missed), missed
