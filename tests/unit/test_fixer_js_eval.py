"""The JavaScript eval fixer: a timer given a one-call string gets a function, node-serialize's
unserialize of JSON becomes JSON.parse; every fix passes the real verifier and other shapes stay
advice (new Function, a longer string, another library's unserialize)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import js_eval
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("js-code-injection-vuln-2", "web/js/panels.js", "setTimeout", "code-injection",
     "setTimeout(() => showPanel(panel), 0);"),
    ("js-deserialization-vuln-1", "src/middleware/preferences.js", "unserialize", "deserialization",
     "req.preferences = JSON.parse(json);"),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "category", "expected"), CASES)
def test_code_from_data_becomes_a_function_or_plain_json(case, rel, needle, category, expected):
    sf = _file(case, rel)
    patched = fixed_text(sf, finding_at(sf, needle, category))
    assert patched is not None
    assert expected in [row.strip() for row in patched.splitlines()]


def test_every_js_eval_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, category, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


@pytest.mark.parametrize(
    ("text", "needle", "category"),
    [
        ("setTimeout(() => go(x), 0);\n", "setTimeout", "code-injection"),  # a function already
        (
            "setTimeout('go(\"' + x + '\"); stop()', 0);\n",
            "setTimeout",
            "code-injection",
        ),  # more than one call
        (
            "setTimeout('go(' + x + ')', 0);\n",
            "setTimeout",
            "code-injection",
        ),  # unquoted: x was code, not text
        ("const f = new Function('row', 'return ' + body);\n", "new Function", "code-injection"),
        ("const php = require('php-serialize');\nphp.unserialize(s);\n", "unserialize", "deserialization"),
    ],
)
def test_other_shapes_stay_advice(text, needle, category):
    sf = new_file(text, "a.js")
    assert fixers.propose(finding_at(sf, needle, category), {sf.path: sf}).replacement is None


def test_odd_formatting_single_quotes_inside_and_a_member_value():
    sf = new_file('window.setTimeout("ui.open(\'" + location.hash + "\')",  10);\n', "a.ts")
    patched = fixed_text(sf, finding_at(sf, "setTimeout", "code-injection"))
    assert patched == "window.setTimeout(() => ui.open(location.hash),  10);\n"


_PIECE = st.text(alphabet="ab.(\"')+ ;", max_size=12)
_QUOTE = st.sampled_from(["'", '"'])
# the opening and closing strings of 'name("' + v + '")', with hostile names, beside arbitrary text
_HEAD = st.one_of(_PIECE, st.builds("{}({}".format, st.from_regex(r"[ab.]{1,6}", fullmatch=True), _QUOTE))
_TAIL = st.one_of(_PIECE, st.builds("{})".format, _QUOTE))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example("a.b('", "')")
@given(_HEAD, _TAIL)
def test_any_timer_string_gives_one_call_of_one_value_or_nothing(head, tail):
    text = f"setTimeout({head!r} + v + {tail!r}, 0);\n"
    sf = new_file(text, "a.js")
    out = js_eval.propose(finding_at(sf, "setTimeout", "code-injection"), sf)
    if out is not None and out.replacement is not None:
        assert "() => " in out.replacement and out.replacement.count("(v)") == 1
        # the function named before the quote, called with the value itself
        assert out.replacement == f"setTimeout(() => {head[:-2]}(v), 0);", (head, tail, out.replacement)
        event("fixed")
