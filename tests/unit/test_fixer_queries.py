"""The query fixer: an LDAP filter or a MongoDB filter built from a value gets the value as data (JNDI
filter arguments, go-ldap's EscapeFilter, String() coercion); every fix passes the real verifier, and a
filter that is already safe or has a shape the fixer does not know is left alone."""

from __future__ import annotations

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
        ("XPath xp, Object doc, String n", ""),  # the caller's XPath: setting its resolver is a side effect
        (
            "Object doc, String n",
            "    XPath xp = XPathFactory.newInstance().newXPath();\n    n = n.trim();\n",
        ),
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
