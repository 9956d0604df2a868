"""Verify suggested fixes before anyone sees them: apply, parse, re-scan.

A fix is kept only when the patched file still parses, the finding it addresses is gone and no
rule fires more often than before. All candidate fixes are checked in one semgrep process.
"""

from __future__ import annotations

import ast
import logging
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.analysis.semgrep import run_semgrep
from bot.core.models import Finding, SourceFile
from bot.core.redact import contains_secret
from bot.errors import AnalyzerError

logger = logging.getLogger(__name__)


def apply_fix(text: str, finding: Finding) -> str | None:
    """``text`` with lines start..end replaced by the finding's replacement (None if impossible)."""
    if finding.replacement is None:
        return None
    lines = text.splitlines(keepends=True)
    if not 1 <= finding.start_line <= finding.end_line <= len(lines):
        return None
    last = lines[finding.end_line - 1]
    ending = last[len(last.rstrip("\r\n")) :]
    new = finding.replacement + ending
    return "".join(lines[: finding.start_line - 1]) + new + "".join(lines[finding.end_line :])


def _python_parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError):
        return False
    return True


def verify_fixes(
    findings: Sequence[Finding],
    files: Mapping[str, SourceFile],
    original_counts: Mapping[str, Counter[str]],
    workdir: Path,
    *,
    timeout: int,
    jobs: int = 0,
) -> tuple[list[Finding], int]:
    """Findings with unverifiable replacements removed, and how many were removed."""
    candidates: dict[str, tuple[int, Finding]] = {}
    variants: dict[str, str] = {}
    for index, f in enumerate(findings):
        if f.replacement is None:
            continue
        sf = files.get(f.path)
        patched = apply_fix(sf.text, f) if sf else None
        if patched is None or contains_secret(f.replacement):
            continue
        if sf and sf.language == "python" and _python_parses(sf.text) and not _python_parses(patched):
            continue
        rel = f"fix{index}/{f.path}"
        target = workdir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(patched, encoding="utf-8", errors="replace", newline="")
        candidates[rel] = (index, f)
        variants[rel] = f.path
    verified: set[int] = set()
    if candidates:
        try:
            languages = {files[f.path].language for _, f in candidates.values() if f.path in files}
            run = run_semgrep(workdir, sorted(candidates), timeout=timeout, jobs=jobs, languages=languages)
        except AnalyzerError as exc:
            logger.warning("fix verification: %s; no fix is offered", exc)
            run = None
        if run is not None:
            broken = {str(e.get("path", "")) for e in run.errors if _is_parse_error(e)}
            counts: dict[str, Counter[str]] = {}
            for r in run.results:
                counts.setdefault(str(r.get("path")), Counter())[str(r.get("check_id"))] += 1
            for rel, (index, f) in candidates.items():
                after = counts.get(rel, Counter())
                before = original_counts.get(variants[rel], Counter())
                if rel in broken:
                    continue
                if after[f.rule_id] >= before[f.rule_id]:
                    continue  # the flaw is still there
                if any(after[rule] > before[rule] for rule in after):
                    continue  # the fix introduced something else
                verified.add(index)
    out: list[Finding] = []
    dropped = 0
    for index, f in enumerate(findings):
        if f.replacement is not None and index not in verified:
            dropped += 1
            out.append(f.with_(replacement=None))
        else:
            out.append(f)
    return out, dropped


def _is_parse_error(error: Mapping[str, object]) -> bool:
    kind = error.get("type")
    text = str(kind[0] if isinstance(kind, list) and kind else kind)
    return "Syntax" in text or "Parse" in text or "Lexical" in text
