"""SQL that an ORM expression method returns instead of executing: Django's ``as_sql``/``as_<vendor>``
(and the ``template=`` it is handed), pypika's ``get_sql``, peewee's ``__sql__``.

Such a method returns ``(sql, params)``; its SQL text is the sink. The fragments it assembles come from
the compiler (``compiler.compile``, ``process_lhs``, ``quote_name``...: SQL the ORM made) and from the
class's own syntax (``self.operator``, ``self.function``, ``self.template``), and the values it was
given (a JSON key, a lookup's right-hand side, a tolerance: ``self.key_name``, ``self.rhs``,
``self.extra[...]``) belong in the params. Text built from such a value is unsafe construction (Django
CVE-2019-14234, CVE-2020-9402). Pure: ``ast`` and the flow values only.
"""

from __future__ import annotations

import ast
import re

from bot.analysis.flow.values import KIND_BITS, Val, clear

SQL_RETURNING = re.compile(
    r"^(?:as_sql|as_(?:sqlite|mysql|postgresql|oracle|mariadb|mssql|sql_server|spatialite)|get_sql|__sql__)$"
)
"""Names of methods whose result is SQL text (with its params) built for a query."""
SYNTAX_ATTRS = frozenset(
    {
        "operator", "nested_operator", "postgres_operator", "function", "template", "arg_joiner",
        "lookup_name", "sql_template", "sql_function", "prepare_rhs", "bilateral",
    }
)  # fmt: skip
"""Attributes an expression class sets to SQL syntax of its own (class constants by convention)."""
FRAGMENT_METHODS = frozenset(
    {
        "compile", "process_lhs", "process_rhs", "preprocess_lhs", "batch_process_rhs", "get_sql",
        "quote_name", "quote_name_unless_alias", "sql_with_params", "get_rhs_op",
    }
)  # fmt: skip
"""Methods returning SQL (and its params) that the ORM assembled itself: fragments, not values."""
SQL_BIT = KIND_BITS["sql"]


def returns_sql(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A method (``self`` first) named as one that returns the SQL of an expression."""
    args = [*fn.args.posonlyargs, *fn.args.args]
    return bool(SQL_RETURNING.match(fn.name)) and bool(args) and args[0].arg == "self"


def fragment_call(node: ast.Call) -> bool:
    """A call returning SQL the ORM built: the compiler's, a lookup's processing, a nested as_sql."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in {"qn", "quote_name"}
    if not isinstance(func, ast.Attribute):
        return False
    return func.attr in FRAGMENT_METHODS or bool(SQL_RETURNING.match(func.attr))


def fragment(value: Val) -> Val:
    """``value`` as SQL the ORM made: safe in SQL text unless it carries request data."""
    if value.sources:
        return value
    return clear(value, SQL_BIT)


def syntax_attr(node: ast.Attribute) -> bool:
    """``self.operator`` and its like: the class's own SQL syntax; and ``self.extra``, the keywords the
    expression was made with (``template=``, ``function=``), whose other entries are values
    (``extra_value``)."""
    own = isinstance(node.value, ast.Name) and node.value.id == "self"
    return own and (node.attr in SYNTAX_ATTRS or node.attr == "extra")


def extra_value(node: ast.Call) -> bool:
    """``self.extra.get("tolerance", ...)``: an entry of the expression's keywords that is a value,
    not SQL syntax."""
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in {"get", "pop"} or not node.args:
        return False
    key = node.args[0]
    return (
        dotted_self_extra(func.value)
        and isinstance(key, ast.Constant)
        and isinstance(key.value, str)
        and key.value not in SYNTAX_ATTRS
    )


def dotted_self_extra(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "extra"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def template_keyword(node: ast.Call) -> ast.expr | None:
    """The ``template=`` text handed to a nested ``as_sql``/``as_<vendor>`` call, if any."""
    func = node.func
    if not isinstance(func, ast.Attribute) or not SQL_RETURNING.match(func.attr):
        return None
    return next((k.value for k in node.keywords if k.arg == "template"), None)
