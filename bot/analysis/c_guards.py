"""Diff-level findings for C and C++: a change that takes out a whole guard statement.

The change that introduces most memory-safety flaws in real C code is the fix reversed: the
statement ``if (len > sizeof buf) return -1;`` (or ``if (q - str >= 16) return ARES_EBADSTR;``,
``if (n > SIZE_MAX / size) goto err;``, ``if (p == NULL) return NULL;``) goes away whole, often with
nothing added, while the copy, index, allocation or dereference it protected stays. This module
reads such statements from the removed lines of a hunk:

- the ``if`` line, its condition (over at most MAX_COND lines) and its body (one statement, or a
  braced block of at most MAX_BODY lines) are all removed lines, and no ``else`` follows;
- the condition holds a relational comparison (``<``, ``<=``, ``>``, ``>=``; not of a character or a
  string) or tests a pointer against NULL (``p == NULL``, ``!p``);
- the body leaves (``return``, ``goto``, ``break``, ``continue``, ``abort``/``exit``, a call named
  like an error exit: ``png_error``, ``ThrowReaderException``) or, for a comparison, clamps
  (assigns a variable the condition compared);
- a line after the removed statement, in the same function and at most LOOKAHEAD lines on (the
  head when it is known, else the hunk's context), still reads a variable the condition read
  (a dereference of the pointer, for a NULL test): what the guard protected is still there.

What a fix does is the other way round, or a rewrite: a file whose added lines carry as many
conditions with a comparison (or NULL tests) as the guards its hunks remove, or an added condition
that reads every variable of a removed guard (a check moved or rewritten), gives no finding; nor does
a guard inside a long run of removed lines (code deleted wholesale) or a hunk that rewrites a block
(many lines out, many in).

A finding anchors on the nearest added line of the hunk, or, when the hunk adds nothing, on the
head line now standing where the guard was (the review keeps it in its summary). Tokens come from
removed_bounds.tokens (a linear lexer); every scan is a single pass over token lists of bounded lines.
Imports bot.core and bot.analysis.removed_bounds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.analysis.c_diff import c_finding, dereferences, null_tests
from bot.analysis.removed_bounds import C_LANGUAGES, bound_like, operand, tokens
from bot.core.models import ChangeSet, FileChange, Finding, Hunk, LineKind

ENGINE = "remediator"
RULE_SIZE = "diff-c-removed-size-guard"
RULE_WRAP = "diff-c-removed-wrap-guard"
RULE_NULL = "diff-c-removed-null-guard"
RULE_TERM = "diff-c-removed-terminator"
MAX_COND = 8
"""Lines a guard's condition may span."""
MAX_BODY = 14
"""Lines a guard's braced body may span (its braces included)."""
LOOKAHEAD = 12
"""Head lines after the removed guard that may hold the use it protected."""
MAX_DELETED_RUN = 25
"""A guard in a longer run of removed lines was deleted with the code around it."""
MAX_REWRITE = 15
"""A hunk that removes and adds at least this many lines each rewrites a block."""

_RELATIONAL = frozenset({"<", "<=", ">", ">="})
_EXITS = frozenset({"return", "goto", "break", "continue", "abort", "exit", "_exit", "longjmp", "throw"})
_CHECK_WORDS = frozenset({"if", "while", "assert", "&&", "||", "?"})
_NOT_NAMES = frozenset({"sizeof", "if", "NULL", "nullptr", "return", "defined", "unsigned", "signed"})
_ERROR_WORDS = ("error", "fatal", "abort", "panic", "throw", "fail", "die")
_OPENERS = frozenset({"(", ")", ",", "/", "*", "<", "<=", ">", ">="})
"""What stands before the `-`/`~` of an all-ones value: `(size_t)-1`, `> ~0`."""


@dataclass(frozen=True, slots=True)
class Guard:
    """A removed guard statement: its first line, where it ends in the hunk, what it read."""

    text: str
    start: int
    """Index in ``hunk.lines`` of the ``if`` line."""
    end: int
    """Index in ``hunk.lines`` of the guard's last line."""
    names: frozenset[str]
    """The variables the condition reads (roots of member chains; no constants in capitals)."""
    pointers: frozenset[tuple[str, ...]]
    """The member chains the condition tests against NULL (empty for a comparison guard)."""
    wrap: bool
    """The comparison is an overflow test (a ``*_MAX``/all-ones bound, a division)."""


