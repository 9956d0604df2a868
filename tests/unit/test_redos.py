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
    # the split on `\s*,\s*` (sinatra, CVE-2022-45442-like) is the leading white-space shape: low
    split, nested = find_redos(parse_diff(diff))
    assert (split.start_line, split.confidence.label) == (1, "low")
    assert (nested.start_line, nested.confidence.label) == (2, "medium")


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
    # a new polynomial literal with nothing replaced is left alone in JS/Ruby (only exponential is
    # reported), unless it opens with a repeat of white space: then low (ws, fresh, debug, trim-newlines)
    (split,) = find_redos(parse_diff(_diff("index.js", "go();", "s.split(/ *, */)")))
    assert split.confidence.label == "low" and "searched from every position" in split.message
    assert find_redos(parse_diff(_diff("index.js", "var a = 1;", "var r = /^(.*?),(.*?)$/;"))) == []


def test_javascript_keeps_to_what_was_measured_there():
    # a new exponential literal is reported when the nested-repeat shape is there too...
    assert len(find_redos(parse_diff(_diff("index.js", "go();", "var r = /^(\\w+\\s?)+$/;")))) == 1
    # ...not for an overlap of alternatives alone (`(a|ab|b)*`), which the older check does not see
    assert find_redos(parse_diff(_diff("index.js", "go();", "var r = /^(?:a|ab|b)*c$/;"))) == []
    # a replacement worse only through the search from each position is left alone...
    assert find_redos(parse_diff(_diff("index.js", "var r = /^<[^>]*>/;", "var r = /<[^>]*>/;"))) == []
    # ...unless it opens with a repeat of white space (the ws/fresh shape): low
    (low,) = find_redos(parse_diff(_diff("index.js", "var r = /^,/;", "var r = /\\s*,/;")))
    assert low.confidence.label == "low"


def test_a_new_leading_white_space_repeat_is_low_and_its_fixes_and_look_alikes_are_quiet():
    for added in (
        "var parts = header.split(/\\s*,\\s*/);",  # http-cache-semantics
        "return str.replace(/[\\r\\n]+$/, '');",  # trim-newlines
        "out = out.replace(/\\s*\\n\\s*/g, ' ');",  # debug
    ):
        (finding,) = find_redos(parse_diff(_diff("index.js", "go();", added)))
        assert finding.confidence.label == "low"
        # the fix: the regex gone, split on the plain character and trim
        assert find_redos(parse_diff(_diff("index.js", added, "var parts = header.split(',');"))) == []
    # http-cache-semantics 4.1.1 the other way round: `/,/` replaced by `/\s*,\s*/` (low); the fix quiet
    (finding,) = find_redos(parse_diff(_diff("index.js", "x.split(/,/);", "x.split(/\\s*,\\s*/);")))
    assert finding.confidence.label == "low" and "The pattern it replaces was linear" in finding.message
    assert find_redos(parse_diff(_diff("index.js", "x.split(/\\s*,\\s*/);", "x.split(/,/);"))) == []
    assert find_redos(parse_diff(_diff("index.js", "x.split(/\\s*,/);", "x.split(/\\s*,\\s*/);"))) == []
    for benign in (
        "var parts = header.split(/^\\s*,/);",  # anchored: one scan
        "var parts = header.split(/,\\s*/);",  # opens with the comma: each start fails at once
        "var words = text.split(/\\s+/);",  # nothing after the repeat can fail
        "var ok = /^\\s*$/.test(text);",
    ):
        assert find_redos(parse_diff(_diff("index.js", "go();", benign))) == []


ANSI_VULNERABLE = (
    r"""		'[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*"""
    r"""(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)',"""
)
ANSI_FIXED = (
    r"""		'[\\u001B\\u009B][[\\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]+)*"""
    r"""|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/#&.:=?%@~_]*)*)?\\u0007)',"""
)


def _ansi_file(line: str) -> str:
    return (
        "'use strict';\nmodule.exports = () => {\n\tconst pattern = [\n"
        f"{line}\n\t\t'(?:(?:\\\\d{{1,4}}(?:;\\\\d{{0,4}})*)?[\\\\dA-PR-TZcf-ntqry=><~]))'\n"
        "\t].join('|');\n\treturn new RegExp(pattern, 'g');\n};\n"
    )


