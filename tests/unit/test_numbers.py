"""bot.core.numbers: text from outside read as a number only when int() reads it as written."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from bot.core.numbers import is_decimal


@given(st.text(max_size=12))
@example("³")
@example("①")
@example("١٢")
@example("")
@example("007")
def test_is_decimal_means_int_reads_exactly_those_digits(text):
    if is_decimal(text):
        assert int(text) >= 0 and str(int(text)).zfill(len(text)) == text
    else:
        assert not text or not (text.isascii() and text.isdigit())


def test_other_scripts_digits_are_not_decimal_text():
    assert not is_decimal("³") and not is_decimal("١٢") and not is_decimal(" 1")
    assert is_decimal("12345")
