"""`.remediator.yml` is parsed with aliases refused and sizes capped, in time linear in the file; an
error names the key without echoing more than a short, single-line excerpt of it."""

from __future__ import annotations

import time

import pytest

from bot.config.repo import MAX_NODES, MAX_TEXT, parse_repo_config
from bot.hosts.publish import MAX_CONFIG_BODY, config_error_body


def _bomb(levels: int) -> bytes:
    lines = ['l0: &l0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return ("\n".join(lines) + "\n").encode()


@pytest.mark.parametrize("levels", [3, 9, 12])
def test_aliases_are_refused_before_anything_expands(levels):
    started = time.perf_counter()
    config = parse_repo_config(_bomb(levels))
    assert time.perf_counter() - started < 0.5
    assert [str(e) for e in config.errors] == [
        "`.remediator.yml`: uses a YAML alias (`*name`); aliases are not allowed here"
    ]


def test_node_and_text_caps():
    many = "".join(f"k{i}: {i}\n" for i in range(MAX_NODES)).encode()
    assert "more than 2000 keys" in str(parse_repo_config(many).errors[0])
    long_value = b"paths:\n  ignore: ['" + b"*" * (MAX_TEXT + 1) + b"']\n"
    assert "longer than 500 characters" in str(parse_repo_config(long_value).errors[0])
    patterns = ("paths:\n  ignore:\n" + "".join(f"    - 'p{i}/**'\n" for i in range(201))).encode()
    assert "at most 200 patterns" in str(parse_repo_config(patterns).errors[0])


@pytest.mark.parametrize("size", [10_000, 60_000])
def test_adversarial_files_parse_in_bounded_time(size):
    for text in (b"[" * size, b"a: " + b"{" * size, b"- " * (size // 2), b"k: '" + b"x" * size + b"'"):
        started = time.perf_counter()
        parse_repo_config(text)
        assert time.perf_counter() - started < 1.0


def test_error_comments_are_capped_and_echo_keys_briefly():
    keys = "".join(f"k{'`k' * 200}{i:04d}: 1\n" for i in range(120)).encode()
    config = parse_repo_config(keys)
    assert len(config.errors) == 120
    body = config_error_body(config)
    assert len(body) < MAX_CONFIG_BODY + 600 and "and 100 more problem(s)" in body
    assert "`k`k" not in body  # backticks in a key never break out of its code span
