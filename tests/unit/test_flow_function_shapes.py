"""Injection shapes of one function reviewed alone (no imports, no class, no sibling functions): the
real vulnerable code, trimmed, is reported; its fixed version and benign look-alikes stay quiet."""

from __future__ import annotations

import textwrap

from bot.analysis.flow import analyse_python


def _found(code: str) -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    result = analyse_python({"pkg/mod.py": (text, added)}, None)
    return [(f.category, f.confidence.label, f.start_line) for f in result.findings]


# --------------------------------------------------------------- SQL an ORM expression method returns


def test_a_json_key_quoted_into_the_sql_of_as_sql_is_reported():
    # Django 2.2.3 contrib/postgres/fields/hstore.py KeyTransform.as_sql (CVE-2019-14234)
    found = _found(
        """
            def as_sql(self, compiler, connection):
                lhs, params = compiler.compile(self.lhs)
                return "(%s -> '%s')" % (lhs, self.key_name), params
        """
    )
    assert found == [("sql-injection", "medium", 4)]


def test_the_key_passed_as_a_parameter_is_quiet():
    # the fix (Django 2.2.4): the key goes into the params
    assert (
        _found(
            """
            def as_sql(self, compiler, connection):
                lhs, params = compiler.compile(self.lhs)
                return '(%s -> %%s)' % lhs, [self.key_name] + params
            """
        )
        == []
    )


def test_a_key_lookup_built_after_an_int_test_is_reported():
    # Django 2.2.3 contrib/postgres/fields/jsonb.py KeyTransform.as_sql, trimmed
    found = _found(
        """
            def as_sql(self, compiler, connection):
                key_transforms = [self.key_name]
                previous = self.lhs
                lhs, params = compiler.compile(previous)
                if len(key_transforms) > 1:
                    return "(%s %s %%s)" % (lhs, self.nested_operator), [key_transforms] + params
                try:
                    int(self.key_name)
                except ValueError:
                    lookup = "'%s'" % self.key_name
                else:
                    lookup = "%s" % self.key_name
                return "(%s %s %s)" % (lhs, self.operator, lookup), params
        """
    )
    assert [(c, level) for c, level, _ in found] == [("sql-injection", "medium")]


def test_the_class_syntax_and_compiled_fragments_are_quiet():
    # the jsonb fix: the operator is the class's, the left side the compiler's
    assert (
        _found(
            """
            def as_sql(self, compiler, connection):
                lhs, params = compiler.compile(self.lhs)
                try:
                    lookup = int(self.key_name)
                except ValueError:
                    lookup = self.key_name
                return '(%s %s %%s)' % (lhs, self.operator), [lookup] + params
            """
        )
        == []
    )


def test_a_value_in_the_template_handed_to_as_sql_is_reported():
    # Django 3.0.3 contrib/gis/db/models/functions.py OracleToleranceMixin.as_oracle (CVE-2020-9402)
    found = _found(
        """
            def as_oracle(self, compiler, connection, **extra_context):
                tol = self.extra.get('tolerance', self.tolerance)
                return self.as_sql(
                    compiler, connection,
                    template="%%(function)s(%%(expressions)s, %s)" % tol,
                    **extra_context
                )
        """
    )
    assert [(c, level) for c, level, _ in found] == [("sql-injection", "medium")]


def test_an_expression_assembled_from_its_own_template_and_compiled_parts_is_quiet():
    # the shape of Django's Func.as_sql: template and joiner are the class's, the parts compiled
    assert (
        _found(
            """
            def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra):
                sql_parts = []
                params = []
                for arg in self.source_expressions:
                    arg_sql, arg_params = compiler.compile(arg)
                    sql_parts.append(arg_sql)
                    params.extend(arg_params)
                data = {**self.extra, **extra}
                if function is not None:
                    data['function'] = function
                else:
                    data.setdefault('function', self.function)
                template = template or data.get('template', self.template)
                arg_joiner = arg_joiner or data.get('arg_joiner', self.arg_joiner)
                data['expressions'] = data['field'] = arg_joiner.join(sql_parts)
                return template % data, params
            """
        )
        == []
    )


def test_a_function_not_named_as_sql_returning_text_is_quiet():
    assert (
        _found(
            """
            def describe(self, compiler):
                lhs, params = compiler.compile(self.lhs)
                return "(%s -> '%s')" % (lhs, self.key_name), params
            """
        )
        == []
    )
