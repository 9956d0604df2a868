"""How far a backtracking matcher can backtrack on one regular expression (ReDoS, CWE-1333).

The pattern's tree (``redos_regex.Node``: from Python's own parser through ``redos_sre``, or the
small JS/Ruby parser) becomes an epsilon-free NFA with one state per character position (Glushkov's
construction) whose transitions keep their multiplicity: ``(\\d+)*`` gets two parallel edges, one per
quantifier, the two ways a backtracking matcher can go round. On it (after Weideman et al.):

- **exponential** (EDA): a state with two distinct paths back to itself on one word, found in the
  product of the NFA with itself: a strongly connected part holding a pair (q, q) and a pair of two
  different states, or a doubled edge between pairs (q, q) (`(a|ab|b)*`, `(\\w+\\s?)+`, `(.*,)*`);
- **polynomial of degree k** (IDA): a chain of k loops p1 -> ... -> pk that a run of one character
  can go round and pass along (`\\s*\\w*\\s*`: degree 2 on spaces), measured per class of characters
  that no set of the pattern tells apart;
- only loops from which the match can still fail count: with nothing mandatory after a loop, the
  first success ends the match. An assertion (`\\b`, a lookaround, a multi-line `^`) adds no way
  through the pattern but can fail, so a loop before one still counts. Searching (``re.search``,
  ``sub``, ``findall``, JS ``/g``...) adds an implicit any-character loop in front unless the
  pattern is anchored at its start;
- two exponential patterns are ranked by their witness: the characters two different paths read
  while apart, over every ambiguous loop (a fix that keeps fewer ambiguous loops is not worse).

Bounded repeats are unrolled up to COPIES times (they add no loop). Atomic groups and possessive
repeats are one position. Patterns over MAX_PATTERN characters, NFAs over MAX_STATES positions or
walks over MAX_STEPS steps are not judged (``Ambiguity.known`` is false). Pure, standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.analysis.redos_regex import CharSet, Node, chars, nullable

EXPONENTIAL = 99
MAX_STATES = 400
MAX_STEPS = 400_000
COPIES = 3
MAX_WAYS = 1000
WIDE_WORD = 1 << 128  # letters and digits beyond ASCII
WIDE_SPACE = 1 << 129  # white space beyond ASCII
WIDE_OTHER = 1 << 130  # anything else beyond ASCII
WIDE = WIDE_WORD | WIDE_SPACE | WIDE_OTHER
CHARS = (1 << 131) - 1  # the symbols: 0..127 ASCII, then the three kinds of other characters
_END = 1 << 131
_BEGIN = 1 << 132


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """``rank``: 1 linear, k >= 2 polynomial of degree k, EXPONENTIAL; ``inner``: the same without
    the search's implicit leading loop; ``parts``: the ambiguous repeats; ``pump``: what a long run of
    triggers it; ``closing``: what the rest of the pattern waits for; ``witness`` (exponential): the
    characters that two different paths read while apart going round an ambiguous loop, over all
    (``complete`` when every loop was searched within the bounds)."""

    rank: int
    inner: int
    parts: tuple[str, ...] = ()
    pump: str = ""
    closing: str = ""
    known: bool = True
    witness: int = 0
    complete: bool = True

    def worse_than(self, other: Ambiguity) -> bool:
        """Strictly more ambiguous: a higher rank or, both exponential, ambiguous loops over every
        character the other's go round and over more (a fix that keeps one of several ambiguous
        loops, as bleach's did, is not worse than what it replaced; the original is worse)."""
        if not (self.known and other.known):
            return False
        if self.rank != other.rank:
            return self.rank > other.rank
        if self.rank != EXPONENTIAL or not (self.complete and other.complete):
            return False
        return self.witness != other.witness and not other.witness & ~self.witness


UNKNOWN = Ambiguity(0, 0, known=False)


class _Cut(Exception):
    """A bound was reached: the pattern is not judged."""


def bits(cs: CharSet) -> int:
    """The symbols of a set: Python's parser (``redos_sre``) says which characters beyond ASCII it
    holds; the JS/Ruby parser only that it holds some, taken as all."""
    if cs.bits >> 128:
        return cs.bits & CHARS
    return cs.bits | (WIDE if cs.wide else 0)


