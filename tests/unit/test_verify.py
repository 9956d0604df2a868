"""Fix verification cannot be fooled: a fix passes only when the patched file parses, the flaw is gone
at its location for every analyzer that can see it (rule pack, bandit, flow engine), and nothing new
appears. The wrong-fix cases (tests/fixtures/wrong_fixes.yml) are each rejected, their right fixes pass."""

from __future__ import annotations

from pathlib import Path

import hypothesis.strategies as st
import pytest
import yaml
from hypothesis import given, settings

from bot.analysis.verify import _STRING_LITERAL, Verdict, _prefixes_tested, check_fixes, syntax_errors
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


BATCH_SRC = """import yaml


def load_a(data):
    return yaml.load(data)


def load_b(data):
    return yaml.load(data)


def load_c(data):
    return yaml.load(data)
"""
GOOD_A = "    loaded = yaml.safe_load(data)\n    return loaded"  # two lines: later lines move down
GOOD_B = "    return yaml.safe_load(data)"
GOOD_C = "    return yaml.safe_load(data)"


def _yaml_fixes(b: str) -> tuple[SourceFile, list[Finding]]:
    sf = new_file(BATCH_SRC, "svc/loaders.py")
    return sf, [
        finding(sf.path, "deserialization", 5, 5, GOOD_A),
        finding(sf.path, "deserialization", 9, 9, b),
        finding(sf.path, "deserialization", 13, 13, GOOD_C),
    ]


@pytest.fixture
def semgrep_runs(monkeypatch):
    """The target lists of every semgrep process verification starts."""
    import bot.analysis.verify as verify_mod

    runs: list[list[str]] = []
    real = verify_mod.run_semgrep

    def spy(root, relpaths, **kwargs):
        runs.append(list(relpaths))
        return real(root, relpaths, **kwargs)

    monkeypatch.setattr(verify_mod, "run_semgrep", spy)
    return runs


def test_fixes_of_one_file_are_verified_together_in_one_copy(tmp_path, semgrep_runs):
    sf, fixes = _yaml_fixes(GOOD_B)
    verdicts = check_fixes(fixes, {sf.path: sf}, tmp_path, timeout=300)
    assert [v.ok for v in verdicts] == [True, True, True], verdicts
    # one re-scan: the original and one copy holding all three fixes
    assert semgrep_runs == [["batch0/svc/loaders.py", "orig/svc/loaders.py"]]
    batch = (tmp_path / "batch0/svc/loaders.py").read_text(encoding="utf-8")
    assert batch.count("yaml.safe_load(data)") == 3 and "yaml.load(" not in batch


@pytest.mark.parametrize(
    ("wrong", "reason"),
    [
        ("    return yaml.load(data, Loader=yaml.Loader)", "the flaw is still there"),
        ("    return eval(data)", "the fix brings a new result"),
    ],
)
def test_a_wrong_fix_in_a_batch_is_withheld_and_the_good_ones_kept(tmp_path, semgrep_runs, wrong, reason):
    sf, fixes = _yaml_fixes(wrong)
    verdicts = check_fixes(fixes, {sf.path: sf}, tmp_path, timeout=300)
    assert [v.ok for v in verdicts] == [True, False, True], verdicts
    assert verdicts[1].reason.startswith(reason), verdicts[1]
    # the batch showed something: each fix was then re-scanned alone (the original is not re-scanned)
    assert len(semgrep_runs) == 2
    assert semgrep_runs[1] == ["fix0/svc/loaders.py", "fix1/svc/loaders.py", "fix2/svc/loaders.py"]
    # and the verdicts are those of each fix verified on its own
    alone = [
        check_fixes([f], {sf.path: sf}, tmp_path / f"alone{i}", timeout=300)[0] for i, f in enumerate(fixes)
    ]
    assert alone == verdicts


