"""PySource.binds (how a module binds a name, asked by the Python fixers per finding) answers from one
walk of the tree per module; same_scope (bandit's results beside another engine's) from one walk too.
Both are checked against the direct per-question walk they replace, on generated modules."""

from __future__ import annotations

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import bandit
from bot.analysis.fixers.rewrite import PySource, _binding_name, import_text
from bot.core.pyparse import parse_module
from tests.unit.test_verify import new_file

NAMES = ["os", "random", "secrets", "hashlib", "json", "x", "path"]


def _direct_binds(tree: ast.Module, name: str) -> str | None:
    how = None
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound == name:
                    if how is not None:
                        return "other"
                    how = import_text(node, alias)
        elif _binding_name(node) == name:
            return "other"
    return how


_name = st.sampled_from(NAMES)
_stmt = st.one_of(
    st.builds(lambda n: f"import {n}", _name),
    st.builds(lambda n, a: f"import {n} as {a}", _name, _name),
    st.builds(lambda n, a: f"from {n}.sub import {a}", _name, _name),
    st.builds(lambda n, a: f"from {n} import thing as {a}", _name, _name),
    st.builds(lambda n: f"{n} = 1", _name),
    st.builds(lambda n, a: f"def {n}({a}):\n    return {a}", _name, _name),
    st.builds(lambda n: f"class {n}:\n    pass", _name),
    st.builds(lambda n: f"for {n} in range(3):\n    pass", _name),
    st.builds(lambda n: f"print({n})", _name),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_stmt, max_size=8))
def test_binds_answers_as_the_direct_walk_does(stmts):
    text = "\n".join(stmts) + "\n"
    src = PySource.parse(new_file(text, "m.py"))
    assert src is not None
    for name in NAMES:
        assert src.binds(name) == _direct_binds(ast.parse(text), name), (text, name)


_block = st.sampled_from(
    [
        ["z = 3"],
        ["def f():", "    y = 2"],
        ["def f():", "    def g():", "        x = 1", "    y = 2"],
        ["async def h():", "    y = 2", "    z = 3"],
        ["class C:", "    def m(self):", "        return 1"],
    ]
)


def _direct_same_scope(text: str, line: int, others: list[int]) -> bool:
    spans = sorted(
        (
            (node.lineno, node.end_lineno or node.lineno)
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        ),
        key=lambda span: span[1] - span[0],
    )

    def scope(n: int) -> tuple[int, int] | None:
        return next((span for span in spans if span[0] <= n <= span[1]), None)

    return any(scope(n) == scope(line) for n in others)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(_block, max_size=5),
    st.integers(1, 20),
    st.lists(st.integers(1, 20), max_size=4),
    st.booleans(),
)
def test_same_scope_answers_as_the_direct_walk_does(blocks, line, others, broken):
    text = "\n".join(row for block in blocks for row in block) + ("\ndef (:\n" if broken else "\n")
    if parse_module(text) is None:
        assert bandit.same_scope(text, line, others) is False
        return
    for _ in range(2):  # the second answer comes from the kept spans
        assert bandit.same_scope(text, line, others) == _direct_same_scope(text, line, others)
