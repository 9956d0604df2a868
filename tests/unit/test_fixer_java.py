"""The Java fixers: JDBC Statement queries become PreparedStatements with ? and typed setters,
JdbcTemplate calls get ? and their values as varargs; sh -c command lines become argument lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

HEAD = "package a;\n\nimport java.sql.*;\nimport javax.servlet.http.HttpServletRequest;\n\npublic class A {\n"
TAIL = "}\n"

CASES = [
    (  # a Statement declared from the connection; the value's type picks the setter
        "    public ResultSet f(Connection conn, HttpServletRequest request) throws SQLException {\n"
        '        String team = request.getParameter("team");\n'
        "        Statement st = conn.createStatement();\n"
        '        return st.executeQuery("SELECT id FROM users WHERE team = \'" + team + "\' AND n > 1");\n'
        "    }\n",
        "executeQuery",
        "sql-injection",
        "        PreparedStatement ps = conn.prepareStatement("
        '"SELECT id FROM users WHERE team = ? AND n > 1");\n'
        "        ps.setString(1, team);\n        return ps.executeQuery();\n",
    ),
    (  # String.format in a local used once; an int and an expression
        "    public int g(Connection conn, HttpServletRequest request, int limit) throws SQLException {\n"
        "        String q = String.format(\"DELETE FROM s WHERE u = '%s' AND n < %d\", "
        'request.getParameter("u"), limit + 1);\n'
        "        return conn.createStatement().executeUpdate(q);\n"
        "    }\n",
        "executeUpdate",
        "sql-injection",
        '        String q = "DELETE FROM s WHERE u = ? AND n < ?";\n'
        "        PreparedStatement ps = conn.prepareStatement(q);\n"
        '        ps.setObject(1, request.getParameter("u"));\n        ps.setObject(2, limit + 1);\n'
        "        return ps.executeUpdate();\n",
    ),
    (  # sh -c in a ProcessBuilder: the program and its arguments
        "    public Process p(HttpServletRequest request) throws java.io.IOException {\n"
        '        String host = request.getParameter("host");\n'
        '        return new ProcessBuilder("sh", "-c", "ping -c 1 " + host).start();\n'
        "    }\n",
        "ProcessBuilder",
        "command-injection",
        '        return new ProcessBuilder("ping", "-c", "1", host).start();\n',
    ),
]


@pytest.mark.parametrize(("body", "needle", "category", "expected"), CASES)
def test_java_fixes(body, needle, category, expected):
    sf = new_file(HEAD + body + TAIL, "src/main/java/a/A.java")
    fixed = fixed_text(sf, finding_at(sf, needle, category))
    assert fixed is not None
    new = [line for line in fixed.splitlines(keepends=True) if line not in sf.text.splitlines(keepends=True)]
    assert "".join(new) == "".join(
        line for line in expected.splitlines(keepends=True) if line not in sf.text.splitlines(keepends=True)
    )


def test_jdbc_template_gets_varargs_and_an_unimported_prepared_statement_is_qualified():
    src = (
        "package a;\n\nimport org.springframework.jdbc.core.JdbcTemplate;\n\npublic class B {\n"
        "    private final JdbcTemplate jdbc;\n    B(JdbcTemplate j) { this.jdbc = j; }\n"
        "    public Object f(String s) {\n"
        '        return jdbc.queryForList("SELECT * FROM t WHERE s = \'" + s + "\'");\n    }\n'
        "    public Object g(java.sql.Connection c, String s) throws Exception {\n"
        "        return c.createStatement()"
        '.executeQuery("SELECT 1 FROM t WHERE s = \'" + s + "\'");\n    }\n}\n'
    )
    sf = new_file(src, "src/main/java/a/B.java")
    fixed = fixed_text(sf, finding_at(sf, "queryForList", "sql-injection"))
    assert '        return jdbc.queryForList("SELECT * FROM t WHERE s = ?", s);\n' in fixed
    from bot.analysis import fixers

    out = fixers.propose(finding_at(sf, "executeQuery", "sql-injection"), {sf.path: sf})
    assert out.replacement.startswith('        java.sql.PreparedStatement ps = c.prepareStatement("SELECT 1')
    assert "java.sql.PreparedStatement" in out.remediation[-1]


@pytest.mark.parametrize(
    ("body", "needle", "category"),
    [
        (
            "    Object f(Statement st, String c) throws Exception {"
            ' return st.executeQuery("SELECT " + c + " FROM t"); }\n',
            "executeQuery",
            "sql-injection",
        ),
        (
            "    Object f(Statement st, String c) throws Exception {"
            ' return st.executeQuery("SELECT 1 WHERE a = \'" + c + "\'"); }\n',
            "executeQuery",
            "sql-injection",
        ),  # where st came from is unknown
        (
            "    Object f(String h) throws Exception {"
            ' return new ProcessBuilder("sh", "-c", "ping " + h + " | head").start(); }\n',
            "ProcessBuilder",
            "command-injection",
        ),
        (
            '    Object f(String h) throws Exception { return new ProcessBuilder("ping", h).start(); }\n',
            "ProcessBuilder",
            "command-injection",
        ),
    ],
)
def test_identifiers_unknown_statements_and_pipelines_stay_advice(body, needle, category):
    sf = new_file(HEAD + body + TAIL, "src/main/java/a/A.java")
    assert fixed_text(sf, finding_at(sf, needle, category)) is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for n, (body, needle, category, _) in enumerate(CASES):
        sf = new_file(HEAD + body + TAIL, f"c{n}/src/main/java/a/A.java")
        pairs.append((sf, finding_at(sf, needle, category)))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == [""] * len(pairs)


def test_a_command_kept_in_a_local_used_once_goes_into_the_call_and_the_local_goes():
    path = "java-command-injection-vuln-2/after/src/main/java/com/acme/media/ThumbnailController.java"
    text = (Path(__file__).resolve().parents[1] / "corpus" / path).read_text(encoding="utf-8")
    sf = new_file(text, "src/ThumbnailController.java")
    patched = fixed_text(sf, finding_at(sf, "new ProcessBuilder", "command-injection"))
    assert "String cmd =" not in patched
    assert (
        '        ProcessBuilder builder = new ProcessBuilder("convert", "/srv/uploads/" + file, "-resize", '
        '"128x128", "/srv/thumbs/" + file);' in patched.splitlines()
    )


def test_a_command_local_used_twice_stays_advice():
    text = (
        'class A {\n  void f(String file) throws Exception {\n    String cmd = "convert " + file;\n'
        '    System.out.println(cmd);\n    new ProcessBuilder("sh", "-c", cmd).start();\n  }\n}\n'
    )
    sf = new_file(text, "A.java")
    assert fixed_text(sf, finding_at(sf, "new ProcessBuilder", "command-injection")) is None
