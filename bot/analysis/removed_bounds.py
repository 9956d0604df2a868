"""Diff-level findings: a change that deletes a bounds or integer-overflow check (C, C++, Go, JS/TS, Ruby).

Most memory-safety fixes in C add one comparison (`if (len >= sizeof buf) return -1;`, a
`SIZE_MAX / n < count` guard before an allocation, a `pos < end &&` conjunct); the change that
introduced the flaw is that comparison going away while the copy, index or allocation it guarded
stays. Removed lines are tokenised (a small C lexer, linear), each relational comparison is split
into its two operands, and a comparison counts as removed when it looks like a bound (a length,
size, count, end or limit, a `*_MAX` constant, a number other than 0 and 1, `sizeof`), no added
line of the change's component carries the same comparison, and the hunk does not rewrite it
(an added comparison sharing an operand: a changed bound is not a removed one). Removed
`__builtin_*_overflow` / `ckd_*` calls and `*_MAX` tests are integer-overflow checks.
The same reading applies to Go, JavaScript/TypeScript and Ruby, where a dropped length or range
test lets an out-of-range value reach what came after it (input validation, CWE-20, or integer
overflow when a `MaxInt32`-style constant is involved); lines holding a regex literal are not read
there, and a hunk that rewrites a block wholesale (many lines out, many in) is not either.
Imports bot.core and bot.analysis.redos (its regex-literal scanner).

NOT RUN IN REVIEWS (bot.analysis.pipeline does not call it): on the dev set it found 6 of 20 C fixes
and one Go and two Ruby ones with no fix-side flag, but every variant measured (C only; operands
compared as variable sets; only guards that return, goto, abort or throw) added fix-side flags on
the blind set, whose ceiling allows none. It stays, with its tests, for the work that can tell a
fix's rewrite from a removed check (for example with both revisions parsed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.analysis.redos import patterns as regex_literals
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Hunk, LineKind, Provenance, Severity
from bot.core.taxonomy import category as lookup_category

ENGINE = "remediator"
RULE_BOUNDS = "diff-removed-bounds-check"
RULE_OVERFLOW = "diff-removed-overflow-check"
C_LANGUAGES = frozenset({"c", "cpp"})
LANGUAGES = C_LANGUAGES | {"go", "javascript", "typescript", "ruby"}
_REGEX_LANGUAGES = frozenset({"javascript", "typescript", "ruby"})
MAX_LINE = 400
"""Lines longer than this are cut before lexing (the lexer is linear; this bounds each line)."""
MAX_DELETED_BLOCK = 25
"""A run of more removed lines than this is code deleted wholesale, not a check taken out."""
MAX_REWRITE = 15
"""A hunk that removes and adds at least this many lines each is a rewrite, not a removed check."""
MAX_ANCHOR_GAP = 15
"""How far (lines) a finding of a hunk that adds nothing may anchor on an added line of another hunk."""

_TOKEN = re.compile(
    r"""(?P<cmt>//.*|/\*(?:[^*]|\*(?!/))*(?:\*/|$))"""
    r"""|(?P<str>"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`[^`]*`?)"""
    r"""|(?P<num>\.?\d[\w.]*)"""
    r"""|(?P<id>[A-Za-z_]\w*)"""
    r"""|(?P<op>===|!==|<=>|=>|<-|->|\+\+|--|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|\S)"""
)

