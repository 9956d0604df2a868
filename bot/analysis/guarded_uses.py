"""Diff-level findings for Go, Java and Ruby: a check removed while the use it guarded still stands.

Four shapes, each read from a hunk (and the next lines of the file at the change's head); the first
two (Go and Java) are the counterparts of ``c_diff``'s removed index bound and removed NULL check:

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
- **Removed rejecting case** (CWE-20, Go and Java): removed ``case`` labels whose group, after the
  labels that stand, throws or returns a refusal (``throw``, ``return false``/``null``/an error,
  ``panic``): those values are accepted now (netty's header-name validation lost ``0x1c``-``0x1f``).
  Quiet when an added line of the file carries the same label (the case moved).
- **Removed check before a sink** (Go, Java, Ruby): a removed guard clause whose condition calls a
  validating predicate (a name saying safe, valid, allowed, trusted, inside, traversal...; a prefix or
  containment test; an ``indexOf`` of a scheme) or compares with an allow-list, and leaves
  (return, throw, raise, an error), while a line that stands after it passes a name the condition
  tested to a sink (a JNDI ``lookup``, a command, a file path, a redirect, a query, dynamic dispatch,
  deserialisation), and no added line of the file calls that predicate again. The finding's
  category is the sink's. Also a removed ``if`` whose condition validated a name the body passes to
  a sink, replaced by a test that no longer calls the validator (``if IsSameSiteURLPath(to)`` ->
  ``if len(to) > 0`` before ``Redirect(to)``).

- **Removed sanitiser** (Go, Java, Ruby): a run of changed lines that is the removed one with calls
  named for sanitising (``sanitizeURI``, ``checkParameter``, ``html_escape``, ``filepath.Base``...)
  each replaced by its first argument: the value reaches what follows unchecked. The category is that
  of a sink on the line (a redirect, a query...), else the sanitiser's word, else input validation.

- **Removed condition term** (Go, Java, Ruby): an ``if`` rewritten in place without one ``&&`` term
  that names a security property (``confidential?``, ``isAdmin``, ``verified``): the branch now runs
  where the property does not hold (low confidence: what the branch does is not read).

- **Widened file mode** (Go, Java, Ruby): a line creating or chmod-ing a file or directory written
  in place with a mode that has more bits (``0700`` -> ``0711``; ``umask`` lines excepted).

Every pattern is linear (bounded repeats, no nested quantifiers) over lines cut to ``MAX_LINE``.
Imports bot.core (and the guard reading and anchoring of ``removed_controls``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.analysis.removed_controls import _anchor, _finding
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Severity

LANGUAGES = frozenset({"go", "java"})
SINK_LANGUAGES = frozenset({"go", "java", "ruby"})
MAX_LINE = 400
HEAD_LINES = 6
"""How many head lines after the anchor are read for the use, beyond the hunk's own."""
LENGTH_RULE = "diff-removed-length-check"
NIL_RULE = "diff-removed-nil-check"
CASE_RULE = "diff-removed-rejected-case"
SINK_RULE = "diff-removed-sink-check"
SINK_HEAD_LINES = 24
"""How many head lines after the hunk are read for a sink or the rest of a switch group."""

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
    for nxt in hunk.lines[index + 1 : index + 6]:
        if nxt.kind is LineKind.REMOVED and nxt.text.strip() == "{":
            continue  # the body's brace on a line of its own (Allman style)
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
    """The findings above for the Go, Java and Ruby files of a change: at most one of each per hunk."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        if fc.is_binary or language not in SINK_LANGUAGES:
            continue
        head = heads.get(fc.path) if heads is not None else None
        for hunk in fc.hunks:
            if not any(dl.kind is LineKind.REMOVED for dl in hunk.lines):
                continue
            shapes = [
                _sink_check_finding(fc, hunk, head, language),
                _sanitizer_finding(fc, hunk),
                _condition_finding(fc, hunk),
                _mode_finding(fc, hunk),
            ]
            if language in LANGUAGES:
                shapes += [
                    _length_finding(fc, hunk, head, language),
                    _nil_finding(fc, hunk, head),
                    _case_finding(fc, hunk, head),
                ]
            out += [found for found in shapes if found is not None]
    return out


_CASE_LABEL = re.compile(r"^\s*(?:case\s+[^\n]{1,80}|default\s*):\s*$")
_REJECTS = re.compile(
    r"^\s*(?:throw\b|panic\(|raise\b|return\s+(?:false\b|null\b|nil\b|-1\b|err\b|"
    r"nil\s*,\s*(?:err\b|fmt\.Errorf|errors\.New|Err[A-Z])|fmt\.Errorf\(|errors\.New\(|Err[A-Z]))"
)
"""The first statement of a switch group that refuses the value it matched."""


def _squash(text: str) -> str:
    return "".join(text.split())


def _standing_after(hunk: Hunk, index: int, head: Sequence[str] | None, extra: int) -> list[tuple[bool, str]]:
    """(removed?, text) of the hunk's lines after ``index``, then ``extra`` head lines after the hunk."""
    out = [(dl.kind is LineKind.REMOVED, _clip(dl.text)) for dl in hunk.lines[index + 1 :]]
    if head is not None:
        end = hunk.new_start + hunk.new_len - 1
        out += [(False, _clip(t)) for t in head[max(end, 0) : end + extra]]
    return out