def test_string_parts_of_a_pattern_built_with_regexp_are_compared():
    # ansi-regex 5.0.1 (CVE-2021-3807): the pattern is an array of strings joined and handed to RegExp
    introducing = parse_diff(_diff("index.js", ANSI_FIXED, ANSI_VULNERABLE))
    (finding,) = find_redos(introducing, None, {"index.js": _ansi_file(ANSI_VULNERABLE)})
    assert finding.confidence.label == "medium" and "The pattern it replaces was linear" in finding.message
    fixing = parse_diff(_diff("index.js", ANSI_VULNERABLE, ANSI_FIXED))
    assert find_redos(fixing, None, {"index.js": _ansi_file(ANSI_FIXED)}) == []
    # the same strings in a file that never builds a RegExp from a variable are not patterns
    plain = _ansi_file(ANSI_VULNERABLE).replace("new RegExp(pattern, 'g')", "pattern")
    assert find_redos(introducing, None, {"index.js": plain}) == []
    assert find_redos(introducing) == []  # no file text: literals only


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="()[]{}|*+?^$\\.-,:=!<>dws0az'\"`/ ", max_size=200))
def test_string_fragments_of_any_line_are_read_without_error(text):
    from bot.analysis.redos import _dynamic_regexp, _string_fragments

    for start, body in _string_fragments(text):
        assert 0 <= start < len(text) and len(body) <= len(text)
    _dynamic_regexp(text)
    head = "const r = new RegExp(p);\n"
    find_redos(parse_diff(_diff("index.js", "go();", text.replace("\n", " "))), None, {"index.js": head})


def test_a_new_polynomial_pattern_is_low_in_javascript_and_its_look_alikes_are_quiet():
    # clean-css 4.1.11 (time units): `\d+\.?\d*` in a new RegExp string replacing a list of units
    time_re = "var timeRegex = new RegExp('^(\\\\-?\\\\+?\\\\.?\\\\d+\\\\.?\\\\d*(s|ms))$');"
    (finding,) = find_redos(parse_diff(_diff("validator.js", "var validTimeUnits = ['ms', 's'];", time_re)))
    assert finding.confidence.label == "low" and "polynomial (degree 2)" in finding.message
    assert find_redos(parse_diff(_diff("validator.js", time_re, "var validTimeUnits = ['ms', 's'];"))) == []
    # es5-ext 0.10.63 (function tokens): `\s*\(?([\0-'*-\uffff]*)` on a function's source
    tokens = "  , re2 = /^\\s*\\(?([\\0-'*-\\uffff]*)\\)?\\s*=>\\s*(\\{?[\\0-\\uffff]*\\}?)\\s*$/;"
    (finding,) = find_redos(parse_diff(_diff("to-string-tokens.js", "var x = 1;", tokens)))
    assert finding.confidence.label == "low"
    for benign in (
        "var num = /^\\d+(\\.\\d+)?$/;",  # one way to split
        "var kv = /^\\s*(\\w+)\\s*=\\s*(\\d+)\\s*$/;",  # the repeats read different characters
        "var pair = /^(.*?),(.*?)$/;",  # only wildcards: the common split, left alone
        "var ver = /^v?(\\d{1,9})\\.(\\d{1,9})$/;",  # bounded repeats
    ):
        assert find_redos(parse_diff(_diff("index.js", "var a = 1;", benign))) == [], benign
    # path-parse 1.0.7's fix: one anchored pattern where two stood; no more ambiguous than they
    two = (
        "var splitDeviceRe = "
        "/^([a-zA-Z]:|[\\\\\\/]{2}[^\\\\\\/]+[\\\\\\/]+[^\\\\\\/]+)?([\\\\\\/])?([\\s\\S]*?)$/;\n"
        "var splitTailRe = /^([\\s\\S]*?)((?:\\.{1,2}|[^\\\\\\/]+?|)(\\.[^.\\/\\\\]*|))(?:[\\\\\\/]*)$/;"
    )
    one = (
        "var splitWindowsRe = /^(((?:[a-zA-Z]:|[\\\\\\/]{2}[^\\\\\\/]+[\\\\\\/]+[^\\\\\\/]+)?[\\\\\\/]?)"
        "(?:[^\\\\\\/]*[\\\\\\/])*)((\\.{1,2}|[^\\\\\\/]+?|)(\\.[^.\\/\\\\]*|))[\\\\\\/]*$/;"
    )
    old, new = two.split("\n"), [one]
    diff = (
        "diff --git a/index.js b/index.js\n--- a/index.js\n+++ b/index.js\n@@ -1,3 +1,2 @@\n 'use strict';\n"
        + "".join(f"-{line}\n" for line in old)
        + "".join(f"+{line}\n" for line in new)
    )
    assert find_redos(parse_diff(diff)) == []