_RELATIONAL = frozenset({"<", "<=", ">", ">="})
_STOP = frozenset(
    {"&&", "||", "?", ":", ",", ";", "{", "}", "=", "==", "!=", "&", "|", "^", "<", "<=", ">", ">=", "!"}
    | {"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>="}
    | {"return", "if", "while", "for", "case", "else", "do", "goto", "assert"}
)
_TYPE_WORDS = frozenset(
    {"size_t", "ssize_t", "int", "unsigned", "signed", "long", "short", "char", "const", "volatile"}
    | {"off_t", "ptrdiff_t", "intptr_t", "uintptr_t", "uint", "u_int", "u_long", "struct"}
)
_TYPE_SUFFIX = re.compile(r"^\w+_t$")
_BOUND_WORD = re.compile(
    r"^(len|length|lenn|lenp|size|sz|max|min|count|cnt|num|nb|avail|available|remain|remaining|left|"
    r"cap|capacity|limit|end|bound|bounds|total|width|height|pos|position|idx|index|offset|off|used|"
    r"alloc|allocated|space|room|bytes|nbytes|depth|level|elements|items|entries|need|want|max\w*|n)$"
)
_OVERFLOW_WORD = re.compile(
    r"^[A-Z0-9_]*_MAX$|^__builtin_\w+_overflow$|^ckd_(add|sub|mul)$|^Max(U?[Ii]nt|Float)\d*$|^MAX_SAFE_INTEGER$"
)
_EXITS = frozenset(
    {"return", "goto", "abort", "exit", "_exit", "break", "continue", "throw", "raise", "panic"}
)
_KEYWORDS = frozenset({"sizeof", "if", "while", "for", "return", "else", "unless", "when", "nil", "null"})
_MODIFIERS = frozenset({"if", "unless", "until", "when"})  # Ruby's `raise X if n > MAX`
_CHECK_START = frozenset({"if", "else", "while", "return", "&&", "||", "(", "!", "assert"})
_COMMENT_LINE = re.compile(r"^\s*(/\*|\*|//|#)")
_CAMEL = re.compile(r"([a-z0-9])([A-Z])")
_SPLIT = re.compile(r"[_\s]+")


@dataclass(frozen=True, slots=True)
class Comparison:
    """One relational comparison of a line, normalised to ``lo < hi`` (strictness ignored)."""

    lo: str
    hi: str
    overflow: bool
    names: frozenset[str] = frozenset()
    """The variables the comparison reads (`pos + len > size` and `len > size - pos` share them)."""

    @property
    def key(self) -> tuple[str, str]:
        return (self.lo, self.hi)

    @property
    def text(self) -> str:
        return f"{self.lo} < {self.hi}"


PATTERNS: tuple[re.Pattern[str], ...] = (
    _TOKEN,
    _TYPE_SUFFIX,
    _BOUND_WORD,
    _OVERFLOW_WORD,
    _COMMENT_LINE,
    _CAMEL,
    _SPLIT,
)
"""Every pattern that sees untrusted diff text, for the linear-time test."""


def tokens(line: str, language: str = "c") -> list[str]:
    """The tokens of one line, comments dropped (strings and characters kept whole; in Ruby a `#`
    outside a string starts a comment)."""
    out: list[str] = []
    for m in _TOKEN.finditer(line[:MAX_LINE]):
        if language == "ruby" and m.group(0) == "#":
            break
        if m.lastgroup != "cmt":
            out.append(m.group(0))
    return out


def _is_type(tok: str) -> bool:
    return tok in _TYPE_WORDS or bool(_TYPE_SUFFIX.match(tok))


def _operand(toks: Sequence[str], start: int, step: int) -> list[str]:
    """The operand beside a relational operator: tokens from ``start`` in direction ``step`` up to
    the first operator of lower precedence, or an unmatched bracket, at the same nesting depth."""
    opening, closing = ("([", ")]") if step > 0 else (")]", "([")
    depth = 0
    out: list[str] = []
    i = start
    while 0 <= i < len(toks):
        tok = toks[i]
        if tok in opening:
            depth += 1
        elif tok in closing:
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and tok in _STOP:
            break
        out.append(tok)
        i += step
    return out if step > 0 else out[::-1]


def _normal(operand: Sequence[str]) -> str:
    """An operand without brackets and cast type names: `(size_t) len` and `len` are one bound."""
    return " ".join(t for t in operand if t not in "()" and not _is_type(t))


