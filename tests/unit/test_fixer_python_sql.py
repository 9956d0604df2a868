"""The Python SQL fixer: string-built SQL in DB-API calls becomes a constant query with bound
parameters in the driver's own placeholder style, or is left as advice when that is not safe."""

from __future__ import annotations

import ast

import pytest

from bot.analysis.fixers.python_sql import propose
from bot.core.diffmap import parse_diff
from bot.core.models import Confidence, Finding, Severity, SourceFile


def _new_file(text: str, path: str = "app/db.py") -> SourceFile:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return SourceFile(parse_diff(diff).file(path), text, "python", False)


def _finding(sf: SourceFile, needle: str, category: str = "sql-injection") -> Finding:
    line = next(n for n, text in enumerate(sf.lines, 1) if needle in text)
    return Finding(
        rule_id="py-sqli",
        engine="semgrep",
        category=category,
        cwe="CWE-89",
        title="SQL",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path=sf.path,
        start_line=line,
        end_line=line,
        message="m",
    )


def _fixed(text: str, needle: str = ".execute(") -> str | None:
    sf = _new_file(text)
    out = propose(_finding(sf, needle), sf)
    if out is None:
        return None
    lines = sf.lines
    lines[out.start_line - 1 : out.end_line] = out.replacement.splitlines()
    patched = "\n".join(lines) + "\n"
    ast.parse(patched)  # a fix always parses
    return patched


def test_an_f_string_value_quoted_in_sql_becomes_a_bound_parameter_for_sqlite3():
    src = (
        "import sqlite3\n\n\ndef find_invoices(db_path, customer):\n"
        "    cur = sqlite3.connect(db_path).cursor()\n"
        '    query = "SELECT id, amount FROM invoices WHERE customer = \'" + customer + "\'"\n'
        "    cur.execute(query)\n    return cur.fetchall()\n"
    )
    fixed = _fixed(src)
    assert fixed is not None
    assert '    query = "SELECT id, amount FROM invoices WHERE customer = ?"\n' in fixed
    assert "    cur.execute(query, (customer,))\n" in fixed


def test_psycopg_gets_format_placeholders_and_several_values_in_order():
    src = (
        "import psycopg\n\n\ndef report(conn, team, year):\n"
        "    conn.execute(f\"SELECT name FROM staff WHERE team = '{team}' AND year = {year} AND 1=1\")\n"
    )
    fixed = _fixed(src)
    assert fixed is not None
    assert (
        'conn.execute("SELECT name FROM staff WHERE team = %s AND year = %s AND 1=1", (team, year))' in fixed
    )


@pytest.mark.parametrize(
    "line",
    [
        'cur.execute(f"SELECT * FROM t ORDER BY {column}")',  # an identifier: allow-list, not a parameter
        "cur.execute(f\"SELECT * FROM t WHERE a = '{x:>5}'\")",  # a format spec changes the value
        'cur.execute("SELECT * FROM t " + where)',  # a clause, not a value
        'cur.execute(f"SELECT * FROM t WHERE a = \'{x}")',  # a quote it does not close
        "cur.execute(query)",  # built somewhere we cannot see
    ],
)
def test_what_is_not_a_plain_value_is_left_as_advice(line):
    assert _fixed(f"import sqlite3\n\n\ndef f(cur, x, name, column, where, query):\n    {line}\n") is None


def test_an_unknown_driver_a_reused_query_or_a_line_outside_the_change_gets_no_fix():
    assert (
        _fixed("import odd_driver\n\n\ndef f(cur, x):\n    cur.execute(f\"SELECT 1 WHERE a = '{x}'\")\n")
        is None
    )
    reused = (
        "import sqlite3\n\n\ndef f(cur, x):\n    q = f\"SELECT 1 WHERE a = '{x}'\"\n"
        "    log(q)\n    cur.execute(q)\n"
    )
    assert _fixed(reused) is None
    sf = _new_file("import sqlite3\n\n\ndef f(cur, x):\n    cur.execute(f\"SELECT 1 WHERE a = '{x}'\")\n")
    finding = _finding(sf, ".execute(")
    assert propose(finding.with_(category="xss"), sf) is None
    old = SourceFile(
        parse_diff(
            "diff --git a/app/db.py b/app/db.py\n--- a/app/db.py\n+++ b/app/db.py\n"
            "@@ -1 +1 @@\n-import x\n+import sqlite3\n"
        ).file("app/db.py"),
        sf.text,
        "python",
        False,
    )
    assert propose(finding, old) is None  # the SQL line is not one the change adds


