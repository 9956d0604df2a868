"""The nested-repeat ReDoS fixer: ``(A+)*``-shaped groups lose the inner ambiguity and keep their language
(a property test compares both patterns on random strings), other shapes are left alone, the scan is
linear on hostile patterns, and the fix passes the real verifier (whose re-scan runs the ReDoS check)."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.fixers.regex_repeats import MAX_PATTERN, flatten
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

ETAG = (
    "module Etag\n  def self.match?(list, etag)\n"
    "    list.to_s =~ /\\A(?:W\\/)?\"(\\w+)*\"\\z/ && list.to_s.split(',').map(&:strip).include?(etag)\n"
    "  end\nend\n"
)


def test_the_corpus_shape_loses_the_nested_repeat():
    sf = new_file(ETAG, "lib/etag.rb")
    out = fixed_text(sf, finding_at(sf, "=~", "redos"))
    assert out == ETAG.replace('"(\\w+)*"', '"(\\w+)?"')


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"^(\d+)*$", r"^(\d+)?$"),
        (r"^(?:[a-z_]*)*x", r"^(?:[a-z_]*)x"),
        (r"(?<word>\w*)+;", r"(?<word>\w*);"),
        (r"^(a+)+b", r"^(a+)b"),
        (r"^(.+)*!$", r"^(.+)?!$"),
        (r"([\]\\]+)*x", r"([\]\\]+)?x"),
        (r"^(\s+)*\((\d+)*\)$", r"^(\s+)?\((\d+)?\)$"),  # two groups, an escaped paren between
    ],
)
def test_flatten(pattern, expected):
    assert flatten(pattern) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"^(\d+;?)*m",  # two atoms: what is unambiguous depends on what follows
        r"^(,?\s*\w+)+;$",
        r"^(a+)*?b",  # lazy outer repeat
        r"^(a+?)*b",  # lazy inner repeat
        r"^(a+)*+b",  # possessive: already safe
        r"^(?=a+)*b",  # a lookahead, not a group of characters
        r"^(\1+)*b",  # a back-reference
        r"^(a{2,})*b",  # a counted repeat
        r"^([a[b]]+)*c",  # a nested class
        r"^(a+)b",
    ],
)
def test_other_shapes_are_left_alone(pattern):
    assert flatten(pattern) is None


@pytest.mark.parametrize(
    ("text", "path", "needle"),
    [
        (
            "function f(s) {\n  return /^(\\w+)*@/.test(s) && /^(\\w+)*@/.test(s);\n}\n",
            "a.js",
            "return",
        ),  # twice
        ("function f(s) {\n  return /^(\\d+;?)*m/.test(s);\n}\n", "a.js", "return"),
        ("x = 1\n", "a.rb", "x = 1"),
    ],
)
def test_lines_left_alone(text, path, needle):
    sf = new_file(text, path)
    assert fixed_text(sf, finding_at(sf, needle, "redos")) is None


def test_a_javascript_literal_keeps_its_flags_and_the_line():
    text = "export function tags(h: string) {\n  return h.replace(/<(\\w*)*>/gi, '');\n}\n"
    sf = new_file(text, "src/t.ts")
    assert fixed_text(sf, finding_at(sf, "replace", "redos")) == text.replace("(\\w*)*", "(\\w*)")


def test_the_fix_passes_the_real_verifier(tmp_path):
    js = "module.exports = (s) => /^(\\d+)*$/.test(s);\n"
    pairs = []
    for text, path, needle in [(ETAG, "lib/etag.rb", "=~"), (js, "lib/digits.js", "test")]:
        sf = new_file(text, path)
        pairs.append((sf, finding_at(sf, needle, "redos")))
    verdicts = verify_all(pairs, tmp_path)
    assert [(v.ok, v.reason) for v in verdicts] == [(True, ""), (True, "")]


_ATOMS = st.sampled_from(["a", "b", "\\d", "\\w", "[ab]", "[^a]", ".", "1"])
_QUANTS = st.sampled_from(["+", "*"])


@st.composite
def _patterns(draw):
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()):
            head = draw(st.sampled_from(["(", "(?:"]))
            parts.append(f"{head}{draw(_ATOMS)}{draw(_QUANTS)}){draw(_QUANTS)}")
        else:
            parts.append(draw(_ATOMS) + draw(st.sampled_from(["", "?", "+"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.lists(st.text(alphabet="ab1 ", max_size=8), min_size=1, max_size=8))
def test_the_rewrite_matches_exactly_the_same_strings(pattern, samples):
    fixed = flatten(pattern)
    if fixed is None:
        return
    assert fixed != pattern
    old, new = re.compile(pattern), re.compile(fixed)
    for s in samples:
        assert bool(old.fullmatch(s)) == bool(new.fullmatch(s)), (pattern, fixed, s)
        assert bool(old.search(s)) == bool(new.search(s)), (pattern, fixed, s)


def test_every_generated_shape_is_rewritten_somewhere():
    # the property above must not pass by never rewriting: the corpus shape and its kin all are
    assert all(flatten(p) is not None for p in (r"(a+)*", r"(?:\d*)*", r"(\w*)+", r"([ab]+)+"))


@pytest.mark.parametrize(
    "hostile",
    [
        "(" * 40_000,
        "(a+)*" * 8_000,
        "[" + "\\]" * 20_000,
        "(?<" + "a" * 40_000,
        "\\" * 40_001,
    ],
)
def test_the_scan_is_linear_and_capped(hostile):
    started = time.perf_counter()
    flatten(hostile)
    flatten(hostile[:MAX_PATTERN])
    assert time.perf_counter() - started < 0.5
    assert flatten(hostile) is None  # over the cap: never rewritten
