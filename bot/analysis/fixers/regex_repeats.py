"""A regular expression whose repeated group only repeats one character class -> the same language
without the nested repeat (issue 12, ReDoS), JavaScript/TypeScript and Ruby.

``(A+)*`` -> ``(A+)?``, ``(A*)*`` and ``(A*)+`` -> ``(A*)``, ``(A+)+`` -> ``(A+)``, where ``A`` is one
atom: an escape (``\\w``, ``\\d``, ``\\.``), ``.``, a bracket class without a nested class, or a
plain character; the group may be capturing, ``(?:...)`` or named ``(?<n>...)``. Each pair matches
exactly the same strings (a run of ``A`` split into one or more runs is still a run of ``A``), but
the engine no longer tries every way to split a run between iterations, which is what made it
exponential. The group stays, so its number and name do not move. Other nested shapes (``(\\d+;?)*``,
``(,?\\s*\\w+)+``) are left as advice: their unambiguous forms depend on what follows.

The pattern is read with a single left-to-right scan (no regular expression), capped at MAX_PATTERN
characters, and the rewrite is offered only when the project's ReDoS check (``redos_regex``) found the
nested shape before and finds nothing after. Pure: text in, text out.
"""

from __future__ import annotations

from bot.analysis import redos, redos_regex
from bot.analysis.fixers.edits import Edit, to_finding
from bot.core.models import Finding, SourceFile

MAX_PATTERN = 2000
_SPECIAL = set("()[]{}|*+?.^$\\/")
STEP = (
    "The repeated group no longer repeats a repeat: it matches the same strings, without the exponential "
    "backtracking. Add a test that a long string of the repeated character followed by one that fails "
    "the match returns within a few milliseconds."
)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "redos" or finding.replacement is not None:
        return None
    if sf.language not in redos.LANGUAGES or finding.start_line != finding.end_line:
        return None
    n = finding.start_line
    if not 1 <= n <= len(sf.lines):
        return None
    line = sf.lines[n - 1]
    for pattern in redos.patterns(line, sf.language or ""):
        if len(pattern) > MAX_PATTERN or "nested" not in redos_regex.findings(pattern):
            continue
        fixed = flatten(pattern)
        if fixed is None or redos_regex.findings(fixed):
            continue
        at = line.find(pattern)
        if at < 0 or line.find(pattern, at + 1) >= 0:
            continue  # written with escapes a string literal resolves, or twice on the line: by hand
        return to_finding(finding, sf, [Edit(n, at, at + len(pattern), fixed)], (STEP,))
    return None


def flatten(pattern: str) -> str | None:
    """``pattern`` with every ``(A+)*``-shaped group rewritten (see the module docstring), or None when
    there is none. Linear: one pass, each group looked at once."""
    if len(pattern) > MAX_PATTERN:
        return None
    out: list[str] = []
    i, changed = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            end = _class_end(pattern, i)
            if end < 0:
                return None
            out.append(pattern[i:end])
            i = end
            continue
        if c == "(":
            group = _simple_group(pattern, i)
            if group is not None:
                text, end = group
                out.append(text)
                changed = changed or text != pattern[i:end]
                i = end
                continue
        out.append(c)
        i += 1
    return "".join(out) if changed else None


def _class_end(pattern: str, i: int) -> int:
    """The index after the ``]`` closing the class opened at ``i`` (-1: unclosed or nested)."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1  # a literal ']' first
    while j < len(pattern):
        if pattern[j] == "\\":
            j += 2
            continue
        if pattern[j] == "[":
            return -1  # a nested class (Ruby's [a&&[b]]): left alone
        if pattern[j] == "]":
            return j + 1
        j += 1
    return -1


def _atom_end(pattern: str, i: int) -> int:
    """The index after the single atom starting at ``i`` (-1: not a single atom)."""
    if i >= len(pattern):
        return -1
    c = pattern[i]
    if c == "\\":
        if i + 1 >= len(pattern) or pattern[i + 1].isdigit() or pattern[i + 1] in "kpPuxcg":
            return -1  # back-references, properties, \x.. and \u.... escapes: not one simple atom
        return i + 2
    if c == "[":
        return _class_end(pattern, i)
    if c == "." or c not in _SPECIAL:
        return i + 1
    return -1


def _group_head(pattern: str, i: int) -> int:
    """The index after ``(``, ``(?:`` or ``(?<name>`` at ``i`` (-1: another kind of group)."""
    if pattern.startswith("(?:", i):
        return i + 3
    if pattern.startswith("(?<", i) and i + 3 < len(pattern) and pattern[i + 3] not in "=!":
        j = i + 3
        while j < len(pattern) and (pattern[j].isalnum() or pattern[j] == "_"):
            j += 1
        return j + 1 if j < len(pattern) and pattern[j] == ">" and j > i + 3 else -1
    if pattern.startswith("(?", i):
        return -1
    return i + 1


_NEW = {("+", "*"): ("+", "?"), ("*", "*"): ("*", ""), ("*", "+"): ("*", ""), ("+", "+"): ("+", "")}


def _simple_group(pattern: str, i: int) -> tuple[str, int] | None:
    """For a group ``(A q1) q2`` at ``i`` with q1, q2 in ``+``/``*`` (greedy): (its rewrite, the index
    after it); None for any other group."""
    head = _group_head(pattern, i)
    atom = _atom_end(pattern, head) if head > 0 else -1
    if atom < 0:
        return None
    inner, close = pattern[atom : atom + 1], atom + 1
    if inner not in {"+", "*"} or close >= len(pattern) or pattern[close] != ")":
        return None
    outer = pattern[close + 1 : close + 2]
    after = pattern[close + 2 : close + 3]
    if outer not in {"+", "*"} or after in {"?", "+"}:
        return None  # not repeated, or a lazy/possessive repeat: not this shape
    new_inner, new_outer = _NEW[(inner, outer)]
    return pattern[i:atom] + new_inner + ")" + new_outer, close + 2