def test_a_bound_taken_off_a_searched_pattern_is_low():
    # underscore.string 3.3.5 (CVE-2021-23358's sibling, unescapeHTML): `[^;]{1,10}` -> `[^;]+`
    fixed = "return makeString(str).replace(/\\&([^;]{1,10});/g, function(entity, entityCode) {"
    vulnerable = "return makeString(str).replace(/\\&([^;]+);/g, function(entity, entityCode) {"
    (finding,) = find_redos(parse_diff(_diff("unescapeHTML.js", fixed, vulnerable)))
    assert finding.confidence.label == "low" and "The pattern it replaces was linear" in finding.message
    assert find_redos(parse_diff(_diff("unescapeHTML.js", vulnerable, fixed))) == []
    # minimatch 3.0.5: `\{(?:(?!\{).)*\}` (a one-character lookahead: `[^{]`) -> `\{.*\}`
    fixed = "if (options.nobrace || !pattern.match(/\\{(?:(?!\\{).)*\\}/)) {"
    vulnerable = "if (options.nobrace || !pattern.match(/\\{.*\\}/)) {"
    (finding,) = find_redos(parse_diff(_diff("minimatch.js", fixed, vulnerable)))
    assert finding.confidence.label == "low"
    assert find_redos(parse_diff(_diff("minimatch.js", vulnerable, fixed))) == []
    # an anchor taken off is left alone (measured: test_javascript_keeps_to_what_was_measured_there),
    # and so is a bound taken off where nothing after the repeat can fail
    assert (
        find_redos(parse_diff(_diff("a.js", "s.replace(/&[^;]{1,10}/g, f);", "s.replace(/&[^;]+/g, f);")))
        == []
    )


def test_one_character_lookaheads_are_folded_into_the_next_character():
    from bot.analysis.redos_ambiguity import analyse
    from bot.analysis.redos_regex import parse
    from bot.analysis.redos_sre import parse_python

    for pattern, rank in (
        (r"\{(?:(?!\{).)*\}", 1),  # `[^{]*` between braces
        (r"\{.*\}", 2),
        (r"<(?:(?!<)[\s\S])*>", 1),  # `<[^<]*>`: a scan stops at the next `<`
        (r"<(?:(?!>)[\s\S])*>", 2),  # `<[^>]*>`: each `<` scans to the end
        (r"(?=\d)\w+\d*x", 3),  # before a repeat: an assertion, as before
        (r"(?!ab).*a.*b", 3),  # a lookahead of two characters stays an assertion
    ):
        assert analyse(parse(pattern), "search").rank == rank, pattern
        node = parse_python(pattern)
        assert node is not None and analyse(node, "search").rank == rank, pattern


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["(?=", "(?!", "(?<=", "(?<!", "(?:", "(", ")", "[a-c]", "\\d", ".", "a", "*", "+", "|"]
        ),
        max_size=40,
    )
)
def test_patterns_with_lookaheads_are_parsed_and_analysed_without_error(parts):
    import re

    from bot.analysis.redos_ambiguity import analyse
    from bot.analysis.redos_regex import parse
    from bot.analysis.redos_sre import parse_python

    text = "".join(parts)
    analyse(parse(text), "search")
    try:
        re.compile(text)
    except (re.error, RecursionError, OverflowError):
        return
    node = parse_python(text)
    if node is not None:
        analyse(node, "search")


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, (1 << 128) - 1), st.integers(0, (1 << 128) - 1), st.booleans(), st.sampled_from([1, -1])
)
def test_a_folded_lookahead_only_narrows_the_character(x_bits, s_bits, wide, look):
    from bot.analysis.redos_regex import CharSet, Node, narrow

    s = CharSet(s_bits, wide)
    (folded,) = narrow([Node("anchor", chars=CharSet(x_bits, not wide), look=look), Node("char", chars=s)])
    assert folded.kind == "char" and folded.chars.within(s)


def test_a_grouped_white_space_repeat_is_the_leading_shape():
    # validator 13.6.0's rtrim (CVE-2021-3765): `/(\s)+$/g`; the fix walks back from the end
    (finding,) = find_redos(
        parse_diff(_diff("rtrim.js", "return str;", "return str.replace(/(\\s)+$/g, '');"))
    )
    assert finding.confidence.label == "low"
    assert (
        find_redos(parse_diff(_diff("rtrim.js", "return str.replace(/(\\s)+$/g, '');", "return str;"))) == []
    )
    assert find_redos(parse_diff(_diff("rtrim.js", "go();", "return str.replace(/^(\\s)+/g, '');"))) == []


D3_HEAD = (
    'var reN = "\\\\s*([+-]?\\\\d*\\\\.?\\\\d+(?:[eE][+-]?\\\\d+)?)%\\\\s*";\n'
    'var reRgb = new RegExp("^rgb\\\\(" + [reN, reN, reN] + "\\\\)$");\n'
)


