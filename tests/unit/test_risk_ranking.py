"""Risk that says why (issue 11, item 4): exposure inferred where the asset map is silent, entry
points, the known-exploited list, the order the asset map and inference give, every factor named,
the SLA level, and the inline-comment cap spent from the highest risk down."""

from __future__ import annotations

import json

import hypothesis.strategies as st
from hypothesis import given, settings

from bot.analysis import exposure
from bot.analysis.exposure import RiskContext, Site, infer, js_routes, python_routes
from bot.config.kev import exploited, exploited_classes
from bot.config.org import parse_org_config
from bot.core.coverage import Coverage
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.review import Placement, Policy, build_review
from bot.core.risk import MAX_SCORE, Asset, Exposure, RiskFactors
from tests.unit.timing import best_of_three, repeats_for

VIEWS = """\
import os
from flask import Flask, request

app = Flask(__name__)


@app.route("/reports", methods=["POST"])
def make_report():
    name = request.form["name"]
    os.system("tar czf /tmp/r.tgz " + name)
    return "ok"


@app.get("/health")
def health():
    return "ok"
"""

TOOL = """\
import argparse
import os


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("name")
    args = parser.parse_args()
    os.system("rm -rf /var/cache/" + args.name)


if __name__ == "__main__":
    main()
"""


def _finding(path: str, line: int, *, sev=Severity.HIGH, category="command-injection", cwe="CWE-78"):
    return Finding(
        rule_id="py-command-injection",
        engine="semgrep",
        category=category,
        cwe=cwe,
        title="Command built from input",
        severity=sev,
        confidence=Confidence.HIGH,
        path=path,
        start_line=line,
        end_line=line,
        message="msg",
        provenance=Provenance(engine="semgrep"),
        fingerprint=f"{path}:{line}".encode().hex()[:32],
    )


def _diff(files: dict[str, str]) -> str:
    out = []
    for path, text in files.items():
        lines = text.splitlines()
        out.append(f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n")
        out.append(f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines))
    return "".join(out)


def _context(files: dict[str, str], org_text: str = "", *, tree: dict[str, str] | None = None) -> RiskContext:
    """The risk context a review of ``files`` (added whole) builds, reading ``tree`` for the rest."""
    every = {**(tree or {}), **files}
    inference = infer(lambda p: every[p].encode() if p in every else None, files)
    languages = {p: "python" if p.endswith(".py") else None for p in files}
    site = Site("github", "acme/payments", parse_org_config(org_text).assets)
    return RiskContext(site, inference, files, languages)


# ------------------------------------------------------------------------------------- inference
def test_routes_in_the_file_mean_internet_facing_and_say_so():
    ctx = _context({"app/views.py": VIEWS})
    asset = ctx.asset("app/views.py")
    assert asset.exposure is Exposure.INTERNET
    assert asset.exposure_source == "inferred: Flask routes in app/views.py"


def test_command_line_tools_tests_and_build_scripts_are_internal():
    ctx = _context({"cleanup.py": TOOL, "tests/test_x.py": "x = 1\n", "scripts/release.py": "print(1)\n"})
    assert ctx.asset("cleanup.py").exposure_source == "inferred: command-line tool (cleanup.py)"
    assert ctx.asset("tests/test_x.py").exposure_source == "inferred: test code (tests/test_x.py)"
    assert (
        ctx.asset("scripts/release.py").exposure_source == "inferred: build or CI script (scripts/release.py)"
    )
    assert {ctx.asset(p).exposure for p in ("cleanup.py", "tests/test_x.py", "scripts/release.py")} == {
        Exposure.INTERNAL
    }


