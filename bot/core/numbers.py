"""Reading numbers out of text that came from outside (URLs, headers, commands, settings)."""

from __future__ import annotations


def is_decimal(text: str) -> bool:
    """Whether ``text`` is ASCII digits only, the form an id or a count is written in. ``str.isdigit``
    also accepts '³' and '①', which ``int()`` refuses, and other scripts' digits, which it reads."""
    return text.isascii() and text.isdigit()