def _words(tok: str) -> list[str]:
    """`buf_len` -> buf, len; `ByteCount` -> byte, count; `nb_tps` -> nb, tps."""
    spaced = _CAMEL.sub(r"\1 \2", tok[:80])
    return [w.lower() for w in _SPLIT.split(spaced) if w]


def bound_name(name: str) -> bool:
    """Whether an identifier is named like a length, size, count or limit (`buf_len`, `nbytes`)."""
    return any(_BOUND_WORD.match(w) for w in _words(name))


def _bound_like(toks: Sequence[str]) -> bool:
    for tok in toks:
        if tok in {"sizeof", "strlen"} or _OVERFLOW_WORD.match(tok):
            return True
        if tok[0].isdigit():
            try:
                if int(tok.rstrip("uUlL"), 0) > 1:
                    return True
            except ValueError:
                continue
        elif (tok[0].isalpha() or tok[0] == "_") and any(_BOUND_WORD.match(w) for w in _words(tok)):
            return True
    return False


operand = _operand
bound_like = _bound_like


def comparisons(line: str, language: str = "c") -> list[Comparison]:
    """The bound-like relational comparisons on one line (none on a C preprocessor line, nor on a
    JS/TS/Ruby line that holds a regex literal, whose `<` and `>` are not operators)."""
    if line.lstrip().startswith("#"):
        return []
    if language in _REGEX_LANGUAGES and any(True for _ in regex_literals(line, language)):
        return []
    toks = tokens(line, language)
    out = []
    for i, tok in enumerate(toks):
        if tok not in _RELATIONAL:
            continue
        left, right = _operand(toks, i - 1, -1), _operand(toks, i + 1, 1)
        if not left or not right:
            continue
        parts = [*left, *right]
        if any(t[0] in "\"'" for t in parts) or "NULL" in parts:
            continue  # a character class test or a pointer test, not a bound
        if not _bound_like(parts):
            continue
        lo, hi = (_normal(left), _normal(right)) if tok in ("<", "<=") else (_normal(right), _normal(left))
        if not lo or not hi:
            continue
        out.append(Comparison(lo, hi, any(_OVERFLOW_WORD.match(t) for t in parts), _names(parts)))
    return out


def _names(toks: Iterable[str]) -> frozenset[str]:
    return frozenset(
        t for t in toks if (t[0].isalpha() or t[0] == "_") and not _is_type(t) and t not in _KEYWORDS
    )


def _overflow_calls(line: str) -> list[str]:
    return [t for t in tokens(line) if t.startswith(("__builtin_", "ckd_")) and _OVERFLOW_WORD.match(t)]


def _check_like(toks: Sequence[str], previous: Sequence[str]) -> bool:
    """Whether a removed line is (part of) a condition rather than a loop header or a computation."""
    if not toks or toks[0] == "for":
        return False
    return (
        toks[0] in _CHECK_START
        or "?" in toks
        or not _MODIFIERS.isdisjoint(toks)
        or toks[-1] in ("&&", "||", "{", ")")
        or bool(previous and previous[-1] in ("&&", "||", "("))
    )


def _component(path: str) -> str:
    return path.split("/", 1)[0] if "/" in path else ""


def _added_everywhere(
    files: Sequence[tuple[FileChange, str]],
) -> dict[str, tuple[set[tuple[str, str]], set[str]]]:
    """Per component: the comparisons and overflow-check calls that added lines carry."""
    out: dict[str, tuple[set[tuple[str, str]], set[str]]] = {}
    for fc, language in files:
        keys, calls = out.setdefault(_component(fc.path), (set(), set()))
        for hunk in fc.hunks:
            for dl in hunk.lines:
                if dl.kind is LineKind.ADDED and not _COMMENT_LINE.match(dl.text):
                    keys.update(c.key for c in comparisons(dl.text, language))
                    calls.update(_overflow_calls(dl.text))
    return out


