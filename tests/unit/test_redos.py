"""ReDoS in regular expressions a change adds (bot.analysis.redos, bot.analysis.redos_regex)."""

from __future__ import annotations

import textwrap
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.redos import find_redos, patterns
from bot.analysis.redos_regex import findings
from bot.core.diffmap import parse_diff


@pytest.mark.parametrize(
    ("pattern", "kind"),
    [
        (r"\033\[(\d+)*m", "nested"),  # ansi-html
        (r"^(a+)+$", "nested"),
        (r"^(\w|\d)+$", "nested"),
        (r"^(\s*\w+)*$", "nested"),
        (r"[\{\[].*[\/]*.*[\}\]]$", "adjacent"),  # glob-parent
        (r"^data:(.*?),(.*?)(?:#(.*))?$", "adjacent"),  # normalize-url
        (r"^([\s\S]*?)((?:\.{1,2}|[^\\\/]+?|)(\.[^.\/\\]*|))(?:[\\\/]*)$", "adjacent"),  # path-parse
        (r"[\r\n]+$", "leading"),  # trim-newlines
        (r" *, *", "leading"),  # ws
        (r"\s*,\s*", "leading"),  # sinatra
    ],
)
def test_backtracking_shapes_from_real_advisories_are_found(pattern, kind):
    assert kind in findings(pattern)


@pytest.mark.parametrize(
    "pattern",
    [
        r"\033\[(\d+)m",  # the ansi-html fix
        r"[\{\[].*[\}\]]$",  # the glob-parent fix
        r"^data:([^,]*?),([^#]*?)(?:#(.*))?$",  # the normalize-url fix
        r"^(((?:[a-zA-Z]:|[\\\/]{2}[^\\\/]+[\\\/]+[^\\\/]+)?[\\\/]?)(?:[^\\\/]*[\\\/])*)"
        r"((\.{1,2}|[^\\\/]+?|)(\.[^.\/\\]*|))[\\\/]*$",  # the path-parse fix
        r"^\d+$",
        r"^[a-z0-9-]+\.[a-z]{2,}$",
        r"\s+",
        r"^(?:[a-z]+\.)*[a-z]+$",
        r"^([^:]+):(\d+)$",
        r"(\w+)=(\w+)",
        r"^[\w.+-]+@[\w-]+\.[\w.-]+$",
        r"^(\+|-)?\d+(\.\d+)?$",
        r"^\s*$",
        r"(?>a+)+b",  # atomic: no backtracking into the group
        r"\A(?:%\h\h|[a-z])*+@",  # possessive
    ],
)
def test_unambiguous_look_alikes_are_quiet(pattern):
    assert findings(pattern) == []


def test_literals_are_read_from_code_but_not_from_strings_comments_or_division():
    js = "javascript"
    assert list(patterns("  s = s.replace(/\\s*,\\s*/g, ',') // /(a+)+/", js)) == ["\\s*,\\s*"]
    assert list(patterns("const r = a / b / c;", js)) == []
    assert list(patterns("const s = '/(a+)+/'; const t = `/(b+)+/`;", js)) == []
    assert list(patterns("const re = new RegExp('^(a+)+$', 'g')", js)) == ["^(a+)+$"]
    assert list(patterns("if (/x+/.test(v)) go()", js)) == ["x+"]
    rb = "ruby"
    assert list(patterns("list.split(/\\s*,\\s*/) # /(a+)+/", rb)) == ["\\s*,\\s*"]
    assert list(patterns("RE = %r{^(a+)+$}x", rb)) == ["^(a+)+$"]
    assert list(patterns("s.split /,\\s*/", rb)) == [",\\s*"]
    assert list(patterns("half = total / 2 / n", rb)) == []


def _diff(path: str, old: str, new: str) -> str:
    return (
        f"diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -1,2 +1,2 @@\n"
        f" 'use strict';\n-{old}\n+{new}\n"
    )