def _is_name(tok: str) -> bool:
    return bool(tok) and (tok[0].isalpha() or tok[0] == "_")


def _code(dl_text: str) -> list[str]:
    """The tokens of a line that is code (not blank, a comment or a preprocessor line)."""
    toks = tokens(dl_text)
    return [] if not toks or toks[0] == "#" else toks


def relational(toks: Sequence[str]) -> list[tuple[list[str], list[str]]]:
    """The relational comparisons of a condition as (left operand, right operand); a comparison
    of a character or string literal (`c >= 'a'`) is not one."""
    out = []
    for i, tok in enumerate(toks):
        if tok not in _RELATIONAL:
            continue
        left, right = operand(toks, i - 1, -1), operand(toks, i + 1, 1)
        if left and right and not any(t[0] in "\"'" for t in (*left, *right)):
            out.append((left, right))
    return out


def read_names(toks: Sequence[str]) -> set[str]:
    """Variables a condition reads: names that are not members, calls, keywords or constants in
    capitals (a macro), nor a cast's type."""
    out = set()
    for i, tok in enumerate(toks):
        if not _is_name(tok) or tok in _NOT_NAMES or tok.isupper():
            continue
        if i > 0 and toks[i - 1] in ("->", "."):
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        if nxt == "(":
            continue  # a call
        if nxt == ")" and i > 0 and toks[i - 1] == "(" and _cast_at(toks, i - 1):
            continue  # a cast's type: `(png_uint_32) n`
        if tok.endswith("_t") or tok in ("int", "long", "short", "char", "const", "struct", "void"):
            continue
        out.add(tok)
    return out


def _cast_at(toks: Sequence[str], at: int) -> bool:
    """Whether the `(` at ``at`` opens a cast `( T )`: not a call's parenthesis, and a value follows."""
    if at > 0 and (_is_name(toks[at - 1]) or toks[at - 1] in (")", "]")):
        return False
    after = toks[at + 3] if at + 3 < len(toks) else ""
    return bool(after) and (_is_name(after) or after[0].isdigit() or after in ("(", "-", "~", "*", "&"))


_TYPE_MAX_BASES = frozenset(
    {"SIZE", "SSIZE", "INT", "UINT", "LONG", "ULONG", "LLONG", "ULLONG", "SHRT", "USHRT", "PTRDIFF"}
    | {"INTPTR", "UINTPTR", "INTMAX", "UINTMAX", "OFF", "OFF_T", "TMSIZE", "SCHAR", "UCHAR", "CHAR"}
)


def type_max(tok: str) -> bool:
    """`SIZE_MAX`, `INT_MAX`, `UINT32_MAX`, `INT64_MAX`: the largest value of an integer type (not
    a limit of the program's own, like `PATH_MAX` or `NGX_HTTP_V2_MAX_FIELD`)."""
    if not tok.endswith("_MAX") or not tok.isupper():
        return False
    base = tok[:-4]
    if base in _TYPE_MAX_BASES:
        return True
    digits = base.lstrip("U")
    return digits.startswith("INT") and digits[3:].isdigit()


def _wrap_test(toks: Sequence[str]) -> bool:
    """A comparison with a `*_MAX` bound (`SIZE_MAX`, `INT_MAX`), an all-ones value (`(size_t)-1`,
    `~0`) or a quotient (`SIZE_MAX / n`): an overflow test."""
    for i, tok in enumerate(toks):
        if type_max(tok):
            return True
        if tok == "/":
            return True
        before = toks[i - 1] if i > 0 else "("
        if tok in ("-", "~") and i + 1 < len(toks) and toks[i + 1] in ("1", "0") and before in _OPENERS:
            return True
    return False


def _leaves(body: Sequence[str]) -> bool:
    """Whether a guard's body leaves: an exit statement, or a call named like an error exit."""
    for i, tok in enumerate(body):
        if tok in _EXITS:
            return True
        if _is_name(tok) and i + 1 < len(body) and body[i + 1] == "(":
            low = tok.lower()
            if any(w in low for w in _ERROR_WORDS):
                return True
    return False


def _clamps(body: Sequence[str], names: set[str]) -> bool:
    """Whether a guard's body assigns a variable its condition read (`if (n > max) n = max;`)."""
    return any(
        tok == "=" and i > 0 and body[i - 1] in names and not (i > 1 and body[i - 2] in ("->", "."))
        for i, tok in enumerate(body)
    )


