"""Output tiers: high and medium confidence inline, low in the summary, a verifier's "not exploitable"
moves a static finding to the summary with the model's reason; SARIF carries every finding."""

from __future__ import annotations

from bot.analysis.pipeline import policy_from
from bot.config.settings import Settings
from bot.core.coverage import Coverage
from bot.core.diffmap import parse_diff
from bot.core.formats import review_sarif
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.review import Placement, build_review
from bot.llm.candidates import enrich_static
from bot.llm.context import callers

DIFF = """diff --git a/app/db.py b/app/db.py
--- a/app/db.py
+++ b/app/db.py
@@ -1,1 +1,4 @@
 import sqlite3
+def a(q): cur.execute(q)
+def b(q): cur.execute(q)
+def c(q): cur.execute(q)
"""


def _f(line: int, conf: Confidence) -> Finding:
    return Finding(
        rule_id=f"py-rule-{line}",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="t",
        severity=Severity.HIGH,
        confidence=conf,
        path="app/db.py",
        start_line=line,
        end_line=line,
        message="SQL built from text",
        provenance=Provenance(engine="semgrep"),
    )


def test_default_tiers_put_low_confidence_in_the_summary_and_sarif_keeps_everything():
    changeset = parse_diff(DIFF)
    findings = [_f(2, Confidence.HIGH), _f(3, Confidence.MEDIUM), _f(4, Confidence.LOW)]
    review = build_review(findings, changeset, Coverage(()), policy_from(Settings()))
    placement = {rf.finding.start_line: rf.placement for rf in review.findings}
    assert placement == {2: Placement.INLINE, 3: Placement.INLINE, 4: Placement.SUMMARY}
    results = review_sarif(review)["runs"][0]["results"]
    assert sorted(r["properties"]["confidence"] for r in results) == ["high", "low", "medium"]
    assert {r["level"] for r in results} == {"error"}


def test_a_finding_the_verifier_dismisses_leaves_the_inline_comments_with_the_reason():
    verdict = {
        "verdict": "not_exploitable",
        "reason": "q is a constant chosen from QUERIES",
        "severity": "high",
        "confidence": "high",
        "explanation": "",
        "remediation": [],
        "replacement": None,
    }
    dismissed = enrich_static(_f(3, Confidence.MEDIUM), verdict, "model-x")
    assert dismissed.confidence is Confidence.LOW
    assert dismissed.verifier_note == "model-x: q is a constant chosen from QUERIES"
    kept = enrich_static(_f(2, Confidence.MEDIUM), {**verdict, "verdict": "exploitable"}, "model-x")
    # a repository that asks for every confidence inline still gets the dismissed one in the summary
    review = build_review(
        [kept, dismissed],
        parse_diff(DIFF),
        Coverage(()),
        policy_from(Settings(min_confidence=Confidence.LOW)),
    )
    by_line = {rf.finding.start_line: rf for rf in review.findings}
    assert by_line[2].placement is Placement.INLINE
    assert by_line[3].placement is Placement.SUMMARY
    assert "not exploitable: model-x: q is a constant chosen from QUERIES" in by_line[3].summary_reason
    (result,) = [r for r in review_sarif(review)["runs"][0]["results"] if r["ruleId"] == "py-rule-3"]
    assert "constant chosen from QUERIES" in result["properties"]["summaryReason"]


def test_the_verifier_sees_the_calls_of_the_flagged_function():
    lines = ["def run(q):", "    cur.execute(q)", *[f"x{i} = {i}" for i in range(200)]]
    lines += ["def handler(request):", "    return run(request.args['q'])", "def rerun(q): return run(q)"]
    shown = callers(lines, 2, "python")
    call = lines.index("    return run(request.args['q'])") + 1
    assert call in shown and call - 2 in shown and 1 not in shown
    assert callers(lines, 100, "python") == set()  # module level: no function, no callers
