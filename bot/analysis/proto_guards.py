"""Diff-level findings for JavaScript and TypeScript: a key filter removed or narrowed before a write
through that key (prototype pollution, CWE-1321).

Read from one hunk at a time (and the next lines of the file at the change's head), so a function
reviewed without the rest of its file is read the same way as a whole file:

- **Removed key filter** (``diff-removed-key-filter``): a removed guard clause (an ``if`` that, on its
  line or the next removed lines, returns, continues, breaks or throws) tests a key ``k`` by name
  against a prototype key (``'__proto__'``, ``'constructor'``, ``'prototype'``) or passes it to a
  call (``isValidKey(k)``, ``specialProperties.indexOf(k)``, ``BLOCKED.has(k)``; a lone
  ``hasOwnProperty`` test does not count: an own ``__proto__`` key passes it), while a line that
  stands after it writes through the key (``target[k] = ...``) and no added line of the file tests
  ``k`` in a guard again.
- **Narrowed guard** (``diff-narrowed-prototype-guard``): the removed guard covered ``constructor``
  or ``prototype`` or called a check on the key, and the guard added in its place compares the key
  with ``'__proto__'`` alone: ``constructor.prototype`` paths reach ``Object.prototype`` again.
- **Safe accessor dropped** (``diff-removed-safe-accessor``): a removed line reads
  ``safeGetProperty(obj, key)`` (a callee named *safe*) and an added line of the hunk reads
  ``obj[key]`` directly.

Every pattern is linear (bounded names, no nested quantifiers) over lines cut to ``MAX_LINE``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.analysis.removed_controls import _anchor, _clip, _finding
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Severity

LANGUAGES = frozenset({"javascript", "typescript"})
HEAD_LINES = 40
"""How many head lines after the anchor are read for the write, beyond the hunk's own."""
KEY_RULE = "diff-removed-key-filter"
NARROW_RULE = "diff-narrowed-prototype-guard"
SAFE_RULE = "diff-removed-safe-accessor"

_ID = r"[A-Za-z_$][\w$]{0,60}"
_IF = re.compile(r"^\s*(?:\}\s*)?(?:else\s+)?if\s*\(")
_EXIT = re.compile(r"^\s*(?:return\b|continue\b|break\b|throw\b)")
_INLINE_EXIT = re.compile(r"\)\s*\{?\s*(?:return\b|continue\b|break\b|throw\b)")
_PROTO_WORD = re.compile(r"['\"`](?:__proto__|constructor|prototype)['\"`]")
_WIDE_WORD = re.compile(r"['\"`](?:constructor|prototype)['\"`]")
_IDENT = re.compile(_ID)
_COMMENT = re.compile(r"^\s*(?://|/\*|\*)")
_SAFE_CALL = re.compile(rf"\b(\w{{0,40}}[Ss]afe\w{{0,40}})\(\s*({_ID}(?:\.{_ID}){{0,3}})\s*,\s*({_ID})\s*\)")


def _key_write(name: str) -> re.Pattern[str]:
    """``something[name] = `` (not ``==``), the write a key filter protects."""
    return re.compile(rf"\[\s*{re.escape(name)}\s*\]\s*=(?!=)")


def _exits(lines: Sequence[str], index: int) -> bool:
    """Whether the ``if`` at ``index`` leaves: on its own line or within the next three lines."""
    if _INLINE_EXIT.search(_clip(lines[index])):
        return True
    for text in lines[index + 1 : index + 4]:
        if _EXIT.search(text):
            return True
        if text.strip() not in ("", "{"):
            return False
    return False


def _condition(text: str) -> str:
    """The text of an ``if (...)`` condition on one line (to its balancing parenthesis, or the line end)."""
    start = text.find("(")
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i]
    return text[start + 1 :]


def _filtered_keys(condition: str) -> set[str]:
    """Names the condition filters as keys: compared with a prototype key, or passed to a call."""
    keys: set[str] = set()
    for match in _IDENT.finditer(condition):
        name = match.group(0)
        if name in ("typeof", "in", "instanceof", "null", "undefined", "true", "false"):
            continue
        before = condition[: match.start()].rstrip()
        after = condition[match.end() :].lstrip()
        compared = after.startswith(("===", "!==", "==", "!=")) and _PROTO_WORD.search(after[:40])
        compared = compared or (
            before.endswith(("===", "!==", "==", "!=")) and _PROTO_WORD.search(before[-40:])
        )
        called = before.endswith(("(", ",")) and after.startswith((")", ","))
        if compared or (called and "hasOwnProperty" not in condition):
            keys.add(name)
    return keys


