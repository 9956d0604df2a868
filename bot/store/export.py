"""Exports of any filtered view of the ledger: CSV (one row per advisory) and SARIF 2.1.0 (one run,
results carrying ``partialFingerprints`` and suppressions for dismissed or accepted advisories).

Streams: rows are written as they are read (keyset batches), so 100,000 advisories never sit in
memory at once. Must not import Flask or bot.hosts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from bot import __version__
from bot.core.formats import FINGERPRINT_KEY, SARIF_LEVEL, SARIF_SCHEMA, SARIF_SECURITY_SEVERITY
from bot.store.models import State
from bot.store.query import AdvisoryRecord

CSV_COLUMNS = (
    "id",
    "short_id",
    "host",
    "repo",
    "state",
    "severity",
    "confidence",
    "risk",
    "cwe",
    "category",
    "rule_id",
    "title",
    "path",
    "start_line",
    "end_line",
    "first_seen_at",
    "last_seen_at",
    "age_days",
    "due_at",
    "overdue",
    "sla_level",
    "exposure",
    "exposure_source",
    "asset",
    "data",
    "tier",
    "entry_point",
    "exploited_in_wild",
    "risk_why",
    "origin",
    "owners",
    "first_pr",
    "last_pr",
    "last_commit",
    "state_actor",
    "state_reason",
    "accepted_until",
    "approver",
    "merged_while_open",
    "merged_pr",
    "merge_commit",
    "closed_unmerged",
    "fingerprint",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """CSV cell text; a leading formula character is neutralised (spreadsheet injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _exploited(adv: AdvisoryRecord) -> str:
    known = adv.risk_factors.get("exploited_in_wild")
    if not isinstance(known, dict):
        return ""
    where = f"#{known.get('rank')} of {known.get('source')}"
    return f"{known.get('cwe')}: {where}, {known.get('kev_entries')} KEV entries"


def csv_row(adv: AdvisoryRecord) -> list[str]:
    factors = adv.risk_factors
    data = factors.get("data")
    values: dict[str, object] = {
        "short_id": adv.short_id,
        "state": adv.state.value,
        "severity": adv.severity.label,
        "confidence": adv.confidence.label,
        "sla_level": adv.sla_level.label,
        "exposure_source": factors.get("exposure_source", ""),
        "data": " ".join(str(d) for d in data) if isinstance(data, list) else "",
        "tier": factors.get("tier", ""),
        "entry_point": factors.get("entry_point", ""),
        "exploited_in_wild": _exploited(adv),
        "risk_why": factors.get("why", ""),
        "owners": " ".join(adv.owners),
    }
    return [csv_cell(values[c] if c in values else getattr(adv, c)) for c in CSV_COLUMNS]


def write_csv(records: Iterable[AdvisoryRecord], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for adv in records:
        writer.writerow(csv_row(adv))
        n += 1
    return n


def sarif_result(adv: AdvisoryRecord, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": adv.rule_id,
        "ruleIndex": rule_index,
        "level": SARIF_LEVEL[adv.severity],
        "message": {"text": f"{adv.title}: {adv.message}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": adv.path},
                    "region": {"startLine": max(1, adv.start_line), "endLine": max(1, adv.end_line)},
                }
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: adv.fingerprint},
        "properties": {
            "advisory": adv.id,
            "host": adv.host,
            "repository": adv.repo,
            "state": adv.state.value,
            "cwe": adv.cwe,
            "risk": adv.risk,
            "riskFactors": adv.risk_factors,
            "slaLevel": adv.sla_level.label,
            "exposure": adv.exposure,
            "asset": adv.asset,
            "dueAt": adv.due_at.isoformat() + "Z",
            "firstSeen": adv.first_seen_at.isoformat() + "Z",
            "ageDays": adv.age_days,
            "overdue": adv.overdue,
            "lastPullRequest": adv.last_pr,
            "mergedWhileOpen": adv.merged_while_open,
        },
    }
    if adv.state is State.FIXED:
        result["baselineState"] = "absent"
    if adv.state in (State.DISMISSED, State.RISK_ACCEPTED):
        why = adv.state_reason + (f" (until {adv.accepted_until})" if adv.accepted_until else "")
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": f"{adv.state.value}: {why}"}
        ]
    return result


def _rule(adv: AdvisoryRecord) -> dict[str, Any]:
    return {
        "id": adv.rule_id,
        "name": adv.category,
        "shortDescription": {"text": adv.title},
        "properties": {
            "tags": ["security", adv.category, adv.cwe],
            "security-severity": SARIF_SECURITY_SEVERITY[adv.severity],
        },
    }


def write_sarif(records: Iterable[AdvisoryRecord], out: TextIO) -> int:
    """Stream one SARIF 2.1.0 log; rules are written after the results (key order is free in JSON)."""
    rules: dict[str, int] = {}
    descriptors: list[dict[str, Any]] = []
    out.write(f'{{"$schema": {json.dumps(SARIF_SCHEMA)}, "version": "2.1.0", "runs": [{{"results": [')
    n = 0
    for adv in records:
        index = rules.get(adv.rule_id)
        if index is None:
            index = rules[adv.rule_id] = len(descriptors)
            descriptors.append(_rule(adv))
        out.write(("," if n else "") + "\n" + json.dumps(sarif_result(adv, index)))
        n += 1
    tool = {
        "driver": {
            "name": "Remediator",
            "version": __version__,
            "rules": descriptors,
        }
    }
    automation = {"id": "remediator/advisories/"}
    out.write(f'\n], "tool": {json.dumps(tool)}, "automationDetails": {json.dumps(automation)}}}]}}\n')
    return n
