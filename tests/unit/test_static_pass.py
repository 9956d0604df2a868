"""A review's semgrep run leaves out the rules the Python flow analysis supersedes, and runs them
afterwards only on the Python files the flow analysis did not analyse whole: the findings a review
keeps are the same as with every rule in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.analysis import flow as flow_mod
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.static_pass import StaticOptions, run_static
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff
from bot.core.languages import detect_language
from bot.core.models import SourceFile

HANDLER = """import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/run")
def run():
    subprocess.call("ls " + request.args["dir"], shell=True)
    return redirect(request.args["next"])
"""
# Python 2 syntax: semgrep parses it, the standard library's ast does not (no flow analysis)
LEGACY = HANDLER.replace("import subprocess\n", 'import subprocess\nprint "starting"\n')
FILES = {"app/views.py": HANDLER, "app/legacy.py": LEGACY, "app/other.js": "eval(location.hash);\n"}


def _file(path: str, text: str) -> SourceFile:
    lines = text.splitlines()
    diff = (
        f"diff --git a/{path} b/{path}\nnew file mode 100644\n--- /dev/null\n+++ b/{path}\n"
        f"@@ -0,0 +1,{len(lines)} @@\n" + "".join(f"+{line}\n" for line in lines)
    )
    return SourceFile(parse_diff(diff).file(path), text, detect_language(path), False)


@pytest.fixture
def tree(tmp_path) -> tuple[Path, dict[str, SourceFile]]:
    root = tmp_path / "src"
    for path, text in FILES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root, {p: _file(p, t) for p, t in FILES.items()}


def _kept(static) -> set[tuple[str, str, int]]:
    """What a review keeps of the rule pack's findings (bot.analysis.pipeline drops the superseded)."""
    return {
        (f.path, f.rule_id, f.start_line) for f in static.semgrep if not flow_mod.superseded(f, static.flow)
    }


def test_superseded_rules_run_only_where_the_flow_analysis_did_not_decide(tree, monkeypatch):
    root, by_path = tree
    relpaths = sorted(by_path)
    py = [p for p in relpaths if p.endswith(".py")]
    calls: list[tuple[list[str], semgrep_mod.RuleFilter]] = []
    real = semgrep_mod.run_semgrep

    def spy(root, relpaths, **kwargs):
        calls.append((list(relpaths), kwargs.get("rules_filter", semgrep_mod.ALL_RULES)))
        return real(root, relpaths, **kwargs)

    monkeypatch.setattr(semgrep_mod, "run_semgrep", spy)
    review = run_static(root, relpaths, py, by_path, Settings(), read=None)
    assert calls == [
        (relpaths, semgrep_mod.RuleFilter(skip=flow_mod.SUPERSEDED_RULES)),
        (["app/legacy.py"], semgrep_mod.RuleFilter(only=flow_mod.SUPERSEDED_RULES)),
    ]
    assert review.flow.analysed == {"app/views.py"}
    # every rule in one run (a runner given: nothing is deferred)
    calls.clear()
    whole = run_static(root, relpaths, py, by_path, Settings(), read=None, options=StaticOptions(runner=real))
    assert calls == []
    assert _kept(review) == _kept(whole)
    # the superseded rules did report on the file the flow analysis could not parse, in both runs
    legacy = {(rule, line) for path, rule, line in _kept(review) if path == "app/legacy.py"}
    assert {r for r, _ in legacy} & flow_mod.SUPERSEDED_RULES, legacy
    assert any(p == "app/other.js" for p, _, _ in _kept(review))
    assert review.parse_errors == whole.parse_errors
