"""Risk that says why, end to end on the GitHub simulator (real PyGithub over HTTP): the organisation
file's asset map ranks the same flaw in an internet-facing payments service above the one in an
internal tool, the noise budget (inline cap) goes to the highest risks, every factor is in the comment
footer and the summary, and the ledger keeps the factors and the SLA they give (issue 11, item 4)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.jobs.review_pr import review_pull_request
from bot.store import AdvisoryQuery
from bot.store.bootstrap import forget_engines, open_store
from tests.contract.advisory_fixtures import FakeClock
from tests.integration import test_github_publish
from tests.integration.test_github_publish import _Ctx, _payload

app_settings = test_github_publish.app_settings  # the App registered on the simulator (a fixture)

REPO = "acme/payments"
SQL = '    rows = db.execute(f"SELECT * FROM invoices WHERE id = {invoice_id}").fetchall()'
VIEWS = f"""import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/invoice")
def invoice():
    invoice_id = request.args.get("id")
    db = sqlite3.connect("billing.db")
{SQL}
    return str(rows)
"""
TOOL = f"""import argparse
import sqlite3


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("invoice_id")
    invoice_id = parser.parse_args().invoice_id
    db = sqlite3.connect("billing.db")
{SQL}
    print(rows)


if __name__ == "__main__":
    main()
"""
ORG = """
profile: {sector: transport, size: large}
assets:
  - repo: acme/payments
    exposure: internet
    data: [payment]
    tier: 1
    paths:
      - {glob: "tools/**", exposure: internal, tier: 4, data: []}
"""


def _added(path: str, text: str) -> str:
    lines = text.splitlines()
    body = "".join(f"+{line}\n" for line in lines)
    head = f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
    return f"{head}@@ -0,0 +1,{len(lines)} @@\n{body}"


@pytest.fixture
def pr(github_sim):
    github_sim.add_repo(REPO, private=True)
    # a cap of one inline comment: the noise budget
    github_sim.set_files(REPO, "main", {".remediator.yml": "review: {max_inline_comments: 1}\n"})
    files = {"tools/reindex.py": TOOL, "app/views.py": VIEWS}
    return github_sim.add_pull(
        REPO,
        diff="".join(_added(p, t) for p, t in files.items()),
        title="Invoices",
        user="dev1",
        head_files=files,
    )


def test_the_asset_map_ranks_publishes_and_records_every_factor(github_sim, app_settings, pr, tmp_path: Path):
    org = tmp_path / "org.yml"
    org.write_text(ORG)
    settings = dataclasses.replace(app_settings, org_config=str(org))
    clock = FakeClock()
    try:
        assert review_pull_request(_payload(github_sim), _Ctx(settings, clock)) is not None
        comments = [c for c in github_sim.review_comments(REPO, 1) if c.user == "remediator[bot]"]
        # one inline comment allowed: it goes to the internet-facing service, not the internal tool
        assert [c.path for c in comments] == ["app/views.py"]
        footer = comments[0].body.rsplit("<sub>", 1)[1]
        for factor in (
            "Ranked 1 of 2: internet-facing (asset map: acme/payments), payment data, ",
            "tier 1 (critical; asset map: acme/payments)",
            "SQL injection reachable from `GET /invoice`",
            "x exposure 1.5 x criticality 1.95 x exploitability 1.25",
            "SLA of a critical finding",
        ):
            assert factor in footer, factor
        (summary,) = [c.body for c in github_sim.issue_comments(REPO, 1) if "remediator:summary" in c.body]
        assert "| # | Severity | Confidence | Risk |" in summary
        assert "internet-facing, payment data, tier 1, reachable from `GET /invoice`" in summary
        assert "internal, tier 4" in summary and "over the cap of 1 inline comments" in summary
        assert "Why each finding ranks where it does" in summary
        assert "\n2. internal (asset map: acme/payments:tools/\\*\\*), tier 4 (low; asset map" in summary

        store = open_store(settings, clock)
        by_path = {a.path: a for a in store.page(AdvisoryQuery(limit=10)).items}
        service, tool = by_path["app/views.py"], by_path["tools/reindex.py"]
        assert service.severity is tool.severity
        assert service.risk > 3 * tool.risk
        assert (service.exposure, service.asset) == ("internet", "acme/payments")
        assert (tool.exposure, tool.asset) == ("internal", "acme/payments:tools/**")
        assert service.risk_factors["entry_point"] == "GET /invoice"
        assert service.due_at < tool.due_at  # the SLA follows the adjusted risk
        assert (service.due_at - service.first_seen_at).days == store.sla[service.sla_level]
    finally:
        forget_engines()


def test_a_baseline_records_the_risk_factors_of_the_default_branch(github_sim, tmp_path: Path):
    from bot.config.settings import Settings
    from bot.hosts import factory as wiring
    from bot.jobqueue import JobContext
    from bot.jobs.baseline import baseline_repository

    github_sim.add_repo(REPO, default_branch="main")
    github_sim.set_files(REPO, "main", {"app/views.py": VIEWS, "tools/reindex.py": TOOL})
    wiring._CLIENTS.clear()
    org = tmp_path / "org.yml"
    org.write_text(ORG)
    settings = Settings(
        data_dir=tmp_path / "data",
        github_api_url=github_sim.url,
        github_token=github_sim.create_token("remediator[bot]"),
        github_write_interval=0.0,
        org_config=str(org),
    )
    clock = FakeClock()
    try:
        baseline_repository({"host": "github", "repo": REPO}, JobContext(settings, clock, "b1", 1))
        advisories = list(open_store(settings, clock).iter(AdvisoryQuery(repos=(REPO,), limit=100)))
        by_path = {a.path: a for a in advisories if a.cwe == "CWE-89"}
        service, tool = by_path["app/views.py"], by_path["tools/reindex.py"]
        assert service.origin == "baseline" and service.risk > 3 * tool.risk
        assert (service.exposure, service.asset, tool.asset) == ("internet", REPO, "acme/payments:tools/**")
        assert service.risk_factors["entry_point"] == "GET /invoice"
        assert service.risk_factors["why"].startswith(
            "internet-facing (asset map: acme/payments), payment data"
        )
        assert service.due_at < tool.due_at
        assert github_sim.writes() == []
    finally:
        forget_engines()