class _Nfa:
    def __init__(self) -> None:
        self.labels: list[int] = []
        self.follow: list[dict[int, int]] = []
        self.owner: list[Node | None] = []  # the innermost unbounded repeat holding the position

    def new(self, label: int, owner: Node | None) -> int:
        if len(self.labels) >= MAX_STATES:
            raise _Cut
        self.labels.append(label)
        self.follow.append({})
        self.owner.append(owner)
        return len(self.labels) - 1

    def link(self, sources: dict[int, int], targets: dict[int, int]) -> None:
        for p, m in sources.items():
            out = self.follow[p]
            for q, k in targets.items():
                out[q] = min(out.get(q, 0) + m * k, MAX_WAYS)

    # A fragment is (ways through it matching nothing, first positions, last positions, whether it can
    # be passed matching nothing without an assertion, the last positions after which the rest of it
    # holds no assertion), each position with the number of ways to reach it: `(a|a)`, which Python's
    # parser turns into `a(?:|)`, keeps its two ways, as a backtracking matcher does. An assertion
    # (`\\b`, a lookaround, a multi-line `^`) is passed through for the ways, but a match can fail
    # there: the positions before it are not where a match surely ends (its "sure" last positions).
    def build(self, n: Node, owner: Node | None, depth: int = 0) -> _Fragment:
        if depth > 200:
            raise _Cut
        kind = n.kind
        if kind in ("char", "ref"):
            p = self.new(bits(n.chars), owner)
            return 0, {p: 1}, {p: 1}, False, {p}
        if kind == "anchor" and (n.end_anchor or n.begin_anchor):
            p = self.new(_END if n.end_anchor else _BEGIN, owner)
            return 0, {p: 1}, {p: 1}, False, {p}
        if kind == "seq":
            return self.seq([(x, owner) for x in n.items], depth)
        if kind == "alt":
            null, first, last = 0, dict[int, int](), dict[int, int]()
            sure_null, sure = False, set[int]()
            for x in n.items:
                xn, xf, xl, xsn, xs = self.build(x, owner, depth + 1)
                null = min(null + xn, MAX_WAYS)
                _add(first, xf, 1)
                _add(last, xl, 1)
                sure_null = sure_null or xsn
                sure |= xs
            return null, first, last, sure_null, sure
        if kind == "repeat":
            return self.repeat(n, owner, depth)
        return 1, {}, {}, kind != "anchor", set()

    def seq(self, items: list[tuple[Node, Node | None]], depth: int) -> _Fragment:
        null, first, last = 1, dict[int, int](), dict[int, int]()
        sure_null, sure = True, set[int]()
        for x, owner in items:
            xn, xf, xl, xsn, xs = self.build(x, owner, depth + 1)
            self.link(last, xf)
            if null:
                _add(first, xf, null)
            scaled: dict[int, int] = {}
            _add(scaled, xl, 1)
            _add(scaled, last, xn)
            last = scaled
            null = min(null * xn, MAX_WAYS)
            sure = xs | sure if xsn else set(xs)
            sure_null = sure_null and xsn
        return null, first, last, sure_null, sure

    def repeat(self, n: Node, owner: Node | None, depth: int) -> _Fragment:
        body = n.items[0]
        if n.possessive:  # no backtracking into it: one position
            p = self.new(bits(chars(body)) or _END, owner)
            empty = n.lo == 0 or nullable(body)
            return int(empty), {p: 1}, {p: 1}, empty, {p}
        if n.hi is None:
            head = [(body, owner)] * (min(n.lo, COPIES) - 1)
            hn, hf, hl, hsn, hs = self.seq(head, depth) if head else (1, {}, {}, True, set())
            ln, lf, ll, lsn, ls = self.build(body, n, depth + 1)
            self.link(ll, lf)  # the loop (an empty iteration ends it: no ways through it counted)
            self.link(hl, lf)
            first = dict(hf)
            if hn:
                _add(first, lf, hn)
            last = dict(ll)
            if ln:
                _add(last, hl, 1)
            sure = ls | hs if lsn else set(ls)
            sure_null = n.lo == 0 or (hsn and lsn)
            return (hn if (ln or n.lo == 0) else 0) and 1, first, last, sure_null, sure
        copies = min(n.hi, COPIES)
        mandatory = min(n.lo, copies)
        if copies <= 1:
            if copies == 0:
                return 1, {}, {}, True, set()
            bn, bf, bl, bsn, bs = self.build(body, owner, depth + 1)
            return (1 if mandatory == 0 else bn), bf, bl, mandatory == 0 or bsn, bs
        items = [(body, owner)] * mandatory
        items += [(Node("repeat", items=[body], lo=0, hi=1), owner)] * (copies - mandatory)
        return self.seq(items, depth)


