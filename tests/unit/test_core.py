"""Domain core: fingerprints, redaction, anchors, ranking and placement, rendering."""

from __future__ import annotations

import ast
import pathlib

from bot.core.coverage import Coverage
from bot.core.diffmap import parse_diff
from bot.core.fingerprint import assign_fingerprints
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.redact import PLACEHOLDER, redact
from bot.core.render import comment_body, marker_fingerprint, summary_body
from bot.core.review import Policy, build_review
from bot.core.symbols import enclosing_symbol

CORE = pathlib.Path(__file__).resolve().parents[2] / "bot" / "core"


def _finding(path="app.py", start=2, end=None, sev=Severity.HIGH, conf=Confidence.HIGH, **kw):
    base = dict(
        rule_id="py-test-rule",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="SQL built from request data",
        severity=sev,
        confidence=conf,
        path=path,
        start_line=start,
        end_line=end or start,
        message="msg",
        explanation="why",
        remediation=("step one", "step two"),
        provenance=Provenance(engine="semgrep"),
    )
    base.update(kw)
    return Finding(**base)


def test_core_imports_only_stdlib_and_unidiff():
    allowed_prefixes = ("bot.core", "unidiff", "__future__")
    import sys

    stdlib = set(sys.stdlib_module_names)
    for source in CORE.glob("*.py"):
        tree = ast.parse(source.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert name.startswith(allowed_prefixes) or top in stdlib or name == "bot", (
                    f"{source.name} imports {name}"
                )


def test_fingerprint_survives_line_shift_and_rename_but_not_code_change():
    code_v1 = ["import x", "def view():", "    cur.execute(q + uid)"]
    code_v2 = ["import x", "", "# comment", "def view():", "    cur.execute(q  +  uid)"]
    f1 = _finding(start=3, symbol="view")
    f2 = _finding(path="moved.py", start=5, symbol="view")
    (a,) = assign_fingerprints([f1], {"app.py": code_v1})
    (b,) = assign_fingerprints([f2], {"moved.py": code_v2})
    assert a.fingerprint == b.fingerprint
    changed = ["import x", "def view():", "    cur.execute(q + other)"]
    (c,) = assign_fingerprints([f1], {"app.py": changed})
    assert c.fingerprint != a.fingerprint


def test_identical_flaws_get_distinct_fingerprints():
    lines = ["def f():", "    eval(x)", "    eval(x)"]
    fps = assign_fingerprints(
        [_finding(start=2, symbol="f"), _finding(start=3, symbol="f")], {"app.py": lines}
    )
    assert len({f.fingerprint for f in fps}) == 2


def test_enclosing_symbol_python_and_brace_languages():
    py = ["class Api:", "    def get(self):", "        x = 1", "        return x", "", "y = 2"]
    assert enclosing_symbol(py, 3, "python") == "Api.get"
    assert enclosing_symbol(py, 6, "python") == ""
    js = ["function handler(req, res) {", "  const q = req.query.q;", "  db.query(q);", "}"]
    assert enclosing_symbol(js, 3, "javascript") == "handler"
    go = ["func (s *Server) Users(w http.ResponseWriter, r *http.Request) {", "  q := 1", "}"]
    assert enclosing_symbol(go, 2, "go") == "Users"


def test_redaction_of_known_token_shapes_and_assignments():
    samples = {
        "aws = 'AKIAZ7QWERTYUIOPASDF'": "AKIAZ7QWERTYUIOPASDF",
        "token: ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8": "ghp_a1B2",
        'password = "Sup3rS3cret!"': "Sup3rS3cret!",
        "DB_PASSWORD=hunter2hunter2": "hunter2hunter2",
        "url = 'postgres://app:pa55w0rd@db:5432/x'": "pa55w0rd",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----": "MIIEow",
        "glpat-abcdefghij1234567890": "glpat-abcdefghij",
        "Authorization: Bearer rmd_" + "Qx7" * 15: "rmd_Qx7",
    }
    for text, secret in samples.items():
        out = redact(text)
        assert secret not in out, (text, out)
        assert PLACEHOLDER in out
    kept = 'password = os.environ["DB_PASSWORD"]'
    assert redact(kept) == kept


def _review(findings, diff, policy=None):
    policy = policy or Policy()
    cs = parse_diff(diff)
    return build_review(findings, cs, Coverage(()), policy)


DIFF = (
    "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n"
    "@@ -1,4 +1,7 @@\n ctx = 1\n+a = 1\n+b = 2\n ctx2 = 3\n-old = 4\n+c = 5\n ctx3 = 6\n+d = 7\n"
)


def test_anchor_multi_line_and_suggestion_only_on_added_lines():
    # new lines: 1 ctx, 2 a, 3 b, 4 ctx2, 5 c, 6 ctx3, 7 d
    all_added = _finding(start=2, end=3, replacement="a = 1\nb = 2")
    mixed = _finding(start=3, end=5, rule_id="r2", category="xss")
    outside = _finding(start=1, rule_id="r3", category="ssrf")
    review = _review([all_added, mixed, outside], DIFF)
    by_rule = {rf.finding.rule_id: rf for rf in review.findings}
    a = by_rule["py-test-rule"].anchor
    assert (a.start_line, a.line, a.suggestion) == (2, 3, True)
    # lines 3-5 are b (added), ctx2 (context), c (added): one hunk, so the comment spans them all,
    # but a one-click suggestion would replace a line the change did not add
    m = by_rule["r2"].anchor
    assert (m.path, m.start_line, m.line, m.suggestion) == ("app.py", 3, 5, False)
    assert [f.rule_id for f in review.outside_change] == ["r3"]


def test_ranking_threshold_and_cap_place_the_rest_in_summary():
    findings = [
        _finding(start=2, sev=Severity.LOW, conf=Confidence.HIGH, rule_id="low"),
        _finding(start=3, sev=Severity.CRITICAL, conf=Confidence.MEDIUM, rule_id="crit"),
        _finding(start=5, sev=Severity.HIGH, conf=Confidence.HIGH, rule_id="high"),
        _finding(start=7, sev=Severity.MEDIUM, conf=Confidence.LOW, rule_id="med-low"),
    ]
    review = _review(findings, DIFF, Policy(min_severity=Severity.MEDIUM, max_inline=1))
    order = [rf.finding.rule_id for rf in review.findings]
    assert order == ["crit", "high", "med-low", "low"]  # 3.0, 3.0 (crit first), 1.0, 1.0
    placements = {rf.finding.rule_id: (rf.placement.value, rf.summary_reason) for rf in review.findings}
    assert placements["crit"] == ("inline", "")
    assert placements["high"][0] == "summary" and "cap of 1" in placements["high"][1]
    assert "severity threshold" in placements["low"][1]
    assert all("ranked" in rf.why_rank and "risk" in rf.why_rank for rf in review.findings)


def test_comment_body_has_marker_steps_suggestion_and_no_secret():
    secret = "ghp_" + "Z" * 36
    f = _finding(
        start=2, end=3, replacement="a = 1\nb = 2", message=f"token {secret} leaked", fingerprint="ab" * 16
    )
    review = _review([f], DIFF)
    body = comment_body(review.findings[0])
    assert marker_fingerprint(body) == "ab" * 16
    assert "1. step one\n2. step two" in body
    assert "```suggestion\na = 1\nb = 2\n```" in body
    assert secret not in body
    assert "CWE-89" in body and "High severity" in body and "Confidence: high" in body
    summary = summary_body(review)
    assert "<!-- remediator:summary -->" in summary and secret not in summary


def test_suggestion_fence_is_longer_than_backticks_inside():
    f = _finding(start=2, end=2, replacement="a = '```'", fingerprint="cd" * 16)
    body = comment_body(_review([f], DIFF).findings[0])
    assert "````suggestion\na = '```'\n````" in body


def test_retry_after_is_finite_and_bounded():
    from bot.errors import Retryable

    assert Retryable("x", retry_after=float("inf")).retry_after is None
    assert Retryable("x", retry_after=1e12).retry_after == 3600.0
    assert Retryable("x", retry_after=-5).retry_after == 0.0
    assert Retryable("x", retry_after=7).retry_after == 7


def test_installation_tokens_are_not_in_reprs():
    from bot.hosts.github_auth import _Token

    assert "ghs_secret" not in repr(_Token("ghs_secret", 1.0))