def test_the_introducing_change_is_flagged_and_the_fix_is_not():
    vulnerable = "var ret = text.replace(/\\033\\[(\\d+)*m/g, fn);"
    fixed = "var ret = text.replace(/\\033\\[(\\d+)m/g, fn);"
    (finding,) = find_redos(parse_diff(_diff("index.js", fixed, vulnerable)))
    assert (finding.rule_id, finding.category, finding.cwe, finding.start_line) == (
        "regex-redos",
        "redos",
        "CWE-1333",
        2,
    )
    assert finding.confidence.label == "medium" and "exponential" in finding.message
    assert find_redos(parse_diff(_diff("index.js", vulnerable, fixed))) == []
    # Go's regexp never backtracks; Python and other languages are not read here
    assert find_redos(parse_diff(_diff("main.go", fixed, "r := regexp.MustCompile(`(\\d+)*m`)"))) == []


def test_only_the_exponential_shape_is_reported():
    # the polynomial shapes are analysed (findings() names them) but not reported: see redos.REPORTED
    diff = textwrap.dedent(
        """\
        diff --git a/lib/base.rb b/lib/base.rb
        --- a/lib/base.rb
        +++ b/lib/base.rb
        @@ -1,2 +1,2 @@
        -list.to_s.split(',').map(&:strip)
        -ok = s =~ /\\A\\w+\\z/
        +list.to_s.split(/\\s*,\\s*/)
        +ok = s =~ /\\A(\\w+)+\\z/
        """
    )
    (finding,) = find_redos(parse_diff(diff))
    assert (finding.start_line, finding.confidence.label) == (2, "medium")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="()[]{}|*+?^$\\.-,:=!<>dws0123az#/'\"%r ", max_size=200))
def test_any_pattern_or_line_is_analysed_without_error(text):
    findings(text)
    list(patterns(text, "javascript"))
    list(patterns(text, "ruby"))


def test_analysis_stays_fast_on_long_hostile_patterns():
    hostile = [
        "(" * 5000 + "a" + ")*" * 5000,
        "(a+)+" * 1000,
        "[" * 10000,
        "\\" * 10000,
        ".*" * 5000,
        "(?:a|" * 2000 + "b",
        "/" + "[/" * 5000,
        "'" + "\\'" * 5000,
        "a)" * 10000,
        "(a|b" * 3000 + ")*" * 3000 + "$",
    ]
    start = time.process_time()
    for text in hostile:
        findings(text)
        list(patterns(text, "javascript"))
        list(patterns(text, "ruby"))
    assert time.process_time() - start < 5.0


def test_a_replaced_literal_is_reported_only_when_strictly_more_ambiguous():
    pairs = [
        (
            "var enclosure = /[\\{\\[].*[\\/]*.*[\\}\\]]$/;",
            "var enclosure = /[\\{\\[].*[\\}\\]]$/;",
        ),  # glob-parent
        (
            "const parts = urlString.match(/^data:(.*?),(.*?)(?:#(.*))?$/);",
            "const parts = urlString.match(/^data:([^,]*?),([^#]*?)(?:#(.*))?$/);",
        ),  # normalize-url
    ]
    for vulnerable, fixed in pairs:
        (finding,) = find_redos(parse_diff(_diff("index.js", fixed, vulnerable)))
        assert finding.confidence.label == "medium" and "The pattern it replaces was" in finding.message
        assert find_redos(parse_diff(_diff("index.js", vulnerable, fixed))) == []
    # a new polynomial literal with nothing replaced is left alone in JS/Ruby (only exponential is reported)
    assert find_redos(parse_diff(_diff("index.js", "go();", "s.split(/ *, */)"))) == []
    assert find_redos(parse_diff(_diff("index.js", "var a = 1;", "var r = /^(.*?),(.*?)$/;"))) == []


def test_javascript_keeps_to_what_was_measured_there():
    # a new exponential literal is reported when the nested-repeat shape is there too...
    assert len(find_redos(parse_diff(_diff("index.js", "go();", "var r = /^(\\w+\\s?)+$/;")))) == 1
    # ...not for an overlap of alternatives alone (`(a|ab|b)*`), which the older check does not see
    assert find_redos(parse_diff(_diff("index.js", "go();", "var r = /^(?:a|ab|b)*c$/;"))) == []
    # a replacement worse only through the search from each position is left alone
    assert find_redos(parse_diff(_diff("index.js", "var r = /^,/;", "var r = /\\s*,/;"))) == []
