"""Backtracking blow-up in one regular expression (ReDoS, CWE-1333): a small parser and three checks.

Pure: standard library only, no regex engine is run. Character sets are ASCII bitmasks plus a flag
for anything beyond ASCII, which is enough to ask whether two repeated parts can match the same
character. The checks, on the parsed tree:

- **nested**: an unbounded repeat whose body holds another unbounded repeat that the rest of the
  body cannot tell apart (`(\\d+)*`, `(\\s*\\w+)+`), alternatives of overlapping single
  characters (`(\\w|\\d)+`), or an alternative made only of the characters of a single-character
  one (`([\\w-]|\\w-\\w)+`): exponential;
- **adjacent**: two unbounded repeats of single characters in one sequence, with overlapping sets
  and only optional parts or shared characters between them, followed by something that can fail
  (`.*,.*$`, `.*[/]*.*]$`): polynomial;
- **leading**: a pattern not anchored at its start that opens with an unbounded repeat of
  whitespace followed by something that can fail (`\\s*,\\s*`, `[\\r\\n]+$`): quadratic in the
  input's length.

Parsing is linear in the pattern's length; the checks are at most quadratic in it, and the pattern
is capped at MAX_PATTERN characters and its nesting at MAX_DEPTH.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_PATTERN = 2000
MAX_DEPTH = 40
ASCII = (1 << 128) - 1


W_WORD = 1 << 128  # letters and digits beyond ASCII (the symbols redos_ambiguity counts)
W_SPACE = 1 << 129  # white space beyond ASCII
W_OTHER = 1 << 130  # anything else beyond ASCII
W_ALL = W_WORD | W_SPACE | W_OTHER


@dataclass(frozen=True, slots=True)
class CharSet:
    """ASCII characters (bits 0-127) and the kinds of characters beyond ASCII (W_WORD, W_SPACE,
    W_OTHER) a set may read; ``wide`` with no kind bit means every kind (the older reading).
    ``whole``: the kinds the set holds entirely (`\\s` all white space), which its complement drops."""

    bits: int
    wide: bool  # matches characters beyond ASCII
    whole: int = 0

    def kinds(self) -> int:
        return (self.bits & W_ALL) or (W_ALL if self.wide else 0)

    def overlaps(self, other: CharSet) -> bool:
        return bool(self.bits & other.bits & ASCII) or bool(self.kinds() & other.kinds())

    def within(self, other: CharSet) -> bool:
        return not (self.bits & ~other.bits & ASCII) and not (self.kinds() & ~other.kinds())

    def __or__(self, other: CharSet) -> CharSet:
        kinds = self.kinds() | other.kinds()
        return CharSet((self.bits | other.bits) & ASCII | kinds, bool(kinds), self.whole | other.whole)

    def __and__(self, other: CharSet) -> CharSet:
        kinds = self.kinds() & other.kinds()
        return CharSet(self.bits & other.bits & ASCII | kinds, bool(kinds), self.whole & other.whole)


EMPTY = CharSet(0, False)


def _span(lo: int, hi: int) -> int:
    return ((1 << (hi + 1)) - 1) ^ ((1 << lo) - 1)


_DIGIT = CharSet(_span(48, 57), False)
_WORD = CharSet(_span(48, 57) | _span(65, 90) | _span(97, 122) | (1 << 95), False)
_SPACE = CharSet(_span(9, 13) | (1 << 32) | W_SPACE, True, W_SPACE)
_ANY = CharSet(ASCII & ~(1 << 10) | W_ALL, True, W_ALL)
_ALL = CharSet(ASCII | W_ALL, True, W_ALL)


def _not(cs: CharSet) -> CharSet:
    kinds = W_ALL & ~cs.whole
    return CharSet(ASCII & ~cs.bits | kinds, bool(kinds), W_ALL & ~cs.kinds())


def _beyond(code: int) -> CharSet:
    """One character beyond ASCII: its kind, held in part."""
    text = chr(code) if code < 0x110000 else ""
    return CharSet(W_WORD if text.isalnum() else W_SPACE if text.isspace() else W_OTHER, True)


_CLASS_ESCAPES = {
    "d": _DIGIT,
    "D": _not(_DIGIT),
    "w": _WORD,
    "W": _not(_WORD),
    "s": _SPACE,
    "S": _not(_SPACE),
    "h": CharSet(_span(48, 57) | _span(65, 70) | _span(97, 102), False),  # Ruby: hex digit
    "H": _not(CharSet(_span(48, 57) | _span(65, 70) | _span(97, 102), False)),
}
_CONTROL = {"n": 10, "r": 13, "t": 9, "f": 12, "v": 11, "0": 0, "e": 27, "a": 7}
_ZERO_WIDTH = set("bBAzZG<>")


@dataclass(slots=True)
class Node:
    kind: str  # "char" | "seq" | "alt" | "repeat" | "empty" | "anchor" | "ref"
    chars: CharSet = EMPTY
    items: list[Node] = field(default_factory=list)
    lo: int = 0
    hi: int | None = 0  # None: unbounded
    possessive: bool = False
    end_anchor: bool = False
    begin_anchor: bool = False
    look: int = 0  # an anchor that is a lookahead of one character class: 1 `(?=X)`, -1 `(?!X)`


def one_class(n: Node) -> CharSet | None:
    """The class of a lookahead body that reads exactly one character (`\\{`, `[<>]`), else None."""
    while n.kind in ("seq", "alt") and len(n.items) == 1:
        n = n.items[0]
    return n.chars if n.kind == "char" else None


def narrow(items: list[Node]) -> list[Node]:
    """A sequence with each one-character lookahead folded into the character that follows it:
    `(?!\\{).` reads `[^{]`, `(?=[a-z])\\w` reads `[a-z]` (exact: the lookahead tests only the next
    character, which that position reads), and into the first character of a repeat of one class.
    Other assertions stay where they are."""
    out: list[Node] = []
    k = 0
    while k < len(items):
        n = items[k]
        nxt = items[k + 1] if k + 1 < len(items) else None
        if n.kind == "anchor" and n.look and nxt is not None and nxt.kind == "char":
            out.append(Node("char", chars=_folded(n, nxt.chars)))
            k += 2
            continue
        if n.kind == "anchor" and n.look and nxt is not None and _plain_repeat(nxt):
            # `(?!,).*`: the first character read is narrowed, the rest is the repeat once less;
            # when the repeat may read nothing the lookahead's test on what follows is dropped (the
            # reading is then at least as ambiguous as the pattern)
            body = _single(nxt.items[0])
            hi = None if nxt.hi is None else nxt.hi - 1
            rest = Node("repeat", items=[body], lo=max(nxt.lo - 1, 0), hi=hi)
            first = Node("seq", items=[Node("char", chars=_folded(n, body.chars)), rest])
            out.append(first if nxt.lo else Node("alt", items=[first, Node("empty")]))
            k += 2
            continue
        out.append(n)
        k += 1
    return out


def _folded(look: Node, s: CharSet) -> CharSet:
    x = look.chars
    return s & x if look.look > 0 else CharSet(s.bits & ~(x.bits & ASCII), s.wide, s.whole)


def _plain_repeat(n: Node) -> bool:
    return n.kind == "repeat" and not n.possessive and n.hi != 0 and _single(n.items[0]).kind == "char"


class _Parser:
    def __init__(self, text: str) -> None:
        self.s = text[:MAX_PATTERN]
        self.i = 0

    def peek(self) -> str:
        return self.s[self.i] if self.i < len(self.s) else ""

    def alt(self, depth: int) -> Node:
        options = [self.seq(depth)]
        while self.peek() == "|":
            self.i += 1
            options.append(self.seq(depth))
        return options[0] if len(options) == 1 else Node("alt", items=options)

    def seq(self, depth: int) -> Node:
        items: list[Node] = []
        while self.i < len(self.s) and self.peek() not in "|)":
            atom = self.atom(depth)
            if atom is None:
                continue
            items.append(self.quantified(atom))
        return Node("seq", items=narrow(items))

    def quantified(self, atom: Node) -> Node:
        c = self.peek()
        lo: int
        hi: int | None
        if c == "*":
            lo, hi = 0, None
        elif c == "+":
            lo, hi = 1, None
        elif c == "?":
            lo, hi = 0, 1
        elif c == "{":
            end = self.s.find("}", self.i, self.i + 24)
            body = self.s[self.i + 1 : end] if end > 0 else ""
            parts = body.split(",")
            if end < 0 or len(parts) > 2 or not all(p.strip().isdigit() or p.strip() == "" for p in parts):
                return atom
            if not parts[0].strip():
                return atom
            lo = int(parts[0])
            hi = lo if len(parts) == 1 else (int(parts[1]) if parts[1].strip() else None)
            self.i = end
        else:
            return atom
        self.i += 1
        possessive = False
        if self.peek() == "?":
            self.i += 1
        elif self.peek() == "+":
            self.i += 1
            possessive = True
        if atom.kind in ("anchor", "empty"):
            return atom
        return Node("repeat", items=[atom], lo=lo, hi=hi, possessive=possessive)

    def atom(self, depth: int) -> Node | None:
        c = self.peek()
        self.i += 1
        if c == "(":
            return self.group(depth)
        if c == "[":
            return Node("char", chars=self.char_class())
        if c == ".":
            return Node("char", chars=_ANY)
        if c == "^":
            return Node("anchor", begin_anchor=True)
        if c == "$":
            return Node("anchor", end_anchor=True)
        if c == "\\":
            return self.escape()
        return Node("char", chars=CharSet(1 << ord(c), False) if ord(c) < 128 else _beyond(ord(c)))

    def group(self, depth: int) -> Node:
        atomic = False
        lookaround = False
        if self.peek() == "?":
            nxt = self.s[self.i + 1 : self.i + 3]
            if nxt[:1] in ("=", "!") or nxt in ("<=", "<!"):
                lookaround = True
            elif nxt[:1] == ">":
                atomic = True
            # skip the group's prefix up to the ':' / name / flags
            if (nxt[:1] == "<" and nxt not in ("<=", "<!")) or nxt[:1] in ("'", "P"):
                close = ">" if nxt[:1] in "<P" else "'"
                end = self.s.find(close, self.i)
                self.i = end + 1 if end > 0 else self.i + 1
            else:
                self.i += 1
                while self.i < len(self.s) and self.s[self.i] not in ":)=!>":
                    self.i += 1
                if self.i < len(self.s) and self.s[self.i] != ")":
                    self.i += 1
                    if lookaround and self.s[self.i - 1] == "<":
                        self.i += 1
        body = self.skip_group() if depth >= MAX_DEPTH else self.alt(depth + 1)
        if self.peek() == ")":
            self.i += 1
        if lookaround:
            x = one_class(body) if nxt[:1] in ("=", "!") else None
            if x is not None:
                return Node("anchor", chars=x, look=1 if nxt[:1] == "=" else -1)
            return Node("anchor")
        if atomic:
            return Node("repeat", items=[body], lo=1, hi=1, possessive=True)
        return body

    def skip_group(self) -> Node:
        level = 0
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "\\":
                self.i += 2
                continue
            if c == "(":
                level += 1
            elif c == ")":
                if level == 0:
                    break
                level -= 1
            self.i += 1
        return Node("char", chars=_ALL)

    def escape(self) -> Node:
        c = self.peek()
        self.i += 1
        if c in _CLASS_ESCAPES:
            return Node("char", chars=_CLASS_ESCAPES[c])
        if c in _ZERO_WIDTH:
            return Node("anchor", end_anchor=c in "zZ", begin_anchor=c == "A")
        if (c.isdigit() and c != "0") or c == "k":
            if c == "k":
                end = self.s.find(">", self.i)
                self.i = end + 1 if end > 0 else self.i
            return Node("ref", chars=_ALL)
        return Node("char", chars=self.escaped_char(c))

    def escaped_char(self, c: str) -> CharSet:
        if c in _CONTROL:
            return CharSet(1 << _CONTROL[c], False)
        if c in ("x", "u"):
            width = 2 if c == "x" else 4
            if self.peek() == "{":
                end = self.s.find("}", self.i, self.i + 10)
                digits = self.s[self.i + 1 : end] if end > 0 else ""
                self.i = end + 1 if end > 0 else self.i
            else:
                digits = self.s[self.i : self.i + width]
                self.i += len(digits)
            try:
                code = int(digits, 16)
            except ValueError:
                return _ALL
            return CharSet(1 << code, False) if code < 128 else _beyond(code)
        if c in "pP":
            if self.peek() == "{":
                end = self.s.find("}", self.i, self.i + 40)
                self.i = end + 1 if end > 0 else self.i
            return _ALL
        if not c:
            return EMPTY
        return CharSet(1 << ord(c), False) if ord(c) < 128 else _beyond(ord(c))

    def char_class(self) -> CharSet:
        negate = self.peek() == "^"
        if negate:
            self.i += 1
        out = EMPTY
        first = True
        prev: int | None = None
        while self.i < len(self.s):
            c = self.s[self.i]
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            self.i += 1
            if c == "[" and self.peek() == ":":  # POSIX class [:alpha:]
                end = self.s.find(":]", self.i)
                self.i = end + 2 if end > 0 else self.i
                out |= _WORD
                prev = None
                continue
            if c == "-" and prev is not None and self.peek() not in ("]", ""):
                hi_c = self.s[self.i]
                self.i += 1
                if hi_c == "\\":
                    e = self.peek()
                    self.i += 1
                    hi_set = EMPTY if e in _CLASS_ESCAPES else self.escaped_char(e)
                    hi = hi_set.bits.bit_length() - 1 if hi_set.bits else 127
                    hi = 0x10FFFF if hi >= 128 else hi
                else:
                    hi = ord(hi_c)
                if hi >= 128:  # into the characters beyond ASCII: every kind, in part
                    out |= CharSet(_span(prev, 127) | W_ALL, True)
                elif hi >= prev:
                    out |= CharSet(_span(prev, hi), False)
                prev = None
                continue
            if c == "\\":
                e = self.peek()
                self.i += 1
                if e in _CLASS_ESCAPES:
                    out |= _CLASS_ESCAPES[e]
                    prev = None
                    continue
                one = self.escaped_char(e)
                out |= one
                single = one.bits & ASCII and not one.bits & (one.bits - 1)
                prev = one.bits.bit_length() - 1 if single else None
                continue
            code = ord(c)
            if code < 128:
                out |= CharSet(1 << code, False)
                prev = code
            else:
                out |= _beyond(code)
                prev = None
        return _not(out) if negate else out


def parse(pattern: str) -> Node:
    """The tree of ``pattern`` (JavaScript / Ruby / Python syntax, what this module needs of it)."""
    p = _Parser(pattern)
    parts = [p.alt(0)]
    while p.i < len(p.s):  # an unbalanced ')' ends a branch early: parse the rest as well
        p.i += 1
        parts.append(p.alt(0))
    return parts[0] if len(parts) == 1 else Node("seq", items=parts)


def nullable(n: Node) -> bool:
    if n.kind in ("empty", "anchor"):
        return True
    if n.kind in ("char", "ref"):
        return False
    if n.kind == "seq":
        return all(nullable(x) for x in n.items)
    if n.kind == "alt":
        return any(nullable(x) for x in n.items)
    return n.lo == 0 or nullable(n.items[0])


def chars(n: Node) -> CharSet:
    """Every character a match of ``n`` can contain."""
    if n.kind in ("char", "ref"):
        return n.chars
    out = EMPTY
    stack = list(n.items)
    while stack:
        x = stack.pop()
        if x.kind in ("char", "ref"):
            out |= x.chars
        else:
            stack.extend(x.items)
    return out


def _flat(n: Node) -> list[Node]:
    """A sequence with its plain (unquantified, single-branch) groups spliced in."""
    out: list[Node] = []
    stack = [n]
    while stack:
        x = stack.pop()
        if x.kind == "seq":
            stack.extend(reversed(x.items))
        else:
            out.append(x)
    return out


def _unbounded(n: Node) -> bool:
    return n.kind == "repeat" and n.hi is None and not n.possessive


def _single(n: Node) -> Node:
    """``n`` with its single-item groups unwrapped (`(\\s)` is `\\s`)."""
    while n.kind in ("seq", "alt") and len(n.items) == 1:
        n = n.items[0]
    return n


def _simple_repeat(n: Node) -> bool:
    return _unbounded(n) and _single(n.items[0]).kind == "char"


def _nested(n: Node) -> bool:
    """An unbounded repeat whose body can split one string between its iterations in many ways."""
    body = n.items[0]
    if body.kind == "alt":
        options = [_flat(x) for x in body.items]
        singles = [o for o in options if len(o) == 1 and o[0].kind == "char"]
        for i, a in enumerate(singles):
            if any(a[0].chars.overlaps(b[0].chars) for b in singles[i + 1 :]):
                return True
            # another alternative made only of characters of this one: `(\w|\w-\w)+` with '-' in \w's set
            for o in options:
                if (
                    o is not a
                    and not nullable(Node("seq", items=o))
                    and all(_within_single(x, a[0].chars) for x in o)
                ):
                    return True
    parts = _flat(body)
    for k, inner in enumerate(parts):
        if not _unbounded(inner):
            continue
        others = parts[:k] + parts[k + 1 :]
        inner_chars = chars(inner)
        if all(nullable(o) or chars(o).within(inner_chars) for o in others):
            return True
    return False


def _within_single(n: Node, cs: CharSet) -> bool:
    """One character, or a repeat of one character, whose set lies within ``cs``."""
    if n.kind == "char":
        return n.chars.within(cs)
    return n.kind == "repeat" and n.items[0].kind == "char" and n.items[0].chars.within(cs)


def _adjacent(parts: list[Node], tail_can_fail: bool) -> bool:
    for i, a in enumerate(parts):
        if not _simple_repeat(a):
            continue
        shared = _single(a.items[0]).chars
        for j in range(i + 1, len(parts)):
            b = parts[j]
            if _simple_repeat(b) and shared.overlaps(_single(b.items[0]).chars):
                rest = parts[j + 1 :]
                if tail_can_fail or any(not nullable(r) or r.end_anchor for r in rest):
                    return True
                break
            if nullable(b) and not _unbounded(b):
                continue
            if b.kind == "char" and b.chars.within(shared):
                continue
            break
    return False


def _leading(parts: list[Node]) -> bool:
    if not parts or not _simple_repeat(parts[0]) or not _single(parts[0].items[0]).chars.within(_SPACE):
        return False
    return any(not nullable(r) or r.end_anchor for r in parts[1:])


def nested_before_failure(pattern: str, *, whole: bool = False) -> bool:
    """Whether ``pattern`` has the "nested" shape on a repeat that something after it can still make
    fail (a mandatory part or an end anchor; the whole input when ``whole``, as for a full match).
    A repeat with nothing mandatory after it ends the match on its first success: no blow-up."""
    stack: list[tuple[Node, bool]] = [(parse(pattern), whole)]
    while stack:
        n, tail = stack.pop()
        if tail and _unbounded(n) and _nested(n):
            return True
        if n.kind == "seq":
            for i, item in enumerate(n.items):
                rest = n.items[i + 1 :]
                stack.append((item, tail or any(not nullable(r) or r.end_anchor for r in rest)))
        else:
            stack.extend((item, tail) for item in n.items)
    return False


def findings(pattern: str) -> list[str]:
    """Which checks ``pattern`` fails: "nested", "adjacent", "leading" (empty when none)."""
    root = parse(pattern)
    out: list[str] = []
    stack = [root]
    seen_nested = seen_adjacent = False
    while stack:
        n = stack.pop()
        if not seen_nested and _unbounded(n) and _nested(n):
            seen_nested = True
        if not seen_adjacent and n.kind in ("seq", "alt", "repeat"):
            for branch in n.items if n.kind == "alt" else [n]:
                if branch.kind != "repeat" and _adjacent(_flat(branch), tail_can_fail=n is not root):
                    seen_adjacent = True
        stack.extend(n.items)
    if seen_nested:
        out.append("nested")
    if seen_adjacent:
        out.append("adjacent")
    branches = root.items if root.kind == "alt" else [root]
    if any(_leading(_flat(b)) for b in branches):
        out.append("leading")
    return out
