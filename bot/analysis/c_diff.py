"""Diff-level memory-safety findings for C and C++ that a scanner of one revision cannot make.

Eight narrow shapes, each read from a hunk and the file at the change's head, each anchored on an
added line and naming what it saw (bot.analysis.removed_bounds, which reads every removed bound, is
not run in reviews; these are the parts of that reading that a fix does not also produce):

- **Use after free** (CWE-416/415): an added ``free(p)`` (``free``, ``xmlFree``, ``g_free``,
  ``kfree``, ``*_free``, ``*Free``, ``xmlFreeDoc``...) of a plain variable or member, after which
  the same function reads ``p`` again in the same block (or a block nested in it) before any
  ``return``/``goto``/``break``/``continue``/exit of that block and before ``p`` is assigned.
  A free on a line that an unbraced ``if``/``else``/loop governs is not read (its branch is unknown).
- **Removed overflow guard** (CWE-190): a hunk removes a comparison against a ``*_MAX`` constant
  or an all-ones value (``(size_t)-1``, ``~0``), or a ``__builtin_*_overflow``/``ckd_*`` call, and
  adds a multiplication or shift (``*``, ``<<``, ``*=``, ``<<=``) of a variable that comparison
  read, while no added line of the file carries any overflow test: the wrapped product now reaches
  what the guard protected.
- **Removed index bound** (CWE-125/787): a hunk removes a bound comparison (``i < n``,
  ``end + 2 < len``), removes more such comparisons than it adds, no added condition of the hunk
  mentions the compared variable outside a subscript, and an added line (or one of the next few
  head lines) subscripts with that variable: ``a[i]`` is now reached with ``i`` unchecked (a
  condition that only tests it for zero, ``!i || a[i-1]``, bounds nothing).
- **Narrowed size type** (CWE-190): a hunk re-declares a variable named like a length, size or
  count (``len``, ``elements``, ``lenp``) in a narrower integer type (``size_t`` -> ``int``).
- **Removed NULL check** (CWE-476): a hunk removes a NULL test of a pointer (``p == NULL``,
  ``!a->b``), an added line (or one of the next few head lines) dereferences it (``p->x``, ``p[i]``,
  ``*p``), no added line of the file tests or reads it in a condition, and no head line above the
  use in the same function still tests it.
- **Clamp bypassed** (CWE-125/787): a hunk removes a clamp (``n = len < max ? len : max;``,
  ``n = MIN(len, max);``) and an added line is a removed one with the clamped ``n`` replaced by the
  raw ``len``.
- **Bound relaxed by one** (CWE-193/787): a line rewritten with one relational operator flipped so
  that the condition lets one more value through, judged by what the condition does: in a loop
  condition, an ``assert`` or an ``if`` that does the work, ``<`` -> ``<=`` (``>`` -> ``>=``); in an
  ``if`` whose body leaves, ``>=`` -> ``>`` (``<=`` -> ``<``). One operand must be named like a size
  or be ``sizeof``/a number; a negated condition or a comparison outside ``if``/loops is left alone.
  The other direction is what an off-by-one fix does.
- **Size margin dropped** (CWE-193/787): a line rewritten with only a ``+ N`` removed from an
  allocation size (``malloc(len + 1)`` -> ``malloc(len)``, a ``char buf[N + 1]`` declaration) or a
  ``- N`` removed from a copy length (``strncpy(d, s, sizeof d - 1)`` -> ``sizeof d``).

Measured on tests/realworld/dev (20 C cases): 8 introducing changes flagged, no fixing change; the
free scan, run over every free statement of 205 C files on this machine and in the dev set (over 1,200
free lines of released code), reported only the dev set's one real use after free.

Tokens come from removed_bounds.tokens (a linear lexer); the scans here are single passes over
token lists. Imports bot.core and bot.analysis.removed_bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from bot.analysis.removed_bounds import (
    C_LANGUAGES,
    Comparison,
    bound_like,
    bound_name,
    comparisons,
    operand,
    tokens,
)
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_UAF = "c-use-after-free"
RULE_OVERFLOW = "c-removed-overflow-guard"
RULE_INDEX = "c-removed-index-bound"
RULE_NARROW = "c-narrowed-size-type"
RULE_NULL = "c-removed-null-check"
RULE_CLAMP = "c-clamp-bypassed"
RULE_RELAXED = "c-bound-relaxed"
RULE_RELAXED_OTHER = "diff-bound-relaxed"
RELAXED_LANGUAGES = frozenset({"go", "java", "javascript", "typescript"})
"""Languages besides C and C++ whose changes are read for a bound relaxed by one (that shape only)."""
RULE_MARGIN = "c-size-margin-dropped"
RULE_WIDEN = "c-widening-cast-dropped"
RULE_NULL_TERM = "c-null-test-dropped"
MAX_SCAN = 60
"""How many head lines after an added free are read for a later use (bounds the work per free)."""
INDEX_LOOKAHEAD = 6
"""How many head lines after the hunk's last added line may hold the subscript a removed bound guarded."""

_COMMENT_LINE = re.compile(r"^\s*(?:/\*|\*|//|#)")
_EXITS = frozenset({"return", "goto", "break", "continue", "abort", "exit", "_exit", "longjmp", "throw"})
_ASSIGN = frozenset({"=", "+=", "-=", "|=", "&="})
_ARITH = frozenset({"*", "<<", "*=", "<<="})
_CONTROL = frozenset({"if", "else", "for", "while", "do"})
_CHECK_WORDS = frozenset({"if", "while", "assert", "return", "&&", "||", "?"})
PATTERNS: tuple[re.Pattern[str], ...] = (_COMMENT_LINE,)
"""Every pattern of this module that sees untrusted text, for the linear-time test."""


def _is_name(tok: str) -> bool:
    return bool(tok) and (tok[0].isalpha() or tok[0] == "_")


def is_free_name(tok: str) -> bool:
    """`free`, `kfree`, `g_free`, `av_free`, `xmlFree`, `xmlFreeDoc`: a name that releases memory."""
    if tok in ("free", "kfree", "vfree", "cfree") or tok.endswith("_free"):
        return True
    at = tok.find("Free")
    while at != -1:
        rest = tok[at + 4 :]
        if at > 0 and (not rest or rest[0].isupper()):
            return True
        at = tok.find("Free", at + 1)
    return False