def _removed_runs(lines: Sequence[object]) -> list[int]:
    """For each line of a hunk, how many removed lines stand in one run around it (0 for others)."""
    out = [0] * len(lines)
    i = 0
    while i < len(lines):
        if getattr(lines[i], "kind", None) is not LineKind.REMOVED:
            i += 1
            continue
        j = i
        while j < len(lines) and getattr(lines[j], "kind", None) is LineKind.REMOVED:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def guards(hunk: Hunk) -> list[Guard]:
    """The guard statements a hunk removes whole (condition and body), in order."""
    lines = hunk.lines
    runs = _removed_runs(lines)
    out: list[Guard] = []
    i = 0
    while i < len(lines):
        found = _guard_at(lines, i) if 0 < runs[i] <= MAX_DELETED_RUN else None
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end + 1
    return out


def _next_code(lines: Sequence[object], i: int, *, removed: bool) -> tuple[int, list[str]] | None:
    """The next line at or after ``i`` that is code: (index, tokens). With ``removed``, a line that
    is not a removed one ends the search (None)."""
    while i < len(lines):
        dl = lines[i]
        kind = getattr(dl, "kind", None)
        if removed and kind is not LineKind.REMOVED:
            return None
        toks = _code(getattr(dl, "text", ""))
        if toks:
            return i, toks
        i += 1
    return None


def _condition(lines: Sequence[object], i: int, first: list[str]) -> tuple[list[str], int, list[str]] | None:
    """The condition of the `if (` on removed line ``i`` (tokens ``first``), read over removed lines
    up to its closing parenthesis: (condition, index of its last line, the tokens after it)."""
    cond: list[str] = []
    depth = 0
    j, row = i, first[1:]
    for _ in range(MAX_COND):
        for k, tok in enumerate(row):
            depth += (tok == "(") - (tok == ")")
            if depth == 0:
                return cond[1:], j, list(row[k + 1 :])  # without the `(` of `if (`
            cond.append(tok)
        nxt = _next_code(lines, j + 1, removed=True)
        if nxt is None:
            return None
        j, row = nxt
    return None


def _body(lines: Sequence[object], j: int, rest: list[str]) -> tuple[list[str], int] | None:
    """The body that follows a condition ending on line ``j`` with ``rest`` after it: one
    statement or a braced block, all on removed lines: (its tokens, index of its last line)."""
    if not rest:
        nxt = _next_code(lines, j + 1, removed=True)
        if nxt is None:
            return None
        j, rest = nxt
    body: list[str] = []
    braced = rest[:1] == ["{"]
    depth = 0
    row = rest
    for _ in range(MAX_BODY):
        for tok in row:
            depth += (tok == "{") - (tok == "}")
            body.append(tok)
        if (braced and depth <= 0) or (not braced and body[-1:] == [";"]):
            return body, j
        nxt = _next_code(lines, j + 1, removed=True)
        if nxt is None:
            return None
        j, row = nxt
    return None


def _guard_at(lines: Sequence[object], i: int) -> Guard | None:
    dl = lines[i]
    first = _code(getattr(dl, "text", "")) if getattr(dl, "kind", None) is LineKind.REMOVED else []
    if first[:2] != ["if", "("]:
        return None
    parsed = _condition(lines, i, first)
    stmt = _body(lines, parsed[1], parsed[2]) if parsed is not None else None
    if parsed is None or stmt is None:
        return None
    cond, (body, j) = parsed[0], stmt
    # an `else` after it: the statement chose between two paths, it did not guard one
    after = _next_code(lines, j + 1, removed=False)
    if after is not None and after[1][:1] == ["else"]:
        return None
    names = read_names(cond)
    pointers = frozenset(null_tests(cond))
    compared = relational(cond)
    text = getattr(dl, "text", "")
    if compared and names and (_leaves(body) or _clamps(body, names)):
        return Guard(text, i, j, frozenset(names), frozenset(), _wrap_test(cond))
    if pointers and not compared and _leaves(body):
        return Guard(text, i, j, frozenset(c[0] for c in pointers), pointers, False)
    return None


