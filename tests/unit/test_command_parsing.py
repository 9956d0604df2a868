"""Commands are read only from lines a reader sees as plain top-level text (CommonMark-aware), in
linear time: a property test against a CommonMark renderer (markdown-it-py) as the oracle, the hidden
places of issue 16 one by one, and adversarial comments of 10-100 kB under a time bound."""

from __future__ import annotations

import time

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from bot.core.commands import MAX_BODY, command_line, visible_lines

CMD = "/remediator dismiss 3f9a1c2e not reachable"
RENDERER = MarkdownIt("commonmark").enable("table")


def plain_top_level_lines(text: str) -> set[str]:
    """Lines of top-level paragraphs as a CommonMark renderer parses them (the oracle)."""
    tokens = RENDERER.parse(text)
    out: set[str] = set()
    for i, token in enumerate(tokens):
        if token.type == "inline" and i > 0 and tokens[i - 1].type == "paragraph_open" and token.level == 1:
            out.update(line.rstrip(" \t") for line in token.content.split("\n"))
    return out


@pytest.mark.parametrize(
    "body",
    [
        "```\n" + CMD + "\n```",
        "```\n~~~\n" + CMD + "\n```",  # "closed" by ~~~: still inside the ``` block
        "````\n```\n" + CMD + "\n````",  # "closed" by a shorter fence
        "````\n" + CMD,  # never closed: code to the end
        "    " + CMD,  # indented code
        "\t" + CMD,
        "<!--\n" + CMD + "\n-->",
        "<!-- a comment -->" + CMD,
        "text <!--\n" + CMD + "\n-->",
        "> " + CMD,
        "> quoted\n" + CMD,  # a lazy continuation of the quote
        "- item\n" + CMD,  # ... of a list item
        "1. item\n" + CMD,
        "| a |\n|---|\n" + CMD,  # a table row
        "<details>\n" + CMD + "\n</details>",
        "<pre>\n\n" + CMD + "\n</pre>",
        "LGTM\u2028" + CMD,  # joined to prose by a Unicode line separator
        CMD + "\u2029more",
        "prose\u0085" + CMD,
        CMD + "\n===",  # a setext heading
        "see `" + CMD + "`",
    ],
)
def test_commands_a_reader_does_not_see_as_text_do_not_count(body):
    assert command_line(body) is None


@pytest.mark.parametrize(
    "body",
    [
        CMD,
        "Thanks!\n" + CMD,
        "```\ncode\n```\n" + CMD,
        "~~~\n```\n~~~\n" + CMD,
        "> quote\n\n" + CMD,
        "- item\n\n" + CMD,
        "<!--\nnote\n-->\n\n" + CMD,
        CMD + "\r\nthanks",
    ],
)
def test_commands_on_their_own_visible_line_count(body):
    assert command_line(body) == CMD


_PIECES = st.sampled_from(
    [
        CMD,
        "text",
        "",
        "```",
        "````",
        "~~~",
        "    indented",
        "    " + CMD,
        "> quote",
        "> " + CMD,
        "- item",
        "1. item",
        "<!--",
        "-->",
        "<!-- x -->",
        "<div>",
        "</div>",
        "| a | b |",
        "|---|---|",
        "===",
        "---",
        "# heading",
        "\t" + CMD,
        "x\u2028" + CMD,
        "`` ` ``",
        "  nested",
        "  " + CMD,
        "<3 thanks",
        "* star",
        "***",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14), st.sampled_from(["\n", "\r\n"]))
@example(["text", "<3 thanks", "==="], "\n")  # a setext heading whose second line starts with `<`
@example(["<3 thanks", "```", "", CMD], "\n")  # a fence after a line that only looks like HTML
def test_every_command_found_is_on_a_plain_top_level_line_of_a_commonmark_rendering(pieces, newline):
    text = newline.join(pieces)
    found = command_line(text)
    if found is not None:
        assert found in plain_top_level_lines(text), text
    for line in visible_lines(text):
        assert line in plain_top_level_lines(text), (line, text)


@pytest.mark.parametrize(
    "body",
    [
        "`" * 100_000,
        "~" * 100_000,
        "<!--" * 25_000,
        ">" * 100_000,
        "\n" * 100_000,
        "```\n" * 25_000,
        ("    " + CMD + "\n") * 2_000,
        "- " * 50_000,
        "1" * 100_000 + ".",
        "\u2028" * 100_000,
        ("a" * 999 + "\n") * 100,
    ],
)
def test_adversarial_comments_of_10_to_100_kb_are_scanned_in_linear_time(body):
    started = time.perf_counter()
    command_line(body)
    visible_lines(body * 2)  # twice the size: capped at MAX_BODY characters
    assert time.perf_counter() - started < 0.5
    assert len(visible_lines(body + "\n" + CMD)) <= MAX_BODY


def test_only_the_first_max_body_characters_are_read():
    assert command_line("x\n" * (MAX_BODY // 2) + CMD) is None
