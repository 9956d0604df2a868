"""JSON logs and metrics end to end: one review's delivery id and job id on the web's lines (gunicorn,
default level) and on the worker's (`remediator worker`), so an operator can follow a delivery
through; the web's /metrics (multiprocess: two gunicorn workers and the worker process) counts the
delivery, the job, the review's phases and the comments the simulator holds."""

from __future__ import annotations

import json
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from tests.integration.conftest import register_github_app, run_gunicorn
from tests.integration.test_e2e_github import (
    BASE,
    GH_REPO,
    HEAD,
    OPENED,
    _deliver,
    _diff,
    _run_worker_until_done,
)
from tests.sim.openai_server import FakeOpenAI, error


def _lines(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


def _samples(text: str) -> dict[tuple[str, ...], float]:
    out = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = [
                sample.labels[k]
                for k in ("host", "event", "outcome", "handler", "phase", "severity", "kind")
                if k in sample.labels
            ]
            if sample.name == "remediator_jobs_total":
                labels = [sample.labels["handler"], sample.labels["outcome"]]
            out[(sample.name, *labels)] = sample.value
    return out


def test_web_and_worker_lines_carry_the_same_delivery_and_job(github_sim, tmp_path: Path) -> None:
    key_path = register_github_app(github_sim, tmp_path, owner="Codertocat", installation_id=1)
    github_sim.add_repo(GH_REPO, default_branch="master")
    github_sim.set_files(GH_REPO, "master", {"app/jobs.py": BASE})
    pr = OPENED["pull_request"]
    github_sim.add_pull(
        GH_REPO,
        number=OPENED["number"],
        diff=_diff(BASE, HEAD),
        base_ref="master",
        head_sha=pr["head"]["sha"],
        head_files={"app/jobs.py": HEAD},
        user="Codertocat",
    )
    llm = FakeOpenAI()  # rate-limits the first request: a line from the LLM pass's threads
    llm.script(error(429, "slow down", {"Retry-After": "0"}))
    env = {
        "OPENAI_BASE_URL": llm.url,
        "OPENAI_API_KEY": "sk-test-key-0123456789abcdefghij",
        "REMEDIATOR_LLM_MODEL": "test-model",
        "REMEDIATOR_GITHUB_APP_ID": "4242",
        "REMEDIATOR_GITHUB_PRIVATE_KEY_PATH": str(key_path),
        "REMEDIATOR_GITHUB_API_URL": github_sim.url,
        "REMEDIATOR_GITHUB_WRITE_INTERVAL": "0",
        "REMEDIATOR_LOG_FORMAT": "json",
        "REMEDIATOR_METRICS_TOKEN": "scrape-token",
    }
    with llm, run_gunicorn(tmp_path, {**env, "REMEDIATOR_LOG_LEVEL": ""}) as server:
        status, answer = _deliver(server, OPENED, "delivery-json-1")
        assert status == 202
        job_id = answer["job"]
        worker_log = tmp_path / "worker.log"
        _run_worker_until_done(server, {**env, "REMEDIATOR_LOG_LEVEL": ""}, job_id, worker_log)
        status, text = server.request("GET", "/metrics", headers={"Authorization": "Bearer scrape-token"})
        assert status == 200
    counts = _samples(text.decode())
    assert counts["remediator_deliveries_total", "github", "pull_request", "queued"] == 1.0
    assert counts["remediator_jobs_total", "review_pull_request", "done"] == 1.0
    assert counts["remediator_reviews_published_total", "github"] == 1.0
    for phase in ("fetch", "analyse", "publish"):
        assert counts["remediator_review_phase_seconds_count", phase] == 1.0
    posted = sum(v for k, v in counts.items() if k[0] == "remediator_findings_posted_total")
    bot_comments = [
        c for c in github_sim.review_comments(GH_REPO, OPENED["number"]) if c.user == "remediator[bot]"
    ]
    assert posted == len(bot_comments) > 0
    severities = {k[1] for k, v in counts.items() if k[0] == "remediator_findings_posted_total" and v}
    assert severities and severities <= {"low", "medium", "high", "critical"}, severities  # names, not 1-4
    assert counts["remediator_queue_depth",] == 0.0
    # every line the web service wrote is a JSON object, gunicorn's own (start, boots, exit) too
    raw = [line for line in server.log.read_text(errors="replace").splitlines() if line.strip()]
    assert raw and all(line.startswith("{") for line in raw), [x for x in raw if not x.startswith("{")][:5]
    assert any(line["logger"] == "gunicorn.error" for line in _lines(server.log))
    web = [line for line in _lines(server.log) if line.get("job_id") == job_id]
    assert web, server.log.read_text()[-2000:]
    assert {(line["delivery_id"], line["level"]) for line in web} == {("delivery-json-1", "INFO")}
    assert all(line["time"] and line["repository"] == GH_REPO for line in web)
    assert {line.get("pull_request") for line in web} == {str(OPENED["number"])}
    worker = [line for line in _lines(worker_log) if line.get("job_id") == job_id]
    assert {line["delivery_id"] for line in worker} == {"delivery-json-1"}
    # every line of the review's own code carries all four fields, whichever thread wrote it
    ours = [
        line for line in _lines(worker_log) if line["logger"].startswith(("bot.jobs", "bot.llm", "bot.hosts"))
    ]
    about = ("delivery-json-1", job_id, GH_REPO, str(OPENED["number"]))
    for line in ours:
        fields = (
            line.get("delivery_id"),
            line.get("job_id"),
            line.get("repository"),
            line.get("pull_request"),
        )
        assert fields == about, line
    assert any(line["logger"] == "bot.llm.client" and "retrying" in line["message"] for line in ours), ours
    assert llm.requests and counts["remediator_llm_tokens_total", "prompt"] > 0
    reviewed = [line for line in worker if " posted, " in line["message"]]
    assert len(reviewed) == 1 and reviewed[0]["level"] == "INFO", worker
    assert reviewed[0]["pull_request"] == str(OPENED["number"])
