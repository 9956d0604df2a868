"""What a newcomer ran into on first use (issue 15): the README's own token example, output piped
into ``head``, a review that analysed nothing passing a gate, JSON promising a suggestion it does
not have, and trend gridlines labelled with the wrong values."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.cli.main import EXIT_BROKEN_PIPE, main
from bot.core.coverage import Coverage
from bot.core.diffmap import parse_diff
from bot.core.formats import review_json
from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.review import Policy, build_review
from bot.store.bootstrap import forget_engines
from bot.store.reports import Week
from tests.dashboard_seed import seed
from webhooks.dashboard.charts import nice_ticks, weekly_chart

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("REMEDIATOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("REMEDIATOR_DATABASE_URL", raising=False)
    yield tmp_path / "data"
    forget_engines()


# --------------------------------------------------------------------------------- token names
def test_the_readmes_token_example_works(data_dir, capsys):
    (example,) = re.findall(r'remediator tokens create --role [^\n]*--name "([^"]+)"', README)
    assert example == "alice (security)"
    for name in (example, "ci/nightly", "o'brien, sec+ops"):
        assert main(["tokens", "create", "--role", "viewer", "--name", name]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert main(["tokens", "list", "--format", "json"]) == 0
    names = [t["name"] for t in json.loads(capsys.readouterr().out)]
    assert names == ["alice (security)", "ci/nightly", "o'brien, sec+ops"]
    assert main(["tokens", "create", "--role", "viewer", "--name", "<script>"]) == 2


# --------------------------------------------------------------------------------- broken pipes
@pytest.fixture(scope="module")
def seeded_env(tmp_path_factory) -> dict[str, str]:
    data = tmp_path_factory.mktemp("seeded") / "data"
    seed(data)
    env = {**os.environ, "REMEDIATOR_DATA_DIR": str(data)}
    env.pop("REMEDIATOR_DATABASE_URL", None)
    return env


def _closed_reader(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the CLI with a standard output nobody reads (the reader closed it before any write):
    what ``remediator ... | head -1`` does once head has its line."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
            check=False,
            timeout=120,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "argv",
    [
        ["advisories", "show", "5"],
        ["advisories", "list", "--format", "json"],
        ["advisories", "export", "--format", "csv"],
        ["tokens", "list"],
    ],
    ids=["show", "list", "export", "tokens"],
)
def test_a_reader_that_goes_away_gets_no_traceback(seeded_env, argv):
    proc = _closed_reader(argv, seeded_env)
    assert "Traceback" not in proc.stderr and "BrokenPipeError" not in proc.stderr, proc.stderr
    assert proc.returncode == EXIT_BROKEN_PIPE, proc.stderr


def test_head_gets_its_line_and_the_command_ends_quietly(seeded_env):
    env = seeded_env
    command = f"{sys.executable} -m bot.cli advisories show 5 | head -1"
    proc = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=env, cwd=ROOT, check=False
    )
    assert proc.stdout.startswith("Advisory 5 (") and proc.stdout.count("\n") == 1
    assert proc.stderr == ""


# ------------------------------------------------------------------------ incomplete reviews
def test_a_review_that_could_read_no_file_is_incomplete_not_a_pass(tmp_path, capsys):
    diff = tmp_path / "change.patch"
    diff.write_text(
        "diff --git a/app/views.py b/app/views.py\nnew file mode 100644\n--- /dev/null\n"
        "+++ b/app/views.py\n@@ -0,0 +1,3 @@\n+import yaml\n+def load(request):\n"
        "+    return yaml.load(request.data)\n"
    )
    checkout = tmp_path / "checkout"  # the file is not in it: unreadable
    checkout.mkdir()
    argv = ["review", "--diff", str(diff), "--repo", str(checkout), "--format", "json"]
    assert main([*argv, "--fail-on", "critical"]) == 3
    out, err = capsys.readouterr()
    assert json.loads(out)["complete"] is False
    assert "review incomplete" in err
    assert main(argv) == 3
    (checkout / "app").mkdir()
    (checkout / "app" / "views.py").write_text(
        "import yaml\ndef load(request):\n    return yaml.load(request.data)\n"
    )
    capsys.readouterr()
    assert main([*argv, "--fail-on", "critical"]) == 0  # readable: complete, nothing critical


# ------------------------------------------------------------------------ JSON anchor.suggestion
def _finding(**kw) -> Finding:
    base = dict(
        rule_id="py-test-rule",
        engine="semgrep",
        category="sql-injection",
        cwe="CWE-89",
        title="SQL built from request data",
        severity=Severity.HIGH,
        confidence=Confidence.HIGH,
        path="app.py",
        start_line=2,
        end_line=3,
        message="msg",
        provenance=Provenance(engine="semgrep"),
    )
    base.update(kw)
    return Finding(**base)


def test_json_promises_a_suggestion_only_where_there_is_a_replacement():
    diff = "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1,1 +1,3 @@\n"
    diff += " ctx = 1\n+a = 1\n+b = 2\n"
    with_fix = _finding(replacement="a = 2\nb = 3")
    without = _finding(rule_id="other", replacement=None)
    review = build_review([with_fix, without], parse_diff(diff), Coverage(()), Policy())
    anchors = {f["rule_id"]: (f["replacement"], f["anchor"]) for f in review_json(review)["findings"]}
    assert anchors["py-test-rule"][1] == {"path": "app.py", "start_line": 2, "line": 3, "suggestion": True}
    assert anchors["other"] == (None, {"path": "app.py", "start_line": 2, "line": 3, "suggestion": False})


# ------------------------------------------------------------------------ trend gridlines
@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (0, [0, 1]),
        (5, [0, 1, 2, 3, 4, 5]),
        (7, [0, 2, 4, 6, 8]),
        (13, [0, 5, 10, 15]),
        (47, [0, 10, 20, 30, 40, 50]),
        (101, [0, 50, 100, 150]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_nice_ticks_are_round_evenly_spaced_and_cover_the_maximum(top, ticks):
    assert nice_ticks(top) == ticks


def test_each_gridline_is_labelled_with_the_value_at_its_height():
    start = date(2026, 1, 5)
    weeks = [Week(start + timedelta(weeks=i), opened=5 if i == 0 else 1, resolved=0) for i in range(12)]
    svg = str(weekly_chart(weeks))
    lines = [float(y) for y in re.findall(r'<line x1="\d+" x2="\d+" y1="([\d.]+)"', svg)]
    labels = [int(v) for v in re.findall(r'class="axis" text-anchor="end">(\d+)</text>', svg)]
    assert labels == [0, 1, 2, 3, 4, 5]
    bottom, top = lines[0], lines[-1]
    for y, value in zip(lines, labels, strict=True):
        assert y == pytest.approx(bottom - (bottom - top) * value / labels[-1], abs=0.1)
    (tallest,) = re.findall(r'height="([\d.]+)" class="opened" data-value="5"', svg)
    assert float(tallest) == pytest.approx(bottom - top, abs=0.1)  # 5 reaches the line labelled 5
