"""Diff-level findings for Go and Java: a check removed while the use it guarded still stands.

Two shapes, each read from a hunk (and the next few lines of the file at the change's head), the
Go and Java counterparts of ``c_diff``'s removed index bound and removed NULL check:

- **Removed length check** (CWE-125; Go panics, Java throws): a removed guard clause (an ``if``
  whose body, on its line or the next ones, returns, throws, panics or continues) compares a length
  (``len(b)`` in Go; ``b.length``, ``b.size()``, ``b.remaining()`` in Java) with a relational
  operator, and a line that stands after it (kept or added, or one of the next head lines)
  indexes or slices the same name (``b[``), while no added line of the file reads that length: the
  index is now reached unchecked (a fix that rewrites the bound keeps reading it).
- **Removed nil check** (CWE-476): a removed guard clause tests a name against ``nil``/``null``
  (``if err != nil``, ``if x == nil``, ``if (x == null)``), a line that stands after it
  dereferences that name (``x.f``, ``x[i]``; for ``err``, the value assigned together with
  it just above: ``f, err := parse(p)`` then ``f.Name``), and no added line of the file tests the
  name against nil again.

Every pattern is linear (bounded repeats, no nested quantifiers) over lines cut to ``MAX_LINE``.
Imports bot.core (and the guard reading and anchoring of ``removed_controls``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.analysis.removed_controls import _anchor, _finding
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Severity

LANGUAGES = frozenset({"go", "java"})
MAX_LINE = 400
HEAD_LINES = 6
"""How many head lines after the anchor are read for the use, beyond the hunk's own."""
LENGTH_RULE = "diff-removed-length-check"
NIL_RULE = "diff-removed-nil-check"

_NAME = r"[A-Za-z_]\w{0,60}(?:\.[A-Za-z_]\w{0,60}){0,3}"
_GO_LEN = re.compile(rf"\blen\(\s*({_NAME})\s*\)\s*[<>]|[<>]=?\s*len\(\s*({_NAME})\s*\)")
_JAVA_LEN = re.compile(
    rf"\b({_NAME})\.(?:length\b(?!\()|size\(\)|remaining\(\))\s*[<>]"
    rf"|[<>]=?\s*({_NAME})\.(?:length\b(?!\()|size\(\)|remaining\(\))"
)
_IF = re.compile(r"^\s*(?:\}\s*)?(?:else\s+)?if\b")
_NIL_TEST = re.compile(rf"\b({_NAME})\s*[!=]=\s*(?:nil|null)\b|\b(?:nil|null)\s*[!=]=\s*({_NAME})\b")
_EXIT = re.compile(r"^\s*(?:return\b|throw\b|panic\(|continue\b|break\b|log\.Fatal|t\.Fatal|os\.Exit\()")
_INLINE_EXIT = re.compile(r"\)\s*\{?\s*(?:return\b|throw\b|panic\(|continue\b)")
_ASSIGNED_WITH = re.compile(rf"^\s*(?:var\s+)?({_NAME}(?:\s*,\s*[A-Za-z_]\w{{0,60}}){{1,3}})\s*:?=")
_COMMENT = re.compile(r"^\s*(//|/\*|\*)")


def _clip(text: str) -> str:
    return text[:MAX_LINE]


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _exits(hunk: Hunk, index: int) -> bool:
    """Whether the removed ``if`` at ``index`` leaves: on its own line, or in the next removed lines
    indented deeper (its body)."""
    head = hunk.lines[index]
    if _INLINE_EXIT.search(_clip(head.text)):
        return True
    for nxt in hunk.lines[index + 1 : index + 5]:
        if nxt.kind is not LineKind.REMOVED or _indent(nxt.text) <= _indent(head.text):
            return False
        if _EXIT.match(_clip(nxt.text)):
            return True
    return False


def _after(hunk: Hunk, index: int, head: Sequence[str] | None) -> list[str]:
    """The lines that stand after ``index``: the hunk's kept and added lines, then a few head lines."""
    out = [_clip(dl.text) for dl in hunk.lines[index + 1 :] if dl.kind is not LineKind.REMOVED]
    if head is not None:
        end = hunk.new_start + hunk.new_len - 1  # last head line the hunk shows (1-based)
        out += [_clip(t) for t in head[max(end, 0) : end + HEAD_LINES]]
    return [t for t in out if not _COMMENT.match(t)]