def test_overlapping_fixes_are_never_applied_together(tmp_path, semgrep_runs):
    sf, fixes = _yaml_fixes(GOOD_B)
    twin = finding(sf.path, "deserialization", 5, 5, "    return yaml.safe_load(data)")
    verdicts = check_fixes([*fixes, twin], {sf.path: sf}, tmp_path, timeout=300)
    assert [v.ok for v in verdicts] == [True, True, True, True], verdicts
    # two copies in one re-scan: the twin of line 5 in a copy of its own
    assert semgrep_runs == [["batch0/svc/loaders.py", "fix3/svc/loaders.py", "orig/svc/loaders.py"]]


def test_a_baseline_of_the_review_spares_rescanning_the_original(tmp_path, monkeypatch):
    """With the review's own semgrep results for the original (run without the rules the flow analysis
    supersedes), the original is not given to semgrep again; the verdicts are the same."""
    import bot.analysis.verify as verify_mod
    from bot.analysis import flow as flow_mod
    from bot.analysis import semgrep as semgrep_mod

    sf, fixes = _yaml_fixes("    return eval(data)")
    root = tmp_path / "review" / "src"
    (root / sf.path).parent.mkdir(parents=True)
    (root / sf.path).write_text(sf.text, encoding="utf-8")
    skip = semgrep_mod.RuleFilter(skip=flow_mod.SUPERSEDED_RULES)
    review = semgrep_mod.run_semgrep(root, [sf.path], timeout=300, languages={"python"}, rules_filter=skip)
    baseline = verify_mod.Baseline(
        {sf.path: semgrep_mod.to_findings(review, {sf.path: sf})}, {sf.path: flow_mod.SUPERSEDED_RULES}
    )
    expected = check_fixes(fixes, {sf.path: sf}, tmp_path / "plain", timeout=300)
    runs: list[tuple[list[str], object]] = []
    real = verify_mod.run_semgrep

    def spy(root, relpaths, **kwargs):
        runs.append((list(relpaths), kwargs.get("rules_filter")))
        return real(root, relpaths, **kwargs)

    monkeypatch.setattr(verify_mod, "run_semgrep", spy)
    verdicts = check_fixes(fixes, {sf.path: sf}, tmp_path / "reuse", timeout=300, baseline=baseline)
    assert verdicts == expected and [v.ok for v in verdicts] == [True, False, True]
    # the flow analysis analyses every copy whole: the rules it supersedes run nowhere, so the
    # original is not given to semgrep at all
    assert runs == [
        (["batch0/svc/loaders.py"], skip),
        (["fix0/svc/loaders.py", "fix1/svc/loaders.py", "fix2/svc/loaders.py"], skip),
    ]