def find_removed_guards(
    changeset: ChangeSet,
    languages: Mapping[str, str | None] | None = None,
    heads: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """The findings above for the C and C++ files of a change: at most one per hunk."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        if fc.is_binary or language not in C_LANGUAGES:
            continue
        head = heads.get(fc.path) if heads is not None else None
        out.extend(_removed_terminators(fc, head))
        found = [(hunk, g) for hunk in fc.hunks if not _rewrite(hunk) for g in guards(hunk)]
        if not found:
            continue
        conditions = _added_conditions(fc)
        if len(conditions) >= len(found):
            continue  # as many conditions added as guards removed: a rewrite
        done: set[int] = set()
        for hunk, g in found:
            if id(hunk) in done or any(g.names <= cond for cond in conditions):
                continue
            finding = _judge(fc, hunk, g, head)
            if finding is not None:
                out.append(finding)
                done.add(id(hunk))
    return out


def terminator(toks: Sequence[str]) -> tuple[str, ...] | None:
    """The buffer a statement that only writes a terminating zero writes to: `s->data[length] = 0;`,
    `buf[n] = '\\0';` -> (s, ->, data) / (buf,); None for anything else."""
    if (
        len(toks) < 7
        or toks[-1] != ";"
        or toks[-2] not in ("0", "'\\0'")
        or toks[-3] != "="
        or toks[-4] != "]"
    ):
        return None
    end = 1
    while end + 1 < len(toks) and toks[end] in ("->", ".") and _is_name(toks[end + 1]):
        end += 2
    if not _is_name(toks[0]) or end >= len(toks) or toks[end] != "[":
        return None
    inner = toks[end + 1 : -4]
    if not inner or "[" in inner or "]" in inner:
        return None
    if toks[-2] == "0" and not bound_like(inner):
        return None  # `counts[i] = 0;` resets an element; a terminator goes at a length
    return tuple(toks[:end])


def _removed_terminators(fc: FileChange, head: Sequence[str] | None) -> list[Finding]:
    """A statement that NUL-terminates a buffer (`s->data[length] = 0;`) removed, with no added line
    of the file writing a terminator into the same buffer: a string built there is read past its
    end by whatever treats it as a C string. At most one per hunk."""
    written = set()
    for hunk in fc.hunks:
        for dl in hunk.lines:
            if dl.kind is LineKind.ADDED and (buf := terminator(_code(dl.text))) is not None:
                written.add(buf)
    out = []
    for hunk in fc.hunks:
        if _rewrite(hunk):
            continue
        runs = _removed_runs(hunk.lines)
        for i, dl in enumerate(hunk.lines):
            if not 0 < runs[i] <= MAX_DELETED_RUN or (buf := terminator(_code(dl.text))) is None:
                continue
            if buf in written:
                continue
            added = [d.new_no for d in hunk.lines if d.kind is LineKind.ADDED and d.new_no is not None]
            here = _here(hunk, i)
            anchor = min(added, key=lambda n: abs(n - here)) if added else here
            if head is not None:
                anchor = max(1, min(anchor, len(head)))
            name = "".join(buf)
            out.append(
                c_finding(
                    fc,
                    anchor,
                    kind="out-of-bounds-read",
                    rule=RULE_TERM,
                    title="Change removes the NUL terminator of a buffer",
                    message=f"This change deletes `{dl.text.strip()[:120]}`: `{name}` is no longer "
                    "terminated, and no added line terminates it.",
                    explanation="A buffer read as a C string without its terminating zero is read past "
                    "its end (strlen, printf, a copy) into whatever memory follows: a crash or a leak.",
                    remediation=(f"Keep the terminating zero written into `{name}`.",),
                )
            )
            break
    return out


def _rewrite(hunk: Hunk) -> bool:
    removed = sum(dl.kind is LineKind.REMOVED for dl in hunk.lines)
    added = sum(dl.kind is LineKind.ADDED for dl in hunk.lines)
    return min(removed, added) >= MAX_REWRITE


def _added_conditions(fc: FileChange) -> list[frozenset[str]]:
    """The variables each added condition of the file reads, for the conditions that compare
    (a relational operator) or test a pointer against NULL; a `for` header is not one."""
    out = []
    for hunk in fc.hunks:
        for dl in hunk.lines:
            if dl.kind is not LineKind.ADDED:
                continue
            toks = _code(dl.text)
            if not toks or toks[0] == "for" or _CHECK_WORDS.isdisjoint(toks):
                continue
            if relational(toks) or null_tests(toks):
                out.append(frozenset(read_names(toks)))
    return out


def _here(hunk: Hunk, index: int) -> int:
    """The head line now standing where ``hunk.lines[index]`` was."""
    for dl in hunk.lines[index:]:
        if dl.new_no is not None:
            return dl.new_no
    last = max((dl.new_no for dl in hunk.lines if dl.new_no is not None), default=hunk.new_start - 1)
    return last + 1


def _following(hunk: Hunk, g: Guard, head: Sequence[str] | None) -> Iterable[tuple[int, str]]:
    """(head line, text) of the lines after the guard: from the head, or the hunk's own lines."""
    here = _here(hunk, g.end + 1)
    if head is not None:
        for n in range(here, min(len(head), here + LOOKAHEAD - 1) + 1):
            yield n, head[n - 1]
        return
    for dl in hunk.lines[g.end + 1 :]:
        if dl.new_no is not None and dl.new_no < here + LOOKAHEAD:
            yield dl.new_no, dl.text


def _uses(toks: Sequence[str], g: Guard) -> bool:
    if g.pointers:
        return any(dereferences(toks, chain) for chain in g.pointers)
    return bool(read_names(toks) & g.names) or any(
        t in g.names and i + 1 < len(toks) and toks[i + 1] in ("->", ".", "[")
        for i, t in enumerate(toks)
        if not (i > 0 and toks[i - 1] in ("->", "."))
    )


def _judge(fc: FileChange, hunk: Hunk, g: Guard, head: Sequence[str] | None) -> Finding | None:
    use = None
    for n, text in _following(hunk, g, head):
        if text.startswith("}"):
            break  # the function ended
        toks = _code(text)
        if toks and _uses(toks, g):
            use = (n, text)
            break
    if use is None:
        return None
    added = [dl.new_no for dl in hunk.lines if dl.kind is LineKind.ADDED and dl.new_no is not None]
    here = _here(hunk, g.end + 1)
    anchor = min(added, key=lambda n: abs(n - here)) if added else here
    if head is not None:
        anchor = max(1, min(anchor, len(head)))
    condition = g.text.strip()[:120]
    used = use[1].strip()[:120]
    if g.pointers:
        name = "".join(sorted(g.pointers)[0])
        return c_finding(
            fc,
            anchor,
            kind="null-dereference",
            rule=RULE_NULL,
            title="Change removes a NULL check before a dereference",
            message=f"This change deletes the guard `{condition}` and line {use[0]} (`{used}`) still "
            f"dereferences `{name}`, now unchecked.",
            explanation="A pointer that can be NULL (a failed allocation or lookup, an optional field) "
            "crashes the process when dereferenced: a denial of service an input can trigger.",
            remediation=(f"Restore the NULL test of `{name}` before it is used.",),
        )
    if g.wrap:
        return c_finding(
            fc,
            anchor,
            kind="integer-overflow",
            rule=RULE_WRAP,
            title="Change removes an integer-overflow check",
            message=f"This change deletes the overflow check `{condition}`; line {use[0]} (`{used}`) "
            "still computes with what it checked, and no added condition tests it.",
            explanation="A size product or sum that wraps becomes small: the allocation or copy it "
            "feeds is undersized and the writes that follow run past its end.",
            remediation=(
                "Restore the check before the arithmetic (`if (n > SIZE_MAX / size)` fails), or use a "
                "checked helper (`__builtin_mul_overflow`, `reallocarray`, `calloc`).",
            ),
        )
    return c_finding(
        fc,
        anchor,
        kind="out-of-bounds-write",
        rule=RULE_SIZE,
        title="Change removes a bounds check",
        message=f"This change deletes the guard `{condition}`; line {use[0]} (`{used}`) still uses "
        "what it bounded, and no added condition bounds it.",
        explanation="A length, index or offset that was checked against its buffer now reaches the "
        "copy, index or pointer arithmetic unchecked: reads or writes past the buffer's end.",
        remediation=("Restore the check, or show where the same bound is now enforced.",),
    )


def rule_ids() -> Iterable[str]:
    """Every rule id this analyzer can emit (for documentation and tests)."""
    yield from (RULE_SIZE, RULE_WRAP, RULE_NULL, RULE_TERM)
