"""The flow analysis reads untrusted code: random, truncated and deeply nested Python never raises out
of it, and the work it does stays within its step bound."""

from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from bot.analysis.flow import Limits, analyse_python  # noqa: E402

LIMITS = Limits(function_steps=3_000, review_steps=30_000)
SAMPLE = """
import subprocess
from flask import request

class Handler:
    def __init__(self):
        self.q = request.args.get("q", "")

    def run(self, cur, items):
        parts = [f"{i!r}" for i in items if i]
        sql = "SELECT * FROM t WHERE a IN (%s)" % ", ".join(parts)
        while parts:
            sql += parts.pop() + self.q
        try:
            cur.execute(sql)
        except Exception as exc:
            subprocess.run("echo " + str(exc), shell=True)
        return lambda x: eval(x + sql)
"""


def _check(text: str) -> None:
    added = frozenset(range(1, text.count("\n") + 2))
    result = analyse_python({"m.py": (text, added)}, None, LIMITS)
    assert result.steps <= LIMITS.review_steps + LIMITS.function_steps


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_random_text_never_raises(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(SAMPLE)), st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_and_spliced_source_never_raises(cut, start):
    _check(SAMPLE[:cut])
    _check(SAMPLE[start:] + SAMPLE[:cut])


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(["(", "[", "{", "f'{", "not ", "-", "a+", "a.b(", "lambda: ", "x if y else "]),
    st.integers(min_value=1, max_value=3_000),
)
def test_deep_nesting_stays_bounded(prefix, depth):
    _check("def f(cur, a, x, y):\n    cur.execute(" + prefix * depth + "a)\n")


def test_long_chains_hit_the_step_bound_not_the_clock():
    body = "\n".join(f"    v{i} = v{i - 1} + str(v{i - 1})[:3]" for i in range(1, 3_000))
    _check(f"def f(v0):\n{body}\n    eval(v2999)\n")