def _case_finding(fc: FileChange, hunk: Hunk, head: Sequence[str] | None) -> Finding | None:
    labels_added = {_squash(t) for t in _added(fc) if _CASE_LABEL.match(t)}
    for index, dl in enumerate(hunk.lines):
        text = _clip(dl.text)
        if dl.kind is not LineKind.REMOVED or not _CASE_LABEL.match(text) or text.strip() == "default:":
            continue
        if _squash(text) in labels_added:
            continue  # the label moved, not dropped
        for removed, line in _standing_after(hunk, index, head, SINK_HEAD_LINES):
            if not line.strip() or _COMMENT.match(line) or _CASE_LABEL.match(line):
                continue
            if removed or not _REJECTS.match(line):
                break  # the group's body went too, or the group accepts
            at, _ = _anchor(hunk, index)
            label = text.strip()
            return _finding(
                fc,
                at,
                dl.text,
                rule=CASE_RULE,
                what=f"a rejected value (`{label}` of a switch that throws or refuses)",
                category="input-validation",
                sev=Severity.MEDIUM,
                conf=Confidence.MEDIUM,
            )
    return None


_STRING = re.compile(r'"[^"\\]{0,200}"|\'[^\'\\]{0,200}\'')
_RB_GUARD = re.compile(r"^\s*(?:if|unless|elsif)\b")
_RB_MODIFIER = re.compile(r"^\s*(?:return|raise|fail|next|break)\b[^#]{0,200}?\s(if|unless)\s")
_RB_EXIT = re.compile(r"^\s*(?:return|raise|fail|next|break)\b")
_PREDICATE = re.compile(r"\b([A-Za-z_]\w{0,60})(?:\s*\(|\?|\s*\[)")
_NAME_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_VALIDATING = (
    "safe", "valid", "allow", "permit", "trust", "inside", "within", "contain", "travers", "local", "legal",
    "forbid", "reject", "deny", "denied", "black", "white", "saniti", "check", "verif", "match", "same",
    "owned", "owner", "authori", "include", "prefix",
)  # fmt: skip
_NOT_VALIDATING = ("unsafe", "null", "nil", "empty", "blank", "present", "none", "len", "size", "length")


def _validates(predicate: str) -> bool:
    """Whether a predicate's name says it validates (``isSafePath``, ``name_safe``, ``startsWith``,
    ``allowedColumns``), read part by part (``UnsafeCloseFrom`` and ``checkNotNull`` do not)."""
    parts = [p.lower() for p in _NAME_PART.findall(predicate)]
    if any(p.startswith(_NOT_VALIDATING) for p in parts):
        return False
    words = parts + ["".join(parts[i : i + 2]) for i in range(len(parts) - 1)]
    return any(w.startswith(_VALIDATING) for w in words) or "indexof" in words or "startswith" in words


