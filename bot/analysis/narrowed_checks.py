"""Diff-level findings for Python: a condition rewritten in place so that it checks less.

A fix often adds a test to a condition that was already there instead of writing a new guard:
``if username and password:`` (which then sends credentials) becomes ``if not
scheme.startswith("https") and username and password:``, and ``if key is None: raise`` becomes ``if
key is None or not valid(key): raise``. The change that introduces the flaw takes the test back out,
and neither a removed guard nor a removed call shows it: the ``if`` stands, one operand shorter.

Each removed ``if``/``elif`` is paired with the added one that replaces it (the next added ``if`` at
the same indentation within a few lines); both conditions are read with ``ast`` and split on their
top-level ``and``/``or``. The shapes, only when the new condition keeps every operand of the old one but
the ones it drops, or the old one every operand of the new one but the one it adds, or both the same:

- the body refuses (``raise``, ``abort(...)``, an error response, ``return``/``return None``/``return
  False``, ``continue``) and an ``or`` operand is dropped: one reason fewer to refuse;
- the body refuses and an ``and`` operand is added: one more thing must hold before it refuses;
- the body acts (neither refuses nor applies a protection such as an escape or a header removal) and an
  ``and`` operand is dropped: the action now runs where it did not;
- the same operands with the operator swapped: ``and`` -> ``or`` before an action, ``or`` -> ``and``
  before a refusal (splunk-sdk's ``... or not verify`` handing out an unverified TLS context).

Only an operand that is more than a constant counts, and one whose text still stands inside an operand
of the other condition was moved, not dropped. Conditions are read only from lines the hunk shows (at
most ``MAX_CONDITION_LINES`` lines, ``MAX_LINE`` characters each); nothing here matches untrusted text
with an unbounded pattern. Imports bot.core (and the anchoring and finding shape of
``removed_controls``).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping, Sequence

from bot.analysis.removed_controls import _TEST_PATH, CONTROLS, _clip, _finding, _indent
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Severity

RULE = "diff-narrowed-condition"
MAX_CONDITION_LINES = 6
PAIR_DISTANCE = 6
"""How many lines after a removed ``if`` its replacement may stand."""

_IF = re.compile(r"^\s*(if|elif)\b")
_COMMENT = re.compile(r"^\s*#")
_REFUSES = re.compile(
    r"^(raise\b|abort\(|flask\.abort\(|continue\b|return\s*$|return\s+(None|False)\s*$|"
    r"return\s+[\w.]{0,80}(Forbidden|Unauthori[sz]ed|BadRequest|NotAllowed|Error|Denied)\w{0,20}\b|"
    r"return\s+[^#]{0,200}?\b(40[013]|405|413|422)\b)"
)
"""The first statement of an ``if`` body that refuses what it tested."""
_PROTECTS = re.compile(r"^(del\s|[\w.]{1,120}\.pop\(|[\w.]{1,120}\.discard\(|[\w.]{1,120}\.remove\()")
"""A body that takes something away (a header deleted, a key dropped): a protection, not an action."""
_SECURITY_WORD = re.compile(
    r"https|secure|safe|valid|verif|auth|perm|allow|trust|sign|token|csrf|xsrf|origin|host|scheme|"
    r"admin|owner|user|root|len\(|size|max|limit|startswith|\.\.",
    re.IGNORECASE,
)
"""Words that say a dropped operand was a security test (medium confidence rather than low)."""
PATTERNS = (_IF, _COMMENT, _TEST_PATH, _REFUSES, _PROTECTS, _SECURITY_WORD)
"""Every pattern above, for the linear-time test (they see untrusted diff lines)."""


def _condition(hunk: Hunk, index: int, kind: LineKind) -> tuple[str, int] | None:
    """The condition of the ``if``/``elif`` at ``index`` (joined over the following lines of ``kind``
    until one ends with ``:``) and the index of its last line; None when it does not close in view."""
    parts: list[str] = []
    for j in range(index, min(len(hunk.lines), index + MAX_CONDITION_LINES)):
        dl = hunk.lines[j]
        if dl.kind is not kind and j > index:
            if dl.kind is LineKind.CONTEXT:
                return None  # a condition split between kept and changed lines: not read
            continue
        text = _clip(dl.text).split("#", 1)[0].rstrip()
        parts.append(text.strip())
        if text.endswith(":"):
            joined = " ".join(parts)
            head = _IF.match(joined)
            return (joined[head.end() if head else 0 : -1].strip(), j) if head else None
    return None


def _operands(condition: str) -> tuple[str, list[str]] | None:
    """("and"|"or", the normalised operand texts) of a condition; one operand reads as an ``and``."""
    try:
        tree = ast.parse(condition, mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return None
    if isinstance(tree, ast.BoolOp):
        op = "and" if isinstance(tree.op, ast.And) else "or"
        values = tree.values
    else:
        op, values = "and", [tree]
    return op, ["".join(ast.unparse(v).split()) for v in values]


def _body(hunk: Hunk, index: int) -> list[str]:
    """The first statements of the body after the (added) ``if`` ending at ``index``: the lines the
    new side keeps or adds, indented deeper than the ``if`` that starts the condition."""
    start = index
    while start > 0 and not _IF.match(_clip(hunk.lines[start].text)):
        start -= 1
    depth = _indent(hunk.lines[start].text)
    out = []
    for dl in hunk.lines[index + 1 :]:
        if dl.kind is LineKind.REMOVED or _COMMENT.match(dl.text) or not dl.text.strip():
            continue
        if _indent(dl.text) <= depth:
            break
        out.append(_clip(dl.text).strip())
        if len(out) == 3:
            break
    return out


_NAMES_ONLY = frozenset({"credential-header", "serializer-secret"})
"""Control kinds whose pattern names what is protected (a header), not the act of protecting it."""
_PROTECTIONS = tuple(c for c in CONTROLS if c.kind not in _NAMES_ONLY)


def _protects(body: Sequence[str]) -> bool:
    """Whether the body applies a protection (escapes, deletes a header, checks): running it in more
    cases hardens the code."""
    return any(_PROTECTS.match(line) or any(c.pattern.search(line) for c in _PROTECTIONS) for line in body)


def _keyword(text: str) -> str:
    match = _IF.match(_clip(text))
    return match.group(1) if match else ""


def _within(operand: str, others: Sequence[str]) -> bool:
    return any(operand in other for other in others)


def _testing(operand: str) -> bool:
    try:
        node = ast.parse(operand, mode="eval").body
    except (SyntaxError, ValueError, RecursionError):
        return False
    return not isinstance(node, ast.Constant)


Operands = tuple[str, list[str]]


def _narrowing(old: Operands, new: Operands, refuses: bool) -> tuple[str, str] | None:
    """(what changed, the operand) when ``new`` checks less than ``old`` for a body that refuses or acts."""
    (old_op, old_ops), (new_op, new_ops) = old, new
    dropped = [o for o in old_ops if o not in new_ops and not _within(o, new_ops) and _testing(o)]
    gained = [n for n in new_ops if n not in old_ops and not _within(n, old_ops) and _testing(n)]
    # one operand alone reads as either operator: `if a or b` -> `if a` dropped from an `or`
    fewer = len(old_ops) > 1 and dropped and all(n in old_ops for n in new_ops)
    more = len(new_ops) > 1 and gained and all(o in new_ops for o in old_ops)
    if refuses and fewer and old_op == "or" and (new_op == "or" or len(new_ops) == 1):
        return "dropped a reason to refuse", dropped[0]
    if refuses and more and new_op == "and" and (old_op == "and" or len(old_ops) == 1):
        return "added a condition the refusal now also needs", gained[0]
    if not refuses and fewer and old_op == "and" and (new_op == "and" or len(new_ops) == 1):
        return "dropped a condition the action needed", dropped[0]
    # the same operands, the operator swapped: `and` -> `or` runs an action when either holds, `or` ->
    # `and` refuses only when every reason holds
    swapped = len(old_ops) > 1 and sorted(old_ops) == sorted(new_ops) and old_op != new_op
    if swapped and (new_op == "or") != refuses:
        return ("`or` became `and`" if refuses else "`and` became `or`"), old_ops[-1]
    return None


def _hunk_finding(fc: FileChange, hunk: Hunk) -> Finding | None:
    lines = hunk.lines
    for i, dl in enumerate(lines):
        if dl.kind is not LineKind.REMOVED or not _IF.match(_clip(dl.text)):
            continue
        old_cond = _condition(hunk, i, LineKind.REMOVED)
        if old_cond is None:
            continue
        for j in range(i + 1, min(len(lines), i + PAIR_DISTANCE + 1)):
            nxt = lines[j]
            if nxt.kind is not LineKind.ADDED or not _IF.match(_clip(nxt.text)):
                continue
            if _indent(nxt.text) != _indent(dl.text) or _keyword(nxt.text) != _keyword(dl.text):
                break
            new_cond = _condition(hunk, j, LineKind.ADDED)
            old, new = _operands(old_cond[0]), (_operands(new_cond[0]) if new_cond else None)
            if new_cond is None or old is None or new is None:
                break
            body = _body(hunk, new_cond[1])
            if not body:
                break
            refuses = bool(_REFUSES.match(body[0]))
            if not refuses and _protects(body):
                break
            found = _narrowing(old, new, refuses)
            if found is None:
                break
            what, operand = found
            conf = Confidence.MEDIUM if _SECURITY_WORD.search(old_cond[0]) else Confidence.LOW
            finding = _finding(
                fc,
                nxt.new_no or hunk.new_start,
                dl.text,
                rule=RULE,
                what=f"a test from a condition (`{operand[:80]}`: {what})",
                category="input-validation",
                sev=Severity.MEDIUM,
                conf=conf,
            )
            return finding.with_(
                title="Change weakens a check: its condition now lets more through",
                remediation=(
                    f"Put `{operand[:80]}` back into the condition, or show where the same test now applies.",
                    "Add a test with the input that test used to stop.",
                ),
            )
    return None


MATCH_RULE = "diff-weakened-match"
_WEAKER_MATCHERS = (
    ("fullmatch(", "match("),
    ("fullmatch(", "search("),
    ("re.match(", "re.search("),
)
"""(stronger, weaker) matcher calls: the weaker one accepts text the stronger refused (a suffix, or a
match anywhere)."""
_ANCHORS = ('$"', "$'", '\\Z"', "\\Z'", '\\z"', "\\z'")
"""A pattern literal's closing anchor, as written before its closing quote (squashed text)."""