def test_deployment_files_make_the_repository_network_reachable():
    cases = {
        "Dockerfile": ("FROM python:3.12\nEXPOSE 8080\n", "EXPOSE in Dockerfile"),
        "k8s/ingress.yaml": ("apiVersion: networking.k8s.io/v1\nkind: Ingress\n", "Kubernetes Ingress in"),
        "deploy/service.yaml": ("kind: Service\nspec:\n  type: LoadBalancer\n", "type LoadBalancer in"),
        "main.tf": (
            'resource "aws_security_group" "web" {\n  ingress {\n    from_port = 443\n'
            '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
            "aws_security_group open to 0.0.0.0/0 in main.tf",
        ),
    }
    for path, (text, why) in cases.items():
        ctx = _context({"lib/pricing.py": "RATE = 3\n"}, tree={path: text})
        asset = ctx.asset("lib/pricing.py")
        assert asset.exposure is Exposure.INTERNET, path
        assert asset.exposure_source.startswith("inferred: ") and why in asset.exposure_source, path
    quiet = {
        "Dockerfile": "FROM python:3.12\nCMD python job.py\n",
        "main.tf": 'resource "aws_security_group" "db" {\n  egress {\n'
        '    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n',
    }
    ctx = _context({"lib/pricing.py": "RATE = 3\n"}, tree=quiet)
    assert ctx.asset("lib/pricing.py") == Asset(tier=3, tier_source="sector default (general)")


def test_the_asset_map_wins_over_inference():
    org = "assets: [{repo: acme/payments, exposure: partner, paths: [{glob: 'app/**', tier: 1}]}]"
    asset = _context({"app/views.py": VIEWS}, org).asset("app/views.py")
    assert (asset.exposure, asset.exposure_source) == (Exposure.PARTNER, "asset map: acme/payments:app/**")
    silent = "assets: [{repo: acme/payments, tier: 1, data: [payment]}]"
    asset = _context({"app/views.py": VIEWS}, silent).asset("app/views.py")
    assert asset.exposure is Exposure.INTERNET and asset.exposure_source.startswith("inferred: Flask routes")
    assert asset.tier == 1


def test_inference_reads_a_bounded_number_of_files_and_only_when_asked():
    calls: list[str] = []

    def reader(path: str) -> bytes | None:
        calls.append(path)
        return b"x = 1\n"

    listed = [f"deploy/d{i}.yaml" for i in range(500)]
    inference = infer(reader, {}, listed=listed)
    assert calls == []  # nothing is read until a path the asset map is silent about needs it
    for i in range(500):
        inference.exposure(f"pkg/m{i}.py")
    assert len(calls) == exposure.MAX_FILES
    # a map that names every path reads nothing at all
    org = "assets: [{repo: acme/payments, exposure: internal}]"
    calls.clear()
    ctx = RiskContext(
        Site("github", "acme/payments", parse_org_config(org).assets),
        infer(reader, {}, listed=listed),
        {},
        {},
    )
    assert ctx.asset("pkg/m1.py").exposure is Exposure.INTERNAL and calls == []


def test_entry_points_of_python_and_express_handlers():
    routes = python_routes(VIEWS)
    assert [(r.label, r.first, r.last) for r in routes] == [("POST /reports", 8, 11), ("GET /health", 15, 16)]
    js = "const app = express()\napp.post('/pay', (req, res) => {\n  exec(req.body.cmd)\n})\n"
    js += "app.get('/x', h)\n"
    assert [(r.label, r.first, r.last) for r in js_routes(js)] == [("POST /pay", 2, 4), ("GET /x", 5, 5)]
    ctx = _context({"app/views.py": VIEWS})
    assert ctx.factors(_finding("app/views.py", 10)).entry_point == "POST /reports"
    assert ctx.factors(_finding("app/views.py", 1)).entry_point == ""
    assert python_routes("def (:\n") == []


def test_the_exploited_list_cites_its_source_version_and_licence():
    from importlib import resources

    doc = json.loads(resources.files("bot.config").joinpath("data", "exploited_cwes.json").read_text())
    for key in ("url", "version", "licence", "based_on", "publisher"):
        assert doc[key], key
    assert "CISA" in doc["based_on"] and "cwe.mitre.org" in doc["url"]
    assert len(exploited_classes()) == 10
    command = exploited("cwe-78")
    assert command is not None and (command.rank, command.mappings) == (5, 25)
    assert exploited("CWE-89") is None  # SQL injection is not on the 2023 list


# ---------------------------------------------------------------------------------------- ranking
ORG_CRITICAL = """
profile: {sector: finance, size: large}
assets:
  - repo: acme/payments
    exposure: internet
    data: [payment]
    tier: 1
    paths:
      - {glob: "tools/**", exposure: internal, tier: 4, data: []}
"""