@pytest.mark.parametrize(
    ("cut", "expected_runs"),
    [
        # the batch (holding the wrong fix) is cut: it keeps every rule and its original gets them too
        (
            lambda text: "eval(" in text,
            [
                (["batch0/svc/loaders.py"], "all"),
                (["orig/svc/loaders.py"], "superseded"),
                (["fix0/svc/loaders.py", "fix2/svc/loaders.py"], "lean"),
                (["fix1/svc/loaders.py"], "all"),
            ],
        ),
        # the batch is analysed whole, but the first fix alone is cut in the second round: its original,
        # known from the first round without those rules, is given them then
        (
            lambda text: "loaded = " in text and "eval(" not in text,
            [
                (["batch0/svc/loaders.py"], "lean"),
                (["fix1/svc/loaders.py", "fix2/svc/loaders.py"], "lean"),
                (["fix0/svc/loaders.py"], "all"),
                (["orig/svc/loaders.py"], "superseded"),
            ],
        ),
    ],
)
def test_a_copy_the_flow_analysis_cuts_keeps_the_superseded_rules(tmp_path, monkeypatch, cut, expected_runs):
    """Where the flow analysis does not analyse a fixed copy whole, the rule pack's rules it supersedes
    run on that copy and on its original (a review keeps them in such a file); the verdicts are those
    of a verification without a baseline."""
    import bot.analysis.verify as verify_mod
    from bot.analysis import flow as flow_mod
    from bot.analysis import semgrep as semgrep_mod

    sf, fixes = _yaml_fixes("    return eval(data)")
    root = tmp_path / "review" / "src"
    (root / sf.path).parent.mkdir(parents=True)
    (root / sf.path).write_text(sf.text, encoding="utf-8")
    skip = semgrep_mod.RuleFilter(skip=flow_mod.SUPERSEDED_RULES)
    review = semgrep_mod.run_semgrep(root, [sf.path], timeout=300, languages={"python"}, rules_filter=skip)
    baseline = verify_mod.Baseline(
        {sf.path: semgrep_mod.to_findings(review, {sf.path: sf})}, {sf.path: flow_mod.SUPERSEDED_RULES}
    )
    real_flow = flow_mod.analyse_python

    def cutting(files, read, limits=None):
        result = real_flow(files, read, limits)
        for path, (text, _) in files.items():
            if cut(text):
                result.cuts.file(path, "a bound of the test")
        return result

    monkeypatch.setattr(flow_mod, "analyse_python", cutting)
    expected = check_fixes(fixes, {sf.path: sf}, tmp_path / "plain", timeout=300)
    names = {
        skip: "lean",
        semgrep_mod.ALL_RULES: "all",
        semgrep_mod.RuleFilter(only=flow_mod.SUPERSEDED_RULES): "superseded",
    }
    runs: list[tuple[list[str], str]] = []
    real = verify_mod.run_semgrep

    def spy(root, relpaths, **kwargs):
        runs.append((list(relpaths), names[kwargs["rules_filter"]]))
        return real(root, relpaths, **kwargs)

    monkeypatch.setattr(verify_mod, "run_semgrep", spy)
    verdicts = check_fixes(fixes, {sf.path: sf}, tmp_path / "reuse", timeout=300, baseline=baseline)
    assert verdicts == expected and [v.ok for v in verdicts] == [True, False, True]
    assert runs == expected_runs


def test_a_file_the_reviews_flow_analysis_did_not_decide_keeps_the_superseded_rules(tmp_path, monkeypatch):
    """When the review ran every rule on the file (its flow analysis was cut there, so the rules' own
    results stand in the review), the fixed copies are re-scanned with every rule too, whatever the
    flow analysis of the copy says."""
    import bot.analysis.verify as verify_mod
    from bot.analysis import semgrep as semgrep_mod

    sf, fixes = _yaml_fixes("    return eval(data)")
    root = tmp_path / "review" / "src"
    (root / sf.path).parent.mkdir(parents=True)
    (root / sf.path).write_text(sf.text, encoding="utf-8")
    review = semgrep_mod.run_semgrep(root, [sf.path], timeout=300, languages={"python"})
    baseline = verify_mod.Baseline({sf.path: semgrep_mod.to_findings(review, {sf.path: sf})}, {})
    expected = check_fixes(fixes, {sf.path: sf}, tmp_path / "plain", timeout=300)
    runs: list[tuple[list[str], object]] = []
    real = verify_mod.run_semgrep

    def spy(root, relpaths, **kwargs):
        runs.append((list(relpaths), kwargs["rules_filter"]))
        return real(root, relpaths, **kwargs)

    monkeypatch.setattr(verify_mod, "run_semgrep", spy)
    verdicts = check_fixes(fixes, {sf.path: sf}, tmp_path / "reuse", timeout=300, baseline=baseline)
    assert verdicts == expected and [v.ok for v in verdicts] == [True, False, True]
    assert runs == [
        (["batch0/svc/loaders.py"], semgrep_mod.ALL_RULES),
        (["fix0/svc/loaders.py", "fix1/svc/loaders.py", "fix2/svc/loaders.py"], semgrep_mod.ALL_RULES),
    ]


