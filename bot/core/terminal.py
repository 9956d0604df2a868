"""Text for a terminal: what a file name, a finding's title or a model's answer may carry must not
drive the reader's terminal (an escape sequence that moves the cursor, rewrites the title or hides a
line; a bidi override that shows code in another order than it runs). Pure: standard library only."""

from __future__ import annotations

KEPT = frozenset("\n\t")


def printable(text: str) -> str:
    """One line for a terminal: every character that is not printable (control, format, bidi, line
    and paragraph separators; newlines and tabs too) shown as '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def printable_lines(text: str) -> str:
    """A whole terminal report: as ``printable``, but newlines and tabs stay where they are."""
    return "".join(c if c.isprintable() or c in KEPT else "?" for c in text)
