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
