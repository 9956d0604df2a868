"""The JavaScript/TypeScript fixers: SQL built from text gets the driver's placeholders and a values
array; exec/execSync of a plain command line becomes execFile/execFileSync with an argument array."""

from __future__ import annotations

import pytest

from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

SQL_CASES = [
    (  # mysql2: ?, a LIKE pattern as one parameter, a declared query used once
        "const mysql = require('mysql2');\nconst pool = mysql.createPool({});\n"
        "function f(req, res) {\n  const name = req.query.name;\n"
        "  const sql = `SELECT id FROM users WHERE name LIKE '%${name}%' ORDER BY name`;\n"
        "  pool.query(sql, (err, rows) => res.json(rows));\n}\nmodule.exports = { f };\n",
        "pool.query(sql",
        "  const sql = 'SELECT id FROM users WHERE name LIKE ? ORDER BY name';\n"
        "  pool.query(sql, [`%${name}%`], (err, rows) => res.json(rows));\n",
    ),
    (  # pg: $1, $2 in order, in a TypeScript file, the SQL on its own line of a multi-line call
        "import { Pool } from 'pg';\nconst pool = new Pool();\n"
        "export async function f(req: any) {\n  const r = await pool.query(\n"
        '    "SELECT * FROM t WHERE a = \'" + req.params.a + "\' AND n > " + req.query.n,\n  );\n'
        "  return r.rows;\n}\n",
        "SELECT * FROM t",
        "    'SELECT * FROM t WHERE a = $1 AND n > $2', [req.params.a, req.query.n],\n",
    ),
    (  # knex raw: ?
        "const knex = require('knex')({});\nfunction f(req) {\n"
        "  return knex.raw(`UPDATE t SET n = ${req.body.n} WHERE id = ${req.params.id}`);\n}\n"
        "module.exports = { f };\n",
        "knex.raw(",
        "  return knex.raw('UPDATE t SET n = ? WHERE id = ?', [req.body.n, req.params.id]);\n",
    ),
]

EXEC_CASES = [
    (  # destructured exec: execFile added to the same require (close, added by the change)
        "const { exec } = require('child_process');\nfunction f(req, res) {\n"
        "  exec(`convert ${req.query.file} -resize 10x10 out.png`, (err) => res.end());\n}\n"
        "module.exports = { f };\n",
        "exec(`convert",
        "const { exec, execFile } = require('child_process');\nfunction f(req, res) {\n"
        "  execFile('convert', [req.query.file, '-resize', '10x10', 'out.png'], (err) => res.end());\n",
    ),
    (  # a module object: cp.execFileSync; options kept; JSON.stringify quoting dropped with the shell
        "import * as cp from 'node:child_process';\nexport function f(branch: string, msg: string) {\n"
        "  return cp.execSync('git log -n 5 ' + branch + ' --grep=' + JSON.stringify(msg), "
        "{ cwd: '/srv' });\n}\n",
        "cp.execSync",
        "  return cp.execFileSync('git', ['log', '-n', '5', branch, `--grep=${msg}`], { cwd: '/srv' });\n",
    ),
]


DB, PG, MY = "const db = require('./db');\n", "const pg = require('pg');\n", "const m = require('mysql');\n"
CP = "const { exec } = require('child_process');\n"
SQL, CMD = "sql-injection", "command-injection"


def _check(src: str, needle: str, expected_lines: str, category: str, path: str) -> None:
    sf = new_file(src, path)
    fixed = fixed_text(sf, finding_at(sf, needle, category))
    assert fixed is not None
    old = src.splitlines(keepends=True)
    new = fixed.splitlines(keepends=True)
    changed = "".join(n for n in new if n not in old)
    assert changed == "".join(line for line in expected_lines.splitlines(keepends=True) if line not in old)
    assert all(line in fixed for line in expected_lines.splitlines())


@pytest.mark.parametrize(("src", "needle", "expected"), SQL_CASES)
def test_sql_gets_placeholders_and_a_values_array(src, needle, expected):
    path = "src/db.ts" if "import {" in src else "src/db.js"
    _check(src, needle, expected, "sql-injection", path)


@pytest.mark.parametrize(("src", "needle", "expected"), EXEC_CASES)
def test_exec_becomes_exec_file(src, needle, expected):
    path = "src/run.ts" if "import " in src else "src/run.js"
    _check(src, needle, expected, "command-injection", path)


@pytest.mark.parametrize(
    ("src", "needle", "category"),
    [
        (DB + "function f(x) { return db.query(`SELECT 1 WHERE a = ${x}`); }\n", "db.query", SQL),  # unknown
        (
            PG + MY + "function f(c, x) { return c.query(`SELECT 1 WHERE a = ${x}`); }\n",
            "c.query",
            SQL,
        ),  # two
        (PG + "function f(c, x) { return c.query(`SELECT ${x} FROM t`); }\n", "c.query", SQL),  # noqa: S608 - a column
        (PG + "function f(c, x) { return c.query(`SELECT 1 WHERE a = ${x}`, [1]); }\n", "c.query", SQL),
        (CP + "function f(x) { exec(`tar c ${x} | gzip`); }\n", "exec(", CMD),  # a pipeline
        (CP + "function f(x) { exec(`${x} --help`); }\n", "exec(", CMD),  # the program is a value
        (CP + "function f(x) { exec(`ls ${x}`, { shell: '/bin/bash' }); }\n", "exec(", CMD),  # a shell option
        (CP + "function f(x) { exec('ls \\'' + x + '\\''); }\n", "exec(", CMD),  # an escape in the string
    ],
)
def test_unknown_drivers_identifiers_pipelines_and_escapes_stay_advice(src, needle, category):
    sf = new_file(src, "src/x.js")
    assert fixed_text(sf, finding_at(sf, needle, category)) is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for n, (src, needle, _) in enumerate(SQL_CASES):
        sf = new_file(src, f"c{n}/src/db.{'ts' if 'import {' in src else 'js'}")
        pairs.append((sf, finding_at(sf, needle, "sql-injection")))
    for n, (src, needle, _) in enumerate(EXEC_CASES):
        sf = new_file(src, f"e{n}/src/run.{'ts' if 'import ' in src else 'js'}")
        pairs.append((sf, finding_at(sf, needle, "command-injection")))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == [""] * len(pairs)
