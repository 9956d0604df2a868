"""The LLM step of a review: injection checks on untrusted context, then detection per chunk and
verification per candidate (static findings included), within budget, cached, in parallel.

``augment`` is the one entry point the pipeline calls. Every failure degrades to the static
findings with a note saying what the LLM pass could not do. openai is imported only when a model
is actually built (``bot.llm.client``).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from bot.config.settings import Settings
from bot.core.models import ChangeSet, Confidence, Finding, Provenance, Severity, SourceFile
from bot.errors import RemediatorError
from bot.llm import injection
from bot.llm.types import ENGINE, LLMOutcome, ReviewContext, Usage

logger = logging.getLogger(__name__)

STATIC_ONLY_NOTE = "Static analysis only: no LLM is configured for this review."
DETECT_OUTPUT_RESERVE = 1200
VERIFY_OUTPUT_RESERVE = 900
DETECT_SHARE = 0.7
PR_TEXT_LIMIT = 2000
VERIFY_MAX_FILE_TOKENS = 1500
VERIFY_WINDOW = 10
MAX_FINDING_SPAN = 40
NEVER_DOWNGRADED = {"prompt-injection", "hardcoded-secret"}


@dataclass
class _Candidate:
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


def augment(
    findings: Sequence[Finding],
    files: Sequence[SourceFile],
    changeset: ChangeSet,
    settings: Settings,
    context: ReviewContext,
    *,
    progress: Callable[[str], None] = lambda _: None,
    model: object | None = None,
    store: object | None = None,
    now: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> LLMOutcome:
    """Findings after the LLM step (static ones updated, LLM-only ones added), notes, usage, coverage.

    Prompt-injection checks of the PR text and file names run always; the model only when
    ``settings.llm_configured``. ``model`` and ``store`` may be injected (tests, benchmarks).
    """
    name_findings, notes = injection.scan_file_names(changeset.files)
    notes += injection.scan_context(context.title, context.body, context.commit_messages)
    base = [*findings, *name_findings]
    if not settings.llm_configured:
        return LLMOutcome(base, notes)
    try:
        from bot.llm.passes import LLMPass  # noqa: PLC0415 - heavy deps only when a model is configured
        from bot.llm.store import SqliteLLMStore  # noqa: PLC0415

        if model is None:
            from bot.llm.client import OpenAIChat  # noqa: PLC0415

            model = OpenAIChat(
                api_key=settings.openai_api_key,
                base_url=settings.openai_base_url,
                model=settings.llm_model,
                timeout=settings.llm_timeout,
                sleep=sleep,
                now=now,
            )
        if store is None:
            store = SqliteLLMStore(settings.data_dir / "llm.sqlite3")
        outcome = LLMPass(settings, context, model, store, now).run(base, files, progress)  # type: ignore[arg-type]
    except (RemediatorError, sqlite3.Error, OSError, ImportError) as exc:
        logger.warning("LLM review not run: %s", exc)
        outcome = LLMOutcome(
            base,
            [f"The LLM review could not run ({exc}); this review is static analysis only."],
            Usage(),
        )
    except Exception as exc:  # the LLM pass only enriches: a defect in it (an
        # IndexError on unexpected context, a bad answer slipping past validation) must leave the
        # static review standing with a note, never fail the whole review (issue 15, item 8).
        logger.exception("LLM review failed; keeping the static review")
        outcome = LLMOutcome(
            base,
            [
                f"The LLM review failed ({type(exc).__name__}); this review is static analysis only. "
                "The failure was logged for the operators."
            ],
            Usage(),
        )
    outcome.notes[:0] = notes
    return outcome


def candidate_from(item: dict[str, object], path: str, offset: int, chunk_key: str) -> _Candidate:
    return _Candidate(
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


def llm_finding(c: _Candidate, verdict: dict[str, object], provenance: Provenance) -> Finding:
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
    """A static finding with the verifier's explanation/remediation where the rule has none, and
    its confidence lowered (never removed) when the verifier judged it not exploitable here."""
    changes: dict[str, object] = {}
    if not f.explanation and verdict.get("explanation"):
        changes["explanation"] = str(verdict["explanation"])
    if not f.remediation and verdict.get("remediation"):
        changes["remediation"] = tuple(str(s) for s in verdict["remediation"])  # type: ignore[attr-defined]
    if verdict["verdict"] == "not_exploitable" and f.category not in NEVER_DOWNGRADED:
        changes["confidence"] = Confidence.LOW
        reason = str(verdict.get("reason") or "").strip()
        changes["message"] = (
            f"{f.message} (The LLM verifier ({model}) judged it not exploitable here: {reason})"
        )
    return f.with_(**changes) if changes else f


def _cwe(category: str) -> str:
    from bot.core.taxonomy import category as lookup  # noqa: PLC0415

    return lookup(category).cwe


def pool(workers: int) -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="llm")
