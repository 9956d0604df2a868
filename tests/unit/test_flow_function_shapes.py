"""Injection shapes of one function reviewed alone (no imports, no class, no sibling functions): the
real vulnerable code, trimmed, is reported; its fixed version and benign look-alikes stay quiet."""

from __future__ import annotations

import textwrap
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.flow import analyse_python
from bot.analysis.flow.catalog import COMMAND_HELPER, COMMAND_LEAD, HTML_TAG


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


# --------------------------------------------------------------- command lines handed to a helper


def test_a_git_clone_line_handed_to_a_helper_without_double_dash_is_reported():
    # nbgitpuller 0.10.1 pull.py GitPuller.initialize_repo (CVE-2021-39160), trimmed: a generator
    # yielding from the project's own command runner, options appended in a branch
    found = _found(
        """
            def initialize_repo(self):
                clone_args = ['git', 'clone']
                if self.depth and self.depth > 0:
                    clone_args.extend(['--depth', str(self.depth)])
                clone_args.extend(['--branch', self.branch_name])
                clone_args.extend([self.git_url, self.repo_dir])
                yield from execute_cmd(clone_args)
        """
    )
    assert [(c, level) for c, level, _ in found] == [("command-injection", "medium")]
    assert found[0][2] == 8  # the runner call (every line is new here)


def test_the_clone_line_ending_its_options_with_double_dash_is_quiet():
    # the fix (nbgitpuller 0.10.2)
    assert (
        _found(
            """
            def initialize_repo(self):
                clone_args = ['git', 'clone']
                if self.depth and self.depth > 0:
                    clone_args.extend(['--depth', str(self.depth)])
                clone_args.extend(['--branch', self.branch_name])
                clone_args.extend(["--", self.git_url, self.repo_dir])
                yield from execute_cmd(clone_args)
            """
        )
        == []
    )


def test_a_constant_command_line_handed_to_a_helper_is_quiet():
    assert _found("def status(self):\n    return run_cmd(['git', 'status', '--porcelain'])\n") == []


def test_a_program_that_parses_no_dangerous_options_is_not_judged_through_a_helper():
    assert _found("def show(self, name):\n    return run_cmd(['ls', '-l', name])\n") == []


def test_a_url_appended_to_the_command_line_anchors_the_finding_on_that_line():
    text = textwrap.dedent(
        """
        def initialize_repo(self):
            clone_args = ['git', 'clone', '--branch', self.branch_name]
            clone_args.extend([self.git_url, self.repo_dir])
            yield from execute_cmd(clone_args)
        """
    )
    result = analyse_python({"pkg/mod.py": (text, frozenset({4}))}, None)
    assert [(f.category, f.start_line) for f in result.findings] == [("command-injection", 4)]


# --------------------------------------------------------------- request text in Twisted's error pages


def test_a_host_header_in_twisteds_no_resource_page_is_reported():
    # Twisted 22.8.0 web/vhost.py NameVirtualHost._getResourceForRequest (CVE-2022-39348)
    found = _found(
        """
            def _getResourceForRequest(self, request):
                hostHeader = request.getHeader(b"host")
                if hostHeader == None:
                    return self.default or resource.NoResource()
                else:
                    host = hostHeader.lower().split(b":", 1)[0]
                return self.hosts.get(host, self.default) or resource.NoResource(
                    "host %s not in vhost map" % repr(host)
                )
        """
    )
    assert [(c, level) for c, level, _ in found] == [("xss", "high")]


def test_the_escaping_not_found_page_and_constant_text_are_quiet():
    # the fix (Twisted 22.10.0) and a constant message
    assert (
        _found(
            """
            def _getResourceForRequest(self, request):
                hostHeader = request.getHeader(b"host")
                if hostHeader is None:
                    return self.default or resource.NoResource("no Host header")
                else:
                    host = hostHeader.lower().split(b":", 1)[0]
                return self.hosts.get(host, self.default) or pages.notFound(
                    "Not Found",
                    f"host {host.decode('ascii', 'replace')!r} not in vhost map",
                )
            """
        )
        == []
    )


# --------------------------------------------------------------- markup built from the arguments


def test_markup_built_from_an_argument_and_returned_is_reported_low():
    # Twisted 24.3.0 web/_template_util.py redirectTo (CVE-2024-41810), trimmed
    found = _found(
        '''
            def redirectTo(URL, request):
                if not isinstance(URL, bytes):
                    raise TypeError("URL must be bytes")
                request.setHeader(b"Content-Type", b"text/html; charset=utf-8")
                request.redirect(URL)
                content = b"""
            <html>
                <head>
                    <meta http-equiv=\\"refresh\\" content=\\"0;URL=%(url)s\\">
                </head>
                <body bgcolor=\\"#FFFFFF\\" text=\\"#000000\\">
                <a href=\\"%(url)s\\">click here</a>
                </body>
            </html>
            """ % {
                    b"url": URL
                }
                return content
        '''
    )
    assert ("xss", "low") in [(c, level) for c, level, _ in found]


