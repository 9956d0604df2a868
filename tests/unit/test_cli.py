"""The ``remediator review`` command end to end, with the real analyzers and real git."""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import jsonschema
import pytest

from bot.cli.main import main

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures"
BASE = {"app/__init__.py": "", "app/views.py": "import yaml\n\n\ndef ok():\n    return 1\n"}
VULN = {
    "app/views.py": (
        "import yaml\n\n\ndef ok():\n    return 1\n\n\n"
        "def load(request):\n    return yaml.load(request.data)\n"
    )
}


@pytest.fixture
def vuln_repo(make_repo):
    repo = make_repo("svc")
    repo.commit(BASE, "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit(VULN, "feature")
    return repo


def _run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_review_git_repo_json_reports_the_added_flaw(vuln_repo, capsys):
    code, out, err = _run(
        ["review", "--repo", str(vuln_repo.path), "--base", "main", "--format", "json"], capsys
    )
    assert code == 0, err
    data = json.loads(out)
    (finding,) = [f for f in data["findings"] if f["category"] == "deserialization"]
    assert finding["path"] == "app/views.py" and finding["start_line"] == 9
    assert finding["placement"] == "inline" and finding["anchor"]["line"] == 9
    assert finding["remediation"], "numbered remediation steps are required"
    assert data["coverage"]["files"][0]["state"] == "analysed"
    assert data["complete"] is True


def test_fail_on_sets_exit_code(vuln_repo, capsys):
    args = ["review", "--repo", str(vuln_repo.path), "--base", "main"]
    assert _run([*args, "--fail-on", "high"], capsys)[0] == 1
    assert _run([*args, "--fail-on", "critical"], capsys)[0] == 0


def test_sarif_output_validates_and_has_partial_fingerprints(vuln_repo, capsys, tmp_path):
    out_file = tmp_path / "review.sarif"
    code, out, _ = _run(
        [
            "review",
            "--repo",
            str(vuln_repo.path),
            "--base",
            "main",
            "--format",
            "sarif",
            "--output",
            str(out_file),
        ],
        capsys,
    )
    assert code == 0 and out == ""
    sarif = json.loads(out_file.read_text())
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    results = sarif["runs"][0]["results"]
    assert results and all(r["partialFingerprints"]["remediator/v1"] for r in results)


def test_markdown_is_what_the_bot_posts(vuln_repo, capsys):
    code, out, _ = _run(
        ["review", "--repo", str(vuln_repo.path), "--base", "main", "--format", "markdown"], capsys
    )
    assert code == 0
    assert "#### Comment on `app/views.py:9`" in out
    assert "<!-- remediator:finding fp=" in out and "<!-- remediator:summary -->" in out
    # the change touches app/views.py only (app/__init__.py is unchanged): one file, analysed once
    # however many analyzers looked at it
    (coverage,) = [line for line in out.splitlines() if line.startswith("**Coverage:**")]
    assert coverage.startswith("**Coverage:** 1 file(s) analysed"), coverage


def test_diff_from_stdin_without_repo(vuln_repo, capsys, monkeypatch):
    diff = vuln_repo.git("diff", "main", "feature")
    monkeypatch.setattr(sys, "stdin", _FakeStdin(diff.encode()))
    code, out, _ = _run(["review", "--diff", "-", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert any(f["category"] == "deserialization" for f in data["findings"])
    assert any("hunks only" in n for n in data["notes"])


class _FakeStdin:
    def __init__(self, data: bytes) -> None:
        import io

        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("argv_tail", "message"),
    [
        (["--repo", "{tmp}", "--base", "main"], "not a git repository"),
        (["--repo", "{repo}", "--base", "no-such-branch"], "unknown revision: no-such-branch"),
        (["--repo", "{repo}", "--base", "main", "--head=--output=x"], "unknown revision"),
        (["--diff", "{tmp}/missing.patch"], "diff file not found"),
        (["--diff", "{tmp}/empty.patch"], "the diff is empty"),
        (["--diff", "{tmp}/junk.patch"], "no file changes found"),
        (["--repo", "{repo}"], "nothing to review"),
        (["--head", "x", "--diff", "{tmp}/junk.patch"], "--head needs --base"),
        (["--repo", "{repo}", "--base", "main", "--fail-on", "severe"], "unknown severity"),
        (["--repo", "{repo}", "--base", "main", "--format", "xml"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(vuln_repo, tmp_path, capsys, argv_tail, message):
    (tmp_path / "empty.patch").write_text("")
    (tmp_path / "junk.patch").write_text("not a diff\n")
    argv = ["review", *[a.format(tmp=tmp_path, repo=vuln_repo.path) for a in argv_tail]]
    with (
        pytest.raises(SystemExit)
        if "--format" in argv_tail or "--fail-on" in argv_tail
        else _nullctx() as exc
    ):
        code = main(argv)
    if exc is not None:
        code = exc.value.code
    out, err = capsys.readouterr()
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1, err
    assert out == ""


class _nullctx:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def test_failed_run_leaves_output_untouched(tmp_path, capsys):
    target = tmp_path / "report.json"
    target.write_text("previous report")
    code = main(["review", "--diff", str(tmp_path / "missing.patch"), "--output", str(target)])
    assert code == 2
    assert target.read_text() == "previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_console_script_runs_and_progress_stays_off_when_not_a_tty(vuln_repo):
    exe = pathlib.Path(sys.executable).with_name("remediator")
    proc = subprocess.run(
        [str(exe), "review", "--repo", str(vuln_repo.path), "--base", "main"],
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    assert b"app/views.py:9" in proc.stdout


PY312 = """import sqlite3
from flask import request


def find(db):
    name = request.args["name"]
    return db.execute(f"SELECT * FROM users WHERE name = '{name + f"{'x'}"}'")
"""


def test_python_312_syntax_is_still_analysed(make_repo, capsys):
    repo = make_repo("py312")
    repo.commit({"app.py": "import sqlite3\n"}, "base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit({"app.py": PY312})
    code, out, _ = _run(["review", "--repo", str(repo.path), "--base", "main", "--format", "json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert [f["category"] for f in data["findings"]] == ["sql-injection"]
    (cov,) = data["coverage"]["files"]
    assert cov["state"] == "analysed" and "bandit could not parse it" in cov["detail"]


def test_review_starts_without_the_store_queue_or_vulnerability_database_modules():
    """`remediator review` parses its arguments without importing the other sub-commands' modules
    (start-up time, benchmarks/review_scaling.py); `--help` and the others still see every command."""
    code = (
        "import sys\n"
        "from bot.cli.main import build_parser\n"
        "build_parser('review').parse_args(['review', '--repo', '.', '--base', 'main'])\n"
        "heavy = ('bot.store', 'bot.jobqueue', 'bot.deps.osv', 'bot.deps.sbom', 'sqlalchemy', 'huey')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "parser = build_parser(None)\n"
        "print(sorted(parser._subparsers._group_actions[0].choices))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, commands = proc.stdout.splitlines()
    assert loaded == "[]"
    for command in ("review", "eval", "advisories", "db", "jobs", "tokens", "vulndb", "sbom", "worker"):
        assert f"'{command}'" in commands
