"""The two LLM passes over one review: detection per context chunk, then verification per candidate.

Chunks are packed by security relevance within the review's token budget (70% for detection, the
rest for verification), answers are cached by (model, prompt version, content hash) with lines
relative to the chunk so a re-push re-sends only the hunks that changed, and independent requests
run with bounded concurrency. Must not import openai (the model is a ``ChatModel``).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.config.settings import Settings
from bot.core.models import Finding, Provenance, SourceFile
from bot.core.redact import PLACEHOLDER, contains_secret, redact
from bot.core.taxonomy import NOISE_CLASSES
from bot.errors import AnalyzerError
from bot.llm import prompting as pr
from bot.llm.budget import Budget
from bot.llm.candidates import (
    DETECT_OUTPUT_RESERVE,
    DETECT_SHARE,
    MAX_FINDING_SPAN,
    PR_TEXT_LIMIT,
    VERIFY_MAX_FILE_TOKENS,
    VERIFY_OUTPUT_RESERVE,
    VERIFY_WINDOW,
    Candidate,
    candidate_from,
    enrich_static,
    llm_finding,
    pool,
    relative,
)
from bot.llm.client import ChatModel
from bot.llm.context import Chunk, callers, chunks_for
from bot.llm.exchange import Asker
from bot.llm.fixguard import check_model_fix, file_names
from bot.llm.store import LLMStore
from bot.llm.tokencount import token_counter
from bot.llm.types import ENGINE, MODEL_FIX_STEP_PREFIX, NO_VERIFIED_FIX, LLMOutcome, ReviewContext, Usage

logger = logging.getLogger(__name__)


@dataclass
class _Job:
    sf: SourceFile
    chunk: Chunk
    key: str
    score: int
    done: bool = False
    skipped: str = ""


def _overlaps(a_path: str, a: tuple[int, int], b: Finding) -> bool:
    return a_path == b.path and a[0] <= b.end_line and b.start_line <= a[1]


class LLMPass:
    def __init__(
        self,
        settings: Settings,
        context: ReviewContext,
        model: ChatModel,
        store: LLMStore,
        now: Callable[[], float],
    ) -> None:
        self.settings = settings
        self.context = context
        self.model = model
        self.store = store
        self.prompts = pr.load_prompts()
        self.counter = token_counter()
        self.usage = Usage()
        self.budget = Budget(
            review_tokens=settings.llm_review_tokens,
            monthly_tokens=settings.llm_monthly_tokens,
            monthly_cost=settings.llm_monthly_cost,
            prices=settings.llm_prices,
            model=model.model,
            store=store,
            repo=context.repo,
            now=now,
        )
        deadline = None if context.llm_seconds is None else now() + context.llm_seconds
        self.asker = Asker(model, self.budget, self.counter, self.usage, deadline=deadline, now=now)
        self.excluded = context.excluded_classes
        self.config_hash = hashlib.sha256(
            json.dumps(
                [model.model, settings.openai_base_url, settings.llm_review_tokens, sorted(self.excluded)]
            ).encode()
        ).hexdigest()[:12]
        self._redacted: dict[str, list[str]] = {}
        self.provenance = Provenance(
            engine=ENGINE,
            model=model.model,
            prompt_version=self.prompts.version,
            config_hash=self.config_hash,
        )

    def safe_lines(self, sf: SourceFile) -> list[str]:
        """The file's lines redacted as a whole (a private key block is only recognised with its
        BEGIN line, which a chunk may not show), numbering kept."""
        lines = self._redacted.get(sf.path)
        if lines is None:
            lines = redact(sf.text).splitlines()
            if len(lines) != len(sf.lines):  # redaction keeps lines; never show shifted numbers
                raise AnalyzerError(f"redaction changed the line count of {sf.path}")
            self._redacted[sf.path] = lines
        return lines

    def _key(self, kind: str, *parts: str) -> str:
        return kind + ":" + pr.content_hash(self.model.model, self.prompts.version, *parts)

    # -- detection -------------------------------------------------------------------------------
    def run(
        self, findings: list[Finding], files: Sequence[SourceFile], progress: Callable[[str], None]
    ) -> LLMOutcome:
        jobs: list[_Job] = []
        for sf in files:
            for chunk in chunks_for(sf):
                key = self._key("detect", pr.chunk_key_text(chunk, sf.lines))
                hits = sum(1 for f in findings if f.path == sf.path and set(f.lines) & chunk.added)
                score, _ = pr.relevance(chunk, sf.lines, hits)
                jobs.append(_Job(sf, chunk, key, score))
        jobs.sort(key=lambda j: -j.score)
        progress(f"LLM review of {len(jobs)} chunk(s) with {self.model.model}")
        candidates: list[Candidate] = []
        to_send: list[_Job] = []
        for job in jobs:
            cached = self.store.cache_get(job.key)
            if cached is None:
                to_send.append(job)
                continue
            self.usage.cached += 1
            job.done = True
            candidates += self._accept(job, json.loads(cached), job.chunk.anchor)
        cap = int(self.settings.llm_review_tokens * DETECT_SHARE)
        with pool(self.settings.llm_concurrency) as executor:
            results = list(executor.map(lambda j: (j, self._detect(j, cap)), to_send))
        for job, items in results:
            if items is not None:
                candidates += self._accept(job, items, 0)
        candidates = self._dedupe(candidates, findings)
        kept, findings = self._verify(candidates, findings, files)
        return self._outcome([*findings, *kept], jobs)

    def _detect(self, job: _Job, cap: int) -> list[dict[str, object]] | None:
        sf, chunk = job.sf, job.chunk
        untrusted = [sf.text, sf.path, self.context.title, self.context.body, *self.context.commit_messages]
        fence = pr.Fence(untrusted)
        code = pr.render_lines(
            sf.path, sf.language, self.safe_lines(sf), chunk.lines, chunk.added, removed=chunk.removed
        )
        block = pr.context_block(
            fence, self.context.title, self.context.body, self.context.commit_messages, PR_TEXT_LIMIT
        )
        messages = pr.detection_messages(self.prompts, fence, code, block)
        schema = self.prompts.schemas["detection"]
        answer = self.asker.ask(messages, "detection", schema, reserve_output=DETECT_OUTPUT_RESERVE, cap=cap)
        if answer in ("budget", "deadline"):
            job.skipped = str(answer)
            return None
        if not isinstance(answer, dict):
            job.skipped = "failed" if answer is None and self.asker.failures else "malformed"
            return None
        items: list[dict[str, object]] = list(answer["findings"])
        self.usage.sent_chunks += 1
        job.done = True
        self.store.cache_put(job.key, relative(items, chunk.anchor))
        return items

    def _accept(self, job: _Job, items: list[dict[str, object]], offset_base: int) -> list[Candidate]:
        """Candidates that point at added lines of the change and are not excluded classes."""
        out = []
        offset = job.chunk.anchor if offset_base else 0
        added = job.sf.change.added_lines
        for item in items:
            c = candidate_from(item, job.sf.path, offset, job.key)
            span = range(c.start_line, c.end_line + 1)
            # a real model may point past the end of the file
            inside = 1 <= c.start_line <= c.end_line <= len(job.sf.lines)
            if not inside or len(span) > MAX_FINDING_SPAN or not any(n in added for n in span):
                self.usage.dropped_outside_change += 1
                continue
            if c.category in self.excluded:
                self.usage.dropped_excluded += 1
                continue
            if c.category in NOISE_CLASSES:
                c.category = "other"
            out.append(c)
        return out

    def _dedupe(self, candidates: list[Candidate], findings: list[Finding]) -> list[Candidate]:
        out: list[Candidate] = []
        for c in candidates:
            span = (c.start_line, c.end_line)
            if any(f.category == c.category and _overlaps(c.path, span, f) for f in findings):
                continue  # a static rule already reports it; the verifier sees the static finding
            if any(
                o.path == c.path
                and o.category == c.category
                and o.start_line <= c.end_line
                and c.start_line <= o.end_line
                for o in out
            ):
                continue
            out.append(c)
        return out

    # -- verification ----------------------------------------------------------------------------
    def _verify(
        self, candidates: list[Candidate], findings: list[Finding], files: Sequence[SourceFile]
    ) -> tuple[list[Finding], list[Finding]]:
        by_path = {sf.path: sf for sf in files}
        statics = [
            Candidate(
                f.path,
                f.category,
                f.title,
                f.severity,
                f.confidence,
                f.start_line,
                f.end_line,
                f.message,
                "",
                static=f,
            )
            for f in findings
            if f.path in by_path and any(n in by_path[f.path].change.added_lines for n in f.lines)
        ]
        targets = [*candidates, *statics]
        with pool(self.settings.llm_concurrency) as executor:
            verdicts = list(executor.map(lambda c: self._verify_one(c, by_path[c.path]), targets))
        kept: list[Finding] = []
        updated: dict[int, Finding] = {}
        for c, verdict in zip(targets, verdicts, strict=True):
            if c.static is None:
                if verdict is None:
                    self.usage.dropped_unverified += 1
                elif verdict["verdict"] == "exploitable":
                    f = llm_finding(c, verdict, self.provenance)
                    kept.append(self._with_fix(f, verdict, by_path[c.path]))
                continue
            if verdict is not None:
                f = enrich_static(c.static, verdict, self.model.model)
                if f.replacement is None:
                    f = self._with_fix(f, verdict, by_path[c.path], note=True)
                f = f.with_(
                    provenance=replace(
                        f.provenance,
                        corroborated_by=(
                            *f.provenance.corroborated_by,
                            *(
                                (f"{ENGINE}:{self.model.model}",)
                                if verdict["verdict"] == "exploitable"
                                else ()
                            ),
                        ),
                    )
                )
                updated[id(c.static)] = f
        return kept, [updated.get(id(f), f) for f in findings]

    def _verify_one(self, c: Candidate, sf: SourceFile) -> dict[str, object] | None:
        lines = sf.lines
        numbers = list(range(1, len(lines) + 1))
        shown = self.safe_lines(sf)
        code = pr.render_lines(sf.path, sf.language, shown, numbers, sf.change.added_lines)
        if self.counter.count(code) > VERIFY_MAX_FILE_TOKENS:
            # a large file: the candidate's enclosing context (function, imports, called definitions)
            # and the lines around it, instead of the whole file
            around = set(
                range(max(1, c.start_line - VERIFY_WINDOW), min(len(lines), c.end_line + VERIFY_WINDOW) + 1)
            )
            for chunk in chunks_for(sf):
                if c.start_line in chunk.region or c.end_line in chunk.region:
                    around.update(chunk.lines)
            around.update(callers(lines, c.start_line, sf.language))
            numbers = sorted(around)
            code = pr.render_lines(sf.path, sf.language, shown, numbers, sf.change.added_lines)
        original = "\n".join(lines[c.start_line - 1 : c.end_line])
        description = json.dumps(
            {
                "category": c.category,
                "title": c.title,
                "start_line": c.start_line,
                "end_line": c.end_line,
                "severity": c.severity.label,
                "confidence": c.confidence.label,
                "message": c.message,
                "source": f"static rule {c.static.rule_id}" if c.static else "LLM detection",
            },
            indent=1,
        )
        anchor_text = pr.chunk_key_text(
            Chunk(sf.path, sf.language, tuple(range(c.start_line, c.end_line + 1)), sf.change.added_lines),
            lines,
        )
        rel = json.dumps([c.category, c.title, c.message, c.static.rule_id if c.static else ""])
        key = self._key("verify", c.chunk_key or pr.content_hash(sf.text), anchor_text, rel, original)
        cached = self.store.cache_get(key)
        if cached is not None:
            self.usage.cached += 1
            data: dict[str, object] = json.loads(cached)
            return data
        fence = pr.Fence([sf.text, sf.path, c.message, c.title])
        messages = pr.verification_messages(self.prompts, fence, description, code)
        schema = self.prompts.schemas["verification"]
        answer = self.asker.ask(messages, "verification", schema, reserve_output=VERIFY_OUTPUT_RESERVE)
        if not isinstance(answer, dict):
            return None
        self.store.cache_put(key, json.dumps(answer, sort_keys=True))
        return answer

    def _with_fix(
        self, f: Finding, verdict: dict[str, object], sf: SourceFile, *, note: bool = False
    ) -> Finding:
        text = verdict.get("replacement")
        if not isinstance(text, str) or not text.strip():
            return f
        original = "\n".join(sf.lines[f.start_line - 1 : f.end_line])
        span = list(f.lines)
        ok = (
            PLACEHOLDER not in text
            and text.rstrip("\n") != original
            and all(n in sf.change.added_lines for n in span)
            and text.count("\n") <= 3 * len(span) + 10
        )
        if not ok:
            self.usage.dropped_bad_fix += 1
            return f
        why = check_model_fix(original, text.rstrip("\n"), f.category, file_names(sf.text))
        if why is not None:
            logger.info("model fix for %s:%d withheld: %s", f.path, f.start_line, why)
            self.usage.dropped_bad_fix += 1
            return f.with_(remediation=(*f.remediation, NO_VERIFIED_FIX))
        fixed = f.with_(replacement=text.rstrip("\n"), fix_origin="model")
        if note:
            step = (
                f"{MODEL_FIX_STEP_PREFIX} (the LLM review with {self.model.model}) and verified by a re-scan."
            )
            fixed = fixed.with_(remediation=(*f.remediation, step))
        return fixed

    # -- fix check -------------------------------------------------------------------------------
    def confirm_fix(self, f: Finding, original: str, patched: str) -> bool:
        """A second request on a model-written fix of the model's own finding (no analyzer can
        re-check it): the fix must remove the flaw and change nothing else. False for anything
        else, or when the answer is missing or malformed."""
        if f.fix_origin != "model" or f.engine != ENGINE or f.replacement is None:
            return False
        old_lines = original.splitlines()
        before = "\n".join(old_lines[f.start_line - 1 : f.end_line])
        if contains_secret(before) or contains_secret(f.replacement):
            return False
        if patched.splitlines()[f.start_line - 1 : f.start_line - 1 + f.replacement.count("\n") + 1] != (
            f.replacement.splitlines()
        ):
            return False  # the patched file is not this fix
        description = json.dumps(
            {
                "category": f.category,
                "title": f.title,
                "message": f.message,
                "lines": [f.start_line, f.end_line],
            },
            indent=1,
        )
        key = self._key("fixcheck", f.path, description, before, f.replacement)
        cached = self.store.cache_get(key)
        if cached is not None:
            self.usage.cached += 1
            answer: object = json.loads(cached)
        else:
            fence = pr.Fence([original, f.message, f.title, f.replacement])
            # redacted like everything else the model sees (and refused above if a secret shows)
            messages = pr.fix_check_messages(
                self.prompts, fence, redact(description), redact(before), redact(f.replacement)
            )
            schema = self.prompts.schemas["fix_check"]
            answer = self.asker.ask(messages, "fix_check", schema, reserve_output=VERIFY_OUTPUT_RESERVE)
            if not isinstance(answer, dict):
                return False
            self.store.cache_put(key, json.dumps(answer, sort_keys=True))
        return (
            isinstance(answer, dict)
            and answer.get("fixed") is True
            and answer.get("changes_only_the_flaw") is True
        )

    # -- outcome ---------------------------------------------------------------------------------
    def _outcome(self, findings: list[Finding], jobs: list[_Job]) -> LLMOutcome:
        u = self.usage
        notes: list[str] = []
        coverage: dict[str, tuple[str, str]] = {}
        by_file: dict[str, list[_Job]] = {}
        for job in jobs:
            by_file.setdefault(job.sf.path, []).append(job)
        label = f"LLM ({self.model.model})"
        for path, file_jobs in by_file.items():
            missed = [j for j in file_jobs if not j.done]
            deletions = sum(1 for j in file_jobs if j.done and j.chunk.removed)
            if not missed:
                coverage[path] = (
                    label,
                    f"LLM: {deletions} hunk(s) that only delete code reviewed with the removed lines"
                    if deletions
                    else "",
                )
            else:
                reasons = sorted({j.skipped or "not sent" for j in missed})
                text = {
                    "budget": "budget reached",
                    "failed": "LLM request failed",
                    "malformed": "malformed answer",
                    "deadline": "out of time",
                }
                why = ", ".join(text.get(r, r) for r in reasons)
                done = len(file_jobs) - len(missed)
                coverage[path] = (
                    label if done else "",
                    f"LLM: {len(missed)} of {len(file_jobs)} hunk context(s) not reviewed ({why})",
                )
        ran = u.requests > 0 or u.cached > 0
        if ran:
            notes.append(
                f"LLM review with {self.model.model} (prompts {self.prompts.version}): "
                f"{u.requests} request(s), "
                f"{u.tokens:,} tokens (estimated before sending: {self.budget.estimated_tokens:,}), "
                f"about {u.cost:.4f} in the price table's currency; {u.cached} answer(s) from the cache."
            )
        skipped = [j for j in jobs if j.skipped == "budget"]
        if skipped or self.budget.refusals:
            limits = "; ".join(sorted(self.budget.refusals))
            notes.append(
                f"The LLM budget cut this review short: {len(skipped)} of {len(jobs)} hunk context(s) "
                f"were not sent to the model ({limits}). Those lines were covered by static analysis only."
            )
        late = [j for j in jobs if j.skipped == "deadline"]
        if self.asker.out_of_time:
            notes.append(
                f"The LLM pass ran out of its time inside the job's lease: {len(late)} of {len(jobs)} hunk "
                "context(s) and the findings not yet verified were covered by static analysis only."
            )
        if self.asker.failures:
            first = self.asker.failures[0]
            notes.append(
                f"The LLM pass could not complete {u.failed_requests} request(s) ({first}); the hunks and "
                "findings involved were covered by static analysis only."
            )
        dropped = {
            "malformed answer(s)": u.dropped_malformed,
            "pointing outside the change": u.dropped_outside_change,
            "in excluded classes": u.dropped_excluded,
            "not verified": u.dropped_unverified,
            "fix(es) that did not fit the change": u.dropped_bad_fix,
        }
        parts = [f"{n} {label}" for label, n in dropped.items() if n]
        if parts:
            notes.append("LLM output dropped: " + ", ".join(parts) + ".")
        if self.counter.note:
            notes.append(self.counter.note)
        return LLMOutcome(
            findings, notes, u, coverage, ran=ran, engine_label=label, confirm_fix=self.confirm_fix
        )
