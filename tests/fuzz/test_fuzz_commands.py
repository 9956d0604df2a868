"""Fuzz: command parsing (bot/core/commands.py). Any comment yields a command line or none, and any
line a Command or one CommandError whose text is fit to post, never another exception; what a
command holds is within the grammar's bounds."""

from __future__ import annotations

import contextlib
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.commands import MAX_REASON, PREFIX, VERBS, CommandError, command_line, parse_command

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.one_of(
    st.sampled_from([*VERBS, "until", "2026-12-31", "2026-02-30", "3f9a1c2e", "#12", "12345678901", "x"]),
    st.text(max_size=12),
)
LINES = st.one_of(
    st.lists(WORDS, max_size=8).map(lambda words: " ".join([PREFIX, *words])),
    st.text(max_size=80),
    st.builds(lambda reason: f"{PREFIX} dismiss 3f9a1c2e {reason}", st.text(min_size=490, max_size=520)),
)


@FUZZ
@given(line=LINES)
def test_any_line_is_a_command_or_a_command_error_within_bounds(line):
    try:
        command = parse_command(line)
    except CommandError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert command.verb in VERBS
    assert len(command.reason) <= MAX_REASON and "\n" not in command.reason
    assert (
        command.ref == ""
        or re.fullmatch(r"[0-9]{1,5}|[0-9a-f]{6,64}", command.ref, re.ASCII)
        or (
            command.ref.isdigit()  # \d in the grammar also takes other scripts' digits
        )
    )
    assert (command.until is not None) == (command.verb == "accept-risk")


@FUZZ
@given(before=st.text(max_size=60), line=LINES, after=st.text(max_size=60))
def test_any_comment_yields_at_most_one_line_that_parses_or_errors(before, line, after):
    found = command_line(f"{before}\n{line}\n{after}")
    if found is None:
        return
    assert found.startswith(PREFIX)
    with contextlib.suppress(CommandError):
        parse_command(found)