def test_the_same_finding_ranks_differently_in_an_internal_tool_and_an_internet_facing_critical_service():
    files = {"app/views.py": VIEWS, "tools/cleanup.py": TOOL}
    ctx = _context(files, ORG_CRITICAL)
    service = ctx.factors(_finding("app/views.py", 10))
    tool = ctx.factors(_finding("tools/cleanup.py", 9))
    assert service.score > 4 * tool.score
    assert (service.exposure_weight, service.criticality, service.exploitability) == (1.5, 1.95, 1.5625)
    assert (tool.exposure_weight, tool.criticality, tool.exploitability) == (0.85, 0.8, 1.25)
    assert service.score == round(3 * 1.0 * 1.5 * 1.95 * 1.5625, 2)
    assert service.sla_level is Severity.CRITICAL and tool.sla_level is Severity.HIGH


def _review(findings, ctx=None, cap=25):
    diff = parse_diff(_diff({"app/views.py": VIEWS, "tools/cleanup.py": TOOL}))
    return build_review(
        findings, diff, Coverage(()), Policy(max_inline=cap), factors=ctx.factors if ctx else None
    )


def test_the_asset_map_and_inference_change_the_order_and_the_explanation_names_each_factor():
    critical_tool = _finding("tools/cleanup.py", 9, sev=Severity.CRITICAL)
    high_service = _finding("app/views.py", 10, sev=Severity.HIGH)
    flat = _review([high_service, critical_tool])
    assert [rf.finding.path for rf in flat.findings] == ["tools/cleanup.py", "app/views.py"]
    # inference alone: the Flask routes make the service internet-facing, the CLI internal
    inferred = _review(
        [high_service, critical_tool], _context({"app/views.py": VIEWS, "tools/cleanup.py": TOOL})
    )
    assert [rf.finding.path for rf in inferred.findings] == ["app/views.py", "tools/cleanup.py"]
    mapped = _review(
        [high_service, critical_tool],
        _context({"app/views.py": VIEWS, "tools/cleanup.py": TOOL}, ORG_CRITICAL),
    )
    first, second = mapped.findings
    assert first.finding is high_service and first.rank == 1
    why = first.why_rank
    assert why.startswith("ranked 1 of 2: internet-facing (asset map: acme/payments), payment data, ")
    for factor in (
        "tier 1 (critical; asset map: acme/payments)",
        "high OS command injection reachable from `POST /reports`",
        "CWE-78 is known to be exploited in the wild "
        "(#5 of MITRE's 2023 CWE Top 10 KEV Weaknesses, 25 KEV entries)",
        "risk 13.71 = severity 3 x confidence 1 (high) x exposure 1.5 x criticality 1.95 "
        "x exploitability 1.5625",
        "SLA of a critical finding",
    ):
        assert factor in why, factor
    assert second.why_rank.startswith(
        "ranked 2 of 2: internal (asset map: acme/payments:tools/**), tier 4 (low"
    )
    assert first.risk_factors.as_dict()["entry_point"] == "POST /reports"
    assert first.risk == 13.71 <= MAX_SCORE


def test_the_noise_budget_is_spent_on_the_highest_risks_first():
    critical_tool = _finding("tools/cleanup.py", 9, sev=Severity.CRITICAL)
    high_service = _finding("app/views.py", 10, sev=Severity.HIGH)
    medium_service = _finding(
        "app/views.py", 15, sev=Severity.MEDIUM, category="information-exposure", cwe="CWE-200"
    )
    ctx = _context({"app/views.py": VIEWS, "tools/cleanup.py": TOOL}, ORG_CRITICAL)
    review = _review([critical_tool, medium_service, high_service], ctx, cap=2)
    placed = [(rf.finding.start_line, rf.placement) for rf in review.findings]
    assert placed == [(10, Placement.INLINE), (15, Placement.INLINE), (9, Placement.SUMMARY)]
    assert review.findings[2].summary_reason == "over the cap of 2 inline comments"
    flat = _review([critical_tool, medium_service, high_service], cap=2)
    assert (flat.findings[0].finding.start_line, flat.findings[0].placement) == (9, Placement.INLINE)


