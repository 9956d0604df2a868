"""Path globs of the asset map, matched without regular expressions (bounded time on any path).

Pure: standard library only. ``*`` is any run of characters within one path segment, ``?`` one
character, ``**`` as a whole segment any number of segments (none included). A pattern without a
``/`` matches a file or directory name at any depth (gitignore's rule); a pattern matches a path when
it matches the path itself or one of its leading directories, so ``tools`` and ``tools/**`` both
cover everything under ``tools/``. Time is at most (pattern length x path length) per segment pair.
"""

from __future__ import annotations

MAX_GLOB = 200
MAX_PATH = 4096
_SPECIAL_SEGMENTS = {"", ".", ".."}


def glob_problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be a glob of the asset map, or None when it can."""
    if not pattern or not pattern.strip():
        return "an empty pattern"
    if len(pattern) > MAX_GLOB:
        return f"longer than {MAX_GLOB} characters"
    if any(ord(c) < 32 for c in pattern):
        return "a control character"
    body = pattern.strip("/")
    if not body:
        return "only slashes"
    if any(seg in _SPECIAL_SEGMENTS for seg in body.split("/")):
        return "an empty, '.' or '..' segment"
    return None


def _segment_match(pattern: str, text: str) -> bool:
    """``*`` and ``?`` within one segment: the two-pointer match that resumes from the last star
    (never exponential: each star position is retried at most once per text position)."""
    p = t = 0
    star = -1
    resume = 0
    while t < len(text):
        if p < len(pattern) and (pattern[p] == "?" or pattern[p] == text[t]):
            p += 1
            t += 1
        elif p < len(pattern) and pattern[p] == "*":
            star, resume = p, t
            p += 1
        elif star >= 0:
            p = star + 1
            resume += 1
            t = resume
        else:
            return False
    while p < len(pattern) and pattern[p] == "*":
        p += 1
    return p == len(pattern)


def _segments_match(pattern: list[str], path: list[str]) -> bool:
    """Whether ``pattern`` (``**`` segments included) matches all of ``path``: a table over
    (pattern segment, path segment), filled once."""
    rows, cols = len(pattern), len(path)
    # ok[i][j]: pattern[i:] matches path[j:]
    ok = [[False] * (cols + 1) for _ in range(rows + 1)]
    ok[rows][cols] = True
    for i in range(rows - 1, -1, -1):
        seg = pattern[i]
        for j in range(cols, -1, -1):
            if seg == "**":
                ok[i][j] = ok[i + 1][j] or (j < cols and ok[i][j + 1])
            else:
                ok[i][j] = j < cols and ok[i + 1][j + 1] and _segment_match(seg, path[j])
    return ok[0][0]


def glob_match(pattern: str, path: str) -> bool:
    """Whether ``path`` (relative, ``/``-separated) lies under ``pattern``; see the module docstring."""
    if glob_problem(pattern) is not None or len(path) > MAX_PATH:
        return False
    parts = [p for p in path.strip("/").split("/") if p]
    if not parts:
        return False
    body = pattern.strip("/")
    segs = body.split("/")
    if "/" not in body:
        segs = ["**", *segs]  # a bare name matches at any depth
    # the path itself, or one of its leading directories: what the pattern leaves may be anything
    if segs[-1] != "**":
        segs.append("**")
    return _segments_match(segs, parts)
