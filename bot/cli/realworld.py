"""Recall, fix-side false positives and discrimination on real security fixes (``remediator eval``).

Each case (tests/realworld/README.md) is reviewed twice: the introducing change (fixed -> vulnerable)
and the fixing change (vulnerable -> fixed). All cases of one side form one combined change (paths
prefixed by the case id), so a whole side costs one review. Uses the pipeline; imports no host.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from bot.analysis.pipeline import analyse
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff
from bot.core.models import ChangeSet, Confidence, Finding
from bot.core.review import reported_in_change
from bot.errors import InputError

INTRODUCING = "introducing"
FIXING = "fixing"
INLINE_CONFIDENCE = Confidence.MEDIUM
"""Findings at this confidence or above are the ones a review comments inline."""


@dataclass(frozen=True, slots=True)
class RealCase:
    id: str
    language: str
    cwe: str
    category: str
    vulnerable: Path
    fixed: Path


def is_realworld(root: Path) -> bool:
    """Whether ``root`` holds real-world cases (``vulnerable/`` and ``fixed/``) rather than a corpus."""
    return any((d / "case.yml").is_file() and (d / "vulnerable").is_dir() for d in _case_dirs(root))


def _case_dirs(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def load_realworld(root: Path, languages: Iterable[str] = ()) -> list[RealCase]:
    """The cases under ``root`` (only those of ``languages`` when given)."""
    wanted = {lang.lower() for lang in languages}
    if not root.is_dir():
        raise InputError(f"real-world directory not found: {root}")
    cases = []
    for case_dir in _case_dirs(root):
        meta_path = case_dir / "case.yml"
        if not meta_path.is_file():
            continue
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        vulnerable, fixed = case_dir / "vulnerable", case_dir / "fixed"
        if not vulnerable.is_dir() or not fixed.is_dir():
            raise InputError(f"{case_dir}: needs vulnerable/ and fixed/")
        language = str(meta.get("language") or "unknown").lower()
        if wanted and language not in wanted:
            continue
        cases.append(
            RealCase(
                case_dir.name,
                language,
                str(meta.get("cwe") or "unknown").upper(),
                str(meta.get("category") or "other"),
                vulnerable,
                fixed,
            )
        )
    if not cases:
        raise InputError(f"no real-world cases (directories with case.yml) in {root}")
    return cases


def _files(tree: Path) -> dict[str, bytes]:
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def _lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8", errors="replace").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def side_change(cases: Iterable[RealCase], side: str) -> tuple[str, dict[str, bytes]]:
    """One side of every case as one git-style diff (paths prefixed by case id) and its head files."""
    chunks: list[str] = []
    heads: dict[str, bytes] = {}
    for case in cases:
        old_tree, new_tree = (case.fixed, case.vulnerable)
        if side == FIXING:
            old_tree, new_tree = new_tree, old_tree
        before, after = _files(old_tree), _files(new_tree)
        for rel in sorted(set(before) | set(after)):
            old, new = before.get(rel), after.get(rel)
            if old == new:
                continue
            path = f"{case.id}/{rel}"
            header = f"diff --git a/{path} b/{path}\n"
            if old is None:
                header += "new file mode 100644\n"
            elif new is None:
                header += "deleted file mode 100644\n"
            body = difflib.unified_diff(
                _lines(old or b""),
                _lines(new or b""),
                fromfile=f"a/{path}" if old is not None else "/dev/null",
                tofile=f"b/{path}" if new is not None else "/dev/null",
            )
            chunks.append(header + "".join(body))
        heads.update({f"{case.id}/{rel}": data for rel, data in after.items()})
    return "".join(chunks), heads


@dataclass(frozen=True, slots=True)
class SideResult:
    """Which cases one side flagged: any finding on an added line, an inline-tier one, and (beside
    the first) one the review reports in its summary although it lies on no added line: a finding
    about the change itself (``diff-`` rules), anchored beside lines the change only deletes."""

    any: frozenset[str]
    inline: frozenset[str]
    findings: dict[str, list[str]]
    tokens: int = 0
    cost: float = 0.0
    failures: tuple[str, ...] = ()
    beside_deletions: frozenset[str] = frozenset()

    @property
    def reported(self) -> frozenset[str]:
        """Cases with any finding the review reports (in its comments or its summary)."""
        return self.any | self.beside_deletions


def _flags(findings: Iterable[Finding], changeset: ChangeSet) -> SideResult:
    flagged: set[str] = set()
    inline: set[str] = set()
    beside: set[str] = set()
    described: dict[str, list[str]] = {}
    for f in findings:
        fc = changeset.file(f.path)
        if fc is None:
            continue
        case_id, _, rel = f.path.partition("/")
        if not any(n in fc.added_lines for n in f.lines):
            # build_review keeps these in the review (summary): the change deleted what they name
            if reported_in_change(f, fc):
                beside.add(case_id)
                described.setdefault(case_id, []).append(
                    f"{rel}:{f.start_line} {f.rule_id} ({f.confidence.label}, beside deleted lines)"
                )
            continue
        flagged.add(case_id)
        if f.confidence >= INLINE_CONFIDENCE:
            inline.add(case_id)
        described.setdefault(case_id, []).append(f"{rel}:{f.start_line} {f.rule_id} ({f.confidence.label})")
    return SideResult(frozenset(flagged), frozenset(inline), described, beside_deletions=frozenset(beside))


def review_side(
    cases: list[RealCase], side: str, settings: Settings, progress: Callable[[str], None]
) -> SideResult:
    diff, heads = side_change(cases, side)
    if not diff:
        return SideResult(frozenset(), frozenset(), {})
    changeset = parse_diff(diff)
    result = analyse(changeset, heads.get, settings, progress=progress)
    flags = _flags(result.findings, changeset)
    return replace(flags, tokens=result.usage.tokens, cost=result.usage.cost, failures=tuple(result.failures))


@dataclass
class Tally:
    cases: int = 0
    recall: int = 0
    fix_flagged: int = 0
    discriminated: int = 0

    def add(self, introduced: bool, fixed_flagged: bool) -> None:
        self.cases += 1
        self.recall += introduced
        self.fix_flagged += fixed_flagged
        self.discriminated += introduced and not fixed_flagged

    def as_dict(self) -> dict[str, Any]:
        n = self.cases or 1
        return {
            "cases": self.cases,
            "recall": round(self.recall / n, 4),
            "fix_fp_rate": round(self.fix_flagged / n, 4),
            "discrimination": round(self.discriminated / n, 4),
        }


@dataclass
class ModeScores:
    """Figures for one way of counting "flagged" (any finding, or inline tier)."""

    overall: Tally = field(default_factory=Tally)
    by_language: dict[str, Tally] = field(default_factory=dict)
    by_cwe: dict[str, Tally] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.as_dict(),
            "by_language": {k: v.as_dict() for k, v in sorted(self.by_language.items())},
            "by_cwe": {k: v.as_dict() for k, v in sorted(self.by_cwe.items())},
        }


@dataclass
class RunScores:
    """One run (static only, or with the LLM pass) over every case."""

    label: str
    any: ModeScores
    inline: ModeScores
    per_case: dict[str, dict[str, Any]]
    reported: ModeScores = field(default_factory=ModeScores)
    tokens: int = 0
    cost: float = 0.0
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = len(self.per_case) or 1
        return {
            "label": self.label,
            "any_finding": self.any.as_dict(),
            "inline_tier": self.inline.as_dict(),
            "reported": self.reported.as_dict(),
            "tokens": self.tokens,
            "tokens_per_case": round(self.tokens / n, 1),
            "cost": round(self.cost, 6),
            "cost_per_case": round(self.cost / n, 6),
            "failures": self.failures,
            "cases": self.per_case,
        }


def _score(label: str, cases: list[RealCase], intro: SideResult, fix: SideResult) -> RunScores:
    modes = {"any": ModeScores(), "inline": ModeScores(), "reported": ModeScores()}
    per_case: dict[str, dict[str, Any]] = {}
    sets = {
        "any": (intro.any, fix.any),
        "inline": (intro.inline, fix.inline),
        "reported": (intro.reported, fix.reported),
    }
    for case in cases:
        for mode, scores in modes.items():
            i_set, f_set = sets[mode]
            hit, fp = case.id in i_set, case.id in f_set
            for tally in (
                scores.overall,
                scores.by_language.setdefault(case.language, Tally()),
                scores.by_cwe.setdefault(case.cwe, Tally()),
            ):
                tally.add(hit, fp)
        per_case[case.id] = {
            "introducing": intro.findings.get(case.id, []),
            "fixing": fix.findings.get(case.id, []),
        }
    return RunScores(
        label,
        modes["any"],
        modes["inline"],
        per_case,
        reported=modes["reported"],
        tokens=intro.tokens + fix.tokens,
        cost=intro.cost + fix.cost,
        failures=[*intro.failures, *fix.failures],
    )


def evaluate_realworld(
    root: Path,
    settings: Settings,
    *,
    languages: Iterable[str] = (),
    progress: Callable[[str], None] = lambda _: None,
) -> list[RunScores]:
    """Static-only figures, then (with a model configured) the same with the LLM pass."""
    cases = load_realworld(root, languages)
    runs = []
    static = replace(settings, llm_enabled=False)
    plan = [("static", static)] + ([("llm", settings)] if settings.llm_configured else [])
    for label, run_settings in plan:
        progress(f"{label}: reviewing {len(cases)} introducing changes")
        intro = review_side(cases, INTRODUCING, run_settings, progress)
        progress(f"{label}: reviewing {len(cases)} fixing changes")
        fix = review_side(cases, FIXING, run_settings, progress)
        runs.append(_score(label, cases, intro, fix))
    return runs


def _row(name: str, t: Tally) -> str:
    d = t.as_dict()
    return f"{name:34} {t.cases:5} {d['recall']:7.1%} {d['fix_fp_rate']:7.1%} {d['discrimination']:8.1%}"


def format_realworld(runs: list[RunScores]) -> str:
    lines: list[str] = []
    for run in runs:
        for mode_name, mode in (
            ("any finding on an added line", run.any),
            ("inline tier", run.inline),
            ("any finding the review reports (also beside deleted lines)", run.reported),
        ):
            lines.append(f"== {run.label}: flagged = {mode_name}")
            lines.append(f"{'':34} {'cases':>5} {'recall':>7} {'fix FP':>7} {'discrim':>8}")
            lines.append(_row("overall", mode.overall))
            lines += [_row(f"language {k}", v) for k, v in sorted(mode.by_language.items())]
            lines += [_row(f"{k}", v) for k, v in sorted(mode.by_cwe.items())]
        if run.label == "llm":
            n = len(run.per_case) or 1
            lines.append(f"LLM: {run.tokens} tokens ({run.tokens / n:.0f} per case), cost {run.cost:.4f}")
        lines += [f"failure: {f}" for f in run.failures]
    return "\n".join(lines) + "\n"
