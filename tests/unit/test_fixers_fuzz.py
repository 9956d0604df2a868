"""Property tests of the fixers' parsers on untrusted code text (issue 12): the SQL and shell cores,
the workflow quoting scanner and every fixer never raise, stay within a linear time budget on large
inputs, and what they produce holds its promises (placeholders match parameters, values never split,
a fix is always confined to added lines and parses)."""

from __future__ import annotations

import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers.github_actions import _quote_states
from bot.analysis.fixers.shellwords import split_command
from bot.analysis.fixers.sqltext import parameterise, printf_pieces
from bot.analysis.verify import apply_fix, syntax_errors
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import Confidence, Finding, Severity, SourceFile
from tests.unit.fixerkit import new_file

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
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


def _corpus_flaws() -> list[tuple[str, str, str, int]]:
    """(file text, path, category, flagged line) of every vulnerable corpus case's expected finding."""
    out = []
    for case in sorted(CORPUS.glob("*/case.yml")):
        meta = yaml.safe_load(case.read_text(encoding="utf-8"))
        if meta.get("label") != "vulnerable":
            continue
        for expected in meta.get("expect") or []:
            source = case.parent / "after" / expected["path"]
            if source.is_file() and source.stat().st_size < 20_000:
                text = source.read_text(encoding="utf-8")
                out.append((text, expected["path"], meta["category"], expected["line"]))
    return out


def _with_row(
    flaw: tuple[str, str, str, int], at: int, row: str, reach: int
) -> tuple[str, str, str, int, int]:
    """The flaw's file with ``row`` put in before line ``at`` (the flagged line moves with it); the
    change adds only the lines within ``reach`` of the flagged one."""
    text, path, category, line = flaw
    lines = text.splitlines()
    at %= len(lines) + 1
    lines.insert(at, row)
    return "\n".join(lines) + "\n", path, category, line + (1 if at < line else 0), reach


def _partly_added(text: str, path: str, added: set[int]) -> SourceFile:
    """``text`` as a modified file whose change adds only the lines in ``added`` (the rest is context)."""
    lines = text.splitlines()
    body = "".join(("+" if n in added else " ") + row + "\n" for n, row in enumerate(lines, 1))
    diff = (
        f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n"
        f"@@ -1,{len(lines) - len(added)} +1,{len(lines)} @@\n{body}"
    )
    return SourceFile(parse_diff(diff).file(path), text, detect_language(path), False)


# arbitrary text (every fixer must refuse it quietly), or a corpus flaw every fixer class meets, with a
# hostile row put in anywhere: random text alone almost never holds a shape a fixer rewrites, so the
# assertions on a fix were never reached
FLAWS = st.one_of(
    st.tuples(
        CODE,
        st.sampled_from(PATHS),
        st.sampled_from(CATEGORIES),
        st.integers(min_value=1, max_value=12),
        st.none(),
    ),
    st.builds(
        _with_row,
        st.sampled_from(_corpus_flaws()),
        st.integers(0, 400),
        st.text(alphabet="ab_.()[]{}'\"`$+%=,:;<>!#\\ \t-/*?0SELECT", max_size=40),
        st.integers(0, 3),
    ),
)


@FUZZ
@given(FLAWS)
def test_no_fixer_raises_on_arbitrary_text_and_a_fix_stays_on_added_lines(flaw):
    text, path, category, line, reach = flaw
    if reach is None:  # the whole file is new
        sf = new_file(text, path)
    else:  # a change that adds the flagged line and a few around it, inside an existing file
        sf = _partly_added(
            text, path, set(range(line - reach, line + reach + 1)) & set(range(1, len(text.splitlines()) + 1))
        )
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
    event("fixed")


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
