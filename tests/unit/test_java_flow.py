"""The Java flow analysis: request sources through locals, builders, containers and helpers to sinks;
constant folding of dead branches; weak algorithms, predictable randomness and cookie flags; bounds and
hostile input."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.java_flow import STEP_BOUND, analyse_java, superseded
from bot.core.models import Confidence, Finding, Provenance, Severity

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))
from java_servlets import CLASS_OF, load_set  # noqa: E402

CASES = load_set()
FLOW_DECIDED = {k for k in CLASS_OF if k != "xxe"}  # XXE stays with the rule pack


def _found(code: str, *, bound: int = STEP_BOUND) -> list[tuple[str, str, int]]:
    text = textwrap.dedent(code)
    added = frozenset(range(1, text.count("\n") + 2))
    result = analyse_java({"A.java": (text, added)}, step_bound=bound)
    return [(f.category, f.confidence.label, f.start_line) for f in result.findings]


@pytest.mark.parametrize(
    ("set_name", "fname", "expect", "text"), CASES, ids=[f"{c[0]}/{c[1]}" for c in CASES]
)
def test_servlet_set(set_name, fname, expect, text):
    if set_name not in FLOW_DECIDED:
        pytest.skip("decided by the rule pack")
    cats = {c for c, _, _ in _found(text)}
    if expect == "clean":
        assert CLASS_OF[set_name] not in cats
    else:
        assert expect in cats


def test_set_is_balanced_per_class():
    for name in CLASS_OF:
        kinds = [c[2] for c in CASES if c[0] == name]
        assert any(k == "clean" for k in kinds) and any(k != "clean" for k in kinds), name


SINK = 'conn.createStatement().execute("SELECT * FROM t WHERE a = \'" + bar + "\'");'
SERVLET = """
class S extends HttpServlet {{
    {helpers}
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {{
        String param = request.getParameter("p");
{body}
    }}
}}
"""


def _servlet(body: str, helpers: str = "") -> list[tuple[str, str, int]]:
    return _found(SERVLET.format(body=textwrap.indent(textwrap.dedent(body), " " * 8), helpers=helpers))


def test_request_data_into_statement_is_high_and_anchored_on_the_sink():
    found = _servlet('java.sql.Statement st = conn.createStatement();\nst.executeQuery("SELECT " + param);')
    assert found == [("sql-injection", "high", 7)]


def test_unsafe_construction_without_a_source_is_medium():
    found = _found(
        """
        class Dao {
            int purge(java.sql.Connection c, String tenant) throws Exception {
                return c.createStatement().executeUpdate("DELETE FROM t WHERE tenant = '" + tenant + "'");
            }
        }
        """
    )
    assert found == [("sql-injection", "medium", 4)]


def test_a_parameter_passed_whole_is_not_construction():
    assert (
        _found(
            "class D { void run(java.sql.Statement st, String sql) throws Exception { st.execute(sql); } }"
        )
        == []
    )


@pytest.mark.parametrize(
    "body",
    [
        'String bar = param;\nbar = "fixed";',
        'String bar = (7 * 18 > 200) ? param : "fixed";',
        'String bar = "fixed";\nif (7 * 18 < 100) { bar = param; }',
        'String bar = param;\nif (3 + 4 == 7) { bar = "fixed"; } else { bar = param + "x"; }',
        'String[] a = {"fixed", param};\nString bar = a[0];',
        'java.util.List<String> l = new java.util.ArrayList<>();\nl.add(param);\nl.add("fixed");\n'
        "l.remove(0);\nString bar = l.get(0);",
        'java.util.Map<String, String> m = new java.util.HashMap<>();\nm.put("a", param);\n'
        'm.put("b", "fixed");\nString bar = m.get("b");',
        "String bar = org.owasp.esapi.ESAPI.encoder().encodeForSQL(null, param);",
        "int bar = Integer.parseInt(param);",
        'String bar = "x";\n'
        'switch ("abc".charAt(2)) { case \'c\': bar = "fixed"; break; default: bar = param; }',
        "String bar = pick(param);",
    ],
)
def test_clean_values_reach_the_sink_quietly(body):
    helpers = 'private String pick(String v) { String out = v; if (2 > 1) out = "fixed"; return out; }'
    found = _servlet(body + "\n" + SINK, helpers)
    assert [f for f in found if f[0] == "sql-injection"] == []


@pytest.mark.parametrize(
    "body",
    [
        'String bar = (7 * 18 > 100) ? param : "fixed";',
        'String[] a = {"fixed", param};\nString bar = a[1];',
        'java.util.List<String> l = new java.util.ArrayList<>();\nl.add("x");\nl.add(param);\n'
        "l.remove(0);\nString bar = l.get(0);",
        'StringBuilder sb = new StringBuilder("a");\nsb.insert(0, param);\nString bar = sb.toString();',
        'String bar = String.format("%s-x", param).substring(1).replace("a", "b").split("-")[0];',
        "String bar = new String(java.util.Base64.getDecoder().decode(param));",
        "String bar = new Inner().go(param);",
        "String bar = param;\nfor (int i = 0; i < 3; i++) { bar = bar.trim(); }",
    ],
)
def test_request_data_kept_through_realistic_flows(body):
    helpers = "private class Inner { String go(String v) { return v.toLowerCase(); } }"
    found = _servlet(body + "\n" + SINK, helpers)
    assert ("sql-injection", "high") in {(c, k) for c, k, _ in found}


def test_helper_reports_at_its_own_sink_only_for_callers_with_request_data():
    code = """
    class S extends HttpServlet {
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
            run("ls");
        }
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
            run(request.getHeader("X"));
        }
        private void run(String arg) throws Exception {
            Runtime.getRuntime().exec("tool " + arg);
        }
    }
    """
    assert _found(code) == [("command-injection", "high", 10)]


@pytest.mark.parametrize(
    ("call", "weak"),
    [
        ('MessageDigest.getInstance("MD5")', True),
        ('MessageDigest.getInstance("sha-1", provider)', True),
        ('MessageDigest.getInstance(props.getProperty("alg", "MD5"))', True),
        ('MessageDigest.getInstance(props.getProperty("alg", "SHA-256"))', False),
        ('MessageDigest.getInstance("SHA-512")', False),
        ('Cipher.getInstance("DES/CBC/PKCS5Padding")', True),
        ('Cipher.getInstance("AES")', True),
        ('Cipher.getInstance("AES/ECB/PKCS5Padding")', True),
        ('Cipher.getInstance("AES/GCM/NoPadding")', False),
        ('Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding")', False),
        ('KeyGenerator.getInstance("AES")', False),
        ('KeyGenerator.getInstance("DESede")', True),
    ],
)
def test_weak_algorithms(call, weak):
    found = _found(
        "class C { java.util.Properties props; "
        f"Object f(Object provider) throws Exception {{ return {call}; }} }}"
    )
    assert bool(found) is weak
    assert all(c == "weak-crypto" and k == "medium" for c, k, _ in found)


def test_a_digest_named_as_a_checksum_is_low_confidence():
    code = """
    class C {
        String etagOf(byte[] body) throws Exception {
            return hex(java.security.MessageDigest.getInstance("MD5").digest(body));
        }
        String token(byte[] body) throws Exception {
            String checksum = org.apache.commons.codec.digest.DigestUtils.md5Hex(body);
            return org.apache.commons.codec.digest.DigestUtils.sha1Hex(body);
        }
    }
    """
    assert _found(code) == [
        ("weak-crypto", "low", 4),
        ("weak-crypto", "low", 7),
        ("weak-crypto", "medium", 8),
    ]


def test_weak_digest_cwe_is_weak_hash():
    text = (
        "class C { byte[] f(byte[] b) throws Exception { "
        'return java.security.MessageDigest.getInstance("MD5").digest(b); } }'
    )
    (finding,) = analyse_java({"C.java": (text, frozenset({1}))}).findings
    assert finding.cwe == "CWE-328"


@pytest.mark.parametrize(
    ("code", "flagged"),
    [
        ('Cookie c = new Cookie("id", v);\nresponse.addCookie(c);', True),
        ('Cookie c = new Cookie("id", v);\nc.setSecure(false);\nresponse.addCookie(c);', True),
        ('Cookie c = new Cookie("id", v);\nc.setSecure(true);\nresponse.addCookie(c);', False),
        ('Cookie c = new Cookie("id", v);\nc.setSecure(request.isSecure());\nresponse.addCookie(c);', False),
        ('Cookie c = new Cookie("theme", v);\nresponse.addCookie(c);', False),
    ],
)
def test_cookie_secure_flag(code, flagged):
    found = _servlet('String v = "x";\n' + code)
    assert (("insecure-cookie", "medium") in {(c, k) for c, k, _ in found}) is flagged


def test_predictable_random_in_a_handler_but_not_a_shuffle_elsewhere():
    assert _servlet("long id = new java.util.Random().nextLong();") == [("insecure-randomness", "medium", 6)]
    assert _servlet("long id = new java.security.SecureRandom().nextLong();") == []
    shuffle = (
        "class Q { void f(java.util.List<String> l) { "
        "java.util.Collections.shuffle(l, new java.util.Random(1)); } }"
    )
    assert _found(shuffle) == []


def test_writers_handed_in_are_response_writers_but_not_ones_opened_here():
    code = """
    class T {
        void tag(javax.servlet.jsp.JspWriter out, String label) throws Exception {
            out.print("<span>" + label + "</span>");
        }
        void page(java.io.PrintWriter w, java.sql.ResultSet rs) throws Exception {
            w.println("<td>" + rs.getString(1) + "</td>");
        }
        String report(String label) {
            java.io.StringWriter sw = new java.io.StringWriter();
            java.io.PrintWriter pw = new java.io.PrintWriter(sw);
            pw.println("<td>" + label + "</td>");
            return sw.toString();
        }
    }
    """
    assert _found(code) == [("xss", "medium", 4), ("xss", "medium", 7)]


@pytest.mark.parametrize(
    ("filter_", "flagged"),
    [
        ("", True),
        (
            'in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("com.acme.Batch;!*"));',
            False,
        ),
        ("in.setObjectInputFilter(info -> java.io.ObjectInputFilter.Status.REJECTED);", False),
        ('in.setObjectInputFilter(java.io.ObjectInputFilter.Config.createFilter("maxdepth=5"));', True),
    ],
)
def test_a_deserialisation_filter_on_the_stream(filter_, flagged):
    stream = "java.io.ObjectInputStream in = new java.io.ObjectInputStream(request.getInputStream());"
    body = f"{stream}\n{filter_}\nin.readObject();"
    assert bool(_servlet(body)) is flagged


def test_web_application_resources_by_request_path():
    found = _servlet('getServletContext().getResourceAsStream("/WEB-INF/pages/" + param);')
    assert found == [("path-traversal", "high", 6)]
    assert _servlet('getServletContext().getResourceAsStream("/WEB-INF/pages/index.html");') == []


def test_trust_boundary_xss_redirect_ssrf_and_deserialization():
    found = _servlet(
        """
        request.getSession().setAttribute("role", param);
        response.getWriter().println("<p>" + param);
        response.sendRedirect(param);
        response.sendRedirect("/home?x=" + param);
        new java.net.URL(param).openStream();
        new java.io.ObjectInputStream(request.getInputStream()).readObject();
        """
    )
    cats = [c for c, _, _ in found]
    assert sorted(cats) == sorted(["trust-boundary", "xss", "open-redirect", "ssrf", "deserialization"]), (
        found
    )


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ('new ProcessBuilder("sh", "-c", "ping " + param)', [("command-injection", "CWE-78")]),
        (
            'new ProcessBuilder(java.util.Arrays.asList("bash", "-lc", param))',
            [("command-injection", "CWE-78")],
        ),
        (
            'Runtime.getRuntime().exec(new String[] {"cmd.exe", "/c", "dir " + param})',
            [("command-injection", "CWE-78")],
        ),
        ('Runtime.getRuntime().exec("ping -c 1 " + param)', [("command-injection", "CWE-78")]),
        ('new ProcessBuilder(param, "-v")', [("command-injection", "CWE-78")]),
        ('new ProcessBuilder("ping", "-c", "1", param)', []),
        ('new ProcessBuilder("git", "clone", param)', [("command-injection", "CWE-88")]),
        ('new ProcessBuilder("sh", "-c", "ls -l")', []),
        (
            'Runtime.getRuntime().exec(new String[] {"/opt/report"}, new String[] {"REGION=" + param})',
            [("command-injection", "CWE-78")],
        ),
    ],
)
def test_command_lines_and_argument_vectors(call, expected):
    text = textwrap.dedent(SERVLET.format(body=f"        {call};", helpers=""))
    result = analyse_java({"A.java": (text, frozenset(range(1, 20)))})
    assert [(f.category, f.cwe) for f in result.findings] == expected


@pytest.mark.parametrize(
    ("guard", "flagged"),
    [
        ("if (!ALLOWED.contains(param)) { throw new IllegalArgumentException(); }", False),
        ('if (!param.matches("[a-z]{1,16}")) { return; }', False),
        ("if (!PATTERN.matcher(param).matches()) { response.sendError(400); return; }", False),
        ("if (!new java.io.File(param).getCanonicalPath().startsWith(BASE)) { return; }", True),
        ('if (param.startsWith("/")) { return; }', True),
        ("if (ALLOWED.contains(param)) { log(param); }", True),
        ("if (param.length() > 64) { return; }", True),
    ],
)
def test_validation_guards(guard, flagged):
    found = _servlet(guard + '\nRuntime.getRuntime().exec("tool " + param);')
    assert bool([c for c, _, _ in found if c == "command-injection"]) is flagged


def test_inside_a_positive_check_the_value_is_clean():
    found = _servlet('if (ALLOWED.contains(param)) {\n    Runtime.getRuntime().exec("tool " + param);\n}')
    assert found == []


def test_lambdas_and_anonymous_classes_are_analysed():
    found = _servlet(
        """
        java.util.List<String> ids = java.util.Arrays.asList(request.getParameterValues("id"));
        ids.forEach(id -> conn.createStatement().execute("DELETE FROM t WHERE id = '" + id + "'"));
        java.util.List<String> fixed = java.util.Arrays.asList("a", "b");
        fixed.forEach(f -> conn.createStatement().execute("DELETE FROM t WHERE id = '" + f + "'"));
        pool.submit(() -> Runtime.getRuntime().exec("report " + param));
        """
    )
    assert found == [("sql-injection", "high", 8), ("command-injection", "high", 11)]
    anon = """
    class A {
        Runnable job(java.sql.Statement st, String days) {
            return new Runnable() {
                public void run() { st.execute("DELETE FROM t WHERE d < " + days); }
            };
        }
    }
    """
    assert _found(anon) == [("sql-injection", "medium", 5)]


def test_spring_and_jax_rs_parameters_are_request_data():
    code = """
    class C {
        @GetMapping("/find")
        public List<Row> find(@RequestParam("q") String q, JdbcTemplate jdbc) {
            return jdbc.queryForList("SELECT * FROM t WHERE name = '" + q + "'");
        }
        @GET
        public String path(@QueryParam("p") String p) throws Exception {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/data", p)));
        }
        public Sort sort(@RequestParam String s, JdbcTemplate jdbc) {
            return jdbc.queryForList("SELECT * FROM t ORDER BY " + Sort.valueOf(s).column());
        }
    }
    """
    assert _found(code) == [("sql-injection", "high", 5), ("path-traversal", "high", 9)]


def test_classes_of_other_changed_files_resolve():
    servlet = """
    class S extends HttpServlet {
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
            String safe = new Labels().label(request.getParameter("p"));
            conn.createStatement().execute("SELECT * FROM t WHERE a = '" + safe + "'");
            String raw = Text.trimmed(request.getParameter("q"));
            conn.createStatement().execute("SELECT * FROM t WHERE a = '" + raw + "'");
            new Audit().write(request.getParameter("r"));
        }
    }
    """
    helpers = """
    class Labels {
        String label(String v) { return "fixed"; }
    }
    class Text {
        static String trimmed(String v) { return v.trim(); }
    }
    class Audit {
        void write(String line) throws Exception {
            Runtime.getRuntime().exec(new String[] {"sh", "-c", "log " + line}); }
    }
    """
    files = {
        "S.java": (textwrap.dedent(servlet), frozenset(range(1, 12))),
        "H.java": (textwrap.dedent(helpers), frozenset(range(1, 13))),
    }
    found = {(f.path, f.category, f.confidence.label, f.start_line) for f in analyse_java(files).findings}
    assert found == {("S.java", "sql-injection", "high", 7), ("H.java", "command-injection", "high", 10)}


def test_only_findings_on_added_lines_are_reported():
    text = textwrap.dedent(
        SERVLET.format(body='        conn.createStatement().execute("S" + param);', helpers="")
    )
    assert analyse_java({"A.java": (text, frozenset({2}))}).findings == []


def test_a_cut_file_keeps_the_rule_pack():
    text = textwrap.dedent(
        SERVLET.format(body='        conn.createStatement().execute("S" + param);', helpers="")
    )
    result = analyse_java({"A.java": (text, frozenset(range(1, 20)))}, step_bound=5)
    assert "A.java" in result.cuts and "A.java" not in result.analysed
    rule = Finding(
        "java-sqli-request-data", "semgrep", "sql-injection", "CWE-89", "t", Severity.HIGH, Confidence.HIGH,
        "A.java", 7, 7, "m", provenance=Provenance(engine="semgrep"),
    )  # fmt: skip
    assert not superseded(rule, result)
    whole = analyse_java({"A.java": (text, frozenset(range(1, 20)))})
    assert superseded(rule, whole)
    assert not superseded(rule.with_(rule_id="java-xxe-parser-dtd-enabled"), whole)


def test_deep_helper_recursion_is_bounded():
    code = (
        'class R { String a(String x) { return a(x + "1"); } '
        'void f(java.sql.Statement s, String p) throws Exception { s.execute("q" + a(p)); } }'
    )
    assert [c for c, _, _ in _found(code)] == ["sql-injection"]


JAVA_BITS = st.sampled_from(
    [
        "class A {",
        "}",
        "{",
        "void f(HttpServletRequest r) {",
        'String s = r.getParameter("x");',
        "s = s + s;",
        "while (true) {",
        'for (String t : s.split(",")) {',
        'switch (s) { case "a": ',
        "break;",
        "if (1 > 2) {",
        "} else {",
        "st.execute(s);",
        "return s;",
        "f(r);",
        "new A().f(r);",
        "java.util.List<String> l = new java.util.ArrayList<>();",
        "l.add(s);",
        "l.remove(0);",
        "Runtime.getRuntime().exec(l.get(0));",
        "try {",
        "} catch (Exception e) {",
        "int[] a = new int[1000000];",
        "x = x",
        "(((",
        ")))",
        '"',
        "'",
        "/*",
        "*/",
        "@",
        "->",
        "::",
        "<",
        ">",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(JAVA_BITS, max_size=60))
def test_hostile_java_never_raises_and_stays_bounded(bits):
    text = "\n".join(bits)
    result = analyse_java({"A.java": (text, frozenset(range(1, len(bits) + 2)))}, step_bound=20_000)
    assert all(f.path == "A.java" for f in result.findings)


def test_many_nested_loops_stay_within_the_step_bound():
    body = "for (int i = 0; i < 3; i++) {\n" * 40 + 's = s + r.getParameter("x");\n' + "}\n" * 40
    text = f'class A {{ void f(HttpServletRequest r) {{ String s = ""; {body} st.execute(s); }} }}'
    result = analyse_java({"A.java": (text, frozenset(range(1, 200)))}, step_bound=50_000)
    assert "A.java" in result.cuts or "A.java" in result.analysed


def test_the_review_bound_skips_files_once_spent():
    body = "for (int i = 0; i < 3; i++) {\n" * 12 + 's = s + r.getParameter("x");\n' + "}\n" * 12
    text = f'class A {{ void f(HttpServletRequest r) {{ String s = ""; {body} st.execute(s); }} }}'
    files = {f"F{i}.java": (text, frozenset(range(1, 40))) for i in range(4)}
    result = analyse_java(files, step_bound=3_000, review_bound=5_000)
    assert "F0.java" in result.cuts and "F1.java" in result.cuts
    assert "skipped" in result.cuts["F3.java"]
    assert not result.analysed


SHAPES = {
    "query-string-parsed-into-sql": (
        (
            'String qs = request.getQueryString(); int at = qs.indexOf("id="); String id = '
            'qs.substring(at + 3); int amp = id.indexOf("&"); if (amp != -1) { id = '
            'id.substring(0, amp); } id = java.net.URLDecoder.decode(id, "UTF-8"); '
            'java.sql.Statement statement = conn.createStatement(); statement.execute("SELECT * '
            'FROM users WHERE id=\'" + id + "\'", java.sql.Statement.RETURN_GENERATED_KEYS);'
        ),
        "",
        ["sql-injection"],
    ),
    "header-name-loop-into-html": (
        (
            'String param = ""; java.util.Enumeration<String> names = request.getHeaderNames(); '
            "while (names.hasMoreElements()) { String name = (String) names.nextElement(); if "
            '(java.util.Arrays.asList("host","accept").contains(name)) { continue; } param = '
            'name; break; } response.getWriter().println("<b>" + param + "</b>");'
        ),
        "",
        ["xss"],
    ),
    "parameter-map-entries-into-a-path": (
        (
            "String p = null; for (java.util.Map.Entry<String, String[]> e : "
            'request.getParameterMap().entrySet()) { if (e.getKey().equals("f")) { p = '
            "e.getValue()[0]; } } java.io.File f = new java.io.File(BASE + p);"
        ),
        "",
        ["path-traversal"],
    ),
    "helper-switch-picks-a-literal": (
        (
            'String bar = doSomething(request.getParameter("x")); '
            'conn.createStatement().executeQuery("SELECT \'" + bar + "\'");'
        ),
        (
            'private static String doSomething(String param) { String bar; String guess = "ABC"; '
            "char switchTarget = guess.charAt(1); switch (switchTarget) { case 'A': bar = param; "
            "break; case 'B': bar = \"bob\"; break; case 'C': case 'D': bar = param; break; "
            'default: bar = "bob"; break; } return bar; }'
        ),
        [],
    ),
    "helper-switch-falls-through-to-the-parameter": (
        (
            'String bar = doSomething(request.getParameter("x")); '
            'conn.createStatement().executeQuery("SELECT \'" + bar + "\'");'
        ),
        (
            'private static String doSomething(String param) { String bar; String guess = "ABC"; '
            "char switchTarget = guess.charAt(2); switch (switchTarget) { case 'A': bar = param; "
            "break; case 'B': bar = \"bob\"; break; case 'C': case 'D': bar = param; break; "
            'default: bar = "bob"; break; } return bar; }'
        ),
        ["sql-injection"],
    ),
    "ternary-folds-to-the-parameter": (
        (
            'String param = request.getParameter("x"); int num = 106; String bar = (7 * 42) - '
            'num > 200 ? "This should never happen" : param; '
            'request.getSession().setAttribute("k", bar);'
        ),
        "",
        ["trust-boundary"],
    ),
    "ternary-folds-to-a-literal": (
        (
            'String param = request.getParameter("x"); int num = 86; String bar = (7 * 42) - num '
            '> 200 ? "This_should_always_happen" : param; request.getSession().setAttribute("k", '
            "bar);"
        ),
        "",
        [],
    ),
    "integer-division-condition-keeps-the-parameter": (
        (
            'String param = request.getParameter("x"); int num = 196; String bar; if ((500 / 42) '
            '+ num > 200) bar = param; else bar = "never"; ctx.search("ou=x", "(uid=" + bar + '
            '")", new javax.naming.directory.SearchControls());'
        ),
        "",
        ["ldap-injection"],
    ),
    "inner-class-builder": (
        (
            'String bar = new Test().doSomething(request, request.getParameter("x")); '
            "javax.xml.xpath.XPath xp = javax.xml.xpath.XPathFactory.newInstance().newXPath(); "
            'xp.evaluate("/a[@b=\'" + bar + "\']", doc);'
        ),
        (
            "private class Test { public String doSomething(HttpServletRequest request, String "
            "param) throws Exception { StringBuilder sbxyz = new StringBuilder(param); String "
            'bar = sbxyz.append("_SafeStuff").toString(); return bar; } }'
        ),
        ["xpath-injection"],
    ),
    "random-float-into-a-cookie": (
        (
            "float rand = new java.util.Random().nextFloat(); String rememberMeKey = "
            "Float.toString(rand).substring(2); javax.servlet.http.Cookie rememberMe = new "
            'javax.servlet.http.Cookie("rememberMe", rememberMeKey); rememberMe.setSecure(true); '
            "response.addCookie(rememberMe);"
        ),
        "",
        ["insecure-randomness"],
    ),
    "properties-default-md5": (
        (
            "java.util.Properties benchmarkprops = new java.util.Properties(); "
            'benchmarkprops.load(getClass().getClassLoader().getResourceAsStream("x.properties")); '
            'String algorithm = benchmarkprops.getProperty("hashAlg1", "SHA512"); '
            "java.security.MessageDigest md = "
            "java.security.MessageDigest.getInstance(algorithm); String algorithm2 = "
            'benchmarkprops.getProperty("hashAlg2", "MD5"); java.security.MessageDigest md2 = '
            "java.security.MessageDigest.getInstance(algorithm2);"
        ),
        "",
        ["weak-crypto"],
    ),
    "des-with-a-provider": (
        (
            'javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding", '
            'java.security.Security.getProvider("SunJCE")); javax.crypto.Cipher c2 = '
            'javax.crypto.Cipher.getInstance("AES/CCM/NoPadding", '
            'java.security.Security.getProvider("BC"));'
        ),
        "",
        ["weak-crypto"],
    ),
    "cookie-secure-false": (
        (
            'javax.servlet.http.Cookie cookie = new javax.servlet.http.Cookie("SomeCookie", '
            '"x"); cookie.setSecure(false); cookie.setHttpOnly(true); '
            "cookie.setPath(request.getRequestURI()); response.addCookie(cookie);"
        ),
        "",
        ["insecure-cookie"],
    ),
    "request-data-in-the-environment": (
        (
            'String bar = request.getParameter("x"); String cmd = "echo "; String[] argsEnv = { '
            "bar }; Runtime r = Runtime.getRuntime(); Process p = r.exec(cmd, argsEnv);"
        ),
        "",
        ["command-injection"],
    ),
    "shell-list-of-literals": (
        (
            'String bar = "safe"; java.util.List<String> argList = new '
            'java.util.ArrayList<String>(); argList.add("sh"); argList.add("-c"); '
            'argList.add("echo " + bar); ProcessBuilder pb = new ProcessBuilder(); '
            "pb.command(argList); pb.start();"
        ),
        "",
        [],
    ),
    "shell-list-with-request-data": (
        (
            'String bar = request.getParameter("x"); java.util.List<String> argList = new '
            'java.util.ArrayList<String>(); argList.add("sh"); argList.add("-c"); '
            'argList.add("echo " + bar); ProcessBuilder pb = new ProcessBuilder(); '
            "pb.command(argList); pb.start();"
        ),
        "",
        ["command-injection"],
    ),
    "jdbc-template-with-row-mapper": (
        (
            'String bar = request.getParameter("x"); String sql = "SELECT * from USERS where '
            "USERNAME='foo' and PASSWORD='\" + bar + \"'\"; java.util.List<String> list = "
            "JDBCtemplate.query(sql, new org.springframework.jdbc.core.RowMapper<String>() { "
            "public String mapRow(java.sql.ResultSet rs, int rowNum) throws "
            'java.sql.SQLException { return rs.getString("USERNAME"); } });'
        ),
        "",
        ["sql-injection"],
    ),
    "request-data-as-format-string": (
        (
            'String bar = request.getParameter("x"); Object[] obj = { "a", "b" }; '
            "response.getWriter().format(java.util.Locale.US, bar, obj);"
        ),
        "",
        ["xss"],
    ),
    "char-array-write": (
        (
            'String bar = request.getParameter("x"); '
            "response.getWriter().write(bar.toCharArray(), 0, bar.length());"
        ),
        "",
        ["xss"],
    ),
    "esapi-encoded": (
        (
            "String bar = "
            'org.owasp.esapi.ESAPI.encoder().encodeForHTML(request.getParameter("x")); '
            'response.getWriter().write("Parameter value: " + bar);'
        ),
        "",
        [],
    ),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_servlet_shapes(shape):
    body, helpers, expected = SHAPES[shape]
    text = "class S extends HttpServlet {\n    public void doPost(HttpServletRequest request, "
    text += "HttpServletResponse response) throws Exception {\n"
    text += f"        {body}\n    }}\n    {helpers}\n}}\n"
    result = analyse_java({"S.java": (text, frozenset(range(1, 10)))})
    assert sorted(f.category for f in result.findings) == expected


def test_an_unforeseen_failure_costs_one_file_not_the_review(monkeypatch):
    from bot.analysis import java_flow

    def broken(self, node):
        raise AttributeError("unforeseen")

    good = textwrap.dedent(
        SERVLET.format(body='        conn.createStatement().execute("S" + param);', helpers="")
    )
    monkeypatch.setattr(java_flow._Frame, "switch", broken)
    bad = "class B { void f(int c) { switch (c) { default: } } }"
    result = analyse_java({"A.java": (good, frozenset(range(1, 20))), "B.java": (bad, frozenset({1}))})
    assert "failed" in result.cuts["B.java"] and "A.java" in result.analysed
    assert [f.path for f in result.findings] == ["A.java"]


BASE = 'java.nio.file.Path base = java.nio.file.Paths.get("/srv").toAbsolutePath().normalize();\n'
MADE = "java.io.File f = new java.io.File(base.toFile(), param);"


@pytest.mark.parametrize(
    "check",
    [
        "if (!base.resolve(param).normalize().startsWith(base)) {\n    throw new SecurityException();\n}\n",
        "if (!base.resolve(param).toAbsolutePath().normalize().startsWith(base)) {\n    return;\n}\n",
        "if (!base.resolve(param).toRealPath().startsWith(base)) throw new SecurityException();\n",
    ],
)
def test_a_normalised_containment_check_before_the_path_is_made_covers_it(check):
    assert [f for f in _servlet(BASE + check + MADE) if f[0] == "path-traversal"] == []


def test_the_path_made_inside_the_branch_a_containment_check_allows_is_covered():
    allowed = "if (base.resolve(param).normalize().startsWith(base)) {\n" + MADE + "\n}\n"
    assert [f for f in _servlet(BASE + allowed) if f[0] == "path-traversal"] == []
    refused = "if (!base.resolve(param).normalize().startsWith(base)) {\n" + MADE + "\n}\n"
    assert ("path-traversal", "high") in {(c, k) for c, k, _ in _servlet(BASE + refused)}


@pytest.mark.parametrize(
    "check",
    [
        # not normalised: base/../etc starts with base, name by name
        "if (!base.resolve(param).startsWith(base)) {\n    throw new SecurityException();\n}\n",
        # another base on the right
        "if (!base.resolve(param).normalize().startsWith(base.getParent())) {\n"
        "    throw new SecurityException();\n}\n",
        # another name resolved
        'if (!base.resolve("x").normalize().startsWith(base)) {\n    throw new SecurityException();\n}\n',
        # the check does not leave the method
        "if (!base.resolve(param).normalize().startsWith(base)) {\n    System.out.println(param);\n}\n",
        # the value itself, not the resolved path
        'if (!param.startsWith("/srv")) {\n    throw new SecurityException();\n}\n',
    ],
)
def test_a_check_that_does_not_cover_the_made_path_leaves_it_flagged(check):
    assert ("path-traversal", "high") in {(c, k) for c, k, _ in _servlet(BASE + check + MADE)}


# -- a method on its own (a function cut out of its class: issue 9's held-out pairs) -------------


def test_a_method_without_its_class_is_analysed():
    # apache/ofbiz-style DAO method handed a name, as a function-level excerpt has it: no class
    # around it, no imports
    method = """\
public ResultSet find(Connection conn, String id) throws SQLException {
    Statement st = conn.createStatement();
    return st.executeQuery("SELECT * FROM t WHERE id = " + id);
}
"""
    assert _found(method) == [("sql-injection", "medium", 3)]
    servlet = """\
protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name");
    resp.getWriter().write("<p>Hello " + name + "</p>");
}
"""
    assert _found(servlet) == [("xss", "high", 3)]


def test_a_method_without_its_class_stays_quiet_when_safe():
    bound = """\
public ResultSet find(Connection conn, String id) throws SQLException {
    PreparedStatement st = conn.prepareStatement("SELECT * FROM t WHERE id = ?");
    st.setString(1, id);
    return st.executeQuery();
}
"""
    escaped = """\
protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name");
    resp.getWriter().write("<p>Hello " + Encode.forHtml(name) + "</p>");
}
"""
    assert _found(bound) == []
    assert _found(escaped) == []