def freed_operand(toks: Sequence[str]) -> tuple[str, ...] | None:
    """The operand of a statement that is only a free call: ``free(p);`` -> (p,),
    ``xmlFree(ctx->buf);`` -> (ctx, ->, buf). None for anything else (casts, calls, indexes)."""
    if len(toks) < 5 or not is_free_name(toks[0]) or toks[1] != "(" or toks[-2:] != [")", ";"]:
        return None
    inner = toks[2:-2]
    if not inner or not _is_name(inner[0]) or len(inner) > 7:
        return None
    for i, tok in enumerate(inner):
        if i % 2 == 0 and not _is_name(tok):
            return None
        if i % 2 == 1 and tok not in ("->", "."):
            return None
    if len(inner) % 2 == 0:
        return None
    return tuple(inner)


def _find(toks: Sequence[str], seq: Sequence[str]) -> list[int]:
    """Start indexes where ``seq`` occurs in ``toks`` as a whole operand (not a member of another)."""
    n = len(seq)
    out = []
    for i in range(len(toks) - n + 1):
        if toks[i] != seq[0] or list(toks[i : i + n]) != list(seq):
            continue
        if i > 0 and toks[i - 1] in ("->", "."):
            continue
        out.append(i)
    return out


def _assigned(toks: Sequence[str], at: int, n: int) -> bool:
    """Whether the operand at ``toks[at:at+n]`` is the target of an assignment (not a member's)."""
    return at + n < len(toks) and toks[at + n] in _ASSIGN


def _governed(head: Sequence[str], index: int) -> bool:
    """Whether the line at ``index`` is the body of an unbraced if/else/loop (or continues a macro)."""
    j = index - 1
    while j >= max(0, index - MAX_SCAN):
        prev = tokens(head[j])
        if prev:
            if head[j].rstrip().endswith("\\"):
                return True
            return prev[-1] not in (";", "{", "}", ":") or (prev[0] in _CONTROL and prev[-1] != "{")
        j -= 1
    return False


def use_after_free(head: Sequence[str], line: int) -> tuple[int, tuple[str, ...]] | None:
    """For a free statement on 1-based ``line`` of ``head``: the 1-based line of a later read of the
    freed operand in the same block before any exit or assignment, with the operand."""
    toks = tokens(head[line - 1])
    operand = freed_operand(toks)
    if operand is None or head[line - 1].rstrip().endswith("\\") or _governed(head, line - 1):
        return None
    depth = 0
    for j in range(line, min(len(head), line + MAX_SCAN)):
        text = head[j]
        if _COMMENT_LINE.match(text):
            continue
        if text.startswith("}"):
            return None  # the function ended
        row = tokens(text)
        if not row:
            continue
        for at in _find(row, operand):
            if (at > 0 and row[at - 1] == "sizeof") or (at > 1 and row[at - 2] == "sizeof"):
                continue
            if _assigned(row, at, len(operand)):
                return None
            return j + 1, operand
        for tok in row:
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth < 0:
                    return None  # the free's block closed: other paths follow
            elif depth == 0 and tok in _EXITS:
                return None
    return None


