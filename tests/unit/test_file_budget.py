"""A file that exhausts semgrep's per-file time budget (``--timeout 30 --timeout-threshold 3``) is
reported as not fully reviewed and makes the review partial; the worker goes on with the others."""

from __future__ import annotations

from bot.analysis import flow as flow_mod
from bot.analysis.pipeline import SEMGREP_TIME_BUDGET, _describe_semgrep_error, _file_coverage
from bot.core.coverage import Coverage, FileState
from bot.core.diffmap import file_change
from bot.core.models import FileStatus, SourceFile


def _source(path: str) -> SourceFile:
    change = file_change(path, "@@ -0,0 +1 @@\n+x = 1", status=FileStatus.ADDED)
    return SourceFile(change, "x = 1\n", "python", False)


def test_a_semgrep_timeout_marks_the_file_not_fully_reviewed_and_the_review_partial():
    for kind in ("Timeout", ["Timeout", "rule"], "OutOfMemoryTimeout"):
        error = {"type": kind, "path": "slow.py", "spans": [{"start": {"line": 1}}]}
        assert _describe_semgrep_error(error) == SEMGREP_TIME_BUDGET
    slow = _file_coverage(
        _source("slow.py"), True, True, SEMGREP_TIME_BUDGET, False, flow=flow_mod.FlowResult()
    )
    fine = _file_coverage(_source("ok.py"), True, True, None, False, flow=flow_mod.FlowResult())
    assert slow.state is FileState.PARTIAL and slow.detail.startswith("not fully reviewed")
    assert fine.state is FileState.ANALYSED
    assert not Coverage((slow, fine)).complete


def test_a_parse_error_is_still_a_parse_problem():
    error = {"type": ["PartialParsing", "x"], "path": "a.py", "spans": [{"start": {"line": 3}}]}
    assert _describe_semgrep_error(error) == "PartialParsing at line 3"