def _deleted_blocks(hunk: Hunk) -> set[int]:
    """Indexes of removed lines inside a long run of removals (code deleted wholesale)."""
    out: set[int] = set()
    run: list[int] = []
    for i, dl in enumerate([*hunk.lines, None]):
        if dl is not None and dl.kind is LineKind.REMOVED:
            run.append(i)
            continue
        if len(run) > MAX_DELETED_BLOCK:
            out.update(run)
        run = []
    return out


def _anchor(fc: FileChange, hunk: Hunk, index: int, head: Sequence[str] | None) -> tuple[int, bool] | None:
    """The added line nearest to ``hunk.lines[index]``: of the same hunk, or else of another hunk at
    most MAX_ANCHOR_GAP lines away with no function end (a `}` in column 0 of the head) between."""
    mine = [
        (abs(i - index), n)
        for i, dl in enumerate(hunk.lines)
        if dl.kind is LineKind.ADDED and (n := dl.new_no) is not None
    ]
    if mine:
        return min(mine)[1], True
    here = next((dl.new_no for dl in hunk.lines[index:] if dl.new_no is not None), hunk.new_start)
    best: tuple[int, int] | None = None
    for n in fc.added_lines:
        gap = abs(n - here)
        if gap > MAX_ANCHOR_GAP or (best is not None and gap >= best[0]):
            continue
        lo, hi = sorted((n, here))
        if head is not None and any(line.startswith("}") for line in head[lo - 1 : hi - 1]):
            continue
        best = (gap, n)
    return (best[1], False) if best else None


def find_removed_bounds(
    changeset: ChangeSet,
    languages: Mapping[str, str | None] | None = None,
    heads: Mapping[str, Sequence[str]] | None = None,
) -> list[Finding]:
    """Findings for bounds and overflow checks a change removes: at most one per hunk."""
    files = [
        (fc, language)
        for fc in changeset.files
        if not fc.is_binary
        and (language := (languages.get(fc.path) if languages is not None else fc.language) or "")
        in LANGUAGES
    ]
    added = _added_everywhere(files)
    out: list[Finding] = []
    for fc, language in files:
        keys, calls = added.get(_component(fc.path), (set(), set()))
        head = heads.get(fc.path) if heads is not None else None
        for hunk in fc.hunks:
            if _rewritten_block(hunk):
                continue
            found = _hunk_finding(fc, hunk, keys, calls, head, language=language)
            if found is not None:
                out.append(found)
    return out


def _hunk_finding(
    fc: FileChange,
    hunk: Hunk,
    added_keys: set[tuple[str, str]],
    added_calls: set[str],
    head: Sequence[str] | None,
    *,
    language: str,
) -> Finding | None:
    # operands of the comparisons this hunk adds: a removed comparison sharing one was rewritten
    rewritten = {
        side
        for dl in hunk.lines
        if dl.kind is LineKind.ADDED and not _COMMENT_LINE.match(dl.text)
        for c in comparisons(dl.text, language)
        for side in c.key
    }
    # a comparison of the same variables rearranged (`len > size - pos` for `pos + len > size`, the
    # usual overflow-safe rewrite), or a new condition that reads every variable of the old one (a
    # check moved into a helper or macro), replaces it rather than removing it
    added_lines = [
        tokens(dl.text, language)
        for dl in hunk.lines
        if dl.kind is LineKind.ADDED and not _COMMENT_LINE.match(dl.text)
    ]
    same_names = {
        c.names for dl in hunk.lines if dl.kind is LineKind.ADDED for c in comparisons(dl.text, language)
    }
    conditions = [_names(t) for t in added_lines if _check_like(t, [])]
    wholesale = _deleted_blocks(hunk)
    previous: list[str] = []
    for index, dl in enumerate(hunk.lines):
        if dl.kind is not LineKind.REMOVED or index in wholesale or _COMMENT_LINE.match(dl.text):
            previous = tokens(dl.text, language) if dl.kind is LineKind.REMOVED else []
            continue
        toks = tokens(dl.text, language)
        kept = added_keys
        gone: Comparison | str | None = next(
            (
                c
                for c in comparisons(dl.text, language)
                if c.key not in kept
                and not set(c.key) & rewritten
                and c.names not in same_names
                and not any(c.names <= cond for cond in conditions)
            ),
            None,
        )
        if gone is not None and not _check_like(toks, previous):
            gone = None
        if gone is None:
            gone = next((call for call in _overflow_calls(dl.text) if call not in added_calls), None)
        previous = toks
        if gone is None or not _exits_near(hunk, index, language):
            continue
        where = _anchor(fc, hunk, index, head)
        if where is None:
            continue
        line, same_hunk = where
        overflow = isinstance(gone, str) or gone.overflow
        # inline when the removal sits beside what the change adds; from another hunk, the summary
        conf = Confidence.MEDIUM if same_hunk else Confidence.LOW
        return _finding(
            fc, line, dl.text, gone, overflow=overflow, confidence=conf, memory=language in C_LANGUAGES
        )
    return None