def find_c_diff(
    changeset: ChangeSet,
    languages: Mapping[str, str | None] | None = None,
    heads: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """The findings above for the C and C++ files of a change: at most one of each per hunk."""
    out: list[Finding] = []
    for fc in changeset.files:
        language = (languages.get(fc.path) if languages is not None else fc.language) or ""
        head = heads.get(fc.path) if heads is not None else None
        if not fc.is_binary and language in RELAXED_LANGUAGES:
            out.extend(f for h in fc.hunks if (f := _hunk_relaxed(fc, h, head, language)) is not None)
        if fc.is_binary or language not in C_LANGUAGES:
            continue
        file_overflow = _adds_overflow_test(fc)
        tested = _tested(fc)
        for hunk in fc.hunks:
            if head is not None:
                out.extend(_hunk_uaf(fc, hunk, head))
            if not file_overflow:
                found = _hunk_overflow(fc, hunk)
                if found is not None:
                    out.append(found)
            for found in (
                _hunk_index(fc, hunk, head, tested),
                _hunk_narrowing(fc, hunk),
                _hunk_null(fc, hunk, head),
                _hunk_clamp(fc, hunk),
                _hunk_relaxed(fc, hunk, head),
                _hunk_margin(fc, hunk),
                _hunk_widening(fc, hunk),
                _hunk_null_term(fc, hunk),
            ):
                if found is not None:
                    out.append(found)
    return out


def _added(hunk: Hunk) -> list[tuple[int, str]]:
    return [
        (dl.new_no, dl.text)
        for dl in hunk.lines
        if dl.kind is LineKind.ADDED and dl.new_no is not None and not _COMMENT_LINE.match(dl.text)
    ]


def _removed(hunk: Hunk) -> list[str]:
    return [dl.text for dl in hunk.lines if dl.kind is LineKind.REMOVED and not _COMMENT_LINE.match(dl.text)]


def _hunk_uaf(fc: FileChange, hunk: Hunk, head: Sequence[str]) -> list[Finding]:
    out = []
    for n, _text in _added(hunk):
        if n > len(head):
            continue
        found = use_after_free(head, n)
        if found is None:
            continue
        use, operand = found
        name = "".join(operand)
        double = freed_operand(tokens(head[use - 1])) == operand
        kind = "double-free" if double else "use-after-free"
        what = "freed again" if double else "used"
        out.append(
            c_finding(
                fc,
                n,
                kind=kind,
                rule=RULE_UAF,
                title=f"Memory freed here is {what} later",
                message=f"This change frees `{name}` here, and line {use} of the same block "
                f"(`{head[use - 1].strip()[:120]}`) {what} `{name}` afterwards with no return or new "
                "value in between.",
                explanation="Reading or freeing memory after it was released lets an attacker who can "
                "shape the allocator's reuse of it read or overwrite another object.",
                remediation=(
                    f"Move the free after the last use of `{name}` (or use a copy taken before it).",
                    f"Set `{name} = NULL` after freeing it when later code may test it.",
                ),
            )
        )
    return out


def _all_ones(operand: str) -> bool:
    """`(size_t)-1`, `~0`, `(size_t)(-1) << 1 >> 1` (casts and brackets already dropped): the
    maximum of an unsigned type written without its *_MAX name."""
    parts = operand.split()
    for i in range(len(parts) - 1):
        first = i == 0 or parts[i - 1] in ("<<", ">>", "/", "*", "+", "-", "~", "&", "|")
        if first and parts[i] in ("-", "~") and parts[i + 1] in ("1", "0", "1u", "1U", "0u", "0U"):
            return (parts[i] == "-") == (parts[i + 1][0] == "1")
    return False


def _overflow_comparison(c: Comparison) -> bool:
    return c.overflow or _all_ones(c.lo) or _all_ones(c.hi)


def _overflow_test(line: str) -> bool:
    if any(_overflow_comparison(c) for c in comparisons(line)):
        return True
    return any(t.startswith(("__builtin_", "ckd_")) for t in tokens(line))


def _adds_overflow_test(fc: FileChange) -> bool:
    return any(_overflow_test(dl.text) for h in fc.hunks for dl in h.lines if dl.kind is LineKind.ADDED)


def _binary_arith_names(toks: Sequence[str]) -> set[str]:
    """Names beside a binary ``*``/``<<`` (or ``*=``/``<<=``) in one line's tokens."""
    out: set[str] = set()
    for i, tok in enumerate(toks):
        if tok not in _ARITH or i == 0:
            continue
        before = toks[i - 1]
        if tok == "*" and not (_is_name(before) or before[0].isdigit() or before in (")", "]")):
            continue  # a dereference or a pointer declarator
        if tok == "*" and _is_name(before) and i + 1 < len(toks) and toks[i + 1] in (")", ",", ";"):
            continue  # a cast or parameter type: `(char *)`
        for j in (i - 1, i + 1):
            if 0 <= j < len(toks) and _is_name(toks[j]):
                out.add(toks[j])
        # a member chain on the right: `a * b->c` reads c too
        k = i + 1
        while k + 2 < len(toks) and toks[k + 1] in ("->", ".") and _is_name(toks[k + 2]):
            out.add(toks[k + 2])
            k += 2
    return out


def _hunk_overflow(fc: FileChange, hunk: Hunk) -> Finding | None:
    guards: list[tuple[str, frozenset[str]]] = []
    for text in _removed(hunk):
        toks = tokens(text)
        if not toks or toks[0] == "#":
            continue
        for c in comparisons(text):
            if _overflow_comparison(c):
                guards.append((text, frozenset(t for t in c.names if not t.isupper())))
        calls = [t for t in toks if t.startswith(("__builtin_", "ckd_"))]
        if calls:
            guards.append((text, frozenset(t for t in toks if _is_name(t) and t not in calls)))
    if not guards:
        return None
    for n, text in _added(hunk):
        names = _binary_arith_names(tokens(text))
        for removed, guarded in guards:
            shared = sorted(names & guarded)
            if shared:
                return c_finding(
                    fc,
                    n,
                    kind="integer-overflow",
                    rule=RULE_OVERFLOW,
                    title="Change removes an integer-overflow guard before arithmetic",
                    message=f"This change deletes the overflow check `{removed.strip()[:120]}` and computes "
                    f"with `{shared[0]}` here unchecked; no added line tests for overflow.",
                    explanation="A product or shift that wraps yields a small size: the allocation it "
                    "feeds is undersized and the writes that follow run past its end.",
                    remediation=(
                        "Restore the check before the arithmetic (`if (n > SIZE_MAX / size)` fails), "
                        "or use a checked helper (`__builtin_mul_overflow`, `reallocarray`, `calloc`).",
                    ),
                )
    return None


_WIDTH = {
    "char": 8, "int8_t": 8, "uint8_t": 8, "short": 16, "int16_t": 16, "uint16_t": 16,
    "int": 32, "unsigned": 32, "int32_t": 32, "uint32_t": 32, "long": 64, "size_t": 64,
    "ssize_t": 64, "off_t": 64, "ptrdiff_t": 64, "int64_t": 64, "uint64_t": 64, "intptr_t": 64,
    "uintptr_t": 64,
}  # fmt: skip
_QUALIFIERS = frozenset({"const", "volatile", "register", "static", "signed"})


def declared_widths(toks: Sequence[str]) -> dict[str, int]:
    """Integer variables a line declares (`size_t a, b;`, a parameter `int n`) and their widths in
    bits (`unsigned` alone is an int, `long long` and `unsigned long` 64); pointers are left out."""
    out: dict[str, int] = {}
    width = 0
    expect_name = False
    i = 0
    while i < len(toks):
        tok = toks[i]
        if tok in _WIDTH or tok in _QUALIFIERS:
            if tok in _WIDTH:
                # `unsigned int`, `long int`, `unsigned long`: the widest word names the type
                width = max(width, _WIDTH[tok]) if width else _WIDTH[tok]
            expect_name = width > 0
        elif expect_name and _is_name(tok):
            nxt = toks[i + 1] if i + 1 < len(toks) else ";"
            if nxt in (",", ")", ";", "=", "["):
                out[tok] = width
            if nxt != ",":
                width, expect_name = 0, False
            else:
                i += 1  # `size_t a, b`: the next name has the same type
        else:
            width, expect_name = 0, False
        i += 1
    return out


def _hunk_narrowing(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A hunk that re-declares a length, size or count variable in a narrower integer type
    (`size_t len` -> `int len`): values past the new range wrap or turn negative."""
    wide: dict[str, tuple[int, str]] = {}
    for text in _removed(hunk):
        for name, width in declared_widths(tokens(text)).items():
            wide[name] = (width, text)
    if not wide:
        return None
    for n, text in _added(hunk):
        for name, width in declared_widths(tokens(text)).items():
            if name in wide and width < wide[name][0] and bound_name(name):
                before = wide[name][1].strip()[:120]
                return c_finding(
                    fc,
                    n,
                    kind="integer-overflow",
                    rule=RULE_NARROW,
                    title="Change narrows the type of a size",
                    message=f"This change declares `{name}` in a narrower integer type than before "
                    f"(`{before}`): a length or count past its range wraps or turns negative.",
                    explanation="A size held in a narrower or signed type truncates large values: the "
                    "checks and allocations that use it see a small or negative number while the data "
                    "stays large, which leads to undersized buffers and out-of-bounds access.",
                    remediation=("Keep sizes, lengths and counts in `size_t` (or the wider type they had).",),
                )
    return None


def _names_at_depth(toks: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(subscript depth, name) of each name in ``toks`` that is not a member (``->``/``.``)."""
    return ((depth, tok) for _, depth, tok in _indexed_names(toks))


def _indexed_names(toks: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    """(position, subscript depth, name) of each name in ``toks`` that is not a member."""
    depth = 0
    for i, tok in enumerate(toks):
        if tok == "[":
            depth += 1
        elif tok == "]":
            depth = max(0, depth - 1)
        elif _is_name(tok) and not (i > 0 and toks[i - 1] in ("->", ".")):
            yield i, depth, tok


def _standalone(toks: Sequence[str]) -> set[str]:
    """Names of a comparison that stand on their own: not members, not inside a subscript."""
    skip = ("sizeof", "if", "while", "return", "NULL")
    return {
        tok for depth, tok in _names_at_depth(toks) if depth == 0 and tok not in skip and not tok.isupper()
    }


def _truth_tests_only(toks: Sequence[str]) -> set[str]:
    """Names a condition only tests for zero (`!j || buf[j-1]`): that bounds nothing."""
    tested: set[str] = set()
    other: set[str] = set()
    for i, depth, tok in _indexed_names(toks):
        if depth:
            continue
        after = toks[i + 1] if i + 1 < len(toks) else ""
        if i > 0 and toks[i - 1] == "!" and after in ("||", "&&", ")"):
            tested.add(tok)
        else:
            other.add(tok)
    return tested - other


def subscript_names(toks: Sequence[str]) -> set[str]:
    """Names read inside ``[...]`` (not members), at any nesting."""
    return {tok for depth, tok in _names_at_depth(toks) if depth > 0}


def _comparison_tokens(c: Comparison) -> list[str]:
    return [*c.lo.split(), "<", *c.hi.split()]


def _tested(fc: FileChange) -> tuple[set[tuple[str, str]], set[str]]:
    """What the added lines of a file test: their comparisons, and the names an added condition
    mentions outside a subscript (a bound moved to another hunk is not removed)."""
    added_keys: set[tuple[str, str]] = set()
    checked: set[str] = set()
    for _, text in (a for h in fc.hunks for a in _added(h)):
        toks = tokens(text)
        if toks and (toks[0] in _CHECK_WORDS or not _CHECK_WORDS.isdisjoint(toks)):
            checked |= _standalone(toks) - _truth_tests_only(toks)
        for c in comparisons(text):
            added_keys.add(c.key)
            checked |= c.names
    return added_keys, checked


def _hunk_index(
    fc: FileChange, hunk: Hunk, head: Sequence[str] | None, tested: tuple[set[tuple[str, str]], set[str]]
) -> Finding | None:
    # a loop header is left out: a loop restructured is a rewrite more often than a removed check
    removed = [
        (text, c)
        for text in _removed(hunk)
        if not text.lstrip().startswith(("#", "for ", "for("))
        for c in comparisons(text)
    ]
    added = _added(hunk)
    if not removed or not added:
        return None
    added_toks = [(n, tokens(text)) for n, text in added]
    added_cmps = [c for _, text in added for c in comparisons(text)]
    if len(added_cmps) >= len(removed):
        return None  # the hunk adds as many bounds as it removes: a rewrite
    added_keys, checked = tested
    last = max(n for n, _ in added)
    later: list[tuple[int, list[str]]] = []
    if head is not None:
        for n in range(last + 1, min(len(head), last + INDEX_LOOKAHEAD) + 1):
            if head[n - 1].startswith("}"):
                break
            later.append((n, tokens(head[n - 1])))
    for text, c in removed:
        if c.key in added_keys:
            continue
        candidates = _standalone(_comparison_tokens(c)) - checked
        for n, toks in [*added_toks, *later]:
            hit = sorted(subscript_names(toks) & candidates)
            if not hit:
                continue
            anchor = n if any(n == a for a, _ in added) else last
            return c_finding(
                fc,
                anchor,
                kind="out-of-bounds-read",
                rule=RULE_INDEX,
                title="Change removes the bound on an index",
                message=f"This change deletes the comparison `{text.strip()[:120]}` and "
                f"`{hit[0]}` now indexes an array unchecked (line {n}); no added condition bounds it.",
                explanation="An index past the end reads or writes memory beside the buffer: a crash, "
                "a leak of nearby data, or corruption an attacker can steer.",
                remediation=(f"Restore the bound on `{hit[0]}` before it is used as an index.",),
            )
    return None


def _chain_before(toks: Sequence[str], end: int) -> tuple[str, ...]:
    """The member chain (`a`, `a->b`, `a.b->c`) that ends at ``toks[end]``, or () if none."""
    if end < 0 or not _is_name(toks[end]):
        return ()
    start = end
    while start >= 2 and toks[start - 1] in ("->", ".") and _is_name(toks[start - 2]):
        start -= 2
    if start > 0 and toks[start - 1] in ("->", ".", "*", "&"):
        return ()
    return tuple(toks[start : end + 1])


def _chain_after(toks: Sequence[str], start: int) -> tuple[str, ...]:
    """The member chain that starts at ``toks[start]``, or () if none (or if it is called)."""
    if start >= len(toks) or not _is_name(toks[start]):
        return ()
    end = start
    while end + 2 < len(toks) and toks[end + 1] in ("->", ".") and _is_name(toks[end + 2]):
        end += 2
    if end + 1 < len(toks) and toks[end + 1] in ("(", "[", "->", "."):
        return ()
    return tuple(toks[start : end + 1])


def null_tests(toks: Sequence[str]) -> set[tuple[str, ...]]:
    """Pointers a line tests against NULL: `p == NULL`, `NULL != a->b`, `!p` before `)`/`&&`/`||`."""
    out: set[tuple[str, ...]] = set()
    for i, tok in enumerate(toks):
        if tok in ("==", "!=") and 0 < i < len(toks) - 1:
            if (toks[i + 1] in ("NULL", "nullptr") and (chain := _chain_before(toks, i - 1))) or (
                toks[i - 1] in ("NULL", "nullptr") and (chain := _chain_after(toks, i + 1))
            ):
                out.add(chain)
        elif tok == "!" and (chain := _chain_after(toks, i + 1)):
            after = i + 1 + len(chain)
            if after < len(toks) and toks[after] in (")", "&&", "||"):
                out.add(chain)
    return out


def _mentions(toks: Sequence[str], chain: Sequence[str]) -> bool:
    """Whether a line reads ``chain`` itself (not only through it: `p` in `p->x` does not count)."""
    n = len(chain)
    return any(not (at + n < len(toks) and toks[at + n] in ("->", "[", ".")) for at in _find(toks, chain))


def dereferences(toks: Sequence[str], chain: Sequence[str]) -> bool:
    """Whether a line dereferences ``chain``: `p->x`, `p[i]`, `*p` (not `sizeof *p`)."""
    n = len(chain)
    for at in _find(toks, chain):
        if at + n < len(toks) and toks[at + n] in ("->", "["):
            return True
        if n == 1 and at > 0 and toks[at - 1] == "*":
            before = toks[at - 2] if at > 1 else ""
            if before != "sizeof" and not (_is_name(before) or before in (")", "]")):
                return True
    return False


def _hunk_null(fc: FileChange, hunk: Hunk, head: Sequence[str] | None) -> Finding | None:
    """A removed NULL test of a pointer that an added line (or one of the next head lines)
    dereferences, with no NULL test of it left: added in the file, or above the use in the head."""
    removed: list[tuple[str, tuple[str, ...]]] = []
    for text in _removed(hunk):
        toks = tokens(text)
        if toks and toks[0] != "#":
            removed.extend((text, chain) for chain in sorted(null_tests(toks)))
    added = _added(hunk)
    if not removed or not added or head is None:
        return None
    still: set[tuple[str, ...]] = set()  # pointers an added line tests or reads on its own
    for _, text in (a for h in fc.hunks for a in _added(h)):
        toks = tokens(text)
        still |= null_tests(toks)
        still |= {
            chain for _, chain in removed if _mentions(toks, chain) and not _CHECK_WORDS.isdisjoint(toks)
        }
    last = max(n for n, _ in added)
    later = []
    for n in range(last + 1, min(len(head), last + INDEX_LOOKAHEAD) + 1):
        if head[n - 1].startswith("}"):
            break
        later.append(n)
    for text, chain in removed:
        if chain in still:
            continue
        for n in [*(a for a, _ in added), *later]:
            if n > len(head) or not dereferences(tokens(head[n - 1]), chain):
                continue
            if _tested_above(head, n, chain):
                break
            name = "".join(chain)
            return c_finding(
                fc,
                n if n <= last else last,
                kind="null-dereference",
                rule=RULE_NULL,
                title="Change removes a NULL check before a dereference",
                message=f"This change deletes the NULL test `{text.strip()[:120]}` and `{name}` is "
                f"dereferenced at line {n} with no test of it left above.",
                explanation="Dereferencing a NULL pointer crashes the process (a denial of service an "
                "input can trigger at will), and with a large offset can reach mapped memory.",
                remediation=(f"Restore the test of `{name}` before it is dereferenced.",),
            )
    return None


def _tested_above(head: Sequence[str], line: int, chain: Sequence[str]) -> bool:
    """Whether a head line above ``line`` in the same function (at most MAX_SCAN lines up) tests
    ``chain`` against NULL."""
    for n in range(line - 1, max(0, line - 1 - MAX_SCAN), -1):
        text = head[n - 1]
        if text.startswith("}"):
            return False
        toks = tokens(text)
        if chain in null_tests(toks):
            return True
        if text.startswith("{") or (toks and _is_name(toks[0]) and text[:1].isalpha() and "(" in toks):
            return False  # the function's head
    return False


def clamp(toks: Sequence[str]) -> tuple[str, str] | None:
    """`x = y < b ? y : b;` (either order, any relational), `x = MIN(y, b);` or `x = min(y, b);`
    with a type before x or not: (x, y), the clamped variable and the raw one it limits."""
    if "=" not in toks or toks[-1:] != [";"]:
        return None
    k = toks.index("=")
    if k == 0 or not _is_name(toks[k - 1]):
        return None
    target, rest = toks[k - 1], list(toks[k + 1 : -1])
    if len(rest) >= 5 and rest[0] in ("MIN", "min") and rest[1] == "(" and rest[-1] == ")":
        raw = rest[2]
        return (target, raw) if _is_name(raw) and rest[3] == "," and raw != target else None
    if "?" not in rest or ":" not in rest:
        return None
    q, c = rest.index("?"), rest.index(":")
    cond, yes, no = rest[:q], rest[q + 1 : c], rest[c + 1 :]
    if cond[:1] == ["("] and cond[-1:] == [")"]:
        cond = cond[1:-1]  # `(len > max) ? max : len`
    ops = [i for i, t in enumerate(cond) if t in ("<", "<=", ">", ">=")]
    if len(ops) != 1 or not yes or not no:
        return None
    left, right = cond[: ops[0]], cond[ops[0] + 1 :]
    if sorted((tuple(yes), tuple(no))) != sorted((tuple(left), tuple(right))):
        return None
    for side in (left, right):
        if len(side) == 1 and _is_name(side[0]) and not side[0].isupper() and side[0] != target:
            return target, side[0]
    return None


def _hunk_clamp(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A hunk that removes a clamp (`n = len < max ? len : max;`) and puts the raw variable where
    the removed lines used the clamped one: the line is otherwise the same."""
    removed = [tokens(text) for text in _removed(hunk)]
    clamps = dict(c for toks in removed if (c := clamp(toks)) is not None)
    if not clamps:
        return None
    for n, text in _added(hunk):
        toks = tokens(text)
        for old in removed:
            if len(old) != len(toks) or clamp(old) is not None:
                continue
            swapped = [(a, b) for a, b in zip(old, toks, strict=True) if a != b]
            if swapped and all(clamps.get(a) == b for a, b in swapped):
                clamped, raw = swapped[0]
                return c_finding(
                    fc,
                    n,
                    kind="out-of-bounds-read",
                    rule=RULE_CLAMP,
                    title="Change uses a length past the limit it used to be clamped to",
                    message=f"This change deletes the clamp of `{raw}` into `{clamped}` and uses `{raw}` "
                    f"here where the code used `{clamped}`: the limit no longer applies.",
                    explanation="A length that was limited to the size of a buffer now reaches the loop or "
                    "copy unlimited, so it reads or writes past the buffer's end.",
                    remediation=(f"Use the clamped `{clamped}` again, or check `{raw}` against the limit.",),
                )
    return None


_RELAX = {("<", "<="): True, (">", ">="): True, ("<=", "<"): False, (">=", ">"): False}
"""(removed operator, added operator) -> whether the condition now holds in more cases (relaxed)."""
_EXIT_WORDS = frozenset(
    {"return", "goto", "break", "continue", "abort", "exit", "_exit", "longjmp", "throw", "panic"}
)  # fmt: skip


def _rejects(toks: Sequence[str], head: Sequence[str] | None, line: int, language: str = "c") -> bool | None:
    """Whether the condition on a line rejects when it holds (an `if` whose body leaves), allows
    (a loop condition, an `assert`, an `if` whose body does the work), or None when unknown. The
    condition ends at its closing parenthesis, or (Go) at the brace that opens the body."""
    at = 1 if toks[:2] == ["}", "else"] else 0
    at += 1 if toks[at : at + 1] == ["else"] else 0
    first = toks[at] if at < len(toks) else ""
    if first in ("for", "while", "assert"):
        return False
    if first != "if" or "!" in toks:
        return None  # an assignment, a return, a ternary or a negation: which way it goes is unknown
    parens = toks[at + 1 : at + 2] == ["("]
    depth, end = 0, len(toks)
    for i in range(at + 1, len(toks)):
        if toks[i] in ("(", "["):
            depth += 1
        elif toks[i] in (")", "]"):
            depth -= 1
            if parens and depth == 0:
                end = i
                break
        elif not parens and depth == 0 and toks[i] == "{":
            end = i
            break
    rest = list(toks[end + 1 :])
    braces = language in C_LANGUAGES and head is not None  # (read in C and C++ only, so far)
    if rest[:1] == ["{"] and braces and head is not None:
        return _block_leaves(rest, head, line, language)
    body = [t for t in rest if t != "{"]
    if not body and head is None:
        return None  # the body is on lines not at hand: which way the `if` goes is unknown
    if not body and head is not None:
        for i, nxt in enumerate(head[line : line + 2]):
            row = tokens(nxt, language)
            if row[:1] == ["{"] and braces:
                return _block_leaves(row, head, line + i + 1, language)
            body = [t for t in row if t != "{"]
            if body:
                break
    return bool(body) and body[0] in _EXIT_WORDS


BLOCK_LINES = 12
"""How many head lines of an `if` block are read for a statement that leaves (a log call first)."""


def _block_leaves(first: Sequence[str], head: Sequence[str], line: int, language: str) -> bool:
    """Whether the braced block that opens in ``first`` (the tokens after an `if` condition, on
    0-based head index ``line - 1``) holds, at its own level, a statement that leaves: `{ log(...);
    return ERR; }` rejects like `return ERR;` alone."""
    depth = 0
    rows = [first, *(tokens(text, language) for text in head[line : line + BLOCK_LINES])]
    for row in rows:
        for tok in row:
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth <= 0:
                    return False
            elif depth == 1 and tok in _EXIT_WORDS:
                return True
    return False


def _by_key(
    lines: Iterable[list[str]], keys: Callable[[list[str]], Iterable[tuple[str, ...]]]
) -> dict[tuple[str, ...], list[list[str]]]:
    """The distinct removed lines (tokens) under each key they give, in the hunk's order: an added
    line is compared only with those under its own key, not with every removed line (a hunk that
    rewrites thousands of lines made that quadratic)."""
    index: dict[tuple[str, ...], list[list[str]]] = {}
    seen: set[tuple[str, ...]] = set()
    for toks in lines:
        if (whole := tuple(toks)) in seen:
            continue  # the same line again compares the same way
        seen.add(whole)
        for key in dict.fromkeys(keys(toks)):
            index.setdefault(key, []).append(toks)
    return index


def _relation_key(toks: Sequence[str]) -> tuple[str, ...]:
    """``toks`` with strict and non-strict comparisons alike: a line and its flipped bound share it."""
    return tuple(_RELATION_CLASS.get(t, t) for t in toks)


_RELATION_CLASS = {"<": "<", "<=": "<", ">": ">", ">=": ">"}


def _without_a_margin(old: Sequence[str]) -> Iterator[tuple[str, ...]]:
    """``old`` without each ``+ N``/``- N`` it holds: what the line reads with that margin dropped."""
    for at in range(len(old) - 1):
        if old[at] in "+-" and old[at + 1][:1].isdigit():
            yield (*old[:at], *old[at + 2 :])


def _hunk_relaxed(
    fc: FileChange, hunk: Hunk, head: Sequence[str] | None, language: str = "c"
) -> Finding | None:
    """A line the hunk rewrites with one relational operator flipped between strict and non-strict
    (`i < len` -> `i <= len`, `if (n >= size) return` -> `if (n > size) return`) so that the bound
    lets one more value through: the classic off-by-one. The other direction is what a fix does.
    Read in C and C++ (`c-bound-relaxed`) and in Go, Java, JavaScript and TypeScript
    (`diff-bound-relaxed`); a JS/TS line holding a regex literal is left alone."""
    removed = _by_key(
        (tokens(text, language) for text in _removed(hunk) if comparisons(text, language)),
        lambda old: (_relation_key(old),),
    )
    for n, text in _added(hunk):
        if not comparisons(text, language):
            continue
        toks = tokens(text, language)
        for old in removed.get(_relation_key(toks), ()):
            if len(old) != len(toks):
                continue
            diff = [i for i, (a, b) in enumerate(zip(old, toks, strict=True)) if a != b]
            if len(diff) != 1 or (old[diff[0]], toks[diff[0]]) not in _RELAX:
                continue
            at = diff[0]
            relaxed = _RELAX[(old[at], toks[at])]
            rejects = _rejects(toks, head, n, language)
            if rejects is None or relaxed == rejects:
                continue
            left, right = operand(toks, at - 1, -1), operand(toks, at + 1, 1)
            if not left or not right or not (bound_like(left) or bound_like(right)):
                continue
            cond = f"{' '.join(left)} {toks[at]} {' '.join(right)}"
            return c_finding(
                fc,
                n,
                kind="out-of-bounds-write",
                rule=RULE_RELAXED if language in C_LANGUAGES else RULE_RELAXED_OTHER,
                title="Change relaxes a bound by one",
                message=f"This change turns `{old[at]}` into `{toks[at]}` in `{cond}`: the bound now "
                "lets one more value through (an off-by-one).",
                explanation="An index or length equal to the size of a buffer is one past its end; a "
                "bound that admits it reads or writes the byte beside the buffer.",
                remediation=(f"Keep `{old[at]}`, or show why the value equal to the bound is in range.",),
            )
    return None


_ALLOC_ENDINGS = ("malloc", "calloc", "realloc", "alloca")
"""An allocation call ends so (`malloc`, `xmlMalloc`, `g_malloc`, `av_realloc`, `kmalloc`)."""
_COPY_CALLS = frozenset(
    {"strncpy", "strncat", "memcpy", "memmove", "read", "recv", "wcsncpy", "wcsncat", "stpncpy"}
)  # fmt: skip
"""Copies whose length must leave room themselves (snprintf, strlcpy and fgets count the terminator)."""
_CHAR_TYPES = frozenset(
    {"char", "unsigned", "signed", "uint8_t", "int8_t", "wchar_t", "u_char", "xmlChar", "u8"}
)


def _enclosing(toks: Sequence[str], at: int) -> str:
    """What the token at ``at`` sits in: the name of the call whose parentheses hold it, `[]` for
    the brackets of a char array declaration, or ''."""
    depth = 0
    for i in range(at - 1, -1, -1):
        tok = toks[i]
        if tok in (")", "]"):
            depth += 1
        elif tok in ("(", "["):
            if depth:
                depth -= 1
                continue
            if tok == "[":
                declared = i >= 2 and _is_name(toks[i - 1]) and any(t in _CHAR_TYPES for t in toks[: i - 1])
                return "[]" if declared and "=" not in toks[: i - 1] else ""
            if i > 0 and _is_name(toks[i - 1]) and toks[i - 1] != "sizeof":
                return toks[i - 1]
            # a grouping bracket: the call is further out
    return ""


def _hunk_margin(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A rewritten line whose only change drops a `+ N` from an allocation size or a char array's
    length, or a `- N` from the length of a copy (`malloc(len + 1)` -> `malloc(len)`,
    `strncpy(d, s, sizeof d - 1)` -> `strncpy(d, s, sizeof d)`): the room kept for a terminator or
    a last element is gone. Adding the margin back is what a fix does."""
    removed = _by_key((tokens(text) for text in _removed(hunk)), _without_a_margin)
    for n, text in _added(hunk):
        toks = tokens(text)
        for old in removed.get(tuple(toks), ()):
            if len(old) != len(toks) + 2:
                continue
            at = next((i for i, (a, b) in enumerate(zip(old, toks, strict=False)) if a != b), len(toks))
            if old[at + 2 :] != toks[at:] or old[:at] != toks[:at]:
                continue
            sign, num = old[at], old[at + 1]
            if sign not in "+-" or not num[:1].isdigit() or num.rstrip("uUlL") in ("0", "0x0"):
                continue
            where = _enclosing(old, at)
            alloc = where == "[]" or where.lower().endswith(_ALLOC_ENDINGS)
            if not ((sign == "+" and alloc) or (sign == "-" and where in _COPY_CALLS)):
                continue
            what = "the array" if where == "[]" else f"`{where}()`"
            return c_finding(
                fc,
                n,
                kind="out-of-bounds-write",
                rule=RULE_MARGIN,
                title="Change drops the margin of a buffer size",
                message=f"This change removes `{sign} {num}` from the size given to {what}: the room "
                "kept for a terminator or a last element is gone (an off-by-one).",
                explanation="A buffer one element too small, or a copy one element too long, writes the "
                "terminating zero or the last element past the end of the buffer.",
                remediation=(
                    f"Keep the `{sign} {num}`, or show that the size already counts the terminator.",
                ),
            )
    return None


_WIDE = 64
_WIDE_WORDS = ("64", "size_t", "long", "off_t", "ptrdiff_t", "intptr_t", "intmax_t")
"""Text one of which a line must hold to name a 64-bit integer type (a cheap test before lexing)."""
_ARITH_OPS = frozenset({"*", "+", "-", "<<"})


def _cast_width(toks: Sequence[str], at: int) -> tuple[int, int]:
    """For a `(` at ``at`` that opens an integer cast (`(uint64_t) n`, `(size_t)(a - b)`,
    `(unsigned long) x`): (its width in bits, the index after its `)`); (0, at) for anything else
    (a call's or a grouping parenthesis, a pointer cast)."""
    if at > 0 and (_is_name(toks[at - 1]) or toks[at - 1] in (")", "]")):
        return 0, at
    width, j = 0, at + 1
    while j < len(toks) and j <= at + 4 and toks[j] != ")":
        tok = toks[j]
        if tok in _WIDTH:
            width = max(width, _WIDTH[tok])
        elif tok.endswith("size_t") and _is_name(tok):
            width = max(width, 64)  # tmsize_t, apr_size_t
        elif tok not in _QUALIFIERS:
            return 0, at
        j += 1
    after = toks[j + 1] if j + 1 < len(toks) else ""
    if j >= len(toks) or toks[j] != ")" or not (_is_name(after) or after[:1].isdigit() or after == "("):
        return 0, at
    return width, j + 1


def without_wide_casts(toks: Sequence[str]) -> tuple[tuple[str, ...], int]:
    """``toks`` with every 64-bit integer cast that sits in arithmetic removed (`a * (uint64_t) b`,
    `(size_t) n * size`), and how many were removed."""
    out: list[str] = []
    dropped = 0
    i = 0
    while i < len(toks):
        if toks[i] == "(":
            width, end = _cast_width(toks, i)
            before = toks[i - 1] if i > 0 else ""
            after = _operand_end(toks, end)
            beside = before in _ARITH_OPS or (after < len(toks) and toks[after] in _ARITH_OPS)
            if width >= _WIDE and beside:
                dropped += 1
                i = end
                continue
        out.append(toks[i])
        i += 1
    return tuple(out), dropped


def _operand_end(toks: Sequence[str], start: int) -> int:
    """The index after the operand that starts at ``start`` (a name with members, a number, or a
    bracketed expression)."""
    if start >= len(toks):
        return start
    if toks[start] == "(":
        depth = 0
        for j in range(start, len(toks)):
            depth += (toks[j] == "(") - (toks[j] == ")")
            if depth == 0:
                return j + 1
        return len(toks)
    j = start + 1
    while j + 1 < len(toks) and toks[j] in ("->", ".") and _is_name(toks[j + 1]):
        j += 2
    return j


def _assignment_key(toks: Sequence[str]) -> tuple[str, ...]:
    """A line from the name it declares or assigns on: `const tmsize_t incr = ...` and `int32_t incr
    = ...` share `incr = ...` (a declaration's type is compared apart)."""
    if "=" in toks:
        k = list(toks).index("=")
        if k > 0 and _is_name(toks[k - 1]):
            return tuple(toks[k - 1 :])
    return tuple(toks)


def _hunk_widening(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A rewritten line that only drops the 64-bit casts from its arithmetic (`(uint64_t) entries *
    sizeof(e) > size` -> `entries * sizeof(e) > size`, `3 * (tmsize_t) w` -> `3 * w`), its declared
    type narrowed or not: the product is computed in the narrower type again and wraps. Adding the
    cast is how such an overflow is fixed."""
    removed: dict[tuple[str, ...], list[str]] = {}
    for text in _removed(hunk):
        if "(" not in text or not any(w in text for w in _WIDE_WORDS):
            continue  # no 64-bit integer type named: nothing to drop (and no lexing)
        toks = tokens(text)
        stripped, dropped = without_wide_casts(toks)
        if dropped and toks[:1] != ["#"]:
            removed.setdefault(_assignment_key(stripped), toks)
    if not removed:
        return None
    for n, text in _added(hunk):
        toks = tokens(text)
        old = removed.get(_assignment_key(toks))
        if old is None or without_wide_casts(toks)[1]:
            continue
        return c_finding(
            fc,
            n,
            kind="integer-overflow",
            rule=RULE_WIDEN,
            title="Change drops the widening cast of a size computation",
            message=f"This change removes the 64-bit cast from `{' '.join(old)[:120]}`: the arithmetic "
            "is done in the narrower type again and can wrap.",
            explanation="A product or sum of 32-bit values wraps before it is compared or stored: a "
            "bound check passes with a small value, or an allocation is undersized, while the real "
            "size is large.",
            remediation=("Keep the cast to a 64-bit type (or `size_t`) on an operand of the arithmetic.",),
        )
    return None


def without_null_terms(toks: Sequence[str]) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each way to drop one NULL test of a pointer from a condition's `||`/`&&` chain, with the
    pointer: `p == NULL || f(p)`, `!p || f(p)`, `(p == NULL) || ...` (the test before `||`) and `p !=
    NULL && p->x`, `p && p->x` (before `&&`) each give the line without that test and its operator."""
    n = len(toks)
    for i in range(n):
        if i > 0 and toks[i - 1] in ("->", "."):
            continue
        for bracketed in (False, True):
            at = i + 1 if bracketed else i
            if bracketed and toks[i] != "(":
                continue
            negated = at < n and toks[at] == "!"
            chain = _chain_after(toks, at + 1 if negated else at)
            if not chain:
                continue
            j = (at + 1 if negated else at) + len(chain)
            test = toks[j : j + 2]
            if negated:
                kind = "||"
            elif test == ["==", "NULL"]:
                kind, j = "||", j + 2
            elif test == ["!=", "NULL"]:
                kind, j = "&&", j + 2
            else:
                kind = "&&"  # `p && ...`
            if bracketed:
                if j >= n or toks[j] != ")":
                    continue
                j += 1
            if j < n and toks[j] == kind and (i == 0 or toks[i - 1] in ("(", "||", "&&")):
                yield (*toks[:i], *toks[j + 1 :]), chain


def _hunk_null_term(fc: FileChange, hunk: Hunk) -> Finding | None:
    """A condition rewritten only by dropping its NULL test of a pointer that it still uses
    (`if (fld == NULL || !merge(tif, fld, 1))` -> `if (!merge(tif, fld, 1))`, `if (p && p->n > 0)` ->
    `if (p->n > 0)`): a NULL pointer now reaches the call or the dereference. Adding the test is
    what a fix does."""
    removed: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = {}
    for text in _removed(hunk):
        if "NULL" not in text and "!" not in text and "&&" not in text:
            continue
        toks = tokens(text)
        if toks[:1] == ["#"] or not _CHECK_WORDS.intersection(toks):
            continue
        for rest, chain in without_null_terms(toks):
            removed.setdefault(rest, (text, chain))
    if not removed:
        return None
    for n, text in _added(hunk):
        row = tuple(tokens(text))
        found = removed.get(row)
        if found is None or not _find(row, found[1]):
            continue
        old, chain = found
        name = "".join(chain)
        return c_finding(
            fc,
            n,
            kind="null-dereference",
            rule=RULE_NULL_TERM,
            title="Change drops the NULL test from a condition",
            message=f"This change removes the NULL test of `{name}` from `{old.strip()[:120]}`; the "
            f"condition still uses `{name}`, now whether or not it is NULL.",
            explanation="A pointer that can be NULL (a failed allocation or lookup) is passed on or "
            "dereferenced: the process crashes, a denial of service an input can trigger.",
            remediation=(f"Keep the test of `{name}` against NULL before its use in the condition.",),
        )
    return None


def c_finding(
    fc: FileChange,
    line: int,
    *,
    kind: str,
    rule: str,
    title: str,
    message: str,
    explanation: str,
    remediation: tuple[str, ...],
) -> Finding:
    """A diff-level C finding (high severity, medium confidence), also used by ``c_guards``."""
    cat = lookup_category(kind)
    return Finding(
        rule_id=rule,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title=title,
        severity=Severity.HIGH,
        confidence=Confidence.MEDIUM,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=message,
        explanation=explanation,
        remediation=remediation,
        provenance=Provenance(engine=ENGINE),
    )


def rule_ids() -> Iterable[str]:
    """Every rule id this analyzer can emit (for documentation and tests)."""
    yield from (
        RULE_UAF,
        RULE_OVERFLOW,
        RULE_INDEX,
        RULE_NARROW,
        RULE_NULL,
        RULE_CLAMP,
        RULE_RELAXED,
        RULE_MARGIN,
        RULE_WIDEN,
        RULE_NULL_TERM,
    )
