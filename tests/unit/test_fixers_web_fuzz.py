"""Property tests of the web, secrets and infrastructure fixers on untrusted code (issue 12 item 3):
arbitrary text and mutated real vulnerable files never make a fixer raise, a fix stays on added
lines and never breaks a file that parsed, and large hostile input is handled in linear time."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers.go_web import _verbs
from bot.analysis.fixers.iac import _split
from bot.analysis.verify import apply_fix, syntax_errors
from bot.cli.evaluate import load_cases
from bot.core.models import Confidence, Finding, Severity
from tests.unit.fixerkit import new_file

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CLASSES = [
    "path-traversal",
    "open-redirect",
    "xss",
    "insecure-randomness",
    "weak-crypto",
    "weak-password-hash",
    "insecure-cookie",
    "container-privilege",
    "infrastructure-exposure",
]
PATHS = ["a/x.py", "a/x.js", "a/x.ts", "a/X.java", "a/x.go", "Dockerfile", "k8s/pod.yaml", "infra/main.tf"]
CODE = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz_.()[]{}'\"`$+%=,:;<>!#\\ \n\t-/*?0123456789"
    "innerHTMLset_cookieredirectrandomhashlibUSERroot",
    max_size=300,
)
CORPUS = Path(__file__).resolve().parents[1] / "corpus"
VULNERABLE = [
    (rel, file.read_text(encoding="utf-8", errors="replace"), case.category)
    for case in load_cases(CORPUS)
    if case.vulnerable and case.category in CLASSES
    for file in sorted(p for p in case.after.rglob("*") if p.is_file())
    for rel in [file.relative_to(case.after).as_posix()]
]


def _finding(path: str, category: str, line: int) -> Finding:
    return Finding(
        "fuzz", "semgrep", category, "CWE-0", "t", Severity.HIGH, Confidence.HIGH, path, line, line, "m"
    )


def _holds(text: str, path: str, category: str, line: int) -> None:
    sf = new_file(text, path)
    n = max(1, len(sf.lines))
    out = fixers.propose(_finding(path, category, min(max(line, 1), n)), {path: sf})
    if out.replacement is None:
        return
    assert all(k in sf.change.added_lines for k in out.lines)
    patched = apply_fix(sf.text, out)
    assert patched is not None
    before = syntax_errors(sf.text, sf.language, path)
    after = syntax_errors(patched, sf.language, path)
    assert not (before == 0 and after), f"a fix broke a file that parsed: {out.replacement!r}"


@FUZZ
@given(CODE, st.sampled_from(PATHS), st.sampled_from(CLASSES), st.integers(min_value=1, max_value=12))
def test_no_fixer_raises_on_arbitrary_text_and_a_fix_stays_on_added_lines(text, path, category, line):
    _holds(text, path, category, line)


@FUZZ
@given(
    st.sampled_from(VULNERABLE),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["", "'", '"', "(", ")", "{", "}", "\n", "`", "\\", "#", " if x:"]),
    st.integers(min_value=1, max_value=40),
)
def test_a_mutated_vulnerable_file_never_makes_a_fixer_raise_or_break_it(case, at, insert, line):
    path, text, category = case
    at %= max(1, len(text))
    _holds(text[:at] + insert + text[at + 1 :], path, category, line)


@FUZZ
@given(st.text(alphabet="%sd-+# .0123456789*[]<p>", max_size=80))
def test_go_format_verbs_are_parsed_or_refused(fmt):
    verbs = _verbs(fmt)
    assert verbs is None or len(verbs) <= fmt.count("%")


@FUZZ
@given(st.text(max_size=120), st.sampled_from([":", "="]))
def test_an_iac_line_splits_back_into_itself(line, sep):
    parts = _split(line, sep)
    if parts is not None:
        before, value, after, _ = parts
        assert before + value + after == line and value


def test_the_fixers_are_linear_on_large_hostile_input():
    started = time.perf_counter()
    for path, unit in [
        ("a/x.js", "el.innerHTML = a + '<b>' + "),
        ("a/x.py", "resp.set_cookie('sid', v, " * 1),
        ("a/x.go", 'fmt.Fprintf(w, "<p>%s%s%s", '),
        ("infra/main.tf", 'cidr_blocks = ["0.0.0.0/0", '),
        ("k8s/pod.yaml", "kind: Pod\n  privileged: true # "),
    ]:
        text = unit * 5000
        for category in CLASSES:
            _holds(text, path, category, 1)
    assert time.perf_counter() - started < 30
