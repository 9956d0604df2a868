"""Property tests of the fixers' parsers on untrusted code text (issue 12): the SQL and shell cores,
the workflow quoting scanner and every fixer never raise, stay within a linear time budget on large
inputs, and what they produce holds its promises (placeholders match parameters, values never split,
a fix is always confined to added lines and parses)."""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers.github_actions import _quote_states
from bot.analysis.fixers.shellwords import split_command
from bot.analysis.fixers.sqltext import parameterise, printf_pieces
from bot.analysis.verify import apply_fix, syntax_errors
from bot.core.models import Confidence, Finding, Severity
from tests.unit.fixerkit import new_file

SQLISH = st.text(alphabet="SELECT*FROMWHERE=<>(),'\"%?:$ab1 \\\n\t", max_size=60)
PIECES = st.lists(st.tuples(st.booleans(), SQLISH), max_size=8)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(PIECES)
def test_parameterise_never_raises_and_counts_its_placeholders(pieces):
    out = parameterise(pieces, lambda n: f"<{n}>")
    if out is None:
        return
    sql, params = out
    assert all(f"<{n}>" in sql for n in range(1, len(params) + 1))
    assert sql.count("'") % 2 == 0  # no literal left open around a placeholder
    values = [t for v, t in pieces if v and t]
    assert [t for p in params for v, t in p.pieces if v and t] == values


@FUZZ
@given(SQLISH, st.lists(st.text(max_size=5), max_size=4))
def test_printf_pieces_fills_every_directive_or_refuses(template, values):
    out = printf_pieces(template, values)
    if out is not None:
        assert [t for v, t in out if v] == values


@FUZZ
@given(st.lists(st.tuples(st.booleans(), st.text(alphabet="ab -'\"$;|&\\ \t=/", max_size=20)), max_size=8))
def test_split_command_keeps_every_value_inside_one_word(pieces):
    words = split_command(pieces)
    if words is None:
        return
    flat = [t for w in words for v, t in w if v]
    assert flat == [t for v, t in pieces if v]
    assert all(not v for v, _ in words[0])  # the program is constant


@FUZZ
@given(st.text(alphabet="echo ${}'\"#<\\\n abc", max_size=200))
def test_the_workflow_quote_scanner_gives_a_state_per_character(text):
    states = _quote_states(text)
    assert states is None or len(states) == len(text) + 1


CODE = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyz_.()[]{}'\"`$+%=,:;<>!#\\ \n\t-/*?0123456789SELECTWHERE",
    max_size=300,
)
PATHS = ["a/x.py", "a/x.js", "a/x.ts", "a/X.java", "a/x.go", ".github/workflows/x.yml"]
CATEGORIES = ["sql-injection", "command-injection", "workflow-injection"]


@FUZZ
@given(CODE, st.sampled_from(PATHS), st.sampled_from(CATEGORIES), st.integers(min_value=1, max_value=12))
def test_no_fixer_raises_on_arbitrary_text_and_a_fix_stays_on_added_lines(text, path, category, line):
    sf = new_file(text, path)
    n = max(1, len(sf.lines))
    finding = Finding(
        rule_id="fuzz",
        engine="semgrep",
        category=category,
        cwe="CWE-0",
        title="t",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=path,
        start_line=min(line, n),
        end_line=min(line, n),
        message="m",
    )
    out = fixers.propose(finding, {path: sf})
    if out.replacement is None:
        return
    assert all(k in sf.change.added_lines for k in out.lines)
    patched = apply_fix(sf.text, out)
    assert patched is not None
    before = syntax_errors(sf.text, sf.language, path)
    after = syntax_errors(patched, sf.language, path)
    assert before is None or after is None or after <= before or before > 0


def test_the_cores_are_linear_on_large_hostile_input():
    big = [(False, "SELECT a FROM t WHERE b = '" * 2000), (True, "x"), (False, "'" * 4001)] * 5
    started = time.perf_counter()
    parameterise(big, lambda n: "?")
    split_command([(False, "a " * 20000), (True, "v"), (False, " 'b" * 20000)])
    _quote_states("echo '${{ x }}' \"$y\" # c\n" * 5000)
    text = "import sqlite3\n\n\ndef f(cur, x):\n" + "    cur.execute(f\"SELECT 1 WHERE a = '{x}'\")\n" * 2000
    sf = new_file(text, "a/big.py")
    finding = Finding(
        rule_id="r",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="t",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=sf.path,
        start_line=1000,
        end_line=1000,
        message="m",
    )
    fixers.propose(finding, {sf.path: sf})
    assert time.perf_counter() - started < 20
