"""Issue 12 item 4: each work item of a plan says what to validate before deploying its fix (the
test to add, what to check in staging), for every class of flaw in the taxonomy, in every rendering."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from bot.core.models import Confidence, Severity
from bot.core.taxonomy import CATEGORIES
from bot.core.validation import VALIDATIONS, validation
from bot.store.models import State
from bot.store.plan import build_plan, plan_csv, plan_json, plan_markdown, plan_text
from bot.store.query import AdvisoryRecord

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def record(n: int = 1, **over: object) -> AdvisoryRecord:
    base = AdvisoryRecord(
        id=n, host="github", repo="acme/app", fingerprint=f"{n:08x}" + "ab" * 12, rule_id="py.sqli",
        engine="semgrep", category="sql-injection", cwe="CWE-89", title="SQL injection: concatenation",
        severity=Severity.HIGH, confidence=Confidence.HIGH, risk=3.0, path="app/db.py", start_line=10 + n,
        end_line=10 + n, symbol="", message="m", explanation="",
        remediation=("Use parameters.", "Add a test."), replacement=None, excerpt="",
        first_pr=7, first_commit="a" * 40, last_pr=9, last_commit="b" * 40,
        first_seen_at=NOW, last_seen_at=NOW, state=State.OPEN, state_changed_at=NOW, state_actor="",
        state_reason="", accepted_until=None, approver="", merged_while_open=False, merged_pr=None,
        merge_commit=None, merged_at=None, closed_unmerged=False, owners=("@team",),
        due_at=NOW + dt.timedelta(days=14), overdue=False, age_days=0, sla_level=Severity.HIGH,
        exposure="", asset="", risk_factors={},
    )  # fmt: skip
    return replace(base, **over)  # type: ignore[arg-type]


@pytest.mark.parametrize("category_id", sorted(CATEGORIES))
def test_every_category_of_the_taxonomy_has_its_own_validation(category_id):
    # a category added to the taxonomy without a validation entry fails here
    assert category_id in VALIDATIONS
    v = validation(category_id)
    assert 40 <= len(v.test) <= 400 and 30 <= len(v.staging) <= 400
    assert "\n" not in v.test + v.staging and v.test.isprintable() and v.staging.isprintable()
    if category_id != "other":
        assert v != VALIDATIONS["other"]


def test_the_table_names_no_category_the_taxonomy_lacks_and_entries_are_distinct():
    assert set(VALIDATIONS) == set(CATEGORIES)
    assert len({v.test for v in VALIDATIONS.values()}) == len(VALIDATIONS)
    assert len({v.staging for v in VALIDATIONS.values()}) == len(VALIDATIONS)


def test_an_unknown_category_gets_the_generic_validation():
    assert validation("no-such-class") == validation("other") == VALIDATIONS["other"]
    assert validation("") == VALIDATIONS["other"]


def test_the_classes_the_issue_names_say_what_it_asks():
    sql = validation("sql-injection").test
    assert "' OR '1'='1" in sql and "quote" in sql and "parameter" in sql
    path = validation("path-traversal").test
    assert "../" in path and "%2e%2e%2f" in path and "absolute" in path and "4xx" in path
    redirect = validation("open-redirect").test
    assert "//evil.example" in redirect and "/\\evil.example" in redirect
    assert "https://evil.example" in redirect
    dep = validation("vulnerable-dependency")
    assert "lock file" in dep.test and "test suite passes" in dep.test and "affected" in dep.test
    assert "scan" in dep.staging


def _items():
    records = [
        record(1),
        record(2, path="app/other.py"),
        record(3, category="path-traversal", rule_id="py.path", cwe="CWE-22", title="Path traversal: open"),
        record(4, category="brand-new-class", rule_id="llm.x", cwe="CWE-1", title="Odd: thing", risk=1.0),
        record(5, category="vulnerable-dependency", rule_id="vulnerable-dependency", cwe="CWE-1395",
               title="Vulnerable dependency: PyYAML 5.3", path="requirements.txt", risk=2.0),
    ]  # fmt: skip
    return records, build_plan(records)


def test_json_carries_validation_for_each_item():
    records, items = _items()
    doc = json.loads(plan_json(items, len(records)))
    by_category = {w["category"]: w for w in doc["work_items"]}
    assert set(by_category) == {"sql-injection", "path-traversal", "brand-new-class", "vulnerable-dependency"}
    for cat, w in by_category.items():
        assert w["validation"] == {"test": validation(cat).test, "staging": validation(cat).staging}
    assert by_category["brand-new-class"]["validation"]["test"] == VALIDATIONS["other"].test


def test_csv_has_validation_columns():
    _, items = _items()
    rows = list(csv.DictReader(io.StringIO(plan_csv(items))))
    assert len(rows) == len(items)
    for row, item in zip(rows, items, strict=True):
        assert row["validation_test"] == item.validation.test
        assert row["validation_staging"] == item.validation.staging


def test_markdown_and_text_show_the_test_and_the_staging_check():
    records, items = _items()
    md = plan_markdown(items, len(records))
    text = plan_text(items, len(records))
    assert md.count("- Test to add: ") == md.count("- Check in staging: ") == len(items)
    assert text.count("test to add: ") == text.count("check in staging: ") == len(items)
    sql = next(i for i in items if i.category == "sql-injection")
    assert f"test to add: {sql.validation.test}" in text
    # Markdown escapes its metacharacters: the path traversal's backslash-free text survives as words
    assert "- Test to add: Send a value holding a quote" in md
    section = md.split("## 1. ", 1)[1]
    assert section.index("Before deploying:") > section.index("1. Use parameters.")


def test_hostile_category_text_is_not_an_entry_and_the_table_is_not_changed():
    _, items = _items()
    items[0].category = "sql-injection\x1b]0;x\x07"
    assert items[0].validation == VALIDATIONS["other"]
