"""Machine-readable renderings of a review: JSON (Remediator's own shape) and SARIF 2.1.0.

Pure: standard library only. Texts are redacted; SARIF results carry ``partialFingerprints`` so
code-scanning tools keep alert identity across runs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from bot import __version__
from bot.core.models import Finding, Severity
from bot.core.redact import redact
from bot.core.review import RankedFinding, Review
from bot.core.risk import MAX_SCORE

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "remediator/v1"
SARIF_LEVEL = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
}
SARIF_SECURITY_SEVERITY = {
    Severity.CRITICAL: "9.5",
    Severity.HIGH: "8.0",
    Severity.MEDIUM: "5.5",
    Severity.LOW: "3.0",
}


def finding_dict(f: Finding) -> dict[str, Any]:
    return {
        "fingerprint": f.fingerprint,
        "rule_id": f.rule_id,
        "engine": f.engine,
        "category": f.category,
        "cwe": f.cwe,
        "title": redact(f.title),
        "severity": f.severity.label,
        "confidence": f.confidence.label,
        "path": f.path,
        "start_line": f.start_line,
        "end_line": f.end_line,
        "symbol": f.symbol,
        "message": redact(f.message),
        "explanation": redact(f.explanation),
        "remediation": [redact(s) for s in f.remediation],
        "replacement": redact(f.replacement) if f.replacement is not None else None,
        # who wrote the verified replacement: a model, or the analyzers (a rule's fix or a fixer)
        "replacement_by": None
        if f.replacement is None
        else ("model" if f.fix_origin == "model" else "analyzer"),
        "provenance": {
            "engine": f.provenance.engine,
            "tool_version": f.provenance.tool_version,
            "model": f.provenance.model,
            "prompt_version": f.provenance.prompt_version,
            "config_hash": f.provenance.config_hash,
            "corroborated_by": list(f.provenance.corroborated_by),
        },
    }


def _ranked_dict(rf: RankedFinding) -> dict[str, Any]:
    anchor = None
    if rf.anchor is not None:
        anchor = {
            "path": rf.anchor.path,
            "start_line": rf.anchor.start_line,
            "line": rf.anchor.line,
            "suggestion": rf.anchor.suggestion,
        }
    return {
        **finding_dict(rf.finding),
        "rank": rf.rank,
        "risk": rf.risk,
        "risk_factors": rf.risk_factors.as_dict(rf.finding),
        "why_rank": rf.why_rank,
        "placement": rf.placement.value,
        "summary_reason": rf.summary_reason,
        "anchor": anchor,
    }


def review_json(review: Review) -> dict[str, Any]:
    cov = review.coverage
    return {
        "tool": {"name": "remediator", "version": __version__},
        "complete": review.complete,
        "engines": list(review.engines),
        "findings": [_ranked_dict(rf) for rf in review.findings],
        "outside_change": [finding_dict(f) for f in review.outside_change],
        "coverage": {
            "analysed": len(cov.analysed),
            "partial": len(cov.partial),
            "skipped": len(cov.skipped),
            "files": [
                {
                    "path": fc.path,
                    "state": fc.state.value,
                    "analyzers": list(fc.analyzers),
                    "reason": fc.reason.value if fc.reason else None,
                    "detail": fc.detail,
                }
                for fc in cov.files
            ],
        },
        "notes": [redact(n) for n in review.notes],
        "failures": [redact(n) for n in review.failures],
    }


def _rule_descriptor(f: Finding) -> dict[str, Any]:
    help_text = redact(f.explanation) or redact(f.title)
    if f.remediation:
        help_text += "\n" + "\n".join(f"{i}. {redact(s)}" for i, s in enumerate(f.remediation, 1))
    return {
        "id": f.rule_id,
        "name": f.category,
        "shortDescription": {"text": redact(f.title)},
        "fullDescription": {"text": redact(f.explanation) or redact(f.title)},
        "help": {"text": help_text},
        "properties": {
            "tags": ["security", f.category, f.cwe],
            "security-severity": SARIF_SECURITY_SEVERITY[f.severity],
            "precision": {3: "high", 2: "medium", 1: "low"}[int(f.confidence)],
        },
    }


def _result(f: Finding, rule_index: int, rf: RankedFinding | None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule_id,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[f.severity],
        "message": {"text": redact(f.message)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": f.path},
                    "region": {"startLine": f.start_line, "endLine": f.end_line},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "properties": {
            "severity": f.severity.label,
            "confidence": f.confidence.label,
            "category": f.category,
            "cwe": f.cwe,
            "engine": f.engine,
            "inChange": rf is not None,
        },
    }
    if rf is not None:
        result["rank"] = round(min(rf.risk / MAX_SCORE, 1.0) * 100, 1)
        result["properties"]["placement"] = rf.placement.value
        result["properties"]["risk"] = rf.risk
        result["properties"]["riskFactors"] = rf.risk_factors.as_dict(rf.finding)
        result["properties"]["whyRank"] = redact(rf.why_rank)
        if rf.summary_reason:
            result["properties"]["summaryReason"] = redact(rf.summary_reason)
    if f.replacement is not None:
        result["fixes"] = [
            {
                "description": {"text": "Replace the flagged lines"},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": f.path},
                        "replacements": [
                            {
                                "deletedRegion": {"startLine": f.start_line, "endLine": f.end_line},
                                "insertedContent": {"text": redact(f.replacement) + "\n"},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def review_sarif(review: Review) -> dict[str, Any]:
    """The review as a SARIF 2.1.0 log (one run)."""
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results = []
    entries: list[tuple[Finding, RankedFinding | None]] = [(rf.finding, rf) for rf in review.findings]
    entries += [(f, None) for f in review.outside_change]
    for f, rf in entries:
        if f.rule_id not in index:
            index[f.rule_id] = len(rules)
            rules.append(_rule_descriptor(f))
        results.append(_result(f, index[f.rule_id], rf))
    notifications = [
        {"level": "note", "message": {"text": f"{fc.path}: {fc.describe()}"}}
        for fc in review.coverage.files
        if fc.state.value != "analysed"
    ]
    notifications += [{"level": "error", "message": {"text": redact(x)}} for x in review.failures]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "Remediator",
                        "version": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": review.complete,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": results,
            }
        ],
    }


GITLAB_SAST_VERSION = "15.0.7"
"""GitLab's security report schema version the SAST report declares (GitLab 15.0 and later)."""
_GITLAB_SEVERITY = {1: "Low", 2: "Medium", 3: "High", 4: "Critical"}
_CWE_URL = "https://cwe.mitre.org/data/definitions/{}.html"


