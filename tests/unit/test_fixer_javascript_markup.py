"""The JavaScript markup fixer: ``innerHTML`` given plain markup with values in text positions is
rebuilt with createElement and append (values stay text), and ``$(option)`` becomes a selector-only
``$(document).find(option)``; every corpus fix passes the real verifier, and markup whose parse is not
plain (entities, values inside tags, auto-closing tags, tables) stays advice."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import javascript_markup
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("js-xss-vuln-21", "src/widget.js", "innerHTML",
     ['const pEl = document.createElement("p");', 'const bEl = document.createElement("b");',
      "bEl.append(String(user.displayName));", 'pEl.append("Welcome back, ", bEl);',
      "el.replaceChildren(pEl);"]),
    ("ts-xss-vuln-2", "web/src/search.ts", "innerHTML",
     ["const pEl = document.createElement('p');", "pEl.setAttribute('class', 'empty');",
      "const bEl = document.createElement('b');", "bEl.append(String(term));",
      "pEl.append('No results for ', bEl);", "results.replaceChildren(pEl);"]),
    ("js-xss-vuln-32", "js/collapse.js", "return $(this.options.parent)",
     ["return $(document).find(this.options.parent)"]),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "expected"), CASES)
def test_markup_is_built_as_elements_and_options_are_looked_up_as_selectors(case, rel, needle, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, "xss")
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert [row.strip() for row in out.replacement.splitlines()] == expected
    indent = sf.lines[finding.start_line - 1][: -len(sf.lines[finding.start_line - 1].lstrip())]
    assert all(row.startswith(indent) for row in out.replacement.splitlines())
    assert fixed_text(sf, finding) is not None


def test_every_markup_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, "xss")))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


def _rewrite(line: str, path: str = "a.js", before: str = "function f(el, x, y) {\n") -> str | None:
    sf = new_file(f"{before}  {line}\n}}\n", path)
    out = javascript_markup.propose(finding_at(sf, line.strip(), "xss"), sf)
    return None if out is None else out.replacement


def test_nested_lists_attributes_top_level_text_and_a_name_in_use():
    out = _rewrite(
        'el.innerHTML = `Found: <ul id="r"><li>${x}</li><li><em>${y}</em> more</li></ul>`;',
        before="function f(el, x, y, liEl) {\n",
    )
    assert out is not None
    rows = [row.strip() for row in out.splitlines()]
    assert rows == [
        'const ulEl = document.createElement("ul");',
        'ulEl.setAttribute("id", "r");',
        'const liEl2 = document.createElement("li");',
        'const liEl3 = document.createElement("li");',
        'const emEl = document.createElement("em");',
        "liEl2.append(String(x));",
        "emEl.append(String(y));",
        'liEl3.append(emEl, " more");',
        "ulEl.append(liEl2, liEl3);",
        'el.replaceChildren("Found: ", ulEl);',
    ]


def test_no_semicolons_stay_no_semicolons_and_br_is_void():
    out = _rewrite("el.innerHTML = '<p>' + x + '<br>' + y + '</p>'")
    assert out is not None
    assert out.splitlines()[-1].strip() == "el.replaceChildren(pEl)"
    assert "pEl.append(String(x), brEl, String(y))" in out
    assert ";" not in out


@pytest.mark.parametrize(
    "line",
    [
        "el.innerHTML = '<p>' + x + ' &amp; more</p>';",  # an entity: the parse decodes it
        "el.innerHTML = '<a href=\"' + x + '\">go</a>';",  # a value inside a tag
        "el.innerHTML = '<p class=' + x + '>hi</p>';",
        "el.innerHTML = '<p>' + x;",  # not closed
        "el.innerHTML = '<table><tr><td>' + x + '</td></tr></table>';",  # tables foster-parent
        "el.innerHTML = '<pre>' + x + '</pre>';",  # the parser drops a leading newline
        "el.innerHTML = '<p><div>' + x + '</div></p>';",  # a block inside p auto-closes it
        "el.innerHTML = '<li>' + x + '</li>';",  # li outside a list
        "el.innerHTML = '<P>' + x + '</P>';",
        "el.innerHTML = '<!-- c --><p>' + x + '</p>';",
        "el.innerHTML = '<p>\\u00e9' + x + '</p>';",  # an escape sequence
        "el.innerHTML += '<p>' + x + '</p>';",  # appends: not the same as replacing
        "el.innerHTML = 1 + x + '<p></p>';",  # adds numbers first
        "el.innerHTML = x;",  # no markup at all: javascript_web's textContent
        "el.innerHTML = '<p>' + renderMarkdown(x) + '</p>';",
        "items[i++].innerHTML = '<p>' + x + '</p>';",  # the element expression has an effect
        "if (x) el.innerHTML = '<p>' + x + '</p>';",  # no block to declare in
        "$(x).html('<p>' + y + '</p>');",  # a jQuery HTML sink: not a selector problem
        "$('<div>' + x + '</div>');",
        "$(function () { go(x); });",
        "$(x, y);",
        "this.$element = $(element)",  # an element passed in: not a string from an option
        "$(this.options.parent, document);",
    ],
)
def test_markup_whose_parse_is_not_plain_stays_advice(line):
    assert _rewrite(line) is None


def test_two_rewrites_in_one_block_are_left_to_a_person():
    text = (
        "function f(a, b, x) {\n  a.innerHTML = '<b>' + x + '</b>';\n  b.innerHTML = '<i>' + x + '</i>';\n}\n"
    )
    sf = new_file(text, "a.js")
    assert javascript_markup.propose(finding_at(sf, "a.innerHTML", "xss"), sf) is None


def test_a_jquery_option_becomes_a_selector_lookup():
    assert (
        _rewrite("return jQuery(opts.target).show();")
        == "  return jQuery(document).find(opts.target).show();"
    )
    assert (
        _rewrite('var t = $(el.attr("data-target"))') == '  var t = $(document).find(el.attr("data-target"))'
    )


PIECE = st.text(alphabet="<>/pbliu =\"'&-!ax", max_size=24)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, min_size=1, max_size=4))
def test_any_markup_pieces_give_plain_elements_with_each_value_once_or_nothing(pieces):
    literal = [p.replace("\\", "").replace("'", "") for p in pieces]
    rhs = " + ".join(f"'{p}' + v{k}" for k, p in enumerate(literal))
    out = _rewrite(f"el.innerHTML = {rhs};", before="function f(el, v0, v1, v2, v3) {\n")
    if out is not None:
        assert "innerHTML" not in out
        for k in range(len(literal)):
            assert out.count(f"String(v{k})") == 1
        assert out.splitlines()[-1].strip().startswith("el.replaceChildren(")


def test_the_markup_scanner_is_linear_on_long_hostile_input():
    for hostile in ("<p " * 30_000, "<b>" * 30_000, "<p a='" * 20_000, "</" * 40_000, "<p>" + "a=" * 40_000):
        started = time.perf_counter()
        javascript_markup.build([hostile, object(), "</p>"])
        assert time.perf_counter() - started < 2.0