_Fragment = tuple[int, dict[int, int], dict[int, int], bool, set[int]]


def _add(into: dict[int, int], more: dict[int, int], times: int) -> None:
    if not times:
        return
    for q, k in more.items():
        into[q] = min(into.get(q, 0) + k * times, MAX_WAYS)


def analyse(root: Node, mode: str = "search") -> Ambiguity:
    """How ``root`` backtracks when matched in ``mode``: "search" (from any position: ``re.search``,
    ``findall``, ``sub``, ``split``), "match" (at the start) or "full" (the whole text)."""
    try:
        return _analyse(root, mode)
    except (_Cut, RecursionError):
        return UNKNOWN


def _analyse(root: Node, mode: str) -> Ambiguity:
    nfa = _Nfa()
    null, first, last, _, sure = nfa.build(root, None)
    if mode == "full":
        end = nfa.new(_END, None)
        nfa.link(last, {end: 1})
        first = {**first, end: 1} if null else first
        sure, null = {end}, 0
    search = None
    if mode == "search" and not (first and not null and all(nfa.labels[p] & _BEGIN for p in first)):
        search = nfa.new(CHARS, None)
        nfa.link({search: 1}, {**first, search: 1})
        first = {**first, search: 1}
    start = _through_begin(nfa, set(first))
    found = _Judge(nfa, start, sure, search).run()
    if found.witness and _constrained(root):
        found = replace(found, complete=False)
    return found


def _constrained(root: Node) -> bool:
    """Whether the pattern holds an assertion or a back reference: what they forbid is not in the
    NFA, so its witness over-approximates and is not compared with another pattern's."""
    stack = [root]
    while stack:
        n = stack.pop()
        if n.kind == "ref" or (n.kind == "anchor" and not (n.begin_anchor or n.end_anchor)):
            return True
        stack.extend(n.items)
    return False


def _through_begin(nfa: _Nfa, first: set[int]) -> set[int]:
    """The positions a match can open with: a start anchor is passed through, only here."""
    out: set[int] = set()
    stack, seen = list(first), set(first)
    while stack:
        p = stack.pop()
        if nfa.labels[p] & _BEGIN:
            for q in nfa.follow[p]:
                if q not in seen:
                    seen.add(q)
                    stack.append(q)
        elif nfa.labels[p] & CHARS:
            out.add(p)
    return out


