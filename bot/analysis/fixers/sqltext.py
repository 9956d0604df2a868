"""Language-neutral core of the SQL fixers: SQL text assembled from constants and values becomes a
constant statement with placeholders and the values as bound parameters.

Input is the statement's pieces in order, each a constant SQL fragment or the source text of a value.
A value is a parameter when the SQL before it expects a value (after a comparison, ``(``, ``,``,
``LIMIT``, ``OFFSET``, ``VALUES``, ``IN``...), or when it sits inside a quoted SQL string literal: the
literal (its quotes dropped) becomes one parameter, built from its constant text and values (a ``LIKE``
pattern ``'%{name}%'`` becomes the parameter ``%{name}%``). Anything else (an identifier, a keyword, a
whole clause, a literal with escapes or a quote it does not close) answers None: only an allow-list
fixes those. Pure: no parsing of any programming language here, linear in the input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

Piece = tuple[bool, str]
"""(is a value, text): a constant SQL fragment, or the source text of a value."""

_VALUE_TAIL_WORDS = ("LIMIT", "OFFSET", "LIKE", "BETWEEN")
_VALUE_CLAUSES = {
    "WHERE", "AND", "OR", "ON", "SET", "VALUES", "IN", "LIMIT", "OFFSET", "HAVING", "LIKE", "BETWEEN",
    "WHEN", "THEN", "ELSE", "CASE", "NOT", "IS",
}  # fmt: skip
_NAME_CLAUSES = {"SELECT", "FROM", "JOIN", "BY", "INTO", "UPDATE", "TABLE", "RETURNING", "AS", "DISTINCT"}


@dataclass(frozen=True, slots=True)
class Param:
    """One bound parameter: a single value, or a string built from constant text and values."""

    pieces: tuple[Piece, ...]

    @property
    def single(self) -> str | None:
        """The value's source when the parameter is exactly one value."""
        if len(self.pieces) == 1 and self.pieces[0][0]:
            return self.pieces[0][1]
        return None


def parameterise(
    pieces: Sequence[Piece], placeholder: Callable[[int], str]
) -> tuple[str, list[Param]] | None:
    """(constant SQL with ``placeholder(n)`` for the n-th parameter (1-based), the parameters) or None."""
    merged = _merge(pieces)
    if not any(is_value for is_value, _ in merged):
        return None
    sql: list[str] = []
    params: list[Param] = []
    i = 0
    while i < len(merged):
        is_value, text = merged[i]
        if not is_value:
            sql.append(text)
            i += 1
            continue
        before = "".join(sql)
        if _inside_literal(before):
            # a quoted literal holding values: from its opening quote to its closing quote
            opening = _literal_start(before)
            if "'" in before[opening + 1 :]:
                return None  # an escaped quote ('') inside the literal
            literal: list[Piece] = [(False, before[opening + 1 :])] if before[opening + 1 :] else []
            head = before[:opening]
            j = i
            close_at = -1
            while j < len(merged):
                v, t = merged[j]
                if v:
                    literal.append((True, t))
                    j += 1
                    continue
                close_at = t.find("'")
                if close_at >= 0:
                    if close_at:
                        literal.append((False, t[:close_at]))
                    break
                literal.append((False, t))
                j += 1
            if close_at < 0 or any(not v and ("\\" in t) for v, t in literal):
                return None  # a quote it never closes, or escapes we do not reinterpret
            rest = merged[j][1][close_at + 1 :]
            if rest.startswith("'"):
                return None  # '' is an escaped quote inside the literal: not a simple literal
            params.append(Param(tuple(literal)))
            sql = [head, placeholder(len(params))]
            merged[j] = (False, rest)
            i = j
            continue
        if not _value_position(before):
            return None  # an identifier, a keyword or a clause
        params.append(Param(((True, text),)))
        sql.append(placeholder(len(params)))
        i += 1
    out = "".join(sql)
    if _inside_literal(out) or not out.strip():
        return None
    return out, params


def _merge(pieces: Sequence[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for is_value, text in pieces:
        if not is_value and out and not out[-1][0]:
            out[-1] = (False, out[-1][1] + text)
        elif is_value or text:
            out.append((is_value, text))
    return out


def _literal_start(sql: str) -> int:
    """Where the single-quoted literal that ``sql`` ends inside opened (``''`` is an escaped quote)."""
    start, inside, i = -1, False, 0
    while i < len(sql):
        if sql[i] == "'":
            if not inside:
                inside, start = True, i
            elif sql[i + 1 : i + 2] == "'":
                i += 1  # an escaped quote: still inside
            else:
                inside = False
        i += 1
    return start


def _inside_literal(sql: str) -> bool:
    """Whether SQL text ending here is inside a single-quoted literal (``''`` counts as two quotes)."""
    return sql.count("'") % 2 == 1


def _words(text: str) -> list[str]:
    """The SQL words of ``text`` in upper case (a plain scan, no regular expression)."""
    out, word = [], []
    for ch in text:
        if ch.isalpha() or ch == "_":
            word.append(ch)
        elif word:
            out.append("".join(word).upper())
            word = []
    if word:
        out.append("".join(word).upper())
    return out


def _value_position(before: str) -> bool:
    """Whether SQL text ending in ``before`` expects a value next: right after a comparison, an
    operator, ``(`` or ``,`` in a clause that takes values (WHERE, SET, VALUES, IN, ...), or right after
    LIMIT, OFFSET, LIKE or BETWEEN. After SELECT, FROM, ORDER BY, INTO... the next thing is a name."""
    tail = before.rstrip()
    words = _words(tail[-400:])
    if words and tail.upper().endswith(words[-1]) and words[-1] in _VALUE_TAIL_WORDS:
        return True
    if not tail.endswith(("=", "<", ">", "(", ",", "+", "-", "*", "/")):
        return False
    clause = next((w for w in reversed(words) if w in _VALUE_CLAUSES or w in _NAME_CLAUSES), None)
    return clause in _VALUE_CLAUSES


def printf_pieces(template: str, values: Sequence[str], verbs: str = "sd") -> list[Piece] | None:
    """The pieces of a printf-style template (``%s``, ``%d``... as listed in ``verbs``, ``%%``) filled
    with the values' sources in order; None for any other directive or a count that does not match."""
    out: list[Piece] = []
    buf: list[str] = []
    used, i = 0, 0
    while i < len(template):
        ch = template[i]
        if ch != "%":
            buf.append(ch)
            i += 1
            continue
        verb = template[i + 1 : i + 2]
        if verb == "%":
            buf.append("%")
        elif verb and verb in verbs and used < len(values):
            out += [(False, "".join(buf)), (True, values[used])]
            buf, used = [], used + 1
        else:
            return None
        i += 2
    if used != len(values):
        return None
    return [*out, (False, "".join(buf))]
