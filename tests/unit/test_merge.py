"""Merging analyzer results: one finding per flaw, corroboration raises confidence once per engine."""

from __future__ import annotations

from bot.analysis.pipeline import _merge
from bot.core.models import Confidence, Finding, Provenance, Severity


def _f(
    engine, rule, line, *, category="deserialization", conf=Confidence.MEDIUM, sev=Severity.HIGH, fix=None
):
    return Finding(
        rule_id=rule,
        engine=engine,
        category=category,
        cwe="CWE-502",
        title="t",
        severity=sev,
        confidence=conf,
        path="a.py",
        start_line=line,
        end_line=line,
        message="m",
        replacement=fix,
        provenance=Provenance(engine=engine),
    )


def test_same_flaw_from_two_engines_is_one_finding_with_raised_confidence():
    sg = _f("semgrep", "py-yaml-unsafe-load", 3, fix="x = yaml.safe_load(d)")
    b1 = _f("bandit", "bandit-B506", 3)
    b2 = _f("bandit", "bandit-B506-again", 3)
    (merged,) = _merge([sg], [b1, b2], [])
    assert merged.rule_id == "py-yaml-unsafe-load" and merged.replacement == "x = yaml.safe_load(d)"
    assert merged.confidence is Confidence.HIGH  # bumped once, not twice
    assert merged.provenance.corroborated_by == ("bandit:bandit-B506",)


def test_corroborating_only_findings_never_stand_alone():
    sg = _f("semgrep", "py-sqli", 5, category="sql-injection", conf=Confidence.LOW)
    lone = _f("bandit", "bandit-B608", 9, category="sql-injection")
    support = _f("bandit", "bandit-B608", 5, category="sql-injection")
    out = _merge([sg], [], [lone, support])
    assert [f.start_line for f in out] == [5]
    assert out[0].confidence is Confidence.MEDIUM


def test_different_categories_or_lines_stay_separate():
    out = _merge(
        [_f("semgrep", "r1", 3), _f("semgrep", "r2", 3, category="xss"), _f("semgrep", "r3", 7)], [], []
    )
    assert len(out) == 3
