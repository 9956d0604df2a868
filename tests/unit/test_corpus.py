"""Precision and recall per category on the labelled corpus, against recorded floors.

The whole corpus is analysed as one change (one semgrep and one bandit process). Floors are
recorded here and in the README; lowering one needs a reason in the commit message.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli.evaluate import evaluate_corpus, load_cases
from bot.config.settings import Settings
from bot.core.formats import review_json
from bot.core.render import markdown_report

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
HOLDOUT = Path(__file__).resolve().parents[1] / "holdout"
HOLDOUT_RECALL_FLOOR = 0.90
HOLDOUT_PRECISION_FLOOR = 0.90
OVERALL_RECALL_FLOOR = 0.95
OVERALL_PRECISION_FLOOR = 0.95
CATEGORY_RECALL_FLOOR = 0.80
CATEGORY_PRECISION_FLOOR = 0.80
REQUIRED_GROUPS = {"py", "js", "ts", "java", "go", "docker", "k8s", "gha", "tf", "secret"}
REQUIRED_CATEGORIES = {
    "sql-injection",
    "nosql-injection",
    "ldap-injection",
    "xpath-injection",
    "command-injection",
    "code-injection",
    "path-traversal",
    "deserialization",
    "xxe",
    "ssrf",
    "open-redirect",
    "xss",
    "weak-crypto",
    "insecure-randomness",
    "tls-verification",
    "hardcoded-secret",
    "debug-mode",
    "permissive-cors",
    "jwt-verification",
    "insecure-cookie",
    "workflow-injection",
    "workflow-untrusted-checkout",
    "container-privilege",
    "infrastructure-exposure",
}


@pytest.fixture(scope="module")
def scores():
    return evaluate_corpus(CORPUS, Settings())


def test_corpus_is_large_and_covers_languages_and_categories():
    cases = load_cases(CORPUS)
    assert len(cases) >= 60
    groups = {c.id.split("-")[0] for c in cases}
    assert REQUIRED_GROUPS <= groups, REQUIRED_GROUPS - groups
    vulnerable = {c.category for c in cases if c.vulnerable}
    benign = {c.category for c in cases if not c.vulnerable}
    assert REQUIRED_CATEGORIES <= vulnerable, REQUIRED_CATEGORIES - vulnerable
    assert REQUIRED_CATEGORIES <= benign, REQUIRED_CATEGORIES - benign


def test_precision_and_recall_meet_the_floors(scores):
    total = scores.total()
    report = json.dumps(scores.as_dict(), indent=1)
    assert total.recall >= OVERALL_RECALL_FLOOR, report
    assert total.precision >= OVERALL_PRECISION_FLOOR, report
    for category, s in scores.by_category.items():
        assert s.recall >= CATEGORY_RECALL_FLOOR, f"{category}: missed {s.missed}"
        assert s.precision >= CATEGORY_PRECISION_FLOOR, f"{category}: false alarms {s.false_alarms}"


def test_every_corpus_file_was_analysed(scores):
    assert scores.coverage_problems == []


def test_secrets_in_the_corpus_never_reach_any_output(scores):
    rendered = json.dumps(review_json(scores.review)) + markdown_report(scores.review)
    leaked, checked = [], 0
    for case in load_cases(CORPUS):
        if case.category != "hardcoded-secret" or not case.vulnerable:
            continue
        for path, line in case.expect:
            text = (case.after / path).read_text(encoding="utf-8").splitlines()[line - 1]
            for value in re.findall(r"""["'`]([^"'`\s]{12,})["'`]|=\s*([^\s"'`]{12,})\s*$""", text):
                secret = next(v for v in value if v)
                if secret.isidentifier() and secret.isupper():
                    continue  # a key (app.config["MAIL_PASSWORD"]): a fix may name its env var so
                checked += 1
                if secret in rendered:
                    leaked.append(f"{case.id}: {secret[:4]}...")
    assert checked >= 5, "the corpus must hold secrets for this test to mean anything"
    assert leaked == []


def test_blind_holdout_meets_its_floor():
    """Cases written by someone who never saw the rules (see tests/holdout/README.md)."""
    holdout = evaluate_corpus(HOLDOUT, Settings())
    total = holdout.total()
    assert holdout.cases >= 60
    assert total.recall >= HOLDOUT_RECALL_FLOOR, json.dumps(holdout.as_dict(), indent=1)
    assert total.precision >= HOLDOUT_PRECISION_FLOOR, json.dumps(holdout.as_dict(), indent=1)
    assert holdout.coverage_problems == []
