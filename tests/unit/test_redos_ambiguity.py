"""The ambiguity analysis behind ReDoS findings (bot.analysis.redos_ambiguity, bot.analysis.redos_sre):
exponential vs polynomial degree vs linear, on patterns from real advisories and benign look-alikes."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.redos_ambiguity import EXPONENTIAL, analyse
from bot.analysis.redos_regex import parse
from bot.analysis.redos_report import verdict
from bot.analysis.redos_sre import parse_python


def _rank(pattern: str, mode: str = "search", flags: int = 0) -> tuple[int, int]:
    node = parse_python(pattern, flags)
    assert node is not None
    found = analyse(node, mode)
    assert found.known
    return found.rank, found.inner


E = EXPONENTIAL


@pytest.mark.parametrize(
    ("pattern", "mode", "rank"),
    [
        (r"^(a+)+$", "match", E),
        (r"(\d+)*m", "search", E),  # ansi-html
        (r"(a|aa)*c", "match", E),
        (r"^(a|a)*$", "match", E),  # Python's parser makes it `a(?:|)`: two empty ways, still two
        (r"(\w+\s?)+$", "match", E),
        (r"(?:.*,)*[ \t]*([^ \t]+)[ \t]+realm=([\"'])(.*?)\2", "search", E),  # mechanize
        (r"^([-/:,#%.'\"\s!\w]|\w-\w|'[\s\w]+'\s*)*$", "match", E),  # bleach
        (r"(?:\.(?:[a-z0-9]-?)*[a-z0-9]+)*\.com", "match", E),  # dperini's domain labels
        (r"(\w+\s?)+", "full", E),
        (r"\s*\w*\s*$", "match", 2),
        (r"(.*),(.*)", "search", 2),
        (r"^\S+@[a-zA-Z0-9._-]+\.[a-zA-Z0-9._-]+$", "match", 2),
        (r"-\*-\s*([^\r\n]*?)\s*-\*-", "search", 3),  # markdown2
        (r"<([^>]*\srel\s*=\s*['\"]?([^'\">]+)[^>]*)>", "search", 3),  # setuptools
        (r"<([^>]*\srel\s{0,10}=\s{0,10}['\"]?([^'\" >]+)[^>]*)>", "search", 2),  # its fix
        (r"[{\[].*[/]*.*[}\]]$", "search", 3),  # glob-parent
        (r"[{\[].*[}\]]$", "search", 2),  # its fix
        (r"\s*,\s*", "search", 2),  # only the search from each position
        (r"^[a-z]+$", "match", 1),
        (r"^\d{1,3}(\.\d{1,3}){3}$", "match", 1),
        (r"(a|ab)*c", "match", 1),
        (r"(.*),(.*)", "match", 1),
        (r"\s+", "search", 1),  # nothing after the repeat can fail
        (r"^(?:[a-z]+\.)*[a-z]+$", "match", 1),
        (r'"((?:[^"\\]|\\.)*)"', "search", 1),
        (r"(?:^|,)[ \t]*([^ \t,]+)[ \t]+realm=([\"']?)([^\"']*)\2", "search", 1),  # the mechanize fix
        (r"-\*-\s*(?:(\S[^\r\n]*?)([\r\n]\s*)?)?-\*-", "search", 1),  # the markdown2 fix
        (r"^[\w.+-]+@[\w-]+\.[\w.-]+$", "match", 1),
        (r"^(\+|-)?\d+(\.\d+)?$", "match", 1),
        (r"^\s*$", "match", 1),
    ],
)
def test_patterns_get_their_degree(pattern, mode, rank):
    assert _rank(pattern, mode)[0] == rank


def test_flags_change_what_the_pattern_covers():
    assert _rank(r"a.*\n.*b", "match") == (1, 1)  # '.' stops at a line break...
    assert _rank(r"a.*\n.*b", "match", re.S) == (2, 2)  # ...unless DOTALL
    assert _rank(r"[a-z]+[A-Z]+!", "match") == (1, 1)
    assert _rank(r"[a-z]+[A-Z]+!", "match", re.I) == (2, 2)
    assert _rank(r"^( a | b )* $", "match", re.X) == (1, 1)  # the layout is not part of the pattern
    assert _rank(r"^( a | a )* $", "match", re.X)[0] == E
    assert _rank(r"\d+\w+!", "match", re.A) == (2, 2)
    assert _rank(r"\s+\w+!", "match") == (1, 1)  # white space and word characters never overlap


def test_search_from_every_position_is_one_more_degree_unless_anchored():
    assert _rank(r"\s*,") == (2, 1)
    assert _rank(r"^\s*,") == (1, 1)
    assert _rank(r"\A\s*,") == (1, 1)
    assert _rank(r"(?m)^\s*,") == (2, 1)


def test_atomic_and_possessive_parts_do_not_backtrack():
    assert _rank(r"^(?>a+)+$", "match") == (1, 1)
    assert _rank(r"^(a++)+$", "match") == (1, 1)
    assert analyse(parse(r"\A(?:%\h\h|[a-z])*+@"), "search").rank == 1


def test_javascript_and_ruby_patterns_go_through_the_small_parser():
    assert analyse(parse(r"^(a+)+$"), "search").rank == E
    assert analyse(parse(r"^data:(.*?),(.*?)(?:#(.*))?$"), "search").rank == 2  # normalize-url
    assert analyse(parse(r"^data:([^,]*?),([^#]*?)(?:#(.*))?$"), "search").rank == 1  # its fix


def test_the_message_parts_name_the_repeats_and_the_input():
    node = parse_python(r"^\s*\s*,")
    assert node is not None
    found = analyse(node, "match")
    assert found.parts == (r"\s*",) and found.pump == "spaces" and found.closing == "','"


def test_a_replacement_is_reported_only_when_strictly_worse():
    def at(pattern: str, mode: str = "search"):
        node = parse_python(pattern)
        assert node is not None
        return analyse(node, mode)

    exp, cubic, quad, lin = at(r"(a+)+$"), at(r"^\s*\s*\s*$"), at(r"^\s*\s*$"), at(r"^a$")
    assert (exp.rank, cubic.rank, quad.rank, lin.rank) == (E, 3, 2, 1)
    for worse, better in ((exp, cubic), (cubic, quad), (quad, lin), (exp, lin)):
        assert verdict(worse, better, python=True, constant_input=False) is not None
        assert verdict(better, worse, python=True, constant_input=False) is None
        assert verdict(better, better, python=True, constant_input=False) is None
    assert verdict(exp, None, python=False, constant_input=False) is not None
    assert verdict(quad, None, python=False, constant_input=False) is None  # JS/Ruby: only by comparison
    assert verdict(quad, None, python=True, constant_input=True) is None
    assert verdict(at(r"\s*,"), None, python=True, constant_input=False) is None  # the search's own


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="()[]{}|*+?^$\\.-,:=!<>dwsSDW0123az#/'\"%r ", max_size=300))
def test_any_pattern_is_judged_quickly_and_without_error(text):
    start = time.process_time()
    for mode in ("search", "match", "full"):
        node = parse_python(text)
        if node is not None:
            analyse(node, mode)
        analyse(parse(text), mode)
    assert time.process_time() - start < 2.0


def test_hostile_patterns_stay_within_the_bounds():
    hostile = [
        "(" * 200 + "a" + ")*" * 200,
        "(a+)+" * 300,
        "(?:a|" * 300 + "b" + ")" * 300,
        ".*" * 1000,
        "(a|b|c|d|e|f|g|h)*" * 60,
        "((((a*)*)*)*)*" * 40,
        "[a-z]{1,100}" * 100,
        "(.*,){50}" * 10,
        "(?:(?:a|ab|abc|abcd)*x)*y" * 20,
        "\\" * 1999,
    ]
    start = time.process_time()
    for text in hostile:
        node = parse_python(text)
        for tree in (node, parse(text)):
            if tree is not None:
                analyse(tree, "search")
    assert time.process_time() - start < 10.0


def test_an_assertion_after_a_loop_can_still_fail_the_match():
    # semver-regex (CVE-2021-3795): repeated pre-release parts `[\da-z-]*[a-z-][\da-z-]*` end in `\b`,
    # which fails after a '-': the loops stay live, and the segments split independently
    semver = r"(?:-(?:0|[\da-z-]*[a-z-][\da-z-]*)(?:\.(?:0|[\da-z-]*[a-z-][\da-z-]*))*)?\b"
    assert analyse(parse(semver), "search").rank == E
    assert analyse(parse(semver.removesuffix(r"\b")), "search").rank < E  # nothing after it can fail
    assert _rank(r"^\w+(?=!)", "match") == (1, 1)  # one loop: giving back is linear
    assert _rank(r"\w+(?=!)") == (2, 1)  # ...but from every position
    assert _rank(r"^\s*\s*(?=,)", "match") == (2, 2)  # two loops before a lookahead
    assert _rank(r"^\s*\s*", "match") == (1, 1)  # the same with nothing after: the first success ends it


def test_assertions_alone_add_no_ways_and_benign_boundaries_stay_linear():
    assert _rank(r"^(\w|\b)+!", "match") == (1, 1)  # an empty iteration is not a second way round
    assert _rank(r"^[a-z]+\b", "match") == (1, 1)
    assert _rank(r"^\b\w+\b$", "match") == (1, 1)
    assert _rank(r"^(?:[a-z]+\.)*[a-z]+\b", "match") == (1, 1)
    assert _rank(r"^(?=\d)\d{3}-\d{4}$", "match") == (1, 1)
    assert analyse(parse(r"^(?!\s)[\w.-]+@[\w-]+(?:\.[\w-]+)+$"), "search").rank == 1


def _at(pattern: str, mode: str = "search", flags: int = 0):
    node = parse_python(pattern, flags)
    assert node is not None
    return analyse(node, mode)


BLEACH_VULNERABLE = r"""^([-/:,#%.'"\s!\w]|\w-\w|'[\s\w]+'\s*|"[\s\w]+"|\([\d,%\.\s]+\))*$"""
BLEACH_FIXED = r"""^([/:,#%!.\s\w]|\w-\w|'[\s\w]+'\s*|"[\s\w]+"|\([\d,%\.\s]+\))*$"""


def test_an_exponential_fix_that_keeps_fewer_ambiguous_loops_is_not_worse():
    # bleach 3.1.4 (CVE-2020-6817): the fix took '-', "'" and '"' out of the single characters, so
    # only the spaces after a quoted string stay ambiguous; both are exponential
    before, after = _at(BLEACH_VULNERABLE, "match", re.U), _at(BLEACH_FIXED, "match", re.U)
    assert before.rank == after.rank == E and before.complete and after.complete
    assert after.witness & ~before.witness == 0 and after.witness != before.witness
    assert verdict(before, after, python=True, constant_input=False) is not None  # the flaw comes back
    assert verdict(after, before, python=True, constant_input=False) is None  # the fix is quiet
    assert verdict(before, before, python=True, constant_input=False) is None
    # exponential on other characters, not on more: neither is worse
    a, b = _at(r"^(a|a)*$", "match"), _at(r"^(b|b)*$", "match")
    assert not a.worse_than(b) and not b.worse_than(a)


def test_witnesses_of_patterns_with_assertions_are_not_compared():
    # codemirror 5.58.2: `\*(?!\/)` forbids what the NFA cannot see; the fix's witness would look wider
    before = analyse(parse(r"^(\s|\/\*.*?\*\/)*[\[\(\w]"), "search")
    after = analyse(parse(r"^(\s|\/\*([^*]|\*(?!\/))*?\*\/)*[\[\(\w]"), "search")
    assert before.rank == after.rank == E and before.complete and not after.complete
    assert not after.worse_than(before) and not before.worse_than(after)


def test_hostile_patterns_with_many_ambiguous_loops_stay_within_the_bounds():
    # the witness search goes round every loop, not only to the first ambiguous one
    hostile = [
        r"(?:(a|a)*\b)" * 150,
        r"((?=a)a|a)*x" * 100,
        r"(?:(\w+\s?)+,)" * 80,
        r"(?:(?:a|ab|b)*c)" * 120,
        r"(?:[\s\S]*?(?!x)[\s\S]*)+$" * 60,
        r"(?:(\d+)*\.)" * 150,
    ]
    start = time.process_time()
    for text in hostile:
        node = parse_python(text)
        for tree in (node, parse(text)):
            if tree is not None:
                found = analyse(tree, "search")
                assert not found.known or found.rank >= 1
    assert time.process_time() - start < 10.0


SAFE = [
    r"^[a-z]+$",
    r"^\d{1,3}(\.\d{1,3}){3}$",
    r"^(?:[a-z]+\.)*[a-z]+$",
    r'"((?:[^"\\]|\\.)*)"',
    r"^[\w.+-]+@[\w-]+\.[\w.-]+$",
    r"^(\+|-)?\d+(\.\d+)?$",
    r"^\s*$",
    r"^[A-Za-z_][A-Za-z0-9_]*\b",
    r"^(?=[a-z])[a-z0-9-]{1,63}$",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SAFE), st.sampled_from(SAFE), st.sampled_from(["", r"\b", "(?=x)", "(?!y)"]))
def test_known_safe_patterns_stay_linear_joined_by_a_separator_and_an_assertion(a, b, assertion):
    # two linear anchored patterns made one, with an assertion and a separator neither can match
    pattern = a.removesuffix("$") + assertion + "\x00" + b.removeprefix("^")
    found = _at(pattern, "match")
    assert found.known and found.rank == 1


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="()[]|*+?^$\\.-,:=!<>bBdws0az ", max_size=200))
def test_any_pattern_with_assertions_gives_a_consistent_verdict(text):
    for tree in (parse_python(text), parse(text)):
        if tree is None:
            continue
        found = analyse(tree, "search")
        if found.known:
            assert found.rank >= found.inner >= 1 or found.rank == E
            assert not found.worse_than(found)  # a pattern is never worse than itself
            assert found.witness == 0 or found.rank == E