def test_neutral_factors_keep_the_old_score_and_sla():
    for sev in Severity:
        for conf, weight in ((Confidence.HIGH, 1.0), (Confidence.MEDIUM, 0.75), (Confidence.LOW, 0.5)):
            fx = RiskFactors(sev, conf)
            assert fx.score == round(int(sev) * weight, 2) and fx.sla_level is sev


def test_the_sla_level_moves_with_the_context():
    internet_critical = Asset(Exposure.INTERNET, tier=1)  # 1.5 x 1.5 = 2.25: one level up
    isolated_low = Asset(Exposure.ISOLATED, tier=4)  # 0.7 x 0.8 = 0.56: one level down
    assert RiskFactors(Severity.MEDIUM, Confidence.LOW, internet_critical).sla_level is Severity.HIGH
    assert RiskFactors(Severity.HIGH, Confidence.HIGH, isolated_low).sla_level is Severity.MEDIUM
    assert RiskFactors(Severity.CRITICAL, Confidence.HIGH, internet_critical).sla_level is Severity.CRITICAL
    assert RiskFactors(Severity.LOW, Confidence.HIGH, isolated_low).sla_level is Severity.LOW


# ------------------------------------------------------------------------------- hostile input
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=3000))
def test_inference_and_entry_points_accept_any_text(text):
    exposure.file_exposure("app/x.py", text)
    exposure.deployment_signal("deploy/x.yaml", text)
    exposure.deployment_signal("main.tf", text)
    exposure.deployment_signal("Dockerfile", text)
    python_routes(text)
    js_routes(text)


def test_route_labels_from_code_are_short_and_plain():
    hostile = '@app.post("/x`y\\n' + "z" * 500 + '")\ndef f():\n    pass\n'
    (route,) = python_routes(hostile)
    assert "`" not in route.label and "\n" not in route.label and len(route.label) <= exposure.MAX_ROUTE


def test_inference_on_large_hostile_files_takes_time_linear_in_their_size():
    """Four times the hostile text costs about four times the time (a ratio in the same run, so a
    busy machine slows both sides alike); a quadratic pass would cost sixteen."""
    piece = ["app.get(" + "'" * 300, 'resource "' + "a" * 300, "  @" + "a." * 150 + "(", "EXPOSE"]

    def work(n: int, repeats: int = 1):
        text = "\n".join(piece * n)
        return lambda: [
            (
                exposure.file_exposure("app/x.js", text),
                exposure.deployment_signal("main.tf", text),
                js_routes(text),
            )
            for _ in range(repeats)
        ]

    # the small side takes at least 40 ms, so the 0.05 s allowance cannot hide a sixteen-fold cost
    repeats = repeats_for(work(500))
    small, large = best_of_three(work(500, repeats)), best_of_three(work(2000, repeats))
    assert large < 10 * small + 0.05, (repeats, small, large)


# ------------------------------------------------------------------------------------- tree scans
def test_a_tree_scan_ranks_with_the_asset_map_and_inference(tmp_path):
    from bot.analysis.tree_scan import scan_tree
    from bot.config.settings import Settings

    tree = tmp_path / "tree"
    for path, text in {
        "app/views.py": VIEWS,
        "tools/cleanup.py": TOOL,
        "Dockerfile": "FROM x\nEXPOSE 80\n",
    }.items():
        (tree / path).parent.mkdir(parents=True, exist_ok=True)
        (tree / path).write_text(text)
    settings = Settings(data_dir=tmp_path / "data")
    inferred = scan_tree(tree, settings).review
    by_path = {rf.finding.path: rf for rf in inferred.findings if rf.finding.category == "command-injection"}
    service, tool = by_path["app/views.py"], by_path["tools/cleanup.py"]
    assert service.rank < tool.rank
    assert service.risk_factors.asset.exposure_source == "inferred: Flask routes in app/views.py"
    assert service.risk_factors.entry_point == "POST /reports"
    assert tool.risk_factors.asset.exposure_source == "inferred: build or CI script (tools/cleanup.py)"
    mapped = scan_tree(
        tree, settings, site=Site("github", "acme/payments", parse_org_config(ORG_CRITICAL).assets)
    )
    service = next(rf for rf in mapped.review.findings if rf.finding.path == "app/views.py")
    assert service.risk_factors.asset.name == "acme/payments" and service.risk_factors.criticality == 1.95
    assert "payment data" in service.why_rank
