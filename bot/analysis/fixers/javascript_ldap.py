"""JavaScript LDAP fixer (ldapjs): a search filter built as text from a value becomes filter objects.

``client.search(base, { filter: "(&(objectClass=person)(uid=" + name + "))" }, callback)`` (the filter a
``+`` chain starting with a literal, or a template literal; in the call or in an options object on the
flagged lines) -> ``new ldap.AndFilter({ filters: [new ldap.EqualityFilter({ attribute: "objectClass",
value: "person" }), new ldap.EqualityFilter({ attribute: "uid", value: String(name) })] })``: the value is
an attribute value, never filter syntax (``*``, ``)``, ``(`` in it match literally). Only ``&``, ``|``,
``!`` and equality items whose value is all literal or exactly one value are rebuilt; substrings,
presence, ``~=``/``>=``/``<=``, extensible matches and escapes in the literal stay advice. The ldapjs
binding is the file's own ``require("ldapjs")``, or one added on the first line when the file is
CommonJS, the call passes a callback (ldapjs's search) and the first line is within the change.
Pure: text in, text out; the filter is scanned once, by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.analysis.fixers.edits import MAX_WIDEN, Edit, to_finding
from bot.analysis.fixers.javascript_markup import js_literal, literal_pieces
from bot.analysis.fixers.tsutil import Node, Tree, js_required_name, on_lines, parse, walk
from bot.core.models import Finding, SourceFile

MODULE = ('"ldapjs"', "'ldapjs'")
ATTRIBUTE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.;")
ESCAPED = re.compile(r"escape|sanitiz|encode", re.I)
MAX_FILTER = 1000
"""A filter longer than this (literal text) is not rebuilt."""
STEP = (
    "The filter is now built from ldapjs filter objects: the value is compared as an attribute value "
    "and can no longer add clauses (`*)(uid=*`) to the search."
)


@dataclass
class Item:
    op: str  # "&", "|", "!" or "=" (equality)
    children: list[Item]
    attribute: str = ""
    value: str | Node | None = None  # literal text or the value's node


class _Refuse(Exception):
    pass


def parse_filter(parts: list[str | Node]) -> Item | None:
    """The filter tree of literal text with value nodes between, or None when it is not a plain
    filter of ``&``/``|``/``!`` and equality items (each value literal or exactly one value node)."""
    tokens: list[str | Node] = []
    for part in parts:
        tokens.extend(part if isinstance(part, str) else [part])
    if sum(1 for t in tokens if isinstance(t, str)) > MAX_FILTER:
        return None
    try:
        item, at = _filter(tokens, 0)
    except _Refuse:
        return None
    return item if at == len(tokens) else None


def _filter(tokens: list[str | Node], at: int) -> tuple[Item, int]:
    if at >= len(tokens) or tokens[at] != "(":
        raise _Refuse
    at += 1
    head = tokens[at] if at < len(tokens) else None
    if head in ("&", "|"):
        children: list[Item] = []
        at += 1
        while at < len(tokens) and tokens[at] == "(":
            child, at = _filter(tokens, at)
            children.append(child)
        item = Item(str(head), children)
    elif head == "!":
        child, at = _filter(tokens, at + 1)
        item = Item("!", [child])
    else:
        item, at = _equality(tokens, at)
    if at >= len(tokens) or tokens[at] != ")" or (item.op in "&|" and not item.children):
        raise _Refuse
    return item, at + 1


def _equality(tokens: list[str | Node], at: int) -> tuple[Item, int]:
    start = at
    while at < len(tokens) and isinstance(tokens[at], str) and tokens[at] in ATTRIBUTE:
        at += 1
    attribute = "".join(str(t) for t in tokens[start:at])
    if not attribute or not attribute[0].isalpha() or at >= len(tokens) or tokens[at] != "=":
        raise _Refuse  # no attribute, or ~= >= <= := (approximate, ordering, extensible)
    at += 1
    if at < len(tokens) and not isinstance(tokens[at], str):
        value: str | Node = tokens[at]
        at += 1
    else:
        start = at
        while at < len(tokens) and isinstance(tokens[at], str) and tokens[at] not in "()*\\":
            at += 1
        value = "".join(str(t) for t in tokens[start:at])
        if not value:
            raise _Refuse  # an empty value
    if at < len(tokens) and tokens[at] != ")":
        raise _Refuse  # a value with more after it (a substring, two values, a wildcard)
    return Item("=", [], attribute, value), at


def _code(tree: Tree, item: Item, ldap: str, quote: str) -> str:
    if item.op == "=":
        value = item.value
        shown = js_literal(value, quote) if isinstance(value, str) else f"String({tree.text(value)})"
        return (
            f"new {ldap}.EqualityFilter({{ attribute: {js_literal(item.attribute, quote)}, value: {shown} }})"
        )
    if item.op == "!":
        return f"new {ldap}.NotFilter({{ filter: {_code(tree, item.children[0], ldap, quote)} }})"
    kind = "AndFilter" if item.op == "&" else "OrFilter"
    inner = ", ".join(_code(tree, c, ldap, quote) for c in item.children)
    return f"new {ldap}.{kind}({{ filters: [{inner}] }})"


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if finding.category != "ldap-injection" or finding.replacement is not None:
        return None
    if sf.language not in ("javascript", "typescript"):
        return None
    tree = parse(sf.text, sf.language, sf.path)
    return None if tree is None else _ldap(finding, sf, tree)


def _ldap(finding: Finding, sf: SourceFile, tree: Tree) -> Finding | None:
    pairs = [
        p
        for p in walk(tree.root)
        if p.type == "pair"
        and on_lines(p, finding.lines)
        and tree.text(p.child_by_field_name("key")).strip("'\"") == "filter"
    ]
    if len(pairs) != 1:
        return None
    value = pairs[0].child_by_field_name("value")
    parts = literal_pieces(tree, value) if value is not None else None
    if parts is None or all(isinstance(p, str) for p in parts):
        return None
    if any(not isinstance(p, str) and ESCAPED.search(tree.text(p)) for p in parts):
        return None  # escaped for the filter already: a filter object would escape it twice
    item = parse_filter(parts)
    if item is None:
        return None
    searches = [
        c
        for c in walk(tree.root)
        if c.type == "call_expression"
        and tree.text(c.child_by_field_name("function")).endswith(".search")
        and len([a for a in c.child_by_field_name("arguments").named_children if a.type != "comment"]) == 3
    ]
    if not searches:
        return None  # not ldapjs's search(base, options, callback) in this file
    first = next((s for s in walk(value) if s.type == "string"), None)
    quote = tree.text(first)[0] if first is not None else '"'
    edits: list[Edit | None] = []
    steps = [STEP]
    ldap = _binding(tree)
    if ldap is None:
        words = {tree.text(n) for n in walk(tree.root) if n.type == "identifier"}
        commonjs = "require(" in sf.text or "module.exports" in sf.text
        row = pairs[0].start_point[0] + 1
        reach = 1 in sf.change.added_lines and row <= MAX_WIDEN + 1
        reach = reach and all(n in sf.change.added_lines for n in range(1, row + 1))
        if "ldap" in words or not commonjs:
            return None
        ldap = "ldap"
        if reach:
            edits.append(Edit(1, 0, 0, f"const ldap = require({quote}ldapjs{quote});\n"))
        else:
            steps.append("Add `const ldap = require('ldapjs');` at the top of the file.")
    edits.append(tree.edit(value, _code(tree, item, ldap, quote)))
    if None in edits:
        return None
    return to_finding(finding, sf, [e for e in edits if e is not None], steps)


def _binding(tree: Tree) -> str | None:
    """The name the file binds ldapjs to with ``require``."""
    return next((b for n in walk(tree.root) if (b := js_required_name(n, tree, MODULE))), None)
