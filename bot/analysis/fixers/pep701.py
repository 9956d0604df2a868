"""Python 3.12 f-strings that reuse their own quote inside a replacement field (PEP 701:
``f"{body["region"]}"``) made readable for the 3.11 parser the fixers run on, by switching those inner
quotes to the other kind (``f"{body['region']}"``): the same program on every Python version.

``compat(text)`` answers the text with only such quote characters changed (same length, every other
character kept), or None when there is nothing to change or it cannot be done safely (the other quote
kind, a backslash, a brace or a nested f-string inside the inner string, a triple-quoted f-string, an
unterminated string). One left-to-right scan, linear in the text. Pure: standard library only.
"""

from __future__ import annotations

_PREFIX = set("rRbBuUfF")
_IDENT = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def compat(text: str) -> str | None:
    out = list(text)
    changed = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch not in "'\"":
            i += 1
            continue
        j = i
        while j > 0 and text[j - 1] in _PREFIX and i - j < 2:
            j -= 1
        prefix = text[j:i]
        if j > 0 and text[j - 1] in _IDENT:
            prefix = ""  # the letters end a name, not a string prefix
        triple = text[i : i + 3] == ch * 3
        if triple:
            if "f" in prefix.lower():
                return None
            end = text.find(ch * 3, i + 3)
            if end < 0:
                return None
            i = end + 3
            continue
        if "f" not in prefix.lower():
            i = _skip_plain(text, i, ch)
            if i < 0:
                return None
            continue
        result = _fstring(text, i, ch, out, "r" in prefix.lower())
        if result is None:
            return None
        i, did = result
        changed = changed or did
    return "".join(out) if changed else None


def _skip_plain(text: str, i: int, quote: str) -> int:
    """The index after the single-quoted string opening at ``i``, or -1 when it is not closed."""
    k = i + 1
    while k < len(text):
        c = text[k]
        if c == "\\":
            k += 2
            continue
        if c == quote:
            return k + 1
        if c == "\n":
            return -1
        k += 1
    return -1


def _fstring(text: str, i: int, quote: str, out: list[str], raw: bool) -> tuple[int, bool] | None:
    """Scan the single-quoted f-string opening at ``i``; (index after it, whether a quote changed)."""
    other = "'" if quote == '"' else '"'
    depth = 0
    changed = False
    k = i + 1
    while k < len(text):
        c = text[k]
        if c == "\n":
            return None
        if depth == 0:
            if c == "\\" and not raw:
                k += 2
                continue
            if c == quote:
                return k + 1, changed
            if c == "{":
                if text[k + 1 : k + 2] == "{":
                    k += 2
                    continue
                depth = 1
            k += 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "\\":
            return None
        elif c == other:
            k = _skip_plain(text, k, other)
            if k < 0:
                return None
            continue
        elif c == quote:
            after = _switch(text, k, quote, other, out)
            if after < 0:
                return None
            changed = True
            k = after
            continue
        k += 1
    return None


def _switch(text: str, k: int, quote: str, other: str, out: list[str]) -> int:
    """Switch the inner string opening at ``k`` to ``other`` quotes; the index after it, or -1."""
    if text[k - 1 : k] in _PREFIX:
        return -1  # a nested f-string or prefixed string: left alone
    end = k + 1
    while end < len(text) and text[end] not in {quote, other, "\\", "{", "}", "\n"}:
        end += 1
    if end >= len(text) or text[end] != quote:
        return -1
    out[k] = out[end] = other
    return end + 1
