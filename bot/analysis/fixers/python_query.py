"""Python query languages other than SQL, built from text (issue 12):

- **LDAP** filters (python-ldap ``search_s/search_st/search_ext/search_ext_s``, ldap3 ``search``):
  every value concatenated (``+``) or formatted (f-string, no spec or conversion) into the filter is
  wrapped in the library's own escape (``ldap.filter.escape_filter_chars``,
  ``ldap3.utils.conv.escape_filter_chars``; ``str()`` first inside an f-string, as formatting did);
- **XPath** through lxml's ``.xpath()``: a value written between quotes in the expression becomes an
  XPath variable (``[@owner=$user]``) passed as a keyword (``user=user``), which lxml binds as a string;
- **MongoDB** (pymongo ``find/find_one/...``): a ``{"$where": "this.price <= " + value}`` comparison
  becomes the operator filter ``{"price": {"$lte": float(value)}}``; a filter dict whose values are
  read from the request's JSON gets each such value coerced with ``str()``, so a JSON object such as
  ``{"$ne": null}`` can no longer arrive as an operator.

The filter must be written in the call (an expression assigned elsewhere stays advice). Pure: source
text in, text out.
"""

from __future__ import annotations

import ast
import re

from bot.analysis.fixers.rewrite import Edit, PySource, enclosing_function, single_assignment, suggest_python
from bot.core.models import Finding, SourceFile
from bot.core.pyparse import dotted

_LDAP_ARG = {"search_s": 2, "search_st": 2, "search_ext": 2, "search_ext_s": 2, "search": 1}
_LDAP_KEYWORDS = {"filterstr", "search_filter"}
_XPATH_RESERVED = {"namespaces", "extensions", "smart_strings", "regexp"}
_MONGO_METHODS = {
    "find", "find_one", "count_documents", "delete_one", "delete_many", "update_one", "update_many",
    "find_one_and_update", "find_one_and_delete", "find_one_and_replace", "replace_one", "distinct",
}  # fmt: skip
_WHERE = re.compile(r"this\.([A-Za-z_][A-Za-z0-9_]{0,63})\s*(<=|>=|<|>|===|==)")
"""Matched against the stripped lead (no leading whitespace run: linear even under ``search``)."""
_MAX_WHERE = 200
"""A ``$where`` lead longer than this is not a plain comparison: not matched at all (bounded input)."""
_OPERATORS = {"<=": "$lte", ">=": "$gte", "<": "$lt", ">": "$gt", "==": "$eq", "===": "$eq"}
LDAP_STEP = (
    "Each value is escaped for the LDAP filter (RFC 4515: `*`, `(`, `)`, `\\`, NUL); a value that is "
    "meant to carry a wildcard must be validated against an allow-list instead."
)
XPATH_STEP = (
    "The value is bound as an XPath variable, so quotes in it no longer end the string; keep the "
    "expression itself constant."
)
WHERE_STEP = (
    "The `$where` JavaScript is replaced by the equivalent operator filter; a value that is not a number "
    "now raises ValueError: answer 400 for it."
)
JSON_STEP = (
    "Each value read from the request body is coerced with `str()`; if a field holds a number or an id, "
    "coerce it with `int()` or `bson.ObjectId()` instead, or validate the body with a schema."
)

Piece = tuple[bool, ast.expr]  # (is a value, node)


def propose(finding: Finding, sf: SourceFile) -> Finding | None:
    if sf.language != "python" or finding.replacement is not None:
        return None
    handler = {
        "ldap-injection": _ldap,
        "xpath-injection": _xpath,
        "nosql-injection": _mongo,
    }.get(finding.category)
    if handler is None:
        return None
    src = PySource.parse(sf)
    return handler(finding, sf, src) if src is not None else None


def _calls(src: PySource, finding: Finding) -> list[ast.Call]:
    return sorted(
        (n for n in ast.walk(src.tree) if isinstance(n, ast.Call) and n.lineno in finding.lines),
        key=lambda n: (n.lineno, n.col_offset),
    )


