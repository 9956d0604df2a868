"""The abstract value the flow analysis computes for every Python expression.

Pure data (standard library only). A value says where its non-constant parts come from (attacker
sources, parameters of the function being summarised, or somewhere unknown), whether text was
assembled from such parts, and the constant text around them (to recognise SQL, HTML or a URL's host).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

TEXT_CAP = 240
LINES_CAP = 8

KIND_BITS = {
    kind: 1 << i
    for i, kind in enumerate(
        ("sql", "shell", "code", "ldap", "xpath", "path", "ssrf", "redirect", "html", "regex", "argument",
         "deserialize", "header", "trust")
    )
}  # fmt: skip
"""One bit per sink kind a value can be validated or escaped for (``Val.cleared``)."""
KIND_BITS["archive"] = KIND_BITS["path"]
ALL_KINDS = (1 << 14) - 1
"""Every kind: a conversion to a number, an allow-list test. A value cleared for all is a constant."""


@dataclass(frozen=True, slots=True)
class Val:
    sources: frozenset[str] = frozenset()
    """Descriptions of attacker-controlled origins (``request.args``, ``sys.argv``...)."""
    params: frozenset[int] = frozenset()
    """Parameters (by position) of the function being analysed that flow into the value."""
    unknown: bool = False
    """Non-constant from an origin the analysis cannot see (an unresolved call, an attribute...)."""
    built: bool = False
    """Text was assembled (concatenation, %, format, f-string, join) with a non-constant part."""
    text: str = ""
    """Constant text seen in the value (capped), used to recognise SQL, HTML, shell syntax."""
    lead: str = ""
    """The constant text before the first non-constant part (all of ``text`` when constant)."""
    lines: tuple[int, ...] = ()
    """Lines where a non-constant part entered or text was built (for anchoring, capped)."""
    marker: str = ""
    """What kind of object it is, when that matters (``tarfile``, ``composed-sql``)."""
    lit: object = None
    """The concrete constant when it is known (``lit_known``): a number, a string, a tuple of them."""
    lit_known: bool = False
    items: tuple[Val, ...] | None = None
    """The elements of a list or tuple whose length and order are known (a literal, appends)."""
    keyed: tuple[tuple[object, Val], ...] | None = None
    """The entries of a dict whose keys are all constants (a literal, constant-key stores)."""
    rand: bool = False
    """Made from a predictable generator (the ``random`` module): not attacker data, but guessable,
    so a token, cookie, session entry or link made from it is a flaw (kept through ``int()``/``str()``)."""
    cleared: int = 0
    """Sink kinds (``KIND_BITS``) its sources were validated or escaped for: a URL check clears
    redirects, ``shlex.quote`` a shell line, and the value stays tainted for the others."""
    ucleared: int = 0
    """The same for its unknown part (a checked name joined with an unknown root keeps its check)."""
    pbits: tuple[tuple[int, int], ...] = ()
    """The same for each parameter in ``params`` (index, kinds), when not none: a checked parameter
    joined with an unchecked one keeps what was proven of it."""

    @property
    def tainted(self) -> bool:
        return bool(self.sources or self.params or self.unknown)

    def pmask(self, index: int) -> int:
        """The sink kinds parameter ``index`` was validated or escaped for in this value."""
        for i, bits in self.pbits:
            if i == index:
                return bits
        return 0

    def exposed(self, kind: str) -> Val:
        """The value without the parts validated or escaped for sinks of ``kind`` (not tainted when
        every part was)."""
        bit = KIND_BITS.get(kind, 0)
        if not bit or not (self.cleared or self.ucleared or self.pbits):
            return self
        sources = self.sources if not self.cleared & bit else frozenset()
        unknown = self.unknown and not self.ucleared & bit
        params = frozenset(i for i in self.params if not self.pmask(i) & bit)
        if sources == self.sources and unknown == self.unknown and params == self.params:
            return self
        return _replace(self, sources=sources, unknown=unknown, params=params)

    def safe_for(self, kind: str) -> bool:
        """Whether every non-constant part was validated or escaped for sinks of ``kind``."""
        return self.tainted and not self.exposed(kind).tainted

    def at(self, line: int) -> Val:
        """The same value, noting that it passed through ``line`` (only when non-constant)."""
        if not self.tainted or line in self.lines:
            return self
        return _replace(self, lines=(*self.lines, line)[-LINES_CAP:])


CONST = Val()
UNKNOWN = Val(unknown=True)


LIT_CAP = 4096


def const(text: str) -> Val:
    if len(text) <= LIT_CAP:
        return Val(text=text[:TEXT_CAP], lead=text[:TEXT_CAP], lit=text, lit_known=True)
    return Val(text=text[:TEXT_CAP], lead=text[:TEXT_CAP])


def literal(value: object) -> Val:
    """A constant whose concrete value is known (strings keep their text)."""
    if isinstance(value, str):
        return const(value)
    return Val(lit=value, lit_known=True)


def sequence(items: Iterable[Val], marker: str = "sequence") -> Val:
    """A list or tuple of known elements: taint is the union of theirs, the elements stay addressable."""
    items = tuple(items)
    joined = merge(items)
    return _replace(joined, marker=marker, items=items, keyed=None, lit=None, lit_known=False)


def mapping(entries: Iterable[tuple[object, Val]], marker: str = "") -> Val:
    """A dict (or a dict-like object: ``marker``) whose constant keys are known."""
    entries = tuple(entries)
    joined = merge([CONST, *(v for _, v in entries)])
    return _replace(joined, items=None, keyed=entries, lit=None, lit_known=False, marker=marker)


def with_marker(v: Val, marker: str) -> Val:
    """``v`` (its structure dropped) marked as a kind of object."""
    return _replace(shapeless(v), marker=marker)


def shapeless(v: Val) -> Val:
    """``v`` without its element structure (what is left of a container after an unknown change)."""
    if v.items is None and v.keyed is None and not v.lit_known:
        return v
    return _replace(v, items=None, keyed=None, lit=None, lit_known=False)


def source(description: str, line: int) -> Val:
    return Val(sources=frozenset({description}), lines=(line,))


def param(index: int) -> Val:
    return Val(params=frozenset({index}))


def _replace(v: Val, **kw: object) -> Val:
    fields = {
        "sources": v.sources,
        "params": v.params,
        "unknown": v.unknown,
        "built": v.built,
        "text": v.text,
        "lead": v.lead,
        "lines": v.lines,
        "marker": v.marker,
        "lit": v.lit,
        "lit_known": v.lit_known,
        "items": v.items,
        "keyed": v.keyed,
        "rand": v.rand,
        "cleared": v.cleared,
        "ucleared": v.ucleared,
        "pbits": v.pbits,
    }
    fields.update(kw)
    return Val(**fields)  # type: ignore[arg-type]


def merge(values: Iterable[Val]) -> Val:
    """The value that may be any of ``values`` (after branches, container elements)."""
    out = CONST
    first = True
    for v in values:
        if first:
            out, first = v, False
            continue
        if v is out or v == out:
            continue
        out = Val(
            sources=out.sources | v.sources,
            params=out.params | v.params,
            unknown=out.unknown or v.unknown,
            built=out.built or v.built,
            text=(out.text + v.text)[:TEXT_CAP] if v.text not in out.text else out.text,
            lead=out.lead if out.tainted or not v.tainted else v.lead,
            lines=tuple(dict.fromkeys((*out.lines, *v.lines)))[-LINES_CAP:],
            marker=out.marker or v.marker,
            rand=out.rand or v.rand,
            cleared=_meet_bits(out.cleared, v.cleared, bool(out.sources), bool(v.sources)),
            ucleared=_meet_bits(out.ucleared, v.ucleared, out.unknown, v.unknown),
            pbits=_pbits(out, v) if out.pbits or v.pbits else (),
            items=_common_prefix(out.items, v.items),
        )
    return out


def _common_prefix(a: tuple[Val, ...] | None, b: tuple[Val, ...] | None) -> tuple[Val, ...] | None:
    """The elements two lists surely share when one extends the other (a branch appended options to
    a command line): the shorter, which both start with; otherwise none are known. The value itself
    still carries every element's origins."""
    if a is None or b is None:
        return None
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return short if long[: len(short)] == short else None