def test_string_parts_joined_to_a_literal_in_regexp_are_patterns():
    # d3-color 3.0.1 (GHSA-36jr-mh4h-2g58): number parts joined with `+` into `new RegExp("^rgb\\(" + ...)`
    vulnerable = D3_HEAD.split("\n", maxsplit=1)[0]
    fixed = 'var reN = "\\\\s*([+-]?(?:\\\\d*\\\\.)?\\\\d+(?:[eE][+-]?\\\\d+)?)%\\\\s*";'
    (finding,) = find_redos(parse_diff(_diff("color.js", fixed, vulnerable)), None, {"color.js": D3_HEAD})
    assert finding.confidence.label == "medium"
    head = D3_HEAD.replace(vulnerable, fixed)
    assert find_redos(parse_diff(_diff("color.js", vulnerable, fixed)), None, {"color.js": head}) == []
    # a literal handed whole to RegExp is not a sign that strings elsewhere are pattern parts
    plain = D3_HEAD.split("\n", maxsplit=1)[0] + '\nvar r = new RegExp("^rgb$");\n'
    assert find_redos(parse_diff(_diff("color.js", fixed, vulnerable)), None, {"color.js": plain}) == []


def test_a_lookahead_before_a_repeat_narrows_its_first_character_and_a_moved_pattern_is_not_new():
    # brace-expansion 1.1.12 (CVE-2025-5889): `/,(?!,).*\}/` starts only at the last comma of a run
    fixed, vulnerable = "if (m.post.match(/,(?!,).*\\}/)) {", "if (m.post.match(/,.*\\}/)) {"
    (finding,) = find_redos(parse_diff(_diff("index.js", fixed, vulnerable)))
    assert finding.confidence.label == "low"
    assert find_redos(parse_diff(_diff("index.js", vulnerable, fixed))) == []
    # forwarded 0.1.1: `/ *, */` hoisted into a constant elsewhere in the file is the same pattern
    diff = (
        "diff --git a/index.js b/index.js\n--- a/index.js\n+++ b/index.js\n"
        "@@ -1,2 +1,3 @@\n 'use strict';\n+var TOKEN_LIST_REGEXP = / *, */\n var x = 1;\n"
        "@@ -20,3 +21,3 @@\n function forwarded (req) {\n-  var list = header.split(/ *, */)\n"
        "+  var list = header.trim().split(TOKEN_LIST_REGEXP)\n }\n"
    )
    assert find_redos(parse_diff(diff)) == []


def test_white_space_and_its_complement_do_not_overlap_beyond_ascii():
    from bot.analysis.redos_ambiguity import analyse
    from bot.analysis.redos_regex import parse

    # `\s` and `\S` (or `[^\s;]`) read different characters beyond ASCII too (they were taken as
    # overlapping there, so `^\s*\S+\s*$` read as cubic and negotiator's fix as ambiguous as its flaw)
    for pattern in (r"^\s*\S+\s*$", r"^\s*[^\s;]+;", r"^\s*([^\s\-;]+)(?:-([^\s;]+))?\s*(?:;(.*))?$"):
        assert analyse(parse(pattern), "search").rank == 1, pattern
    assert analyse(parse(r".*é.*x"), "search").rank >= 2  # a character beyond ASCII is still read
    # negotiator 0.6.1 (CVE-2016-10539): the flaw replacing the fix is reported, the fix is quiet
    fixed = "var simpleLanguageRegExp = /^\\s*([^\\s\\-;]+)(?:-([^\\s;]+))?\\s*(?:;(.*))?$/;"
    vulnerable = "var simpleLanguageRegExp = /^\\s*(\\S+?)(?:-(\\S+?))?\\s*(?:;(.*))?$/;"
    (finding,) = find_redos(parse_diff(_diff("language.js", fixed, vulnerable)))
    assert finding.confidence.label == "medium"
    assert find_redos(parse_diff(_diff("language.js", vulnerable, fixed))) == []


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, (1 << 128) - 1),
    st.integers(0, 7),
    st.integers(0, 7),
    st.integers(0, (1 << 128) - 1),
    st.integers(0, 7),
)
def test_character_set_algebra_keeps_its_kinds(a_bits, a_kinds, a_whole, b_bits, b_kinds):
    from bot.analysis.redos_regex import CharSet, _not

    a = CharSet(a_bits | (a_kinds << 128), bool(a_kinds), (a_whole & a_kinds) << 128)
    b = CharSet(b_bits | (b_kinds << 128), bool(b_kinds))
    assert a.within(a | b) and b.within(a | b)
    assert (a & b).within(a) and (a & b).within(b)
    assert not (a & _not(a)).bits & ((1 << 128) - 1)
    assert a.within(_not(_not(a)))
    if a.whole == a.kinds():  # held entirely: the complement shares nothing with it
        assert not a.overlaps(_not(a))
