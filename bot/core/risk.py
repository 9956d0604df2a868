"""Risk that says why: severity x confidence x exposure x asset criticality x exploitability.

Pure: standard library only. The organisation's asset map and what the analysis inferred arrive as
``Asset`` values; the known-exploited classes as ``ExploitedClass`` values (loaded by bot.config.kev
from the data file the project ships). Every factor is kept, so the comment, the summary, the ledger
and the API can all show the same reasons.

With nothing known (no asset map, nothing inferred, a class not known to be exploited) every context
factor is 1: the risk is severity x confidence, as before, and the SLA band is the severity.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.models import Confidence, Finding, Severity
from bot.core.taxonomy import category as lookup_category

CONFIDENCE_WEIGHT = {Confidence.HIGH: 1.0, Confidence.MEDIUM: 0.75, Confidence.LOW: 0.5}


class Exposure(enum.StrEnum):
    """Who can reach the code: the internet, partners, the organisation's own network, or nobody
    outside an isolated (OT) network; ``unknown`` when neither the map nor inference says."""

    INTERNET = "internet"
    PARTNER = "partner"
    INTERNAL = "internal"
    ISOLATED = "isolated"
    UNKNOWN = "unknown"


EXPOSURE_WEIGHT: Mapping[Exposure, float] = {
    Exposure.INTERNET: 1.5,
    Exposure.PARTNER: 1.25,
    Exposure.UNKNOWN: 1.0,
    Exposure.INTERNAL: 0.85,
    Exposure.ISOLATED: 0.7,
}
EXPOSURE_LABEL: Mapping[Exposure, str] = {
    Exposure.INTERNET: "internet-facing",
    Exposure.PARTNER: "partner-facing",
    Exposure.INTERNAL: "internal",
    Exposure.ISOLATED: "isolated (OT) network",
    Exposure.UNKNOWN: "exposure unknown",
}


class DataKind(enum.StrEnum):
    """What the code handles; the most sensitive kind sets the data weight."""

    CREDENTIALS = "credentials"
    PERSONAL = "personal"
    PAYMENT = "payment"
    HEALTH = "health"
    SAFETY_CONTROL = "safety-control"


DATA_WEIGHT: Mapping[DataKind, float] = {
    DataKind.SAFETY_CONTROL: 1.4,
    DataKind.PAYMENT: 1.3,
    DataKind.HEALTH: 1.3,
    DataKind.CREDENTIALS: 1.2,
    DataKind.PERSONAL: 1.15,
}
TIER_WEIGHT: Mapping[int, float] = {1: 1.5, 2: 1.25, 3: 1.0, 4: 0.8}
TIER_LABEL: Mapping[int, str] = {
    1: "tier 1 (critical)",
    2: "tier 2 (high)",
    3: "tier 3 (medium)",
    4: "tier 4 (low)",
}
DEFAULT_TIER = 3
REACHABLE_WEIGHT = 1.25
EXPLOITED_WEIGHT = REACHABLE_WEIGHT
MAX_SCORE = 4 * 1.5 * max(TIER_WEIGHT.values()) * max(DATA_WEIGHT.values()) * REACHABLE_WEIGHT**2
"""The highest score there is (critical, high confidence, the most exposed and critical place)."""
SLA_SHIFTS = ((4.0, 2), (2.0, 1), (0.75, 0), (0.4, -1))
"""Context (exposure x criticality x exploitability) at or above the bound -> SLA levels up (or down,
below 0.75 and 0.4): a place twice as exposed or critical as the default makes a high finding's
deadline a critical one's."""


@dataclass(frozen=True, slots=True)
class Asset:
    """What the organisation (or the inference) says about the code a finding sits in."""

    exposure: Exposure = Exposure.UNKNOWN
    data: tuple[DataKind, ...] = ()
    tier: int = DEFAULT_TIER
    name: str = ""
    """The asset map entry that matched (``acme/payments``, ``acme/payments:tools/**``), or ""."""
    exposure_source: str = ""
    """Why the exposure is what it is: "asset map", "inferred: internet-facing (Flask routes in
    app/views.py)", or "" when nothing said."""
    tier_source: str = ""
    """"asset map", "sector default (transport)", or "" for the default tier."""


@dataclass(frozen=True, slots=True)
class ExploitedClass:
    """A weakness class known to be exploited in the wild, with the list that says so."""

    cwe: str
    name: str
    rank: int
    mappings: int
    """Vulnerabilities of the catalog mapped to this CWE in the list's data."""
    source: str
    """Short citation, e.g. "MITRE 2023 CWE Top 10 KEV Weaknesses (CISA KEV catalog)"."""


