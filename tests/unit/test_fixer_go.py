"""The Go fixers: database/sql queries get the driver's placeholders (decided from the driver the file
imports) and the values as trailing arguments; exec.Command("sh", "-c", ...) becomes the program and
its arguments."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import fixers
from tests.unit.fixerkit import finding_at, fixed_text, new_file, verify_all

CORPUS_DIR = Path(__file__).resolve().parents[1] / "corpus"

PQ = 'package s\n\nimport (\n\t"database/sql"\n\t"fmt"\n\t"net/http"\n\n\t_ "github.com/lib/pq"\n)\n\n'
MY = PQ.replace("github.com/lib/pq", "github.com/go-sql-driver/mysql")
EXEC = 'package s\n\nimport (\n\t"net/http"\n\t"os/exec"\n)\n\n'

CASES = [
    (  # postgres: $1, $2; a Sprintf in a := used once
        PQ  # noqa: S608 - Go source text
        + "func F(db *sql.DB, r *http.Request) {\n"
        '\tq := fmt.Sprintf("SELECT id FROM t WHERE team = \'%s\' AND n > %d", r.FormValue("team"), 3)\n'
        "\tdb.QueryContext(r.Context(), q)\n}\n",
        "db.QueryContext",
        "sql-injection",
        '\tq := "SELECT id FROM t WHERE team = $1 AND n > $2"\n'
        '\tdb.QueryContext(r.Context(), q, r.FormValue("team"), 3)\n',
    ),
    (  # mysql: ?, a concatenation in the call
        MY  # noqa: S608 - Go source text
        + "func F(db *sql.DB, r *http.Request) {\n"
        '\tdb.Exec("DELETE FROM t WHERE id = \'" + r.FormValue("id") + "\'")\n\t_ = fmt.Sprint\n}\n',
        "db.Exec",
        "sql-injection",
        '\tdb.Exec("DELETE FROM t WHERE id = ?", r.FormValue("id"))\n',
    ),
    (  # sh -c -> the program and its arguments
        EXEC + 'func T(w http.ResponseWriter, r *http.Request) {\n\tname := r.URL.Query().Get("file")\n'
        '\tcmd := exec.Command("sh", "-c", "convert /srv/"+name+" -resize 9x9 /srv/t-"+name)\n'
        "\tcmd.Run()\n}\n",
        "exec.Command",
        "command-injection",
        '\tcmd := exec.Command("convert", "/srv/"+name, "-resize", "9x9", "/srv/t-"+name)\n',
    ),
]


@pytest.mark.parametrize(("src", "needle", "category", "expected"), CASES)
def test_go_fixes(src, needle, category, expected):
    sf = new_file(src, "internal/s/s.go")
    fixed = fixed_text(sf, finding_at(sf, needle, category))
    assert fixed is not None
    old = sf.text.splitlines(keepends=True)
    assert "".join(line for line in fixed.splitlines(keepends=True) if line not in old) == "".join(
        line for line in expected.splitlines(keepends=True) if line not in old
    )


@pytest.mark.parametrize(
    ("src", "needle", "category"),
    [
        (  # no driver import: the placeholder style cannot be known
            PQ.replace('\t_ "github.com/lib/pq"\n', "")
            + "func F(db *sql.DB, t string) {"
            + ' db.Query("SELECT 1 WHERE a = \'" + t + "\'"); _ = fmt.Sprint }\n',
            "db.Query",
            "sql-injection",
        ),
        (
            PQ  # noqa: S608 - Go source text
            + 'func F(db *sql.DB, t string) { db.Query("SELECT " + t + " FROM x"); _ = fmt.Sprint }\n',
            "db.Query",
            "sql-injection",
        ),
        (
            PQ
            + "func F(db *sql.DB, t string) {"
            + ' db.Query("SELECT 1 WHERE a = \'" + t + "\'", 1); _ = fmt.Sprint }\n',
            "db.Query",
            "sql-injection",
        ),
        (
            EXEC + 'func F(d, b string) { exec.Command("sh", "-c", "cd "+d+" && git checkout "+b).Run() }\n',
            "exec.Command",
            "command-injection",
        ),
        (EXEC + "func F(h string) { exec.Command(h).Run() }\n", "exec.Command", "command-injection"),
    ],
)
def test_unknown_drivers_identifiers_and_compound_commands_stay_advice(src, needle, category):
    sf = new_file(src, "internal/s/s.go")
    assert fixed_text(sf, finding_at(sf, needle, category)) is None


def test_the_fixes_pass_verification(tmp_path):
    pairs = []
    for n, (src, needle, category, _) in enumerate(CASES):
        sf = new_file(src, f"c{n}/internal/s/s.go")
        pairs.append((sf, finding_at(sf, needle, category)))
    verdicts = verify_all(pairs, tmp_path)
    assert [v.reason for v in verdicts] == [""] * len(pairs)


def test_a_cd_prefix_becomes_the_commands_directory():
    text = (CORPUS_DIR / "go-command-injection-vuln-21/after/internal/git/checkout.go").read_text(
        encoding="utf-8"
    )
    sf = new_file(text, "internal/git/checkout.go")
    patched = fixed_text(sf, finding_at(sf, "exec.Command", "command-injection"))
    assert '\tcmd := exec.Command("git", "checkout", branch)\n\tcmd.Dir = dir\n' in patched


@pytest.mark.parametrize(
    "command",
    [
        '"cd "+dir+" && make; rm -rf "+x',  # a second separator
        '"cd "+dir+" || git checkout "+branch',  # not &&
    ],
)
def test_other_cd_shapes_stay_advice(command):
    text = (
        'package a\n\nimport "os/exec"\n\nfunc f(dir, branch, x string) error {\n'
        f'\tcmd := exec.Command("sh", "-c", {command})\n\treturn cmd.Run()\n}}\n'
    )
    sf = new_file(text, "a.go")
    assert (
        fixers.propose(finding_at(sf, "exec.Command", "command-injection"), {sf.path: sf}).replacement is None
    )
