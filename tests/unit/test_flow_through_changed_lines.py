"""A taint finding whose sink line the change leaves as it was, but whose flow passes through a line
the change adds (a sanitiser removed where the value is built), is the change's doing: it is kept,
anchored on that line, naming the sink's line, with no fix. Real semgrep runs."""

from __future__ import annotations

import difflib

import pytest

from bot.analysis import semgrep as semgrep_mod
from bot.analysis.pipeline import analyse
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff
from bot.core.models import Finding
from bot.core.review import anchor_for

pytestmark = pytest.mark.skipif(semgrep_mod.semgrep_core_binary() is None, reason="semgrep not installed")


def _change(before: str, after: str, path: str):
    body = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(body))


def _in_change(before: str, after: str, path: str) -> list[Finding]:
    changeset = _change(before, after, path)
    findings = analyse(changeset, {path: after.encode()}.get, Settings(llm_enabled=False)).findings
    (fc,) = changeset.files
    return [f for f in findings if anchor_for(f, fc) is not None]


JS_SAFE = """\
const cp = require("child_process");

function list(req, res) {
  const dir = shellescape(req.query.dir);
  const line = "ls -l " + dir;
  cp.exec(line, (err, out) => res.send(out));
}

module.exports = { list };
"""
JS_UNSAFE = JS_SAFE.replace("shellescape(req.query.dir)", "req.query.dir")


def test_a_removed_sanitiser_on_an_intermediate_line_is_flagged_there():
    found = [f for f in _in_change(JS_SAFE, JS_UNSAFE, "src/list.js") if f.category == "command-injection"]
    assert found, "the flow through the edited line was not reported"
    (f,) = found
    assert (f.start_line, f.end_line, f.sink_line) == (4, 4, 6)
    assert "passes through line 4" in f.message and "sink is on line 6" in f.message
    assert f.replacement is None


def test_the_reverse_change_that_adds_the_sanitiser_is_quiet():
    assert not [f for f in _in_change(JS_UNSAFE, JS_SAFE, "src/list.js") if f.category == "command-injection"]


def test_a_change_elsewhere_in_the_file_does_not_pull_in_the_flow():
    below = JS_UNSAFE.replace("module.exports = { list };", "module.exports = { list, version: 2 };")
    above = "// Lists a folder.\n" + JS_UNSAFE
    for other in (below, above):
        assert not [
            f for f in _in_change(JS_UNSAFE, other, "src/list.js") if f.category == "command-injection"
        ]


def test_an_edited_step_of_a_flow_that_reached_the_sink_before_is_not_the_change_s_doing():
    edited = JS_UNSAFE.replace("req.query.dir;", "req.query.dir; // the folder to list")
    assert not [f for f in _in_change(JS_UNSAFE, edited, "src/list.js") if f.category == "command-injection"]


def test_lines_added_above_the_sink_are_followed_to_its_line_before_the_change():
    split = JS_SAFE.replace("shellescape(req.query.dir);", "req.query.dir;\n  // listed as given")
    (f,) = [f for f in _in_change(JS_SAFE, split, "src/list.js") if f.category == "command-injection"]
    assert (f.start_line, f.sink_line) == (4, 7)
    shifted = JS_UNSAFE.replace("  const dir", "  // the folder to list\n  const dir = req.query.dir; //", 1)
    assert not [f for f in _in_change(JS_UNSAFE, shifted, "src/list.js") if f.category == "command-injection"]


def test_an_edited_sink_line_is_flagged_on_the_sink_as_before():
    sink = "cp.exec(line, (err, out) => res.send(out));"
    constant = JS_UNSAFE.replace(sink, 'cp.exec("ls -l", (err, out) => res.send(out));')
    edited = JS_UNSAFE.replace(sink, "cp.exec(line, (e, o) => res.send(o));")
    found = [f for f in _in_change(constant, edited, "src/list.js") if f.category == "command-injection"]
    (f,) = found
    assert (f.start_line, f.sink_line) == (6, 0)
    assert "passes through" not in f.message
    # the same edit of a sink the flow already reached before the change keeps a flaw, it adds none
    # (bot.analysis.preexisting)
    assert not [f for f in _in_change(JS_UNSAFE, edited, "src/list.js") if f.category == "command-injection"]


def test_trace_locations_keep_flow_order_and_only_the_file():
    trace = {
        "taint_source": ["CliLoc", [{"path": "a.js", "start": {"line": 3}, "end": {"line": 3}}, "req.query"]],
        "intermediate_vars": [
            {"location": {"path": "b.js", "start": {"line": 1}, "end": {"line": 1}}, "content": "x"},
            {"location": {"path": "a.js", "start": {"line": 5}, "end": {"line": 6}}, "content": "y"},
        ],
        "taint_sink": ["CliLoc", [{"path": "a.js", "start": {"line": 9}, "end": {"line": 9}}, "y"]],
    }
    assert semgrep_mod.trace_locations(trace, "a.js") == [(3, 3), (5, 6)]
    assert semgrep_mod.trace_locations(None, "a.js") == []


PY_SAFE = """\
from flask import request


def login(db):
    name = str(request.get_json()["name"])
    query = {"name": name}
    return db.users.find_one(query)
"""
PY_UNSAFE = PY_SAFE.replace('str(request.get_json()["name"])', 'request.get_json()["name"]')


def test_python_a_removed_coercion_on_the_source_line_is_flagged_there():
    found = [f for f in _in_change(PY_SAFE, PY_UNSAFE, "app/login.py") if f.category == "nosql-injection"]
    assert [(f.start_line, f.sink_line) for f in found] == [(5, 7)]
    assert not [f for f in _in_change(PY_UNSAFE, PY_SAFE, "app/login.py") if f.category == "nosql-injection"]
