"""The one way untrusted text enters Markdown the bot posts: redacted, on one line, shown literally.

Pure: standard library and ``bot.core.redact`` only. Rule messages with metavariable values, file
names, titles, notes and everything a model wrote are untrusted: ``md_text`` makes them plain
text (no mention, link, image, HTML, hidden marker, heading, list or fence can form), ``md_code``
puts them in an inline code span that nothing inside can close. Balanced code spans in the text
(``os.environ["X"]`` in a rule's remediation) stay code spans; inside a code span nothing renders.
All work is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from bot.core.redact import redact

ZWSP = "\u200b"  # breaks @mentions, bare URLs and marker text without changing what a reader sees
MAX_CHARS = 20_000

_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_BACKTICKS = re.compile(r"`++")
_MARKER_OPEN = "<!--"
_MARKER_CLOSE = "-->"


def md_text(text: str, *, table: bool = False) -> str:
    """``text`` as literal Markdown inline content (a paragraph, a list item, a table cell)."""
    flat = _flatten(redact(text))
    out = []
    for is_code, piece in _segments(flat):
        out.append(md_code(piece, table=table, redacted=True) if is_code else _escape(piece))
    return "".join(out)


def md_code(text: str, *, table: bool = False, redacted: bool = False) -> str:
    """``text`` in an inline code span: a fence longer than any backtick run inside, padded when
    the text starts or ends with a backtick; marker text is broken, ``|`` escaped in tables."""
    body = _defuse(_flatten(text if redacted else redact(text)))
    if table:
        body = body.replace("|", "\\|")
    longest = max((len(m.group(0)) for m in _BACKTICKS.finditer(body)), default=0)
    fence = "`" * (longest + 1)
    if not body.strip(" "):
        return f"{fence}{body or ZWSP}{fence}"
    if body.startswith("`") or body.endswith("`") or (body.startswith(" ") and body.endswith(" ")):
        body = f" {body} "
    return f"{fence}{body}{fence}"


def plain_text(text: str) -> str:
    """What a reader sees of ``md_text(text)`` (for tests and for plain-text outputs)."""
    return _flatten(redact(text))


def _flatten(text: str) -> str:
    """One line: every whitespace run (newlines included) becomes one space; capped."""
    return " ".join(text[:MAX_CHARS].split())


def _escape(text: str) -> str:
    """Backslash before every ASCII punctuation character (CommonMark makes each literal), and a
    zero-width space where GitHub would still link a mention, a URL or a ``www.`` host."""
    out = []
    for i, ch in enumerate(text):
        if ch in _PUNCTUATION:
            out.append("\\" + ch)
            if ch == "@" or (ch == ":" and text.startswith("//", i + 1)):
                out.append(ZWSP)
        elif ch == "." and text[max(0, i - 3) : i].lower() == "www":
            out.append(ZWSP + ".")
        else:
            out.append(ch)
    return "".join(out)


def _defuse(code: str) -> str:
    """Marker text cannot be hidden in a code span, but the raw body is searched for markers."""
    return code.replace(_MARKER_OPEN, "<!-" + ZWSP + "-").replace(_MARKER_CLOSE, "-" + ZWSP + "->")


def _segments(text: str) -> Iterator[tuple[bool, str]]:
    """(is_code, piece): CommonMark code spans (a backtick run closed by the next run of the same
    length) and the text between them. Runs are indexed by length, so the scan stays linear."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
    by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        by_length.setdefault(end - start, []).append(index)
    pos, i = 0, 0
    while i < len(runs):
        start, end = runs[i]
        same = by_length[end - start]
        k = bisect.bisect_right(same, i)
        if k == len(same):
            i += 1
            continue
        closer = same[k]
        if start > pos:
            yield False, text[pos:start]
        yield True, text[end : runs[closer][0]]
        pos = runs[closer][1]
        i = closer + 1
    if pos < len(text):
        yield False, text[pos:]