HTML_ESCAPED = "html-escaped"
"""A value escaped for HTML text (``html.escape``): safe between tags, not as a URL (``javascript:``)."""
_URL_ATTRIBUTE = re.compile(r"(?i)\b(href|src|action|formaction|poster|background)\s*=\s*[\"']?$")
"""The end of markup opening an attribute whose value the browser loads or runs as a URL."""
ESCAPED_URL = "html-escaped-url"
"""Markup holding a value escaped for HTML text in a URL attribute (kept through concatenation)."""
TEXT_MARKERS = frozenset({"crlf-stripped"})
"""Markers of text that survive its concatenation when every non-constant part carries the same one
(a header value assembled from parts whose CR and LF were all removed is still free of them)."""


def _meet_bits(a: int, b: int, in_a: bool, in_b: bool) -> int:
    """The kinds a part (sources, unknown) is safe for in both values that have it."""
    if in_a and in_b:
        return a & b
    return a if in_a else b if in_b else 0


def _pbits(a: Val, b: Val) -> tuple[tuple[int, int], ...]:
    """The kinds each parameter of either value is safe for in both."""
    out = []
    for i in sorted(a.params | b.params):
        bits = (a.pmask(i) if i in a.params else ALL_KINDS) & (b.pmask(i) if i in b.params else ALL_KINDS)
        if bits:
            out.append((i, bits))
    return tuple(out)