def _steps(steps: tuple[str, ...]) -> str:
    return " ".join(f"{n}. {redact(step)}" for n, step in enumerate(steps, 1))


def _gitlab_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def review_gitlab_sast(review: Review, started: dt.datetime, ended: dt.datetime) -> dict[str, Any]:
    """The review as GitLab's SAST report (``artifacts:reports:sast``), which puts the findings in
    the merge request's security widget: every finding of the change, each with a stable id (from
    its fingerprint), its rule as the primary identifier and its CWE, its file and lines, and the
    steps as the solution. A review that could not finish says ``failure``."""
    tool = {
        "id": "remediator",
        "name": "Remediator",
        "version": __version__,
        "vendor": {"name": "Remediator"},
    }
    vulnerabilities = []
    rules: dict[str, dict[str, str]] = {}
    for rf in review.findings:
        f = rf.finding
        rule = {"type": "remediator_rule", "name": f.rule_id, "value": f.rule_id}
        rules[f.rule_id] = rule
        identifiers = [rule]
        number = f.cwe.upper().removeprefix("CWE-")
        if number.isdigit():
            identifiers.append(
                {"type": "cwe", "name": f"CWE-{number}", "value": number, "url": _CWE_URL.format(number)}
            )
        key = f.fingerprint or f"{f.rule_id}:{f.path}:{f.start_line}"
        description = " ".join(part for part in (redact(f.message), redact(f.explanation)) if part)
        vulnerabilities.append(
            {
                "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"remediator:{key}")),
                "name": redact(f.title)[:255] or f.rule_id,
                "description": description[:15000] or redact(f.title),
                "severity": _GITLAB_SEVERITY.get(int(f.severity), "Unknown"),
                "solution": " ".join(f"{n}. {redact(step)}" for n, step in enumerate(f.remediation, 1))[
                    :7000
                ],
                "identifiers": identifiers,
                "location": {
                    "file": f.path,
                    "start_line": f.start_line,
                    "end_line": max(f.end_line, f.start_line),
                },
            }
        )
    return {
        "version": GITLAB_SAST_VERSION,
        "scan": {
            "analyzer": tool,
            "scanner": tool,
            "type": "sast",
            "start_time": _gitlab_time(started),
            "end_time": _gitlab_time(ended),
            "status": "success" if review.complete else "failure",
            "primary_identifiers": sorted(rules.values(), key=lambda r: r["value"]),
        },
        "vulnerabilities": vulnerabilities,
    }