def _pieces(node: ast.expr) -> list[Piece] | None:
    """A ``+`` chain or an f-string as (is value, node) parts; None for any other shape."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _pieces(node.left), _pieces(node.right)
        return None if left is None or right is None else left + right
    if isinstance(node, ast.Constant):
        return [(False, node)] if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        out: list[Piece] = []
        for part in node.values:
            if isinstance(part, ast.FormattedValue):
                if part.format_spec is not None or part.conversion != -1:
                    return None
                out.append((True, part))
            else:
                out.append((False, part))
        return out
    return [(True, node)]


def _text(node: ast.expr) -> str:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else ""


# ------------------------------------------------------------------------------------------- LDAP
def _ldap(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    bound = src.binds("ldap")
    if bound in {"import ldap", "import ldap.filter"} and src.binds("ldap3") is None:
        escape, imports = "ldap.filter.escape_filter_chars", ["import ldap.filter"]
    elif src.binds("ldap3") == "import ldap3" and bound is None:
        escape, imports = "ldap3.utils.conv.escape_filter_chars", ["import ldap3.utils.conv"]
    else:
        return None
    for call in _calls(src, finding):
        func = call.func
        if not isinstance(func, ast.Attribute) or func.attr not in _LDAP_ARG:
            continue
        index = _LDAP_ARG[func.attr]
        filters = [k.value for k in call.keywords if k.arg in _LDAP_KEYWORDS]
        if len(call.args) > index:
            filters.append(call.args[index])
        if len(filters) != 1 or any(isinstance(a, ast.Starred) for a in call.args):
            continue
        pieces = _pieces(filters[0])
        if pieces is None or not any(v for v, _ in pieces) or all(v for v, _ in pieces):
            continue
        scope = enclosing_function(src.tree, call.lineno)
        edits = []
        for is_value, node in pieces:
            if not is_value:
                continue
            if _already_escaped(node, scope):
                continue
            if isinstance(node, ast.FormattedValue):
                inner = node.value
                edits.append(src.replace(inner, f"{escape}(str({src.segment(inner)}))"))
            else:
                edits.append(src.replace(node, f"{escape}({src.segment(node)})"))
        if edits and not any("\n" in e.text for e in edits):
            return suggest_python(finding, sf, src, edits, imports, (LDAP_STEP,))
    return None


def _already_escaped(node: ast.expr, func: ast.AST | None) -> bool:
    """An escape call, or a name the function assigns once from one (escaping twice changes the value)."""
    inner = node.value if isinstance(node, ast.FormattedValue) else node
    if isinstance(inner, ast.Name) and func is not None:
        assign = single_assignment(func, inner.id, inner.lineno)
        inner = assign.value if assign is not None else inner
    return isinstance(inner, ast.Call) and "escape" in dotted(inner.func).rsplit(".", 1)[-1]


# ------------------------------------------------------------------------------------------ XPath
def _xpath(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    if "lxml" not in src.imports():
        return None
    for call in _calls(src, finding):
        func = call.func
        if not (isinstance(func, ast.Attribute) and func.attr == "xpath" and len(call.args) == 1):
            continue
        if any(k.arg is None for k in call.keywords):
            continue
        pieces = _pieces(call.args[0])
        if pieces is None or not any(v for v, _ in pieces):
            continue
        rewritten = _xpath_text(src, pieces, {k.arg for k in call.keywords if k.arg})
        if rewritten is None:
            continue
        expr, keywords = rewritten
        args = [_literal(expr), *(src.segment(k) for k in call.keywords), *(f"{n}={v}" for n, v in keywords)]
        new = f"{src.segment(func)}({', '.join(args)})"
        if "\n" in new:
            continue
        return suggest_python(finding, sf, src, [src.replace(call, new)], (), (XPATH_STEP,))
    return None


def _literal(text: str) -> str:
    """A Python string literal for ``text``, double-quoted where that needs no escape."""
    plain = '"' not in text and "\\" not in text and text.isprintable()
    return f'"{text}"' if plain else repr(text)


def _xpath_text(
    src: PySource, pieces: list[Piece], taken: set[str]
) -> tuple[str, list[tuple[str, str]]] | None:
    """(the constant expression with ``$name`` for each quoted value, [(name, value source)])."""
    out: list[str] = []
    keywords: list[tuple[str, str]] = []
    names = set(taken) | _XPATH_RESERVED
    for i, (is_value, node) in enumerate(pieces):
        if not is_value:
            out.append(_text(node))
            continue
        before = out[-1] if i > 0 and not pieces[i - 1][0] else ""
        after = _text(pieces[i + 1][1]) if i + 1 < len(pieces) and not pieces[i + 1][0] else ""
        quote = before[-1:]
        if quote not in {"'", '"'} or not after.startswith(quote):
            return None  # only a value written as an XPath string literal keeps its meaning as a variable
        value = node.value if isinstance(node, ast.FormattedValue) else node
        name = _variable(value, names)
        names.add(name)
        text = src.segment(value)
        keywords.append((name, f"str({text})" if isinstance(node, ast.FormattedValue) else text))
        out[-1] = before[:-1] + "$" + name
        pieces[i + 1] = (False, ast.Constant(after[1:]))
    return "".join(out), keywords


def _variable(value: ast.expr, taken: set[str]) -> str:
    base = (
        value.id
        if isinstance(value, ast.Name)
        else value.attr
        if isinstance(value, ast.Attribute)
        else "value"
    )
    base = base.lstrip("_") or "value"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    return name


# ---------------------------------------------------------------------------------------- MongoDB
def _mongo(finding: Finding, sf: SourceFile, src: PySource) -> Finding | None:
    if "pymongo" not in src.imports() and "motor" not in src.imports():
        return None
    for call in _calls(src, finding):
        if not (isinstance(call.func, ast.Attribute) and call.func.attr in _MONGO_METHODS and call.args):
            continue
        query = call.args[0]
        if not isinstance(query, ast.Dict):
            continue
        where = _where(src, query)
        if where is not None:
            return suggest_python(finding, sf, src, [where], (), (WHERE_STEP,))
        coerced = _json_values(src, query, finding)
        if coerced:
            return suggest_python(finding, sf, src, coerced, (), (JSON_STEP,))
    return None


def _where(src: PySource, query: ast.Dict) -> Edit | None:
    if len(query.keys) != 1 or _text(query.keys[0]) != "$where":  # type: ignore[arg-type]
        return None
    value = query.values[0]
    if not (isinstance(value, ast.BinOp) and isinstance(value.op, ast.Add)):
        return None
    left, right = value.left, value.right
    if isinstance(left, ast.BinOp) or not isinstance(left, ast.Constant):
        return None
    lead = _text(left)
    match = _WHERE.fullmatch(lead.strip()) if len(lead) <= _MAX_WHERE else None
    if match is None or isinstance(right, ast.Constant) or "\n" in src.segment(right):
        return None
    field, op = match.groups()
    if op in {"==", "==="}:
        return None  # loose equality in JavaScript matches "5" and 5: no single operator filter says that
    return src.replace(query, f'{{"{field}": {{"{_OPERATORS[op]}": float({src.segment(right)})}}}}')


def _json_values(src: PySource, query: ast.Dict, finding: Finding) -> list[Edit]:
    func = enclosing_function(src.tree, finding.start_line)
    bodies = _json_names(func) if func is not None else set()
    edits = []
    for key, value in zip(query.keys, query.values, strict=True):
        if key is None or not isinstance(key, ast.Constant) or _text(key).startswith("$"):
            return []
        if _from_json(value, bodies):
            edits.append(src.replace(value, f"str({src.segment(value)})"))
        elif any(isinstance(n, ast.Name) and n.id in bodies for n in ast.walk(value)):
            return []  # another read of the body (``.get``, a nested dict): not all values made plain
    return edits


def _json_names(func: ast.AST) -> set[str]:
    """Names assigned (once or more) from ``request.get_json()`` / ``request.json`` in ``func``."""
    out = set()
    for node in ast.walk(func):
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and _is_json_body(node.value)
        ):
            out.add(node.targets[0].id)
    return out


def _is_json_body(node: ast.expr) -> bool:
    if isinstance(node, ast.Call) and not node.args:
        node = node.func
        return dotted(node) in {"request.get_json", "flask.request.get_json"}
    return dotted(node) in {"request.json", "flask.request.json"}


def _from_json(value: ast.expr, bodies: set[str]) -> bool:
    """``body["k"]`` of a JSON body (or ``request.json["k"]``). Not ``body.get("k")``: ``str(None)``
    would turn a missing key into the text "None"."""
    if not isinstance(value, ast.Subscript):
        return False
    base = value.value
    return (isinstance(base, ast.Name) and base.id in bodies) or _is_json_body(base)