@dataclass(frozen=True, slots=True)
class RiskFactors:
    """Every factor of one finding's risk, and the score they make."""

    severity: Severity
    confidence: Confidence
    asset: Asset = field(default_factory=Asset)
    entry_point: str = ""
    """The route the finding is reachable from (``POST /reports``), when the analysis knows it."""
    exploited: ExploitedClass | None = None

    @property
    def exposure_weight(self) -> float:
        return EXPOSURE_WEIGHT[self.asset.exposure]

    @property
    def data_weight(self) -> float:
        return max((DATA_WEIGHT[d] for d in self.asset.data), default=1.0)

    @property
    def criticality(self) -> float:
        return round(TIER_WEIGHT[self.asset.tier] * self.data_weight, 3)

    @property
    def exploitability(self) -> float:
        weight = REACHABLE_WEIGHT if self.entry_point else 1.0
        if self.exploited is not None:
            weight *= EXPLOITED_WEIGHT
        return round(weight, 4)

    @property
    def context(self) -> float:
        """Exposure x criticality x exploitability: how much this place changes the severity."""
        return self.exposure_weight * self.criticality * self.exploitability

    @property
    def score(self) -> float:
        weight = CONFIDENCE_WEIGHT[self.confidence]
        return round(int(self.severity) * weight * self.context, 2)

    @property
    def sla_level(self) -> Severity:
        """The severity whose SLA applies: the severity moved by the context (``SLA_SHIFTS``);
        confidence orders findings but never moves a deadline."""
        context = self.context
        shift = next((step for bound, step in SLA_SHIFTS if context >= bound), -2)
        return Severity(min(max(int(self.severity) + shift, 1), 4))

    def reasons(self, category_title: str) -> list[str]:
        """The factors in words, most telling first."""
        asset = self.asset
        out = []
        exposure = EXPOSURE_LABEL[asset.exposure]
        if asset.exposure_source:
            exposure += f" ({asset.exposure_source})"
        out.append(exposure)
        out += [f"{d.value} data" for d in sorted(asset.data, key=lambda d: -DATA_WEIGHT[d])]
        tier = TIER_LABEL[asset.tier]
        if asset.tier_source:
            tier = tier[:-1] + f"; {asset.tier_source})"
        out.append(tier)
        what = f"{self.severity.label} {category_title}"
        if self.entry_point:
            what += f" reachable from `{self.entry_point}`"
        out.append(what)
        if self.exploited is not None:
            e = self.exploited
            out.append(
                f"{e.cwe} is known to be exploited in the wild "
                f"(#{e.rank} of {e.source}, {e.mappings} KEV entries)"
            )
        return out

    def brief(self) -> str:
        """The factors in a few words, for a table cell."""
        asset = self.asset
        inferred = asset.exposure_source.startswith("inferred")
        out = [EXPOSURE_LABEL[asset.exposure] + (" (inferred)" if inferred else "")]
        out += [f"{d.value} data" for d in sorted(asset.data, key=lambda d: -DATA_WEIGHT[d])]
        out.append(f"tier {asset.tier}")
        if self.entry_point:
            out.append(f"reachable from `{self.entry_point}`")
        if self.exploited is not None:
            out.append(f"{self.exploited.cwe} exploited in the wild")
        return f"{self.score:.2f}: " + ", ".join(out)

    def why(self, finding: Finding) -> str:
        """Every factor in words, then the formula (the explanation without the rank)."""
        return ", ".join(self.reasons(category_title(finding))) + f"; {self.formula()}"

    def formula(self) -> str:
        return (
            f"risk {self.score:.2f} = severity {int(self.severity)} x confidence "
            f"{CONFIDENCE_WEIGHT[self.confidence]:g} ({self.confidence.label}) x exposure "
            f"{self.exposure_weight:g} x criticality {self.criticality:g} x exploitability "
            f"{self.exploitability:g}; SLA of a {self.sla_level.label} finding"
        )

    def as_dict(self, finding: Finding | None = None) -> dict[str, Any]:
        """The factors as JSON values (stored on the advisory, served by the API, exported); with the
        ``finding``, also ``why``: the factors in words and the formula."""
        asset = self.asset
        why = {"why": self.why(finding)} if finding is not None else {}
        return {
            **why,
            "score": self.score,
            "severity": int(self.severity),
            "confidence": CONFIDENCE_WEIGHT[self.confidence],
            "exposure": asset.exposure.value,
            "exposure_weight": self.exposure_weight,
            "exposure_source": asset.exposure_source,
            "data": [d.value for d in asset.data],
            "tier": asset.tier,
            "tier_source": asset.tier_source,
            "criticality": self.criticality,
            "asset": asset.name,
            "entry_point": self.entry_point,
            "exploited_in_wild": (
                {
                    "cwe": self.exploited.cwe,
                    "rank": self.exploited.rank,
                    "kev_entries": self.exploited.mappings,
                    "source": self.exploited.source,
                }
                if self.exploited is not None
                else None
            ),
            "exploitability": self.exploitability,
            "sla_level": self.sla_level.label,
        }


def category_title(finding: Finding) -> str:
    """The class's name from the taxonomy (never the finding's own, possibly model-written, title)."""
    known = lookup_category(finding.category)
    if known.id == "other" and finding.category != "other":
        return "security weakness"
    title = known.title
    return title if title[:2].isupper() else title[0].lower() + title[1:]


def explain(factors: RiskFactors, finding: Finding, rank: int, total: int) -> str:
    """``ranked 1 of 3: internet-facing (...), payment data, tier 1 (critical), critical command
    injection reachable from `POST /reports`, ...; risk 9.84 = ...``"""
    return (
        f"ranked {rank} of {total}: "
        + ", ".join(factors.reasons(category_title(finding)))
        + (f"; {factors.formula()}")
    )


def neutral_factors(finding: Finding) -> RiskFactors:
    """The factors when nothing is known about where the finding sits."""
    return RiskFactors(finding.severity, finding.confidence)
