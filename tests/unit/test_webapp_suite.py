"""The Flask endpoint suite (tests/webapp) is consistent: expected.csv names exactly the case files on
disk, every case is one parseable route, each class has vulnerable and safe cases in both halves, and
the benchmark's scoring counts what it says it counts."""

from __future__ import annotations

import ast
import csv
import sys
from pathlib import Path

import pytest

from bot.core.taxonomy import CATEGORIES as TAXONOMY

ROOT = Path(__file__).resolve().parents[2]
SUITE = ROOT / "tests" / "webapp"
sys.path.insert(0, str(ROOT / "benchmarks"))

import webapp  # noqa: E402

CLASSES = {
    "cmdi": "CWE-78", "codeinj": "CWE-94", "deserialization": "CWE-502", "hash": "CWE-328",
    "ldapi": "CWE-90", "pathtraver": "CWE-22", "redirect": "CWE-601", "securecookie": "CWE-614",
    "sqli": "CWE-89", "trustbound": "CWE-501", "weakrand": "CWE-330", "xpathi": "CWE-643",
    "xss": "CWE-79", "xxe": "CWE-611",
}  # fmt: skip


def _rows() -> list[dict[str, str]]:
    with (SUITE / "expected.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["file", "class", "vulnerable", "cwe"]
        return list(reader)


def test_expected_csv_names_exactly_the_case_files():
    rows = _rows()
    listed = [row["file"] for row in rows]
    on_disk = sorted(p.relative_to(SUITE).as_posix() for p in (SUITE / "cases").rglob("*.py"))
    assert len(listed) == len(set(listed))
    assert sorted(listed) == on_disk
    for row in rows:
        assert row["file"] == f"cases/{row['class']}/{Path(row['file']).name}"
        assert Path(row["file"]).stem.isdigit() and len(Path(row["file"]).stem) == 4
        assert row["vulnerable"] in ("true", "false")
        assert CLASSES[row["class"]] == row["cwe"]


def _is_route(decorator: ast.expr) -> bool:
    """`@app.route(...)` or `@bp.route(...)`."""
    func = decorator.func if isinstance(decorator, ast.Call) else None
    return isinstance(func, ast.Attribute) and func.attr == "route"


def test_every_case_parses_and_is_one_flask_route():
    for path in sorted((SUITE / "cases").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        routes = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef)
            for deco in node.decorator_list
            if _is_route(deco)
        ]
        assert len(routes) == 1, path
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        assert names & {"Flask", "Blueprint"}, path


def test_each_class_has_vulnerable_and_safe_cases_in_both_halves():
    rows = _rows()
    assert {row["class"] for row in rows} == set(CLASSES)
    for cls in CLASSES:
        for parity in (0, 1):
            labels = [
                row["vulnerable"]
                for row in rows
                if row["class"] == cls and int(Path(row["file"]).stem) % 2 == parity
            ]
            assert labels.count("true") >= 2 and labels.count("false") >= 2, (cls, parity, labels)


def test_the_benchmark_maps_every_class_to_known_categories():
    assert set(webapp.CATEGORIES) == set(CLASSES)
    for categories in webapp.CATEGORIES.values():
        assert categories and categories <= set(TAXONOMY)


def test_scoring_counts_a_file_for_its_class_only_with_a_matching_category():
    cases = [
        webapp.Case("cases/sqli/0001.py", "sqli", True, "CWE-89"),
        webapp.Case("cases/sqli/0002.py", "sqli", True, "CWE-89"),
        webapp.Case("cases/sqli/0003.py", "sqli", False, "CWE-89"),
        webapp.Case("cases/sqli/0004.py", "sqli", False, "CWE-89"),
    ]
    report = {
        "findings": [
            {"path": "sqli/0001.py", "category": "sql-injection"},
            {"path": "sqli/0002.py", "category": "xss"},  # another class: loose only
            {"path": "sqli/0004.py", "category": "sql-injection"},
        ]
    }
    found = webapp.categories_by_file(report)
    result = webapp.score(cases, found, "all")
    strict = result["classes"]["sqli"]  # type: ignore[index]
    assert (strict["tp"], strict["fn"], strict["fp"], strict["tn"]) == (1, 1, 1, 1)
    assert strict["score"] == 0.0
    loose = result["loose_classes"]["sqli"]  # type: ignore[index]
    assert (loose["tp"], loose["fn"], loose["fp"], loose["tn"]) == (2, 0, 1, 1)
    held = webapp.score(cases, found, "held")["classes"]["sqli"]  # type: ignore[index]
    assert (held["tp"], held["fn"], held["fp"], held["tn"]) == (1, 0, 0, 1)


# The figures of `benchmarks/webapp.py` at 13f4ca9 (tests/webapp/README.md), pinned as floors: per split,
# the mean over the 14 classes of TPR - FPR (strict: a finding of the class's own categories).
SCORE_FLOORS = {"dev": 0.9821, "held": 0.9285}


@pytest.fixture(scope="module")
def scan_found() -> dict[str, set[str]]:
    report, _ = webapp.run_scan(webapp.default_command(), SUITE / "cases")
    return webapp.categories_by_file(report)


@pytest.mark.slow
@pytest.mark.parametrize("split", sorted(SCORE_FLOORS))
def test_the_scan_meets_its_score_floor(scan_found, split):
    result = webapp.score(webapp.load_expected(), scan_found, split)
    assert result["files"] == 112
    assert result["average_score"] >= SCORE_FLOORS[split] - 1e-9, {
        cls: round(float(r["score"]), 2) for cls, r in result["classes"].items() if float(r["score"]) < 1
    }