def _narrow(condition: str) -> bool:
    """A guard that names ``__proto__`` and nothing else a prototype path can take."""
    return "__proto__" in condition and not _WIDE_WORD.search(condition) and "(" not in condition


def _guards(hunk: Hunk, kind: LineKind) -> list[tuple[int, str, set[str]]]:
    """Guard clauses on lines of ``kind`` (added or removed) that filter a key: (hunk index, condition,
    keys). Whether the guard leaves is read on its side of the hunk (a kept ``return;`` counts)."""
    other = LineKind.REMOVED if kind is LineKind.ADDED else LineKind.ADDED
    side = [(i, dl) for i, dl in enumerate(hunk.lines) if dl.kind is not other]
    texts = [dl.text for _, dl in side]
    found = []
    for j, (i, dl) in enumerate(side):
        text = dl.text
        if dl.kind is not kind or _COMMENT.match(text) or not _IF.match(text) or not _exits(texts, j):
            continue
        condition = _condition(_clip(text))
        keys = _filtered_keys(condition)
        if keys:
            found.append((i, condition, keys))
    return found


def _added_guards(fc: FileChange) -> dict[str, list[str]]:
    """Every key the file's added lines test in a guard clause, with the conditions."""
    tested: dict[str, list[str]] = {}
    for hunk in fc.hunks:
        for _, condition, keys in _guards(hunk, LineKind.ADDED):
            for key in keys:
                tested.setdefault(key, []).append(condition)
    return tested


def _written_after(hunk: Hunk, index: int, key: str, head: Sequence[str] | None) -> bool:
    write = _key_write(key)
    standing = [dl for dl in hunk.lines[index + 1 :] if dl.kind is not LineKind.REMOVED]
    if any(write.search(_clip(dl.text)) for dl in standing):
        return True
    if head:
        last = max((dl.new_no for dl in hunk.lines if dl.new_no is not None), default=0)
        return any(write.search(_clip(text)) for text in head[last : last + HEAD_LINES])
    return False


def _removed_guard_findings(
    fc: FileChange, hunk: Hunk, tested: Mapping[str, list[str]], head: Sequence[str] | None
) -> list[Finding]:
    findings: list[Finding] = []
    for index, condition, keys in _guards(hunk, LineKind.REMOVED):
        for key in sorted(keys):
            if not _written_after(hunk, index, key, head):
                continue
            replacements = tested.get(key, [])
            wide = _WIDE_WORD.search(condition) or "(" in condition
            if replacements and not (wide and all(_narrow(c) for c in replacements)):
                continue  # the change tests the key again, as widely
            line, _ = _anchor(hunk, index)
            if replacements:
                rule, what = (
                    NARROW_RULE,
                    "part of a guard against prototype keys (only `__proto__` is still refused)",
                )
            else:
                rule, what = KEY_RULE, f"a filter on the key `{key}` before a write through it"
            findings.append(
                _finding(
                    fc,
                    line,
                    hunk.lines[index].text,
                    rule=rule,
                    what=what,
                    category="prototype-pollution",
                    sev=Severity.HIGH,
                    conf=Confidence.MEDIUM,
                )
            )
            return findings  # one per hunk
    return findings


def _safe_accessor_findings(fc: FileChange, hunk: Hunk) -> list[Finding]:
    added = [(i, dl.text) for i, dl in enumerate(hunk.lines) if dl.kind is LineKind.ADDED]
    for i, dl in enumerate(hunk.lines):
        if dl.kind is not LineKind.REMOVED:
            continue
        for match in _SAFE_CALL.finditer(_clip(dl.text)):
            direct = re.compile(rf"{re.escape(match.group(2))}\s*\[\s*{re.escape(match.group(3))}\s*\]")
            if any(direct.search(_clip(text)) and match.group(1) not in text for _, text in added):
                line, _ = _anchor(hunk, i)
                return [
                    _finding(
                        fc,
                        line,
                        dl.text,
                        rule=SAFE_RULE,
                        what=f"the guarded property read `{match.group(1)}(...)` (now a plain `[...]` read)",
                        category="prototype-pollution",
                        sev=Severity.HIGH,
                        conf=Confidence.MEDIUM,
                    )
                ]
    return []


def find_proto_guards(
    changeset: ChangeSet,
    languages: Mapping[str, str | None],
    heads: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """Removed or narrowed key filters and dropped safe accessors in the JS/TS files of the change."""
    findings: list[Finding] = []
    for fc in changeset.files:
        if languages.get(fc.path) not in LANGUAGES:
            continue
        tested = _added_guards(fc)
        head = (heads or {}).get(fc.path)
        for hunk in fc.hunks:
            findings += _removed_guard_findings(fc, hunk, tested, head) or _safe_accessor_findings(fc, hunk)
    return findings