_CONDITION_NAME = re.compile(r"@{0,2}[A-Za-z_]\w{0,60}(?:\.[A-Za-z_]\w{0,60}){0,3}")
_NOT_NAMES = frozenset(
    {"if", "unless", "elsif", "else", "return", "raise", "fail", "nil", "null", "true", "false", "not", "and",
     "or", "len", "self", "this", "err", "new", "next", "break", "then"}
)  # fmt: skip
_SINKS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\.lookup\(|\bInitialContext\("), "code-injection", "a JNDI lookup"),
    (
        re.compile(
            r"\bexec\.Command(?:Context)?\(|\.exec\(|\bProcessBuilder\(|"
            r"(?:^|[\s=(])(?:system|spawn|popen|Open3\.\w{1,20})[\s(]|`"
        ),
        "command-injection",
        "a command",
    ),
    (
        re.compile(
            r"\bnew\s+(?:File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)\(|"
            r"\bFiles\.\w{1,30}\(|\bPaths\.get\(|\bos\.(?:Open|OpenFile|Create|ReadFile|WriteFile|Remove|"
            r"RemoveAll|Rename|Mkdir|MkdirAll)\(|\bioutil\.\w{1,20}\(|\bhttp\.ServeFile\(|"
            r"\bFile\.(?:open|read|write|binread|delete|unlink|new)\b|\bIO\.(?:read|binread)\b|\bsend_file\b|"
            r"\bFileUtils\.\w{1,20}\b|\bDir\.glob\b"
        ),
        "path-traversal",
        "a file path",
    ),
    (
        re.compile(r"\b(?:sendRedirect|Redirect|RedirectSubpath|redirect_to)\b\s*[\s(]"),
        "open-redirect",
        "a redirect",
    ),
    (
        re.compile(
            r"\.(?:executeQuery|executeUpdate|createQuery|createNativeQuery|queryForObject|queryForList|"
            r"Query|QueryRow|QueryContext|ExecContext|Raw|Where|Order|Group|Having|Joins)\(|"
            r"(?<!unix)(?<!syscall)(?<!system)(?<!exec)\.Exec\(|"
            r"\b(?:find_by_sql|where|order|reorder|pluck|group|having|joins)\b\s*[\s(]"
        ),
        "sql-injection",
        "a query",
    ),
    (
        re.compile(
            r"\b(?:eval|instance_eval|class_eval|send|__send__|constantize|safe_constantize|const_get|"
            r"parseExpression)\b\s*[\s(]"
        ),
        "code-injection",
        "code evaluation or dynamic dispatch",
    ),
    (
        re.compile(r"\b(?:readObject|Marshal\.load|YAML\.load|unsafe_load|fromXML)\b"),
        "deserialization",
        "deserialisation",
    ),
)


def _whole(name: str, text: str) -> bool:
    """Whether ``name`` stands in ``text`` as a whole name (not part of a longer one, nor a field)."""
    at = 0
    while (i := text.find(name, at)) >= 0:
        at = i + len(name)
        before, after = text[i - 1 : i], text[at : at + 1]
        if not (before and (before.isalnum() or before in "_.@")) and not (
            after and (after.isalnum() or after in "_?")
        ):
            return True
    return False


def _sink_of(line: str, names: Sequence[str]) -> tuple[str, str, str] | None:
    """(category, what, name) when ``line`` hands one of ``names`` to a sink (after the sink's name)."""
    for pattern, category, what in _SINKS:
        m = pattern.search(line)
        if m is None:
            continue
        rest = line[m.start() :]
        if category == "code-injection" and what.startswith("code"):
            # dynamic dispatch and evaluation: the name is what is called or evaluated, the first argument
            rest = rest.split(",", 1)[0]
        for name in names:
            if _whole(name, rest):
                return category, what, name
    return None


def _condition(text: str, language: str) -> str | None:
    """The condition of a guard line (an ``if``, or Ruby's ``return ... unless ...``), or None."""
    if language == "ruby":
        m = _RB_MODIFIER.match(text)
        if m is not None:
            return text[m.end() :]
        return text if _RB_GUARD.match(text) else None
    return text if _IF.match(text) else None


def _ruby_exits(hunk: Hunk, index: int) -> bool:
    head = hunk.lines[index]
    if _RB_MODIFIER.match(_clip(head.text)):
        return True
    for nxt in hunk.lines[index + 1 : index + 6]:
        if nxt.kind is not LineKind.REMOVED or _indent(nxt.text) <= _indent(head.text):
            return False
        if _RB_EXIT.match(_clip(nxt.text)):
            return True
    return False


def _sink_check_finding(
    fc: FileChange, hunk: Hunk, head: Sequence[str] | None, language: str
) -> Finding | None:
    added = _added(fc)
    for index, dl in enumerate(hunk.lines):
        text = _clip(dl.text)
        if dl.kind is not LineKind.REMOVED or _COMMENT.match(text):
            continue
        condition = _condition(text, language)
        if condition is None:
            continue
        condition = _STRING.sub('""', condition)  # words inside quotes are not names
        predicates = [p for p in dict.fromkeys(_PREDICATE.findall(condition)) if _validates(p)]
        still = any(f"{p}(" in a or f"{p}?" in a or f"{p}[" in a for p in predicates for a in added)
        if not predicates or still:
            continue  # no validation in the condition, or the validator is still called
        leaves = _ruby_exits(hunk, index) if language == "ruby" else _exits(hunk, index)
        guarded_body = not leaves and (text.rstrip().endswith("{") or language == "ruby")
        if not leaves and not guarded_body:
            continue
        names = [
            n
            for n in dict.fromkeys(_CONDITION_NAME.findall(condition))
            if n.lower() not in _NOT_NAMES and n not in predicates and not n[:1].isupper()
        ]
        names = list(dict.fromkeys(names + [n.split(".")[0] for n in names if "." in n]))
        names = [n for n in names if n.lower() not in _NOT_NAMES and n.split(".")[-1] not in predicates]
        for removed, line in _standing_after(hunk, index, head, SINK_HEAD_LINES):
            if removed or _COMMENT.match(line):
                continue
            sink = _sink_of(line, names)
            if sink is None:
                continue
            category, what, name = sink
            at, _ = _anchor(hunk, index)
            return _finding(
                fc,
                at,
                dl.text,
                rule=SINK_RULE,
                what=f"the check (`{predicates[-1]}`) on `{name}` before it reaches {what}",
                category=category,
                sev=Severity.HIGH,
                conf=Confidence.MEDIUM,
            )
    return None


SANITIZER_RULE = "diff-removed-sanitizer"
_CALL_HEAD = re.compile(r"([A-Za-z_][\w.]{0,80})\(")
_SANITIZING = (
    "saniti", "escape", "clean", "check", "valid", "quote", "safe", "encode", "normaliz", "purif", "filter",
    "verif", "canonical", "basename",
)  # fmt: skip
_NOT_SANITIZING = ("unsafe", "null", "nil", "empty", "blank")
_SANITIZER_CATEGORY = (
    (("escape", "html", "purif"), "xss"),
    (("quote", "shell"), "command-injection"),
    (("uri", "url", "redirect"), "open-redirect"),
    (("path", "file", "basename", "canonical", "normaliz"), "path-traversal"),
    (("sql",), "sql-injection"),
)
MAX_BLOCK = 2000
"""The longest run of removed (or added) text, whitespace dropped, read for an unwrapped call."""


def _sanitizing(name: str) -> bool:
    parts = [p.lower() for p in _NAME_PART.findall(name.rsplit(".", 1)[-1])]
    if any(p.startswith(_NOT_SANITIZING) for p in parts):
        return False
    return any(p.startswith(_SANITIZING) for p in parts)


def _close(text: str, open_at: int) -> int:
    """The index of the parenthesis closing the one at ``open_at`` (quotes skipped), or -1."""
    depth, quote, i = 0, "", open_at
    while i < len(text):
        c = text[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = ""
        elif c in "\"'`":
            quote = c
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _first_argument(inner: str) -> str:
    depth, quote = 0, ""
    for i, c in enumerate(inner):
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            return inner[:i]
    return inner


def _unwrapped(removed: str, added: str) -> list[str]:
    """The sanitising calls (``sanitizeURI(uri)``, ``checkParameter(name)``) that, each replaced by
    its first argument, turn ``removed`` into ``added`` (texts without whitespace); [] when none do."""
    if len(removed) > MAX_BLOCK or removed == added:
        return []
    out: list[str] = []
    names: list[str] = []
    i = 0
    while (m := _CALL_HEAD.search(removed, i)) is not None:
        before = removed[m.start() - 1 : m.start()]
        if not _sanitizing(m.group(1)) or (before and (before.isalnum() or before in "_.")):
            out.append(removed[i : m.end()])
            i = m.end()
            continue
        end = _close(removed, m.end() - 1)
        if end < 0:
            break
        out.append(removed[i : m.start()] + _first_argument(removed[m.end() : end]))
        names.append(m.group(1))
        i = end + 1
    out.append(removed[i:])
    return names if names and "".join(out) == added else []


def _blocks(hunk: Hunk) -> list[tuple[int, list[str], list[str]]]:
    """(index of the first removed line, removed texts, added texts) of each run of changed lines."""
    out: list[tuple[int, list[str], list[str]]] = []
    start, removed, added = -1, list[str](), list[str]()
    for i, dl in enumerate([*hunk.lines, None]):
        if dl is not None and dl.kind is not LineKind.CONTEXT:
            if dl.kind is LineKind.REMOVED:
                start = i if start < 0 else start
                removed.append(_clip(dl.text))
            else:
                added.append(_clip(dl.text))
            continue
        if removed and added:
            out.append((start, removed, added))
        start, removed, added = -1, list[str](), list[str]()
    return out


def _sanitizer_finding(fc: FileChange, hunk: Hunk) -> Finding | None:
    for index, removed, added in _blocks(hunk):
        names = _unwrapped(_squash("".join(removed)), _squash("".join(added)))
        if not names:
            continue
        category = next((c for pattern, c, _ in _SINKS if any(pattern.search(a) for a in added)), None)
        if category is None:
            words = " ".join(p.lower() for n in names for p in _NAME_PART.findall(n))
            category = next((c for stems, c in _SANITIZER_CATEGORY if any(s in words for s in stems)), None)
        at, _ = _anchor(hunk, index)
        return _finding(
            fc,
            at,
            hunk.lines[index].text,
            rule=SANITIZER_RULE,
            what=f"the `{names[0].rsplit('.', 1)[-1]}()` call around a value (it is passed on unchecked)",
            category=category or "input-validation",
            sev=Severity.MEDIUM,
            conf=Confidence.MEDIUM,
        )
    return None


CONDITION_RULE = "diff-removed-condition"
_CONDITION_START = re.compile(r"^\s*(?:\}\s*)?(?:else\s+)?(?:if|elsif|unless)\b")
_ATOM_SPLIT = re.compile(r"&&|\|\||\band\b|\bor\b|\bnot\b|[()!{}]|\b(?:if|elsif|unless|else|then)\b")
_CONJUNCT = re.compile(r"(?:&&|\band\b)[\s(!]*$")
_SECURITY_WORD = re.compile(
    r"confidential|auth|admin|owner|permit|role|scope|verif|valid|trust|secure|safe|allowed|member|access",
    re.IGNORECASE,
)


def _atoms(condition: str) -> list[str]:
    return [a for a in (x.strip() for x in _ATOM_SPLIT.split(condition)) if a]


def _condition_finding(fc: FileChange, hunk: Hunk) -> Finding | None:
    """An ``if`` rewritten in place without one of its ``&&`` terms, a term naming a security property
    (doorkeeper's ``matching_token? && pre_auth.client.application.confidential?`` lost the second):
    the branch is taken where that property does not hold."""
    for index, removed, added in _blocks(hunk):
        if len(removed) != 1 or len(added) != 1:
            continue
        old, new = removed[0], added[0]
        if not _CONDITION_START.match(old) or not _CONDITION_START.match(new):
            continue
        before, after = _atoms(old), _atoms(new)
        gone = [a for a in before if a not in after]
        if len(gone) != 1 or any(a not in before for a in after) or not _SECURITY_WORD.search(gone[0]):
            continue
        at_term = old.find(gone[0])
        if not _CONJUNCT.search(old[:at_term]) and not old[at_term + len(gone[0]) :].lstrip().startswith(
            ("&&", "and ")
        ):
            continue  # a term of an `||` dropped narrows the branch, it does not widen it
        at, _ = _anchor(hunk, index)
        return _finding(
            fc,
            at,
            old,
            rule=CONDITION_RULE,
            what=f"the `{gone[0][:60]}` term of a condition (the branch now runs without it)",
            category="incorrect-authorization",
            sev=Severity.MEDIUM,
            conf=Confidence.LOW,
        )
    return None


MODE_RULE = "diff-widened-permissions"
_MODE = re.compile(r"\b0[oO]?([0-7]{3,4})\b")
_MODE_CALL = re.compile(r"(?i:mkdir|chmod|openfile|writefile|create|perm|mode|mkpath|install)")


def _mode_finding(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A file mode written in place with more bits (``MkdirAllWithACL(root, 0700)`` -> ``0711``):
    others may now read, write or traverse what only the owner could (containerd's state directory)."""
    for index, removed, added in _blocks(hunk):
        for old, new in zip(removed, added, strict=False):  # the lines rewritten in place, in order
            if not _MODE_CALL.search(new) or "umask" in new.lower():
                continue
            olds, news = _MODE.findall(old), _MODE.findall(new)
            if len(olds) != len(news) or _MODE.sub("0", old) != _MODE.sub("0", new):
                continue
            wider = [(o, n) for o, n in zip(olds, news, strict=True) if int(n, 8) & ~int(o, 8) & 0o777]
            if not wider:
                continue
            o, n = wider[0]
            at, _ = _anchor(hunk, index)
            return _finding(
                fc,
                at,
                old,
                rule=MODE_RULE,
                what=f"a file mode of 0{o} (now 0{n}: more users may read, write or enter it)",
                category="insecure-permissions",
                sev=Severity.MEDIUM,
                conf=Confidence.MEDIUM,
            )
    return None
