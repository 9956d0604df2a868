"""Value types shared by the LLM pass and the pipeline (standard library only).

Must not import openai, tree-sitter or tiktoken: ``bot.analysis.pipeline`` imports this module
on every review, with or without a model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.coverage import FileCoverage
from bot.core.models import Finding
from bot.core.taxonomy import DEFAULT_EXCLUDE

MODEL_FIX_STEP_PREFIX = "The suggested fix was written by a model"
NO_VERIFIED_FIX = (
    "A fix was written for this finding, but no fix could be verified (it failed the re-scan or "
    "changed more than the flagged expression), so none is offered."
)
"""How the step that credits a model-written fix begins (dropped with the fix when it is withheld)."""

ENGINE = "llm"


@dataclass(frozen=True, slots=True)
class ReviewContext:
    """What the review knows about the change besides its files.

    ``title``, ``body`` and ``commit_messages`` are untrusted text written by the change's author:
    they are shown to the model fenced as data and scanned for prompt injection, never obeyed.
    ``llm_exclude`` comes from the repository's default-branch config (None: the defaults).
    """

    repo: str = ""
    title: str = ""
    body: str = ""
    commit_messages: tuple[str, ...] = ()
    llm_exclude: tuple[str, ...] | None = None
    llm_seconds: float | None = None
    """Seconds the LLM pass may take (a worker gives it half of the job's lease); None: no limit."""
    outside_author: str = ""
    """The author of a pull request from a fork: their LLM use has its own monthly share."""

    @property
    def excluded_classes(self) -> frozenset[str]:
        return frozenset(DEFAULT_EXCLUDE if self.llm_exclude is None else self.llm_exclude)


@dataclass(slots=True)
class Usage:
    """What one review's LLM pass cost and did."""

    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    cached: int = 0
    sent_chunks: int = 0
    dropped_malformed: int = 0
    dropped_outside_change: int = 0
    dropped_excluded: int = 0
    dropped_unverified: int = 0
    dropped_bad_fix: int = 0
    failed_requests: int = 0

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(slots=True)
class LLMOutcome:
    """What the LLM step hands back to the pipeline: the findings (static ones updated), notes,
    usage and per-file coverage additions (path -> (analyzer name or "", detail))."""

    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    coverage: dict[str, tuple[str, str]] = field(default_factory=dict)
    ran: bool = False
    engine_label: str = ""
    confirm_fix: Callable[[Finding, str, str], bool] | None = None
    """For fix verification: a second model request on a model-written fix for a flaw no analyzer
    can re-check (finding, original file, fixed file) -> whether the fix holds; None without a model."""

    def apply_notes(self, notes: list[str], static_only_note: str) -> list[str]:
        """The pipeline's notes with the "static only" note replaced when the LLM actually ran."""
        kept = [n for n in notes if not (self.ran and n == static_only_note)]
        return [*kept, *self.notes]

    def apply_coverage(self, entries: list[FileCoverage]) -> list[FileCoverage]:
        """Coverage entries with the LLM's analyzer name and skip reasons added per file."""
        out: list[FileCoverage] = []
        for fc in entries:
            extra = self.coverage.get(fc.path)
            if extra is None or fc.reason is not None:
                out.append(fc)
                continue
            analyzer, detail = extra
            analyzers = (*fc.analyzers, analyzer) if analyzer else fc.analyzers
            details = "; ".join(d for d in (fc.detail, detail) if d)
            out.append(FileCoverage(fc.path, fc.state, analyzers, fc.reason, details))
        return out
