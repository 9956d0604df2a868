"""JavaScript template, HTML and code shapes of real fixes (issue 9, CWE-79/94/1336): a request object passed
whole to ``res.render`` (ejs' ``outputFunctionName``), template text compiled from a parameter,
markdown-it with raw HTML on, jQuery objects held in ``$``-named variables given built HTML, ``eval``
of non-constant text; each with the benign look-alike that must stay quiet."""

from __future__ import annotations

import pytest

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff


def _rules(path: str, code: str) -> set[str]:
    lines = code.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return {rf.finding.rule_id for rf in review_change(parse_diff(diff), None, Settings()).findings}


@pytest.mark.parametrize(
    ("data", "flagged"),
    [
        # ejs CVE-2022-29078: `res.render('index', req.query)` lets the query set outputFunctionName
        ("req.query", True),
        ("req.body", True),
        ("{ ...req.query }", True),
        ("{ name: req.query.name }", False),
        ("{ user: req.user }", False),
        ("locals", False),
    ],
)
def test_a_request_object_passed_whole_to_render(data, flagged):
    code = f"router.get('/', function (req, res) {{\n  res.render('index', {data});\n}});\n"
    assert ("js-template-options-from-request" in _rules("routes/index.js", code)) is flagged


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        ("return ejs.render(tpl, data);", True),
        ("return Handlebars.compile(tpl)(data);", True),
        ("return _.template(tpl)(data);", True),
        ("return ejs.render(MAIL_TEMPLATE, data);", False),
        ("return ejs.render('<p><%= name %></p>', data);", False),
        ("return ejs.render(TEMPLATES[tpl], data);", False),
        ("tpl = '<p><%= name %></p>';\n  return ejs.render(tpl, data);", False),
    ],
)
def test_template_text_compiled_from_a_parameter(body, flagged):
    code = f"function renderMail(tpl, data) {{\n  {body}\n}}\n"
    assert ("js-template-compiled-from-parameter" in _rules("lib/mail.js", code)) is flagged


@pytest.mark.parametrize(
    ("options", "flagged"),
    [
        ("markdownIt({ html: true, linkify: true })", True),
        ("new MarkdownIt('commonmark', { html: true })", True),
        ("markdownIt({ html: false })", False),
        ("createEditor({ html: true })", False),
    ],
)
def test_markdown_it_with_raw_html(options, flagged):
    code = f"const md = {options};\nfunction render(src) {{\n  return md.render(src);\n}}\n"
    assert ("js-template-escaping-disabled" in _rules("src/md.js", code)) is flagged


@pytest.mark.parametrize(
    ("call", "flagged"),
    [
        ("$el.append('<h2>' + data.title + '</h2>')", True),
        ("this.$el.html('<span>' + data.name + '</span>')", True),
        ("$el.append('<h2>' + _.escape(data.title) + '</h2>')", False),
        ("$el.append($('<h2>').text(data.title))", False),
        ("list.append('<h2>' + data.title + '</h2>')", False),
    ],
)
def test_jquery_objects_in_dollar_names_given_built_html(call, flagged):
    code = f"function renderTitle($el, data) {{\n  {call};\n}}\n"
    assert ("js-xss-construction" in _rules("src/ui.js", code)) is flagged


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # thenify 3.3.0 (CVE-2020-7677): the wrapper's source, built with the function's name, eval'd
        ("return eval(createWrapper(fn.name, options));", True),
        ("return eval(code);", True),
        ("return eval('this');", False),
        ("return (0, eval)('this');", False),
        ("return JSON.parse(code);", False),
    ],
)
def test_eval_of_non_constant_text(body, flagged):
    code = f"function wrap(fn, code, options) {{\n  {body}\n}}\n"
    assert ("js-code-injection-eval-non-constant" in _rules("lib/wrap.js", code)) is flagged


@pytest.mark.parametrize(
    ("body", "flagged"),
    [
        # a helper compiling what it is given (mongo-express' toBSON ran its argument in vm, dev case)
        ("return new Function('item', body);", True),
        ("return vm.runInNewContext(body, sandbox, { timeout: 1000 });", True),
        ("return new vm.Script(body);", True),
        ("return new Function('item', 'return item.x');", False),
        ("return vm.runInNewContext(PRELUDE, sandbox);", False),
        ("return jsep(body);", False),
    ],
)
def test_code_compiled_from_a_parameter(body, flagged):
    code = f"function compile(body, sandbox) {{\n  {body}\n}}\n"
    assert ("js-code-injection-parameter" in _rules("lib/compile.js", code)) is flagged
