"""Issue 12 item 4: `remediator plan` and the dashboard's plan on a ledger of 150 advisories (a
baseline of three repositories with CODEOWNERS owners): fewer, grouped work items, in risk order, each
with owners, a size and the earliest due date of its advisories; exports in CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.models import Confidence, Finding, Severity
from bot.store import AdvisoryQuery, Scan, Sighting
from bot.store.plan import SPLIT_ABOVE, build_plan, plan_markdown, plan_text
from tests.dashboard_seed import NOW, seed

# (repo, rule, category, cwe, severity, how many, folders, owners)
SHAPES = [
    (
        "acme/payments",
        "py.sqli",
        "sql-injection",
        "CWE-89",
        Severity.CRITICAL,
        12,
        ("app", "billing"),
        "@payments",
    ),
    (
        "acme/payments",
        "py.weak-hash",
        "weak-crypto",
        "CWE-327",
        Severity.LOW,
        40,
        ("app", "lib", "tools"),
        "@core",
    ),
    (
        "acme/payments",
        "vulnerable-dependency",
        "vulnerable-dependency",
        "CWE-1395",
        Severity.HIGH,
        3,
        (".",),
        "",
    ),
    ("acme/web", "js.xss", "xss", "CWE-79", Severity.HIGH, 30, ("src",), "@frontend"),
    ("acme/web", "js.redirect", "open-redirect", "CWE-601", Severity.MEDIUM, 2, ("src",), "@frontend"),
    ("beta/ops", "sh.cmd", "command-injection", "CWE-78", Severity.HIGH, 8, ("scripts",), "@ops @sre"),
    ("beta/ops", "gha.injection", "workflow-injection", "CWE-94", Severity.HIGH, 55, (".github",), "@ops"),
]


def _findings():
    for repo, rule, category, cwe, severity, count, folders, owners in SHAPES:
        for n in range(count):
            folder = folders[n % len(folders)]
            path = f"{folder}/mod_{n % 7}.py" if folder != "." else ("requirements.txt", "poetry.lock")[n % 2]
            title = (
                "Vulnerable dependency: PyYAML 5.3"
                if category == "vulnerable-dependency"
                else f"{category} here"
            )
            f = Finding(
                rule_id=rule,
                engine="semgrep",
                category=category,
                cwe=cwe,
                title=title,
                severity=severity,
                confidence=Confidence.HIGH if n % 3 else Confidence.MEDIUM,
                path=path,
                start_line=10 + n,
                end_line=10 + n,
                message="m",
                remediation=(f"Fix the {category}.", "Add a test."),
                fingerprint=hashlib.sha256(f"{repo}{rule}{n}".encode()).hexdigest()[:32],
            )
            risk = int(severity) * (1.0 if n % 3 else 0.7)
            yield repo, Sighting(f, risk, "x", owners=tuple(owners.split()))


@pytest.fixture
def ledger(tmp_path: Path):
    seeded = seed(tmp_path / "data", bulk=0)
    by_repo: dict[str, list[Sighting]] = {}
    for repo, sighting in _findings():
        by_repo.setdefault(repo, []).append(sighting)
    for repo, sightings in by_repo.items():
        seeded.store.record_scan(Scan("github", repo, 0, "main", sightings, True))
    return seeded


def test_a_baseline_of_150_advisories_becomes_fewer_grouped_items_in_risk_order(ledger):
    records = list(ledger.store.iter(AdvisoryQuery(open_only=True, origin="baseline")))
    assert len(records) == sum(s[5] for s in SHAPES) == 150
    items = build_plan(records)
    assert 7 <= len(items) < 20  # grouped: one per rule and repository, large groups split by folder
    assert [i.rank for i in items] == list(range(1, len(items) + 1))
    assert [i.risk for i in items] == sorted((i.risk for i in items), reverse=True)
    assert items[0].cwe == "CWE-89" and items[0].owners == ["@payments"]  # critical first
    assert sum(len(i.records) for i in items) == 150  # every advisory in exactly one item
    assert len({r.id for i in items for r in i.records}) == 150
    assert all(len(i.records) <= SPLIT_ABOVE or i.area == "" for i in items)
    workflow = [i for i in items if i.cwe == "CWE-94"]
    assert len(workflow) == 1 and workflow[0].size == "L"  # 55 in one folder: not splittable, large
    hashes = [i for i in items if i.cwe == "CWE-327"]
    assert {i.area for i in hashes} == {"app", "lib", "tools"}  # 40 > 25: split by top folder
    dep = next(i for i in items if i.category == "vulnerable-dependency")
    assert dep.title == "Upgrade PyYAML in github:acme/payments" and dep.owners == []
    ops = next(i for i in items if i.cwe == "CWE-78")
    assert ops.owners == ["@ops", "@sre"]
    for item in items:
        assert item.due == min(r.due_at for r in item.records)
        assert item.size in ("S", "M", "L")


def test_the_cli_plan_in_every_format(ledger, tmp_path, monkeypatch, capsys):
    from bot.cli.main import main

    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    assert main(["plan", "--format", "json", "--repo", "beta/ops"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["advisories"] == 63 and [w["rank"] for w in doc["work_items"]] == [1, 2]
    assert doc["work_items"][0]["owners"] and doc["work_items"][0]["due"]
    assert main(["plan", "--format", "csv", "--origin", "baseline"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows[0]["rank"] == "1" and sum(int(r["advisories"]) for r in rows) == 150
    reviews = ledger.store.count(AdvisoryQuery(open_only=True, origin="review"))
    assert main(["plan", "--format", "markdown", "--origin", "review"]) == 0
    assert f"{reviews} open advisories in " in capsys.readouterr().out
    assert main(["plan", "--origin", "baseline"]) == 0
    assert capsys.readouterr().out.startswith("150 open advisories -> ")


def test_hostile_advisory_text_cannot_break_the_markdown(ledger):
    records = list(ledger.store.iter(AdvisoryQuery(open_only=True)))
    items = build_plan(records)
    items[0].records[0] = (
        items[0]
        .records[0]
        .__class__(
            **{
                **{k: getattr(items[0].records[0], k) for k in items[0].records[0].__dataclass_fields__},
                "title": "x | <script>alert(1)</script>\\n# heading",
                "path": "a|b.py",
            }
        )
    )
    text = plan_markdown(items, len(records))
    assert "<script>" not in text and "| <" not in text
    table = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert table and table[0].count(" | ") == 7  # still eight cells


def test_the_dashboard_plan_page_and_downloads(ledger, tmp_path):
    from bot.config.settings import Settings
    from tests.contract.advisory_fixtures import FakeClock
    from tests.dashboard.conftest import sign_in
    from webhooks import create_app

    app = create_app(Settings(data_dir=tmp_path / "data"), clock=FakeClock(NOW))
    client = app.test_client()
    sign_in(client, ledger.tokens["viewer"])
    page = client.get("/plan?repo=acme/web&origin=baseline")
    assert page.status_code == 200 and "32 open advisories in 2 work items" in page.text
    assert page.text.index('data-rank="1"') < page.text.index('data-rank="2"')
    # each row shows its owners (CODEOWNERS) and its due date (the SLA)
    web = build_plan(ledger.store.iter(AdvisoryQuery(open_only=True, origin="baseline", repos=("acme/web",))))
    assert [i.rank for i in web] == [1, 2]
    for item in web:
        row = page.text.split(f'data-rank="{item.rank}"', 1)[1].split("</tr>", 1)[0]
        assert "@frontend" in row and item.due.strftime("%Y-%m-%d") in row
    got = client.get("/plan?repo=acme/web&origin=baseline&format=csv")
    assert got.mimetype == "text/csv" and "attachment" in got.headers["Content-Disposition"]
    # a cell starting with @ is a formula to a spreadsheet: neutralised like every export's cells
    assert next(iter(csv.DictReader(io.StringIO(got.text))))["owners"] == "'@frontend"
    assert json.loads(client.get("/plan?format=json&origin=baseline").text)["advisories"] == 150
    assert client.get("/plan?format=markdown").text.startswith("# Remediation plan")
    assert client.get("/plan?format=pdf").status_code == 400
    assert client.get("/plan?severity=nonsense").status_code == 400


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=60) | st.sampled_from(["\x1b]0;pwned\x07", "\x1b[2J", "a\rb", "\u202eexe.py"]))
def test_the_terminal_plan_carries_no_control_or_bidi_character(ledger, hostile):
    # a rule title, a folder name or a path holding "\x1b]..." would drive the reader's terminal
    # through `remediator plan`
    records = list(ledger.store.iter(AdvisoryQuery(open_only=True)))
    items = build_plan(records)
    first = items[0].records[0]
    fields = {k: getattr(first, k) for k in first.__dataclass_fields__}
    items[0].records[0] = first.__class__(**{**fields, "title": hostile + ": x", "risk": 99.0})
    items[0].area = hostile
    text = plan_text(items, len(records))
    assert all(c.isprintable() or c == "\n" for c in text)
    # no hostile text adds a line: a summary line, a blank, and per item its line, its steps, the
    # test to add, the check in staging and one line per advisory
    assert text.count("\n") == 2 + sum(1 + len(i.steps) + 2 + len(i.records) for i in items)


# (top folder, rule, category, severity, how many): 120 advisories of a tree the baseline job read
TREE = [
    ("app", "py.sqli", "sql-injection", Severity.CRITICAL, 50),
    ("scripts", "sh.cmd", "command-injection", Severity.HIGH, 40),
    ("lib", "py.weak-hash", "weak-crypto", Severity.LOW, 30),
]
CODEOWNERS = "* @acme/everyone\napp/ @acme/payments\nscripts/ @ops @sre\n"
SLA = {Severity.CRITICAL: 3, Severity.HIGH: 14, Severity.MEDIUM: 45, Severity.LOW: 60}


def test_a_baseline_of_a_tree_plans_with_its_codeowners_and_the_orgs_sla(tmp_path):
    # the ledger as the baseline job writes it (bot.jobs.baseline.baseline_scan): owners read from the
    # tree's CODEOWNERS, due dates from the organisation's SLA, not given by the test
    from bot.core.coverage import Coverage
    from bot.core.review import Placement, RankedFinding, Review
    from bot.jobs.baseline import baseline_scan
    from bot.store import AdvisoryStore
    from bot.store.db import make_engine
    from tests.contract.advisory_fixtures import FakeClock

    root = tmp_path / "tree"
    (root / ".github").mkdir(parents=True)
    (root / ".github" / "CODEOWNERS").write_text(CODEOWNERS, encoding="utf-8")
    ranked = []
    for folder, rule, category, severity, count in TREE:
        for n in range(count):
            f = Finding(
                rule_id=rule, engine="semgrep", category=category, cwe="CWE-0", title=f"{category} here",
                severity=severity, confidence=Confidence.HIGH, path=f"{folder}/m{n % 9}.py",
                start_line=n + 1, end_line=n + 1, message="m",
                fingerprint=hashlib.sha256(f"{rule}{n}".encode()).hexdigest()[:32],
            )  # fmt: skip
            ranked.append(RankedFinding(f, len(ranked) + 1, float(severity), "", Placement.SUMMARY, None))
    review = Review(tuple(ranked), (), Coverage(()))
    clock = FakeClock(NOW)
    store = AdvisoryStore(make_engine(f"sqlite:///{tmp_path / 'a.db'}"), clock, sla=SLA)
    store.upgrade()
    store.record_scan(baseline_scan(review, "github", "acme/tree", "main", root))
    records = list(store.iter(AdvisoryQuery(open_only=True, origin="baseline")))
    assert len(records) == 120
    items = build_plan(records)
    assert len(items) == 3  # one per rule: each group lives in one top folder, so it is not split
    assert [i.category for i in items] == ["sql-injection", "command-injection", "weak-crypto"]  # risk order
    assert [i.owners for i in items] == [["@acme/payments"], ["@ops", "@sre"], ["@acme/everyone"]]
    first_seen = min(r.first_seen_at for r in records)
    assert [(i.due - first_seen).days for i in items] == [3, 14, 60]


def test_the_dashboard_plan_page_links_each_advisory_and_pull_request(ledger, tmp_path):
    # anchors to each advisory's page and to the pull requests on the host the settings name (here
    # GitHub Enterprise Server); a baseline's advisory has none; a hostile repository name is quoted
    from bot.config.settings import Settings
    from tests.contract.advisory_fixtures import FakeClock
    from tests.dashboard.conftest import sign_in
    from webhooks import create_app

    hostile = 'acme/"><img src=x onerror=alert(1)>'
    f = next(s for _, s in _findings())
    evil = Sighting(
        Finding(
            **{**{k: getattr(f.finding, k) for k in f.finding.__dataclass_fields__}, "fingerprint": "e" * 32}
        ),
        1.0,
        "x",
    )
    ledger.store.record_scan(Scan("github", hostile, 3, "c" * 40, [evil], True))
    settings = Settings(
        data_dir=tmp_path / "data",
        public_url="https://sec.example",
        github_api_url="https://ghe.corp.example/api/v3",
    )
    client = create_app(settings, clock=FakeClock(NOW)).test_client()
    sign_in(client, ledger.tokens["viewer"])
    page = client.get("/plan").text
    records = list(ledger.store.iter(AdvisoryQuery(open_only=True)))
    items = build_plan(records)
    assert page.count("Test to add:") == page.count("Check in staging:") == len(items)
    for r in records:
        assert f'href="/advisories/{r.id}"' in page  # every advisory linked, relative to the dashboard
    assert 'href="https://ghe.corp.example/acme/payments/pull/7"' in page  # a review's pull request
    assert "/pull/0" not in page  # baselines' advisories have no pull request
    assert "<img src=x" not in page
    assert (
        'href="https://ghe.corp.example/acme/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E/pull/3"'
        in page
    )
    doc = json.loads(client.get("/plan?format=json").text)
    entries = [a for w in doc["work_items"] for a in w["advisories"]]
    assert len(entries) == len(records)
    assert all(a["url"] == f"https://sec.example/advisories/{a['id']}" for a in entries)
    assert all(p["url"].startswith("https://ghe.corp.example/") for a in entries for p in a["pull_requests"])
    # the download's links come from the settings, never from the request's headers
    spoofed = client.get("/plan?format=markdown", headers={"X-Forwarded-Host": "spoofed.example"}).text
    assert "spoofed.example" not in spoofed and "https://sec.example/advisories/" in spoofed