def test_the_payments_example_gets_a_verified_parameterised_suggestion(tmp_path):
    import json
    import subprocess
    import sys

    from tests.fixtures import PLATFORM

    repo = PLATFORM.parents[2]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "review",
            "--diff",
            "examples/payments.patch",
            "--repo",
            "examples/payments",
            "--format",
            "json",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"REMEDIATOR_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    sqli = [f for f in json.loads(out.stdout)["findings"] if f["cwe"] == "CWE-89"]
    assert len(sqli) == 1 and sqli[0]["replacement"] == (
        '    query = "SELECT id, amount FROM settlements WHERE merchant = ?"\n'
        "    return jsonify(db().execute(query, (merchant,)).fetchall())"
    )


@pytest.mark.parametrize(
    ("imports", "line", "expected"),
    [
        (  # a LIKE pattern becomes one parameter built from the same text
            "import sqlite3",
            "cur.execute(f\"SELECT id FROM users WHERE name LIKE '%{name}%'\")",
            'cur.execute("SELECT id FROM users WHERE name LIKE ?", (f"%{name}%",))',
        ),
        (  # % formatting, Django's connection: %s placeholders
            "from django.db import connection",
            "cur.execute(\"SELECT id FROM orders WHERE status = '%s' AND n > %d\" % (x, n))",
            'cur.execute("SELECT id FROM orders WHERE status = %s AND n > %s", (x, n))',
        ),
        (  # .format with positional and keyword fields, pymysql
            "import pymysql",
            "cur.execute(\"DELETE FROM t WHERE a = '{}' AND b = {b}\".format(x, b=n))",
            'cur.execute("DELETE FROM t WHERE a = %s AND b = %s", (x, n))',
        ),
        (  # a literal % in the SQL text is doubled for a pyformat driver
            "import psycopg",
            'cur.execute(f"SELECT 100 % 7 FROM t WHERE a = {n}")',
            'cur.execute("SELECT 100 %% 7 FROM t WHERE a = %s", (n,))',
        ),
        (  # SQLAlchemy text(): named parameters bound on the clause itself
            "from sqlalchemy import text",
            "rows = conn.execute(text(f\"SELECT day FROM sales WHERE region = '{body['region']}' "
            'AND n < {n}"))',
            'rows = conn.execute(text("SELECT day FROM sales WHERE region = :region AND n < :n")'
            ".bindparams(region=body['region'], n=n))",
        ),
        (  # sqlalchemy imported as a module
            "import sqlalchemy as sa",
            'q = sa.text("SELECT 1 FROM t WHERE a = " + x)',
            'q = sa.text("SELECT 1 FROM t WHERE a = :x").bindparams(x=x)',
        ),
    ],
)
def test_drivers_and_ways_of_building_sql(imports, line, expected):
    src = f"{imports}\n\n\ndef f(cur, conn, x, n, name, body):\n    {line}\n"
    needle = "text(" if "text(" in line else ".execute("
    fixed = _fixed(src, needle)
    assert fixed is not None
    assert fixed == src.replace(line, expected)


@pytest.mark.parametrize(
    "line",
    [
        'cur.execute(f"SELECT {column}, a FROM t WHERE b = 1")',  # an identifier after SELECT
        'cur.execute(f"SELECT a FROM t ORDER BY a, {column}")',  # an identifier after ORDER BY
        'cur.execute(f"INSERT INTO t ({column}) VALUES (1)")',  # a column list
        'cur.execute("SELECT a FROM t WHERE %(k)s = 1" % {"k": x})',  # named % fields
        'cur.execute("SELECT a FROM t WHERE b = {0.id}".format(x))',  # attribute access in a field
        'cur.execute("SELECT a FROM t WHERE b = %r" % x)',  # a conversion
        "cur.execute(f\"SELECT a FROM t WHERE b = 'it''s {x}'\")",  # an escaped quote in the literal
        'cur.execute(f"SELECT a FROM t WHERE b = 1 AND {x}")',  # a whole condition
    ],
)
def test_identifiers_and_odd_templates_stay_advice(line):
    assert _fixed(f"import psycopg\n\n\ndef f(cur, x, column):\n    {line}\n") is None


def test_two_drivers_or_a_colon_in_sqlalchemy_text_stay_advice():
    two = 'import sqlite3\nimport psycopg\n\n\ndef f(cur, x):\n    cur.execute(f"SELECT 1 WHERE a = {x}")\n'
    assert _fixed(two) is None
    cast = (
        'from sqlalchemy import text\n\n\ndef f(x):\n    return text(f"SELECT a::text FROM t WHERE b={x}")\n'
    )
    assert _fixed(cast, "text(") is None
