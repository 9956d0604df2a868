"""The ldapjs fixer: a search filter built as text from a value becomes ldapjs filter objects (the value
an attribute value, never filter syntax); the corpus fix passes the real verifier, and filters with
substrings, presence, ordering or escapes, or files that are not ldapjs CommonJS stay advice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import javascript_ldap
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASE, REL = "js-ldap-injection-vuln-21", "src/directory.js"


def _corpus():
    return new_file((CORPUS / CASE / "after" / REL).read_text(encoding="utf-8"), f"{CASE}/{REL}")


def test_the_corpus_filter_becomes_filter_objects_and_ldapjs_is_required():
    sf = _corpus()
    finding = finding_at(sf, "filter:", "ldap-injection")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    rows = out.replacement.splitlines()
    assert rows[0] == 'const ldap = require("ldapjs");'
    assert rows[2] == (
        '  const opts = { scope: "sub", filter: new ldap.AndFilter({ filters: ['
        'new ldap.EqualityFilter({ attribute: "objectClass", value: "person" }), '
        'new ldap.EqualityFilter({ attribute: "uid", value: String(username) })] }) };'
    )
    assert fixed_text(sf, finding) is not None


def test_the_corpus_fix_passes_verification(tmp_path):
    sf = _corpus()
    assert [v.reason for v in verify_all([(sf, finding_at(sf, "filter:", "ldap-injection"))], tmp_path)] == [
        ""
    ]


SEARCH = (
    "{head}function f(client, a, b, done) {{\n  client.search('o=x', {{ filter: {filter} }}, done);\n}}\n"
    "{tail}"
)


def _rewrite(filter_js: str, head: str = "const ldapjs = require('ldapjs');\n", tail: str = "") -> str | None:
    sf = new_file(SEARCH.format(head=head, filter=filter_js, tail=tail), "src/a.js")
    out = javascript_ldap.propose(finding_at(sf, "filter:", "ldap-injection"), sf)
    return None if out is None else out.replacement


def test_or_not_and_a_template_literal_with_the_files_own_binding():
    out = _rewrite("`(|(mail=${a})(!(uid=${b.name})))`")
    assert out == (
        "  client.search('o=x', { filter: new ldapjs.OrFilter({ filters: ["
        'new ldapjs.EqualityFilter({ attribute: "mail", value: String(a) }), '
        "new ldapjs.NotFilter({ filter: "
        'new ldapjs.EqualityFilter({ attribute: "uid", value: String(b.name) }) })'
        "] }) }, done);"
    )


@pytest.mark.parametrize(
    ("filter_js", "head", "tail"),
    [
        ("'(uid=' + a + '*)'", None, ""),  # a substring: the value is part of a pattern
        ("'(uid=*' + a + ')'", None, ""),
        ("'(&(uid=' + a + ')(cn=*))'", None, ""),  # presence
        ("'(age>=' + a + ')'", None, ""),  # ordering
        ("'(uid:caseExactMatch:=' + a + ')'", None, ""),  # extensible
        ("'(cn=J\\\\2a' + a + ')'", None, ""),  # an escape in the literal
        ("'(uid=' + a + b + ')'", None, ""),  # two values in one
        ("'(' + a + '=x)'", None, ""),  # the attribute itself
        ("'(uid=' + a + ')'", "", ""),  # not CommonJS, no binding: which import style is the developer's
        ("'(uid=' + a + ')'", "import ldapts from 'ldapts';\n", ""),
        ("'(&)' + a", None, ""),
        ("'(uid=' + escapeFilterValue(a) + ')'", None, ""),  # escaped already: objects would escape twice
        ("a + '(uid=x)'", None, ""),
    ],
)
def test_filters_that_are_not_plain_equality_trees_stay_advice(filter_js, head, tail):
    assert _rewrite(filter_js, *((head,) if head is not None else ()), tail) is None


def test_a_commonjs_file_without_ldapjs_gets_the_require_on_its_first_line():
    out = _rewrite("'(uid=' + a + ')'", head="", tail="module.exports = { f };\n")
    assert out is not None and out.splitlines()[0] == "const ldap = require('ldapjs');"


FILTER = st.text(alphabet="()&|!=*uidcn~<>:", max_size=24)
PLAIN = ["(cn=x)", "(objectClass=person)", "(!(ou=b))", "(|(a=1)(b=2))"]
OTHER = ["(mail=*)", "(x>=1)", "(cn=a*b)", "(cn~=x)", "(&)"]
ITEMS = st.lists(st.sampled_from(PLAIN + OTHER), max_size=3)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILTER, FILTER)
def test_any_filter_text_never_crashes_and_keeps_the_value_once(head, tail):
    out = _rewrite(f"{head!r} + a + {tail!r}")
    if out is not None:
        assert out.count("String(a)") == 1 and "+" not in out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from("&|"), ITEMS, ITEMS)
def test_a_filter_of_plain_items_around_the_value_is_rebuilt_and_any_other_is_not(op, before, after):
    out = _rewrite(f"'({op}{''.join(before)}(uid=' + a + '){''.join(after)})'")
    assert (out is not None) == all(i in PLAIN for i in before + after)
    if out is not None:
        assert out.count("new ldapjs.EqualityFilter({ attribute: 'uid', value: String(a) })") == 1
        assert out.count("EqualityFilter") == 1 + sum(i.count("=") for i in before + after)


def test_the_filter_scanner_is_linear_on_long_hostile_input():
    for hostile in ("(&" * 300 + "(uid=", "(" * 1000, "(uid=" + "a" * 999, "(&(a=b)" * 150):
        started = time.perf_counter()
        javascript_ldap.parse_filter([hostile, object(), ")"])
        assert time.perf_counter() - started < 2.0
