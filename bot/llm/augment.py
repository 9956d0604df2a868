"""The LLM step of a review: injection checks on untrusted context, then detection per chunk and
verification per candidate (static findings included), within budget, cached, in parallel.

``augment`` is the one entry point the pipeline calls. Every failure degrades to the static
findings with a note saying what the LLM pass could not do. openai is imported only when a model
is actually built (``bot.llm.client``).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence

from bot.config.settings import Settings
from bot.core.models import ChangeSet, Finding, SourceFile
from bot.errors import RemediatorError
from bot.llm import injection
from bot.llm.budget import OutsideShare
from bot.llm.types import LLMOutcome, ReviewContext, Usage

logger = logging.getLogger(__name__)

STATIC_ONLY_NOTE = "Static analysis only: no LLM is configured for this review."


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
        from bot.llm.store import open_llm_store  # noqa: PLC0415

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
            store = open_llm_store(settings, now)
        share = OutsideShare.of(settings, context, store, now)  # type: ignore[arg-type]
        refusal = share.refusal() if share else None
        if refusal:
            outcome = LLMOutcome(base, [refusal], Usage())
        else:
            outcome = LLMPass(settings, context, model, store, now).run(base, files, progress)  # type: ignore[arg-type]
            if share:
                share.charge(outcome.usage)
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
