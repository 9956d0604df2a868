"""The query fixer: an LDAP filter, a MongoDB filter or an XPath built from a value gets the value as
data (JNDI filter arguments, go-ldap's EscapeFilter, String() coercion, XPath variables in Java and with
the npm xpath package); every fix passes the real verifier, and a filter that is already safe or has a
shape the fixer does not know is left alone."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis import fixers
from bot.analysis.fixers import queries
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
CASES = [
    ("java-ldap-injection-vuln-1", "src/main/java/com/acme/web/DirectoryServlet.java", "ctx.search",
     "ldap-injection",
     'ctx.search("ou=people,dc=acme,dc=com", "(&(objectClass=person)(uid={0}))", new Object[] {uid}, '
     "controls);"),
    ("java-ldap-injection-vuln-21", "src/main/java/com/acme/Directory.java", "ctx.search", "ldap-injection",
     'String filter = "(&(objectClass=person)(uid={0}))";'),
    ("go-ldap-injection-vuln-21", "internal/auth/ldap.go", "fmt.Sprintf", "ldap-injection",
     'fmt.Sprintf("(&(objectClass=person)(uid=%s))", ldap.EscapeFilter(user)), []string{"dn"}, nil)'),
    ("js-nosql-injection-vuln-1", "src/routes/password.js", "User.findOne", "nosql-injection",
     "resetToken: String(req.body.token),"),
    ("java-xpath-injection-vuln-1", "src/main/java/com/acme/web/RoleServlet.java", "xpath.evaluate",
     "xpath-injection", 'String role = xpath.evaluate("//user[@name=$name]/role", users);'),
    ("java-xpath-injection-vuln-21", "src/main/java/com/acme/Users.java", "xpath.evaluate", "xpath-injection",
     'return xpath.evaluate("//user[@name=$name]/@role", doc);'),
    ("js-xpath-injection-vuln-21", "src/users.js", "xpath.select", "xpath-injection",
     'return xpath.parse("//user[@name=$name]").select({ node: doc, variables: { name: String(name) } });'),
]  # fmt: skip


def _file(case: str, rel: str):
    return new_file((CORPUS / case / "after" / rel).read_text(encoding="utf-8"), f"{case}/{rel}")


@pytest.mark.parametrize(("case", "rel", "needle", "category", "expected"), CASES)
def test_the_value_reaches_the_query_as_data(case, rel, needle, category, expected):
    sf = _file(case, rel)
    finding = finding_at(sf, needle, category)
    out = fixers.propose(finding, {sf.path: sf})
    assert out.replacement is not None
    assert expected in [row.strip() for row in out.replacement.splitlines()]
    assert out.start_line <= finding.start_line <= out.end_line
    assert fixed_text(sf, finding) is not None


def test_every_query_fix_passes_verification(tmp_path):
    pairs = []
    for case, rel, needle, category, _ in CASES:
        sf = _file(case, rel)
        pairs.append((sf, finding_at(sf, needle, category)))
    assert [v.reason for v in verify_all(pairs, tmp_path) if not v.ok] == []


JAVA = (
    "import javax.naming.directory.*;\nclass A {{\n  Object f(DirContext ctx, String u) throws Exception {{\n"
    '    return ctx.search("o=x", {filter}, new SearchControls());\n  }}\n}}\n'
)


@pytest.mark.parametrize(
    ("text", "path", "needle", "category"),
    [
        (JAVA.format(filter='"(uid={0})", new Object[] {u}'), "A.java", "ctx.search", "ldap-injection"),
        (JAVA.format(filter='"(cn=" + u + ")"').replace("import javax.naming.directory.*;", "import x.Y;"),
         "A.java", "ctx.search", "ldap-injection"),  # not JNDI: another library's search
        (JAVA.format(filter='"(&{a}(uid=" + u + "))"'), "A.java", "ctx.search", "ldap-injection"),  # braces
        ('package a\n\nimport "github.com/go-ldap/ldap/v3"\n\nfunc f(u string) *ldap.SearchRequest {\n'
         '\treturn ldap.NewSearchRequest("o=x", 2, 0, 0, 0, false, fmt.Sprintf("(uid=%d)", u), nil, '
         "nil)\n}\n",
         "a.go", "NewSearchRequest", "ldap-injection"),  # %d: by hand
        ('package a\n\nimport "github.com/go-ldap/ldap/v3"\n\nfunc f(u string) *ldap.SearchRequest {\n'
         '\treturn ldap.NewSearchRequest("o=x", 2, 0, 0, 0, false, "(uid="+ldap.EscapeFilter(u)+")", nil, '
         "nil)\n}\n",
         "a.go", "NewSearchRequest", "ldap-injection"),  # escaped already
        ("User.findOne({ token: String(req.body.token) });\n", "a.js", "findOne", "nosql-injection"),
        ("User.findOne({ $where: req.body.q });\n", "a.js", "findOne", "nosql-injection"),  # an operator
    ],
)  # fmt: skip
def test_safe_or_unknown_filters_are_left_alone(text, path, needle, category):
    sf = new_file(text, path)
    assert fixers.propose(finding_at(sf, needle, category), {sf.path: sf}).replacement is None


def test_odd_formatting_two_values_and_quoted_keys():
    sf = new_file("db.users.updateOne({'email': req.query.email,  \"code\" : req.body.code}, u);\n", "a.ts")
    patched = fixed_text(sf, finding_at(sf, "updateOne", "nosql-injection"))
    assert (
        patched
        == "db.users.updateOne({'email': String(req.query.email),  \"code\" : String(req.body.code)}, u);\n"
    )
    sf = new_file(JAVA.format(filter='"(&(cn=" + u + ")(ou=" + u.trim() + "))"'), "A.java")
    patched = fixed_text(sf, finding_at(sf, "ctx.search", "ldap-injection"))
    assert '"(&(cn={0})(ou={1}))", new Object[] {u, u.trim()}, new SearchControls()' in patched


PIECE = st.sampled_from(['"(uid="', '")"', "u", '"{"', "u.x()", '"\\\\"', '"a"'])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECE, min_size=1, max_size=6))
def test_any_concatenated_filter_gives_a_template_with_one_placeholder_per_value(pieces):
    sf = new_file(JAVA.format(filter=" + ".join(pieces)), "A.java")
    out = queries.propose(finding_at(sf, "ctx.search", "ldap-injection"), sf)
    if out is None or out.replacement is None:
        return
    values = [p for p in pieces if not p.startswith('"')]
    assert all("{" + str(i) + "}" in out.replacement for i in range(len(values)))
    assert "new Object[] {" + ", ".join(values) + "}" in out.replacement


XPATH = (
    "import javax.xml.xpath.*;\nclass A {{\n  String f({params}) throws Exception {{\n{body}"
    '    return xp.evaluate("//u[@n=\'" + n + "\']", doc);\n  }}\n}}\n'
)


@pytest.mark.parametrize(
    ("params", "body"),
    [
        (
            "Object doc, String n",
            "    XPath xp = XPathFactory.newInstance().newXPath();\n    n = n.trim();\n",
        ),
        # no name left for the saved resolver
        ("XPath xp, Object doc, String n, int previousResolver, int savedResolver, int callersResolver", ""),
        ("Object xp, Object doc, String n", ""),  # not an XPath
    ],
)
def test_an_xpath_that_is_not_ours_or_a_value_a_lambda_cannot_capture_is_left_alone(params, body):
    sf = new_file(XPATH.format(params=params, body=body), "A.java")
    assert fixers.propose(finding_at(sf, "xp.evaluate", "xpath-injection"), {sf.path: sf}).replacement is None


def test_an_xpath_resolver_is_set_right_after_the_local_xpath():
    body = "    XPath xp = XPathFactory.newInstance().newXPath();\n"
    sf = new_file(XPATH.format(params="Object doc, String n", body=body), "A.java")
    patched = fixed_text(sf, finding_at(sf, "xp.evaluate", "xpath-injection"))
    rows = patched.splitlines()
    assert (
        rows[4]
        == '    xp.setXPathVariableResolver(variable -> "n".equals(variable.getLocalPart()) ? n : null);'
    )
    assert rows[5] == '    return xp.evaluate("//u[@n=$n]", doc);'


def _js_xpath(line: str, head: str = 'const xpath = require("xpath");\n', path: str = "src/a.js"):
    sf = new_file(f"{head}function f(doc, name, user) {{\n  {line}\n}}\n", path)
    out = queries.propose(finding_at(sf, line.strip(), "xpath-injection"), sf)
    return None if out is None else out.replacement


def test_js_xpath_template_literals_select1_members_and_an_import():
    out = _js_xpath(
        "return xp.select1(`/users/user[@id='${user.id}' and @team=\"${name}\"]/@role`, doc);",
        head="import * as xp from 'xpath';\n",
        path="src/a.ts",
    )
    assert out == (
        '  return xp.parse("/users/user[@id=$id and @team=$name]/@role")'
        ".select1({ node: doc, variables: { id: String(user.id), name: String(name) } });"
    )


@pytest.mark.parametrize(
    ("line", "head"),
    [
        # a function or a comparison at the top: not a node set, select would change what is returned
        ("return xpath.select(\"count(//user[@name='\" + name + \"'])\", doc);", None),
        ("return xpath.select(\"//user/@name = '\" + name + \"'\", doc);", None),
        ("return xpath.select(\"//user[\" + name + \"]\", doc);", None),  # not inside quotes: syntax
        ("return xpath.select(\"//user[@name='\" + name + \"x']\", doc);", None),  # part of a literal
        ("return xpath.select(\"//user[@name='\" + name + \"']\", doc, true);", None),
        ("return xpath.select(\"//user[@a='\" + name + \"' or @b='\" + name + \"']\", doc);", None),
        ("return xpath.select(\"//user[@name='\" + f(name) + \"']\", doc);", None),
        ("return xpath.select(\"//user[@name='\" + name + \"']\", doc);",
         'const xpath = require("xpath.js");\n'),  # another library
        ("return xpath.select('//user[@name=\\'' + name + '\\']', doc);", None),  # escape sequences
    ],
)  # fmt: skip
def test_js_xpath_shapes_the_fixer_does_not_know_are_left_alone(line, head):
    assert _js_xpath(line, *((head,) if head else ())) is None


XPATH_TEXT = st.text(alphabet="/[]@'\"=()*|.abn $-:", max_size=20)
QUOTE = st.sampled_from(["'", '"'])
STEPS = st.one_of(XPATH_TEXT, st.text(alphabet="/@ab*.", max_size=10))
# random text on each side of the value, or a quoted predicate around it with random text or steps
# on each side (about half of those fix)
XPATH_AROUND = st.one_of(
    st.tuples(XPATH_TEXT, XPATH_TEXT),
    st.builds(lambda a, q, b: (f"//u{a}[@n={q}", f"{q}]{b}"), STEPS, QUOTE, STEPS),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(XPATH_AROUND)
def test_any_js_xpath_gives_a_location_path_with_one_variable_or_nothing(around):
    head, tail = around
    line = f"return xpath.select({head!r} + name + {tail!r}, doc);"
    out = _js_xpath(line)
    if out is not None:
        literal = out.split("xpath.parse(", 1)[1].split(").select(", 1)[0]
        template = json.loads(literal) if "\\" in literal else literal[1:-1]
        assert template.count("$name") == 1
        assert queries.location_path(template)
        assert template == (head + "\0" + tail).replace("'\0'", "$name").replace('"\0"', "$name")
        assert out.rstrip().endswith("variables: { name: String(name) } });")


def test_a_plain_js_xpath_predicate_is_fixed():
    assert _js_xpath('return xpath.select("//u[@n=\'" + name + "\']", doc);') == (
        '  return xpath.parse("//u[@n=$name]").select({ node: doc, variables: { name: String(name) } });'
    )


def test_the_location_path_check_is_linear_on_long_hostile_input():
    for hostile in ("/" + "[" * 100_000, "/a" + "['" * 50_000, "/" + "text()" * 30_000, "//*" * 50_000):
        started = time.perf_counter()
        queries.location_path(hostile)
        assert time.perf_counter() - started < 2.0


BORROWED = (
    "package a;\n\nimport javax.xml.xpath.XPath;\nimport javax.xml.xpath.XPathExpressionException;\n"
    "import org.w3c.dom.Document;\n\npublic class Users {{\n"
    "    public String role(XPath xpath, Document doc, String name) throws XPathExpressionException {{\n"
    "{body}"
    "    }}\n}}\n"
)


def test_the_callers_xpath_gets_the_resolver_for_one_evaluation_and_its_own_back():
    body = '        return xpath.evaluate("//user[@name=\'" + name + "\']/@role", doc);\n'
    sf = new_file(BORROWED.format(body=body), "src/Users.java")
    patched = fixed_text(sf, finding_at(sf, "xpath.evaluate", "xpath-injection"))
    assert patched is not None
    assert patched.splitlines()[8:15] == [
        "        javax.xml.xpath.XPathVariableResolver previousResolver = xpath.getXPathVariableResolver();",
        "        xpath.setXPathVariableResolver("
        'variable -> "name".equals(variable.getLocalPart()) ? name : null);',
        "        try {",
        '            return xpath.evaluate("//user[@name=$name]/@role", doc);',
        "        } finally {",
        "            xpath.setXPathVariableResolver(previousResolver);",
        "        }",
    ]


@pytest.mark.parametrize(
    "body",
    [
        # not the method's own last word: a try block would change what the rest of the method sees
        '        String r = xpath.evaluate("//u[@n=\'" + name + "\']", doc);\n        return r;\n',
        '        if (doc != null) {\n            return xpath.evaluate("//u[@n=\'" + name + "\']", doc);\n'
        "        }\n        return null;\n",
        # the value is reassigned: the lambda cannot capture it
        '        name = name.trim();\n        return xpath.evaluate("//u[@n=\'" + name + "\']", doc);\n',
    ],
)
def test_the_callers_xpath_outside_a_plain_return_is_left_alone(body):
    sf = new_file(BORROWED.format(body=body), "src/Users.java")
    finding = finding_at(sf, "xpath.evaluate", "xpath-injection")
    assert fixers.propose(finding, {sf.path: sf}).replacement is None


@pytest.mark.skipif(shutil.which("javac") is None, reason="javac is not installed")
def test_the_borrowed_xpath_fix_compiles(tmp_path):
    body = '        return xpath.evaluate("//user[@name=\'" + name + "\']/@role", doc);\n'
    sf = new_file(BORROWED.format(body=body), "src/Users.java")
    patched = fixed_text(sf, finding_at(sf, "xpath.evaluate", "xpath-injection"))
    assert patched is not None
    source = tmp_path / "Users.java"
    source.write_text(patched, encoding="utf-8")
    done = subprocess.run(
        ["javac", "-d", str(tmp_path / "classes"), str(source)],
        check=False,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


WHERE = (CORPUS / "ts-nosql-injection-vuln-2" / "after" / "src" / "api" / "products.ts").read_text(
    encoding="utf-8"
)
WHERE_EXPR = "this.price * (1 - this.discount) < ${max}"


def _where(expr: str) -> str | None:
    text = WHERE.replace(WHERE_EXPR, expr).replace("  const max", "  const min = 1;\n  const max")
    sf = new_file(text, "src/api/products.ts")
    out = fixed_text(sf, finding_at(sf, "$where", "nosql-injection"))
    return None if out is None else next(row for row in out.splitlines() if "$where" in row)


def test_a_where_value_standing_for_a_number_becomes_a_number():
    assert _where(WHERE_EXPR) == "    .find({ $where: `this.price * (1 - this.discount) < ${Number(max)}` })"
    assert _where("this.a <= ${max} && this.b >${min}") == (
        "    .find({ $where: `this.a <= ${Number(max)} && this.b >${Number(min)}` })"
    )


@pytest.mark.parametrize(
    "expr",
    [
        "this.name == '${max}'",  # a string position: Number() would change the comparison
        "this.a + ${max}",  # + may join text
        "this.a < ${max}x",  # part of a longer token
        "${max}",  # the whole expression
        "this.a < ${max} || this.name == '${min}'",  # one value in a string position
        "this.a => ${max}",
    ],
)
def test_a_where_value_anywhere_else_leaves_the_where_as_advice(expr):
    assert _where(expr) is None


def test_the_where_fix_passes_the_real_verifier(tmp_path):
    sf = new_file(WHERE, "src/api/products.ts")
    verdicts = verify_all([(sf, finding_at(sf, "$where", "nosql-injection"))], tmp_path)
    assert [v.reason for v in verdicts] == [""]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="this.a<>=*/-+%'\"()&| ${}max\\\n", max_size=50))
def test_hostile_where_text_never_raises_and_only_wraps_values_in_number(expr):
    text = WHERE.replace(WHERE_EXPR, expr)
    sf = new_file(text, "src/api/products.ts")
    rows = [n for n, row in enumerate(sf.lines, 1) if "$where" in row]
    if not rows:
        return
    out = queries.propose(finding_at(sf, "$where", "nosql-injection"), sf)
    if out is None or out.replacement is None:
        return
    # the fixed text is the original with some `${v}` turned into `${Number(v)}`, nothing else
    assert out.replacement.replace("Number(", "").replace(")}", "}") == "\n".join(
        sf.lines[out.start_line - 1 : out.end_line]
    ).replace(")}", "}")
