"""The shared Python parse cache: the same tree for the same text, None for what does not parse, and
bounded by the total size of the texts it keeps."""

from __future__ import annotations

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core import pyparse


@pytest.fixture(autouse=True)
def _fresh():
    pyparse.clear()
    yield
    pyparse.clear()


def test_the_same_text_gives_the_same_tree_and_equals_a_fresh_parse():
    text = "import os\n\ndef f(x):\n    return os.path.join('a', x)\n"
    first = pyparse.parse_module(text)
    assert first is not None
    assert pyparse.parse_module("".join(list(text))) is first  # an equal text, not the same object
    assert ast.dump(first) == ast.dump(ast.parse(text))


@pytest.mark.parametrize("text", ["def f(:\n", "x = '\\N{nope}'\n", "\0", "(" * 500 + ")" * 500])
def test_what_does_not_parse_is_none(text):
    assert pyparse.parse_module(text) is None
    assert pyparse.parse_module(text) is None


def test_the_cache_is_bounded_by_the_size_of_the_texts_it_keeps(monkeypatch):
    monkeypatch.setattr(pyparse, "CACHE_CHARS", 100)
    texts = [f"x{i} = {i}  # " + "p" * 30 + "\n" for i in range(10)]
    trees = [pyparse.parse_module(t) for t in texts]
    assert pyparse._size <= 100 and len(pyparse._trees) == 100 // len(texts[0])
    assert pyparse.parse_module(texts[-1]) is trees[-1]  # the latest are kept
    assert pyparse.parse_module(texts[0]) is not trees[0]  # the oldest were let go (parsed again)


def test_a_large_text_is_never_kept(monkeypatch):
    monkeypatch.setattr(pyparse, "MAX_CACHED_CHARS", 10)
    text = "value = 12345\n"
    assert pyparse.parse_module(text) is not pyparse.parse_module(text)
    assert pyparse._size == 0 and not pyparse._trees


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_parses_as_ast_does(text):
    try:
        expected: str | None = ast.dump(ast.parse(text))
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        expected = None
    tree = pyparse.parse_module(text)
    assert (None if tree is None else ast.dump(tree)) == expected
