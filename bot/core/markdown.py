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

# Characters that start an inline construct anywhere (emphasis, code, links and images through
# brackets, HTML and autolinks, entities, strikethrough, table cells, GitHub math); escaping them is
# enough, since ! ( ) only matter next to a bracket. Block markers matter only at the start.
_INLINE = frozenset("\\`*_[]<>&~|$")
_BLOCK_START = frozenset("#-+=>")
_DIGITS_THEN = re.compile(r"\d{1,9}+[.)]")
_BACKTICKS = re.compile(r"`++")
_MARKER_OPEN = "<!--"
_MARKER_CLOSE = "-->"


def md_text(text: str, *, table: bool = False) -> str:
    """``text`` as literal Markdown inline content (a paragraph, a list item, a table cell)."""
    flat = _flatten(redact(text))
    out = []
    for is_code, piece in _segments(flat):
        out.append(_code_span(piece, table=table) if is_code else _escape(_defuse(piece)))
    return "".join(out)


def md_code(text: str, *, table: bool = False) -> str:
    """``text`` in an inline code span: a fence longer than any backtick run inside, padded when
    the text starts or ends with a backtick; marker text is broken, ``|`` escaped in tables."""
    return _code_span(_flatten(redact(text)), table=table)


def _code_span(flat: str, *, table: bool) -> str:
    body = _defuse(flat)
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
    """What a reader sees of ``md_text(text)``: redacted, on one line, code-span backticks gone."""
    return "".join(piece for _is_code, piece in _segments(_flatten(redact(text))))


def _flatten(text: str) -> str:
    """One line: every whitespace run (newlines included) becomes one space, NUL becomes U+FFFD
    (as CommonMark shows it); capped."""
    return " ".join(text[:MAX_CHARS].replace("\x00", "\ufffd").split())


def _escape(text: str) -> str:
    """A backslash before every character that could start Markdown (CommonMark makes each escaped
    punctuation character literal), and a zero-width space where GitHub would still link a
    mention, a URL or a ``www.`` host."""
    out = []
    for i, ch in enumerate(text):
        if ch in _INLINE or (i == 0 and ch in _BLOCK_START):
            out.append("\\" + ch)
        elif ch == "@" or (ch == ":" and text.startswith("//", i + 1)):
            out.append(ch + ZWSP)
        elif ch == "." and text[max(0, i - 3) : i].lower() == "www":
            out.append(ZWSP + ".")
        else:
            out.append(ch)
    ordered = _DIGITS_THEN.match(text)
    if ordered:  # "1. x" or "1) x" would start an ordered list
        end = len("".join(out[: ordered.end() - 1]))
        out_text = "".join(out)
        return out_text[:end] + "\\" + out_text[end:]
    return "".join(out)


def _defuse(code: str) -> str:
    """No HTML comment (the bot's hidden markers are HTML comments) can open or close in the raw
    text: a zero-width space splits every ``<!--`` and ``-->``."""
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