def _weakened_match(old: str, new: str) -> str:
    """What makes ``new`` (an added line, squashed) the removed line ``old`` with a weaker regular
    expression test: a matcher swapped for one that accepts more, or an end anchor dropped; ''."""
    for strong, weak in _WEAKER_MATCHERS:
        if strong in old and old.replace(strong, weak) == new:
            return (
                f"`{strong[:-1]}` became `{weak[:-1]}` (the text need only start with, or contain, a match)"
            )
    for anchor in _ANCHORS:
        if anchor in old and old.replace(anchor, anchor[-1]) == new:
            return f"the pattern lost its end anchor `{anchor[:-1]}` (anything may follow the match)"
    return ""


def _match_finding(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A regular expression test rewritten in place to accept more (``re.fullmatch`` -> ``re.match``,
    ``re.match`` -> ``re.search``, ``r"^[a-z]+$"`` -> ``r"^[a-z]+"``) on the added line beside it."""
    lines = hunk.lines
    for i, dl in enumerate(lines):
        if dl.kind is not LineKind.REMOVED or _COMMENT.match(dl.text):
            continue
        old = "".join(_clip(dl.text).split())
        if "match(" not in old and "search(" not in old and "compile(" not in old:
            continue
        for nxt in lines[i + 1 : i + 1 + PAIR_DISTANCE]:
            if nxt.kind is not LineKind.ADDED:
                continue
            what = _weakened_match(old, "".join(_clip(nxt.text).split()))
            if not what:
                continue
            finding = _finding(
                fc,
                nxt.new_no or hunk.new_start,
                dl.text,
                rule=MATCH_RULE,
                what=f"a complete match of a validation pattern ({what})",
                category="input-validation",
                sev=Severity.MEDIUM,
                conf=Confidence.MEDIUM,
            )
            return finding.with_(
                title="Change weakens a pattern check: it now accepts text the pattern does not cover",
                remediation=(
                    "Keep `re.fullmatch` (or `\\Z` at the end of the pattern) so the whole value must match.",
                    "Add a test with a valid prefix followed by something the pattern refuses.",
                ),
            )
    return None


def find_narrowed_conditions(
    changeset: ChangeSet, languages: Mapping[str, str | None] | None = None
) -> list[Finding]:
    """The findings above for the Python files of a change: at most one of each per hunk."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        if fc.is_binary or language != "python" or _TEST_PATH.search(fc.path):
            continue
        for hunk in fc.hunks:
            for found in (_hunk_finding(fc, hunk), _match_finding(fc, hunk)):
                if found is not None:
                    out.append(found)
    return out
