"""Language-neutral core of the shell fixers: a command line assembled from constant text and values
becomes an argument list, the way ``sh`` would have split it, with each value inside one argument.

Only plain command lines are split: words separated by blanks, with optional simple quoting ('...'
with no escapes, "..." without ``$``, backquotes or backslashes). Anything the shell would interpret
beyond that (``; | & < > ( ) $ ` \\ * ? [ ] { } ~ # !``, a newline, an ``VAR=value`` prefix) answers
None: a pipeline or a redirection is not a single program and stays advice. The program (first word)
must be constant text. A value never splits: that it did under ``sh`` was the injection. Pure: a
single linear scan, no regular expressions.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.analysis.fixers.sqltext import Piece

Word = tuple[Piece, ...]
_META = set(";|&<>()$`\\*?[]{}~#!\n\r")
_BLANK = {" ", "\t"}


def split_command(pieces: Sequence[Piece]) -> list[Word] | None:
    """The words of the command line, each a tuple of constant and value pieces; None when the line
    uses shell syntax beyond words and simple quotes, has no value, or starts with a value."""
    scanner = _Scanner()
    for is_value, text in pieces:
        if is_value:
            scanner.word().append((True, text))
        elif not all(scanner.char(ch) for ch in text):
            return None
    words = scanner.words
    if scanner.quote or not words or not any(v for w in words for v, _ in w):
        return None
    program = words[0]
    if not program or any(v for v, _ in program) or "=" in "".join(t for _, t in program):
        return None
    return [tuple(w) for w in words]


class _Scanner:
    def __init__(self) -> None:
        self.words: list[list[Piece]] = []
        self.current: list[Piece] | None = None
        self.quote = ""

    def word(self) -> list[Piece]:
        if self.current is None:
            self.current = []
            self.words.append(self.current)
        return self.current

    def add(self, ch: str) -> None:
        word = self.word()
        if word and not word[-1][0]:
            word[-1] = (False, word[-1][1] + ch)
        else:
            word.append((False, ch))

    def char(self, ch: str) -> bool:
        """Take one constant character; False when it is shell syntax we do not rewrite."""
        if self.quote:
            if ch == self.quote:
                self.quote = ""
            elif self.quote == '"' and ch in "$`\\":
                return False
            else:
                self.add(ch)
        elif ch in _BLANK:
            self.current = None
        elif ch in {"'", '"'}:
            self.quote = ch
            self.word()
        elif ch in _META:
            return False
        else:
            self.add(ch)
        return True


def constant(word: Word) -> str | None:
    """The word's text when it has no value in it."""
    return "".join(t for _, t in word) if all(not v for v, _ in word) else None


def single_value(word: Word) -> str | None:
    """The value's source when the word is exactly one value."""
    return word[0][1] if len(word) == 1 and word[0][0] else None
