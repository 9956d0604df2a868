"""Mechanical fixers: a finding without a rule-provided fix gets one where a safe rewrite exists; the
pipeline then verifies it like every fix (apply to a scratch copy, parse, re-scan).

Must not import the hosts, the store, the LLM package or the web.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.analysis.fixers import python_sql
from bot.core.models import Finding, SourceFile


def propose(finding: Finding, files: Mapping[str, SourceFile]) -> Finding:
    """``finding`` with a mechanical fix where one applies (to be verified), else unchanged."""
    sf = files.get(finding.path)
    if sf is None or finding.replacement is not None:
        return finding
    return python_sql.propose(finding, sf) or finding
