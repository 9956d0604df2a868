"""Column edits on a file's lines turned into a whole-line replacement for a finding.

Every fixer computes small edits (line, start column, end column, new text); ``to_finding`` applies
them to the lines they touch and returns the finding with its span widened to exactly those lines,
provided each of them is a line the change adds (a suggestion may only replace added lines).
Pure: standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from bot.core.models import Finding, SourceFile


@dataclass(frozen=True, slots=True)
class Edit:
    line: int  # 1-based
    start: int  # character column on ``line``
    end: int  # character column on ``end_line``
    text: str
    end_line: int = 0  # 0: the edit ends on ``line``

    @property
    def last(self) -> int:
        return self.end_line or self.line


def byte_to_char(line: str, byte_col: int) -> int:
    """A UTF-8 byte offset on ``line`` (what ast and tree-sitter report) as a character column."""
    return len(line.encode("utf-8")[:byte_col].decode("utf-8", errors="ignore"))


def to_finding(
    finding: Finding, sf: SourceFile, edits: Sequence[Edit], steps: Sequence[str] = ()
) -> Finding | None:
    """``finding`` with the edits as its replacement (and ``steps`` appended to its remediation)."""
    if not edits:
        return None
    lines = sf.text.splitlines()
    first = min(e.line for e in edits)
    last = max(e.last for e in edits)
    if not 1 <= first <= last <= len(lines):
        return None
    if not all(n in sf.change.added_lines for n in range(first, last + 1)):
        return None  # a suggestion may only replace lines the change adds
    block = lines[first - 1 : last]
    starts = [0]
    for row in block:
        starts.append(starts[-1] + len(row) + 1)
    text = "\n".join(block)
    spans = []
    for e in edits:
        if e.start > len(block[e.line - first]) or e.end > len(block[e.last - first]):
            return None
        a, b = starts[e.line - first] + e.start, starts[e.last - first] + e.end
        if b < a:
            return None
        spans.append((a, b, e.text))
    spans.sort(reverse=True)
    for (a, _b, _), (_, b2, _) in pairwise(spans):
        if b2 > a:
            return None  # overlapping edits
    for a, b, new_text in spans:
        text = text[:a] + new_text + text[b:]
    new = [text]
    replacement = "\n".join(new)
    if replacement == "\n".join(lines[first - 1 : last]):
        return None
    remediation = (*finding.remediation, *(s for s in steps if s not in finding.remediation))
    return finding.with_(start_line=first, end_line=last, replacement=replacement, remediation=remediation)


def indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


MAX_WIDEN = 12
"""An import is added by widening a suggestion up to the import block only when at most this many lines
separate them (and every one is added by the change); otherwise the steps name the import."""


def import_edit(sf: SourceFile, after_line: int, statement: str, fix_line: int) -> Edit | None:
    """An edit adding ``statement`` on a new line after ``after_line``, when the suggestion may widen to
    reach it: all lines from there to ``fix_line`` are added and they are at most MAX_WIDEN apart."""
    lines = sf.text.splitlines()
    if not 1 <= after_line <= len(lines) or not 0 <= fix_line - after_line <= MAX_WIDEN:
        return None
    if not all(n in sf.change.added_lines for n in range(after_line, fix_line + 1)):
        return None
    end = len(lines[after_line - 1])
    return Edit(after_line, end, end, "\n" + statement)
