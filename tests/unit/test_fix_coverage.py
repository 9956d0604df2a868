"""Issue 12's first done-when line as a test, not only a benchmark: on the labelled corpus, reviewed as
one change with no model (``benchmarks/fix_coverage.py``'s measure), the share of inline findings whose
comment offers a verified suggestion (its lines all added, in one hunk) stays at or above the floor. That
the suggestions apply as the hosts apply them and re-scan clean is tests/contract/test_fix_suggestions."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FLOOR = 0.73
"""Measured 204 of 277 (73.6%) on 2026-12-07 (benchmarks/README.md, ``final3``); issue 12 asks 70%.
May only go up, and only to what was measured."""


def _measure():
    spec = importlib.util.spec_from_file_location("fix_coverage", ROOT / "benchmarks" / "fix_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.measure(ROOT / "tests" / "corpus")


@pytest.mark.slow
def test_the_corpus_share_of_inline_findings_with_a_verified_fix_stays_above_the_floor():
    result = _measure()
    assert result["inline"] >= 250
    assert result["with_fix"] / result["inline"] >= FLOOR, result["classes"]
    # every class the issue names has verified fixes
    for named in ("sql-injection", "command-injection", "workflow-injection", "path-traversal", "xss"):
        assert result["classes"][named]["with_fix"] > 0, named
