"""A finding on a line the change edits that the file before the change already had there (same
engine, same rule or class, as many in the same hunk) is not the change's doing and is not reported
(bot.analysis.preexisting); a new one on an edited line, or one more than before, still is."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis import preexisting
from bot.analysis import semgrep as semgrep_mod
from bot.analysis.pipeline import analyse
from bot.config.settings import Settings
from bot.core.diffmap import base_text, parse_diff
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, LineKind, Provenance, Severity

PATH = "app/jobs.py"


def _change(before: str, after: str, path: str = PATH) -> ChangeSet:
    body = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"
    )
    return parse_diff(f"diff --git a/{path} b/{path}\n" + "".join(body))


def _finding(
    line: int,
    rule: str = "flow-python-command-injection",
    *,
    engine: str = "flow",
    confidence: Confidence = Confidence.MEDIUM,
) -> Finding:
    return Finding(
        rule_id=rule,
        engine=engine,
        category="command-injection",
        cwe="CWE-78",
        title="t",
        severity=Severity.HIGH,
        confidence=confidence,
        path=PATH,
        start_line=line,
        end_line=line,
        message="m",
        provenance=Provenance(engine=engine),
    )


def _file(changeset: ChangeSet) -> FileChange:
    (fc,) = changeset.files
    return fc


# --- the counting, on findings made by hand -------------------------------------------------------

OLD = "a\nrun(x)\nb\nc\nd\ne\nf\ng\nh\ni\nrun(y)\nj\n"
NEW = "a\nrun(x.strip())\nb\nc\nd\ne\nf\ng\nh\ni\nrun(y)\nrun(z)\nj\n"


def test_a_finding_the_removed_line_had_is_not_new_and_an_extra_one_is():
    fc = _file(_change(OLD, NEW))
    kept_shape = _finding(2)
    first, second = _finding(11), _finding(12)
    before = [_finding(2), _finding(11)]
    # hunk 1 edits line 2 (one before, one now); hunk 2 adds a call beside an unchanged one
    assert preexisting.not_new([kept_shape, first, second], before, {PATH: fc}) == {id(kept_shape)}


def test_more_than_before_in_the_hunk_all_stay():
    fc = _file(_change(OLD, OLD.replace("run(x)\n", "run(x.strip()); run(x)\nrun(x)\n")))
    head = [_finding(2), _finding(3)]
    assert preexisting.not_new(head, [_finding(2)], {PATH: fc}) == set()


def test_another_rule_of_the_same_engine_and_class_is_the_same_flaw_reshaped():
    fc = _file(_change(OLD, NEW))
    head = _finding(2, "flow-python-command-injection-argument")
    assert preexisting.not_new([head], [_finding(2)], {PATH: fc}) == {id(head)}
    other_engine = _finding(2, "py-cmdi-shell-command", engine="semgrep")
    assert preexisting.not_new([other_engine], [_finding(2)], {PATH: fc}) == set()


def test_a_more_confident_finding_than_before_is_the_change_s_doing():
    fc = _file(_change(OLD, NEW))
    sure = _finding(2, confidence=Confidence.HIGH)  # the edit lets attacker data reach the sink
    assert preexisting.not_new([sure], [_finding(2)], {PATH: fc}) == set()
    reshaped = _finding(2, "flow-python-command-injection-argument", confidence=Confidence.HIGH)
    assert preexisting.not_new([reshaped], [_finding(2)], {PATH: fc}) == set()
    assert preexisting.not_new([_finding(2, confidence=Confidence.LOW)], [_finding(2)], {PATH: fc}) != set()


def test_a_base_finding_outside_the_removed_lines_does_not_count():
    fc = _file(_change(OLD, NEW))
    # the earlier version had the flaw on an unchanged line of another hunk (old line 11), not line 2
    assert preexisting.not_new([_finding(2)], [_finding(11)], {PATH: fc}) == set()


def test_a_hunk_that_only_adds_lines_is_never_compared():
    fc = _file(_change(OLD, OLD.replace("b\n", "b\nrun(w)\n")))
    assert preexisting.edited_hunk(_finding(3), fc) is None
    assert preexisting.not_new([_finding(3)], [_finding(3)], {PATH: fc}) == set()


_LINE = st.sampled_from(["run(x)", "run(y)", "pass", "x = 1", "", "# c", "run(x)  # again"])


@settings(max_examples=150, deadline=None)
@given(st.lists(_LINE, max_size=25), st.lists(_LINE, max_size=25))
def test_any_edit_drops_exactly_the_hunks_that_had_as_many_before(old_lines, new_lines):
    """Findings on every ``run(`` line at the head and before the change: in each hunk that removes
    lines, the head's are dropped exactly when they are no more than the removed lines' ones."""
    old = "".join(f"{line}\n" for line in old_lines)
    new = "".join(f"{line}\n" for line in new_lines)
    changeset = _change(old, new)
    if not changeset.files:
        return
    fc = _file(changeset)
    assert base_text(new, fc.hunks) == old
    head = [_finding(n) for n, line in enumerate(new_lines, 1) if line.startswith("run(")]
    before = [_finding(n) for n, line in enumerate(old_lines, 1) if line.startswith("run(")]
    dropped = preexisting.not_new(head, before, {PATH: fc})
    for hunk in fc.hunks:
        added = [dl.new_no for dl in hunk.lines if dl.kind is LineKind.ADDED]
        removed = [dl.old_no for dl in hunk.lines if dl.kind is LineKind.REMOVED]
        mine = [f for f in head if f.start_line in added]
        had = [f for f in before if f.start_line in removed]
        expected = bool(removed) and len(mine) <= len(had)
        assert {id(f) in dropped for f in mine} <= {expected}


# --- the whole review: the engines run again on the earlier version -------------------------------

BEFORE = """\
import os


def archive(name):
    cmd = "tar czf /srv/out.tgz " + name
    os.system(cmd)
    return cmd
"""
# the fix edits the flagged line (and the one building the command) and keeps the flaw
KEPT = BEFORE.replace('"tar czf /srv/out.tgz " + name', '"tar czf /srv/backup.tgz " + name.strip()').replace(
    "os.system(cmd)", "os.system(cmd)  # nightly"
)
SAFE_BEFORE = BEFORE.replace("os.system(cmd)", 'os.system("tar czf /srv/out.tgz data")')
TWICE = BEFORE.replace("    os.system(cmd)\n", "    os.system(cmd)  # nightly\n    os.system(cmd + ' &')\n")


def _reported(before: str, after: str) -> tuple[list[Finding], list[str]]:
    changeset = _change(before, after)
    result = analyse(changeset, {PATH: after.encode()}.get, Settings(llm_enabled=False))
    fc = _file(changeset)
    found = [
        f
        for f in result.findings
        if f.category == "command-injection" and any(n in fc.added_lines for n in f.lines)
    ]
    return found, result.notes


needs_semgrep = pytest.mark.skipif(semgrep_mod.semgrep_core_binary() is None, reason="semgrep not installed")


@needs_semgrep
def test_an_edited_line_that_keeps_a_flow_finding_is_not_reported():
    found, notes = _reported(BEFORE, KEPT)
    assert found == [], [f"{f.rule_id}:{f.start_line}" for f in found]
    assert any("the file had them there before the change" in n for n in notes)


@needs_semgrep
def test_a_new_finding_on_an_edited_line_is_reported():
    found, notes = _reported(SAFE_BEFORE, KEPT)
    assert any(f.engine == "flow" and f.start_line == 6 for f in found)
    assert not any("before the change" in n for n in notes)


@needs_semgrep
def test_a_hunk_that_adds_a_second_instance_is_reported():
    found, _ = _reported(BEFORE, TWICE)
    assert {f.start_line for f in found if f.engine == "flow"} >= {6, 7}


RB_BEFORE = """\
class CacheEntry
  def self.read(blob)
    value = Marshal.load(blob)
    value
  end
end
"""
RB_KEPT = RB_BEFORE.replace("Marshal.load(blob)", "Marshal.load(blob.to_s)")
RB_NEW = RB_BEFORE.replace("Marshal.load(blob)", "JSON.parse(blob)")


def _rule_pack(before: str, after: str, path: str = "lib/cache_entry.rb") -> list[Finding]:
    changeset = _change(before, after, path)
    result = analyse(changeset, {path: after.encode()}.get, Settings(llm_enabled=False))
    fc = _file(changeset)
    return [
        f
        for f in result.findings
        if f.category == "deserialization" and any(n in fc.added_lines for n in f.lines)
    ]


@needs_semgrep
def test_a_rule_pack_finding_the_edited_line_already_had_is_not_reported_and_a_new_one_is():
    assert _rule_pack(RB_BEFORE, RB_KEPT) == []
    assert [f.rule_id for f in _rule_pack(RB_NEW, RB_KEPT)] == ["rb-deserialization-marshal-yaml"]


JAVA_BEFORE = """\
class S extends HttpServlet {
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String host = request.getParameter("host");
        Runtime.getRuntime().exec("ping -c 1 " + host);
    }
}
"""
JAVA_KEPT = JAVA_BEFORE.replace('"ping -c 1 " + host', '"ping -c 3 " + host.trim()')
JAVA_NEW = JAVA_BEFORE.replace('"ping -c 1 " + host', '"ping -c 1 localhost"')


def _java(before: str, after: str, path: str = "src/S.java") -> list[Finding]:
    changeset = _change(before, after, path)
    result = analyse(changeset, {path: after.encode()}.get, Settings(llm_enabled=False))
    fc = _file(changeset)
    return [
        f
        for f in result.findings
        if f.category == "command-injection"
        and f.engine == "flow"
        and any(n in fc.added_lines for n in f.lines)
    ]


@needs_semgrep
def test_a_java_flow_finding_the_edited_line_already_had_is_not_reported_and_a_new_one_is():
    assert _java(JAVA_BEFORE, JAVA_KEPT) == []
    assert [f.start_line for f in _java(JAVA_NEW, JAVA_KEPT)] == [4]


BRANCHES = """\
import os
from subprocess import Popen


def gpg(cmd):
    line = " ".join(cmd)
    if os.name == "posix":
        return Popen(cmd, shell=False)
    else:
        return Popen(line, shell=True)
"""
# the safe branch is gone: the kept call is flagged as before, but the removed safe call may be the one
MERGED = BRANCHES.split('    if os.name == "posix"', maxsplit=1)[0] + "    return Popen(line, shell=True)\n"


@needs_semgrep
def test_a_hunk_that_removes_an_unflagged_call_of_the_sink_keeps_the_finding():
    found, _ = _reported(BRANCHES, MERGED)
    assert [f.rule_id for f in found if f.engine == "flow"] == ["flow-python-command-injection"]
    # the other way, the fix that adds the safe branch beside the flagged call, is not flagged
    assert not [f for f in _reported(MERGED, BRANCHES)[0] if f.engine == "flow"]
