"""LLM candidates and what becomes of them: budgets' constants, a candidate from a detection item,
an LLM-only finding from a verdict, a static finding enriched by one.

Shared by the passes (``passes.py``) and the entry point (``augment.py``); imports neither.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.core.models import Confidence, Finding, Provenance, Severity
from bot.core.taxonomy import category as lookup
from bot.llm.types import ENGINE
from bot.obs.context import ContextThreadPool

DETECT_OUTPUT_RESERVE = 1200
VERIFY_OUTPUT_RESERVE = 900
DETECT_SHARE = 0.7
PR_TEXT_LIMIT = 2000
VERIFY_MAX_FILE_TOKENS = 1500
VERIFY_WINDOW = 10
MAX_FINDING_SPAN = 40
NEVER_DOWNGRADED = {"prompt-injection", "hardcoded-secret"}


@dataclass
class Candidate:
    path: str
    category: str
    title: str
    severity: Severity
    confidence: Confidence
    start_line: int
    end_line: int
    message: str
    chunk_key: str
    static: Finding | None = None


def candidate_from(item: dict[str, object], path: str, offset: int, chunk_key: str) -> Candidate:
    return Candidate(
        path=path,
        category=str(item["category"]),
        title=str(item["title"]),
        severity=Severity.parse(str(item["severity"])),
        confidence=Confidence.parse(str(item["confidence"])),
        start_line=int(str(item["start_line"])) + offset,
        end_line=int(str(item["end_line"])) + offset,
        message=str(item["message"]),
        chunk_key=chunk_key,
    )


def relative(items: list[dict[str, object]], anchor: int) -> str:
    """Detection items with lines relative to ``anchor`` (for the cache), as JSON."""
    out = []
    for item in items:
        moved = dict(item)
        moved["start_line"] = int(str(item["start_line"])) - anchor
        moved["end_line"] = int(str(item["end_line"])) - anchor
        out.append(moved)
    return json.dumps(out, sort_keys=True)


def llm_finding(c: Candidate, verdict: dict[str, object], provenance: Provenance) -> Finding:
    remediation = tuple(str(s) for s in verdict.get("remediation") or [])  # type: ignore[attr-defined]
    return Finding(
        rule_id=f"llm-{c.category}",
        engine=ENGINE,
        category=c.category,
        cwe=_cwe(c.category),
        title=c.title,
        severity=Severity.parse(str(verdict["severity"])),
        confidence=Confidence.parse(str(verdict["confidence"])),
        path=c.path,
        start_line=c.start_line,
        end_line=c.end_line,
        message=f"{c.message} (Found by the LLM review only; no static rule corroborates it.)",
        explanation=str(verdict.get("explanation") or ""),
        remediation=remediation,
        provenance=provenance,
    )


def enrich_static(f: Finding, verdict: dict[str, object], model: str) -> Finding:
    """A static finding with the verifier's explanation/remediation where the rule has none; when the
    verifier judged it not exploitable here, its confidence is lowered and its reason recorded, which
    moves it from the inline comments to the summary (never removed)."""
    changes: dict[str, object] = {}
    if not f.explanation and verdict.get("explanation"):
        changes["explanation"] = str(verdict["explanation"])
    if not f.remediation and verdict.get("remediation"):
        changes["remediation"] = tuple(str(s) for s in verdict["remediation"])  # type: ignore[attr-defined]
    if verdict["verdict"] == "not_exploitable" and f.category not in NEVER_DOWNGRADED:
        changes["confidence"] = Confidence.LOW
        reason = " ".join(str(verdict.get("reason") or "").split()) or "no reason given"
        changes["verifier_note"] = f"{model}: {reason}"
        changes["message"] = (
            f"{f.message} (The LLM verifier ({model}) judged it not exploitable here: {reason})"
        )
    return f.with_(**changes) if changes else f


def _cwe(category: str) -> str:
    return lookup(category).cwe


def pool(workers: int) -> ThreadPoolExecutor:
    """Threads for concurrent LLM requests; their log lines carry the review's fields."""
    return ContextThreadPool(max_workers=max(1, workers), thread_name_prefix="llm")
