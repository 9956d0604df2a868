"""Precision and recall of the analyzers on a labelled corpus (``remediator eval``).

Every case becomes part of one combined change (paths prefixed by the case id) so the whole
corpus is analysed by one semgrep and one bandit process, exactly as one large review would be.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.analysis.pipeline import review_change
from bot.config.settings import Settings
from bot.core.diffmap import parse_diff
from bot.core.review import Policy, Review
from bot.core.taxonomy import CATEGORIES
from bot.errors import InputError


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    category: str
    vulnerable: bool
    expect: tuple[tuple[str, int], ...]
    before: Path | None
    after: Path


@dataclass
class CategoryScore:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0


@dataclass
class Scores:
    by_category: dict[str, CategoryScore]
    cases: int
    other_findings: list[str]
    coverage_problems: list[str]
    review: Review | None = None

    def total(self) -> CategoryScore:
        t = CategoryScore()
        for s in self.by_category.values():
            t.tp += s.tp
            t.fn += s.fn
            t.fp += s.fp
            t.tn += s.tn
        return t

    def as_dict(self) -> dict[str, Any]:
        total = self.total()
        return {
            "cases": self.cases,
            "recall": round(total.recall, 4),
            "precision": round(total.precision, 4),
            "categories": {
                c: {
                    "tp": s.tp,
                    "fn": s.fn,
                    "fp": s.fp,
                    "tn": s.tn,
                    "recall": round(s.recall, 4),
                    "precision": round(s.precision, 4),
                    "missed": s.missed,
                    "false_alarms": s.false_alarms,
                }
                for c, s in sorted(self.by_category.items())
            },
            "other_findings": self.other_findings,
            "coverage_problems": self.coverage_problems,
        }


def load_cases(root: Path) -> list[Case]:
    if not root.is_dir():
        raise InputError(f"corpus directory not found: {root}")
    cases = []
    for case_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_path = case_dir / "case.yml"
        if not meta_path.is_file():
            continue
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        category = str(meta.get("category", ""))
        label = str(meta.get("label", ""))
        if category not in CATEGORIES or label not in {"vulnerable", "benign"}:
            raise InputError(f"{meta_path}: category must be a known id and label vulnerable|benign")
        after = case_dir / "after"
        if not after.is_dir():
            raise InputError(f"{case_dir}: missing after/")
        expect = tuple((str(e["path"]), int(e["line"])) for e in meta.get("expect") or [])
        before = case_dir / "before"
        cases.append(
            Case(
                case_dir.name,
                category,
                label == "vulnerable",
                expect,
                before if before.is_dir() else None,
                after,
            )
        )
    if not cases:
        raise InputError(f"no cases (directories with case.yml) in {root}")
    return cases


def _files(tree: Path | None) -> dict[str, bytes]:
    if tree is None:
        return {}
    return {p.relative_to(tree).as_posix(): p.read_bytes() for p in sorted(tree.rglob("*")) if p.is_file()}


def _lines(data: bytes) -> list[str]:
    lines = data.decode("utf-8", errors="replace").splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def case_diff(case: Case) -> tuple[str, dict[str, bytes]]:
    """The case as a git-style unified diff (paths prefixed by the case id), and its head files."""
    before, after = _files(case.before), _files(case.after)
    chunks = []
    for rel in sorted(set(before) | set(after)):
        path = f"{case.id}/{rel}"
        old, new = before.get(rel), after.get(rel)
        if old == new:
            continue
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
    heads = {f"{case.id}/{rel}": data for rel, data in after.items()}
    return "".join(chunks), heads


def evaluate_corpus(
    root: Path, settings: Settings, *, progress: Callable[[str], None] = lambda _: None
) -> Scores:
    cases = load_cases(root)
    diff_parts, heads = [], {}
    for case in cases:
        text, files = case_diff(case)
        diff_parts.append(text)
        heads.update(files)
    changeset = parse_diff("".join(diff_parts))
    review = review_change(changeset, heads.get, settings, policy=Policy(max_inline=10**6), progress=progress)
    scores: dict[str, CategoryScore] = {}
    other: list[str] = []
    by_case: dict[str, list[Any]] = {}
    for rf in review.findings:
        case_id, _, rel = rf.finding.path.partition("/")
        by_case.setdefault(case_id, []).append((rel, rf.finding))
    for case in cases:
        score = scores.setdefault(case.category, CategoryScore())
        found = by_case.get(case.id, [])
        same = [(rel, f) for rel, f in found if f.category == case.category]
        for rel, f in found:
            if f.category != case.category:
                other.append(f"{case.id}: {f.category} {rel}:{f.start_line} [{f.rule_id}]")
        if case.vulnerable:
            hit = (
                any(
                    rel == path and f.start_line <= line <= f.end_line
                    for rel, f in same
                    for path, line in case.expect
                )
                if case.expect
                else bool(same)
            )
            if hit:
                score.tp += 1
            else:
                score.fn += 1
                score.missed.append(case.id)
        elif same:
            score.fp += 1
            score.false_alarms.append(
                f"{case.id}: " + ", ".join(f"{rel}:{f.start_line} [{f.rule_id}]" for rel, f in same)
            )
        else:
            score.tn += 1
    problems = [f"{fc.path}: {fc.describe()}" for fc in review.coverage.files if fc.state.value != "analysed"]
    problems += list(review.failures)
    return Scores(scores, len(cases), other, problems, review)


def format_scores(scores: Scores) -> str:
    lines = [f"{'category':30} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>4} {'recall':>7} {'precision':>9}"]
    for cat, s in sorted(scores.by_category.items()):
        lines.append(f"{cat:30} {s.tp:4} {s.fn:4} {s.fp:4} {s.tn:4} {s.recall:7.2f} {s.precision:9.2f}")
    t = scores.total()
    lines.append(
        f"{'TOTAL (' + str(scores.cases) + ' cases)':30} {t.tp:4} {t.fn:4} {t.fp:4} {t.tn:4} "
        f"{t.recall:7.2f} {t.precision:9.2f}"
    )
    for _cat, s in sorted(scores.by_category.items()):
        for m in s.missed:
            lines.append(f"missed: {m}")
        for fa in s.false_alarms:
            lines.append(f"false alarm: {fa}")
    for o in scores.other_findings:
        lines.append(f"other finding: {o}")
    for p in scores.coverage_problems:
        lines.append(f"coverage: {p}")
    return "\n".join(lines) + "\n"
