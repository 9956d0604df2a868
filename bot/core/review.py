"""Turn findings into the review a pull request gets: rank by risk, anchor, place inline or summary.

Pure: standard library only. ``build_review`` is the single place that decides what is commented
inline, what goes to the summary, and why.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from bot.core.coverage import Coverage
from bot.core.models import ChangeSet, Confidence, FileChange, Finding, Severity
from bot.core.risk import CONFIDENCE_WEIGHT, RiskFactors, explain, neutral_factors

Factors = Callable[[Finding], RiskFactors]
"""A finding's risk factors where it sits (bot.analysis.exposure.RiskContext.factors)."""
DIFF_LEVEL_PREFIX = "diff-"
"""Rule ids of findings about what a change deletes: without an added line to sit on, they go to the
summary instead of being dropped as outside the change."""


@dataclass(frozen=True, slots=True)
class Policy:
    """What goes inline: findings at or above both thresholds, at most ``max_inline`` of them."""

    min_severity: Severity = Severity.LOW
    min_confidence: Confidence = Confidence.LOW
    max_inline: int = 25


class Placement(enum.Enum):
    INLINE = "inline"
    SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a comment sits: new-side lines ``start_line``..``line`` of ``path`` within one hunk."""

    path: str
    line: int
    start_line: int | None = None
    suggestion: bool = False
    """Whether the comment offers a one-click suggestion: the finding has a fix (``replacement``) and
    every line it replaces, ``start_line``..``line``, is an added line of one hunk."""


@dataclass(frozen=True, slots=True)
class RankedFinding:
    finding: Finding
    rank: int
    risk: float
    why_rank: str
    placement: Placement
    anchor: Anchor | None
    summary_reason: str = ""
    factors: RiskFactors | None = None
    """Every factor of ``risk`` (None only for values built by hand in tests)."""

    @property
    def risk_factors(self) -> RiskFactors:
        return self.factors if self.factors is not None else neutral_factors(self.finding)


@dataclass(frozen=True, slots=True)
class Review:
    findings: tuple[RankedFinding, ...]
    outside_change: tuple[Finding, ...]
    coverage: Coverage
    notes: tuple[str, ...] = ()
    engines: tuple[str, ...] = ()
    failures: tuple[str, ...] = field(default=())

    @property
    def inline(self) -> tuple[RankedFinding, ...]:
        return tuple(r for r in self.findings if r.placement is Placement.INLINE)

    @property
    def summary_only(self) -> tuple[RankedFinding, ...]:
        return tuple(r for r in self.findings if r.placement is Placement.SUMMARY)

    @property
    def complete(self) -> bool:
        return not self.failures and self.coverage.complete

    def worst_severity(self) -> Severity | None:
        return max((r.finding.severity for r in self.findings), default=None)


def risk_score(finding: Finding) -> float:
    """Severity (1-4) times a confidence weight: the risk when nothing is known about the place."""
    return round(int(finding.severity) * CONFIDENCE_WEIGHT[finding.confidence], 2)


def anchor_for(finding: Finding, change: FileChange) -> Anchor | None:
    """The comment anchor for a finding, or None when it touches no added line of the change."""
    added = change.added_lines
    touched = [n for n in finding.lines if n in added]
    if not touched:
        return None
    hunk = change.hunk_for(touched[0])
    if hunk is None:  # an added line always lies in a hunk; be total anyway
        return None
    in_hunk = {dl.new_no for dl in hunk.lines if dl.new_no is not None}
    span = list(finding.lines)
    if all(n in in_hunk for n in span):
        all_added = all(n in added for n in span)
        start = finding.start_line if finding.end_line > finding.start_line else None
        offered = all_added and finding.replacement is not None
        return Anchor(change.path, finding.end_line, start, suggestion=offered)
    first = touched[0]
    run_end = first
    while run_end + 1 in added and run_end + 1 <= finding.end_line and run_end + 1 in in_hunk:
        run_end += 1
    start = first if run_end > first else None
    return Anchor(change.path, run_end, start, suggestion=False)


def reported_in_change(finding: Finding, change: FileChange | None) -> bool:
    """Whether a review reports ``finding`` (inline or in its summary) rather than setting it aside
    as outside the change: it touches an added line, or it is a finding about the change itself
    (``diff-`` rules) beside lines the change only deletes."""
    if change is None:
        return False
    touched = any(n in change.added_lines for n in finding.lines)
    return touched or finding.rule_id.startswith(DIFF_LEVEL_PREFIX)


def build_review(
    findings: Iterable[Finding],
    changeset: ChangeSet,
    coverage: Coverage,
    policy: Policy,
    *,
    notes: Iterable[str] = (),
    engines: Iterable[str] = (),
    failures: Iterable[str] = (),
    summary_only: Mapping[str, str] | None = None,
    factors: Factors | None = None,
) -> Review:
    """Rank ``findings`` by risk where they sit (``factors``: exposure, asset criticality and
    exploitability; neutral without it) and place each one inline or in the summary, saying why:
    the inline cap (the noise budget) is spent from the highest risk down. ``summary_only`` maps
    paths whose findings are never inline (files that look generated) to the reason."""
    factors_of = factors or neutral_factors
    summary_only = summary_only or {}
    in_change: list[tuple[Finding, Anchor | None, RiskFactors]] = []
    outside: list[Finding] = []
    for f in findings:
        change = changeset.file(f.path)
        anchor = anchor_for(f, change) if change else None
        if not reported_in_change(f, change):
            outside.append(f)
        else:
            in_change.append((f, anchor, factors_of(f)))
    in_change.sort(key=lambda fa: (-fa[2].score, -int(fa[0].severity), fa[0].path, fa[0].start_line))
    total = len(in_change)
    ranked: list[RankedFinding] = []
    inline_count = 0
    for index, (f, anchor, fx) in enumerate(in_change, start=1):
        risk = fx.score
        why = explain(fx, f, index, total)
        if anchor is None:
            placement, reason = (
                Placement.SUMMARY,
                "the change only deletes lines there (no line to comment on)",
            )
        elif f.path in summary_only:
            placement, reason = Placement.SUMMARY, summary_only[f.path]
        elif f.verifier_note:
            placement, reason = (
                Placement.SUMMARY,
                f"the LLM verifier judged it not exploitable: {f.verifier_note}",
            )
        elif f.severity < policy.min_severity:
            placement, reason = Placement.SUMMARY, f"below the {policy.min_severity.label} severity threshold"
        elif f.confidence < policy.min_confidence:
            placement, reason = (
                Placement.SUMMARY,
                f"below the {policy.min_confidence.label} confidence threshold",
            )
        elif inline_count >= policy.max_inline:
            placement, reason = Placement.SUMMARY, f"over the cap of {policy.max_inline} inline comments"
        else:
            placement, reason = Placement.INLINE, ""
            inline_count += 1
        ranked.append(RankedFinding(f, index, risk, why, placement, anchor, reason, fx))
    outside.sort(key=lambda f: (f.path, f.start_line))
    return Review(
        findings=tuple(ranked),
        outside_change=tuple(outside),
        coverage=coverage,
        notes=tuple(notes),
        engines=tuple(engines),
        failures=tuple(failures),
    )