@pytest.mark.parametrize(
    ("path", "source", "fix", "refused"),
    [
        ("a.go", "package a\n\nfunc f() { go(next) }\n", "func f() { go(path.Clean(next)) }", True),
        (
            "a.js",
            "function f() { go(next); }\n",
            "function f() { go(next.replace('//', '/')); }",
            True,
        ),
        (
            "a.js",
            "function f() { go(next); }\n",
            "function f() { go(next.replaceAll('//', '/')); }",
            True,
        ),
        (
            "a.py",
            "from os.path import normpath\n\ngo(nxt)\n",
            "go(normpath(nxt))",
            True,
        ),
        (
            "a.go",
            "package a\n\nfunc f() { go(next) }\n",
            "func f() { u, _ := url.Parse(next); go(u) }",
            False,
        ),
        ("a.js", "function f() { go(next); }\n", "function f() { if (ok.includes(next)) go(next); }", False),
    ],
)
def test_a_redirect_fix_that_only_normalises_the_path_is_not_a_fix(path, source, fix, refused):
    """The one shape table (``_SHAPES``) refuses a redirect fix that adds a path normaliser and no host
    check, whichever normaliser: a Go clean, a JavaScript replace or replaceAll, an imported normpath."""
    from bot.analysis.verify import _shape_problem

    sf = new_file(source, path)
    line = len(source.splitlines())
    problem = _shape_problem(finding(path, "open-redirect", line, line, fix), sf, source)
    if refused:
        assert problem is not None and "only normalises the path" in problem
    else:
        assert problem is None
    # the same call in an injection fix is a deny-list (or nothing), never a path complaint
    other = _shape_problem(finding(path, "sql-injection", line, line, fix), sf, source)
    assert other is None or "only normalises" not in other


@pytest.mark.parametrize(
    "sink", ["res.redirect", "window.location.replace", "location.replace", "location.assign"]
)
def test_the_javascript_redirect_fixers_own_fix_has_a_fixs_shape(sink):
    """The fixer's guard falls back to ``<sink>('/')``: a second ``location.replace`` call is the sink,
    not a String ``replace`` normalising the path (it was refused as one)."""
    from bot.analysis import fixers
    from bot.analysis.verify import _shape_problem

    source = f"function go(req, res) {{\n  const next = req.query.next;\n  {sink}(next);\n}}\n"
    sf = new_file(source, "src/app.js")
    fixed = fixers.propose(finding(sf.path, "open-redirect", 3, 3, None), {sf.path: sf})
    assert fixed.replacement is not None and fixed.replacement.count(f"{sink}(") == 2
    assert _shape_problem(fixed, sf, source) is None
    # a String replace beside the sink is still a path-only normaliser
    cleaned = fixed.with_(replacement=f"  {sink}(next.replace('//', '/'));")
    problem = _shape_problem(cleaned, sf, source)
    assert problem is not None and "only normalises the path" in problem


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab/tmp\"'\\ \n=,[]")), max_size=80))
def test_literals_found_on_a_line_are_quoted_strings_of_it(line):
    # the carried-literal judgement reads a fix's line with this pattern: whatever it finds is a
    # quoted, escape-free, one-line string that the line holds with its quotes
    for a, b in _STRING_LITERAL.findall(line):
        value, quote = (a, '"') if f'"{a}"' in line and not b else (b, "'")
        assert f"{quote}{value}{quote}" in line
        assert "\n" not in value and "\\" not in value and quote not in value


_PREFIX_PIECES = (
    "strings.HasPrefix(", "x.startsWith(", "x.startswith((", "next", ", ", '"//"', "'/'", '"', "'",
    "\\", "\n", ")", " || ", "/", "(f(x)", "https://h",
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PREFIX_PIECES), max_size=24).map("".join))
def test_prefixes_tested_are_literals_of_the_text(text):
    # the redirect shape check reads prefix tests from a fix's text: each prefix it returns is a
    # quoted literal of that text, one line long
    for prefix in _prefixes_tested(text):
        assert f'"{prefix}"' in text or f"'{prefix}'" in text
        assert "\n" not in prefix