def clear(v: Val, bits: int) -> Val:
    """``v`` validated or escaped for the sink kinds ``bits`` (all of them: a constant)."""
    if bits & ALL_KINDS == ALL_KINDS:
        return CONST
    if not bits or not v.tainted:
        return v
    pbits = tuple((i, v.pmask(i) | bits) for i in sorted(v.params))
    cleared = v.cleared | bits if v.sources else 0
    ucleared = v.ucleared | bits if v.unknown else 0
    if cleared == v.cleared and ucleared == v.ucleared and pbits == v.pbits:
        return v
    return _replace(v, cleared=cleared, ucleared=ucleared, pbits=pbits)


def concat(parts: Iterable[Val], line: int) -> Val:
    """Text assembled from ``parts`` in order: built when any part is non-constant."""
    parts = list(parts)
    parts = [_as_url(p) if _URL_ATTRIBUTE.search(before[-80:]) else p for before, p in _preceded(parts)]
    joined = merge(parts)
    kept = {p.marker for p in parts if p.tainted}
    marker = next(iter(kept)) if len(kept) == 1 and kept <= TEXT_MARKERS else ""
    if ESCAPED_URL in kept:
        marker = ESCAPED_URL
    lead = ""
    for p in parts:
        lead += p.lead
        if p.tainted:
            break
    text = "".join(p.text for p in parts)[:TEXT_CAP]
    if not joined.tainted:
        if all(p.lit_known and isinstance(p.lit, str) for p in parts):
            return const("".join(p.lit for p in parts))  # type: ignore[misc]
        return Val(text=text, lead=text, rand=joined.rand, lines=joined.lines if joined.rand else ())
    lines = joined.lines if line in joined.lines else (*joined.lines, line)[-LINES_CAP:]
    return Val(
        sources=joined.sources,
        params=joined.params,
        unknown=joined.unknown,
        built=True,
        text=text,
        lead=lead[:TEXT_CAP],
        lines=lines,
        rand=joined.rand,
        marker=marker,
        cleared=joined.cleared,
        ucleared=joined.ucleared,
        pbits=joined.pbits,
    )


def _preceded(parts: list[Val]) -> Iterable[tuple[str, Val]]:
    """Each part escaped for HTML text, with the constant text just before it (others: no text)."""
    before = ""
    for p in parts:
        yield (before if p.marker == HTML_ESCAPED else ""), p
        before = (before + p.text)[-TEXT_CAP:] if not p.tainted else ""


def _as_url(v: Val) -> Val:
    """A value escaped for HTML text placed where a URL goes: escaping leaves ``javascript:`` as it
    is, so it counts as non-constant text of unknown origin there."""
    return Val(unknown=True, lines=v.lines, marker=ESCAPED_URL)


def without_params(v: Val) -> Val:
    """``v`` seen from another function: its parameters become an unknown origin."""
    if not v.params:
        return v
    ucleared = v.ucleared if v.unknown else ALL_KINDS
    for i in v.params:
        ucleared &= v.pmask(i)
    return _replace(v, params=frozenset(), unknown=True, ucleared=ucleared, pbits=())


def substitute(v: Val, args: dict[int, Val], line: int) -> Val:
    """A callee's summary value with its parameters replaced by the caller's arguments."""
    if not v.params:
        return v
    base = _replace(v, params=frozenset(), pbits=())
    # what the callee proved of a parameter holds for the argument passed there
    picked = [clear(args.get(i, UNKNOWN), v.pmask(i)) for i in sorted(v.params)]
    incoming = merge(picked)
    out = merge([base, incoming]) if base.tainted or base.text else incoming
    if v.built and incoming.tainted:
        out = _replace(out, built=True)
    return out.at(line)


def predictable(line: int) -> Val:
    """A value from the ``random`` module: non-constant of no attacker origin, but guessable."""
    return Val(unknown=True, rand=True, lines=(line,))


def only_predictable(v: Val) -> Val:
    """What is left of ``v`` after a conversion that makes it safe text (``int()``, ``hex()``): its
    predictability, when it had one."""
    return Val(rand=True, lines=v.lines) if v.rand else CONST


def plain(v: Val) -> Val:
    """``v`` passed through a call that returns its data unchanged but is not text building."""
    return _replace(v, built=False) if v.built else v