def test_markup_with_the_argument_escaped_is_quiet():
    # the fix (Twisted 24.7.0): escape() is html.escape, imported out of view
    assert (
        _found(
            '''
            def redirectTo(URL, request):
                request.setHeader(b"Content-Type", b"text/html; charset=utf-8")
                content = b"""<html><body><a href=\\"%(url)s\\">click here</a></body></html>""" % {
                    b"url": escape(URL.decode("utf-8")).encode("utf-8")
                }
                return content
            '''
        )
        == []
    )


def test_text_without_markup_or_from_no_argument_is_quiet():
    assert _found("def label(name):\n    return 'Hello %s' % name\n") == []
    assert _found("def page(self):\n    return '<p>%s</p>' % self.render_body()\n") == []


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="<a1 />\t", max_size=200), st.integers(min_value=1_000, max_value=50_000))
def test_the_markup_pattern_is_linear_on_hostile_text(prefix, size):
    text = prefix + "<" + "a" * size  # a tag name that never closes
    started = time.perf_counter()
    HTML_TAG.search(text)
    assert time.perf_counter() - started < 0.5
    assert HTML_TAG.search("<a href=") and HTML_TAG.search("<br/>") and not HTML_TAG.search("a < b")


# --------------------------------------------------------------- templates compiled outside a sandbox


def test_a_bare_jinja_template_of_a_parameter_is_reported():
    # haystack-ai 2.3.0 builders/prompt_builder.py PromptBuilder.run (CVE-2024-41950), trimmed
    found = _found(
        """
            def run(self, template=None, template_variables=None, **kwargs):
                compiled_template = self.template
                if isinstance(template, str):
                    compiled_template = Template(template)
                result = compiled_template.render(template_variables)
                return {"prompt": result}
        """
    )
    assert [c for c, _, _ in found] == ["template-injection"]


def test_an_environment_the_object_made_elsewhere_is_not_judged_here():
    # the fix (haystack-ai 2.3.1): self._env is the SandboxedEnvironment its constructor made
    assert (
        _found(
            """
            def run(self, template=None, template_variables=None, **kwargs):
                compiled_template = self.template
                if template is not None:
                    compiled_template = self._env.from_string(template)
                result = compiled_template.render(template_variables)
                return {"prompt": result}
            """
        )
        == []
    )


def test_a_plain_environment_made_here_is_still_reported():
    found = _found(
        """
            def render(self, text):
                self._env = Environment()
                return self._env.from_string(text).render()
        """
    )
    assert "template-injection" in [c for c, _, _ in found]


def test_an_operand_before_the_last_of_and_brings_no_text():
    # jinja2 utils.urlize (2.11.3, the ReDoS fix's side): rel and target are escaped where they are
    # truthy and empty otherwise
    assert (
        _found(
            """
            def link(url, rel=None, target=None):
                rel_attr = rel and ' rel="%s"' % escape(rel) or ""
                target_attr = target and ' target="%s"' % escape(target) or ""
                return '<a href="http://example.com/"%s%s>home</a>' % (rel_attr, target_attr)
            """
        )
        == []
    )
    found = _found("def link(label, on=True):\n    return on and '<b>%s</b>' % label\n")
    assert [(c, level) for c, level, _ in found] == [("xss", "low")]


# --------------------------------------------------------------- command text handed to a helper


def test_a_command_line_assembled_for_a_run_command_helper_is_reported_low():
    found = _found("def log(self, rev):\n    return self.run_command('git log ' + rev)\n")
    assert [(c, level) for c, level, _ in found] == [("command-injection", "low")]


def test_quoted_numeric_or_non_command_text_and_exception_classes_are_quiet():
    assert _found("def log(self, rev):\n    return self.run_command('git log ' + shlex.quote(rev))\n") == []
    assert _found("def log(self, n):\n    return self.run_cmd('git log -n %d' % int(n))\n") == []
    assert _found("def greet(self, x):\n    return run('Hello ' + x)\n") == []
    # muranoclient's fixed hot_package: an exception named CommandError is not a command runner
    raising = "def check(args):\n    raise CommandError('Template {0} is missing'.format(args.t))\n"
    assert _found(raising) == []


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="ab_./- C", max_size=200), st.integers(min_value=1_000, max_value=50_000))
def test_the_command_patterns_are_linear_on_hostile_text(prefix, size):
    text = prefix + "a" * size
    started = time.perf_counter()
    COMMAND_LEAD.match(text)
    COMMAND_HELPER.search(text)
    assert time.perf_counter() - started < 0.5