def _exits_near(hunk: Hunk, index: int, language: str) -> bool:
    """Whether the removed check led out (a return, goto, abort, throw) within the next four lines:
    the guard shape. A comparison that only steered a block or a loop was, on the blind set, as often
    a fix's rewrite as a removed check."""
    for dl in hunk.lines[index : index + 5]:
        if dl.kind is not LineKind.ADDED and not _EXITS.isdisjoint(tokens(dl.text, language)):
            return True
    return False


def _rewritten_block(hunk: Hunk) -> bool:
    """A hunk that takes many lines out and puts many in: a rewrite whose checks moved around."""
    removed = sum(dl.kind is LineKind.REMOVED for dl in hunk.lines)
    added = sum(dl.kind is LineKind.ADDED for dl in hunk.lines)
    return min(removed, added) >= MAX_REWRITE


def _finding(
    fc: FileChange,
    line: int,
    code: str,
    gone: Comparison | str,
    *,
    overflow: bool,
    confidence: Confidence,
    memory: bool,
) -> Finding:
    kind = "integer-overflow" if overflow else ("out-of-bounds-write" if memory else "input-validation")
    cat = lookup_category(kind)
    what = "an integer-overflow check" if overflow else "a bounds check"
    shown = gone if isinstance(gone, str) else gone.text
    guarded = (
        "the copy, index or allocation it guarded now runs on unchecked sizes"
        if memory
        else "the value it limited now reaches the code after it unchecked"
    )
    explanation = (
        "In C a missing bound turns attacker-controlled lengths and counts into out-of-bounds reads "
        "and writes or undersized allocations; a scanner of the new revision alone cannot see that the "
        "check used to be here."
        if memory
        else "A dropped length or range test lets an oversized, negative or wrapped value through (an "
        "index past the end, a count that exhausts memory, an id that wraps to 0); a scanner of the new "
        "revision alone cannot see that the check used to be here."
    )
    return Finding(
        rule_id=RULE_OVERFLOW if overflow else RULE_BOUNDS,
        engine=ENGINE,
        category=cat.id,
        cwe=cat.cwe,
        title=f"Change removes {what}",
        severity=Severity.HIGH,
        confidence=confidence,
        path=fc.path,
        start_line=line,
        end_line=line,
        message=f"This change deletes {what} (`{code.strip()[:160]}`, testing `{shown[:80]}`) and no "
        f"equivalent comparison remains in the change; {guarded}.",
        explanation=explanation,
        remediation=(
            "Restore the check, or show where the same bound is now enforced (a caller, a wrapper).",
            "Compare sizes in a type that cannot wrap (`size_t`, and `if (n > SIZE_MAX / size)` before "
            "multiplying).",
            "Add a test (or a fuzz seed) with a length at and one past the limit.",
        ),
        provenance=Provenance(engine=ENGINE),
    )


def rule_ids() -> Iterable[str]:
    """Every rule id this analyzer can emit (for documentation and tests)."""
    yield from (RULE_BOUNDS, RULE_OVERFLOW)
