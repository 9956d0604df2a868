"""Fix verification cannot be fooled: a fix passes only when the patched file parses, the flaw is gone
at its location for every analyzer that can see it (rule pack, bandit, flow engine), and nothing new
appears. The wrong-fix cases (tests/fixtures/wrong_fixes.yml) are each rejected, their right fixes pass."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.analysis.verify import Verdict, check_fixes, syntax_errors
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CASES = yaml.safe_load((FIXTURES / "wrong_fixes.yml").read_text(encoding="utf-8"))


def new_file(text: str, path: str) -> SourceFile:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return SourceFile(parse_diff(diff).file(path), text, detect_language(path), False)


def finding(path: str, category: str, start: int, end: int, replacement: str | None, *, engine="semgrep"):
    return Finding(
        rule_id=f"test-{category}",
        engine=engine,
        category=category,
        cwe="CWE-0",
        title=category,
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=path,
        start_line=start,
        end_line=end,
        message="m",
        replacement=replacement,
    )


def _span(lines: str) -> tuple[int, int]:
    first, _, last = str(lines).partition("-")
    return int(first), int(last or first)


def _case_findings(kind: str) -> tuple[list[str], list[Finding], dict[str, SourceFile]]:
    """One file per case (under the case id), one finding each with the case's ``kind`` replacement."""
    ids, findings, files = [], [], {}
    for case in CASES:
        if case.get(kind) is None:
            continue
        path = f"{case['id']}/{case['path']}"
        sf = new_file(case["source"], path)
        start, end = _span(case["lines"])
        ids.append(case["id"])
        findings.append(finding(path, case["category"], start, end, case[kind].rstrip("\n")))
        files[path] = sf
    return ids, findings, files


@pytest.fixture(scope="module")
def wrong_verdicts(tmp_path_factory) -> dict[str, Verdict]:
    ids, findings, files = _case_findings("wrong")
    verdicts = check_fixes(findings, files, tmp_path_factory.mktemp("wrong"), timeout=300)
    return dict(zip(ids, verdicts, strict=True))


@pytest.fixture(scope="module")
def right_verdicts(tmp_path_factory) -> dict[str, Verdict]:
    ids, findings, files = _case_findings("right")
    verdicts = check_fixes(findings, files, tmp_path_factory.mktemp("right"), timeout=300)
    return dict(zip(ids, verdicts, strict=True))


def test_the_fixture_holds_wrong_fixes_of_every_kind():
    assert len({c["id"] for c in CASES}) == len(CASES) >= 30
    assert {c["id"].split("-")[0] for c in CASES} >= {"py", "js", "java", "go", "gha", "docker"}
    for case in CASES:
        start, end = _span(case["lines"])
        assert 1 <= start <= end <= len(case["source"].splitlines()), case["id"]
        assert case["wrong"].rstrip("\n") != "\n".join(case["source"].splitlines()[start - 1 : end])


def test_every_wrong_fix_is_rejected(wrong_verdicts):
    passed = {k: v for k, v in wrong_verdicts.items() if v.ok}
    assert passed == {}
    # each for a reason of its own: never because the case's flaw was not there to begin with
    vacuous = {
        k: v.reason for k, v in wrong_verdicts.items() if "cannot be shown" in v.reason or "apply" in v.reason
    }
    assert vacuous == {}
    reasons = {v.reason.split(":")[0] for v in wrong_verdicts.values()}
    assert {
        "the flaw is still there",
        "not a fix",
        "the fix brings a new result",
        "the fixed file does not parse",
    } <= reasons


def test_every_right_fix_passes(right_verdicts):
    assert {k: v.reason for k, v in right_verdicts.items() if not v.ok} == {}


def test_a_flaw_no_analyzer_sees_needs_the_callers_confirmation(tmp_path):
    src = "def get(db, order_id):\n    return db.orders.get(order_id)\n"
    sf = new_file(src, "app/orders.py")
    new = "    return db.orders.get(int(order_id))"
    fix = finding(sf.path, "missing-authorization", 2, 2, new, engine="llm")
    (alone,) = check_fixes([fix], {sf.path: sf}, tmp_path / "a", timeout=300)
    assert not alone.ok and "cannot be shown gone" in alone.reason
    seen = []
    (confirmed,) = check_fixes(
        [fix],
        {sf.path: sf},
        tmp_path / "b",
        timeout=300,
        confirm=lambda f, before, after: seen.append((before, after)) or True,
    )
    assert confirmed.ok and seen == [(src, src.replace("get(order_id)", "get(int(order_id))"))]


@pytest.mark.parametrize(
    ("language", "path", "good", "bad"),
    [
        ("python", "a.py", "x = f(1)\n", "x = f(1\n"),
        ("javascript", "a.js", "const x = f(1);\n", "const x = f(1;\n"),
        ("typescript", "a.tsx", "const x = <b>{y}</b>;\n", "const x = <b>{y}</b;\n"),
        ("java", "A.java", "class A { int f() { return 1; } }\n", "class A { int f() { return 1; }\n"),
        ("go", "a.go", "package a\n\nfunc f() int { return 1 }\n", "package a\n\nfunc f() int { return 1\n"),
        ("github-actions", ".github/workflows/ci.yml", "on: push\njobs: {}\n", "on: [push\njobs: {}\n"),
        ("terraform", "main.tf", 'resource "a" "b" {\n  x = 1\n}\n', 'resource "a" "b" {\n  x = \n'),
    ],
)
def test_each_language_has_a_parser_that_tells_good_from_broken(language, path, good, bad):
    assert syntax_errors(good, language, path) == 0
    assert (syntax_errors(bad, language, path) or 0) >= 1


def test_a_language_without_a_parser_gets_the_bracket_check(tmp_path):
    assert syntax_errors("anything", "cobol") is None
    src = "PROCEDURE (A).\nCALL X(Y).\n"
    sf = SourceFile(new_file(src, "a.cbl").change, src, "cobol", False)
    broken = finding(sf.path, "other", 2, 2, "CALL X(Y.")
    (verdict,) = check_fixes([broken], {sf.path: sf}, tmp_path, timeout=300)
    assert not verdict.ok and "parse" in verdict.reason