def _sccs(nodes: list[int], succ: dict[int, list[int]]) -> list[list[int]]:
    """Strongly connected components (Tarjan, iterative), each after every one it reaches."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on: set[int] = set()
    stack: list[int] = []
    out: list[list[int]] = []
    for root in nodes:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = len(index)
                stack.append(v)
                on.add(v)
            nexts = succ.get(v, [])
            if i < len(nexts):
                work.append((v, i + 1))
                w = nexts[i]
                if w not in index:
                    work.append((w, 0))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
            if low[v] == index[v]:
                comp: list[int] = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                out.append(comp)
    return out


class _Judge:
    def __init__(self, nfa: _Nfa, start: set[int], last: set[int], search: int | None) -> None:
        self.nfa, self.last, self.search = nfa, last, search
        self.steps = 0
        self.witness = 0
        labels = nfa.labels
        seen, stack = set(start), list(start)
        while stack:
            p = stack.pop()
            for q in nfa.follow[p]:
                if q not in seen and labels[q] & CHARS:
                    seen.add(q)
                    stack.append(q)
        self.reach = sorted(seen)
        self.succ = {p: [q for q in nfa.follow[p] if q in seen] for p in self.reach}

    def tick(self, n: int = 1) -> None:
        self.steps += n
        if self.steps > MAX_STEPS:
            raise _Cut

    def run(self) -> Ambiguity:
        loops = [c for c in _sccs(self.reach, self.succ) if len(c) > 1 or c[0] in self.succ[c[0]]]
        if not loops:
            return Ambiguity(1, 1)
        unary = self.unary({p for c in loops for p in c})
        found = unary if unary.rank == EXPONENTIAL else None
        complete = True
        try:  # every loop, for the witness (which characters blow up), not only the first found
            for comp in loops:
                if len(comp) > 1:
                    pair = self.pairs(set(comp))
                    found = found or pair
        except _Cut:
            if found is None:
                raise
            complete = False
        if found is not None:
            return replace(found, witness=self.witness, complete=complete)
        return unary

    def unary(self, looping: set[int]) -> Ambiguity:
        """Loops and chains of loops one repeated character class goes round."""
        labels = self.nfa.labels
        best = Ambiguity(1, 1)
        for symbol, mask in _atoms([labels[p] & CHARS for p in self.reach]):
            if not any(labels[p] >> symbol & 1 for p in looping):
                continue
            nodes = [p for p in self.reach if labels[p] >> symbol & 1]
            member = set(nodes)
            succ = {p: [q for q in self.succ[p] if q in member] for p in nodes}
            self.tick(len(nodes) + sum(len(v) for v in succ.values()))
            found = self.chains(nodes, succ, mask)
            if found.rank == EXPONENTIAL:
                self.witness |= mask
            if found.rank > best.rank or (found.rank == best.rank and found.inner > best.inner):
                best = found
        return best

    def chains(self, nodes: list[int], succ: dict[int, list[int]], mask: int) -> Ambiguity:
        follow = self.nfa.follow
        comps = _sccs(nodes, succ)
        where = {p: i for i, c in enumerate(comps) for p in c}
        live: list[bool] = []
        total: list[tuple[int, int, int | None]] = []  # (degree with search, without, next comp)
        for i, comp in enumerate(comps):
            inside = set(comp)
            edges = sum(follow[p][q] for p in comp for q in succ[p] if q in inside)
            live.append(edges > 0 and not inside & self.last)
            if live[i] and edges > len(comp):
                return self.described(EXPONENTIAL, EXPONENTIAL, [comp], mask)
            nexts = {where[q] for p in comp for q in succ[p] if where[q] != i}
            pick = max(nexts, key=lambda j: total[j][0], default=None)
            with_search = max((total[j][0] for j in nexts), default=0)
            without = max((total[j][1] for j in nexts), default=0)
            inner = 0 if self.search in inside else int(live[i])
            total.append((int(live[i]) + with_search, inner + without, pick))
        head = max(range(len(comps)), key=lambda j: total[j][:2])
        chain: list[list[int]] = []
        j: int | None = head
        while j is not None:
            if live[j]:
                chain.append(comps[j])
            j = total[j][2]
        inner_degree = max(t[1] for t in total)
        return self.described(max(total[head][0], 1), max(inner_degree, 1), chain, mask)

    def pairs(self, comp: set[int]) -> Ambiguity | None:
        """Two different paths from a state back to itself on one word (the product automaton)."""
        labels, follow, size = self.nfa.labels, self.nfa.follow, len(self.nfa.labels)
        inner = {p: [(q, m) for q, m in follow[p].items() if q in comp] for p in comp}
        succ: dict[int, list[int]] = {}
        doubled: set[tuple[int, int]] = set()
        stack = [p * size + p for p in comp]
        seen = set(stack)
        while stack:
            node = stack.pop()
            p, q = divmod(node, size)
            out: list[int] = []
            for p2, m in inner[p]:
                for q2, _ in inner[q]:
                    self.tick()
                    if labels[p2] & labels[q2] & CHARS:
                        nxt = p2 * size + q2
                        out.append(nxt)
                        if p == q and p2 == q2 and m > 1:
                            doubled.add((node, nxt))
                        if nxt not in seen:
                            seen.add(nxt)
                            stack.append(nxt)
            succ[node] = out
        first: Ambiguity | None = None
        for group in _sccs(sorted(seen), succ):
            members = set(group)
            states = {x for n in group for x in divmod(n, size)}
            if states & self.last or (len(group) < 2 and not any(a in members for a, _ in doubled)):
                continue
            diagonal = any(divmod(n, size)[0] == divmod(n, size)[1] for n in group)
            off = any(divmod(n, size)[0] != divmod(n, size)[1] for n in group)
            if (diagonal and off) or any(a in members and b in members for a, b in doubled):
                for n in group:  # the characters the two paths read while apart (or split on)
                    for m in succ[n]:
                        q1, q2 = divmod(m, size)
                        if m in members and (q1 != q2 or (n, m) in doubled):
                            self.witness |= labels[q1] & labels[q2] & CHARS
                if first is None:
                    found = self.described(EXPONENTIAL, EXPONENTIAL, [sorted(states)], 0)
                    word = _cycle_word(group, succ, size, labels)
                    shown = "".join(chr(c) if c < 128 else "\u00e9" for c in word)
                    first = Ambiguity(found.rank, found.inner, found.parts, f"repetitions of {shown!r}", "")
        return first

    def described(self, rank: int, inner: int, chain: list[list[int]], mask: int) -> Ambiguity:
        owners = self.nfa.owner
        parts: list[str] = []
        for comp in chain:
            for p in sorted(comp):
                text = "(the search from each position)" if p == self.search else render(owners[p])
                if text and text not in parts:
                    parts.append(text)
        closing = 0
        if chain:
            final = set(chain[-1])
            for p in final:
                for q in self.nfa.follow[p]:
                    if q not in final:
                        closing |= self.nfa.labels[q]
        return Ambiguity(rank, inner, tuple(parts[:4]), describe_run(mask), describe_closing(closing))


def _cycle_word(group: list[int], succ: dict[int, list[int]], size: int, labels: list[int]) -> list[int]:
    """A word going round the pair component ``group`` through a pair of two different states (or,
    with a doubled edge, any cycle): the text whose repetitions the two paths split differently."""
    members = set(group)
    start = next((n for n in group if n // size == n % size), group[0])
    goal = next((n for n in group if n // size != n % size), None)

    def path(source: int, target: int | None) -> list[int]:
        back: dict[int, int] = {}
        queue, i = [source], 0
        while i < len(queue):
            node = queue[i]
            i += 1
            for nxt in succ.get(node, []):
                if nxt in members and nxt not in back and nxt != source:
                    back[nxt] = node
                    if nxt == target or (target is None and nxt == source):
                        queue = []
                        break
                    queue.append(nxt)
        end = target if target is not None else source
        symbols: list[int] = []
        node = end
        while node in back and len(symbols) < 40:
            common = labels[node // size] & labels[node % size] & CHARS
            symbols.append(_pick(common))
            node = back[node]
            if node == source:
                break
        return symbols[::-1]

    if goal is None:
        return path(start, None)[:20] or [_pick(labels[start // size] & CHARS)]
    return (path(start, goal) + path(goal, start))[:20]


def _pick(mask: int) -> int:
    """A readable character of ``mask``."""
    preferred: list[int] = [*range(97, 123), *range(48, 58), *range(65, 91), *range(32, 127)]
    for code in preferred:
        if mask >> code & 1:
            return code
    low = (mask & -mask).bit_length() - 1
    return int(low) if low < 128 else 233


def _atoms(labels: list[int]) -> list[tuple[int, int]]:
    """The classes of characters no label tells apart: (a representative, the class's mask)."""
    distinct = sorted(set(labels))
    groups: dict[tuple[int, ...], int] = {}
    for symbol in range(131):
        key = tuple(i for i, lab in enumerate(distinct) if lab >> symbol & 1)
        if key:
            groups[key] = groups.get(key, 0) | (1 << symbol)
    return [((mask & -mask).bit_length() - 1, mask) for mask in groups.values()]


_KNOWN_SETS = (
    (r"\s", frozenset({9, 10, 11, 12, 13, 32})),
    (r"\d", frozenset(range(48, 58))),
    (r"\w", frozenset([*range(48, 58), *range(65, 91), *range(97, 123), 95])),
    (".", frozenset(range(128)) - {10}),
    (r"[\s\S]", frozenset(range(128))),
)
_NAMES = {32: "spaces", 9: "tabs", 10: "line breaks", 13: "carriage returns"}


def _codes(mask: int) -> list[int]:
    return [c for c in range(128) if mask >> c & 1]


def _show(code: int) -> str:
    text = chr(code)
    if text in "\\^$.|?*+()[]{}-/":
        return "\\" + text
    return text if text.isprintable() and text != " " else repr(text)[1:-1] if code != 32 else " "


def render_set(mask: int) -> str:
    """A character set as a regex class (approximate: beyond ASCII only by kind)."""
    codes = _codes(mask)
    present = frozenset(codes)
    for name, members in _KNOWN_SETS:
        if present == members:
            return name
        if present == frozenset(range(128)) - members and name.startswith("\\"):
            return name.upper()
    if len(codes) == 1:
        return _show(codes[0])
    if not codes:
        return "[^\\x00-\\x7f]" if mask & WIDE else "[]"
    plain = _class_body(present)
    negated = "^" + _class_body(frozenset(range(128)) - present)
    body = negated if len(negated) < len(plain) else plain
    return f"[{body if len(body) <= 40 else body[:37] + '...'}]"


def _class_body(present: frozenset[int]) -> str:
    parts: list[str] = []
    rest = set(present)
    for name, members in (_KNOWN_SETS[2], _KNOWN_SETS[0], _KNOWN_SETS[1]):
        if members <= rest and len(members) > 1:
            parts.append(name)
            rest -= members
    shown = sorted(rest)
    i = 0
    while i < len(shown):
        j = i
        while j + 1 < len(shown) and shown[j + 1] == shown[j] + 1:
            j += 1
        if j - i < 2:
            parts.extend(_show(c) for c in shown[i : j + 1])
        else:
            parts.append(f"{_show(shown[i])}-{_show(shown[j])}")
        i = j + 1
    return "".join(parts)


def render(n: Node | None, limit: int = 48) -> str:
    """A node as regex text (for messages; classes approximate, long parts cut)."""
    if n is None:
        return ""
    kind = n.kind
    if kind in ("char", "ref"):
        text = render_set(bits(n.chars))
    elif kind == "seq":
        text = "".join(render(x, limit) for x in n.items)
    elif kind == "alt":
        text = "(?:" + "|".join(render(x, limit) for x in n.items) + ")"
    elif kind == "repeat":
        body = render(n.items[0], limit)
        if len(body) > 1 and not (body.startswith(("(", "[")) or body in _SIMPLE):
            body = f"(?:{body})"
        quant = {(0, None): "*", (1, None): "+", (0, 1): "?"}.get((n.lo, n.hi))
        if quant is None:
            quant = f"{{{n.lo},{'' if n.hi is None else n.hi}}}"
        text = body + quant + ("+" if n.possessive else "")
    elif kind == "anchor":
        text = "$" if n.end_anchor else "^" if n.begin_anchor else ""
    else:
        text = ""
    return text if len(text) <= limit else text[: limit - 3] + "..."


_SIMPLE = {r"\s", r"\d", r"\w", r"\S", r"\D", r"\W", "."}


def describe_run(mask: int) -> str:
    """What a long run of the class ``mask`` looks like in a message."""
    for code, name in _NAMES.items():
        if mask >> code & 1:
            return name
    codes = [c for c in _codes(mask) if chr(c).isprintable()]
    if codes:
        pick = next((c for c in codes if chr(c).isalnum()), codes[0])
        return f"'{chr(pick)}' characters"
    return "non-ASCII characters" if mask & WIDE else "characters"


def describe_closing(label: int) -> str:
    """What the rest of the pattern waits for after the ambiguous part."""
    if not label & CHARS:
        return "the end of the text" if label & _END else ""
    codes = _codes(label)
    if 0 < len(codes) <= 3:
        return " or ".join(repr(chr(c)) for c in codes)
    return f"a character of `{render_set(label & CHARS)}`"