def _before(hunk: Hunk, index: int) -> list[str]:
    return [_clip(dl.text) for dl in hunk.lines[:index] if dl.kind is not LineKind.REMOVED]


def _added(fc: FileChange) -> list[str]:
    return [_clip(dl.text) for h in fc.hunks for dl in h.lines if dl.kind is LineKind.ADDED]


def _names(pattern: re.Pattern[str], text: str) -> list[str]:
    return [g for m in pattern.finditer(text) for g in m.groups() if g]


def _followed(name: str, line: str, marks: str) -> bool:
    """Whether ``name`` stands in ``line`` as a whole name (not the end of a longer one, nor a field
    of another value) followed, after any spaces, by one of ``marks``."""
    at = 0
    while (i := line.find(name, at)) >= 0:
        at = i + len(name)
        before = line[i - 1] if i > 0 else ""
        if before.isalnum() or before in "_.":
            continue
        rest = line[at : at + 8].lstrip()
        if rest[:1] and rest[0] in marks and not (rest[0].isalnum() or rest[0] == "_"):
            return True
    return False


def _indexes(name: str, line: str) -> bool:
    return _followed(name, line, "[")


def _dereferences(name: str, line: str) -> bool:
    """``x.f``, ``x[i]`` (not ``x = ...``, nor the test ``x != nil`` itself)."""
    return _followed(name, line, ".[")


def _length_finding(fc: FileChange, hunk: Hunk, head: Sequence[str] | None, language: str) -> Finding | None:
    pattern = _GO_LEN if language == "go" else _JAVA_LEN
    added = _added(fc)
    for index, dl in enumerate(hunk.lines):
        text = _clip(dl.text)
        if dl.kind is not LineKind.REMOVED or not _IF.match(text) or not _exits(hunk, index):
            continue
        for name in dict.fromkeys(_names(pattern, text)):
            if any(name in _names(pattern, a) for a in added):
                continue  # the bound rewritten, not removed
            if not any(_indexes(name, line) for line in _after(hunk, index, head)):
                continue
            line, _ = _anchor(hunk, index)
            return _finding(
                fc,
                line,
                dl.text,
                rule=LENGTH_RULE,
                what=f"a length check on `{name}` before it is indexed (out of range, it panics or throws)",
                category="out-of-bounds-read",
                sev=Severity.MEDIUM,
                conf=Confidence.MEDIUM,
            )
    return None


def _nil_finding(fc: FileChange, hunk: Hunk, head: Sequence[str] | None) -> Finding | None:
    added_tests = {n for a in _added(fc) for n in _names(_NIL_TEST, a)}
    for index, dl in enumerate(hunk.lines):
        text = _clip(dl.text)
        if dl.kind is not LineKind.REMOVED or not _IF.match(text) or not _exits(hunk, index):
            continue
        for name in dict.fromkeys(_names(_NIL_TEST, text)):
            if name in added_tests:
                continue
            used = [name]
            if name.split(".")[-1] in ("err", "error", "e"):
                # the value returned with the error, assigned just above the check
                assigned = [
                    [n.strip() for n in m.group(1).split(",")]
                    for t in _before(hunk, index)[-3:]
                    if (m := _ASSIGNED_WITH.match(t))
                ]
                with_err = [names for names in assigned if name in names]
                used = [with_err[-1][0]] if with_err and with_err[-1][0] not in ("_", name) else []
            if not any(_dereferences(u, line) for u in used for line in _after(hunk, index, head)):
                continue
            line, _ = _anchor(hunk, index)
            return _finding(
                fc,
                line,
                dl.text,
                rule=NIL_RULE,
                what=f"a nil check before `{used[0]}` is dereferenced",
                category="null-dereference",
                sev=Severity.MEDIUM,
                conf=Confidence.MEDIUM,
            )
    return None


def find_guarded_uses(
    changeset: ChangeSet,
    languages: Mapping[str, str | None] | None = None,
    heads: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """The findings above for the Go and Java files of a change: at most one of each per hunk."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        if fc.is_binary or language not in LANGUAGES:
            continue
        head = heads.get(fc.path) if heads is not None else None
        for hunk in fc.hunks:
            if not any(dl.kind is LineKind.REMOVED for dl in hunk.lines):
                continue
            for found in (_length_finding(fc, hunk, head, language), _nil_finding(fc, hunk, head)):
                if found is not None:
                    out.append(found)
    return out
